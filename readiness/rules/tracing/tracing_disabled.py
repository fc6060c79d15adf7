"""RDY502: tracing explicitly switched off in production code or configuration."""
from __future__ import annotations

import ast

from readiness import frameworks
from readiness.discover import is_template
from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule
from readiness.analysis import env as _env, sdk as _sdk

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
        if is_template(ctx.path):
            return
        table = {**frameworks.tables().tracing_off_env, **data("tracing")["env_off"]}
        for setting in _env.env_settings(ctx):
            spec = table.get(setting.key)
            if spec and setting.value.strip().lower() in spec["values"]:
                ctx.report(setting.node or setting.line, f"`{setting.key}={setting.value}` {spec['why']}")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        hit = _sdk.lookup_qualname(ctx, node.func, _off_calls())
        if hit is None:
            return
        qn, spec = hit
        name = qn.rsplit(".", 1)[-1]
        if not spec.get("kw") and spec.get("pos") is None:
            ctx.report(node, f"`{name}()` switches tracing off")
            return
        value = _sdk.keyword_value(node, spec["kw"]) if spec.get("kw") else None
        if value is None and spec.get("pos") is not None and len(node.args) > spec["pos"]:
            value = node.args[spec["pos"]]
        if isinstance(value, ast.Constant) and any(value.value is v for v in spec["values"]):
            shown = f"{spec['kw']}={value.value}" if spec.get("kw") and _sdk.keyword_value(node, spec["kw"]) is not None else str(value.value)
            ctx.report(node, f"`{name}({shown})` switches tracing off")


def _off_calls() -> dict:
    """Calls that switch a tracer off: the profiles' framework switches and the observability
    libraries' own (``rules/data/tracing.yaml`` ``code_off``)."""
    return {**data("tracing")["code_off"], **frameworks.tables().tracing_off_calls}
