"""Inline suppressions, acknowledgements, fingerprints and baselines."""
from __future__ import annotations

import datetime as dt

from readiness.suppress import apply_baseline, assign_fingerprints, load_baseline, write_baseline

CALL = 'client.chat.completions.create(model="gpt-4o-2024-08-06", messages=[])'
BASE = "from openai import OpenAI\nclient = OpenAI()\n"


def active(report, rule="RDY301"):
    return [(f.location.line, f.state) for f in report.findings if f.rule == rule]


def test_trailing_and_standalone_suppressions_with_reasons(project):
    report = project({"a.py": BASE + CALL + "  # readiness: ignore[RDY301] batch job, output is one token\n"
                      "# readiness: ignore[RDY3] streaming demo\n" + CALL + "\n" + CALL + "\n"}, ["RDY301"])
    states = {(f.location.line, f.state, f.justification) for f in report.findings}
    assert states == {(3, "suppressed", "batch job, output is one token"), (5, "suppressed", "streaming demo"),
                      (6, "active", "")}


def test_bad_suppressions_are_reported(project):
    report = project({"a.py": BASE + CALL + "  # readiness: ignore[RDY301]\n"
                      "x = 1  # readiness: ignore[RDY777] no such rule\n"
                      "y = 2  # readiness: ignore[RDY101] nothing here\n"}, ["RDY301"])
    kinds = sorted((d.kind, d.line, d.message) for d in report.diagnostics)
    assert kinds == [
        ("bad-suppression", 3, "suppression gives no reason; add one after the brackets"),
        ("bad-suppression", 4, "suppression names unknown rule RDY777"),
        ("unused-suppression", 5, "suppression of RDY101 matched no finding"),
    ]
    assert active(report) == [(3, "suppressed")]


def test_yaml_and_dotenv_comments_suppress(project):
    report = project({
        "a.py": "import openai\n",
        ".env": "OPENAI_MODEL=gpt-4o  # readiness: ignore[RDY101] local only\n",
        "m.yaml": "# readiness: ignore-file[RDY101] generated\nmodel: gpt-4o\nllm: {model: o3}\n",
    }, ["RDY101"])
    assert {(f.location.path, f.state) for f in report.findings} == {
        (".env", "suppressed"), ("m.yaml", "suppressed")}


def test_acknowledged_project_finding_is_suppressed(project):
    from readiness.config import Acknowledgement

    report = project({"a.py": "import openai\n"}, ["RDY601"],
                     acknowledge=[Acknowledgement(["RDY601"], "not-detected", "evals live in ml-evals")])
    [f] = report.findings
    assert (f.state, f.justification) == ("suppressed", "not-detected: evals live in ml-evals")
    assert [a.status for a in report.areas if a.area.value == "evals"] == ["n/a"]


def test_fingerprints_survive_inserted_lines_and_moves(project, tmp_path):
    first = project({"a.py": BASE + CALL + "\n" + CALL + "\n"}, ["RDY301"])
    prints = [f.fingerprint for f in first.findings]
    assert len(set(prints)) == 2
    second = project({"a.py": "# a comment\n\n" + BASE + "\n" + CALL + "\n" + CALL + "\n"}, ["RDY301"])
    assert [f.fingerprint for f in second.findings] == prints
    assert [f.location.line for f in second.findings] == [6, 7]


def test_baseline_matches_and_expires(project, tmp_path):
    report = project({"a.py": BASE + CALL + "\n"}, ["RDY301"])
    path = tmp_path / "b.json"
    assert write_baseline(path, report.findings) == 1
    baseline = load_baseline(path)
    assert baseline.version == 2
    entries = baseline.entries
    [entry] = entries.values()
    assert set(entry) == {"fingerprint", "rule", "path", "line", "message"}
    apply_baseline(report.findings, entries)
    assert report.findings[0].state == "baselined"
    report.findings[0].state = "active"
    entry["expires"] = "2020-01-01"
    diags = apply_baseline(report.findings, entries, today=dt.date(2026, 1, 1))
    assert report.findings[0].state == "active"
    assert [d.kind for d in diags] == ["baseline-expired"]


def test_fingerprint_ignores_line_numbers():
    from readiness.model import Area, Finding, Location, Severity

    a = Finding("RDY301", Area.BUDGET, Severity.WARNING, "m", Location("a.py", 3), snippet="x()")
    b = Finding("RDY301", Area.BUDGET, Severity.WARNING, "m", Location("a.py", 9), snippet="x()")
    assign_fingerprints([a])
    assign_fingerprints([b])
    assert a.fingerprint == b.fingerprint
