"""The terminal scorecard (rich): areas, projects, top findings, findings by file, evidence,
diagnostics and the gate. Fits the given width (80 columns and up) and is plain without colour.

The report holds no source lines (snippets may contain secrets), so a finding shows its fix
hint under the message instead.
"""
from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from readiness.model import Area, AreaScore, Evidence, Finding, Report

BAR_WIDTH = 20
TOP_FINDINGS = 10
EVIDENCE_PER_AREA = 8
STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red", "n/a": "dim", "unknown": "magenta"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}
AREA_CODES = {
    Area.MODEL_CONTROL: "MC",
    Area.GUARDRAILS: "GR",
    Area.BUDGET: "BL",
    Area.TOOL_AUTH: "TA",
    Area.TRACING: "TR",
    Area.EVALS: "EV",
    Area.ROLLOUT: "RO",
}


def _score_text(score: int | None, status: str) -> Text:
    return Text("n/a" if score is None else str(score), style=STATUS_STYLE.get(status, ""))


def _status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLE.get(status, ""))


def bar(score: int | None) -> str:
    """A 20-character bar: one full block per 5 points, rounded half up."""
    filled = 0 if score is None else max(0, min(BAR_WIDTH, (score * BAR_WIDTH + 50) // 100))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _bar_text(score: int | None, status: str) -> Text:
    return Text(bar(score), style=STATUS_STYLE.get(status, "") if score is not None else "dim")


def _where(path: str, line: int | None, column: int | None = None) -> str:
    if not path:
        return "(scan)"
    if line is None:
        return path
    return f"{path}:{line}" + (f":{column}" if column is not None else "")


def _heading(title: str) -> Text:
    return Text(title, style="bold")


def _areas_table(report: Report) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Area", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Findings", justify="right", no_wrap=True)
    table.add_column("In place", justify="right", no_wrap=True)
    by_area: dict[Area, AreaScore] = {a.area: a for a in report.areas}
    for n, area in enumerate(Area, 1):
        score = by_area.get(area) or AreaScore(area, None, "n/a")
        table.add_row(
            area.title,
            _score_text(score.score, score.status),
            _bar_text(score.score, score.status),
            _status_text(score.status),
            str(score.findings),
            str(score.evidence),
            end_section=n == len(Area),
        )
    table.add_row(
        Text("Overall", style="bold"),
        _score_text(report.overall, report.status),
        _bar_text(report.overall, report.status),
        _status_text(report.status),
        str(sum(a.findings for a in report.areas)),
        str(sum(a.evidence for a in report.areas)),
    )
    return table


def _projects_table(report: Report) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Project", overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for code in AREA_CODES.values():
        table.add_column(code, justify="right", no_wrap=True)
    for project in report.projects:
        scores = {a.area: a for a in project.areas}
        cells = []
        for area in AREA_CODES:
            s = scores.get(area)
            cells.append(_score_text(s.score, s.status) if s else Text("n/a", style="dim"))
        table.add_row(
            Text(project.path),
            _score_text(project.overall, project.status),
            _status_text(project.status),
            *cells,
        )
    return table


def _legend(width: int) -> Text:
    """The area codes of the projects table, wrapped between entries (never inside one)."""
    lines: list[str] = []
    for item in (f"{code} {area.title.lower()}" for area, code in AREA_CODES.items()):
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return Text("\n".join(lines), style="dim")


def _marker(f: Finding) -> Text | None:
    if f.state == "suppressed":
        return Text(f"[suppressed: {f.justification}]" if f.justification else "[suppressed]", style="magenta")
    if f.state == "baselined":
        return Text("[baselined]", style="blue")
    return None


def _message_cell(f: Finding, with_fix: bool) -> Text:
    cell = Text(f.message)
    marker = _marker(f)
    if marker is not None:
        cell.append(" ")
        cell.append_text(marker)
    if with_fix and f.fix:
        cell.append("\n")
        cell.append(f"fix: {f.fix}", style="dim")
    return cell


def _grid() -> Table:
    """A borderless table indented by two columns (an empty first column plus its padding)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=0)
    return grid


def _top_findings(report: Report) -> Table | None:
    active = [f for f in report.findings if f.state == "active"]
    if not active:
        return None
    active.sort(key=lambda f: -f.severity.rank)  # stable: report order within a severity
    grid = _grid()
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", max_width=30)
    grid.add_column(overflow="fold", ratio=1)
    for f in active[:TOP_FINDINGS]:
        grid.add_row(
            "",
            Text(f.severity.value, style=SEVERITY_STYLE[f.severity.value]),
            Text(f.rule + (" [*]" if f.edit is not None else "")),
            Text(_where(f.location.path, f.location.line) + _cell(f.location)),
            Text(f.message),
        )
    return grid


def _cell(loc) -> str:
    """Notebooks: the cell and the line inside it, after the file's own line."""
    return f" cell {loc.cell}:{loc.cell_line}" if loc.cell is not None else ""


def _line_col(loc) -> str:
    return f"{loc.line}:{loc.column}" + (f" cell {loc.cell}:{loc.cell_line}" if loc.cell is not None else "")


def _file_findings(findings: list[Finding], loc_width: int) -> Table:
    grid = _grid()
    grid.add_column(no_wrap=True, min_width=loc_width)
    grid.add_column(no_wrap=True, min_width=6)
    grid.add_column(no_wrap=True, min_width=7)
    grid.add_column(overflow="fold", ratio=1)
    for f in findings:
        grid.add_row(
            "",
            Text(_line_col(f.location)),
            Text(f.rule),
            Text(f.severity.value, style=SEVERITY_STYLE[f.severity.value]),
            _message_cell(f, with_fix=True),
        )
    return grid


def _evidence_grid(items: list[Evidence]) -> Table:
    grid = _grid()
    grid.add_column(overflow="fold", max_width=36)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for e in items:
        grid.add_row("", Text(_where(e.location.path, e.location.line)), Text(e.rule), Text(e.note))
    return grid


def _counts(report: Report) -> Text:
    states = {"active": 0, "baselined": 0, "suppressed": 0}
    for f in report.findings:
        states[f.state] = states.get(f.state, 0) + 1
    parts = ", ".join(f"{n} {state}" for state, n in states.items())
    fixable = sum(1 for f in report.findings if f.state == "active" and f.edit is not None)
    can_fix = f" · [*] {fixable} fixable with `readiness fix`" if fixable else ""
    return Text(f"Findings: {parts} · {len(report.evidence)} control(s) in place{can_fix}", style="dim")


def _gate(report: Report) -> Text | None:
    gate = report.gate
    if "passed" not in gate:
        return None
    when = f" (model retirements judged as of {gate['as_of']})" if gate.get("as_of") else ""
    if gate["passed"]:
        return Text(f"Gate: passed{when}", style="bold green")
    reasons = "; ".join(gate.get("reasons", [])) or "failed"
    return Text(f"Gate: FAILED — {reasons}{when}", style="bold red")


def _models_grid(report: Report) -> Table:
    """The model manifest: ID, pinned or not, where it is set (first place, and how many more)."""
    grid = _grid()
    grid.add_column(overflow="fold", ratio=2)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=3)
    for m in report.models:
        status = Text("pinned", style="green") if m.pinned else Text(m.status, style="yellow")
        first = m.set_at[0]
        where = _where(first.path, first.line) + (f" (+{len(m.set_at) - 1} more)" if len(m.set_at) > 1 else "")
        grid.add_row("", Text(m.model), status, Text(where))
    return grid


def _tools_grid(report: Report) -> Table:
    """The tool inventory: name, where, what it can do, and whether a human confirms it."""
    grid = _grid()
    grid.add_column(overflow="fold", ratio=2)
    grid.add_column(overflow="fold", ratio=2)
    grid.add_column(overflow="fold", ratio=2)
    for t in report.tools:
        can = ", ".join(sorted({c["kind"] for c in t.capabilities})) or "-"
        if t.confirmation:
            confirm = Text(f"confirmed: {t.confirmation}", style="green")
        else:
            confirm = Text("no confirmation", style="yellow" if t.destructive else "dim")
        if t.flag:
            confirm.append(f"; behind flag {t.flag}", style="dim")
        grid.add_row("", Text(f"{t.name} ({_where(t.path, t.line)})"), Text(can), confirm)
    return grid


CATEGORY_TITLES = ("happy path", "edge cases", "out of scope", "tool use", "failure recovery")
MAX_GAPS = 20


def _coverage(console: Console, report: Report) -> None:
    """Entry points, guardrails, tracing coverage and the eval matrix, each only when found."""
    if report.entry_points:
        console.print()
        console.print(_heading(f"Entry points ({len(report.entry_points)})"))
        grid = _grid()
        for _ in range(3):
            grid.add_column(overflow="fold", ratio=2)
        for e in report.entry_points:
            if e.input_limit:
                limit = Text(f"limit: {e.input_limit}", style="green")
            elif e.text_inputs and e.reaches_agent != "none":
                limit = Text("no input limit", style="yellow")
            else:
                limit = Text("-", style="dim")
            reach = "reaches the agent" + ("" if e.reaches_agent == "direct" else f" {e.reaches_agent}") \
                if e.reaches_agent != "none" else "does not reach the agent"
            grid.add_row("", Text(f"{e.kind} {e.name} ({_where(e.path, e.line)})"), Text(reach, style="dim"), limit)
        console.print(grid)
    if report.guardrails:
        console.print()
        console.print(_heading(f"Guardrails ({len(report.guardrails)})"))
        grid = _grid()
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold", ratio=3)
        grid.add_column(overflow="fold", ratio=2)
        for g in report.guardrails:
            grid.add_row("", Text(g["direction"]), Text(g["kind"], style="cyan"), Text(g["label"]), Text(_where(g["path"], g["line"]), style="dim"))
        console.print(grid)
    for row in report.tracing:
        calls = row["calls"]
        traced = sum(1 for c in calls if c["status"] == "traced")
        suffix = f" ({row['project']})" if row["project"] != "." else ""
        console.print()
        console.print(_heading(f"Tracing coverage{suffix}: {traced} of {len(calls)} model calls traced"))
        console.print(Text(f"  tracing: {', '.join(row['setups']) or 'none'}", style="dim"))
        gaps = [c for c in calls if c["status"] != "traced"]
        grid = _grid()
        grid.add_column(overflow="fold", ratio=3)
        grid.add_column(no_wrap=True)
        for c in gaps[:MAX_GAPS]:
            grid.add_row("", Text(f"{c['call']} ({c['family']}) {_where(c['path'], c['line'])}"),
                         Text(c["status"], style="yellow" if c["status"] in ("untraced", "off") else "dim"))
        if gaps:
            console.print(grid)
        if len(gaps) > MAX_GAPS:
            console.print(Text(f"  ... and {len(gaps) - MAX_GAPS} more", style="dim"))
    for row in report.evals:
        suffix = f" ({row['project']})" if row["project"] != "." else ""
        console.print()
        console.print(_heading(f"Eval coverage{suffix}: {row['cases']} cases"))
        grid = _grid()
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for title, key in zip(CATEGORY_TITLES, row["categories"]):
            n = row["categories"][key]["cases"]
            grid.add_row("", Text(title), Text(str(n), style="green" if n else "bold yellow"))
        console.print(grid)


def build(console: Console, report: Report) -> None:
    """Print the whole scorecard on ``console``."""
    header = Text(f"readiness {report.tool_version} — {report.files_scanned} files, {report.lines_scanned} lines", style="bold")
    console.print(header)
    if report.mode == "files":
        console.print(Text("file mode: project-level rules skipped (pre-commit)", style="dim"))
    if not report.complete:
        console.print(Text("scan incomplete: see diagnostics below", style="bold red"))
    console.print()
    console.print(_areas_table(report))
    console.print(_counts(report))

    if len(report.projects) > 1:
        console.print()
        console.print(_heading(f"Projects ({len(report.projects)})"))
        console.print(_projects_table(report))
        console.print(_legend(console.width))

    top = _top_findings(report)
    if top is not None:
        console.print()
        console.print(_heading("Top findings"))
        console.print(top)

    console.print()
    console.print(_heading("Findings"))
    if not report.findings:
        console.print(Text("  No findings.", style="green"))
    # One width for the line:col column of every file, so the groups line up.
    loc_width = max((len(_line_col(f.location)) for f in report.findings), default=0)
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.location.path, []).append(f)
    for path, group in by_file.items():
        console.print(Text(path, style="bold cyan"))
        console.print(_file_findings(group, loc_width))

    if report.models:
        console.print()
        console.print(_heading(f"Models ({len(report.models)})"))
        console.print(_models_grid(report))

    if report.tools:
        console.print()
        console.print(_heading(f"Tools ({len(report.tools)})"))
        console.print(_tools_grid(report))

    _coverage(console, report)

    if report.evidence:
        console.print()
        console.print(_heading("In place"))
        for area in Area:
            items = [e for e in report.evidence if e.area == area]
            if not items:
                continue
            console.print(Text(f"{area.title} ({len(items)})", style="green"))
            console.print(_evidence_grid(items[:EVIDENCE_PER_AREA]))
            if len(items) > EVIDENCE_PER_AREA:
                console.print(Text(f"  ... and {len(items) - EVIDENCE_PER_AREA} more", style="dim"))

    if report.diagnostics:
        console.print()
        console.print(_heading("Diagnostics"))
        grid = _grid()
        grid.add_column(overflow="fold", max_width=36)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for d in report.diagnostics:
            message = Text(d.message)
            if d.blocking:
                message.append(" [blocking]", style="bold red")
            grid.add_row("", Text(_where(d.path, d.line)), Text(d.kind, style="yellow"), message)
        console.print(grid)

    gate = _gate(report)
    if gate is not None:
        console.print()
        console.print(gate)


def make_console(color: bool, width: int | None) -> Console:
    return Console(
        record=True,
        width=width or 100,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        file=io.StringIO(),
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )


def render(report: Report, *, color: bool, width: int | None = None) -> str:
    console = make_console(color, width)
    build(console, report)
    out = console.export_text(styles=color)
    if not color:
        out = "\n".join(line.rstrip() for line in out.splitlines())
    return out.rstrip("\n") + "\n"
