"""RDY204: nothing checks what the agent produces before it leaves or acts."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.rules import _sdk
from readiness.rules.guardrails.missing_input_guardrail import _prefix_hit


class MissingOutputGuardrail(Rule):
    """
    ## What it finds
    An agent project with no check on the model's output: no output guardrail (Agents SDK
    `output_guardrails` / `@output_guardrail`, NeMo Guardrails output rails, LLM Guard
    `scan_output`, Presidio redaction, Bedrock guardrails on `OUTPUT`), no validated structured
    output (`output_type=`, `response_format=` with a model class, `.with_structured_output(...)`,
    `.parse(...)`, instructor `response_model=`, CrewAI `output_pydantic=` or task `guardrail=`,
    PydanticAI `@agent.output_validator`, ADK `after_model_callback`).

    ## Why it matters
    Whatever the model writes is shown to users and fed to tools. Without an output check a
    leaked system prompt, a customer's email address, an internal ID or a malformed tool
    argument goes straight out; structured output with validation is the first line, a policy
    or PII filter the second.

    ## How to fix
    Validate structured output against a schema, and put a policy / PII check between the model
    and the user for free text: an Agents SDK output guardrail, NeMo output rails, Presidio
    redaction. Decide for each whether it blocks, flags or asks a human.

    ## Limits
    Output filtering done by a gateway or by the front end is invisible here; acknowledge the
    finding in configuration with a reason.
    """

    id = "RDY204"
    name = "missing-output-guardrail"
    severity = Severity.WARNING
    summary = "No check on the agent's output"
    scope = "project"
    kinds = frozenset({"python", "yaml"})
    fix_hint = "Validate structured output and filter free text (policy, PII) before it leaves or acts"

    valid = [
        Example(files={
            "app.py": '''
                from agents import Agent, output_guardrail
                @output_guardrail
                async def no_pii(ctx, agent, output):
                    ...
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14", output_guardrails=[no_pii])
            ''',
        }),
        Example(files={
            "app.py": '''
                from pydantic import BaseModel
                from langchain_openai import ChatOpenAI
                class Verdict(BaseModel):
                    approve: bool
                judge = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=50).with_structured_output(Verdict)
            ''',
        }),
        Example(files={
            "config/rails.yaml": '''
                rails:
                  output:
                    flows:
                      - self check output
            ''',
            "app.py": "from nemoguardrails import LLMRails\n",
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY204
                name = "bot"
            ''',
            "bot.py": '''
                from agents import Agent
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14", output_type=None)
            ''',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        tables = data("evidence")
        spec = _prefix_hit(ctx.qualname(node.func) or "", tables["output_guardrails"])
        if spec is None and isinstance(node.func, ast.Attribute):
            chain = ".".join(_sdk.attr_chain(node.func)[1:])
            spec = next((s for tail, s in tables["output_guardrail_methods"].items() if chain.endswith(tail)), None)
        if spec is not None:
            ctx.fact("output-guardrail", node, f"{spec['label']}|{spec['kind']}")
        for kw in node.keywords:
            spec = tables["output_guardrail_keywords"].get(kw.arg or "")
            if spec and not _empty(kw.value):
                ctx.fact("output-guardrail", kw.value, f"{spec['label']}|{spec['kind']}")
            elif kw.arg == "response_format" and isinstance(kw.value, (ast.Name, ast.Attribute)):
                ctx.fact("output-guardrail", kw.value, "structured output validation|block")
            elif kw.arg == "source" and isinstance(kw.value, ast.Constant) and kw.value.value == "OUTPUT":
                ctx.fact("output-guardrail", node, "Bedrock guardrail on output|block")

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            spec = _prefix_hit(ctx.qualname(target) or "", data("evidence")["output_guardrails"])
            if spec is None and isinstance(target, ast.Attribute) and target.attr == "output_validator":
                spec = data("evidence")["output_guardrail_methods"]["output_validator"]
            if spec:
                ctx.fact("output-guardrail", dec, f"{spec['label']}|{spec['kind']}")

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        if ctx.kind != "yaml":
            return
        for doc in ctx.parsed.docs:
            rails = doc.data.get("rails") if isinstance(doc.data, dict) else None
            if isinstance(rails, dict) and rails.get("output"):
                ctx.fact("output-guardrail", doc.line_of(("rails", "output")), "NeMo Guardrails output rails|block")

    def check_project(self, ctx) -> None:
        found = ctx.facts("output-guardrail", roles=("prod",))
        if not found:
            ctx.report("nothing checks the agent's output (validation, policy or PII filter) before it "
                       "reaches the user or a tool")
            return
        seen = set()
        for fact in found:
            label, kind = fact.value.split("|", 1)
            if label not in seen:
                seen.add(label)
                ctx.credit(fact, label, kind=kind)


def _empty(value: ast.expr) -> bool:
    return (isinstance(value, ast.Constant) and value.value in (None, False, "")) or (
        isinstance(value, (ast.List, ast.Tuple)) and not value.elts)
