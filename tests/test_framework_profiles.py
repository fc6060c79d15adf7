"""Framework profiles (rules/frameworks/): complete, valid, and proven by their example files.

Each ``<framework>_examples.py`` is scanned alone, with the line-level rules of model control and
budget: the findings must be exactly the lines marked ``# expect: RDYxxx``; a line marked ``# ok``
must have none.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from readiness import frameworks
from readiness.config import Settings
from readiness.rule import all_rules
from readiness.scan import check
from tests.conftest import expected_markers

FRAMEWORKS = Path(__file__).resolve().parents[1] / "rules" / "frameworks"
PROFILES = sorted(p.stem for p in FRAMEWORKS.glob("*.yaml"))
# Model-control and budget line rules, and the tool-auth / guardrail rules that read profile sites
# (safety switches, code executors, prebuilt SQL tools, prebuilt tools that act, file tools).
RULES = [r.id for r in all_rules() if r.id[:4] in ("RDY1", "RDY3") and r.scope == "line"] + ["RDY201", "RDY205", "RDY402", "RDY404", "RDY405", "RDY414"]
# The frameworks the README promises; each must have a profile.
REQUIRED = {
    "openai", "anthropic", "google-genai", "bedrock", "mistral", "cohere", "litellm", "ollama", "langchain",
    "langgraph", "crewai", "openai-agents", "pydantic-ai", "llama-index", "smolagents", "dspy", "autogen", "ag2",
    "swarm", "google-adk", "agno", "strands", "haystack", "semantic-kernel", "camel", "claude-agent-sdk",
    # TypeScript, as semgrep rules generated from the profiles
    "openai-node", "anthropic-ts", "vercel-ai", "langchain-js", "openai-agents-js",
}


def test_every_required_framework_has_a_profile():
    assert REQUIRED <= set(PROFILES)


@pytest.mark.parametrize("name", PROFILES)
def test_profile_follows_the_schema(name):
    schema = json.loads((FRAMEWORKS / "profile.schema.json").read_text(encoding="utf-8"))
    raw = yaml.safe_load((FRAMEWORKS / f"{name}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(raw, schema)
    assert raw["framework"] == name


@pytest.mark.parametrize("name", PROFILES)
def test_profile_declares_every_role_with_its_source(name):
    profile = next(p for p in frameworks.profiles() if p.name == name)
    for role in frameworks.ROLES:
        value = profile.roles[role]
        if isinstance(value, dict):
            reason = value["none"]
            assert "TODO" not in reason and len(reason) > 15, f"{name}: `{role}: none` needs a real reason"
    assert not profile.version.startswith("unverified"), f"{name}: facts not yet read from the framework's source"
    assert re.search(r"\d", profile.version), f"{name}: version names no release"


def test_typescript_profiles_generate_valid_semgrep_rules():
    from readiness import tsjs_rules
    rules = tsjs_rules.generated_rules()
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    kinds = {r["metadata"]["readiness"]["kind"] for r in rules}
    assert kinds == {"model", "finding", "evidence"}
    # every site of every TypeScript profile became at least one rule
    for profile in (p for p in frameworks.profiles() if p.language == "typescript"):
        for role in ("model", "agent-run"):
            for index, _ in enumerate(profile.sites(role)):
                assert any(i.startswith(f"{profile.name}-{index}-") for i in ids), (profile.name, role, index)


def test_profiles_compile_without_conflicts():
    tables = frameworks.tables()
    assert tables.qualnames and tables.turn_caps and tables.methods
    seen: dict[str, str] = {}
    for profile in frameworks.profiles():
        for site in profile.sites("model"):
            if "callee" in site:
                assert seen.setdefault(site["callee"], profile.name) == profile.name, site["callee"]


@pytest.mark.parametrize("name", PROFILES)
def test_examples_report_exactly_the_expected_lines(tmp_path, name):
    """TypeScript profiles' examples go through the semgrep rules generated from them."""
    profile = next(p for p in frameworks.profiles() if p.name == name)
    example = FRAMEWORKS / f"{name}_examples.{'ts' if profile.language == 'typescript' else 'py'}"
    assert example.is_file(), f"{name} needs {example.name}"
    text = example.read_text(encoding="utf-8")
    shutil.copy(example, tmp_path / example.name)
    report = check([str(tmp_path)], Settings(base_dir=tmp_path), select=RULES)
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings}
    expected = expected_markers({example.name: text})
    assert expected, f"{example.name} marks no expected finding"
    assert found == expected
    ok_lines = {n for n, line in enumerate(text.splitlines(), 1) if re.search(r"(#|//)\s*ok\b", line)}
    assert ok_lines, f"{example.name} marks no look-alike with `# ok`"
    assert not {line for _, line, _ in found} & ok_lines
    assert [d for d in report.diagnostics if d.kind == "rule-crash"] == []
