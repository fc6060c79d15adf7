"""RDY401: a provider API key, token or private key committed to the repository."""
from __future__ import annotations

import ast
import bisect
import math
import re
from collections import Counter
from functools import lru_cache

from readiness.model import Location, Severity
from readiness.pack import data
from readiness.rule import Example, Rule

TEXT_KINDS = frozenset({"python", "notebook", "yaml", "json", "toml", "dotenv", "tsjs", "markdown", "shell",
                        "dockerfile", "ini", "text", "other"})
SECRET_NAME = re.compile(r"(API_KEY|_TOKEN|_SECRET|SECRET_KEY|PASSWORD|ACCESS_KEY)$", re.I)
TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".tmpl", ".dist")


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern, list[tuple[str, int]]]:
    """All formats in one alternation, most specific first: one pass over the text finds every
    credential, and ``lastgroup`` says which format matched."""
    formats = data("secrets")["formats"]
    combined = "|".join(f"(?P<f{i}>{f['regex']})" for i, f in enumerate(formats))
    return re.compile(combined), [(f["name"], int(f["prefix"])) for f in formats]


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def is_placeholder(value: str) -> bool:
    """Documentation examples, masked values and low-entropy fixtures are not credentials."""
    if any(p in value for p in data("secrets")["placeholders"]):
        return True
    body = re.sub(r"^[a-z]+[-_](?:[a-z0-9]+[-_])?", "", value)
    return len(body) >= 8 and (_entropy(body) < 3.0 or len(set(body)) <= 4)


def redact(value: str, prefix: int) -> str:
    """Never the value: a short prefix and the length."""
    shown = value[:min(prefix, max(len(value) // 4, 1))]
    return f"{shown}… ({len(value)} chars)"


class HardcodedSecret(Rule):
    """
    ## What it finds
    Credentials written into files: OpenAI, Anthropic, Google, AWS, GitHub, GitLab, Slack,
    Stripe (live), Hugging Face, Groq, xAI, Replicate, LangSmith, Langfuse, NVIDIA, Perplexity,
    OpenRouter, npm and Databricks keys in their published formats, and private keys - in any
    text file (Python, notebooks, YAML, JSON, TOML, `.env`, shell, Dockerfiles, Markdown, TS/JS).
    Placeholders (`sk-...`, `your-api-key`, AWS's documented example key, masked or low-entropy
    values) and template files (`.env.example`) are skipped. Reports show only a short prefix
    and the length of a value, never the value.

    ## Why it matters
    A key in a repository is a key for everyone who can read it, its forks, its CI logs and every
    laptop with a clone. An agent's keys usually spend money and reach user data.

    ## How to fix
    Revoke the key at the provider now (removing it from the file does not remove it from git
    history), then load it at run time from the environment or a secrets manager (AWS Secrets
    Manager, Vault, GCP Secret Manager, Azure Key Vault, Doppler, 1Password).
    """

    id = "RDY401"
    name = "hardcoded-secret"
    severity = Severity.ERROR
    summary = "Credential committed to the repository"
    kinds = TEXT_KINDS
    roles = frozenset({"prod", "test", "eval", "example"})
    precision = "very-high"
    security_severity = "9.0"
    fix_hint = "Revoke the key, then load it from the environment or a secrets manager"

    valid = [
        Example("""
            import os
            OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
            EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"
        """),
        Example("""
            OPENAI_API_KEY=sk-...
            ANTHROPIC_API_KEY=your-api-key
        """, path=".env"),
    ]
    invalid = [
        # Built by concatenation so this source file holds no credential-shaped literal.
        Example("GITHUB_TOKEN = \"ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5\"  # expect: RDY401\n"),
        Example("HF_TOKEN=hf_" + "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi  # expect: RDY401\n", path=".env"),
    ]

    def visit_Call(self, node, ctx) -> None:
        if ctx.qualname(node.func) in ("os.getenv", "os.environ.get") and node.args:
            self._env_read(node.args[0], node, ctx)

    def visit_Subscript(self, node, ctx) -> None:
        if ctx.qualname(node.value) == "os.environ":
            self._env_read(node.slice, node, ctx)

    def _env_read(self, key, node, ctx) -> None:
        """A credential read from the environment is the control this rule wants in place."""
        if ctx.role == "prod" and isinstance(key, ast.Constant) and isinstance(key.value, str) and SECRET_NAME.search(key.value):
            ctx.credit(node, f"`{key.value}` read from the environment")

    def check_file(self, ctx) -> None:
        name = ctx.path.rsplit("/", 1)[-1].lower()
        if name.endswith(TEMPLATE_SUFFIXES) or not any(c in ctx.text for c in "-_"):
            return
        pattern, formats = _scanner()
        line_starts = None
        for m in pattern.finditer(ctx.text):
            label, prefix = formats[int(m.lastgroup[1:])]
            value = m.group(0)
            if label != "private key" and is_placeholder(value):
                continue
            if line_starts is None:
                line_starts = [0] + [i + 1 for i, c in enumerate(ctx.text) if c == "\n"]
            number = bisect.bisect_right(line_starts, m.start())
            column = m.start() - line_starts[number - 1] + 1
            loc = Location(ctx.path, number, column, number, column + len(value))
            ctx.report(loc, f"{label} `{redact(value, prefix)}` is committed in this file", sensitive=True)
