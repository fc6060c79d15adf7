"""One line per finding, as ruff prints them: ``path:line:col: RDY101 message`` (``RDY101 [*]``
when ``readiness fix`` can fix it).

Made for the pre-commit hook: pre-commit shows a failing hook's output and may run it several
times on batches of files, so each run prints only its findings (never a scorecard that two
batches would contradict), then one summary line. Blocking diagnostics (a file that could not be
read) print the same way, so an incomplete scan says why.
"""
from __future__ import annotations

from readiness.model import Report


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    lines = []
    for f in report.findings:
        if f.state != "active":
            continue
        loc = f.location
        where = f"{loc.path}:{loc.line}:{loc.column}"
        if loc.cell is not None:
            where += f" (cell {loc.cell}:{loc.cell_line})"
        lines.append(f"{where}: {f.rule}{' [*]' if f.edit is not None else ''} {f.message}")
    for d in report.diagnostics:
        if d.blocking:
            lines.append(f"{d.path or '.'}:{d.line or 1}:1: {d.kind} {d.message}")
    active = sum(1 for f in report.findings if f.state == "active")
    fixable = sum(1 for f in report.findings if f.state == "active" and f.edit is not None)
    verdict = "passed" if report.gate.get("passed", True) else "FAILED"
    lines.append(f"readiness: {active} finding(s); gate {verdict}"
                 + (f" ({'; '.join(report.gate['reasons'])})" if report.gate.get("reasons") else "")
                 + (f"; [*] {fixable} fixable with `readiness fix`" if fixable else ""))
    return "\n".join(lines) + "\n"
