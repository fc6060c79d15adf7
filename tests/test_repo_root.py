"""Paths start at the repository root whatever was passed (issue 14, defect 1): a subfolder, a
file list and the root give one path and one fingerprint per finding; ``exclude``,
``per-path-ignores``, SARIF and baselines agree with them."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.suppress import fingerprints, folder_view
from tests.conftest import write_files

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the repository root is git's top level")

CALL = '''from openai import OpenAI

client = OpenAI()


def answer(question: str) -> str:
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content
'''
MONOREPO = {
    "pyproject.toml": '[tool.readiness]\nexclude = ["services/agent/legacy/"]\n\n'
                      '[tool.readiness.per-path-ignores]\n"services/agent/scripts/*.py" = ["RDY301"]\n',
    "services/agent/pyproject.toml": '[project]\nname = "agent"\nversion = "0.1.0"\ndependencies = ["openai"]\n',
    "services/agent/app.py": CALL,
    "services/agent/scripts/batch.py": CALL,
    "services/agent/legacy/old.py": CALL,
}
RULES = "RDY101,RDY301"


@pytest.fixture
def monorepo(tmp_path, monkeypatch):
    write_files(tmp_path, MONOREPO)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def scan(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", *args, "--select", RULES, "--format", "json", "--exit-zero"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def found(report: dict) -> set[tuple[str, str, int, str]]:
    return {(f["rule"], f["path"], f["line"], f["fingerprint"]) for f in report["findings"]}


PLANTED = {("RDY301", "services/agent/app.py", 7), ("RDY101", "services/agent/app.py", 7),
           ("RDY101", "services/agent/scripts/batch.py", 7)}


def test_root_subfolder_and_file_list_give_one_path_and_fingerprint(monorepo, monkeypatch):
    whole = found(scan())
    subfolder = found(scan("services/agent"))
    monkeypatch.chdir(monorepo / "services" / "agent")
    from_inside = found(scan("."))
    named = found(scan("app.py", "scripts/batch.py", "--force-exclude"))
    assert {(rule, path, line) for rule, path, line, _ in whole} == PLANTED
    assert whole == subfolder == from_inside == named
    assert len({fp for *_, fp in whole}) == 3


def test_exclude_and_per_path_ignores_apply_to_a_subfolder_scan(monorepo):
    paths = {(f["rule"], f["path"]) for f in scan("services/agent")["findings"]}
    assert not any(path.startswith("services/agent/legacy/") for _, path in paths)  # exclude
    assert ("RDY301", "services/agent/scripts/batch.py") not in paths  # per-path-ignores
    assert ("RDY101", "services/agent/scripts/batch.py") in paths


def test_a_named_path_is_scanned_unless_exclude_is_forced(monorepo):
    legacy = {("RDY101", "services/agent/legacy/old.py", 7), ("RDY301", "services/agent/legacy/old.py", 7)}
    assert {(r, p, n) for r, p, n, _ in found(scan("services/agent/legacy"))} == legacy
    assert {(r, p, n) for r, p, n, _ in found(scan("services/agent/legacy/old.py"))} == legacy
    assert found(scan("services/agent/legacy/old.py", "--force-exclude")) == set()
    assert found(scan("services/agent/legacy", "--force-exclude")) == set()


def test_sarif_uris_start_at_the_repository_root(monorepo):
    result = CliRunner().invoke(main, ["check", "services/agent", "--select", RULES, "--format", "sarif", "--exit-zero"])
    run = json.loads(result.output)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"services/agent/app.py", "services/agent/scripts/batch.py"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {"%SRCROOT%"}


def test_a_baseline_written_from_the_root_holds_for_a_subfolder_scan(monorepo):
    result = CliRunner().invoke(main, ["check", "--select", RULES, "--write-baseline", "baseline.json"])
    assert result.exit_code == 0
    assert json.loads((monorepo / "baseline.json").read_text())["version"] == 2
    report = scan("services/agent", "--baseline", "baseline.json")
    assert {f["state"] for f in report["findings"]} == {"baselined"} and len(report["findings"]) == 3
    assert not [d for d in report["diagnostics"] if d["kind"].startswith("baseline")]


def test_a_baseline_with_scanned_folder_paths_still_matches_and_says_to_rewrite(monorepo):
    """Version 1 baselines (paths relative to the scanned folder) are read through that folder."""
    from readiness.config import resolve_settings
    from readiness.scan import check

    report = check(["services/agent"], resolve_settings(["services/agent"], None), select=RULES.split(","))
    old = fingerprints(report.findings, folder_view("services/agent"))
    entries = [{"fingerprint": old[id(f)], "rule": f.rule, "path": f.location.path.removeprefix("services/agent/"),
                "line": f.location.line, "message": f.message} for f in report.findings]
    (monorepo / "old.json").write_text(json.dumps({"tool": "readiness", "version": 1, "entries": entries}))
    again = scan("services/agent", "--baseline", "old.json")
    assert {f["state"] for f in again["findings"]} == {"baselined"}
    assert [d["kind"] for d in again["diagnostics"]] == ["baseline-paths"]
    assert "services/agent/" in again["diagnostics"][0]["message"]


def test_outside_git_the_config_folder_is_the_root(tmp_path, monkeypatch):
    write_files(tmp_path, {"readiness.toml": 'exclude = ["agent/legacy/"]\n', "agent/app.py": CALL,
                           "agent/legacy/old.py": CALL})
    monkeypatch.chdir(tmp_path / "agent")
    report = scan(".")
    assert {(f["rule"], f["path"]) for f in report["findings"]} == {("RDY101", "agent/app.py"), ("RDY301", "agent/app.py")}
