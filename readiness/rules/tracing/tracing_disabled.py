"""RDY502: tracing explicitly switched off in production code or configuration."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.rules import _env, _sdk

# Calls that switch a tracer off: qualified-name suffix -> (keyword, value meaning "off") or None
# when the call itself disables (first positional argument True, or no argument).
OFF_CALLS = {
    "set_tracing_disabled": ("__arg0__", True),
    "RunConfig": ("tracing_disabled", True),
    "Langfuse": ("tracing_enabled", False),
    "Traceloop.init": ("enabled", False),
    "logfire.configure": ("send_to_logfire", False),
    "tracing_context": ("enabled", False),
    "Crew": ("tracing", False),
}


class TracingDisabled(Rule):
    """
    ## What it finds
    Tracing switched off on purpose in production code or configuration: OpenAI Agents SDK
    `set_tracing_disabled(True)`, `RunConfig(tracing_disabled=True)` or
    `OPENAI_AGENTS_DISABLE_TRACING=1`; `LANGSMITH_TRACING=false` / `LANGCHAIN_TRACING_V2=false`;
    `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`; `Langfuse(tracing_enabled=False)`;
    `logfire.configure(send_to_logfire=False)`; `Crew(tracing=False)`; and the equivalents for
    Traceloop, Weave, Datadog, Opik and CrewAI. Settings are read from Python, `.env` files,
    compose / Kubernetes YAML and Dockerfiles. Test files and templates (`.env.example`) are
    skipped.

    ## Why it matters
    When an agent misbehaves in production, the trace of every model and tool call is how you
    find out what it saw and did. A switch left off from development, or turned off to silence a
    warning, removes that record for every user.

    ## How to fix
    Remove the switch from production configuration. If traces must not go to a vendor (zero data
    retention), send them to your own collector instead (for example an OpenTelemetry exporter or
    `set_trace_processors([...])`) rather than disabling them. `OTEL_SDK_DISABLED=true`, often set
    to opt out of CrewAI telemetry, also disables every OpenTelemetry-based tracer in the process.
    """

    id = "RDY502"
    name = "tracing-disabled"
    severity = Severity.ERROR
    summary = "Tracing is switched off"
    kinds = frozenset({"python", "dotenv", "yaml", "dockerfile"})
    fix_hint = "Remove the switch, or route traces to your own collector instead of disabling them"

    valid = [
        Example("""
            import os
            os.environ.setdefault("LANGCHAIN_TRACING_V2", "true")
        """),
        Example("""
            from agents import set_tracing_disabled
            set_tracing_disabled(False)
        """),
        Example("""
            LANGSMITH_TRACING=true
            OPENAI_API_KEY=
        """, path=".env"),
        Example("""
            LANGSMITH_TRACING=false
        """, path=".env.example"),
    ]
    invalid = [
        Example("""
            from agents import set_tracing_disabled
            set_tracing_disabled(True)  # expect: RDY502
        """),
        Example("""
            import os
            os.environ.setdefault("OPENAI_AGENTS_DISABLE_TRACING", "1")  # expect: RDY502
        """),
        Example("""
            import logfire
            logfire.configure(send_to_logfire=False, service_name="api")  # expect: RDY502
        """),
        Example("""
            OTEL_SDK_DISABLED=true  # expect: RDY502
        """, path=".env"),
        Example("""
            services:
              api:
                environment:
                  - LANGSMITH_TRACING=false  # expect: RDY502
        """, path="deploy/docker-compose.yml"),
    ]

    def check_file(self, ctx) -> None:
        if ctx.path.rsplit("/", 1)[-1].lower().endswith((".example", ".sample", ".template", ".dist")):
            return
        table = data("tracing")["env_off"]
        for setting in _env.env_settings(ctx):
            spec = table.get(setting.key)
            if spec and setting.value.strip().lower() in spec["values"]:
                ctx.report(setting.node or setting.line, f"`{setting.key}={setting.value}` {spec['why']}")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = ctx.qualname(node.func) or ""
        for suffix, (kw_name, off_value) in OFF_CALLS.items():
            if not (qn == suffix or qn.endswith("." + suffix)):
                continue
            if suffix == "Crew" and "crewai" not in qn or suffix == "Langfuse" and "langfuse" not in qn:
                continue
            if kw_name == "__arg0__":
                value = node.args[0] if node.args else _sdk.keyword_value(node, "disabled")
            else:
                value = _sdk.keyword_value(node, kw_name)
            if isinstance(value, ast.Constant) and value.value is off_value:
                shown = f"{kw_name}={off_value}" if kw_name != "__arg0__" else str(off_value)
                ctx.report(node, f"`{qn.split('.')[-1]}({shown})` switches tracing off")
            return
