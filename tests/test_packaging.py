"""The shipped artefacts: an installed wheel finds its rule pack; the pre-commit hook works for real."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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

    failing = subprocess.run(pre_commit + ["--files", "agent.py", "ok.py"] + [], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=600)
    # Warnings alone do not fail the default gate (fail-on = error): the hook passes but reports them.
    assert failing.returncode == 0, failing.stdout + failing.stderr
    assert "RDY101" in failing.stdout and "RDY301" in failing.stdout
    assert "file mode" in failing.stdout
    assert "RDY501" not in failing.stdout  # no "no tracing anywhere" from a two-file commit

    (repo / "readiness.toml").write_text('fail-on = "warning"\n')
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    gated = subprocess.run(pre_commit + ["--files", "agent.py"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert gated.returncode == 1, gated.stdout + gated.stderr
