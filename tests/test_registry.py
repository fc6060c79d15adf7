"""The rule registry's contract: identity, metadata, docs and examples for every rule."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from readiness.docs import readme_with_rules, rule_pages
from readiness.model import Area
from readiness.rule import DOC_HEADINGS, all_rules

ROOT = Path(__file__).resolve().parents[1]
FOLDER_AREA = {
    "model_control": Area.MODEL_CONTROL, "guardrails": Area.GUARDRAILS, "budget": Area.BUDGET, "tool_auth": Area.TOOL_AUTH,
    "tracing": Area.TRACING, "evals": Area.EVALS, "rollout": Area.ROLLOUT,
}
RULES = all_rules()


def test_ids_and_names_are_unique():
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_at_least_two_rules_per_area():
    for area in Area:
        assert len([r for r in RULES if r.area() == area]) >= 2, area


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_contract(rule):
    path = Path(inspect.getfile(rule))
    assert FOLDER_AREA[path.parent.name] == rule.area(), "the ID's hundreds digit must match the area folder"
    assert path.stem == rule.name.replace("-", "_"), "file name is the snake_case rule name"
    assert rule.__name__ == "".join(part.capitalize() for part in rule.name.split("-"))
    assert not rule.name.startswith(("no-", "disallow-"))
    assert rule.summary and not rule.summary.endswith(".")
    docs = rule.docs()
    for heading in DOC_HEADINGS:
        assert heading in docs, f"{rule.id} docs lack {heading!r}"
    assert rule.valid and rule.invalid, "every rule carries valid and invalid examples"
    assert rule.scope in ("line", "project")
    assert rule.precision in ("very-high", "high", "medium", "low")


def test_committed_rule_docs_are_fresh():
    docs = ROOT / "docs" / "rules"
    pages = rule_pages()
    stale = [name for name, text in pages.items() if not (docs / name).is_file() or (docs / name).read_text() != text]
    assert not stale, f"regenerate with `python -m readiness.docs`: {stale}"
    extra = {p.name for p in docs.glob("*.md")} - set(pages)
    assert not extra
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_rules(readme) == readme, "regenerate the README rule table with `python -m readiness.docs`"
