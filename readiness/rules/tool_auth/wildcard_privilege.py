"""RDY408: the agent's runtime holds blanket privileges: passwordless sudo, IAM wildcards."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.walk import walk

NOPASSWD_ALL = re.compile(r"NOPASSWD\s*:\s*ALL\b")
# Database URLs that log in as the server's superuser (postgres, MySQL root, SQL Server sa).
SUPERUSER_URL = re.compile(r"\b(?P<scheme>postgres(?:ql)?|mysql|mariadb|mssql|sqlserver)(?:\+[a-z0-9]+)?://"
                           r"(?P<user>postgres|root|sa)(?::[^@\s'\"]*)?@(?P<host>[^\s/:'\"?#]+)", re.I)
LOCAL_HOSTS = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|[A-Za-z0-9_-]+)$")


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _wild_actions(actions) -> list[str]:
    return [a for a in _as_list(actions) if isinstance(a, str) and (a == "*" or a.endswith(":*"))]


class WildcardPrivilege(Rule):
    """
    ## What it finds
    Blanket privileges for the process or role that runs the agent: a Dockerfile or script that
    grants passwordless sudo for every command (`NOPASSWD: ALL`), a database URL for a
    non-local server that logs in as its superuser (`postgres`, MySQL `root`, SQL Server `sa`),
    and IAM policy documents
    (JSON or YAML, including CloudFormation, or Python dicts handed to boto3 / CDK) that `Allow` every action (`"Action": "*"`) or a
    whole service (`"s3:*"`) on every resource (`"Resource": "*"`).

    ## Why it matters
    An agent's tools run with these privileges. When a tool is misused, by a model mistake or a
    prompt injection, the damage is bounded by what the runtime may do: with root or `*:*` there
    is no bound.

    ## How to fix
    Run the agent as an unprivileged user with no sudo. Grant IAM actions one by one, on the
    specific resources (ARNs) the tools need, and give read-only tools read-only roles.

    ## Example
    ```json
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}                 # everything
    {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::kb-docs/*"}
    ```
    """

    id = "RDY408"
    security_severity = "7.0"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "wildcard-privilege"
    severity = Severity.WARNING
    summary = "Agent runtime has passwordless sudo or wildcard IAM permissions"
    kinds = frozenset({"dockerfile", "shell", "json", "yaml", "python", "toml", "dotenv"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Run as an unprivileged user; grant only the IAM actions and resources the tools need"

    valid = [
        Example("""
            FROM python:3.12-slim
            RUN useradd -m agent
            USER agent
        """, path="Dockerfile"),
        Example("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::kb-docs/*"}]}
        """, path="iam/agent-policy.json"),
        Example("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Deny", "Action": "*", "Resource": "*"}]}
        """, path="iam/deny-all.json"),
    ]
    valid.append(Example("""
        DATABASE_URL = "postgresql://postgres:postgres@localhost:5432/dev"
        READER_URL = "postgresql://agent_reader@db.prod.example.net:5432/app"
    """))
    invalid = [
        Example("""
            import json
            import boto3
            POLICY = {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["bedrock:*", "lambda:InvokeFunction"], "Resource": "*"},  # expect: RDY408
                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::kb-docs/*"},
            ]}
            boto3.client("iam").put_role_policy(RoleName="agent", PolicyName="tools", PolicyDocument=json.dumps(POLICY))
        """),
        Example("""
            DATABASE_URL=postgresql://postgres@db.prod.example.net:5432/app  # expect: RDY408
        """, path=".env"),
        Example("""
            FROM ubuntu:24.04
            RUN useradd -m agent && echo "agent ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers  # expect: RDY408
            USER agent
        """, path="Dockerfile"),
        Example("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}  // expect: RDY408
            ]}
        """, path="iam/agent-policy.json"),
        Example("""
            Resources:
              AgentPolicy:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow  # expect: RDY408
                        Action: "*"
                        Resource: "*"
        """, path="infra/template.yaml"),
    ]

    def check_file(self, ctx) -> None:
        if "://" in ctx.text:
            for m in SUPERUSER_URL.finditer(ctx.text):
                if not LOCAL_HOSTS.match(m.group("host")):
                    line = ctx.text.count("\n", 0, m.start()) + 1
                    ctx.report(line, f"database URL logs in as the superuser `{m.group('user')}`: every query the agent "
                                     "runs has full rights on the server")
        if ctx.kind == "python" and ctx.tree is not None and ('"Effect"' in ctx.text or "'Effect'" in ctx.text):
            self._python_policies(ctx)
        if ctx.kind in ("python", "toml", "dotenv"):
            return
        if ctx.kind in ("dockerfile", "shell"):
            for number, line in enumerate(ctx.lines, 1):
                if NOPASSWD_ALL.search(line) and not line.lstrip().startswith("#"):
                    ctx.report(number, "passwordless sudo for every command: the agent's tools can act as root")
            return
        for doc in ctx.parsed.docs:
            for path, statement in _statements(doc.data):
                message = _judge_statement(statement) if isinstance(statement, dict) else None
                if message:
                    ctx.report(doc.line_of(path + ("Effect",)) or doc.line_of(path), message)

    def _python_policies(self, ctx) -> None:
        """Policy documents built as Python dicts (boto3 ``put_role_policy``, CDK, Pulumi)."""
        for node in ctx.nodes_of(ast.Dict):
            statement = _literal_statement(node)
            message = _judge_statement(statement) if statement else None
            if message:  # at the wildcard action itself
                action = next((v for k, v in zip(node.keys, node.values)
                               if isinstance(k, ast.Constant) and k.value == "Action"), node)
                wild = min((c for c in walk(action) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                            and (c.value == "*" or c.value.endswith(":*"))), key=lambda c: c.lineno, default=node)
                ctx.report(wild, message)


def _judge_statement(statement: dict) -> str | None:
    """The finding's message when an Allow statement grants every action, or a whole service on
    every resource."""
    if statement.get("Effect") != "Allow":
        return None
    actions = _wild_actions(statement.get("Action"))
    resources = [r for r in _as_list(statement.get("Resource")) if r == "*"]
    if "*" in actions or actions and resources:
        return f"IAM statement allows `{actions[0]}` on {'every resource' if resources else 'its resources'}"
    return None


def _literal_statement(node: ast.Dict) -> dict | None:
    """An IAM statement written as a Python dict literal (``{"Effect": "Allow", "Action": [...],
    "Resource": "*"}``), with only its literal parts."""
    out = {}
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and key.value in ("Effect", "Action", "Resource"):
            try:
                out[key.value] = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                out[key.value] = None
    return out if "Effect" in out else None


def _statements(data, path: tuple = ()):
    """Every IAM statement in a document, with its key path. Each node is visited once and the
    walk is bounded, so a YAML alias bomb (shared nodes) stays cheap."""
    stack, seen, budget = [(path, data, 0)], set(), 50_000
    while stack and budget > 0:
        path, node, depth = stack.pop()
        budget -= 1
        if depth > 12 or not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "Statement":
                    for i, item in enumerate(_as_list(value)):
                        yield (path + (key, i) if isinstance(value, list) else path + (key,)), item
                else:
                    stack.append((path + (key,), value, depth + 1))
        else:
            stack.extend((path + (i,), item, depth + 1) for i, item in enumerate(node))
