"""RDY702: no written criteria for widening the rollout."""
from __future__ import annotations

import re

from readiness.model import Location, Severity
from readiness.rule import Example, Rule

CRITERIA_HEADING = re.compile(
    r"^#{1,4}\s.*\b(launch|rollout|roll-out|go[- ]live|ready[- ]to[- ]scale|release)\b.*\b(criteria|plan|checklist|gates?)\b",
    re.I | re.M,
)


# What ready-to-scale criteria must speak to, and the words that name each in a criterion key.
DIMENSIONS = {
    "error rate": ("error", "failure", "incident", "success"),
    "policy violations": ("policy", "violation", "safety", "guardrail", "harm", "abuse"),
    "user satisfaction": ("satisfaction", "csat", "nps", "thumbs", "feedback", "rating"),
    "cost": ("cost", "spend", "budget", "token", "price"),
}


def missing_dimensions(criteria: dict) -> list[str]:
    keys = " ".join(str(k).lower() for k, v in criteria.items() if str(v).strip())
    return [name for name, words in DIMENSIONS.items() if not any(w in keys for w in words)]


class MissingLaunchCriteria(Rule):
    """
    ## What it finds
    An agent project with no written ready-to-scale criteria: no `[tool.readiness.rollout]` policy
    with a `stage` and `criteria`, and no Markdown document with a launch / rollout criteria (or
    plan, checklist, gates) heading.

    ## Why it matters
    "We'll widen it when it looks fine" becomes "it's been fine for a day, ship it". Written
    thresholds - error rate, policy violations, user satisfaction, cost per session - decided
    before launch are what make each rollout step a decision rather than a mood.

    ## How to fix
    Declare the stage and the criteria for the next one:

    ```toml
    [tool.readiness.rollout]
    stage = "internal"            # internal | beta | general
    owner = "agents-team"
    [tool.readiness.rollout.criteria]
    error-rate = "< 1% of sessions over 7 days"
    policy-violations = "0 confirmed"
    cost-per-session = "< $0.05 p95"
    satisfaction = ">= 4/5 from internal users"
    ```

    A policy must name a stage and thresholds for the four things a widening decision rests
    on - error rate, policy violations, user satisfaction and cost (matched by words in the
    criterion names: `error-rate`, `policy-violations`, `csat`, `cost-per-session` ...); an
    incomplete policy is reported with what it lacks. The stage also tightens the CI gate:
    `beta` fails the gate when any area fails, `general` unless every area passes
    (docs/scoring.md).
    """

    id = "RDY702"
    name = "missing-launch-criteria"
    severity = Severity.NOTE
    summary = "No written criteria for widening the rollout"
    scope = "project"
    kinds = frozenset({"markdown"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Write [tool.readiness.rollout] with stage and criteria (or a launch-criteria document)"

    valid = [
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "docs/LAUNCH.md": "# Launch criteria\n\n- error rate below 1%\n",
        }),
        Example(files={
            "pyproject.toml": '''
                [project]
                name = "bot"
                [tool.readiness.rollout]
                stage = "internal"
                [tool.readiness.rollout.criteria]
                error-rate = "< 1% of sessions"
                policy-violations = "0 confirmed"
                csat = ">= 4/5"
                cost-per-session = "< $0.05"
            ''',
            "agent.py": "from openai import OpenAI\n",
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY702
                name = "bot"
            ''',
            "agent.py": "from openai import OpenAI\n",
        }),
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY702
                name = "bot"
                [tool.readiness.rollout]
                stage = "beta"
                [tool.readiness.rollout.criteria]
                error-rate = "< 1% of sessions"
                cost-per-session = "< $0.05"
            ''',
            "agent.py": "from openai import OpenAI\n",
        }),
    ]

    def check_file(self, ctx) -> None:
        m = CRITERIA_HEADING.search(ctx.text)
        if m:
            line = ctx.text.count("\n", 0, m.start()) + 1
            ctx.fact("launch-criteria", line, f"launch criteria in {ctx.path}")

    def check_project(self, ctx) -> None:
        policy = getattr(ctx.settings, "rollout", {}) or {}
        if policy:
            where = Location(_rel(ctx.settings.source or "pyproject.toml", ctx), 1, 1, 1)
            criteria = policy.get("criteria") or {}
            gaps = ([] if policy.get("stage") else ["a stage"]) + [f"a {d} threshold" for d in missing_dimensions(criteria)]
            if gaps:
                ctx.report(f"the [tool.readiness.rollout] policy has no {', no '.join(g.split(' ', 1)[1] for g in gaps)}",
                           at=where)
            else:
                ctx.credit(where, f"rollout policy: stage {policy['stage']}, {len(criteria)} criteria")
            return
        docs = ctx.facts("launch-criteria")
        if docs:
            ctx.credit(docs[0], docs[0].value)
            return
        ctx.report("no written criteria for moving the agent to the next rollout stage")


def _rel(source: str, ctx) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name if ctx.path == "." else f"{ctx.path}/{name}"
