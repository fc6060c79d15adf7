"""Every reporter on one hand-built Report: exact values, valid SARIF, 80-column text."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from readiness import docs
from readiness.model import (
    Area, AreaScore, Diagnostic, Evidence, Finding, Location, ProjectScore, Report, Severity,
)
from readiness.report import FORMATS, render
from readiness.report.json_format import to_dict
from readiness.rule import load_rules

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"  # OASIS, copied from ../shared
SECRET = "sk-live-DO-NOT-PRINT-0123456789"

RULES = load_rules()


def first_rule(area: Area) -> str:
    ids = [rid for rid, rule in RULES.items() if rule.area() == area]
    assert ids, f"no registered rule in area {area.value}"
    return ids[0]


AUTH = first_rule(Area.TOOL_AUTH)
TRACE = first_rule(Area.TRACING)


def area_scores(values: dict[Area, tuple]) -> list[AreaScore]:
    """values: area -> (score, status, findings, evidence); other areas are n/a."""
    out = []
    for area in Area:
        score, status, nf, ne = values.get(area, (None, "n/a", 0, 0))
        out.append(AreaScore(area, score, status, nf, ne, 0 if score is None else 1))
    return out


def make_report() -> Report:
    findings = [
        Finding(
            "RDY101", Area.MODEL_CONTROL, Severity.WARNING, "Model 'gpt-4o' is a floating alias | pin it",
            Location("services/api/agent.py", 8, 5, 8, 13), project="services/api",
            fix="Pin a dated snapshot such as gpt-4o-2024-08-06.", snippet="model='gpt-4o'",
            fingerprint="f101aaaaaaaaaaaaaaaa",
        ),
        Finding(
            "RDY301", Area.BUDGET, Severity.WARNING, "Model call without an output-token cap",
            Location("services/api/agent.py", 20, 9), project="services/api", snippet="client.create(...)",
            fingerprint="f301bbbbbbbbbbbbbbbb", state="suppressed", justification="gateway caps it",
            suppression_kind="inSource",
        ),
        Finding(
            AUTH, Area.TOOL_AUTH, Severity.ERROR, "Credential committed: 100% real key, line 1",
            Location("services/api/settings.py", 12, 11, 12, 60), project="services/api",
            fix="Read it from the environment.", sensitive=True, snippet=f"KEY = '{SECRET}'",
            fingerprint="f401cccccccccccccccc",
        ),
        Finding(
            TRACE, Area.TRACING, Severity.ERROR, "No tracing set up for model and tool calls",
            Location("services/worker/pyproject.toml", 1, 1), project="services/worker",
            fingerprint="f501dddddddddddddddd", state="baselined",
        ),
    ]
    evidence = [
        Evidence("RDY301", Area.BUDGET, Location("services/api/agent.py", 30, 9), "max_tokens=1024",
                 project="services/api", kind="cap"),
        Evidence("RDY101", Area.MODEL_CONTROL, Location("services/worker/run.py", 4, 1), "pinned snapshot",
                 project="services/worker", kind="pin"),
    ]
    diagnostics = [Diagnostic("parse-error", "invalid syntax", "services/worker/broken.py", 3, blocking=True)]
    areas = area_scores({
        Area.MODEL_CONTROL: (50, "warn", 1, 1),
        Area.BUDGET: (100, "pass", 0, 1),
        Area.TOOL_AUTH: (0, "fail", 1, 0),
        Area.TRACING: (0, "fail", 1, 0),
    })
    projects = [
        ProjectScore("services/api", "python", area_scores({
            Area.MODEL_CONTROL: (0, "fail", 1, 0), Area.BUDGET: (100, "pass", 0, 1), Area.TOOL_AUTH: (0, "fail", 1, 0),
        }), 33, "fail", files=3),
        ProjectScore("services/worker", "python", area_scores({
            Area.MODEL_CONTROL: (100, "pass", 0, 1), Area.TRACING: (0, "fail", 1, 0),
        }), 50, "fail", files=2),
    ]
    return Report(
        schema_version="1.2", tool_version="0.1.0", complete=False, mode="full",
        projects=projects, areas=areas, overall=38, status="fail",
        findings=findings, evidence=evidence, diagnostics=diagnostics,
        rules_run=sorted({"RDY101", "RDY102", "RDY301", AUTH}),
        files_scanned=5, lines_scanned=321,
        gate={"passed": False, "reasons": ["1 active finding(s) at or above error",
                                           "the scan is incomplete (see diagnostics)"],
              "fail_on": "error", "fail_under": None},
    )


@pytest.fixture
def report() -> Report:
    return make_report()


def all_strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)
    elif isinstance(value, str):
        yield value


# --- dispatch -----------------------------------------------------------------------------------

def test_formats_and_unknown_format(report):
    assert FORMATS == ("text", "concise", "json", "sarif", "markdown", "github")
    for fmt in FORMATS:
        out = render(report, fmt, color=False, width=80)
        assert out.endswith("\n")
        assert SECRET not in out  # snippets are never printed, in any format
    with pytest.raises(ValueError):
        render(report, "xml", color=False)


# --- json ---------------------------------------------------------------------------------------

def test_json_schema_keys_and_exact_values(report):
    out = render(report, "json", color=False)
    data = json.loads(out)
    assert data == to_dict(report)
    assert out == render(make_report(), "json", color=True, width=40)  # deterministic, options ignored
    assert list(data) == [
        "schema_version", "tool", "complete", "mode", "files_scanned", "lines_scanned", "overall",
        "areas", "projects", "gate", "findings", "evidence", "models", "tools", "entry_points", "guardrails",
        "tracing", "evals", "gaps", "diagnostics", "rules_run",
    ]
    assert data["schema_version"] == "1.2"
    assert data["tool"] == {"name": "readiness", "version": "0.1.0"}
    assert (data["complete"], data["mode"], data["files_scanned"], data["lines_scanned"]) == (False, "full", 5, 321)
    assert data["overall"] == {"score": 38, "status": "fail"}
    assert list(data["areas"]) == [a.value for a in Area]
    assert data["areas"]["budget"] == {
        "area": "budget", "title": "Budget limits", "score": 100, "status": "pass",
        "findings": 0, "evidence": 1, "rules_applicable": 1,
    }
    assert [p["path"] for p in data["projects"]] == ["services/api", "services/worker"]
    assert data["projects"][1]["overall"] == {"score": 50, "status": "fail"}
    assert data["gate"]["passed"] is False
    assert data["findings"][0] == {
        "rule": "RDY101", "name": RULES["RDY101"].name, "area": "model-control", "severity": "warning",
        "message": "Model 'gpt-4o' is a floating alias | pin it",
        "path": "services/api/agent.py", "line": 8, "column": 5, "end_line": 8, "end_column": 13,
        "fingerprint": "f101aaaaaaaaaaaaaaaa", "project": "services/api", "state": "active",
        "justification": "", "fix": "Pin a dated snapshot such as gpt-4o-2024-08-06.",
    }
    assert data["findings"][1]["state"] == "suppressed"
    assert data["findings"][1]["justification"] == "gateway caps it"
    assert data["findings"][3]["end_line"] == 1  # no end: the start line
    assert all("snippet" not in f for f in data["findings"])
    assert data["evidence"][0] == {
        "rule": "RDY301", "area": "budget", "path": "services/api/agent.py", "line": 30,
        "note": "max_tokens=1024", "kind": "cap", "project": "services/api",
    }
    assert data["diagnostics"] == [{
        "kind": "parse-error", "path": "services/worker/broken.py", "line": 3,
        "message": "invalid syntax", "blocking": True,
    }]
    assert data["rules_run"] == report.rules_run


# --- sarif --------------------------------------------------------------------------------------

@pytest.fixture
def sarif(report) -> dict:
    return json.loads(render(report, "sarif", color=False))


def validate_sarif(log: dict) -> None:
    """Assert ``log`` is valid against the official SARIF 2.1.0 schema (tests/schemas)."""
    import jsonschema
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]


def test_sarif_validates_against_the_2_1_0_schema(sarif):
    validate_sarif(sarif)


def test_sarif_log_tool_and_rules(report, sarif):
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("readiness", "0.1.0", "0.1.0")
    assert driver["informationUri"] == "https://github.com/readiness-dev/readiness"
    # Rules run plus rules with findings (TRACE only has a baselined finding), sorted.
    assert [r["id"] for r in driver["rules"]] == sorted(set(report.rules_run) | {TRACE})
    rule = next(r for r in driver["rules"] if r["id"] == "RDY101")
    cls = RULES["RDY101"]
    assert rule["name"] == cls.name
    assert rule["shortDescription"] == {"text": cls.summary}
    assert rule["fullDescription"] == {"text": docs.what(cls) or cls.summary}
    assert rule["help"] == {"text": docs.markdown(cls), "markdown": docs.markdown(cls)}
    assert rule["helpUri"] == "https://github.com/readiness-dev/readiness/blob/v0.1.0/docs/rules/RDY101.md"
    assert rule["defaultConfiguration"] == {"level": cls.severity.value}
    assert rule["properties"]["tags"] == ["readiness", "readiness/model-control"]
    assert rule["properties"]["precision"] == cls.precision
    for r in driver["rules"]:
        sec = RULES[r["id"]].security_severity
        assert r["properties"].get("security-severity") == (str(sec) if sec else None)
        # GitHub ranks a result as a security alert only with the ``security`` tag beside the score
        assert ("security" in r["properties"]["tags"]) == bool(sec)
    # every tool-auth rule, and the guardrail rules about acting unconfirmed or safety switched off, is a security rule
    security = {rid for rid, cls in RULES.items() if cls.security_severity}
    assert {rid for rid, cls in RULES.items() if cls.area().value == "tool-auth"} | {"RDY201", "RDY205"} <= security
    assert all(0 < float(RULES[rid].security_severity) <= 10 for rid in security)
    assert run["invocations"][0]["exitCode"] == (0 if report.gate["passed"] else 1)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"] == {"id": "readiness/"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"description": {"text": "The repository root (git top level, else the config file folder)"}}}


def test_sarif_results(sarif):
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["RDY101", "RDY301", AUTH, TRACE]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    first = results[0]
    assert first["level"] == "warning"
    assert first["message"] == {"text": "Model 'gpt-4o' is a floating alias | pin it"}
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "services/api/agent.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 8, "startColumn": 5, "endLine": 8, "endColumn": 13},
    }}]
    assert first["partialFingerprints"] == {"readiness/v1": "f101aaaaaaaaaaaaaaaa"}
    assert first["properties"] == {"area": "model-control", "project": "services/api"}
    assert "suppressions" not in first and "baselineState" not in first
    assert results[1]["suppressions"] == [{"kind": "inSource", "justification": "gateway caps it"}]
    assert "baselineState" not in results[1]
    assert results[2]["level"] == "error"
    assert results[3]["baselineState"] == "unchanged"
    assert "suppressions" not in results[3]
    # No end given: only the start of the region.
    assert results[3]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}


def test_sarif_invocation_and_scores(report, sarif):
    run = sarif["runs"][0]
    assert run["invocations"] == [{
        "executionSuccessful": False,
        "exitCode": 0 if report.gate.get("passed") else 1,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "parse-error: invalid syntax"},
            "descriptor": {"id": "parse-error"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "services/worker/broken.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3},
            }}],
        }],
    }]
    props = run["properties"]["readiness"]
    assert props["overall"] == {"score": 38, "status": "fail"}
    assert props["areas"]["budget"] == {"score": 100, "status": "pass"}
    assert props["areas"]["evals"] == {"score": None, "status": "n/a"}
    assert props["projects"] == {
        "services/api": {"score": 33, "status": "fail"},
        "services/worker": {"score": 50, "status": "fail"},
    }


def test_sarif_has_no_absolute_paths(sarif):
    for uri in (s for s in _values(sarif, "uri")):
        assert not uri.startswith("/") and ":" not in uri, uri
    for text in all_strings(sarif):
        assert "file://" not in text
        assert str(Path.cwd()) not in text
        assert not re.match(r"^[A-Za-z]:[\\/]", text)


def test_sarif_escapes_uris(report):
    report.findings[0].location = Location("odd dir/c:x.py", 2)
    uri = json.loads(render(report, "sarif", color=False))["runs"][0]["results"][0][
        "locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "odd%20dir/c%3Ax.py"


def _values(value, key):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key:
                yield v
            yield from _values(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from _values(v, key)


# --- text ---------------------------------------------------------------------------------------

def test_text_fits_80_columns_without_colour(report):
    out = render(report, "text", color=False, width=80)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in out
    assert lines[0] == "readiness 0.1.0 — 5 files, 321 lines"
    for area in Area:
        assert area.title in out
    assert re.search(r"^Model control +50 +█{10}░{10} +warn +1 +1$", out, re.M)
    assert re.search(r"^Budget limits +100 +█{20} +pass +0 +1$", out, re.M)
    assert re.search(r"^Evals +n/a +░{20} +n/a +0 +0$", out, re.M)
    assert re.search(r"^Overall +38 +█{8}░{12} +fail +3 +2$", out, re.M)
    # Two projects: the per-project table.
    assert re.search(r"^services/api +33 +fail +0 +n/a +100 +0 +n/a +n/a +n/a$", out, re.M)
    assert re.search(r"^services/worker +50 +fail +100 +n/a +n/a +n/a +0 +n/a +n/a$", out, re.M)
    # Top findings: errors first, active only.
    top = out.split("Top findings\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[:2] for line in top if line.startswith("  ") and line.split()[0] in ("error", "warning")] == [
        ["error", AUTH], ["warning", "RDY101"]]
    # Findings by file, with fix hints and state markers.
    assert "services/api/agent.py\n" in out
    assert re.search(r"^  8:5    RDY101  warning  Model 'gpt-4o' is a floating alias \| pin it$", out, re.M)
    assert "fix: Pin a dated snapshot such as gpt-4o-2024-08-06." in out
    assert "[suppressed: gateway caps it]" in " ".join(out.split())  # may wrap
    assert "[baselined]" in out
    assert "In place" in out and "max_tokens=1024" in out
    assert "parse-error" in out and "[blocking]" in out
    assert "Gate: FAILED — 1 active finding(s) at or above error;" in out


def test_text_file_mode_single_project_and_passing_gate(report):
    report.mode = "files"
    report.projects = report.projects[:1]
    report.gate = {"passed": True, "reasons": [], "fail_on": "error", "fail_under": None}
    out = render(report, "text", color=False, width=80)
    assert "file mode: project-level rules skipped (pre-commit)" in out
    assert "Projects" not in out
    assert out.rstrip().endswith("Gate: passed")


def test_text_colour_and_long_messages(report):
    report.findings[0].message = "word " * 60 + "[bold]not markup[/bold]"
    plain = render(report, "text", color=False, width=80)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert "[bold]not markup[/bold]" in plain
    coloured = render(report, "text", color=True, width=80)
    assert "\x1b[" in coloured


def test_text_evidence_is_capped_per_area(report):
    report.evidence = [
        Evidence("RDY301", Area.BUDGET, Location("a.py", n), f"cap {n}") for n in range(1, 12)
    ]
    out = render(report, "text", color=False, width=80)
    assert "cap 8" in out and "cap 9" not in out
    assert "  ... and 3 more" in out


# --- github -------------------------------------------------------------------------------------

def test_github_annotations(report):
    lines = render(report, "github", color=False).splitlines()
    name = RULES["RDY101"].name
    assert lines[0] == (
        f"::warning file=services/api/agent.py,line=8,col=5,endLine=8,title=RDY101 {name}"
        "::Model 'gpt-4o' is a floating alias | pin it"
    )
    # The suppressed RDY301 finding is not annotated; messages and properties are escaped.
    assert lines[1] == (
        f"::error file=services/api/settings.py,line=12,col=11,endLine=12,title={AUTH} {RULES[AUTH].name}"
        "::Credential committed: 100%25 real key, line 1"
    )
    assert lines[2] == (
        f"::error file=services/worker/pyproject.toml,line=1,col=1,title={TRACE} {RULES[TRACE].name}"
        "::No tracing set up for model and tool calls (baselined)"
    )
    assert lines[3] == "::error file=services/worker/broken.py,line=3::parse-error: invalid syntax"
    assert lines[4] == "::notice::readiness overall 38 (fail)"
    assert len(lines) == 5


def test_github_escaping_and_notice_level(report):
    f = report.findings[0]
    f.severity = Severity.NOTE
    f.location = Location("dir,with:odd%chars.py", 3, 2)
    f.message = "two\nlines\r"
    line = render(report, "github", color=False).splitlines()[0]
    assert line == (
        f"::notice file=dir%2Cwith%3Aodd%25chars.py,line=3,col=2,title=RDY101 {RULES['RDY101'].name}"
        "::two%0Alines%0D"
    )


# --- markdown -----------------------------------------------------------------------------------

def test_markdown_comment(report):
    out = render(report, "markdown", color=False)
    lines = out.splitlines()
    assert lines[0] == "## readiness: 38/100 (fail)"
    assert "| Area | Score | Status | Findings | In place |" in lines
    assert "| Budget limits | 100 | 🟢 pass | 0 | 1 |" in lines
    assert "| Evals | n/a | ⚪ n/a | 0 | 0 |" in lines
    assert "| Severity | Rule | Location | Message |" in lines
    # Active first (errors first), then baselined, then suppressed; pipes escaped.
    rows = [line for line in lines if line.startswith("| error |") or line.startswith("| warning |")]
    assert rows == [
        f"| error | {AUTH} | `services/api/settings.py:12` | Credential committed: 100% real key, line 1 |",
        "| warning | RDY101 | `services/api/agent.py:8` | Model 'gpt-4o' is a floating alias \\| pin it |",
        f"| error | {TRACE} | `services/worker/pyproject.toml:1` | No tracing set up for model and tool calls _(baselined)_ |",
        "| warning | RDY301 | `services/api/agent.py:20` | Model call without an output-token cap _(suppressed: gateway caps it)_ |",
    ]
    assert "<details><summary>In place (2)</summary>" in lines
    assert "<details><summary>Diagnostics (1)</summary>" in lines
    assert "| parse-error | `services/worker/broken.py:3` | invalid syntax | yes |" in lines
    assert lines[-1] == "**Gate: FAILED** — 1 active finding(s) at or above error; the scan is incomplete (see diagnostics)"


def test_markdown_caps_findings_and_escapes_html(report):
    report.findings = [
        Finding("RDY101", Area.MODEL_CONTROL, Severity.WARNING, f"<b>{n}</b> `<keep>`", Location("a.py", n))
        for n in range(1, 56)
    ]
    out = render(report, "markdown", color=False)
    rows = [line for line in out.splitlines() if line.startswith("| warning | RDY101 |")]
    assert len(rows) == 50
    assert rows[0] == "| warning | RDY101 | `a.py:1` | &lt;b&gt;1&lt;/b&gt; `<keep>` |"
    assert "... and 5 more findings: `readiness check --format json` (or `--format sarif`) has the full report." in out


def test_markdown_fits_a_pull_request_comment_whatever_the_repository(report):
    """A repository with thousands of findings, tools, entry points and diagnostics, and absurdly
    long messages, still renders under 60,000 characters, with the summary, the top findings and
    the gate; what was left out is named."""
    import dataclasses

    from readiness.entry_points import EntryPoint
    from readiness.model import Diagnostic
    from readiness.tool_inventory import ToolEntry

    long = "x" * 5000
    big = dataclasses.replace(
        report,
        findings=[Finding("RDY101", Area.MODEL_CONTROL, Severity.WARNING, f"{n} {long}", Location(f"pkg/m{n}.py", n))
                  for n in range(1, 5001)],
        evidence=[e for e in report.evidence] * 2000,
        diagnostics=[Diagnostic("parse-error", long, f"pkg/bad{n}.py", 1) for n in range(3000)],
        entry_points=[EntryPoint("web-route", f"route{n}", "fastapi", f"api/r{n}.py", 3, ["q"], "", "", "direct")
                      for n in range(3000)],
        tools=[ToolEntry(f"tool{n}", f"tools/t{n}.py", 1, "decorator", [{"kind": "shell", "detail": long, "line": 2}])
               for n in range(3000)],
    )
    out = render(big, "markdown", color=False)
    assert len(out) < 60_000
    assert out.startswith("## readiness:") and "| **Overall** |" in out
    assert len([line for line in out.splitlines() if line.startswith("| warning | RDY101 |")]) == 50
    assert "**Gate:" in out
    assert "more tools" in out or "Left out to fit a pull-request comment" in out


def test_sarif_baseline_state_and_exit_code_follow_the_run(report):
    """Compared with a baseline, a finding not in it is ``new``; the exit code is the process's own
    (``--exit-zero`` makes it 0 whatever the gate said)."""
    import dataclasses

    compared = dataclasses.replace(report, baseline_used=True, exit_code=0)
    run = json.loads(render(compared, "sarif", color=False))["runs"][0]
    states = [(r["ruleId"], r.get("baselineState")) for r in run["results"]]
    assert states == [("RDY101", "new"), ("RDY301", None), (AUTH, "new"), (TRACE, "unchanged")]
    assert run["invocations"][0]["exitCode"] == 0
    validate_sarif(json.loads(render(compared, "sarif", color=False)))


def test_concise_prints_one_line_per_active_finding_and_a_verdict(report):
    out = render(report, "concise", color=False)
    lines = out.splitlines()
    active = [f for f in report.findings if f.state == "active"]
    assert lines[:len(active)] == [f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule} {f.message}"
                                   for f in active]
    assert lines[-1].startswith(f"readiness: {len(active)} finding(s); gate ")
    assert "Model control" not in out  # no scorecard
