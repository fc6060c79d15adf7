"""SARIF 2.1.0 for GitHub code scanning (see the ecosystem conventions).

URIs are relative to ``%SRCROOT%``; no absolute path and no source snippet is ever written.
"""
from __future__ import annotations

import io
from urllib.parse import quote

from readiness import docs
from readiness.model import Area, Diagnostic, Finding, Report
from readiness.report.streaming import Lazy, write_json
from readiness.rule import get_rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/readiness-dev/readiness"
FINGERPRINT_KEY = "readiness/v1"
SRCROOT = "%SRCROOT%"


def _uri(path: str) -> str:
    """A relative URI reference for a scanned path (``:`` escaped so it cannot read as a scheme)."""
    return quote(path.replace("\\", "/"), safe="/!$&'()*+,;=@-._~")


def _rule_descriptor(rule_id: str, area: Area | None = None) -> dict:
    rule = get_rule(rule_id)
    if rule is None:  # a users' semgrep rule, or one no longer registered: keep the result valid
        tags = ["readiness"]
        try:
            tags.append(f"readiness/{(area or Area.from_rule_id(rule_id)).value}")
        except (ValueError, IndexError):
            pass
        return {"id": rule_id, "shortDescription": {"text": rule_id}, "properties": {"tags": tags}}
    properties: dict = {
        "tags": ["readiness", f"readiness/{rule.area().value}"],
        "precision": rule.precision,
    }
    if rule.security_severity:
        # GitHub ranks a result as a security alert only when its rule has both the tag and the score
        properties["tags"].insert(0, "security")
        properties["security-severity"] = str(rule.security_severity)
    page = docs.markdown(rule)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.what(rule) or rule.summary},
        "help": {"text": page, "markdown": page},
        "helpUri": docs.help_uri(rule, versioned=True),
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": properties,
    }


def _region(f: Finding) -> dict:
    loc = f.location
    region = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column
    return region


def _result(f: Finding, index: int, baseline_used: bool = False) -> dict:
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": f.severity.value,
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(f.location.path), "uriBaseId": SRCROOT},
                "region": _region(f),
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"area": f.area.value, "project": f.project},
    }
    if f.edit is not None:  # the fix `readiness fix` applies, for code-scanning UIs to offer
        e = f.edit
        result["fixes"] = [{
            "description": {"text": f"Replace `{e.old}` with `{e.new}`"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.location.path), "uriBaseId": SRCROOT},
                "replacements": [{
                    "deletedRegion": {"startLine": e.line, "startColumn": e.column, "endLine": e.line,
                                      "endColumn": e.end_column},
                    "insertedContent": {"text": e.new},
                }],
            }],
        }]
    if f.location.cell is not None:  # the region is the .ipynb file's line; these name the cell
        result["properties"].update(notebookCell=f.location.cell, notebookCellLine=f.location.cell_line)
    if f.state == "suppressed":
        suppression = {"kind": "inSource" if f.suppression_kind == "inSource" else "external"}
        if f.justification:
            suppression["justification"] = f.justification
        result["suppressions"] = [suppression]
    elif f.state == "baselined":
        result["baselineState"] = "unchanged"
    elif baseline_used:
        result["baselineState"] = "new"  # compared with a baseline and not in it
    return result


def _notification(d: Diagnostic) -> dict:
    note: dict = {
        "level": "error" if d.blocking else "warning",
        "message": {"text": f"{d.kind}: {d.message}"},
        "descriptor": {"id": d.kind},
    }
    if d.path:
        physical: dict = {"artifactLocation": {"uri": _uri(d.path), "uriBaseId": SRCROOT}}
        if d.line:
            physical["region"] = {"startLine": d.line}
        note["locations"] = [{"physicalLocation": physical}]
    return note


def to_sarif(report: Report, lazy: bool = False) -> dict:
    rule_ids = sorted(set(report.rules_run) | {f.rule for f in report.findings})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    areas = {f.rule: f.area for f in report.findings}
    run = {
        "tool": {
            "driver": {
                "name": "readiness",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rid, areas.get(rid)) for rid in rule_ids],
            },
        },
        "automationDetails": {"id": "readiness/"},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The repository root (git top level, else the config file folder)"}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": report.complete,
            "exitCode": report.exit_code if report.exit_code is not None else (0 if report.gate.get("passed") else 1),
            "toolExecutionNotifications": [_notification(d) for d in report.diagnostics],
        }],
        "results": (Lazy if lazy else list)(_result(f, index[f.rule], report.baseline_used) for f in report.findings),
        "properties": {
            "readiness": {
                "overall": {"score": report.overall, "status": report.status},
                "areas": {a.area.value: {"score": a.score, "status": a.status} for a in report.areas},
                "projects": {p.path: {"score": p.overall, "status": p.status} for p in report.projects},
            },
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(report: Report, out, *, color: bool = False, width: int | None = None) -> None:
    """Stream the log to ``out`` (same bytes as ``render``) so huge scans stay within memory."""
    write_json(to_sarif(report, lazy=True), out)
    out.write("\n")


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()
