"""RDY411: the agent's credentials come from plain environment variables, with no secrets manager."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule

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
SECRET_NAME = re.compile(r"(API_KEY|_TOKEN|_SECRET|SECRET_KEY|PASSWORD|ACCESS_KEY)$", re.I)


class MissingSecretsManager(Rule):
    """
    ## What it finds
    An agent project whose code reads credentials (`OPENAI_API_KEY`, `*_TOKEN`, `*_SECRET` ...)
    from environment variables, with no sign anywhere in the repository of where those values
    are kept: no secrets-manager client (AWS Secrets Manager or SSM, Vault, Google Secret
    Manager, Azure Key Vault, Doppler, 1Password) and no platform injection (Kubernetes
    `secretKeyRef`, External Secrets, ECS `valueFrom`, SOPS files, GitHub Actions `secrets.*`).

    ## Why it matters
    Environment variables keep keys out of the code, which is necessary but says nothing about
    where the keys live, who can read them, how they rotate and whether each deployment gets
    its own. For an agent whose keys spend money and reach user data, "someone sets them on the
    server" is not an answer a security review accepts.

    ## How to fix
    Keep the keys in a secrets manager and inject them at deploy time (Kubernetes secrets via
    External Secrets, ECS task `secrets`, `doppler run`, `op run`), with one key per environment
    and rotation. Commit the wiring (manifests, workflow files) so it can be reviewed.

    ## Example
    ```yaml
    env:
      - name: OPENAI_API_KEY
        valueFrom: {secretKeyRef: {name: agent-secrets, key: openai}}
    ```

    ## Limits
    Managers configured outside the repository (a PaaS dashboard) are not visible: suppress the
    finding with that reason.
    """

    id = "RDY411"
    name = "missing-secrets-manager"
    severity = Severity.NOTE
    summary = "Credentials read from plain environment variables; no secrets manager in sight"
    scope = "project"
    kinds = frozenset({"python", "yaml", "json", "toml", "dockerfile", "shell", "text", "other"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Keep keys in a secrets manager and commit the deploy-time injection (secretKeyRef, ECS secrets, op run)"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": "import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ['OPENAI_API_KEY'])\n",
            "deploy/agent.yaml": '''
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: bot
                          env:
                            - name: OPENAI_API_KEY
                              valueFrom:
                                secretKeyRef: {name: bot-secrets, key: openai}
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/keys.py": '''
                import boto3
                from openai import OpenAI
                secret = boto3.client("secretsmanager").get_secret_value(SecretId="prod/bot/openai")
                client = OpenAI(api_key=secret["SecretString"])
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": "[project]  # expect: RDY411\nname = 'bot'\n",
            "bot/llm.py": "import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.getenv('OPENAI_API_KEY'))\n",
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = ctx.qualname(node.func) or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        for suffix, label in MANAGER_CALLS.items():
            if qn == suffix or qn.endswith("." + suffix):
                ctx.fact("secrets-manager", node, label)
                return
        if qn in ("os.getenv", "os.environ.get") and node.args:
            self._env(node.args[0], node, ctx)

    def visit_Subscript(self, node: ast.Subscript, ctx) -> None:
        if ctx.qualname(node.value) == "os.environ":
            self._env(node.slice, node, ctx)

    def _env(self, key, node, ctx) -> None:
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and SECRET_NAME.search(key.value):
            ctx.fact("secret-env-read", node, key.value)

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        m = PLATFORM.search(ctx.text)
        if m:
            ctx.fact("secrets-manager", ctx.text.count("\n", 0, m.start()) + 1, f"platform secret injection ({m.group(1).strip()})")

    def check_project(self, ctx) -> None:
        managers = ctx.facts("secrets-manager")
        reads = ctx.facts("secret-env-read", roles=("prod", "example"))
        if managers:
            ctx.credit(managers[0], f"secrets come from {managers[0].value}")
        elif reads:
            names = sorted({f.value for f in reads})
            ctx.report(f"credentials ({', '.join(names[:4])}{' ...' if len(names) > 4 else ''}) come from plain "
                       "environment variables; nothing shows where they are stored or how they rotate",
                       subject="credential-source")
