"""RDY104: a dated experimental or preview model in production code."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example
from readiness.analysis import models as _models
from readiness.analysis.model_ids import ModelIdRule, Verdict


class PreviewModel(ModelIdRule):
    """
    ## What it finds
    A model ID that names an experimental or preview release: `gemini-1.5-pro-exp-0801`,
    `gemini-2.5-flash-preview-05-20`, `gpt-4-1106-preview`. The date in the name fixes the
    weights, so this is not a floating alias (RDY101), but the provider publishes these releases
    for trying out, not for production.

    ## Why it matters
    Preview and experimental models come with lower rate limits, no stability promise and short
    or no notice before they are withdrawn. An agent that depends on one can stop working on the
    provider's schedule rather than yours, and its behaviour was never covered by a stable
    model's guarantees.

    ## How to fix
    Move to the stable release of the same model (for Gemini the `-00N` or 2.5+ ID, for OpenAI
    the dated general-availability snapshot), run your evals on it, and keep preview models
    behind a feature flag for internal users.

    ## Example
    ```python
    genai.GenerativeModel("gemini-1.5-pro-exp-0801")   # preview in production
    genai.GenerativeModel("gemini-1.5-pro-002")        # stable release
    ```

    ## Limits
    Undated previews (`gemini-3-pro-preview`, `o1-preview`) move without notice and are reported
    by RDY101 instead.
    """

    id = "RDY104"
    name = "preview-model"
    severity = Severity.NOTE
    summary = "Model ID is a dated experimental or preview release"
    fix_hint = "Use the provider's stable release of this model; keep previews behind a flag"

    valid = [
        Example("""
            import google.generativeai as genai
            model = genai.GenerativeModel("gemini-1.5-pro-002", generation_config={"max_output_tokens": 256})
        """),
        Example("""
            from openai import OpenAI
            OpenAI().chat.completions.create(model="gpt-4-0613", messages=[], max_tokens=100)
        """),
        Example("""
            release_notes = "we tried gemini-1.5-pro-exp-0801 last year"
        """),
    ]
    invalid = [
        Example("""
            import google.generativeai as genai
            model = genai.GenerativeModel("models/gemini-1.5-pro-exp-0801", generation_config={"max_output_tokens": 256})  # expect: RDY104
        """),
        Example("""
            from openai import OpenAI
            OpenAI().chat.completions.create(model="gpt-4-1106-preview", messages=[], max_tokens=100)  # expect: RDY104
        """),
        Example("""
            llm:
              model: gemini-2.5-flash-preview-05-20  # expect: RDY104
        """, path="config/agent.yaml"),
    ]

    def judge(self, value: str, sdk: str) -> Verdict | None:
        verdict = _models.classify(value, sdk)
        if verdict is None or verdict.status != _models.PREVIEW:
            return None
        return Verdict(False, f"`{value}` is {verdict.reason}, not meant for production traffic")
