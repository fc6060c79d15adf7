"""Text that becomes model input (prompts, instructions, message content), and the credentials in
it. RDY403 reports those credentials; RDY401 leaves their lines to RDY403."""
from __future__ import annotations

import ast

from readiness.analysis.secrets import find_credentials, is_placeholder, looks_generated, named_values, redact

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
