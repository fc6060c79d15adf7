"""RDY501: no tracing of model and tool calls set up anywhere in the project."""
from __future__ import annotations

import ast

from readiness import frameworks
from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.analysis import env as _env, sdk as _sdk, tracing as _tracing


class MissingTracing(Rule):
    """
    ## What it finds
    A project that calls models or runs agents but sets up no tracing: no LangSmith, Langfuse,
    OpenTelemetry, OpenLLMetry, Phoenix/OpenInference, Weave, Logfire, MLflow tracing, AgentOps,
    Datadog LLM Observability, Opik or OpenLIT setup in code, no environment setting that turns
    one on, and no use of the OpenAI Agents SDK (whose tracing is on by default). Structured
    logging (`structlog.configure`) counts, as a weaker form.

    ## Why it matters
    Agents fail in ways that only a step-by-step record explains: which prompt the model saw,
    which tool it called with which arguments, what came back. Without traces, every production
    incident starts with "we don't know what happened".

    ## How to fix
    Set up a tracer for every model and tool call, for example `@traceable` with
    `LANGSMITH_TRACING=true`, Langfuse's `@observe`, or OpenTelemetry with an OpenInference or
    OpenLLMetry instrumentor, and export to a backend your team watches.

    ## Limits
    A dependency in `requirements.txt` alone is not evidence; tracing configured only in a
    dashboard or a deployment this repository does not contain is invisible.
    """

    id = "RDY501"
    name = "missing-tracing"
    severity = Severity.ERROR
    summary = "No tracing set up for model and tool calls"
    scope = "project"
    kinds = frozenset({"python", "dotenv", "yaml", "dockerfile"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Set up a tracer (LangSmith, Langfuse, OpenTelemetry + OpenInference ...) for every model and tool call"

    valid = [
        Example(files={
            "app.py": '''
                from langsmith import traceable
                from openai import OpenAI
                @traceable
                def answer(q):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_tokens=50)
            ''',
        }),
        Example(files={
            "app.py": '''
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=50)
            ''',
            ".env": "LANGSMITH_TRACING=true\n",
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY501
                name = "bot"
            ''',
            "bot.py": '''
                from openai import OpenAI
                OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_tokens=50)
            ''',
        }),
    ]

    def check_file(self, ctx) -> None:
        tables = data("tracing")
        template = ctx.path.rsplit("/", 1)[-1].lower().endswith((".example", ".sample", ".template", ".dist"))
        for setting in _env.env_settings(ctx):
            off = tables["env_off"].get(setting.key)
            if off and off.get("family") and not template and setting.value.strip().lower() in off["values"]:
                ctx.fact("trace-off", setting.node or setting.line, off["family"])
            spec = tables["env_on"].get(setting.key)
            if spec and (spec.get("any") and setting.value.strip() or setting.value.strip().lower() in spec.get("values", [])):
                at = setting.node or setting.line
                ctx.fact("tracing", at, spec["label"])
                ctx.fact("trace-cover", at, f"{spec['label']}|{_tracing.coverage('', spec['label'])}")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = ctx.qualname(node.func) or ""
        label = _sdk.nearest_prefix(qn, data("tracing")["setup_prefixes"])
        if label:
            ctx.fact("tracing", node, label)
            cover = "all" if _tracing.auto_instrumenting(node, qn) else _tracing.coverage(qn, label)
            ctx.fact("trace-cover", node, f"{label}|{cover}")
        elif (setup := _profile_setup(node, qn, ctx)) is not None:
            ctx.fact("tracing", node, setup)
            ctx.fact("trace-cover", node, f"{setup}|scoped")
        elif qn in ("agents.set_tracing_disabled", "agents.tracing.set_tracing_disabled") and node.args \
                and isinstance(node.args[0], ast.Constant) and node.args[0].value is True:
            ctx.fact("trace-off", node, "openai_agents")
        elif qn in ("agents.Runner.run", "agents.Runner.run_sync", "agents.Runner.run_streamed"):
            label = "OpenAI Agents SDK (built-in)"
            ctx.fact("tracing", node, label)
            ctx.fact("trace-cover", node, f"{label}|{_tracing.coverage('', label)}")

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            label = _sdk.nearest_prefix(ctx.qualname(target) or "", data("tracing")["setup_prefixes"])
            if label:
                ctx.fact("tracing", dec, label)
                ctx.fact("trace-cover", dec, f"{label}|scoped")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx) -> None:
        label = data("tracing")["setup_imports"].get(node.module or "")
        if label:
            ctx.fact("tracing", node, label)
            ctx.fact("trace-cover", node, f"{label}|{_tracing.coverage(node.module or '', label)}")

    def check_project(self, ctx) -> None:
        found = ctx.facts("tracing", roles=("prod",))
        if not found:
            ctx.report("no tracing is set up for this project's model and tool calls")
            return
        seen = set()
        for fact in found:
            if fact.value not in seen:
                seen.add(fact.value)
                ctx.credit(fact, f"{fact.value} tracing")


def _profile_setup(node: ast.Call, qn: str, ctx) -> str | None:
    """A framework's own tracing setup, from its profile (``agno.tracing.setup_tracing()``,
    ``AgentOS(tracing=True)``): the label, when this call sets tracing up."""
    hit = _sdk.lookup_qualname(ctx, node.func, frameworks.tables().tracing_setups)
    if hit is None:
        return None
    spec = hit[1]
    if spec["kw"]:
        values = [kw.value for kw in node.keywords if kw.arg in spec["kw"]]
        if not values or all(isinstance(v, ast.Constant) and not v.value for v in values):
            return None  # ``AdkApp(enable_tracing=False)`` or left at its default: no tracing
    return spec["label"]
