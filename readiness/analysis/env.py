"""Environment-variable settings wherever a repository writes them down.

Sources: `.env` files, compose/Kubernetes YAML (`environment:` maps or lists, `env: [{name, value}]`),
Dockerfile `ENV`, and Python `os.environ[...] = ...`, `os.environ.setdefault(...)`, `os.putenv(...)`.
Each setting is (key, value, line); values are plain strings.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from readiness.parse import unquote

_DOCKER_ENV = re.compile(r"^\s*ENV\s+(.*)$", re.I)
_PAIR = re.compile(r"""([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)""")


@dataclass(frozen=True)
class EnvSetting:
    key: str
    value: str
    line: int
    node: ast.AST | None = None  # for Python sources, the call or assignment


def env_settings(ctx) -> list[EnvSetting]:
    return ctx.memo("env-settings", lambda: list(_collect(ctx)))


def _collect(ctx):
    if ctx.kind == "dotenv":
        for key, value, line in ctx.parsed.env:
            yield EnvSetting(key, value, line)
    elif ctx.kind == "dockerfile":
        for number, line in enumerate(ctx.lines, 1):
            m = _DOCKER_ENV.match(line)
            if not m:
                continue
            rest = m.group(1).strip()
            pairs = _PAIR.findall(rest)
            if pairs:
                for key, value in pairs:
                    yield EnvSetting(key, unquote(value), number)
            elif " " in rest:
                key, value = rest.split(None, 1)
                yield EnvSetting(key, unquote(value.strip()), number)
    elif ctx.kind == "yaml":
        for doc in ctx.parsed.docs:
            yield from _yaml_env(doc.data, (), doc, 0, set())
    elif ctx.kind == "python" and ctx.tree is not None:
        yield from _python_env(ctx)


def _yaml_env(data, path: tuple, doc, depth: int, seen: set):
    """Walk the document once per node: YAML aliases share nodes, and a bomb must stay cheap."""
    if depth > 30 or id(data) in seen or len(seen) > 50_000:
        return
    if isinstance(data, (dict, list)):
        seen.add(id(data))
    if isinstance(data, dict):
        for key, value in data.items():
            here = path + (key,)
            if key == "environment" and isinstance(value, dict):
                for k, v in value.items():
                    if isinstance(k, str) and isinstance(v, (str, int, float, bool)):
                        yield EnvSetting(k, _scalar(v), doc.line_of(here + (k,)))
            elif key == "environment" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str) and "=" in item:
                        k, v = item.split("=", 1)
                        yield EnvSetting(k.strip(), v.strip(), doc.line_of(here + (i,)))
            elif key == "env" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict) and isinstance(item.get("name"), str) and "value" in item:
                        yield EnvSetting(item["name"], _scalar(item["value"]), doc.line_of(here + (i,)))
            else:
                yield from _yaml_env(value, here, doc, depth + 1, seen)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _yaml_env(item, path + (i,), doc, depth + 1, seen)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _python_env(ctx):
    for node in ctx.nodes_of(ast.Assign, ast.Call):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if (isinstance(target, ast.Subscript) and ctx.qualname(target.value) == "os.environ"
                    and isinstance(target.slice, ast.Constant) and isinstance(node.value, ast.Constant)):
                yield EnvSetting(str(target.slice.value), _scalar(node.value.value), node.lineno, node)
        elif isinstance(node, ast.Call):
            qn = ctx.qualname(node.func)
            if qn in ("os.environ.setdefault", "os.putenv") and len(node.args) >= 2:
                key, value = node.args[0], node.args[1]
                if isinstance(key, ast.Constant) and isinstance(value, ast.Constant):
                    yield EnvSetting(str(key.value), _scalar(value.value), node.lineno, node)
            elif qn == "os.environ.update" and node.args and isinstance(node.args[0], ast.Dict):
                for k, v in zip(node.args[0].keys, node.args[0].values):
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                        yield EnvSetting(str(k.value), _scalar(v.value), k.lineno, k)
