"""The JSON report: a documented, versioned schema (docs/json-schema.md).

Finding snippets are never written: they are raw source and may hold secrets.
"""
from __future__ import annotations

import io

from readiness.model import Diagnostic, Evidence, Finding, Report
from readiness.report.streaming import Lazy, write_json
from readiness.rule import get_rule

TOOL_NAME = "readiness"


def _rule_name(rule_id: str) -> str:
    rule = get_rule(rule_id)
    return rule.name if rule is not None else ""


def finding_dict(f: Finding) -> dict:
    loc = f.location.to_dict()
    out = {
        "rule": f.rule,
        "name": _rule_name(f.rule),
        "area": f.area.value,
        "severity": f.severity.value,
        "message": f.message,
        "path": loc["path"],
        "line": loc["line"],
        "column": loc["column"],
        "end_line": loc["end_line"],
        "end_column": loc["end_column"],
        "fingerprint": f.fingerprint,
        "project": f.project,
        "state": f.state,
        "justification": f.justification,
        "fix": f.fix,
    }
    if "cell" in loc:  # notebooks: which cell, and the line inside it
        out["cell"], out["cell_line"] = loc["cell"], loc["cell_line"]
    if f.edit is not None:  # what `readiness fix` would change
        e = f.edit
        out["edit"] = {"line": e.line, "column": e.column, "end_column": e.end_column, "old": e.old, "new": e.new}
    return out


def evidence_dict(e: Evidence) -> dict:
    return {
        "rule": e.rule,
        "area": e.area.value,
        "path": e.location.path,
        "line": e.location.line,
        "note": e.note,
        "kind": e.kind,
        "project": e.project,
    }


def diagnostic_dict(d: Diagnostic) -> dict:
    return {"kind": d.kind, "path": d.path, "line": d.line, "message": d.message, "blocking": d.blocking}


def to_dict(report: Report, lazy: bool = False) -> dict:
    """The whole report as plain data, keys in documented order (big lists lazily when writing)."""
    many = Lazy if lazy else list
    return {
        "schema_version": report.schema_version,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "complete": report.complete,
        "mode": report.mode,
        "files_scanned": report.files_scanned,
        "lines_scanned": report.lines_scanned,
        "overall": {"score": report.overall, "status": report.status},
        "areas": {a.area.value: a.to_dict() for a in report.areas},
        "projects": [p.to_dict() for p in report.projects],
        "gate": dict(report.gate),
        "findings": many(finding_dict(f) for f in report.findings),
        "evidence": many(evidence_dict(e) for e in report.evidence),
        "models": [m.to_dict() for m in report.models],
        "tools": [t.to_dict() for t in report.tools],
        "entry_points": [e.to_dict() for e in report.entry_points],
        "guardrails": list(report.guardrails),
        "tracing": list(report.tracing),
        "evals": list(report.evals),
        "gaps": report.gaps.to_dict() if report.gaps is not None else None,
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
        "rules_run": list(report.rules_run),
    }


def write(report: Report, out, *, color: bool = False, width: int | None = None) -> None:
    """Stream the report to ``out``: the same bytes as ``render``, without the whole text in memory."""
    write_json(to_dict(report, lazy=True), out)
    out.write("\n")


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
