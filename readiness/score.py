"""Outcomes -> area scores -> overall score, and the gate decision. Documented in docs/scoring.md.

Each finding is a failed outcome of its rule, each piece of evidence a passed one. A rule's credit
is passes / (passes + fails); an area's score is the severity-weighted mean credit of its rules
that had anything to judge. Suppressed findings count as neither; baselined ones still fail.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from readiness.model import Area, AreaScore, Evidence, Finding, Outcome, Severity


def outcomes(findings: Iterable[Finding], evidence: Iterable[Evidence]) -> dict[str, Outcome]:
    table: dict[str, Outcome] = {}
    for f in findings:
        if f.state == "suppressed":
            continue
        table.setdefault(f.rule, Outcome(f.rule, f.project, area=f.area)).fails += 1
    for e in evidence:
        table.setdefault(e.rule, Outcome(e.rule, e.project, area=e.area)).passes += 1
    return table


def status_for(score: int | None, has_error: bool, warn_below: int, fail_below: int) -> str:
    if score is None:
        return "n/a"
    if has_error or score < fail_below:
        return "fail"
    if score < warn_below:
        return "warn"
    return "pass"


STATUS_ORDER = {"n/a": 0, "pass": 1, "unknown": 2, "warn": 3, "fail": 4}


def area_scores(
    findings: list[Finding], evidence: list[Evidence], severity_of: dict[str, Severity], warn_below: int = 80, fail_below: int = 50
) -> list[AreaScore]:
    """Score each of the seven areas from the outcomes of its rules."""
    table = outcomes(findings, evidence)
    by_area: dict[Area, list[Outcome]] = defaultdict(list)
    for outcome in table.values():
        by_area[outcome.area or Area.from_rule_id(outcome.rule)].append(outcome)
    scores = []
    for area in Area:
        weighted = total = 0.0
        applicable = 0
        for o in by_area.get(area, []):
            credit = o.credit
            if credit is None:
                continue
            w = (severity_of.get(o.rule) or _severity_in(findings, o.rule)).weight
            weighted += w * credit
            total += w
            applicable += 1
        score = round(100 * weighted / total) if total else None
        active = [f for f in findings if f.area == area and f.state != "suppressed"]
        has_error = any(f.severity == Severity.ERROR and f.state == "active" for f in active)
        status = status_for(score, has_error, warn_below, fail_below)
        if status == "pass" and any(f.severity == Severity.WARNING and f.state == "active" for f in active):
            status = "warn"  # a high score does not hide a warning still open in the area
        scores.append(AreaScore(
            area=area, score=score, status=status,
            findings=len(active), evidence=sum(1 for e in evidence if e.area == area), rules_applicable=applicable,
        ))
    return scores


def overall(areas: list[AreaScore]) -> tuple[int | None, str]:
    """Mean of the applicable area scores; status is the worst area status."""
    applicable = [a.score for a in areas if a.score is not None]
    score = round(sum(applicable) / len(applicable)) if applicable else None
    status = max((a.status for a in areas), key=STATUS_ORDER.__getitem__, default="n/a")
    return score, status


# What the declared rollout stage ([tool.readiness.rollout] stage) adds to the gate: the wider the
# audience, the fewer open problems it tolerates.
STAGE_REQUIRES = {"internal": None, "beta": "no-failing-area", "general": "every-area-passes"}


def gate(findings: list[Finding], score: int | None, complete: bool, fail_on: str, fail_under: int | None,
         areas: list[AreaScore] | None = None, stage: str | None = None, fail_on_area: bool = False) -> dict:
    """Decide pass/fail for CI and say every reason it failed (each reason names the setting that
    decided it). ``fail_on_area``: an area the report shows as ``fail`` fails the gate, so the exit
    code never contradicts the scorecard."""
    reasons = []
    requirement = STAGE_REQUIRES.get(stage or "")
    if fail_on_area and areas is not None and requirement is None:
        # an area failing only on baselined findings does not: adopting a baseline must not fail the gate
        failing_areas = [a for a in areas if a.status == "fail"
                         and any(f.area == a.area and f.state == "active" for f in findings)]
        if failing_areas:
            reasons.append("area(s) failing (fail-on-area): " + ", ".join(f"{a.area.value} {a.score}" for a in failing_areas))
    if requirement and areas is not None:
        if requirement == "no-failing-area":
            short = [a for a in areas if a.status == "fail"]
            if short:
                reasons.append(f"rollout stage {stage} allows no failing area: "
                               f"{', '.join(a.area.value for a in short)} fail")
        else:
            short = [a for a in areas if a.status not in ("pass", "n/a")]
            if short:
                reasons.append(f"rollout stage {stage} needs every area to pass: "
                               f"{', '.join(f'{a.area.value} {a.status}' for a in short)}")
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        failing = [f for f in findings if f.state == "active" and f.severity.rank >= threshold]
        if failing:
            reasons.append(f"{len(failing)} active finding(s) at or above {fail_on}")
    if fail_under is not None and (score is None or score < fail_under):
        shown = "n/a" if score is None else str(score)
        reasons.append(f"overall score {shown} is below --fail-under {fail_under}")
    if not complete:
        reasons.append("the scan is incomplete (see diagnostics)")
    result = {"passed": not reasons, "reasons": reasons, "fail_on": fail_on, "fail_under": fail_under}
    if stage:
        result["stage"] = stage
    return result


def _severity_in(findings: list[Finding], rule: str) -> Severity:
    """A users' semgrep rule has no registry entry: its findings carry its severity."""
    return next((f.severity for f in findings if f.rule == rule), Severity.WARNING)
