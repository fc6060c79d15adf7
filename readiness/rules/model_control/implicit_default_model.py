"""RDY102: a model client built without naming a model, so the library's default decides."""
from __future__ import annotations

import ast

from readiness import frameworks
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk


class ImplicitDefaultModel(Rule):
    """
    ## What it finds
    A chat model or agent constructed without a model argument where the library then picks one
    for you: LangChain `ChatOpenAI()` and LlamaIndex `OpenAI()` fall back to `gpt-3.5-turbo`; an
    OpenAI Agents SDK `Agent(...)` without `model=` uses `OPENAI_DEFAULT_MODEL` or a default that
    changes between SDK releases.

    ## Why it matters
    The model then changes when someone upgrades a dependency or sets an environment variable,
    with no diff in your code. Reviewers cannot tell which model runs, and cost and behaviour shift
    silently.

    ## How to fix
    Pass the model explicitly, as a pinned snapshot ID, or set it once on a shared run
    configuration (for the Agents SDK, `RunConfig(model=...)`).

    ## Example
    ```python
    llm = ChatOpenAI(max_tokens=300)                                   # library default
    llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=300)        # explicit
    ```

    ## Limits
    Calls that pass `**kwargs` are not judged, since the model may be inside them.
    """

    id = "RDY102"
    name = "implicit-default-model"
    severity = Severity.WARNING
    summary = "Model client relies on the library's default model"
    needs = tuple(sorted(frameworks.tables().default_model_names))  # callees the profiles give a default model
    fix_hint = "Pass model= explicitly with a pinned snapshot ID"

    valid = [
        Example("""
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=300)
        """),
        Example("""
            from langchain_openai import ChatOpenAI
            def build(**kwargs):
                return ChatOpenAI(**kwargs)
        """),
        Example("""
            from agents import Agent, RunConfig, Runner
            helper = Agent(name="helper", instructions="Help.")
            Runner.run_sync(helper, "hi", run_config=RunConfig(model="gpt-4.1-2025-04-14"), max_turns=3)
        """),
    ]
    invalid = [
        Example("""
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(temperature=0, max_tokens=300)  # expect: RDY102
        """),
        Example("""
            from agents import Agent
            helper = Agent(name="helper", instructions="Help.")  # expect: RDY102
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        site = _sdk.model_site(node, ctx)
        if site is None or "default_model" not in site.spec:
            return
        if site.star_kwargs or site.model_expr() is not None:
            return
        if site.spec.get("overridden_by") and _override_sets_model(ctx, site.spec["overridden_by"]):
            return
        ctx.report(node.func, f"`{site.display}` has no model argument, so it runs {site.spec['default_model']}")


def _override_sets_model(ctx, callee: str) -> bool:
    """A run-level object of the file (``RunConfig(model=...)``) picks the model for every run."""
    def compute() -> bool:
        override = next((o for o in _sdk.overrides() if o["callee"] == callee), {})
        key = override.get("model", "model")
        return any(_sdk.lookup_qualname(ctx, c.func, {callee: True}) is not None and _sdk.keyword_value(c, key) is not None
                   for c in ctx.calls())
    return ctx.memo(f"override-model:{callee}", compute)
