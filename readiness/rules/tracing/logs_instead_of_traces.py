"""RDY504: the project's only record of model calls is logging."""
from __future__ import annotations

from readiness.model import Severity
from readiness.analysis import tracing as _tracing
from readiness.rule import Example, Rule


class LogsInsteadOfTraces(Rule):
    """
    ## What it finds
    An agent project whose only tracing evidence is structured logging (`structlog.configure`):
    no tracer records model and tool calls as linked steps.

    ## Why it matters
    Log lines say that something happened; a trace says which prompt led to which tool call with
    which arguments and what came back, in order, with timing and token use. Reconstructing an
    agent's run from interleaved log lines of concurrent sessions rarely works.

    ## How to fix
    Keep the logs and add a tracer for model and tool calls (LangSmith, Langfuse, OpenTelemetry
    with an OpenInference or OpenLLMetry instrumentor, Logfire ...).

    ## Limits
    Only structlog is recognised as structured logging; projects with no logging or tracing at
    all get RDY501 instead.
    """

    id = "RDY504"
    name = "logs-instead-of-traces"
    severity = Severity.WARNING
    summary = "Only logs, no traces, record model calls"
    roles = frozenset({"prod", "example"})
    scope = "project"
    fix_hint = "Add a tracer for model and tool calls; logs alone do not link the steps of a run"

    valid = [
        Example(files={
            "app.py": '''
                import structlog
                from langsmith import traceable
                from openai import OpenAI
                structlog.configure()
                @traceable
                def answer(q):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_tokens=50)
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY504
                name = "bot"
            ''',
            "bot.py": '''
                import structlog
                from openai import OpenAI
                structlog.configure()
                def answer(q):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_tokens=50)
            ''',
        }),
    ]

    def check_project(self, ctx) -> None:
        mode, _, labels = _tracing.coverage_summary(ctx)
        if mode == "weak":
            ctx.report(f"the project's only record of model calls is {', '.join(labels)}: no tracer "
                       "links each model and tool call of a run")
