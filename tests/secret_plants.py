"""A tree of every file kind with planted credentials and look-alike placeholders.

Generated at test time, never committed: the credential-shaped values are assembled here from
pieces, so this repository holds no string a secret scanner (or a push-protection hook) would
take for a real key. ``PLANTED`` lists (path, line, rule) that must be reported; every other
line must stay silent. ``VALUES`` are the planted values, which no output may contain.
"""
from __future__ import annotations

import json
from pathlib import Path


def _k(*parts: str) -> str:
    return "".join(parts)


OPENAI = _k("sk-proj-", "Qw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1nMq5wEr7tYu9iOp3aSd5fGh7jKl9zXc", "T3Blbk", "FJ",
            "Vb2nMq4wEr6tYu8iOp0aSd2fGh4jKl6zXc8vBn1mQw3eRt5yUi7oPa9sDf1gHj")
ANTHROPIC = _k("sk-ant-", "api03-", "Zx9cVb8nMq7wEr6tYu5iOp4aSd3fGh2jKl1zXc0vBn9mQw8eRt7yUi6oPa5sDf4gHj3kLz2xCv1bNm0qWe9rTy8uIo7pAs6dFg5h", "AA")
GITHUB = _k("gh", "p_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5")
AWS_ID = _k("AK", "IA", "QW3RTY7UIO2PASDF")
HF = _k("hf", "_", "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi")
GROQ = _k("gs", "k_", "Qw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1nMq5wEr7tYu9iOp3aSd5fGh7j")
COHERE = _k("pX7vQ2mL9sT4", "wZ8rK3nB6yH1cF5gJ0dA", "Ue4i")
DB_PASSWORD = _k("Vq8rT2", "mXw9LpZ4")
PRIVATE_KEY_HEAD = _k("-----BEGIN ", "RSA PRIVATE KEY-----")
TAVILY = _k("tvly-", "Qw3rTy7uIo9pAs2dFg4hJk6lZx8cVb1n")
# A long-lived access token shaped as a JWT (header.payload.signature); its parts are longer than a
# dotted attribute path's, which is how it differs from ``settings.openai_api_key``.
HOME_TOKEN = _k("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".", "eyJpc3MiOiI3ZDFhYjM0NTY3ODkwMTIzNDU2Nzg5MCIsImlhdCI6MTcwMDAwMDAwMH0",
                ".", "Xq3nT9vKp2LmW8rYc4HdZ1sF6gJ0aE5bN7uV2iO3kPw")
# The jwt.io sample token, pasted into countless docs: not a credential.
SAMPLE_JWT = _k("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".", "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
                ".", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")

# A device token under a bare ``TOKEN`` (no underscore anywhere in its file), and a random server key
# someone copied into the template file.
DEVICE_TOKEN = _k("7153a9e2c4", "d1f08b6e3a", "92c7d5f14b", "e8")
SERVER_KEY = _k("a695bdaaf54f", "c3e1d9b07a28", "f6e4c2a19d3b", "57e0c8a6f4d2", "b1a93e7c5d0f", "2b4a")

# Django's startproject key: random, and it signs sessions wherever these settings are deployed.
DJANGO_KEY = _k("django-", "insecure-", "q7^x2#k9v@8z!m3p$w7r5t0y4u", "6i1o9a2s8d3f7g4h6j8k1l3n")

VALUES = [OPENAI, ANTHROPIC, GITHUB, AWS_ID, HF, GROQ, COHERE, DB_PASSWORD, TAVILY, HOME_TOKEN, DEVICE_TOKEN, SERVER_KEY,
          DJANGO_KEY]


def _notebook() -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Demo: use `sk-...` as your key"]},
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
         "source": ["import os\n", f"os.environ['OPENAI_API_KEY'] = '{OPENAI}'\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": 2,
         "outputs": [{"output_type": "stream", "name": "stdout", "text": [f"token={GITHUB}\n"]}],
         "source": ["print(settings)\n"]},
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def files() -> dict[str, str]:
    return {
        "pyproject.toml": "[project]\nname = 'planted'\n\n[tool.planted]\nhf_token = \"" + HF + "\"\n",
        "app/settings.py": (
            "import os\n"
            f"OPENAI_API_KEY = \"{OPENAI}\"\n"
            "ANTHROPIC_API_KEY = os.environ['ANTHROPIC_API_KEY']\n"
            "EXAMPLE_KEY = 'AKIAIOSFODNN7EXAMPLE'\n"
            "PLACEHOLDER = 'sk-...'\n"
            f"DATABASE_URL = 'postgresql://agent:{DB_PASSWORD}@db.prod.example.net:5432/agent'\n"
            "LOCAL_URL = 'postgresql://dev:dev@localhost:5432/dev'\n"
            "max_tokens = 4096\n"
            f"HASS_TOKEN = \"{HOME_TOKEN}\"\n"
            f"DOCS_TOKEN = \"{SAMPLE_JWT}\"\n"
        ),
        "app/prompts.py": (
            "from agents import Agent\n"
            f"ops = Agent(name='ops', instructions='Deploy with token {GITHUB} when asked.')\n"
            "SYSTEM_PROMPT = 'Never reveal your-api-key or <API_KEY> placeholders.'\n"
        ),
        "notebooks/demo.ipynb": _notebook(),
        "config/agent.yaml": (
            "llm:\n"
            f"  api_key: {ANTHROPIC}\n"
            "  api_key_env: ANTHROPIC_API_KEY\n"
            "search:\n"
            "  tavily_key: ${TAVILY_API_KEY}\n"
        ),
        "config/tools.json": json.dumps({"groq": {"api_key": GROQ}, "other": {"api_key": "your-api-key"}}, indent=2) + "\n",
        ".env": f"COHERE_API_KEY={COHERE}\nLOG_LEVEL=debug\n",
        ".env.example": f"COHERE_API_KEY=<your key>\nOPENAI_API_KEY=sk-...\nSERVER_API_KEY={SERVER_KEY}\n"
                        "SESSION_SECRET=change-me-to-a-long-random-string\n",
        "site/settings.py": f"DEBUG = False\nSECRET_KEY = '{DJANGO_KEY}'\n",
        "robot/vacuum.py": f"from miio import Vacuum\nTOKEN = \"{DEVICE_TOKEN}\"\nrobot = Vacuum(\"192.168.1.20\", TOKEN)\n",
        "Dockerfile": f"FROM python:3.12-slim\nENV AWS_ACCESS_KEY_ID={AWS_ID}\nENV AWS_REGION=eu-west-1\n",
        "compose.yaml": (
            "services:\n  agent:\n    environment:\n"
            f"      TAVILY_API_KEY: {TAVILY}\n"
            "      OPENAI_API_KEY: ${OPENAI_API_KEY}\n"
        ),
        "scripts/deploy.sh": f"#!/bin/sh\nexport HF_TOKEN={HF}\nexport TOKEN_URL=https://auth.example.com/token\n",
        "docs/setup.md": (
            "# Setup\n\n```bash\n"
            f"export GITHUB_TOKEN={GITHUB}\n"
            "export OPENAI_API_KEY=sk-xxxx\n```\n"
        ),
        "keys/deploy_key": f"{PRIVATE_KEY_HEAD}\nMIIEowIBAAKCAQEAq7Zr2Lm9XwTnB4cJ8dHs6fYa3gUe5iKo0Vb2Nc\n"
                           "Tp4Wx7Rm1Lq9Zs3Kd8Hf6Jg2Yb5Ua0Ie4Oc7Pn3Mt9Rw1Qx8Sv6Ty2Uz5Va\n-----END RSA PRIVATE KEY-----\n",
    }


PLANTED = {
    ("pyproject.toml", 5, "RDY401"),
    ("app/settings.py", 2, "RDY401"),
    ("app/settings.py", 6, "RDY401"),
    ("app/settings.py", 9, "RDY401"),
    ("app/prompts.py", 2, "RDY403"),
    ("notebooks/demo.ipynb", 17, "RDY401"),  # a code cell's source (raw .ipynb JSON lines)
    ("notebooks/demo.ipynb", 29, "RDY401"),  # a saved cell output
    ("config/agent.yaml", 2, "RDY401"),
    ("config/tools.json", 3, "RDY401"),
    (".env", 1, "RDY401"),
    ("Dockerfile", 2, "RDY401"),
    ("compose.yaml", 4, "RDY401"),
    ("scripts/deploy.sh", 2, "RDY401"),
    ("docs/setup.md", 4, "RDY401"),
    ("keys/deploy_key", 1, "RDY401"),
    (".env.example", 3, "RDY401"),
    ("robot/vacuum.py", 2, "RDY401"),
    ("site/settings.py", 2, "RDY401"),
}


def write(root: Path) -> None:
    for path, text in files().items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
