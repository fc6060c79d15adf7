"""RDY106: one model family pinned to different snapshots in different places."""
from __future__ import annotations

import re
from collections import defaultdict

from readiness.model import Location, Severity
from readiness.rule import Example, Rule
from readiness.analysis import models as _models
from readiness.analysis.model_ids import MODEL_ROLES, ModelUse, all_uses

# Version parts at the end of an ID: dates, -MMDD, -00N, Bedrock -vN:M. What is left names the family.
_VERSION_SUFFIX = re.compile(r"(?:-20\d{2}-\d{2}-\d{2}|-20\d{6}|@20\d{6}|-(?:0[1-9]|1[0-2])\d{2}|-\d{3}|-v\d+(?::\d+)?)+$")


def family(model: str) -> str:
    return _VERSION_SUFFIX.sub("", model)


class ModelVersionDrift(Rule):
    """
    ## What it finds
    The same model family pinned to different snapshots in different parts of the project: the
    planner on `gpt-4o-2024-08-06`, the summariser on `gpt-4o-2024-05-13`; one service on
    `claude-3-5-sonnet-20241022`, another on `claude-3-5-sonnet-20240620`. Each use other than the
    most common snapshot is reported, naming where the other snapshot is set.

    ## Why it matters
    Usually one of them is a leftover: someone upgraded one call site after their evals passed
    and missed the others. The agent then runs two versions of "the same" model, answers differ
    between paths, and the eval results describe only one of them.

    ## How to fix
    Put the model ID in one constant or config key that every call site reads, and upgrade it in
    one place. If two snapshots are intended (a canary, a migration), suppress the finding with
    the reason.

    ## Example
    ```python
    PLANNER = "gpt-4o-2024-08-06"
    SUMMARISER = "gpt-4o-2024-05-13"   # same family, older snapshot
    ```

    ## Limits
    Floating aliases are reported by RDY101, not here. Only IDs resolved statically are compared.
    """

    id = "RDY106"
    name = "model-version-drift"
    severity = Severity.WARNING
    summary = "Same model family pinned to different snapshots across the project"
    needs_project = True
    roles = frozenset(MODEL_ROLES)
    fix_hint = "Read the model ID from one constant or config key and upgrade it in one place"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/models.py": 'PLANNER = "gpt-4o-2024-08-06"\n',
            "desk/plan.py": '''
                from openai import OpenAI
                from desk.models import PLANNER
                def plan(msgs):
                    return OpenAI().chat.completions.create(model=PLANNER, messages=msgs, max_tokens=300)
                def check(msgs):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_tokens=50)
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/agent.py": '''
                import anthropic
                client = anthropic.Anthropic()
                def fast(msgs):
                    return client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=200, messages=msgs)
                def deep(msgs):
                    return client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=900, messages=msgs)
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/models.py": 'PLANNER = "gpt-4o-2024-08-06"\nWRITER = "gpt-4o-2024-08-06"\n',
            "desk/plan.py": '''
                from openai import OpenAI
                from desk.models import PLANNER, WRITER
                def plan(msgs):
                    return OpenAI().chat.completions.create(model=PLANNER, messages=msgs, max_tokens=300)
                def write(msgs):
                    return OpenAI().chat.completions.create(model=WRITER, messages=msgs, max_tokens=300)
                def summarise(msgs):
                    return OpenAI().chat.completions.create(model="gpt-4o-2024-05-13", messages=msgs, max_tokens=100)  # expect: RDY106
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/agent.py": '''
                from langchain_anthropic import ChatAnthropic
                chat = ChatAnthropic(model="claude-3-5-sonnet-20241022", max_tokens=500)
            ''',
            "config/agents.yaml": '''
                researcher:
                  llm: anthropic/claude-3-5-sonnet-20240620  # expect: RDY106
            ''',
        }),
    ]

    def check_project(self, ctx) -> None:
        by_family: dict[str, dict[str, list[ModelUse]]] = defaultdict(lambda: defaultdict(list))
        for use in all_uses(ctx.facts):
            verdict = _models.classify(use.value, use.sdk)
            if verdict is None or verdict.status != _models.PINNED or verdict.provider == "azure":
                continue
            by_family[(verdict.provider, family(verdict.model))][verdict.model].append(use)
        for versions in by_family.values():
            if len(versions) < 2:
                continue
            # The snapshot set in the most places is taken as intended; ties go to the newest name.
            main = max(versions, key=lambda v: (len({(u.path, u.line) for u in versions[v]}), v))
            first = min(versions[main], key=lambda u: (u.path, u.line))
            for version, uses in sorted(versions.items()):
                if version == main:
                    continue
                for place in sorted({(u.path, u.line) for u in uses}):
                    ctx.report(
                        f"`{version}` here, but `{main}` in {first.path}:{first.line}: one model family, two snapshots",
                        Location(place[0], place[1], 1, place[1]), subject=f"{version}->{main}",
                    )
