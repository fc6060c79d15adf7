"""The scoring formula of docs/scoring.md, on exact numbers."""
from __future__ import annotations

from readiness.model import Area, Evidence, Finding, Location, Severity
from readiness.score import area_scores, gate, overall
from readiness.rule import load_rules

SEV = {rid: rule.severity for rid, rule in load_rules().items()}


def finding(rule, severity=None, state="active"):
    sev = severity or SEV[rule]
    return Finding(rule, Area.from_rule_id(rule), sev, "m", Location("a.py", 1), state=state)


def credit(rule):
    return Evidence(rule, Area.from_rule_id(rule), Location("a.py", 1), "ok")


def by_area(scores):
    return {s.area: s for s in scores}


def test_architecture_example_weighted_mean():
    # RDY301 (warning, w=2): 3 of 4 capped -> 0.75; RDY302 as error (w=3): 0 of 1 -> 0.
    sev = dict(SEV, RDY302=Severity.ERROR)
    findings = [finding("RDY301"), finding("RDY302", Severity.ERROR)]
    evidence = [credit("RDY301")] * 3
    budget = by_area(area_scores(findings, evidence, sev))[Area.BUDGET]
    assert budget.score == 30  # (2*0.75 + 3*0) / 5
    assert budget.status == "fail"


def test_area_without_outcomes_is_not_applicable():
    scores = by_area(area_scores([], [credit("RDY101")], SEV))
    assert scores[Area.MODEL_CONTROL].score == 100 and scores[Area.MODEL_CONTROL].status == "pass"
    assert scores[Area.EVALS].score is None and scores[Area.EVALS].status == "n/a"


def test_suppressed_is_neutral_and_baselined_still_counts():
    suppressed = by_area(area_scores([finding("RDY301", state="suppressed")], [credit("RDY301")], SEV))
    assert suppressed[Area.BUDGET].score == 100
    baselined = by_area(area_scores([finding("RDY301", state="baselined")], [credit("RDY301")], SEV))
    assert baselined[Area.BUDGET].score == 50 and baselined[Area.BUDGET].status == "warn"


def test_active_error_fails_area_even_with_high_score():
    findings = [finding("RDY401")]
    evidence = [credit("RDY401")] * 9 + [credit("RDY402")] * 10
    tool = by_area(area_scores(findings, evidence, SEV))[Area.TOOL_AUTH]
    assert tool.score == 95 and tool.status == "fail"


def test_active_warning_caps_area_at_warn_but_note_does_not():
    evidence = [credit("RDY409")] + [credit("RDY402")] * 9 + [credit("RDY401")] * 10
    tool = by_area(area_scores([finding("RDY409")], evidence, SEV))[Area.TOOL_AUTH]
    assert tool.score == 88 and tool.status == "warn"  # (2*0.5 + 3*1 + 3*1) / 8 = 0.875: high, yet a warning is open
    noted = by_area(area_scores([finding("RDY304")], [credit("RDY304")] * 9 + [credit("RDY301")] * 10, SEV))
    assert noted[Area.BUDGET].status == "pass"
    baselined = by_area(area_scores([finding("RDY409", state="baselined")], evidence, SEV))
    assert baselined[Area.TOOL_AUTH].status == "pass"


def test_thresholds_and_overall():
    scores = area_scores([finding("RDY301")], [credit("RDY301")] * 3 + [credit("RDY101")], SEV, warn_below=80, fail_below=50)
    assert by_area(scores)[Area.BUDGET].score == 75 and by_area(scores)[Area.BUDGET].status == "warn"
    assert overall(scores) == (88, "warn")  # mean of 75 and 100, worst status


def test_gate_reasons():
    findings = [finding("RDY301"), finding("RDY401")]
    assert gate(findings, 90, True, "error", None)["passed"] is False
    assert gate(findings, 90, True, "never", None)["passed"] is True
    assert gate(findings, 90, True, "never", 95)["reasons"] == ["overall score 90 is below --fail-under 95"]
    assert gate([], None, False, "error", None)["reasons"] == ["the scan is incomplete (see diagnostics)"]
    assert gate([finding("RDY401", state="baselined")], 90, True, "error", None)["passed"] is True


def test_rollout_stage_tightens_the_gate():
    # budget warns (an open warning), tool auth fails (an active error), the rest has nothing to judge.
    findings = [finding("RDY301"), finding("RDY401")]
    areas = area_scores(findings, [credit("RDY301")] * 9 + [credit("RDY402")], SEV)
    assert {a.area: a.status for a in areas if a.status != "n/a"} == {Area.BUDGET: "warn", Area.TOOL_AUTH: "fail"}
    assert gate(findings, 80, True, "never", None, areas, "internal")["passed"] is True
    beta = gate(findings, 80, True, "never", None, areas, "beta")
    assert beta["reasons"] == ["rollout stage beta allows no failing area: tool-auth fail"] and beta["stage"] == "beta"
    general = gate(findings, 80, True, "never", None, areas, "general")
    assert general["reasons"] == ["rollout stage general needs every area to pass: budget warn, tool-auth fail"]
    warn_only = [a for a in areas if a.area != Area.TOOL_AUTH]
    assert gate([finding("RDY301")], 80, True, "never", None, warn_only, "beta")["passed"] is True
    assert "stage" not in gate([], 100, True, "error", None, areas, None)


def test_a_failing_area_fails_the_default_gate_unless_only_baselined_findings_fail_it():
    # tool auth fails on an active warning-level finding: fail-on "error" alone would pass it
    findings = [finding("RDY409"), finding("RDY409")]
    areas = area_scores(findings, [], SEV)
    assert {a.area: a.status for a in areas if a.status != "n/a"} == {Area.TOOL_AUTH: "fail"}
    decided = gate(findings, 40, True, "error", None, areas, fail_on_area=True)
    assert decided["passed"] is False
    assert decided["reasons"] == ["area(s) failing (fail-on-area): tool-auth 0"]
    assert gate(findings, 40, True, "error", None, areas, fail_on_area=False)["passed"] is True
    known = [finding("RDY409", state="baselined"), finding("RDY409", state="baselined")]
    assert gate(known, 40, True, "error", None, area_scores(known, [], SEV), fail_on_area=True)["passed"] is True
