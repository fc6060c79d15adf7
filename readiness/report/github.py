"""GitHub Actions workflow commands: one annotation per active or baselined finding.

Format: ``::error file=PATH,line=N,col=C,endLine=E,title=RDY101 name::message``.
"""
from __future__ import annotations

from readiness.model import Diagnostic, Finding, Report
from readiness.rule import get_rule

LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, props: list[tuple[str, object]], message: str) -> str:
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{level}{' ' + rendered if rendered else ''}::{escape_data(message)}"


def finding_command(f: Finding) -> str:
    loc = f.location
    props: list[tuple[str, object]] = [("file", loc.path), ("line", loc.line), ("col", loc.column)]
    if loc.end_line is not None:
        props.append(("endLine", loc.end_line))
    rule = get_rule(f.rule)
    props.append(("title", f"{f.rule} {rule.name}" if rule is not None else f.rule))
    message = f.message + (" (baselined)" if f.state == "baselined" else "")
    return _command(LEVELS[f.severity.value], props, message)


def diagnostic_command(d: Diagnostic) -> str:
    props: list[tuple[str, object]] = []
    if d.path:
        props.append(("file", d.path))
        if d.line:
            props.append(("line", d.line))
    return _command("error" if d.blocking else "warning", props, f"{d.kind}: {d.message}")


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    lines = [finding_command(f) for f in report.findings if f.state in ("active", "baselined")]
    lines += [diagnostic_command(d) for d in report.diagnostics]
    score = "n/a" if report.overall is None else str(report.overall)
    lines.append(_command("notice", [], f"readiness overall {score} ({report.status})"))
    return "\n".join(lines) + "\n"
