"""The command line as users and CI meet it: exit codes, flags, formats, config errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from tests.fixture_copies import fixture

ROOT = Path(__file__).resolve().parents[1]
CARELESS = str(fixture("careless-agent"))
READY = str(fixture("ready-agent"))


def run(*args, env=None):
    result = CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)
    return result.exit_code, result.output


def test_careless_fixture_fails_the_gate():
    code, out = run("check", CARELESS, "--no-color")
    assert code == 1
    for title in ("Model control", "Guardrails", "Budget limits", "Tool auth", "Tracing", "Evals", "Rollout"):
        assert title in out


def test_ready_fixture_passes_the_gate():
    code, _ = run("check", READY, "--no-color")
    assert code == 0


def test_exit_zero_and_fail_on_never():
    assert run("check", CARELESS, "--exit-zero")[0] == 0
    assert run("check", CARELESS, "--fail-on", "never")[0] == 0


def test_fail_under_uses_overall_score():
    code, out = run("check", READY, "--format", "json", "--fail-under", "100")
    assert code == 0 and json.loads(out)["overall"]["score"] == 100
    code, out = run("check", CARELESS, "--format", "json", "--fail-on", "never", "--fail-under", "50")
    report = json.loads(out)
    assert code == 1
    assert report["gate"]["passed"] is False
    assert any("below --fail-under 50" in r for r in report["gate"]["reasons"])


def test_select_and_ignore_by_prefix_area_and_id():
    _, out = run("check", CARELESS, "--format", "json", "--select", "RDY3", "--exit-zero")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"RDY301", "RDY302", "RDY303", "RDY304", "RDY305"}
    _, out = run("check", CARELESS, "--format", "json", "--select", "budget", "--ignore", "RDY301", "--exit-zero")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"RDY302", "RDY303", "RDY304", "RDY305"}
    _, out = run("check", CARELESS, "--format", "json", "--select", "tracing,RDY401", "--exit-zero")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"RDY401", "RDY501", "RDY502"}


def test_usage_errors_exit_2_with_one_line():
    code, out = run("check", CARELESS, "--select", "RDY999")
    assert code == 2 and "RDY999" in out
    code, out = run("check", "does/not/exist")
    assert code == 2 and "does/not/exist" in out
    code, _ = run("check", CARELESS, "--format", "xml")
    assert code == 2
    code, out = run("check", CARELESS, "--fail-under", "120")
    assert code == 2 and "--fail-under" in out


def test_unknown_config_key_exits_2_naming_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nselectt = ['RDY1']\n")
    (tmp_path / "a.py").write_text("import openai\n")
    code, out = run("check", str(tmp_path))
    assert code == 2
    assert "selectt" in out and len(out.strip().splitlines()) == 1


def test_output_file_and_formats(tmp_path):
    target = tmp_path / "r.sarif"
    code, out = run("check", CARELESS, "--format", "sarif", "--output", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
    for fmt in ("markdown", "github"):
        code, out = run("check", CARELESS, "--format", fmt)
        assert code == 1 and "RDY401" in out


def test_no_color_env_gives_plain_text():
    _, out = run("check", CARELESS, env={"NO_COLOR": "1"})
    assert "\x1b[" not in out


def test_baseline_round_trip(tmp_path):
    baseline = tmp_path / "baseline.json"
    code, _ = run("check", CARELESS, "--write-baseline", str(baseline))
    assert code == 0
    entries = json.loads(baseline.read_text())["entries"]
    _, out = run("check", CARELESS, "--format", "json")
    assert sorted(e["fingerprint"] for e in entries) == sorted(f["fingerprint"] for f in json.loads(out)["findings"])
    assert len(entries) == 26
    code, out = run("check", CARELESS, "--baseline", str(baseline), "--format", "json")
    assert code == 0
    assert {f["state"] for f in json.loads(out)["findings"]} == {"baselined"}


def test_rules_and_explain():
    code, out = run("rules")
    assert code == 0 and "RDY101  floating-model-alias" in out
    code, out = run("explain", "RDY301")
    assert code == 0 and "## Why it matters" in out and "max_completion_tokens" in out
    code, out = run("explain", "floating-model-alias")
    assert code == 0 and out.startswith("# RDY101")
    assert run("explain", "RDY000")[0] == 2


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_output_is_deterministic(fmt):
    first = run("check", CARELESS, "--format", fmt)[1]
    assert first == run("check", CARELESS, "--format", fmt)[1]


def test_an_internal_error_exits_3_with_one_line_even_with_exit_zero(monkeypatch):
    import readiness.scan

    def broken(*args, **kwargs):
        raise RuntimeError("rule table missing")

    monkeypatch.setattr(readiness.scan, "check", broken)
    result = CliRunner().invoke(main, ["check", READY, "--exit-zero"], env={}, catch_exceptions=False)
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == ["readiness: internal error: RuntimeError: rule table missing (set READINESS_DEBUG=1 for the "
                     "traceback; please report it)"]
    assert "Traceback" not in result.output


def test_an_unwritable_output_is_a_usage_error_before_the_scan(tmp_path, monkeypatch):
    import readiness.scan

    def must_not_run(*args, **kwargs):
        raise AssertionError("the scan ran before --output was checked")

    monkeypatch.setattr(readiness.scan, "check", must_not_run)
    code, out = run("check", READY, "--output", str(tmp_path / "missing-folder" / "report.sarif"))
    assert code == 2
    assert out.strip() == f"readiness: error: --output folder does not exist: {tmp_path / 'missing-folder'}"
    code, out = run("check", READY, "--output", str(tmp_path))
    assert code == 2 and "is a directory" in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_console_that_cannot_show_unicode_still_gets_the_report(tmp_path, fmt):
    import os
    import subprocess
    import sys

    (tmp_path / "app.py").write_text(
        'import openai\nKEY = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456789"\n'
        'client = openai.OpenAI(api_key=KEY)\n', encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "readiness", "check", str(tmp_path), "--format", fmt],
                          capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1  # the gate fails on the committed key: the report was written
    assert b"Traceback" not in proc.stderr
    assert b"Gate: FAILED" in proc.stdout or b"**Gate: FAILED**" in proc.stdout


def test_sarif_exit_code_is_the_process_exit_code():
    code, out = run("check", CARELESS, "--format", "sarif")
    assert code == 1 and json.loads(out)["runs"][0]["invocations"][0]["exitCode"] == 1
    code, out = run("check", CARELESS, "--format", "sarif", "--exit-zero")
    assert code == 0 and json.loads(out)["runs"][0]["invocations"][0]["exitCode"] == 0


def test_model_retirements_are_judged_as_of_the_rule_pack_date_unless_told(tmp_path):
    """The same commit and readiness version give the same verdict on any day: a model whose
    shutdown date falls after the rule pack was compiled stays deprecated (a warning) until
    ``--as-of`` moves the judging date past it, when it is retired (an error)."""
    from readiness.pack import data

    (tmp_path / "pyproject.toml").write_text(
        '[tool.readiness]\nlifecycle = "models.yaml"\nfail-on-area = false\n', encoding="utf-8")
    (tmp_path / "models.yaml").write_text(
        "models:\n  - {id: acme-chat-2025-01-01, provider: openai, shutdown: \"2099-01-01\"}\n", encoding="utf-8")
    (tmp_path / "agent.py").write_text(
        "from openai import OpenAI\n"
        "reply = OpenAI().responses.create(model=\"acme-chat-2025-01-01\", input=\"hi\", max_output_tokens=50)\n",
        encoding="utf-8")

    def rules_at(*extra):
        code, out = run("check", str(tmp_path), "--format", "json", "--select", "RDY105,RDY108", *extra)
        report = json.loads(out)
        return code, report["gate"]["as_of"], sorted(f["rule"] for f in report["findings"])

    assert rules_at() == (0, data("lifecycle")["compiled"], ["RDY108"])
    assert rules_at("--as-of", "2099-01-02") == (1, "2099-01-02", ["RDY105"])
    code, out = run("check", str(tmp_path), "--as-of", "next week")
    assert code == 2 and out.strip() == "readiness: error: --as-of must be a date written YYYY-MM-DD"


def test_one_scan_writes_several_formats(tmp_path):
    sarif, md = tmp_path / "r.sarif", tmp_path / "r.md"
    code, out = run("check", CARELESS, "--format", "json", "--output-format", f"sarif:{sarif}",
                    "--output-format", f"markdown:{md}")
    assert code == 1
    from_stdout = json.loads(out)
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert sorted(r["partialFingerprints"]["readiness/v1"] for r in log["runs"][0]["results"]) == \
        sorted(f["fingerprint"] for f in from_stdout["findings"])
    assert md.read_text(encoding="utf-8").startswith("## readiness: ")
    code, out = run("check", CARELESS, "--output-format", "xml:r.xml")
    assert code == 2 and "unknown format 'xml'" in out
    code, out = run("check", CARELESS, "--output-format", "sarif")
    assert code == 2 and "must be FORMAT:FILE" in out


def test_progress_appears_only_on_a_long_scan_and_never_when_piped(tmp_path):
    import io

    from rich.console import Console

    from readiness.progress import ScanProgress

    screen = io.StringIO()
    bar = ScanProgress(5, console=Console(file=screen, force_terminal=True, width=100), delay=0)
    for _ in range(3):
        bar()
    bar.close()
    assert "readiness: scanning" in screen.getvalue() and "3/5" in screen.getvalue()
    quiet_screen = io.StringIO()
    short = ScanProgress(5, console=Console(file=quiet_screen, force_terminal=True), delay=3600)
    for _ in range(5):
        short()
    short.close()
    assert quiet_screen.getvalue() == ""  # a short scan draws nothing
    _, out = run("check", READY)  # the test runner's stderr is no terminal: no bar
    assert "scanning" not in out


def test_quiet_and_verbose(tmp_path):
    baseline = tmp_path / "b.json"
    code, out = run("check", CARELESS, "--write-baseline", str(baseline), "--quiet", "--format", "json")
    assert code == 0 and "wrote" not in out and json.loads(out)["findings"]
    code, out = run("check", READY, "--verbose", "--format", "json")
    notes = [line for line in out.splitlines() if line.startswith("readiness: ")]
    assert notes[0].startswith("readiness: 13 files in 1 project(s), ")
    assert notes[1].startswith("readiness: files scanned in ")
    assert notes[2].startswith("readiness: cache ") and " of 13 file(s) reused" in notes[2]
    assert notes[3].startswith("readiness: project rules and inventories in ")
    code, out = run("check", READY, "--quiet", "--verbose")
    assert code == 2 and "cannot be used together" in out
