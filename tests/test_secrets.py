"""Credentials in every file kind: all planted ones found, no placeholder fires, nothing leaks."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.config import Settings
from readiness.report import FORMATS, render
from readiness.scan import check
from tests import secret_plants


@pytest.fixture
def planted(tmp_path):
    secret_plants.write(tmp_path)
    return tmp_path


def test_every_planted_secret_is_found_and_no_placeholder_fires(planted):
    report = check([str(planted)], Settings(), select=["RDY401", "RDY403"])
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings}
    assert found == secret_plants.PLANTED
    assert report.diagnostics == []


def test_no_output_format_or_baseline_contains_a_secret(planted, tmp_path_factory, monkeypatch):
    report = check([str(planted)], Settings())
    assert report.findings
    outputs = {fmt: render(report, fmt, color=False, width=120) for fmt in FORMATS}
    baseline = tmp_path_factory.mktemp("out") / "baseline.json"
    monkeypatch.chdir(planted)
    result = CliRunner().invoke(main, ["check", ".", "--write-baseline", str(baseline), "--no-color"], catch_exceptions=False)
    assert result.exit_code == 0  # writing a baseline adopts the current findings
    outputs["cli"] = result.output
    outputs["baseline"] = baseline.read_text(encoding="utf-8")
    json.loads(outputs["baseline"])
    for name, text in outputs.items():
        for value in secret_plants.VALUES:
            assert value not in text, f"{name} output leaks a planted secret"
            assert value[8:24] not in text, f"{name} output leaks part of a planted secret"
