"""RDY306: a retry decorator with no stop condition around a model call."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk, wrappers as _wrappers
from readiness.walk import walk

# Decorators that retry forever unless told when to stop, and the arguments that stop them.
RETRY_DECORATORS = {
    "tenacity.retry": ("stop",),
    "backoff.on_exception": ("max_tries", "max_time"),
    "backoff.on_predicate": ("max_tries", "max_time"),
}


def _calls_model(func: ast.AST, ctx) -> ast.Call | None:
    for node in walk(func):
        if isinstance(node, ast.Call) and (_sdk.model_site(node, ctx) is not None
                                           or _wrappers.callee_wrapper(ctx, node) is not None):
            return node
    return None


class UnboundedRetry(Rule):
    """
    ## What it finds
    A function that calls a model and is wrapped in a retry decorator that never gives up:
    tenacity's `@retry` without `stop=`, or backoff's `@on_exception` / `@on_predicate` without
    `max_tries` or `max_time`. Both libraries retry forever by default.

    ## Why it matters
    When the provider is down, rate-limits you, or rejects the request every time (a prompt over
    the context window, a retired model), the agent retries without end: requests pile up, every
    failed attempt that reached the model is billed, and the user never gets an error.

    ## How to fix
    Give every retry a limit: `stop=stop_after_attempt(3)` (tenacity) or `max_tries=3` /
    `max_time=60` (backoff), and retry only errors that can succeed later (timeouts, 429, 5xx).

    ## Example
    ```python
    @retry(wait=wait_exponential())                                  # retries forever
    @retry(wait=wait_exponential(), stop=stop_after_attempt(4))      # gives up
    ```

    ## Limits
    Hand-written retry loops are covered by RDY303. The SDK clients' own `max_retries` is bounded
    (2 by default) and is not reported.
    """

    id = "RDY306"
    name = "unbounded-retry"
    severity = Severity.WARNING
    summary = "Retry decorator with no stop condition around a model call"
    needs = ("retry", "backoff")
    fix_hint = "Add stop=stop_after_attempt(n) (tenacity) or max_tries / max_time (backoff)"

    valid = [
        Example("""
            from openai import OpenAI
            from tenacity import retry, stop_after_attempt, wait_exponential
            client = OpenAI()
            @retry(wait=wait_exponential(), stop=stop_after_attempt(4))
            def ask(msgs):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=200)
        """),
        Example("""
            import backoff
            import anthropic
            client = anthropic.Anthropic()
            @backoff.on_exception(backoff.expo, anthropic.RateLimitError, max_tries=5)
            def ask(msgs):
                return client.messages.create(model="claude-sonnet-4-6", max_tokens=300, messages=msgs)
        """),
        Example("""
            import requests
            from tenacity import retry
            @retry
            def fetch(url):
                return requests.get(url, timeout=5)
        """),
    ]
    invalid = [
        Example("""
            from openai import OpenAI
            from tenacity import retry, wait_exponential
            client = OpenAI()
            @retry(wait=wait_exponential(min=1, max=30))  # expect: RDY306
            def ask(msgs):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=200)
        """),
        Example("""
            import tenacity
            import litellm
            @tenacity.retry  # expect: RDY306
            def ask(msgs):
                return litellm.completion(model="openai/gpt-4o-2024-08-06", messages=msgs, max_tokens=200)
        """),
        Example("""
            import backoff
            import anthropic
            client = anthropic.Anthropic()
            @backoff.on_exception(backoff.expo, anthropic.APIError)  # expect: RDY306
            async def ask(msgs):
                return await client.messages.create(model="claude-sonnet-4-6", max_tokens=300, messages=msgs)
        """),
    ]

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            stops = RETRY_DECORATORS.get(ctx.qualname(target) or "")
            if stops is None:
                continue
            if isinstance(dec, ast.Call) and any(kw.arg in stops or kw.arg is None for kw in dec.keywords):
                continue
            call = _calls_model(node, ctx)
            if call is not None:
                ctx.report(dec, f"`{ast.unparse(target)}` retries this model call forever: it has no "
                                f"{' / '.join(stops)}")

    visit_AsyncFunctionDef = visit_FunctionDef
