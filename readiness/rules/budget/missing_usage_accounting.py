"""RDY305: the project never reads or records how many tokens or how much money it used."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule

TOKEN_FIELDS = {"prompt_tokens", "completion_tokens", "input_tokens", "output_tokens", "total_tokens", "total_cost",
                "total_token_count", "prompt_token_count", "candidates_token_count"}
USAGE_CALLS = {"get_openai_callback", "get_usage_metadata_callback", "get_bedrock_anthropic_callback", "completion_cost",
               "cost_per_token", "calculate_prompt_cost", "calculate_completion_cost", "calculate_all_costs_and_tokens"}


class MissingUsageAccounting(Rule):
    """
    ## What it finds
    An agent project that never reads the usage its model calls report: no `response.usage`
    token counts (OpenAI, Anthropic), no `usage_metadata` (Gemini, LangChain `AIMessage`), no
    LangChain `get_openai_callback()` / `get_usage_metadata_callback()`, no LiteLLM
    `completion_cost`, no `tokencost`, no Agents SDK `context_wrapper.usage` or PydanticAI
    `result.usage()`, no `stream_options={"include_usage": True}` on streams.

    ## Why it matters
    Cost per conversation, per user and per feature is the number that decides whether an agent
    can scale, and the signal that catches a loop or an abuser early. If usage is never read, it
    is never logged, and nobody can say what the agent costs until the invoice arrives.

    ## How to fix
    Read the usage of every call and record it with the trace or as a metric, tagged with the
    session and user: tokens in, tokens out, model, and the cost computed from them.

    ## Example
    ```python
    reply = client.chat.completions.create(...)
    metrics.record(user=user_id, model=reply.model, tokens_in=reply.usage.prompt_tokens,
                   tokens_out=reply.usage.completion_tokens)
    ```

    ## Limits
    Tracing platforms that compute cost themselves (Langfuse, LangSmith, Helicone) are counted by
    the tracing rules, not here: this rule asks whether the application itself sees its usage.
    """

    id = "RDY305"
    name = "missing-usage-accounting"
    severity = Severity.NOTE
    summary = "Model usage (tokens, cost) is never read or recorded"
    scope = "project"
    roles = frozenset({"prod", "example"})
    fix_hint = "Record tokens in/out and cost for every call, tagged with session and user"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/agent.py": '''
                import logging
                from openai import OpenAI
                def ask(msgs, user):
                    reply = OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=300)
                    logging.info("usage", extra={"user": user, "tokens": reply.usage.total_tokens})
                    return reply
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/agent.py": '''
                from langchain_community.callbacks import get_openai_callback
                def run(chain, q):
                    with get_openai_callback() as cb:
                        out = chain.invoke(q)
                    return out, cb.total_cost
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": "[project]  # expect: RDY305\nname = 'bot'\n",
            "bot/agent.py": '''
                from openai import OpenAI
                def ask(msgs):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=300).choices[0].message.content
            ''',
        }),
    ]

    def visit_Attribute(self, node: ast.Attribute, ctx) -> None:
        if node.attr in TOKEN_FIELDS and isinstance(node.value, ast.Attribute) and node.value.attr in ("usage", "usage_metadata"):
            ctx.fact("usage-read", node, f"`{node.value.attr}.{node.attr}`")
        elif node.attr == "usage_metadata" or node.attr == "usage" and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "context_wrapper":
            ctx.fact("usage-read", node, f"`{node.attr}`")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        last = (ctx.qualname(node.func) or "").rsplit(".", 1)[-1]
        if not last and isinstance(node.func, ast.Attribute):
            last = node.func.attr
        if last in USAGE_CALLS:
            ctx.fact("usage-read", node, f"`{last}()`")
        elif last == "get" and node.args and isinstance(node.args[0], ast.Constant) \
                and node.args[0].value in TOKEN_FIELDS | {"usage", "token_usage", "usage_metadata"}:
            ctx.fact("usage-read", node, f"`.get({node.args[0].value!r})`")
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "usage" and not node.args:
            ctx.fact("usage-read", node, "`usage()`")  # PydanticAI result.usage()
        for kw in node.keywords:
            if kw.arg == "stream_options" and isinstance(kw.value, ast.Dict):
                keys = {k.value for k in kw.value.keys if isinstance(k, ast.Constant)}
                if "include_usage" in keys:
                    ctx.fact("usage-read", node, "`stream_options.include_usage`")

    def visit_Subscript(self, node: ast.Subscript, ctx) -> None:
        key = node.slice.value if isinstance(node.slice, ast.Constant) else None
        if key in ("token_usage", "usage") or key in TOKEN_FIELDS and isinstance(node.value, ast.Subscript):
            ctx.fact("usage-read", node, f"`[{key!r}]`")

    def check_project(self, ctx) -> None:
        found = ctx.facts("usage-read", roles=("prod", "example"))
        if found:
            ctx.credit(found[0], f"model usage read: {found[0].value}")
        else:
            ctx.report("model usage (tokens, cost) is never read or recorded", subject="usage-accounting")
