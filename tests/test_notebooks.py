"""Notebook code cells go through the Python rules; findings point at the notebook, cell and line."""
from __future__ import annotations

import json

import pytest

from readiness.config import Settings
from readiness.report import render
from readiness.scan import check
from tests.test_reporters import validate_sarif
from tests.fixture_copies import fixture

ROOT = fixture("notebooks")


@pytest.fixture(scope="module")
def report():
    return check([str(ROOT)], Settings())


def cell_findings(report):
    return {(f.rule, f.location.path, f.location.line, f.location.column, f.location.cell, f.location.cell_line, f.state)
            for f in report.findings if f.location.cell is not None}


def test_python_rules_report_the_notebook_line_cell_and_cell_line(report):
    assert cell_findings(report) == {
        ("RDY301", "triage.ipynb", 35, 18, 3, 2, "active"),      # the create( call, cell 3 line 2
        ("RDY101", "triage.ipynb", 36, 20, 3, 3, "active"),      # model="gpt-4o-mini"
        ("RDY101", "triage.ipynb", 60, 51, 4, 4, "suppressed"),  # `# readiness: ignore[RDY101]` inside the cell
    }
    # what is in place in cell 4 is credited there: the pinned Claude snapshot, the capped OpenAI call
    assert {(e.rule, e.location.line, e.location.cell) for e in report.evidence} == {("RDY101", 59, 4), ("RDY301", 60, 4)}


def test_magics_are_skipped_and_bad_cells_or_files_are_diagnosed(report):
    assert [(d.kind, d.path, d.line, d.blocking) for d in report.diagnostics] == [
        ("unparsable-notebook", "broken.ipynb", 2, False),
        ("unparsable-cell", "triage.ipynb", 78, False),
    ]
    assert "cell 6 is not valid Python" in report.diagnostics[1].message
    assert report.complete  # a notebook cell is not a module: the rest was still checked


def test_model_manifest_points_into_the_notebook(report):
    manifest = {m.model: ([l.line for l in m.set_at], [l.line for l in m.used_at]) for m in report.models}
    assert manifest == {"gpt-4o-mini": ([36], [35]), "gpt-4o": ([60], [60]),
                        "claude-sonnet-4-20250514": ([59], [59])}


def test_text_and_markdown_name_the_cell(report):
    text = render(report, "text", color=False, width=140)
    assert "35:18 cell 3:2" in text and "36:20 cell 3:3" in text
    assert "`triage.ipynb:35` cell 3:2" in render(report, "markdown", color=False)


def test_json_and_sarif_point_at_the_notebook_file_and_name_the_cell(report):
    findings = json.loads(render(report, "json", color=False))["findings"]
    first = next(f for f in findings if f["rule"] == "RDY301" and f["path"] == "triage.ipynb" and f["line"] == 35)
    assert (first["column"], first["cell"], first["cell_line"]) == (18, 3, 2)
    sarif = json.loads(render(report, "sarif", color=False))
    validate_sarif(sarif)
    result = next(r for r in sarif["runs"][0]["results"]
                  if r["ruleId"] == "RDY301" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 35)
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "triage.ipynb"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 18
    assert (result["properties"]["notebookCell"], result["properties"]["notebookCellLine"]) == (3, 2)
