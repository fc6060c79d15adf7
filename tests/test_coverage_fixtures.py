"""Guardrails, tracing, evals and rollout, both ways, for three frameworks (fixtures/coverage)."""
from __future__ import annotations

import json
import re

import pytest

from readiness.config import resolve_settings
from readiness.report import render
from readiness.scan import check
from tests.fixture_copies import fixture

ROOT = fixture("coverage")
PROJECTS = sorted(p.name for p in ROOT.iterdir() if p.is_dir())
AREAS = ("guardrails", "tracing", "evals", "rollout")
PLANTED = re.compile(r"#\s*planted:\s*((?:RDY\d{3}\s*)+)")


def planted(project: str) -> set[tuple[str, int, str]]:
    marks = set()
    for path in sorted((ROOT / project).rglob("*")):
        if path.is_file() and ".readiness_cache" not in path.parts:  # the scan's own cache folder
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = PLANTED.search(line)
                if m:
                    marks |= {(path.relative_to(ROOT / project).as_posix(), number, r) for r in m.group(1).split()}
    return marks


def scan(project: str):
    root = ROOT / project
    return check([str(root)], resolve_settings([str(root)], None))


def test_three_frameworks_both_ways():
    assert PROJECTS == [f"{fw}-{way}" for fw in ("crewai", "langgraph", "openai-agents") for way in ("handled", "missing")]


@pytest.mark.parametrize("project", PROJECTS)
def test_findings_in_the_four_areas_are_exactly_the_planted_ones(project):
    report = scan(project)
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings if f.area.value in AREAS}
    assert found == planted(project)
    assert report.complete and report.diagnostics == []
    statuses = {a.area.value: a.status for a in report.areas if a.area.value in AREAS}
    if project.endswith("-handled"):
        assert statuses == dict.fromkeys(AREAS, "pass")
    else:
        assert "pass" not in statuses.values(), statuses


def test_missing_projects_cover_every_new_rule():
    rules = {rule for project in PROJECTS if project.endswith("-missing") for _, _, rule in planted(project)}
    assert {"RDY201", "RDY202", "RDY203", "RDY204", "RDY501", "RDY502", "RDY503", "RDY504", "RDY505",
            "RDY601", "RDY602", "RDY603", "RDY604", "RDY701", "RDY702"} <= rules


def test_entry_points_show_limit_gate_and_reach():
    entries = {p: [e.to_dict() for e in scan(p).entry_points] for p in PROJECTS}
    assert entries["openai-agents-handled"] == [{
        "kind": "web-route", "name": "ask", "framework": "fastapi", "path": "travel/app.py", "line": 18,
        "text_inputs": ["question"], "input_limit": "max_length on Question fields",
        "gate": "not flags.get_client().get_boolean_value('travel-desk', False)",
        "reaches_agent": "via travel.desk.reply", "project": ".",
    }]
    missing = entries["openai-agents-missing"]
    assert [(e["name"], e["input_limit"], e["reaches_agent"]) for e in missing] == [
        ("ask", None, "via travel.desk.reply"), ("health", None, "none")]
    assert [(e["kind"], e["framework"], e["input_limit"], e["gate"]) for e in entries["langgraph-handled"]] == [
        ("web-route", "flask", "len() check", "body['user'] not in ALLOWED_USERS")]
    assert [(e["kind"], e["framework"], e["reaches_agent"]) for e in entries["langgraph-missing"]] == [
        ("chat-handler", "Chainlit", "via support.graph.agent")]
    assert [(e["kind"], e["input_limit"], e["gate"]) for e in entries["crewai-handled"]] == [
        ("chat-handler", "input truncated by slicing", "os.environ.get(KILL_SWITCH)")]


def test_guardrail_inventory_classifies_each_guardrail():
    rows = [(g["direction"], g["label"], g["kind"], g["path"], g["line"]) for g in scan("crewai-handled").guardrails]
    assert rows == [
        ("input", "input truncated by slicing at `respond`", "block", "fares/ui.py", 13),
        ("input", "moderation API", "block", "fares/ui.py", 17),
        ("output", "CrewAI structured task output", "block", "fares/crew.py", 31),
    ]
    kinds = {g["kind"] for g in scan("langgraph-handled").guardrails}
    assert kinds == {"block"}
    assert scan("crewai-missing").guardrails == []


def test_tracing_coverage_per_model_call():
    [row] = scan("openai-agents-missing").tracing
    assert row["mode"] == "families" and row["setups"] == ["OpenAI Agents SDK (built-in)"]
    assert [(c["call"], c["family"], c["status"]) for c in row["calls"]] == [
        ("Agent", "openai_agents", "off"), ("titles.chat.completions.create", "openai", "untraced")]
    [row] = scan("crewai-handled").tracing
    assert row["mode"] == "all" and {c["status"] for c in row["calls"]} == {"traced"}
    [row] = scan("crewai-missing").tracing
    assert row["mode"] == "weak" and {c["status"] for c in row["calls"]} == {"untraced"}


def test_eval_coverage_matrix():
    [row] = scan("crewai-handled").evals
    assert row["cases"] == 5 and row["missing"] == []
    assert {k: v["cases"] for k, v in row["categories"].items()} == dict.fromkeys(
        ("happy_path", "edge_cases", "out_of_scope", "tool_use", "failure_recovery"), 1)
    [row] = scan("langgraph-missing").evals
    assert row["missing"] == ["edge_cases", "out_of_scope", "tool_use", "failure_recovery"]
    assert [e["id"] for e in row["categories"]["happy_path"]["examples"]] == [
        "test_status_question", "test_lookup_order_formats_status"]
    assert scan("openai-agents-missing").evals == []


@pytest.mark.parametrize("project", ["openai-agents-handled", "langgraph-handled", "crewai-handled"])
def test_reports_show_the_new_sections(project):
    report = scan(project)
    markdown = render(report, "markdown", color=False)
    for heading in ("### Entry points (1)", "### Guardrails (", "### Tracing coverage", "### Eval coverage"):
        assert heading in markdown
    text = render(report, "text", color=False, width=120)
    for heading in ("Entry points (1)", "Guardrails (", "Tracing coverage:", "Eval coverage: "):
        assert heading in text
    data = json.loads(render(report, "json", color=False))
    assert data["schema_version"] == "1.2"
    assert data["entry_points"] and data["guardrails"] and data["tracing"] and data["evals"]


def test_a_tool_behind_a_flag_is_progressive_autonomy(project):
    report = project({"desk.py": '''
import os
from agents import function_tool

@function_tool
def issue_refund(order_id: str) -> str:
    """Refund an order."""
    if os.environ.get("AUTONOMOUS_REFUNDS") != "on":
        return "A person will process this refund."
    return f"refunded {order_id}"
'''})
    [tool] = report.tools
    assert (tool.name, tool.flag) == ("issue_refund", "os.environ.get('AUTONOMOUS_REFUNDS') != 'on'")
    assert [(e.rule, e.note) for e in report.evidence if e.rule == "RDY701"] == [
        ("RDY701", "progressive autonomy: tool `issue_refund` acts behind `os.environ.get('AUTONOMOUS_REFUNDS') != 'on'`")]
