"""RDY503: the project traces some model calls, but this one goes unrecorded."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk, tracing as _tracing


class UntracedModelCall(Rule):
    """
    ## What it finds
    A model call or agent whose library no tracing in the project records, when the project does
    trace other libraries. Typical: the OpenAI Agents SDK traces its own runs by default, but a
    CrewAI crew, a LangGraph graph or a plain `openai` client in the same project is not
    instrumented; or `LANGSMITH_TRACING=true` records LangChain runs while direct
    `anthropic.messages.create` calls stay invisible.

    ## Why it matters
    A trace with holes is worse than it looks: the incident review follows the recorded steps and
    never sees the call that went wrong. Every model and tool call on the agent's path needs a span.

    ## How to fix
    Instrument the missing library (OpenInference / OpenLLMetry instrumentors, `wrap_openai`,
    `logfire.instrument_*`), or switch to a setup that instruments every library in the process
    (`Traceloop.init()`, `openlit.init()`, `phoenix.otel.register(auto_instrument=True)`).

    ## Limits
    Library-wide setups are judged by the families they instrument. When the project traces with
    decorators or manual spans (`@traceable`, `@observe`, `tracer.start_as_current_span`), which
    calls they wrap is not judged and the rule stays silent. Tracing set up outside the
    repository (a sitecustomize, `opentelemetry-instrument` on the command line) is invisible.
    """

    id = "RDY503"
    name = "untraced-model-call"
    severity = Severity.WARNING
    summary = "Model call outside the project's tracing"
    scope = "project"
    roles = frozenset({"prod", "example"})
    precision = "medium"
    fix_hint = "Instrument this library too (an OpenInference/OpenLLMetry instrumentor) or trace every library"

    valid = [
        Example(files={
            "app.py": '''
                from agents import Agent, Runner
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14")
                def ask(q):
                    return Runner.run_sync(agent, q, max_turns=5)
            ''',
        }),
        Example(files={
            "app.py": '''
                from openinference.instrumentation.crewai import CrewAIInstrumentor
                from agents import Agent, Runner
                from crewai import LLM
                CrewAIInstrumentor().instrument()
                llm = LLM(model="gpt-4o-mini-2024-07-18", max_tokens=500)
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14")
                def ask(q):
                    return Runner.run_sync(agent, q, max_turns=5)
            ''',
        }),
        Example(files={
            "app.py": '''
                from langsmith import traceable
                from anthropic import Anthropic
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=100)
                @traceable
                def ask(q):
                    return Anthropic().messages.create(model="claude-sonnet-4-20250514", max_tokens=100, messages=[])
            ''',
            ".env": "LANGSMITH_TRACING=true\n",
        }),
    ]
    invalid = [
        Example(files={
            "sdk_agent.py": '''
                from agents import Agent, Runner
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14")
                def ask(q):
                    return Runner.run_sync(agent, q, max_turns=5)
            ''',
            "crew_agent.py": '''
                from crewai import LLM
                llm = LLM(model="gpt-4o-mini-2024-07-18", max_tokens=500)  # expect: RDY503
            ''',
        }),
        Example(files={
            "chain.py": '''
                from anthropic import Anthropic
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=100)
                def ask(q):
                    return Anthropic().messages.create(model="claude-sonnet-4-20250514", max_tokens=100, messages=[])  # expect: RDY503
            ''',
            ".env": "LANGSMITH_TRACING=true\n",
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        # The tracing setups themselves are RDY501's facts (its file hooks always run for project rules).
        site = _sdk.model_site(node, ctx)
        if site is not None:
            ctx.fact("model-site", node, f"{_tracing.site_family(site, ctx)}|{site.display}")

    def check_project(self, ctx) -> None:
        mode, families, labels = _tracing.coverage_summary(ctx)
        if mode not in ("families", "all"):
            return
        switched_off = {fact.value for fact in ctx.facts("trace-off", roles=("prod",))}
        for site in ctx.facts("model-site", roles=("prod",)):
            family, display = site.value.split("|", 1)
            if family in switched_off:
                continue  # RDY502 reports the switch
            if mode == "all" or family in families:
                ctx.credit(site, f"`{display}` traced ({family})")
            else:
                ctx.report(f"`{display}` ({family}) is not recorded by the project's tracing "
                           f"({', '.join(labels)} covers {', '.join(sorted(families))})", at=site)
