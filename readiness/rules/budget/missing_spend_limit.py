"""RDY304: nothing in the project caps what a session, a user or the whole service may spend."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.walk import walk

# Library budgets (agent-ecosystem.md B.2-B.3): a call that enforces a limit when given one.
LIMIT_CALLS = {
    "BudgetManager": None, "UsageLimits": None, "TokenUsageTermination": None,
    "ModelCallLimitMiddleware": None, "ToolCallLimitMiddleware": None,
    "ClaudeAgentOptions": ("max_budget_usd",),
}
LIMIT_ATTRIBUTES = {"litellm.max_budget"}
PROXY_KEYS = {"max_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "soft_budget"}
SPEND_WORDS = re.compile(r"token|cost|spend|usage|usd|dollar|credit", re.I)
LIMIT_WORDS = re.compile(r"limit|budget|max|cap|quota|allowance|ceiling", re.I)


def _name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return f"{_name(expr.value)}.{expr.attr}"
    if isinstance(expr, ast.Subscript):
        key = expr.slice.value if isinstance(expr.slice, ast.Constant) else ""
        return f"{_name(expr.value)}[{key}]"
    if isinstance(expr, ast.Call):
        return _name(expr.func)
    return ""


def _stops(body: list[ast.stmt]) -> bool:
    return any(isinstance(n, (ast.Raise, ast.Break, ast.Return)) for stmt in body for n in walk(stmt))


class MissingSpendLimit(Rule):
    """
    ## What it finds
    An agent project with no spending limit anywhere: no LiteLLM budget (`litellm.max_budget`,
    `BudgetManager`, proxy `max_budget` / `tpm_limit` / `rpm_limit`), no PydanticAI
    `UsageLimits`, no AutoGen `TokenUsageTermination`, no LangChain model- or tool-call limit
    middleware, no Claude Agent SDK `max_budget_usd`, and no hand-written check that stops when
    a token or cost total passes a limit (`if session_tokens > MAX_SESSION_TOKENS: raise ...`).

    ## Why it matters
    Per-call caps (RDY301) and turn caps (RDY302) bound one request. They do not stop one user,
    a retry storm or a scripted abuser from running the agent a thousand times. Without a budget
    per session, per user or for the whole service, the first sign of runaway spend is the bill.

    ## How to fix
    Track tokens or cost per session and per user, and refuse or degrade past a limit; set an
    aggregate budget in the gateway (LiteLLM proxy keys, provider project limits) as a backstop.

    ## Example
    ```python
    if session.cost_usd + estimate > MAX_SESSION_COST_USD:
        raise BudgetExceeded(session.id)
    ```

    ## Limits
    Limits enforced outside the repository (a provider's monthly cap, an API gateway configured
    elsewhere) are not visible: suppress the finding with that reason.
    """

    id = "RDY304"
    name = "missing-spend-limit"
    severity = Severity.NOTE  # a maturity step beyond per-call and per-run caps (RDY301/RDY302)
    summary = "No per-session, per-user or aggregate spending limit"
    scope = "project"
    kinds = frozenset({"python", "yaml"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Enforce a token or cost budget per session and per user, with a gateway-wide backstop"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/agent.py": '''
                from pydantic_ai import Agent
                from pydantic_ai.usage import UsageLimits
                agent = Agent("openai:gpt-4o-2024-08-06")
                def answer(q):
                    return agent.run_sync(q, usage_limits=UsageLimits(request_limit=5, total_tokens_limit=20000))
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/agent.py": '''
                import anthropic
                MAX_SESSION_TOKENS = 50_000
                class BudgetExceeded(Exception):
                    pass
                def ask(session, msgs):
                    if session.total_tokens > MAX_SESSION_TOKENS:
                        raise BudgetExceeded(session.id)
                    reply = anthropic.Anthropic().messages.create(model="claude-sonnet-4-6", max_tokens=500, messages=msgs)
                    session.total_tokens += reply.usage.output_tokens
                    return reply
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/agent.py": "import litellm\n",
            "proxy/config.yaml": '''
                litellm_settings:
                  max_budget: 200
                  budget_duration: 30d
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": "[project]  # expect: RDY304\nname = 'bot'\n",
            "bot/agent.py": '''
                from openai import OpenAI
                def ask(msgs):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=300)
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]  # expect: RDY304\nname = 'bot'\n",
            "bot/agent.py": '''
                import anthropic
                def ask(msgs, max_retries=3):
                    for attempt in range(max_retries):
                        if attempt > max_retries:
                            break
                        return anthropic.Anthropic().messages.create(model="claude-sonnet-4-6", max_tokens=500, messages=msgs)
            ''',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        last = (ctx.qualname(node.func) or _name(node.func)).rsplit(".", 1)[-1]
        if last not in LIMIT_CALLS:
            return
        needed = LIMIT_CALLS[last]
        if needed is None and (node.args or node.keywords) or needed and any(kw.arg in needed for kw in node.keywords):
            ctx.fact("spend-limit", node, f"`{last}`")

    def visit_Assign(self, node: ast.Assign, ctx) -> None:
        for target in node.targets:
            if ctx.qualname(target) in LIMIT_ATTRIBUTES:
                ctx.fact("spend-limit", node, f"`{ctx.qualname(target)}`")

    def visit_If(self, node: ast.If, ctx) -> None:
        test = node.test
        if not isinstance(test, ast.Compare) or not _stops(node.body):
            return
        sides = [_name(test.left)] + [_name(c) for c in test.comparators]
        spend = [side for side in sides if SPEND_WORDS.search(side)]
        limit = [side for side in sides if LIMIT_WORDS.search(side) and side != (spend[0] if spend else None)]
        if spend and limit:  # ``session.total_tokens > MAX_SESSION_TOKENS`` followed by raise/break/return
            ctx.fact("spend-limit", node, f"`{spend[0]}` checked against `{limit[0]}`")

    def check_file(self, ctx) -> None:
        if ctx.kind != "yaml":
            return
        for doc in ctx.parsed.docs:
            data = doc.data if isinstance(doc.data, dict) else {}
            for section in ("litellm_settings", "general_settings", "router_settings"):
                table = data.get(section)
                if isinstance(table, dict):
                    for key in PROXY_KEYS & set(table):
                        ctx.fact("spend-limit", doc.line_of((section, key)), f"LiteLLM proxy `{key}`")

    def check_project(self, ctx) -> None:
        found = ctx.facts("spend-limit", roles=("prod", "example"))
        if found:
            ctx.credit(found[0], f"spending limit: {found[0].value}")
        else:
            ctx.report("no spending limit per session, per user or for the whole service", subject="spend-limit")
