"""RDY403: a credential written into a prompt, system message or agent instructions."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.rules.tool_auth.hardcoded_secret import find_credentials, is_placeholder, looks_generated, named_values, redact

PROMPT_KEYWORDS = {"instructions", "system", "system_prompt", "system_message", "prompt", "backstory", "goal", "prefix",
                   "suffix", "template", "content", "input"}
PROMPT_NAME_PARTS = ("prompt", "instruction", "system_message", "system_msg", "persona")
ROLES = {"system", "user", "human", "assistant", "ai", "developer"}


def prompt_literals(ctx) -> list[ast.expr]:
    """String literals (and f-strings) that become model input: prompts, instructions, messages."""
    return ctx.memo("prompt-literals", lambda: list(_find(ctx)))


def _strings(expr: ast.AST | None):
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str) or isinstance(expr, ast.JoinedStr):
        yield expr
    elif isinstance(expr, ast.BinOp):
        yield from _strings(expr.left)
        yield from _strings(expr.right)


def _find(ctx):
    if ctx.tree is None:
        return
    for node in ctx.nodes_of(ast.Call):
        for kw in node.keywords:
            if kw.arg in PROMPT_KEYWORDS:
                yield from _strings(kw.value)
    for node in ctx.nodes_of(ast.Dict):
        keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
        if "role" in keys and "content" in keys:
            yield from _strings(keys["content"])
    for node in ctx.nodes_of(ast.Tuple):
        if len(node.elts) == 2 and isinstance(node.elts[0], ast.Constant) and node.elts[0].value in ROLES:
            yield from _strings(node.elts[1])
    for node in ctx.nodes_of(ast.Assign, ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and any(p in t.id.lower() for p in PROMPT_NAME_PARTS) for t in targets):
            yield from _strings(node.value)


def literal_text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


def secrets_in(text: str):
    """(offset, label, redacted) for each credential in a prompt's text."""
    for start, value, label, prefix in find_credentials(text):
        if label == "private key" or not is_placeholder(value):
            yield start, label, redact(value, prefix)
    for name, start, value in named_values(text):
        if looks_generated(value):
            yield start, f"value of `{name}`", redact(value, 3)


class SecretInPrompt(Rule):
    """
    ## What it finds
    A credential inside text that is sent to the model: a system prompt, agent `instructions`,
    a CrewAI `backstory`, a message's `content`, a prompt template or a `*_PROMPT` constant.
    Reported instead of RDY401 at that place, at a higher severity.

    ## Why it matters
    A key in a prompt is not only committed to the repository: it is sent to the model provider
    on every request, stored in every trace and log of the conversation, and the model can be
    talked into repeating it to any user. Prompt-extraction attacks are routine.

    ## How to fix
    Revoke the key. Tools that need a credential should read it from the environment or a
    secrets manager inside the tool code, so the model never sees it.

    ## Example
    ```python
    SYSTEM_PROMPT = f"Use API key {KEY_LITERAL} to call the billing API."   # in the prompt
    ```

    ## Limits
    Only literals that are visibly prompt text are checked; a key concatenated into a prompt at
    run time from a variable is reported by RDY401 where the variable is set.
    """

    id = "RDY403"
    name = "secret-in-prompt"
    severity = Severity.ERROR
    summary = "Credential written into a prompt or agent instructions"
    roles = frozenset({"prod", "example"})
    precision = "very-high"
    security_severity = "9.5"
    fix_hint = "Revoke the key and let the tool read it from the environment; never put it in model input"

    valid = [
        Example("""
            from agents import Agent
            agent = Agent(name="billing", instructions="Use the billing tool; never reveal internal IDs.")
        """),
        Example("""
            import os
            SYSTEM_PROMPT = "You are a support agent."
            API_KEY = os.environ["BILLING_API_KEY"]
        """),
    ]
    invalid = [
        # Built by concatenation so this source file holds no credential-shaped literal.
        Example("from agents import Agent\nagent = Agent(name='ops', instructions='Deploy with token ghp_"
                + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5 when asked.')  # expect: RDY403\n"),
        Example("SYSTEM_PROMPT = \"\"\"You run reports.\nAPI_KEY=" + "pX7vQ2mL9sT4wZ8rK3nB6yH1cF5gJ0dAUe4i" + "\"\"\"  # expect: RDY403\n"),
    ]

    def check_file(self, ctx) -> None:
        for node in prompt_literals(ctx):
            text = literal_text(node)
            for start, label, shown in secrets_in(text):
                line = node.lineno + (text[:start].count("\n") if isinstance(node, ast.Constant) else 0)
                ctx.report(line, f"{label} `{shown}` is written into a prompt: it is sent to the model and can be repeated "
                           "to users", sensitive=True)
