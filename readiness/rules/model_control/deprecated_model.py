"""RDY108: a model ID whose shutdown its provider has announced."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example
from readiness.analysis import models as _models
from readiness.analysis.model_ids import ModelIdRule, Verdict


class DeprecatedModel(ModelIdRule):
    """
    ## What it finds
    A model ID whose provider has announced a shutdown date that has not passed yet (or, for
    Gemini, an earliest possible shutdown date), from the dated lifecycle table in the rule pack.

    ## Why it matters
    Deprecated models stop working on a fixed day. Migrating takes an eval run, prompt changes
    and a rollout; starting on the day requests begin to fail is too late.

    ## How to fix
    Plan the move to the replacement before the shutdown date: run your evals on the new model,
    pin its snapshot, and roll it out behind a flag.

    ## Example
    ```python
    client.responses.create(model="gpt-5-2025-08-07", ...)   # shutdown announced
    ```

    ## Limits
    Dates come from the table compiled with this readiness release (see RDY105).
    """

    id = "RDY108"
    name = "deprecated-model"
    severity = Severity.WARNING
    summary = "Model ID has an announced shutdown date"
    fix_hint = "Plan the migration to the provider's replacement before the shutdown date"

    valid = [
        Example("""
            import anthropic
            anthropic.Anthropic().messages.create(model="claude-sonnet-4-6", max_tokens=300, messages=[])
        """),
    ]
    invalid = [
        Example("""
            from google import genai
            from google.genai import types
            genai.Client().models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(max_output_tokens=100))  # expect: RDY108
        """),
    ]

    def judge(self, value: str, sdk: str) -> Verdict | None:
        entry = _models.lifecycle(value)
        if entry is None or _models.retired_now(value):
            return None
        when = f"no earlier than {entry.shutdown}" if entry.earliest else f"on {entry.shutdown}"
        hint = f"Plan the move to `{entry.replacement}`" if entry.replacement else ""
        return Verdict(False, f"{entry.provider} has announced the shutdown of `{value}` {when} "
                              f"({entry.table})", hint)
