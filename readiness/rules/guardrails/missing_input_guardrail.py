"""RDY202: model input reaches the model with no guardrail anywhere in the project."""
from __future__ import annotations

import ast

from readiness.context import Fact
from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.rules import _sdk


def _prefix_hit(qn: str, table: dict) -> dict | None:
    """The table entry for ``qn`` or its nearest dotted prefix."""
    while qn:
        if qn in table:
            return table[qn]
        qn = qn.rpartition(".")[0]
    return None


class MissingInputGuardrail(Rule):
    """
    ## What it finds
    An agent project with no input guardrail of any kind: no moderation call, no guardrail
    library (guardrails-ai, OpenAI Guardrails, NeMo Guardrails, LLM Guard, Presidio, Rebuff,
    Azure Content Safety, Bedrock guardrails), no framework hook (Agents SDK `input_guardrails`,
    LangChain `PIIMiddleware`, ADK `before_model_callback`), no input length limit
    (`Field(max_length=...)`, `trim_messages`, token counting, a `len()` check or slice in the web
    route or chat handler that receives the text) in front of the model.

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
        tables = data("evidence")
        qn = ctx.qualname(node.func) or ""
        spec = _prefix_hit(qn, tables["input_guardrails"])
        if spec is None and isinstance(node.func, ast.Attribute):
            chain = ".".join(_sdk.attr_chain(node.func)[1:])
            spec = next((s for tail, s in tables["input_guardrail_methods"].items() if chain.endswith(tail)), None)
        if spec is not None:
            ctx.fact("input-guardrail", node, f"{spec['label']}|{spec['kind']}")
        for kw in node.keywords:
            spec = tables["input_guardrail_keywords"].get(kw.arg or "")
            if spec and not (isinstance(kw.value, (ast.List, ast.Tuple)) and not kw.value.elts):
                ctx.fact("input-guardrail", kw.value, f"{spec['label']}|{spec['kind']}")
        if qn in ("pydantic.Field", "pydantic.constr", "pydantic.conlist") and any(
                kw.arg in ("max_length", "max_items") for kw in node.keywords):
            ctx.fact("input-guardrail", node, "input length limit (pydantic max_length)|block")

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            spec = _prefix_hit(ctx.qualname(target) or "", data("evidence")["input_guardrails"])
            if spec:
                ctx.fact("input-guardrail", dec, f"{spec['label']}|{spec['kind']}")

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        if ctx.kind != "yaml":
            return
        for doc in ctx.parsed.docs:
            rails = doc.data.get("rails") if isinstance(doc.data, dict) else None
            if isinstance(rails, dict) and rails.get("input"):
                ctx.fact("input-guardrail", doc.line_of(("rails", "input")), "NeMo Guardrails input rails|block")

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
        seen = set()
        for fact in found:
            label, kind = fact.value.split("|", 1)
            if label not in seen:
                seen.add(label)
                ctx.credit(fact, label, kind=kind)
