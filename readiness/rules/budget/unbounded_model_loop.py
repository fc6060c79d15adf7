"""RDY303: a hand-written agent loop that calls the model until the model decides to stop."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk
from readiness.walk import walk


class UnboundedModelLoop(Rule):
    """
    ## What it finds
    A hand-written loop that calls a model and ends only when the model decides: `while True:`,
    or a condition that reads the model's answer (`while resp.stop_reason == "tool_use"`,
    `while msg.tool_calls`, an Assistants run polled while `queued` / `in_progress`), with no step
    counter. The model call may be direct, through a function of the same file, or in another
    module when the loop reads the response's `tool_calls` / `stop_reason` / `finish_reason`.
    A loop that waits for a person on each turn (`input()`, `Prompt.ask`) is a chat REPL, not an
    agent loop, and is not reported.

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
            from openai import OpenAI
            client = OpenAI()
            def repl(history):
                while True:
                    text = input("> ")
                    if text == "exit":
                        break
                    history.append({"role": "user", "content": text})
                    client.chat.completions.create(model="gpt-4o-2024-08-06", messages=history, max_tokens=300)
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
            import anthropic
            client = anthropic.Anthropic()
            def run(messages, tools):
                resp = client.messages.create(model="claude-sonnet-4-6", max_tokens=500, messages=messages, tools=tools)
                while resp.stop_reason == "tool_use":  # expect: RDY303
                    messages.append({"role": "user", "content": handle(resp)})
                    resp = client.messages.create(model="claude-sonnet-4-6", max_tokens=500, messages=messages, tools=tools)
                return resp
        """),
        Example("""
            from .client import call_model
            async def run(messages, tools):
                while True:  # expect: RDY303
                    msg = await call_model(messages, tools)
                    if not msg.tool_calls:
                        return msg
                    messages.extend(await run_tools(msg.tool_calls))
        """),
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
        if not _reaches_model(node, ctx) or _waits_for_a_person(node, ctx):
            return
        if not forever and not _model_decides(node.test):
            ctx.credit(node, "model loop bounded by its condition")
        elif _has_step_counter(node):
            ctx.credit(node, "model loop has a step counter")
        elif forever:
            ctx.report(node, "`while True` loop calls the model with no step limit")
        else:
            ctx.report(node, "loop runs for as long as the model keeps asking for tools, with no step limit")

    def visit_For(self, node: ast.For, ctx) -> None:
        if isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) and node.iter.func.id == "range":
            if _reaches_model(node, ctx):
                ctx.credit(node, "model loop bounded by range()")


# What a model response says when it wants another turn: tool calls, a stop reason, a run status.
RESPONSE_ATTRS = frozenset({"tool_calls", "stop_reason", "finish_reason", "function_call", "required_action"})
RESPONSE_VALUES = frozenset({"tool_use", "tool_calls", "requires_action", "in_progress", "queued", "function_call"})
INPUT_CALLS = frozenset({"input", "ask", "prompt", "readline", "confirm"})


def _model_decides(test: ast.expr) -> bool:
    """The loop condition reads the model's answer (``resp.stop_reason == "tool_use"``,
    ``while msg.tool_calls``, a run ``status`` still queued): the model, not the code, ends it."""
    for n in walk(test):
        if isinstance(n, ast.Attribute) and n.attr in RESPONSE_ATTRS:
            return True
        if isinstance(n, ast.Constant) and n.value in RESPONSE_VALUES:
            return True
    return False


def _reads_response(loop: ast.While | ast.For) -> bool:
    """The loop body inspects a model response (the call may live in another module)."""
    return any(isinstance(n, ast.Attribute) and n.attr in ("tool_calls", "stop_reason", "finish_reason")
               for stmt in loop.body for n in walk(stmt))


def _waits_for_a_person(loop: ast.While, ctx) -> bool:
    """Each turn waits for a person (``input()``, ``Prompt.ask``, ``self._get_user_input()``): a
    chat REPL, whose length a human decides, not an agent loop."""
    for stmt in loop.body:
        for n in walk(stmt):
            if isinstance(n, ast.Call):
                name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                if name in INPUT_CALLS or "user_input" in name or name.endswith("_input"):
                    return True
    return False


def _reaches_model(loop: ast.While | ast.For, ctx) -> bool:
    calls = [n for stmt in loop.body for n in walk(stmt) if isinstance(n, ast.Call)]
    if not calls:
        return False
    model_funcs = ctx.memo("model-functions", lambda: _functions_calling_models(ctx))
    if any(_sdk.model_site(c, ctx) is not None or _callee_name(c) in model_funcs for c in calls):
        return True
    return _reads_response(loop)


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
    counted = {n.target.id for stmt in loop.body for n in walk(stmt)
               if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
    if not counted:
        return False
    for stmt in loop.body:
        for n in walk(stmt):
            if isinstance(n, ast.Compare):
                names = {x.id for x in walk(n) if isinstance(x, ast.Name)}
                if names & counted:
                    return True
    return False
