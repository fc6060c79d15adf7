"""Each fixture project's full JSON report is pinned; review the diff after `--update-snapshots`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.config import resolve_settings
from readiness.report.json_format import to_dict
from readiness.scan import check
from tests.fixture_copies import fixture

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).with_name("snapshots")
# Whole-project fixtures pinned by snapshots (per-framework and per-kind fixtures have their own tests).
FIXTURES = sorted(p.name for p in (ROOT / "fixtures").iterdir() if (p / "pyproject.toml").is_file())


def report_for(name: str) -> dict:
    path = str(fixture(name))
    data = to_dict(check([path], resolve_settings([path], None)))
    data["tool"]["version"] = "<version>"
    return data


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_snapshot(name, request):
    actual = report_for(name)
    snapshot = SNAPSHOTS / f"{name}.json"
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(json.dumps(actual, indent=2) + "\n", encoding="utf-8")
    assert actual == json.loads(snapshot.read_text(encoding="utf-8"))


def test_careless_fixture_has_findings_in_every_area():
    report = report_for("careless-agent")
    assert {f["area"] for f in report["findings"]} == {
        "model-control", "guardrails", "budget", "tool-auth", "tracing", "evals", "rollout"}
    assert all(a["status"] == "fail" for a in report["areas"].values())
    assert report["gate"]["passed"] is False


def test_ready_fixture_passes_every_area():
    report = report_for("ready-agent")
    assert all(a["status"] == "pass" for a in report["areas"].values()), report["areas"]
    assert report["overall"]["score"] >= 90
    assert report["findings"] == [] and report["gate"]["passed"] is True
    assert {e["area"] for e in report["evidence"]} == {
        "model-control", "guardrails", "budget", "tool-auth", "tracing", "evals", "rollout"}


def test_model_manifest_lists_every_model_with_where_it_is_set(tmp_path):
    """The manifest is the reviewer's inventory: IDs, pinned or not, literals and call sites."""
    from readiness.config import Settings
    from readiness.report import render
    from readiness.scan import check

    report = check([str(fixture("careless-agent"))], Settings())
    rows = [(m.model, m.provider, m.status, [(l.path, l.line) for l in m.set_at], [(l.path, l.line) for l in m.used_at])
            for m in report.models]
    assert rows == [
        ("gpt-4.1", "openai", "floating", [(".env", 2), ("support_bot/llm.py", 21)], [(".env", 2), ("support_bot/llm.py", 21)]),
        ("gpt-4o", "openai", "floating", [("support_bot/agent.py", 20), ("support_bot/llm.py", 8), ("support_bot/settings.py", 4)],
         [("support_bot/agent.py", 20), ("support_bot/llm.py", 8), ("support_bot/settings.py", 4)]),
        ("gpt-4o-mini-2024-07-18", "openai", "pinned", [("support_bot/settings.py", 5)], [("support_bot/llm.py", 12)]),
    ]
    markdown = render(report, "markdown", color=False)
    assert "| `gpt-4o-mini-2024-07-18` | openai | yes | `support_bot/settings.py:5` | `support_bot/llm.py:12` |" in markdown
    text = render(report, "text", color=False, width=100)
    assert "gpt-4o                  floating  support_bot/agent.py:20 (+2 more)" in text


def test_tool_inventory_names_each_tool_its_powers_and_its_confirmation():
    from readiness.config import Settings
    from readiness.report import render

    careless = check([str(fixture("careless-agent"))], Settings())
    assert [(t.name, t.path, t.line, sorted({c["kind"] for c in t.capabilities}), t.confirmation) for t in careless.tools] == [
        ("run_diagnostics", "support_bot/tools.py", 9, ["shell"], ""),
        ("delete_ticket_attachment", "support_bot/tools.py", 15, ["delete"], ""),
        ("lookup_order", "support_bot/tools.py", 22, [], ""),
    ]
    markdown = render(careless, "markdown", color=False)
    assert "| `delete_ticket_attachment` | `support_bot/tools.py:15` | delete | **none** |" in markdown
    ready = check([str(fixture("ready-agent"))], Settings())
    assert [(t.name, t.confirmation) for t in ready.tools] == [("get_ticket", ""), ("close_ticket", "needs_approval")]
