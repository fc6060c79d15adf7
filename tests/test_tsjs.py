"""TypeScript/JavaScript through semgrep: same RDY IDs as Python, exact lines; the notice without
semgrep; users' own semgrep rules counted in the area they name."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from readiness import semgrep_engine
from readiness.config import Settings, resolve_settings
from readiness.model import Area
from readiness.report import render
from readiness.scan import check
from tests.test_reporters import validate_sarif
from tests.fixture_copies import fixture

ROOT = fixture("tsjs")
SDKS = sorted(p.name for p in ROOT.iterdir() if p.is_dir())
PLANTED = re.compile(r"//\s*planted:\s*((?:RDY\d{3}\s*)+)")
LINE_RULES = {"RDY101", "RDY104", "RDY105", "RDY108", "RDY301", "RDY302", "RDY303", "RDY401", "RDY402", "RDY410", "RDY502"}


def planted(sdk: str) -> set[tuple[str, int, str]]:
    marks = set()
    for path in sorted((ROOT / sdk).rglob("*")):
        if path.suffix in (".ts", ".js"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = PLANTED.search(line)
                if m:
                    marks |= {(path.relative_to(ROOT / sdk).as_posix(), number, r) for r in m.group(1).split()}
    return marks


def test_semgrep_is_installed_with_the_test_extra():
    assert semgrep_engine.semgrep_executable(), "pip install -e '.[test]' installs semgrep"


def test_four_sdks_cover_four_areas_with_python_ids():
    assert SDKS == ["langchainjs", "openai-agents-js", "openai-node", "vercel-ai"]
    rules = {rule for sdk in SDKS for _, _, rule in planted(sdk)}
    assert {"RDY101", "RDY301", "RDY302", "RDY402", "RDY502"} <= rules  # model control, budget, tool auth, tracing


@pytest.mark.parametrize("sdk", SDKS)
def test_line_level_findings_are_exactly_the_planted_ones(sdk):
    report = check([str(ROOT / sdk)], Settings())
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings if f.rule in LINE_RULES}
    assert found == planted(sdk)
    assert report.complete and report.diagnostics == []


def test_same_checks_credit_what_is_in_place():
    report = check([str(ROOT / "openai-node")], Settings())
    evidence = {(e.rule, e.location.path, e.location.line) for e in report.evidence if e.rule in ("RDY101", "RDY301")}
    assert evidence == {
        ("RDY301", "src/claims.ts", 9),     # max_completion_tokens
        ("RDY101", "src/claims.ts", 19),    # gpt-4o-mini-2024-07-18
        ("RDY101", "src/claims.ts", 27),    # gpt-4.1-2025-04-14 (its cap comes from a spread: not judged)
        ("RDY101", "src/claims.ts", 39),    # claude-sonnet-4-20250514
        *{(rule, "src/loop.ts", line) for rule in ("RDY101", "RDY301") for line in (11, 21, 29)},  # pinned, capped
    }
    assert [m.model for m in report.models] == [
        "claude-3-5-haiku-latest", "claude-sonnet-4-20250514", "gpt-4.1-2025-04-14", "gpt-4o", "gpt-4o-mini-2024-07-18"]


def test_project_evidence_comes_from_imports_without_semgrep(monkeypatch):
    monkeypatch.setattr(semgrep_engine, "semgrep_executable", lambda: None)
    report = check([str(ROOT / "langchainjs")], Settings())
    assert [(e.rule, e.note) for e in report.evidence if e.rule == "RDY501"] == [("RDY501", "LangSmith tracing")]
    assert {f.rule for f in report.findings} == {"RDY202", "RDY204", "RDY304", "RDY305", "RDY601", "RDY701", "RDY702"}


def test_without_semgrep_a_notice_says_what_was_skipped(monkeypatch):
    monkeypatch.setattr(semgrep_engine, "semgrep_executable", lambda: None)
    report = check([str(ROOT / "vercel-ai")], Settings())
    [notice] = report.diagnostics
    assert (notice.kind, notice.blocking) == ("semgrep-missing", False)
    assert notice.message == ("1 TypeScript/JavaScript file(s) were not analysed: semgrep is not installed "
                              "(pip install 'readiness[semgrep]')")
    assert report.complete and not any(f.rule in LINE_RULES - {"RDY401"} for f in report.findings)
    sarif = json.loads(render(report, "sarif", color=False))
    [note] = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "not analysed" in note["message"]["text"]


def test_tsjs_findings_go_through_suppressions_and_sarif(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x", "dependencies": {"openai": "5"}}\n')
    (tmp_path / "a.ts").write_text(textwrap.dedent("""\
        import OpenAI from "openai";
        const c = new OpenAI();
        export const x = () => c.chat.completions.create({ model: "gpt-4o", max_tokens: 5, messages: [] }); // readiness: ignore[RDY101] demo
        export const y = () => c.chat.completions.create({ model: "gpt-4o", max_tokens: 5, messages: [] });
        """))
    report = check([str(tmp_path)], Settings(base_dir=tmp_path))
    states = {(f.location.line, f.state) for f in report.findings if f.rule == "RDY101"}
    assert states == {(3, "suppressed"), (4, "active")}
    sarif = json.loads(render(report, "sarif", color=False))
    validate_sarif(sarif)
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]
            if r["ruleId"] == "RDY101"} == {3, 4}


HOUSE_RULE = """\
rules:
  - id: acme-route-without-response-model
    languages: [python]
    severity: WARNING
    message: Declare a response_model so the answer leaving the service is validated
    metadata:
      readiness: {area: guardrails}
    patterns:
      - pattern: |
          @$APP.post(...)
          def $F(...): ...
      - pattern-not: |
          @$APP.post(..., response_model=$M, ...)
          def $F(...): ...
  - id: acme-untagged
    languages: [python]
    severity: INFO
    message: no area here
    pattern: print(...)
"""


def test_users_rule_counts_in_the_area_it_names(tmp_path):
    project = fixture("coverage", "openai-agents-handled")
    before = check([str(project)], resolve_settings([str(project)], None))
    rules = tmp_path / "house-rules"
    rules.mkdir()
    (rules / "acme.yaml").write_text(HOUSE_RULE)
    settings = resolve_settings([str(project)], None)
    settings.extra_rules = [rules]
    after = check([str(project)], settings)
    guard_before = next(a for a in before.areas if a.area == Area.GUARDRAILS)
    guard_after = next(a for a in after.areas if a.area == Area.GUARDRAILS)
    # RDY202, RDY203 and RDY204 (warnings, weight 2) all pass; the house rule (warning) fails once:
    # (2 + 2 + 2 + 0) / 8 = 0.75
    assert (guard_before.score, guard_before.status) == (100, "pass")
    assert (guard_after.score, guard_after.status) == (75, "warn")
    [finding] = [f for f in after.findings if f.rule == "acme-route-without-response-model"]
    assert (finding.location.path, finding.location.line, finding.area, finding.severity.value) == (
        "travel/app.py", 17, Area.GUARDRAILS, "warning")
    [ignored] = [d for d in after.diagnostics if d.kind == "extra-rules"]
    assert "acme-untagged" in ignored.message and not ignored.blocking
    sarif = json.loads(render(after, "sarif", color=False))
    validate_sarif(sarif)
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "acme-route-without-response-model")
    assert "readiness/guardrails" in rule["properties"]["tags"]
