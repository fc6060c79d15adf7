"""RDY702: no written criteria for widening the rollout."""
from __future__ import annotations

import re

from readiness.model import Location, Severity
from readiness.rule import Example, Rule

CRITERIA_HEADING = re.compile(
    r"^#{1,4}\s.*\b(launch|rollout|roll-out|go[- ]live|ready[- ]to[- ]scale|release)\b.*\b(criteria|plan|checklist|gates?)\b",
    re.I | re.M,
)


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
    ```
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
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY702
                name = "bot"
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
        if policy.get("stage") and policy.get("criteria"):
            where = ctx.settings.source or "configuration"
            ctx.credit(Location(_rel(where, ctx), 1, 1, 1), f"rollout policy: stage {policy['stage']}, {len(policy['criteria'])} criteria")
            return
        docs = ctx.facts("launch-criteria")
        if docs:
            ctx.credit(docs[0], docs[0].value)
            return
        ctx.report("no written criteria for moving the agent to the next rollout stage")


def _rel(source: str, ctx) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name if ctx.path == "." else f"{ctx.path}/{name}"
