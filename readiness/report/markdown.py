"""Markdown for a pull-request comment: score, area table, findings, evidence, diagnostics, gate.

It fits a GitHub comment (65,536 characters) by construction: every listing is capped, cells are
cut to a few hundred characters, and if the whole still exceeds ``MAX_CHARS`` the optional
sections give way, last first, to a line pointing at the full report. The summary table, the
top findings and the gate are always there.
"""
from __future__ import annotations

from readiness.model import Area, AreaScore, Finding, Report

MAX_FINDINGS = 50
MAX_EVIDENCE = 100
MAX_ROWS = 40  # models, tools, entry points, guardrails, diagnostics, projects
MAX_CELL = 300
MAX_CHARS = 60_000
FULL_REPORT = "`readiness check --format json` (or `--format sarif`) has the full report"
STATUS_ICON = {"pass": "🟢", "warn": "🟡", "fail": "🔴", "n/a": "⚪", "unknown": "❔"}
STATE_ORDER = {"active": 0, "baselined": 1, "suppressed": 2}


def cell(text: object) -> str:
    """Make text safe inside a table cell: one line, pipes escaped, HTML tags not interpreted, at
    most ``MAX_CELL`` characters."""
    text = str(text)
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL - 1] + "…"
        if text.count("`") % 2:
            text += "`"
    parts = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ").split("`")
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


def _more(total: int, shown: int, what: str) -> list[str]:
    return ["", f"... and {total - shown} more {what}: {FULL_REPORT}."] if total > shown else []


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    head = [
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
        head.append(f"| {area.title} | {_score(a.score)} | {_status(a.status)} | {a.findings} | {a.evidence} |")
    head.append(
        f"| **Overall** | **{_score(report.overall)}** | {_status(report.status)} "
        f"| {sum(a.findings for a in report.areas)} | {sum(a.evidence for a in report.areas)} |"
    )
    if len(report.projects) > 1:
        worst = sorted(report.projects, key=lambda p: (p.overall is None, p.overall if p.overall is not None else 0, p.path))
        head += ["", "| Project | Score | Status |", "|---|---:|---|"]
        head += [f"| {cell(_location(p.path, None))} | {_score(p.overall)} | {_status(p.status)} |" for p in worst[:MAX_ROWS]]
        head += _more(len(worst), MAX_ROWS, "projects")

    findings = ["", "### Findings", ""]
    ordered = sorted(report.findings, key=lambda f: (STATE_ORDER.get(f.state, 3), -f.severity.rank))
    if ordered:
        findings += ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
        findings += [_finding_row(f) for f in ordered[:MAX_FINDINGS]]
        findings += _more(len(ordered), MAX_FINDINGS, "findings")
    else:
        findings.append("No findings.")

    optional: list[tuple[str, list[str]]] = []  # (what, lines): dropped last-first if the comment runs long
    if report.models:
        rows = ["", f"### Model manifest ({len(report.models)})", "",
                "| Model | Provider | Pinned | Set at | Used at |", "|---|---|---|---|---|"]
        for m in report.models[:MAX_ROWS]:
            pinned = "yes" if m.pinned else f"no ({m.status})"
            rows.append(f"| {cell(_location(m.model, None))} | {m.provider} | {pinned} "
                        f"| {cell(_locations(m.set_at))} | {cell(_locations(m.used_at))} |")
        optional.append(("model manifest", rows + _more(len(report.models), MAX_ROWS, "models")))
    if report.tools:
        rows = ["", f"### Tool inventory ({len(report.tools)})", "",
                "| Tool | Location | Can | Human confirmation |", "|---|---|---|---|"]
        tools = sorted(report.tools, key=lambda t: not t.destructive)  # the ones that act first
        for t in tools[:MAX_ROWS]:
            can = ", ".join(sorted({c["kind"] for c in t.capabilities})) or "-"
            confirm = t.confirmation or ("**none**" if t.destructive else "none")
            if t.flag:
                confirm += f"; behind flag `{t.flag}`"
            rows.append(f"| {cell(_location(t.name, None))} | {cell(_location(t.path, t.line))} | {cell(can)} | {cell(confirm)} |")
        optional.append(("tool inventory", rows + _more(len(tools), MAX_ROWS, "tools")))
    optional += _coverage_sections(report)
    if report.evidence:
        rows = ["", f"<details><summary>In place ({len(report.evidence)})</summary>", "",
                "| Area | Rule | Location | Note |", "|---|---|---|---|"]
        for e in report.evidence[:MAX_EVIDENCE]:
            rows.append(f"| {e.area.title} | {e.rule} | {cell(_location(e.location.path, e.location.line))} | {cell(e.note)} |")
        optional.append(("controls in place", rows + _more(len(report.evidence), MAX_EVIDENCE, "controls") + ["", "</details>"]))
    if report.diagnostics:
        rows = ["", f"<details><summary>Diagnostics ({len(report.diagnostics)})</summary>", "",
                "| Kind | Location | Message | Blocking |", "|---|---|---|---|"]
        ordered_d = sorted(report.diagnostics, key=lambda d: not d.blocking)
        for d in ordered_d[:MAX_ROWS]:
            where = _location(d.path, d.line) if d.path else ""
            rows.append(f"| {cell(d.kind)} | {cell(where)} | {cell(d.message)} | {'yes' if d.blocking else 'no'} |")
        optional.append(("diagnostics", rows + _more(len(ordered_d), MAX_ROWS, "diagnostics") + ["", "</details>"]))

    gate_lines: list[str] = []
    gate = report.gate
    if "passed" in gate:
        when = f" _(model retirements judged as of {gate['as_of']})_" if gate.get("as_of") else ""
        if gate["passed"]:
            gate_lines += ["", f"**Gate: passed**{when}"]
        else:
            gate_lines += ["", "**Gate: FAILED** — " + cell("; ".join(gate.get("reasons", [])) or "failed") + when]
    return _fit(head, findings, optional, gate_lines)


def _fit(head: list[str], findings: list[str], optional: list[tuple[str, list[str]]], gate: list[str]) -> str:
    """Join the sections; while the comment would exceed ``MAX_CHARS``, replace the optional sections,
    last first, with one line naming them and the full report."""
    def size(parts) -> int:
        return sum(len(line) + 1 for part in parts for line in part)

    kept = list(optional)
    dropped: list[str] = []
    while kept and size([head, findings, gate, *(lines for _, lines in kept)]) + 200 > MAX_CHARS:
        dropped.insert(0, kept.pop()[0])
    if size([head, findings, gate]) + 200 > MAX_CHARS:  # only absurdly long single cells could do this
        findings = findings[:4 + MAX_FINDINGS // 5] + _more(MAX_FINDINGS, MAX_FINDINGS // 5, "findings shown here")
    note = ["", f"_Left out to fit a pull-request comment: {', '.join(dropped)}; {FULL_REPORT}._"] if dropped else []
    lines = head + findings + [line for _, section in kept for line in section] + note + gate
    return "\n".join(lines) + "\n"


MAX_CALLS = 50
CATEGORY_TITLES = ("Happy path", "Edge cases", "Out of scope", "Tool use", "Failure recovery")


def _coverage_sections(report: Report) -> list[tuple[str, list[str]]]:
    """Entry points, guardrail inventory, tracing coverage and the eval matrix, each capped."""
    sections: list[tuple[str, list[str]]] = []
    if report.entry_points:
        lines = ["", f"### Entry points ({len(report.entry_points)})", "",
                 "| Entry point | Kind | Location | User text | Input limit | Reaches the agent | Gate |",
                 "|---|---|---|---|---|---|---|"]
        entries = sorted(report.entry_points, key=lambda e: e.reaches_agent == "none")  # the ones reaching the agent first
        for e in entries[:MAX_ROWS]:
            text = ", ".join(e.text_inputs) or "-"
            limit = e.input_limit or ("**none**" if e.text_inputs and e.reaches_agent != "none" else "none")
            lines.append(f"| {cell(_location(e.name, None))} | {e.kind} ({cell(e.framework)}) "
                         f"| {cell(_location(e.path, e.line))} | {cell(text)} | {cell(limit)} "
                         f"| {cell(e.reaches_agent)} | {cell(e.gate or '-')} |")
        sections.append(("entry points", lines + _more(len(entries), MAX_ROWS, "entry points")))
    if report.guardrails:
        lines = ["", f"### Guardrails ({len(report.guardrails)})", "",
                 "| Stage | Guardrail | Kind | Location |", "|---|---|---|---|"]
        for g in report.guardrails[:MAX_ROWS]:
            lines.append(f"| {g['direction']} | {cell(g['label'])} | {g['kind']} | {cell(_location(g['path'], g['line']))} |")
        sections.append(("guardrails", lines + _more(len(report.guardrails), MAX_ROWS, "guardrails")))
    lines = []
    for row in report.tracing[:MAX_ROWS]:
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
            lines += _more(len(gaps), MAX_CALLS, "model calls")
    if lines:
        sections.append(("tracing coverage", lines + _more(len(report.tracing), MAX_ROWS, "projects' tracing")))
    if report.evals:
        lines = ["", "### Eval coverage", "",
                 "| Project | Cases | " + " | ".join(CATEGORY_TITLES) + " |", "|---|---:|" + "---:|" * len(CATEGORY_TITLES)]
        for row in report.evals[:MAX_ROWS]:
            counts = [row["categories"][key]["cases"] for key in row["categories"]]
            shown = [str(n) if n else "**0**" for n in counts]
            lines.append(f"| {cell(_location(row['project'], None))} | {row['cases']} | " + " | ".join(shown) + " |")
        sections.append(("eval coverage", lines + _more(len(report.evals), MAX_ROWS, "projects' evals")))
    return sections
