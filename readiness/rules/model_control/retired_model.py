"""RDY105: a model ID the provider has already shut down."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example
from readiness.analysis import models as _models
from readiness.analysis.model_ids import ModelIdRule, Verdict


class RetiredModel(ModelIdRule):
    """
    ## What it finds
    A model ID that its provider has retired: requests to it fail. The rule pack carries a dated
    table of retirements and announced shutdowns, read from the providers' deprecation pages
    (`rules/data/lifecycle.yaml`, with the date it was compiled); only entries confirmed on the
    provider's own page are used.

    ## Why it matters
    A retired model is an outage waiting for the code path to run: a fallback route, a nightly
    job or a rarely used tool fails with an API error the first time it is reached. It often
    hides behind a constant or a config default nobody looked at since the prototype.

    ## How to fix
    Move to the provider's recommended replacement (named in the finding when the provider names
    one), run your evals on it, and pin the new snapshot.

    ## Example
    ```python
    client.chat.completions.create(model="gpt-3.5-turbo-0613", ...)   # shut down
    ```

    ## Limits
    The table is as current as the readiness release; models announced for shutdown after it
    was compiled are not known. Google publishes earliest possible shutdown dates, so Gemini
    models are reported by RDY108 (deprecated) rather than as retired.
    """

    id = "RDY105"
    name = "retired-model"
    severity = Severity.ERROR
    summary = "Model ID has been retired by its provider"
    fix_hint = "Move to the provider's replacement model and pin its snapshot after evals pass"

    valid = [
        Example("""
            import anthropic
            anthropic.Anthropic().messages.create(model="claude-sonnet-4-6", max_tokens=300, messages=[])
        """),
        Example("""
            notes = "we used claude-2.1 in 2023"
        """),
    ]
    invalid = [
        Example("""
            import anthropic
            anthropic.Anthropic().messages.create(model="claude-2.1", max_tokens=300, messages=[])  # expect: RDY105
        """),
        Example("""
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-3.5-turbo-0613", max_tokens=200)  # expect: RDY105
        """),
        Example("""
            OPENAI_MODEL=text-davinci-003  # expect: RDY105
        """, path=".env"),
    ]

    def judge(self, value: str, sdk: str) -> Verdict | None:
        entry = _models.retired_now(value)
        if entry is None:
            return None
        hint = f"Move to `{entry.replacement}`" if entry.replacement else ""
        return Verdict(False, f"`{value}` was shut down by {entry.provider} on {entry.shutdown}: requests to it fail "
                              f"({entry.table})", hint)
