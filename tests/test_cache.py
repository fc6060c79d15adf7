"""The cache of per-file results (readiness/cache.py): same report with or without it and with one
or two workers; a file is read again when it, or anything its rules looked at, changes; a
foreign cache file never runs code."""
from __future__ import annotations

import json
import os
import pickle
import shutil

import pytest

from readiness import engine
from readiness.config import Settings
from readiness.report import render
from readiness.scan import check
from tests.conftest import write_files
from tests.fixture_copies import fixture


def settings(tmp_path, **kw) -> Settings:
    s = Settings(base_dir=tmp_path)
    for key, value in kw.items():
        setattr(s, key, value)
    return s


@pytest.fixture
def tree(tmp_path):
    """About 100 files: enough for the process pool (engine.POOL_THRESHOLD)."""
    root = tmp_path / "tree"
    for copy in range(4):
        for name in ("careless-agent", "ready-agent"):
            shutil.copytree(fixture(name), root / f"{name}-{copy}", ignore=shutil.ignore_patterns(".readiness_cache"))
        shutil.copytree(fixture("coverage"), root / f"coverage-{copy}", ignore=shutil.ignore_patterns(".readiness_cache"))
    return root


def test_the_report_is_the_same_with_and_without_the_cache_and_with_one_or_two_workers(tree, tmp_path):
    def report(**kw) -> str:
        return render(check([str(tree)], settings(tmp_path, **kw)), "json", color=False)

    plain = report(no_cache=True, jobs=1)
    assert len(json.loads(plain)["findings"]) > 100
    assert json.loads(plain)["files_scanned"] >= engine.POOL_THRESHOLD
    assert report(no_cache=True, jobs=2) == plain
    assert not (tree / ".readiness_cache").exists()
    assert report(jobs=2) == plain  # cold: fills the cache
    assert (tree / ".readiness_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert report(jobs=2) == plain  # warm
    assert report(jobs=1) == plain


@pytest.fixture
def scanned(monkeypatch):
    """The paths each scan actually read (one worker, so in this process)."""
    seen: list[str] = []
    real = engine.scan_file

    def recording(entry):
        seen.append(entry.path)
        return real(entry)
    monkeypatch.setattr(engine, "scan_file", recording)
    return seen


def test_only_changed_files_and_the_files_that_looked_at_them_are_read_again(tmp_path, scanned):
    write_files(tmp_path, {
        "agents.py": "class Agent:\n    def __init__(self, **kw):\n        self.kw = kw\n",
        "app.py": 'from agents import Agent\n\nagent = Agent(name="helper", instructions="Be brief.", model="gpt-4o")\n',
        "notes.py": "TITLE = 'notes'\n",
    })
    first = render(check([str(tmp_path)], settings(tmp_path, jobs=1)), "json", color=False)
    assert sorted(scanned) == ["agents.py", "app.py", "notes.py"]

    scanned.clear()
    assert render(check([str(tmp_path)], settings(tmp_path, jobs=1)), "json", color=False) == first
    assert scanned == []

    scanned.clear()
    (tmp_path / "notes.py").write_text("TITLE = 'release notes'\n")
    check([str(tmp_path)], settings(tmp_path, jobs=1))
    assert scanned == ["notes.py"]

    # app.py asked whether the project defines ``agents.Agent``: editing agents.py reads app.py again
    scanned.clear()
    (tmp_path / "agents.py").write_text("class Helper:\n    pass\n")
    warm = check([str(tmp_path)], settings(tmp_path, jobs=1))
    assert sorted(scanned) == ["agents.py", "app.py"]
    cold = check([str(tmp_path)], settings(tmp_path, jobs=1, no_cache=True))
    assert render(warm, "json", color=False) == render(cold, "json", color=False)


def test_different_rules_or_settings_use_their_own_entries(tmp_path, scanned):
    write_files(tmp_path, {"app.py": 'import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'})
    only_models = check([str(tmp_path)], settings(tmp_path, jobs=1, select=["RDY101"]))
    everything = check([str(tmp_path)], settings(tmp_path, jobs=1))
    assert scanned == ["app.py", "app.py"]
    assert {f.rule for f in only_models.findings} == {"RDY101"}
    assert {"RDY101", "RDY301"} <= {f.rule for f in everything.findings}


class _Planted:
    def __reduce__(self):
        return (os.system, ("touch planted-marker",))


def test_a_cache_file_from_elsewhere_is_ignored_and_never_runs_code(tmp_path, monkeypatch, scanned):
    write_files(tmp_path, {"app.py": 'import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'})
    monkeypatch.chdir(tmp_path)
    check([str(tmp_path)], settings(tmp_path, jobs=1))
    shards = list((tmp_path / ".readiness_cache").glob("*/*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(pickle.dumps((1, shard.parent.name, _Planted())))
    scanned.clear()
    report = check([str(tmp_path)], settings(tmp_path, jobs=1))
    assert not (tmp_path / "planted-marker").exists()
    assert scanned == ["app.py"] and {"RDY101", "RDY301"} <= {f.rule for f in report.findings}
