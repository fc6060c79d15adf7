"""RDY303: a hand-written agent loop that calls the model until the model decides to stop."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.rules import _sdk


class UnboundedModelLoop(Rule):
    """
    ## What it finds
    A `while True:` loop that calls a model (directly, or through a function defined in the same
    file) and has no step counter: nothing in the loop counts iterations and compares the count
    against a limit. This is the classic hand-rolled tool-use loop that ends only when the model
    stops asking for tools.

    ## Why it matters
    If the model never stops calling tools (a tool keeps failing, two tools ping-pong, a prompt
    injection asks it to continue), the loop runs until the process is killed, paying for every
    turn.

    ## How to fix
    Bound the loop: `for step in range(MAX_STEPS):` or a counter checked on each turn, and end
    with a clear message when the limit is reached.

    ## Example
    ```python
    while True:                      # unbounded
        reply = call_model(messages)
    for _ in range(MAX_STEPS):       # bounded
        reply = call_model(messages)
    ```
    """

    id = "RDY303"
    name = "unbounded-model-loop"
    severity = Severity.WARNING
    summary = "Loop around model calls with no step limit"
    needs = ("while", "for ")
    fix_hint = "Bound the loop with a step counter or range(MAX_STEPS)"

    valid = [
        Example("""
            from openai import OpenAI
            client = OpenAI()
            def run(messages, max_steps=8):
                steps = 0
                while True:
                    steps += 1
                    if steps > max_steps:
                        break
                    client.chat.completions.create(model="gpt-4o-2024-08-06", messages=messages, max_tokens=100)
        """),
        Example("""
            import queue
            def relay(q: queue.Queue):
                while True:
                    item = q.get()
                    if item is None:
                        return
                    print(item)
        """),
    ]
    invalid = [
        Example("""
            from openai import OpenAI
            client = OpenAI()
            def _step(messages):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=messages, max_tokens=100)
            def run(messages):
                while True:  # expect: RDY303
                    reply = _step(messages)
                    if not reply.choices[0].message.tool_calls:
                        return reply
        """),
    ]

    def visit_While(self, node: ast.While, ctx) -> None:
        forever = isinstance(node.test, ast.Constant) and node.test.value in (True, 1)
        if not _reaches_model(node, ctx):
            return
        if not forever:
            ctx.credit(node, "model loop bounded by its condition")
        elif _has_step_counter(node):
            ctx.credit(node, "model loop has a step counter")
        else:
            ctx.report(node, "`while True` loop calls the model with no step limit")

    def visit_For(self, node: ast.For, ctx) -> None:
        if isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) and node.iter.func.id == "range":
            if _reaches_model(node, ctx):
                ctx.credit(node, "model loop bounded by range()")


def _reaches_model(loop: ast.While | ast.For, ctx) -> bool:
    calls = [n for stmt in loop.body for n in ast.walk(stmt) if isinstance(n, ast.Call)]
    if not calls:
        return False
    model_funcs = ctx.memo("model-functions", lambda: _functions_calling_models(ctx))
    return any(_sdk.model_site(c, ctx) is not None or _callee_name(c) in model_funcs for c in calls)


def _callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
        return func.attr
    return ""


def _functions_calling_models(ctx) -> set[str]:
    """Names of the file's functions that contain a model call (directly)."""
    names = set()
    for call in ctx.calls():
        if _sdk.model_site(call, ctx) is not None:
            func = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)
            if func is not None:
                names.add(func.name)
    return names


def _has_step_counter(loop: ast.While) -> bool:
    """A name that is incremented in the loop and compared in the loop counts as a step limit."""
    counted = {n.target.id for stmt in loop.body for n in ast.walk(stmt)
               if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
    if not counted:
        return False
    for stmt in loop.body:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Compare):
                names = {x.id for x in ast.walk(n) if isinstance(x, ast.Name)}
                if names & counted:
                    return True
    return False
