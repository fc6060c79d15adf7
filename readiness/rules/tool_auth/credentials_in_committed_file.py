"""RDY411: credentials kept in a committed file (.env, service-account JSON) instead of injected at run time."""
from __future__ import annotations

import ast
import re

from readiness.discover import is_template
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis.env import env_settings
from readiness.analysis.secrets import SECRET_NAME, is_placeholder

# Calls that fetch a secret from a manager (agent-ecosystem.md F.5), by qualified-name suffix.
MANAGER_CALLS = {
    "get_secret_value": "AWS Secrets Manager", "get_parameter": "AWS SSM Parameter Store", "SecretCache": "AWS Secrets Manager",
    "hvac.Client": "HashiCorp Vault", "read_secret_version": "HashiCorp Vault",
    "SecretManagerServiceClient": "Google Secret Manager", "access_secret_version": "Google Secret Manager",
    "SecretClient": "Azure Key Vault", "DopplerSDK": "Doppler", "secrets.resolve": "1Password",
}
# Platform injection of secrets, visible in deployment files.
PLATFORM = re.compile(r"\b(secretKeyRef|secretRef|kind:\s*ExternalSecret|valueFrom:\s*arn:aws:secretsmanager|"
                      r"\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}|^sops:|op://|doppler run|op run)", re.M)
BUILD_ARG = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")
# ``COPY .env`` / a service-account key into a container image ships the file in a layer.
DOCKER_COPY_ENV = re.compile(r"^\s*(?:COPY|ADD)\b[^\n]*?(?<![\w.-])(\.env(?:\.[\w-]+)?|[\w./-]*service[-_]account[\w.-]*\.json)(?=\s)", re.I)


class CredentialsInCommittedFile(Rule):
    """
    ## What it finds
    Credentials kept in a file that is part of the repository: a `.env` (or `.env.production`
    ...) that is tracked, or not ignored, and gives secret-like keys (`*_API_KEY`, `*_TOKEN`,
    `*_SECRET`, `*PASSWORD`) real values; a Google service-account JSON with its
    `private_key`. Template files (`.env.example`, `.env.sample`) and empty or `${VAR}` values
    are fine. When the project instead reads its keys from the environment or fetches them from
    a secrets manager (AWS Secrets Manager or SSM, Vault, Google Secret Manager, Azure Key
    Vault, Doppler, 1Password) or has them injected by the platform (Kubernetes `secretKeyRef`,
    External Secrets, ECS `valueFrom`, SOPS, GitHub Actions `secrets.*`), that is credited.

    ## Why it matters
    A credentials file in the repository travels with every clone, fork, CI cache and backup,
    and the keys in it are shared by everyone and every environment, so they can never be
    rotated per deployment. Even a key that looks like a test value is usually a real one.

    ## How to fix
    Remove the file from the repository (and its history), add it to `.gitignore`, commit a
    `.env.example` with empty values instead, and inject the real values at deploy time from a
    secrets manager.

    ## Example
    ```
    # .env, committed
    SLACK_BOT_TOKEN=<the real token>
    ```

    Container images count too: a Dockerfile that copies `.env` (or a service-account key) into
    the image, or turns a build argument into `ENV OPENAI_API_KEY=$OPENAI_API_KEY`, ships the
    credential to whoever pulls the image.

    ## Limits
    Values that look like real keys are also reported, at their line, by RDY401.
    """

    id = "RDY411"
    security_severity = "7.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "credentials-in-committed-file"
    severity = Severity.WARNING
    summary = "Credentials kept in a committed file instead of injected at run time"
    kinds = frozenset({"python", "yaml", "json", "toml", "dotenv", "dockerfile", "shell", "text", "other"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Remove the file from the repository, commit a .env.example, inject values from a secrets manager"

    valid = [
        Example(files={
            "bot/llm.py": "import os\nimport google.generativeai as genai\ngenai.configure(api_key=os.environ['GEMINI_API_KEY'])\n",
            ".env": 'GEMINI_API_KEY = "key"\n',
        }),
        Example("""
            FROM python:3.12-slim
            ARG APP_VERSION
            ENV APP_VERSION=${APP_VERSION} PYTHONUNBUFFERED=1
            COPY .env.example /app/.env.example
            COPY . /app
        """, path="Dockerfile"),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": "import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ['OPENAI_API_KEY'])\n",
            ".env.example": "OPENAI_API_KEY=\nSLACK_BOT_TOKEN=\n",
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/keys.py": '''
                import boto3
                from openai import OpenAI
                secret = boto3.client("secretsmanager").get_secret_value(SecretId="prod/bot/openai")
                client = OpenAI(api_key=secret["SecretString"])
            ''',
            ".env": "LOG_LEVEL=debug\nOPENAI_API_KEY=${OPENAI_API_KEY}\n",
        }),
    ]
    invalid = [
        Example("""
            FROM python:3.12-slim
            ARG OPENAI_API_KEY
            ENV OPENAI_API_KEY=${OPENAI_API_KEY}  # expect: RDY411
            COPY .env /app/.env  # expect: RDY411
            COPY . /app
        """, path="Dockerfile"),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": "import os\nfrom dotenv import load_dotenv\nfrom openai import OpenAI\nload_dotenv()\nclient = OpenAI()\n",
            ".env": "LOG_LEVEL=debug\nSLACK_BOT_TOKEN=not-rotated-since-2023  # expect: RDY411\n",
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": "from google import genai\n",
            "keys/service-account.json": '{"type": "service_account", "project_id": "demo",  // expect: RDY411\n "private_key": "REDACTED"}\n',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = ctx.qualname(node.func) or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        for suffix, label in MANAGER_CALLS.items():
            if qn == suffix or qn.endswith("." + suffix):
                ctx.fact("secrets-source", node, label)
                return
        if qn in ("os.getenv", "os.environ.get") and node.args:
            self._env(node.args[0], node, ctx)

    def visit_Subscript(self, node: ast.Subscript, ctx) -> None:
        if ctx.qualname(node.value) == "os.environ" and isinstance(node.ctx, ast.Load):
            self._env(node.slice, node, ctx)

    def _env(self, key, node, ctx) -> None:
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and SECRET_NAME.search(key.value):
            ctx.fact("secrets-source", node, f"the environment (`{key.value}`)")

    def check_file(self, ctx) -> None:
        name = ctx.path.rsplit("/", 1)[-1].lower()
        if ctx.kind == "dotenv":
            if is_template(name):
                return
            keys = [(key, line) for key, value, line in ctx.parsed.env
                    if SECRET_NAME.search(key) and len(value) >= 6 and not value.startswith(("$", "<", "{"))
                    and not is_placeholder(value)]  # ``GEMINI_API_KEY = "key"`` is a stand-in, not a key
            if keys:
                listed = ", ".join(k for k, _ in keys[:4]) + (" ..." if len(keys) > 4 else "")
                ctx.report(keys[0][1], f"`{ctx.path}` is in the repository and holds credentials ({listed})")
            return
        if ctx.kind == "dockerfile":
            self._image(ctx)
        if ctx.kind == "json":
            for doc in ctx.parsed.docs:
                if isinstance(doc.data, dict) and doc.data.get("type") == "service_account" and doc.data.get("private_key"):
                    ctx.report(doc.line_of(("type",)), f"`{ctx.path}` is a service-account key file in the repository")
        if ctx.kind != "python":
            m = PLATFORM.search(ctx.text)
            if m:
                ctx.fact("secrets-source", ctx.text.count("\n", 0, m.start()) + 1,
                         f"platform secret injection ({m.group(1).strip()})")

    def check_project(self, ctx) -> None:
        sources = ctx.facts("secrets-source", roles=("prod", "example"))
        managed = [f for f in sources if not f.value.startswith("the environment")]
        best = (managed or sources or [None])[0]
        if best is not None:
            ctx.credit(best, f"credentials come from {best.value}")

    def _image(self, ctx) -> None:
        """Credentials baked into a container image, where ``docker history`` / ``inspect`` or
        anyone who pulls the image can read them."""
        for setting in env_settings(ctx):  # ``ENV OPENAI_API_KEY=${OPENAI_API_KEY}``
            if SECRET_NAME.search(setting.key) and BUILD_ARG.fullmatch(setting.value.split()[0] if setting.value else ""):
                ctx.report(setting.line, f"`ENV {setting.key}={setting.value}` bakes a build argument into the image: "
                                         "anyone who pulls the image reads the credential")
        for number, line in enumerate(ctx.lines, 1):
            copied = DOCKER_COPY_ENV.match(line)
            if copied and not is_template(copied.group(1).rsplit("/", 1)[-1].lower()):
                ctx.report(number, f"`{copied.group(1)}` is copied into the image: its credentials ship in a layer")
