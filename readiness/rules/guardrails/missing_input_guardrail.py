"""RDY202: model input reaches the model with no guardrail anywhere in the project."""
from __future__ import annotations

import ast

from readiness.context import Fact
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import guardrails as _guardrails




class MissingInputGuardrail(Rule):
    """
    ## What it finds
    An agent project with no input guardrail of any kind: no moderation call, no guardrail
    library (guardrails-ai, OpenAI Guardrails, NeMo Guardrails, LLM Guard, Presidio, Rebuff,
    Azure Content Safety, Bedrock guardrails), no framework hook (Agents SDK `input_guardrails`,
    LangChain `PIIMiddleware`, ADK `before_model_callback`), no input length limit
    (`Field(max_length=...)`, `trim_messages`, token counting, a `len()` check or slice in the web
    route or chat handler that receives the text) in front of the model. A guardrail that cannot
    block is not counted: one whose every verdict is a literal pass
    (`GuardrailFunctionOutput(..., tripwire_triggered=False)`), a callback that only logs or
    sleeps, or a guardrails-ai guard whose validators all use `on_fail="noop"`.

    ## Why it matters
    Whatever a user types reaches the model and, through it, the agent's tools. Very long inputs
    flood the context and the budget; injected instructions steer the agent; off-topic requests
    get confident answers outside what was tested.

    ## How to fix
    Put at least a length limit and a scope or content check in front of the agent, for example an
    Agents SDK `@input_guardrail`, a moderation call on the user's message, or request-model limits
    such as `Field(max_length=4000)`. Decide for each guardrail whether it blocks, flags or asks
    for confirmation.

    ## Limits
    Guardrails enforced by a gateway or proxy outside this repository are invisible to it;
    acknowledge the finding in configuration with a reason.
    """

    id = "RDY202"
    name = "missing-input-guardrail"
    severity = Severity.WARNING
    summary = "No input guardrail in front of the agent"
    scope = "project"
    kinds = frozenset({"python", "yaml"})
    fix_hint = "Add an input length limit and a content/scope check before the model sees user input"

    valid = [
        Example(files={
            "app.py": '''
                from agents import Agent, GuardrailFunctionOutput, input_guardrail
                @input_guardrail
                async def short_enough(ctx, agent, text):
                    too_long = len(text) > 4000
                    return GuardrailFunctionOutput(output_info=None, tripwire_triggered=too_long)
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14", input_guardrails=[short_enough])
            ''',
        }),
        Example(files={
            "app.py": '''
                from agents import Agent, input_guardrail
                @input_guardrail
                async def on_topic(ctx, agent, text):
                    ...
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14", input_guardrails=[on_topic])
            ''',
        }),
        Example(files={
            "api.py": '''
                from pydantic import BaseModel, Field
                from openai import OpenAI
                class Ask(BaseModel):
                    question: str = Field(max_length=2000)
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY202
                name = "desk"
            ''',
            "app.py": '''
                from agents import Agent, GuardrailFunctionOutput, input_guardrail
                @input_guardrail
                async def log_only(ctx, agent, text):
                    print("input:", text)  # looks at the text, never blocks it
                    return GuardrailFunctionOutput(output_info={"length": len(text)}, tripwire_triggered=False)
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14", input_guardrails=[log_only])
            ''',
        }),
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY202
                name = "bot"
            ''',
            "bot.py": '''
                from openai import OpenAI
                def answer(q):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[{"role": "user", "content": q}], max_tokens=50)
            ''',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = _guardrails.record_call(node, ctx, "input")
        if qn in ("pydantic.Field", "pydantic.constr", "pydantic.conlist") and any(
                kw.arg in ("max_length", "max_items") for kw in node.keywords):
            ctx.fact("input-guardrail", node, "input length limit (pydantic max_length)|block")

    def visit_FunctionDef(self, node, ctx) -> None:
        _guardrails.record_decorators(node, ctx, "input")

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        _guardrails.record_rails(ctx, "input")

    def check_project(self, ctx) -> None:
        found = list(ctx.facts("input-guardrail", roles=("prod",)))
        for entry in ctx.facts("entry-point", roles=("prod",)):  # a len() check or slice at the door
            limit = entry.value.split("|")[4]
            if limit:
                found.append(Fact("input-guardrail", entry.path, entry.line, f"input length limit ({limit})|block",
                                  entry.role, entry.project))
        if not found:
            ctx.report("no input guardrail (length limit, moderation, scope or content check) in front of the agent")
            return
        _guardrails.credit_each_kind(ctx, found)
