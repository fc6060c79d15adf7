"""One fixture project per framework family: line-level model and budget rules report exactly the
lines marked ``# planted: RDYxxx`` there, and the manifest and tool inventory are built for each."""
from __future__ import annotations

import re

import pytest

from readiness.config import Settings
from readiness.report import render
from readiness.rule import all_rules
from readiness.scan import check
from tests.fixture_copies import fixture

ROOT = fixture("frameworks")
FAMILIES = sorted(p.name for p in ROOT.iterdir() if p.is_dir())
PLANTED = re.compile(r"#\s*planted:\s*((?:RDY\d{3}\s*)+)")
# Line-level rules of the two areas (project-level absences are not planted here).
RULES = [r.id for r in all_rules() if r.id[:4] in ("RDY1", "RDY3") and r.scope == "line"]
# Agent frameworks declare tools in code; the raw provider SDKs take JSON tool schemas instead.
TOOLS = {"langchain-langgraph": ["order_status"], "crewai": ["Word count"], "openai-agents": ["refund"],
         "pydantic-ai": ["opening_hours"], "llamaindex": ["lookup_policy"], "autogen-ag2": ["convert"],
         "smolagents": ["page_title"], "dspy": ["search_docs"]}


def planted(family: str) -> set[tuple[str, int, str]]:
    marks = set()
    for path in sorted((ROOT / family).rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = PLANTED.search(line)
            if m:
                marks |= {(path.relative_to(ROOT / family).as_posix(), number, rule) for rule in m.group(1).split()}
    return marks


def test_every_family_has_planted_problems_and_handled_look_alikes():
    assert len(FAMILIES) >= 13
    for family in FAMILIES:
        assert planted(family), family


@pytest.mark.parametrize("family", FAMILIES)
def test_line_level_findings_are_exactly_the_planted_ones(family):
    report = check([str(ROOT / family)], Settings(), select=RULES)
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings}
    assert found == planted(family)
    assert report.complete and report.diagnostics == []
    assert report.models, "the model manifest lists the family's models"
    assert "Model manifest" in render(report, "markdown", color=False)


@pytest.mark.parametrize("family", sorted(TOOLS))
def test_tool_inventory_for_each_agent_framework(family):
    report = check([str(ROOT / family)], Settings())
    assert [t.name for t in report.tools] == TOOLS[family]
    markdown = render(report, "markdown", color=False)
    assert "Tool inventory" in markdown and f"`{TOOLS[family][0]}`" in markdown
    assert [t.to_dict()["name"] for t in report.tools] == TOOLS[family]
