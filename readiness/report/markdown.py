"""Markdown for a pull-request comment: score, area table, findings, evidence, diagnostics, gate."""
from __future__ import annotations

from readiness.model import Area, AreaScore, Finding, Report

MAX_FINDINGS = 50
MAX_EVIDENCE = 100
STATUS_ICON = {"pass": "🟢", "warn": "🟡", "fail": "🔴", "n/a": "⚪", "unknown": "❔"}
STATE_ORDER = {"active": 0, "baselined": 1, "suppressed": 2}


def cell(text: object) -> str:
    """Make text safe inside a table cell: one line, pipes escaped, HTML tags not interpreted."""
    parts = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ").split("`")
    # Outside code spans `<` would start an HTML tag that GitHub strips; inside them it is literal.
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts).replace("|", "\\|")


def _score(score: int | None) -> str:
    return "n/a" if score is None else str(score)


def _status(status: str) -> str:
    icon = STATUS_ICON.get(status)
    return f"{icon} {status}" if icon else status


def _location(path: str, line: int | None) -> str:
    where = path if line is None else f"{path}:{line}"
    return f"`{where}`" if "`" not in where else where


def _locations(locations, limit: int = 5) -> str:
    shown = ", ".join(_location(loc.path, loc.line) for loc in locations[:limit])
    return shown + (f" and {len(locations) - limit} more" if len(locations) > limit else "")


def _finding_row(f: Finding) -> str:
    message = f.message
    if f.state == "baselined":
        message += " _(baselined)_"
    elif f.state == "suppressed":
        message += f" _(suppressed: {f.justification})_" if f.justification else " _(suppressed)_"
    where = _location(f.location.path, f.location.line)
    if f.location.cell is not None:
        where += f" cell {f.location.cell}:{f.location.cell_line}"
    return f"| {f.severity.value} | {f.rule} | {cell(where)} | {cell(message)} |"


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    lines = [
        f"## readiness: {_score(report.overall)}/100 ({report.status})",
        "",
        f"{report.files_scanned} files, {report.lines_scanned} lines scanned with readiness {report.tool_version}"
        + (" (file mode: project-level rules skipped)" if report.mode == "files" else "")
        + ("" if report.complete else " — **scan incomplete**, see diagnostics"),
        "",
        "| Area | Score | Status | Findings | In place |",
        "|---|---:|---|---:|---:|",
    ]
    by_area = {a.area: a for a in report.areas}
    for area in Area:
        a = by_area.get(area) or AreaScore(area, None, "n/a")
        lines.append(f"| {area.title} | {_score(a.score)} | {_status(a.status)} | {a.findings} | {a.evidence} |")
    lines.append(
        f"| **Overall** | **{_score(report.overall)}** | {_status(report.status)} "
        f"| {sum(a.findings for a in report.areas)} | {sum(a.evidence for a in report.areas)} |"
    )

    if len(report.projects) > 1:
        lines += ["", "| Project | Score | Status |", "|---|---:|---|"]
        lines += [f"| {cell(_location(p.path, None))} | {_score(p.overall)} | {_status(p.status)} |" for p in report.projects]

    lines += ["", "### Findings", ""]
    ordered = sorted(report.findings, key=lambda f: (STATE_ORDER.get(f.state, 3), -f.severity.rank))
    if ordered:
        lines += ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
        lines += [_finding_row(f) for f in ordered[:MAX_FINDINGS]]
        if len(ordered) > MAX_FINDINGS:
            lines += ["", f"... and {len(ordered) - MAX_FINDINGS} more findings (see the full report)."]
    else:
        lines.append("No findings.")

    if report.models:
        lines += ["", f"### Model manifest ({len(report.models)})", "",
                  "| Model | Provider | Pinned | Set at | Used at |", "|---|---|---|---|---|"]
        for m in report.models:
            pinned = "yes" if m.pinned else f"no ({m.status})"
            lines.append(f"| {cell(_location(m.model, None))} | {m.provider} | {pinned} "
                         f"| {cell(_locations(m.set_at))} | {cell(_locations(m.used_at))} |")

    if report.tools:
        lines += ["", f"### Tool inventory ({len(report.tools)})", "",
                  "| Tool | Location | Can | Human confirmation |", "|---|---|---|---|"]
        for t in report.tools:
            can = ", ".join(sorted({c["kind"] for c in t.capabilities})) or "-"
            confirm = t.confirmation or ("**none**" if t.destructive else "none")
            if t.flag:
                confirm += f"; behind flag `{t.flag}`"
            lines.append(f"| {cell(_location(t.name, None))} | {cell(_location(t.path, t.line))} | {cell(can)} | {cell(confirm)} |")

    lines += _coverage_sections(report)

    if report.evidence:
        lines += ["", f"<details><summary>In place ({len(report.evidence)})</summary>", "",
                  "| Area | Rule | Location | Note |", "|---|---|---|---|"]
        for e in report.evidence[:MAX_EVIDENCE]:
            lines.append(f"| {e.area.title} | {e.rule} | {cell(_location(e.location.path, e.location.line))} | {cell(e.note)} |")
        if len(report.evidence) > MAX_EVIDENCE:
            lines += ["", f"... and {len(report.evidence) - MAX_EVIDENCE} more."]
        lines += ["", "</details>"]

    if report.diagnostics:
        lines += ["", f"<details><summary>Diagnostics ({len(report.diagnostics)})</summary>", "",
                  "| Kind | Location | Message | Blocking |", "|---|---|---|---|"]
        for d in report.diagnostics:
            where = _location(d.path, d.line) if d.path else ""
            lines.append(f"| {cell(d.kind)} | {cell(where)} | {cell(d.message)} | {'yes' if d.blocking else 'no'} |")
        lines += ["", "</details>"]

    gate = report.gate
    if "passed" in gate:
        when = f" _(model retirements judged as of {gate['as_of']})_" if gate.get("as_of") else ""
        if gate["passed"]:
            lines += ["", f"**Gate: passed**{when}"]
        else:
            lines += ["", "**Gate: FAILED** — " + ("; ".join(gate.get("reasons", [])) or "failed") + when]
    return "\n".join(lines) + "\n"


MAX_CALLS = 50
CATEGORY_TITLES = ("Happy path", "Edge cases", "Out of scope", "Tool use", "Failure recovery")


def _coverage_sections(report: Report) -> list[str]:
    """Entry points, guardrail inventory, tracing coverage and the eval matrix."""
    lines: list[str] = []
    if report.entry_points:
        lines += ["", f"### Entry points ({len(report.entry_points)})", "",
                  "| Entry point | Kind | Location | User text | Input limit | Reaches the agent | Gate |",
                  "|---|---|---|---|---|---|---|"]
        for e in report.entry_points:
            text = ", ".join(e.text_inputs) or "-"
            limit = e.input_limit or ("**none**" if e.text_inputs and e.reaches_agent != "none" else "none")
            lines.append(f"| {cell(_location(e.name, None))} | {e.kind} ({cell(e.framework)}) "
                         f"| {cell(_location(e.path, e.line))} | {cell(text)} | {cell(limit)} "
                         f"| {cell(e.reaches_agent)} | {cell(e.gate or '-')} |")
    if report.guardrails:
        lines += ["", f"### Guardrails ({len(report.guardrails)})", "",
                  "| Stage | Guardrail | Kind | Location |", "|---|---|---|---|"]
        for g in report.guardrails:
            lines.append(f"| {g['direction']} | {cell(g['label'])} | {g['kind']} | {cell(_location(g['path'], g['line']))} |")
    for row in report.tracing:
        calls = row["calls"]
        traced = sum(1 for c in calls if c["status"] == "traced")
        title = "Tracing coverage" + (f" ({row['project']})" if row["project"] != "." else "")
        setups = ", ".join(row["setups"]) or "none"
        lines += ["", f"### {title}", "", f"Tracing: {cell(setups)}. Model calls traced: {traced} of {len(calls)}."]
        gaps = [c for c in calls if c["status"] != "traced"]
        if gaps:
            lines += ["", "| Model call | Library | Location | Status |", "|---|---|---|---|"]
            for c in gaps[:MAX_CALLS]:
                lines.append(f"| {cell(_location(c['call'], None))} | {c['family']} | {cell(_location(c['path'], c['line']))} | {c['status']} |")
            if len(gaps) > MAX_CALLS:
                lines += ["", f"... and {len(gaps) - MAX_CALLS} more."]
    if report.evals:
        lines += ["", "### Eval coverage", "",
                  "| Project | Cases | " + " | ".join(CATEGORY_TITLES) + " |", "|---|---:|" + "---:|" * len(CATEGORY_TITLES)]
        for row in report.evals:
            counts = [row["categories"][key]["cases"] for key in row["categories"]]
            shown = [str(n) if n else "**0**" for n in counts]
            lines.append(f"| {cell(_location(row['project'], None))} | {row['cases']} | " + " | ".join(shown) + " |")
    return lines
