"""`readiness fix`: each rule's declared fix turns its before into its after, keeps comments and
layout, is a no-op the second time and removes the finding; nothing else is touched."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from readiness import fixer
from readiness.cli import main
from readiness.model import Area, Edit, Finding, Location, Severity
from readiness.rule import all_rules
from tests.conftest import write_files
from tests.test_reporters import validate_sarif

FIXES = [(rule.id, number, example) for rule in all_rules() for number, example in enumerate(rule.fix_examples)]


def run(*args: str, cwd=None):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_some_rule_declares_a_fix():
    assert {rule_id for rule_id, _, _ in FIXES} == {"RDY101", "RDY301", "RDY302"}
    assert {example.path.rsplit(".", 1)[-1] for _, _, example in FIXES} == {"py", "yaml", "toml", "env"}


@pytest.mark.parametrize("rule_id,number,example", FIXES, ids=[f"{r}-{n}" for r, n, _ in FIXES])
def test_the_fix_turns_before_into_after_once_and_the_finding_goes(rule_id, number, example, tmp_path, monkeypatch):
    before, after = example.texts()
    write_files(tmp_path, {example.path: before, **({"readiness.toml": example.config} if example.config else {})})
    monkeypatch.chdir(tmp_path)
    code, out = run("check", ".", "--select", rule_id, "--format", "json", "--exit-zero", "--no-cache")
    flagged = [f for f in json.loads(out)["findings"] if f["rule"] == rule_id]
    assert flagged and all("edit" in f for f in flagged)

    code, _ = run("fix", ".", "--select", rule_id, "--diff", "--no-cache")
    assert code == 1 and (tmp_path / example.path).read_text() == before  # --diff writes nothing
    code, _ = run("fix", ".", "--select", rule_id, "--no-cache")
    assert code == 0 and (tmp_path / example.path).read_text() == after
    code, out = run("fix", ".", "--select", rule_id, "--diff", "--no-cache")
    assert code == 0 and out.strip() == "readiness: would fix 0 finding(s) in 0 file(s)"  # idempotent
    code, out = run("check", ".", "--select", rule_id, "--format", "json", "--exit-zero", "--no-cache")
    assert [f for f in json.loads(out)["findings"] if f["rule"] == rule_id] == []


def test_suppressed_findings_and_aliases_without_a_snapshot_are_left_alone(tmp_path, monkeypatch):
    source = ('import anthropic\n'
              'a = anthropic.Anthropic().messages.create(model="claude-haiku-4-5", max_tokens=9, messages=[])'
              '  # readiness: ignore[RDY101] pinned by the gateway\n'
              'b = anthropic.Anthropic().messages.create(model="claude-3-5-haiku-latest", max_tokens=9, messages=[])\n')
    write_files(tmp_path, {"agent.py": source})
    monkeypatch.chdir(tmp_path)
    code, out = run("check", ".", "--select", "RDY101,RDY105", "--format", "concise", "--no-cache")
    assert "[*]" not in out
    run("fix", ".", "--no-cache")
    assert (tmp_path / "agent.py").read_text() == source


def test_check_fix_applies_then_reports_what_remains_and_marks_fixable_findings(tmp_path, monkeypatch):
    write_files(tmp_path, {"agent.py": 'import anthropic\nimport openai\n'
                                       'anthropic.Anthropic().messages.create(model="claude-haiku-4-5", max_tokens=9, messages=[])\n'
                                       'openai.OpenAI().chat.completions.create(model="gpt-4o", max_tokens=9, messages=[])\n'})
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "agent.py", "--format", "concise", "--no-cache")
    assert "agent.py:3:45: RDY101 [*] `claude-haiku-4-5`" in out
    assert "agent.py:4:47: RDY101 `gpt-4o`" in out  # no snapshot without a shutdown date: no fix
    assert out.rstrip().endswith("; [*] 1 fixable with `readiness fix`")
    code, out = run("check", "agent.py", "--format", "concise", "--fix", "--no-cache")
    assert out.startswith("readiness: fixed 1 finding(s) in 1 file(s)\n")
    assert "claude-haiku-4-5" not in out and "agent.py:4:47: RDY101 `gpt-4o`" in out and "[*]" not in out
    assert 'model="claude-haiku-4-5-20251001"' in (tmp_path / "agent.py").read_text()


def test_sarif_offers_the_fix(tmp_path, monkeypatch):
    write_files(tmp_path, {"settings.toml": '[agent]\nmodel = "codestral-latest"\n'})
    monkeypatch.chdir(tmp_path)
    code, out = run("check", ".", "--select", "RDY101", "--format", "sarif", "--exit-zero", "--no-cache")
    validate_sarif(json.loads(out))
    [result] = json.loads(out)["runs"][0]["results"]
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "settings.toml", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{"deletedRegion": {"startLine": 2, "startColumn": 10, "endLine": 2,
                                                         "endColumn": 26}, "insertedContent": {"text": "codestral-2508"}}]


def _finding(path: str, edit: Edit) -> Finding:
    return Finding("RDY101", Area.MODEL_CONTROL, Severity.WARNING, "m", Location(path, edit.line, edit.column), edit=edit)


def test_a_file_that_does_not_parse_or_changed_since_the_scan_is_never_touched(tmp_path):
    (tmp_path / "broken.py").write_text('MODEL = "codestral-latest"\nx = (\n')
    (tmp_path / "moved.py").write_text('MODEL = "mistral-small-latest"\n')
    broken = fixer._plan_file(tmp_path, "broken.py", [_finding("broken.py", Edit(1, 10, 26, "codestral-latest", "codestral-2508"))])
    moved = fixer._plan_file(tmp_path, "moved.py", [_finding("moved.py", Edit(1, 11, 27, "codestral-latest", "codestral-2508"))])
    assert (broken.skipped, broken.after == broken.before) == ("it does not parse", True)
    assert (moved.skipped, moved.after == moved.before) == ("it changed since the scan", True)
    assert fixer.write([broken, moved], str(tmp_path)) == 0


def test_suppress_writes_one_directive_with_its_reason_on_a_line_that_has_the_finding(tmp_path, monkeypatch):
    source = ('import openai\n\n'
              'resp = openai.OpenAI().chat.completions.create(  # classify\n'
              '    model="gpt-4o-2024-08-06", messages=[])\n')
    write_files(tmp_path, {"app.py": source})
    monkeypatch.chdir(tmp_path)
    code, out = run("fix", "--suppress", "RDY301", "--reason", "one-token   classifier", "app.py:3")
    assert code == 0 and "suppressed RDY301 at app.py:3" in out
    assert (tmp_path / "app.py").read_text().splitlines()[2] == (
        "resp = openai.OpenAI().chat.completions.create(  # classify  # readiness" + ": ignore[RDY301] one-token classifier")
    code, out = run("check", "app.py", "--select", "RDY301", "--format", "json", "--no-cache")
    [finding] = json.loads(out)["findings"]
    assert (finding["state"], finding["justification"]) == ("suppressed", "one-token classifier")
    code, out = run("fix", "--suppress", "RDY301", "--reason", "again", "app.py:3")  # nothing active there now
    assert code == 2 and "no active RDY301 finding at app.py:3" in out
    assert run("fix", "--suppress", "RDY301", "app.py:3")[0] == 2  # a reason is required


def test_suppress_refuses_a_line_inside_a_multi_line_string(tmp_path):
    source = 'PROMPT = """You are a helpful agent.\nAnswer with model gpt-4o only.\n"""\n'
    (tmp_path / "prompts.py").write_text(source)
    finding = Finding("RDY101", Area.MODEL_CONTROL, Severity.WARNING, "m", Location("prompts.py", 2, 19))
    change = fixer.suppression(SimpleNamespace(findings=[finding], root=str(tmp_path)), "prompts.py", 2, "RDY101", "doc")
    assert "ends inside a multi-line string" in change.skipped
    assert fixer.write([change], str(tmp_path)) == 0 and (tmp_path / "prompts.py").read_text() == source
    ok = fixer.suppression(SimpleNamespace(findings=[finding], root=str(tmp_path)), "prompts.py", 3, "RDY101", "doc")
    assert ok.skipped == "no active RDY101 finding at prompts.py:3"


def test_the_output_cap_fix_needs_the_projects_number(tmp_path, monkeypatch):
    source = 'import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[])\n'
    write_files(tmp_path, {"agent.py": source})
    monkeypatch.chdir(tmp_path)
    code, out = run("check", ".", "--select", "RDY301", "--format", "concise", "--no-cache")
    assert "RDY301 `" in out and "[*]" not in out  # no [tool.readiness.fix] max-output-tokens: no fix
    run("fix", ".", "--no-cache")
    assert (tmp_path / "agent.py").read_text() == source
    (tmp_path / "readiness.toml").write_text("[fix]\nmax-output-tokens = 512\n")
    code, out = run("check", ".", "--select", "RDY301", "--format", "concise")  # the cached scan, filled in
    assert "RDY301 [*] `" in out
    run("fix", ".")
    assert "messages=[], max_completion_tokens=512)" in (tmp_path / "agent.py").read_text()
