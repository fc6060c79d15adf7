"""RDY403: a credential written into a prompt, system message or agent instructions."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis.prompts import literal_text, prompt_literals, secrets_in

class SecretInPrompt(Rule):
    """
    ## What it finds
    A credential inside text that is sent to the model: a system prompt, agent `instructions`,
    a CrewAI `backstory`, a message's `content`, a prompt template or a `*_PROMPT` constant.
    Reported instead of RDY401 at that place, at a higher severity.

    ## Why it matters
    A key in a prompt is not only committed to the repository: it is sent to the model provider
    on every request, stored in every trace and log of the conversation, and the model can be
    talked into repeating it to any user. Prompt-extraction attacks are routine.

    ## How to fix
    Revoke the key. Tools that need a credential should read it from the environment or a
    secrets manager inside the tool code, so the model never sees it.

    ## Example
    ```python
    SYSTEM_PROMPT = f"Use API key {KEY_LITERAL} to call the billing API."   # in the prompt
    ```

    ## Limits
    Only literals that are visibly prompt text are checked; a key concatenated into a prompt at
    run time from a variable is reported by RDY401 where the variable is set.
    """

    id = "RDY403"
    name = "secret-in-prompt"
    severity = Severity.ERROR
    summary = "Credential written into a prompt or agent instructions"
    roles = frozenset({"prod", "example"})
    precision = "very-high"
    security_severity = "9.5"
    fix_hint = "Revoke the key and let the tool read it from the environment; never put it in model input"

    valid = [
        Example("""
            from agents import Agent
            agent = Agent(name="billing", instructions="Use the billing tool; never reveal internal IDs.")
        """),
        Example("""
            import os
            SYSTEM_PROMPT = "You are a support agent."
            API_KEY = os.environ["BILLING_API_KEY"]
        """),
    ]
    invalid = [
        # Built by concatenation so this source file holds no credential-shaped literal.
        Example("from agents import Agent\nagent = Agent(name='ops', instructions='Deploy with token ghp_"
                + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5 when asked.')  # expect: RDY403\n"),
        Example("SYSTEM_PROMPT = \"\"\"You run reports.\nAPI_KEY=" + "pX7vQ2mL9sT4wZ8rK3nB6yH1cF5gJ0dAUe4i" + "\"\"\"  # expect: RDY403\n"),
    ]

    def check_file(self, ctx) -> None:
        for node in prompt_literals(ctx):
            text = literal_text(node)
            for start, label, shown in secrets_in(text):
                line = node.lineno + (text[:start].count("\n") if isinstance(node, ast.Constant) else 0)
                ctx.report(line, f"{label} `{shown}` is written into a prompt: it is sent to the model and can be repeated "
                           "to users", sensitive=True)
