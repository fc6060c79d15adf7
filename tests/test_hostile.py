"""A hostile repository scans to completion: one diagnostic per bad file, right findings in the
good ones, every output format intact, exit code 1 (never 2), nothing leaked."""
from __future__ import annotations

import builtins
import json
import os
from pathlib import Path

import pytest

from readiness.cli import main
from readiness.config import Settings
from readiness.report import render
from readiness.scan import check
from tests.hostile_tree import build
from tests.test_reporters import validate_sarif

FORMATS = ("text", "json", "sarif", "markdown", "github")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expected = build(root)
    report = check([str(root)], Settings(base_dir=root))
    return root, expected, report


def test_one_diagnostic_per_bad_file_and_none_for_odd_but_valid_ones(tree):
    _, expected, report = tree
    by_path: dict[str, list[str]] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d.kind)
    for path, kind in expected["diagnostics"].items():
        assert by_path.get(path, []) == ([kind] if kind else []), path
    assert set(by_path) <= {p for p, k in expected["diagnostics"].items() if k}


def test_good_files_still_get_their_exact_findings(tree):
    _, expected, report = tree
    good = {(f.location.path, f.location.line, f.rule) for f in report.findings if f.location.path.startswith("good/")}
    assert good == expected["findings"]


def test_only_unanalysed_python_makes_the_scan_incomplete(tree):
    _, _, report = tree
    blocking = sorted(d.path for d in report.diagnostics if d.blocking)
    assert blocking == ["py/deep_lists.py", "py/deep_parens.py", "py/python2.py", "py/syntax_error.py"]
    assert report.complete is False and report.gate["passed"] is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_and_names_every_diagnostic(tree, fmt):
    _, _, report = tree
    out = render(report, fmt, color=False, width=200)
    if fmt == "json":
        assert [d["path"] for d in json.loads(out)["diagnostics"]] == [d.path for d in report.diagnostics]
    elif fmt == "sarif":
        sarif = json.loads(out)
        validate_sarif(sarif)
        notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert len(notes) == len(report.diagnostics)
        assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    else:
        for d in report.diagnostics:
            assert d.path in out, (fmt, d.path)


def test_cli_exit_code_is_1_not_2(tree, capsys):
    root, _, _ = tree
    with pytest.raises(SystemExit) as exc:
        main(["check", str(root), "--format", "json"])
    assert exc.value.code == 1
    capsys.readouterr()


def test_no_diagnostic_quotes_the_bad_input(tree):
    _, _, report = tree
    for d in report.diagnostics:
        assert "lol" not in d.message and "unclosed" not in d.message and "OpenAI(" not in d.message
        assert not any(part in d.message for part in ("/tmp/", str(Path.home())))


def test_unreadable_file_and_directory(tmp_path, monkeypatch):
    (tmp_path / "ok.py").write_text('from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n')
    (tmp_path / "secret.py").write_text("x = 1\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.py").write_text("x = 1\n")
    real_open, real_scandir = builtins.open, os.scandir

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def guarded_scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    report = check([str(tmp_path)], Settings(base_dir=tmp_path))
    assert sorted((d.kind, d.path, d.blocking) for d in report.diagnostics) == [
        ("unreadable", "locked", False), ("unreadable", "secret.py", True)]
    line_level = [(f.rule, f.location.line) for f in report.findings if f.location.path == "ok.py" and f.location.line > 1]
    assert sorted(line_level) == [("RDY101", 2), ("RDY301", 2)]


def test_secrets_in_broken_files_never_reach_any_output(tmp_path):
    from tests.secret_plants import ANTHROPIC, GITHUB, OPENAI

    broken = {
        "broken.py": f'KEY = "{OPENAI}"\ndef oops(:\n',
        "broken.yaml": f"token: {GITHUB}\n  bad: [unclosed\n",
        "broken.json": f'{{"api_key": "{ANTHROPIC}",, }}',
        "broken.toml": f'key = "{OPENAI}"\n[oops\n',
        "broken.ipynb": f'{{"cells": [{{"cell_type": "code", "source": ["k = \\"{GITHUB}\\"\\n", "def (:"]}}]}}',
        "broken_nb_json.ipynb": f'{{"cells": [{{"source": "{ANTHROPIC}"',
        "web/broken.ts": f'import OpenAI from "openai";\nconst k = "{OPENAI}";\nnew OpenAI(;\n',
    }
    for rel, text in broken.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    report = check([str(tmp_path)], Settings(base_dir=tmp_path))
    assert {d.path for d in report.diagnostics} >= {"broken.py", "broken.yaml", "broken.json", "broken.toml",
                                                    "broken.ipynb", "broken_nb_json.ipynb"}
    assert {f.rule for f in report.findings} >= {"RDY401"}  # the secrets are still found, by text
    for fmt in FORMATS:
        out = render(report, fmt, color=False, width=200)
        for secret in (OPENAI, GITHUB, ANTHROPIC):
            assert secret not in out and secret[8:40] not in out, fmt


def test_a_scan_opens_no_network_connection(monkeypatch, tree):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("readiness tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    root, _, _ = tree
    report = check([str(root)], Settings(base_dir=root))
    assert report.files_scanned > 30


def test_same_tree_same_bytes_from_any_directory(tree, monkeypatch):
    root, _, _ = tree
    monkeypatch.chdir(root)
    here = {fmt: render(check(["."], Settings(base_dir=root)), fmt, color=False) for fmt in ("json", "sarif")}
    monkeypatch.chdir("/")
    there = {fmt: render(check([str(root)], Settings(base_dir=root)), fmt, color=False) for fmt in ("json", "sarif")}
    assert here == there
