"""RDY204: nothing checks what the agent produces before it leaves or acts."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.analysis import guardrails as _guardrails


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
        _guardrails.record_call(node, ctx, "output")
        for kw in node.keywords:
            if kw.arg == "response_format" and isinstance(kw.value, (ast.Name, ast.Attribute)):
                ctx.fact("output-guardrail", kw.value, "structured output validation|block")
            elif kw.arg == "source" and isinstance(kw.value, ast.Constant) and kw.value.value == "OUTPUT":
                ctx.fact("output-guardrail", node, "Bedrock guardrail on output|block")

    def visit_FunctionDef(self, node, ctx) -> None:
        methods = data("evidence")["output_guardrail_methods"]
        _guardrails.record_decorators(node, ctx, "output", {"output_validator": methods["output_validator"]})

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        _guardrails.record_rails(ctx, "output")

    def check_project(self, ctx) -> None:
        found = ctx.facts("output-guardrail", roles=("prod",))
        if not found:
            ctx.report("nothing checks the agent's output (validation, policy or PII filter) before it "
                       "reaches the user or a tool")
            return
        _guardrails.credit_each_kind(ctx, found)
