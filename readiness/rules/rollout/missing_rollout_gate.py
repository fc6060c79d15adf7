"""RDY701: nothing stands between the agent and every user on day one."""
from __future__ import annotations

import ast

from readiness.context import Fact
from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule

GATE_FUNCTIONS = {"is_enabled", "is_feature_enabled", "feature_enabled", "flag_enabled", "check_gate", "variation",
                  "is_on", "get_boolean_value", "get_feature_flag", "get_variant"}
GATE_KEYS = {"kill_switch", "rollout_percent", "rollout_percentage", "allow_users", "allowlist", "allow_list",
             "beta_users", "beta_orgs", "internal_only", "feature_flags", "canary_percent"}


class MissingRolloutGate(Rule):
    """
    ## What it finds
    An agent project with no way to limit who gets the agent: no feature-flag SDK (LaunchDarkly,
    Unleash, Flagsmith, GrowthBook, OpenFeature, PostHog, Statsig, ConfigCat, Split, Flipt), no
    flag check in code (`is_enabled(...)`, `check_gate(...)`, `variation(...)`), no allow-list or
    kill switch (`ALLOWED_USERS`, `BETA_USERS`, `INTERNAL_ONLY`, `AGENT_ENABLED`, `KILL_SWITCH`,
    `ROLLOUT_PERCENT` ...) in code or configuration, no progressive-delivery manifest (Argo
    Rollouts `Rollout`, Flagger `Canary`), and no tool that acts only behind a flag (progressive
    autonomy: `if os.environ.get("AUTONOMOUS_REFUNDS") != "on": return "a person will do it"`;
    the tool inventory shows each such flag).

    ## Why it matters
    Agents meet inputs in production that no test imagined. Shipping to internal users first, then
    a percentage, then everyone - with a switch to turn it off - keeps the first surprise small.

    ## How to fix
    Put the agent's entry point behind a flag or allow-list, start with internal users, widen by
    percentage, and keep a kill switch that needs no deploy.
    """

    id = "RDY701"
    name = "missing-rollout-gate"
    severity = Severity.WARNING
    summary = "No feature flag, allow-list or kill switch in front of the agent"
    scope = "project"
    kinds = frozenset({"python", "yaml", "toml", "json", "dotenv"})
    fix_hint = "Gate the agent entry point with a feature flag or allow-list and keep a kill switch"

    valid = [
        Example(files={
            "app.py": '''
                import ldclient
                from openai import OpenAI
                def handle(user, q):
                    if not ldclient.get().variation("agent-enabled", user, False):
                        return "not available"
            ''',
        }),
        Example(files={
            "app.py": '''
                import os
                from openai import OpenAI
                ALLOWED_USERS = set(os.getenv("ALLOWED_USERS", "").split(","))
            ''',
        }),
        Example(files={
            "desk.py": '''
                import os
                from agents import function_tool
                @function_tool
                def issue_refund(order_id: str) -> str:
                    """Refund an order."""
                    if os.environ.get("AUTONOMOUS_REFUNDS") != "on":
                        return "A person will process this refund."
                    return f"refunded {order_id}"
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY701
                name = "bot"
            ''',
            "app.py": '''
                from openai import OpenAI
                def handle(q):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_tokens=10)
            ''',
        }),
    ]

    def visit_Import(self, node: ast.Import, ctx) -> None:
        for alias in node.names:
            self._imported(alias.name, node, ctx)

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx) -> None:
        self._imported(node.module or "", node, ctx)

    def _imported(self, module: str, node, ctx) -> None:
        for prefix, label in data("evidence")["flag_imports"].items():
            if module == prefix or module.startswith(prefix + "."):
                ctx.fact("rollout-gate", node, f"{label} feature flags")

    def visit_Name(self, node: ast.Name, ctx) -> None:
        if node.id in data("evidence")["gate_names"]:
            ctx.fact("rollout-gate", node, f"gate `{node.id}`")

    def visit_Constant(self, node: ast.Constant, ctx) -> None:
        if isinstance(node.value, str) and node.value in data("evidence")["gate_names"]:
            ctx.fact("rollout-gate", node, f"gate `{node.value}`")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in GATE_FUNCTIONS and node.args:
            ctx.fact("rollout-gate", node, f"flag check `{name}()`")

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        if ctx.kind == "dotenv":
            for key, _value, line in ctx.parsed.env:
                if key in data("evidence")["gate_names"]:
                    ctx.fact("rollout-gate", line, f"gate `{key}`")
            return
        kinds = data("evidence")["rollout_kinds"]
        for doc in ctx.parsed.docs:
            if isinstance(doc.data, dict):
                if doc.data.get("kind") in kinds and "apiVersion" in doc.data:
                    ctx.fact("rollout-gate", doc.line_of(("kind",)), f"{kinds[doc.data['kind']]} progressive delivery")
                for key in doc.data:
                    if isinstance(key, str) and key.lower() in GATE_KEYS:
                        ctx.fact("rollout-gate", doc.line_of((key,)), f"flag configuration `{key}`")
                flags = doc.data.get("flags")
                if isinstance(flags, dict):
                    for spec_path, spec in flags.items():
                        if isinstance(spec, dict) and GATE_KEYS & {str(k).lower() for k in spec}:
                            ctx.fact("rollout-gate", doc.line_of(("flags", spec_path)), f"flag `{spec_path}`")

    def check_project(self, ctx) -> None:
        found = list(ctx.facts("rollout-gate", roles=("prod",)))
        found += [Fact("rollout-gate", f.path, f.line, f"progressive autonomy: tool `{f.value.split('|', 1)[0]}` "
                                                      f"acts behind `{f.value.split('|', 1)[1]}`", f.role, f.project)
                  for f in ctx.facts("tool-flag", roles=("prod",))]
        if not found:
            ctx.report("no feature flag, allow-list or kill switch limits who reaches the agent")
            return
        seen = set()
        for fact in found:
            if fact.value not in seen and len(seen) < 5:
                seen.add(fact.value)
                ctx.credit(fact, fact.value)
