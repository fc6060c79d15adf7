"""The shipped artefacts: an installed wheel finds its rule pack; the pre-commit hook works for real."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tests.fixture_copies import fixture

ROOT = Path(__file__).resolve().parents[1]


def test_installed_wheel_finds_the_rule_pack(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, cwd=tmp_path)
    [wheel] = dist.glob("readiness-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "readiness/_pack/data/sdk.yaml" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
                   check=True, cwd=tmp_path)
    probe = ("import readiness, readiness.pack as p; from readiness.rule import load_rules; "
             "print(readiness.__file__); print(p.pack_dir()); print(len(load_rules()))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(target)}).stdout.split()
    assert out[0].startswith(str(target))
    assert out[1] == str(target / "readiness" / "_pack")
    assert int(out[2]) >= 14


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit try-repo needs git")
def test_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "user-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "agent.py").write_text(
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n')
    (repo / "ok.py").write_text("x = 1\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "readiness", "--verbose"]

    blocked = subprocess.run(pre_commit + ["--files", "agent.py", "ok.py"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=600)
    # The default hook blocks on warnings of line-level rules (a passing hook's output is hidden),
    # printing one line per finding and no scorecard.
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    hook_lines = [line for line in blocked.stdout.splitlines() if line.startswith(("agent.py:", "readiness:"))]
    assert hook_lines == [
        "agent.py:2:1: RDY301 `.chat.completions.create` has no output-token cap",
        "agent.py:2:40: RDY101 `gpt-4o` is an undated alias that OpenAI moves to newer snapshots",
        "readiness: 2 finding(s); gate FAILED (2 active finding(s) at or above warning)",
    ]
    assert "Model control" not in blocked.stdout and "RDY501" not in blocked.stdout  # no scorecard, no absences

    (repo / "readiness.toml").write_text('fail-on = "error"\nfail-under = 90\nexclude = ["legacy/"]\n')
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.py").write_text((repo / "agent.py").read_text())
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    chosen = subprocess.run(pre_commit + ["--files", "agent.py", "legacy/old.py"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=600)
    # fail-on chosen in config is honoured; fail-under is never applied to a handful of files;
    # `exclude` holds for the files pre-commit names (the hook passes --force-exclude)
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert "readiness: 2 finding(s); gate passed" in chosen.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit try-repo needs git")
def test_pre_commit_fix_hook_changes_files_and_fails_once(tmp_path):
    repo = tmp_path / "user-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "settings.toml").write_text('[agent]\nmodel = "codestral-latest"  # review bot\n')
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    hook = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "readiness-fix", "--files", "settings.toml"]
    first = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    # pre-commit fails a hook that changed files, so the fix is reviewed before it is committed
    assert first.returncode == 1 and "files were modified by this hook" in first.stdout, first.stdout + first.stderr
    assert (repo / "settings.toml").read_text() == '[agent]\nmodel = "codestral-2508"  # review bot\n'
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    second = subprocess.run(hook, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr


def test_github_action_steps_run_locally(tmp_path):
    """The composite action's own shell steps, run as the runner would (inputs as env, the output and
    summary files GitHub provides): one scan writes SARIF and the job summary, and the gate step
    exits with the scan's code. The install and upload steps need GitHub and are not run here."""
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = {s["name"]: s for s in action["runs"]["steps"]}
    assert action["runs"]["using"] == "composite"
    assert steps["Upload SARIF"]["uses"].startswith("github/codeql-action/upload-sarif@")
    output, summary = tmp_path / "github_output", tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
           "INPUT_PATH": str(fixture("careless-agent")), "INPUT_ARGS": "--no-color",
           "INPUT_SARIF": "out.sarif", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for name in ("Scan", "Job summary"):
        subprocess.run(["bash", "-c", steps[name]["run"]], cwd=tmp_path, env=env, check=True, timeout=300)
    assert output.read_text(encoding="utf-8").strip() == "exit-code=1"
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["invocations"][0]["exitCode"] == 1 and log["runs"][0]["results"]
    assert summary.read_text(encoding="utf-8").startswith("## readiness: ")
    gate = subprocess.run(["bash", "-c", steps["Gate"]["run"]], env={**env, "EXIT_CODE": "1"}, timeout=60)
    assert gate.returncode == 1
