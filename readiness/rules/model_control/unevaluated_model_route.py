"""RDY107: several models in use, and one of them is never named by any eval or test."""
from __future__ import annotations

import ast

from readiness.model import Location, Severity
from readiness.rule import Example, Rule
from readiness.analysis import models as _models
from readiness.analysis.model_ids import all_uses, config_strings

MENTION_ROLES = ("test", "eval")


class UnevaluatedModelRoute(Rule):
    """
    ## What it finds
    A project that routes between several models (a cheap model for triage and a strong one for
    planning, a fallback, a flag-gated new model) where one of those model IDs is never named by
    any test or eval file: neither the ID itself, nor the constant or setting that holds it.
    Reported once per model, where its ID is set.

    ## Why it matters
    Each model is its own behaviour. An eval suite that only ever runs the default route says
    nothing about the fallback that takes over during an outage, or the new model behind a flag
    that will reach everyone next month. The untested route is the one that surprises you.

    ## How to fix
    Parametrise the evals over every model the agent can route to (by the same constant or
    setting the code uses), or add a case per route that forces it.

    ## Example
    ```python
    FAST = "claude-3-5-haiku-20241022"      # evals run this one
    PLANNER = "claude-sonnet-4-6"  # no eval names PLANNER or its ID
    ```

    ## Limits
    Runs only when the project has an eval suite (see RDY601) and uses two or more models. An eval that
    reaches a route without naming it (through a flag or a hash) is not seen: name the route in
    the eval, or suppress the finding with the reason.
    """

    id = "RDY107"
    name = "unevaluated-model-route"
    severity = Severity.NOTE
    summary = "A model the agent routes to is never named by any eval or test"
    needs_project = True
    kinds = frozenset({"python", "yaml", "json", "toml"})
    roles = frozenset(MENTION_ROLES)
    fix_hint = "Parametrise the evals over every model route, by the constant or setting the code uses"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/models.py": 'FAST = "claude-3-5-haiku-20241022"\nPLANNER = "claude-sonnet-4-6"\n',
            "desk/agent.py": '''
                import anthropic
                from desk.models import FAST, PLANNER
                def run(msgs, deep=False):
                    return anthropic.Anthropic().messages.create(model=PLANNER if deep else FAST, max_tokens=300, messages=msgs)
                def triage(msgs):
                    return anthropic.Anthropic().messages.create(model=FAST, max_tokens=50, messages=msgs)
                def plan(msgs):
                    return anthropic.Anthropic().messages.create(model=PLANNER, max_tokens=900, messages=msgs)
            ''',
            "evals/test_routes.py": '''
                import pytest
                from desk.models import FAST, PLANNER
                @pytest.mark.parametrize("model", [FAST, PLANNER])
                def test_books_a_flight(model):
                    assert model
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/agent.py": '''
                from openai import OpenAI
                def ask(msgs):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=100)
            ''',
            "tests/test_agent.py": "def test_ask():\n    assert True\n",
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/models.py": 'FAST = "claude-3-5-haiku-20241022"\nPLANNER = "claude-sonnet-4-6"  # expect: RDY107\n',
            "desk/agent.py": '''
                import anthropic
                from desk.models import FAST, PLANNER
                def triage(msgs):
                    return anthropic.Anthropic().messages.create(model=FAST, max_tokens=50, messages=msgs)
                def plan(msgs):
                    return anthropic.Anthropic().messages.create(model=PLANNER, max_tokens=900, messages=msgs)
            ''',
            "evals/test_triage.py": '''
                from desk.models import FAST
                def test_triage_model():
                    assert FAST.startswith("claude")
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/agent.py": '''
                from openai import OpenAI
                def ask(msgs, hard=False):
                    if hard:
                        return OpenAI().chat.completions.create(model="o3-2025-04-16", messages=msgs, max_completion_tokens=4000)  # expect: RDY107
                    return OpenAI().chat.completions.create(model="gpt-4o-mini-2024-07-18", messages=msgs, max_tokens=300)
            ''',
            "evals/cases.yaml": '''
                model: gpt-4o-mini-2024-07-18
                cases:
                  - input: book me a flight
            ''',
        }),
    ]

    def visit_Constant(self, node: ast.Constant, ctx) -> None:
        if isinstance(node.value, str) and len(node.value) < 120 and _models.classify(node.value) is not None:
            ctx.fact("eval-mention", node, node.value)

    def visit_Name(self, node: ast.Name, ctx) -> None:
        lowered = node.id.lower()
        if "model" in lowered or "llm" in lowered or node.id.isupper():
            ctx.fact("eval-mention", node, node.id)

    def visit_Attribute(self, node: ast.Attribute, ctx) -> None:
        lowered = node.attr.lower()
        if "model" in lowered or "llm" in lowered or node.attr.isupper():
            ctx.fact("eval-mention", node, node.attr)

    def visit_alias(self, node: ast.alias, ctx) -> None:
        ctx.fact("eval-mention", None, node.asname or node.name.rsplit(".", 1)[-1])

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        for doc in ctx.parsed.docs:
            for path, value in config_strings(doc.data):
                if _models.classify(value) is not None:
                    ctx.fact("eval-mention", doc.line_of(path), value)

    def check_project(self, ctx) -> None:
        mentions = {fact.value for fact in ctx.facts("eval-mention", roles=MENTION_ROLES)}
        if not mentions:
            return
        has_evals = ctx.has("eval-suite")  # unit tests alone are not expected to cover model routes
        uses = [u for u in all_uses(ctx.facts) if _models.classify(u.value, u.sdk) is not None]
        models = {u.value for u in uses}
        if not has_evals or len(models) < 2:
            return
        covered = set()
        for use in uses:
            name = use.subject.rsplit(".", 1)[-1] if use.subject else ""
            if use.value in mentions or (name and name in mentions):
                covered.add(use.value)
        for model in sorted(models - covered):
            first = min((u for u in uses if u.value == model), key=lambda u: (u.path, u.line))
            ctx.report(f"`{model}` is one of {len(models)} models this agent routes to, and no eval or test names it",
                       Location(first.path, first.line, 1, first.line), subject=model)
