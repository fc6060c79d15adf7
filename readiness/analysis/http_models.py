"""Model APIs called over plain HTTP: ``requests.post(f"{BASE}/chat/completions", json={"model": ...})``.

Many agents skip the SDK and post to the provider (or an OpenAI-compatible proxy, or Ollama) with an
HTTP client. Such a file talks to a model exactly as one importing ``openai`` does; without this the
project would be judged "not an agent" and every tool it dispatches would pass unexamined. The
endpoint table is data (``http_model_endpoints`` in ``rules/data/sdk.yaml``).
"""
from __future__ import annotations

import ast
from functools import lru_cache

from readiness.analysis import sdk as _sdk
from readiness.pack import data
from readiness.walk import walk

_CLIENTS = ("requests", "httpx", "aiohttp", "urllib.request", "urllib3")
_BODY_KEYWORDS = ("json", "data", "content")


@lru_cache(maxsize=1)
def endpoints() -> tuple[dict, ...]:
    return tuple(data("sdk").get("http_model_endpoints", ()))


def mentions_an_endpoint(text: str) -> bool:
    """A cheap test on the file's text before any call is examined."""
    return any(e["path"] in text for e in endpoints())


def model_posts(ctx) -> list[ast.Call]:
    """Every POST in the file to a model endpoint whose body names a model (or whose URL does)."""
    if not mentions_an_endpoint(ctx.text):
        return []
    return ctx.memo("http-model-posts", lambda: [p for call in ctx.calls() if (p := _model_post(call, ctx))])


def _model_post(call: ast.Call, ctx) -> ast.Call | None:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("post", "request", "stream", "urlopen")
            or isinstance(func, ast.Name) and func.id in ("urlopen", "Request")
            or isinstance(func, ast.Attribute) and func.attr == "Request"):
        return None
    args = list(call.args)
    if isinstance(func, ast.Attribute) and func.attr in ("request", "stream"):
        if not args or not (isinstance(args[0], ast.Constant) and str(args[0].value).upper() == "POST"):
            return None
        args = args[1:]
    qn = ctx.qualname(func) or ""
    if not qn.startswith(_CLIENTS) and not client_object(func, ctx):
        return None
    url = args[0] if args else next((kw.value for kw in call.keywords if kw.arg == "url"), None)
    text = literal_text(url, ctx, call)
    endpoint = next((e for e in endpoints() if e["path"] in text), None)
    if endpoint is None:
        return None
    body = _body(call, ctx)
    if endpoint.get("model_in_url") or body is not None and _names_a_model(body):
        return call
    return None


def client_object(func: ast.Attribute, ctx) -> bool:
    """``session.post(...)`` / ``client.post(...)`` on an object the file built from an HTTP client
    (``httpx.AsyncClient()``, ``async with aiohttp.ClientSession() as session``, ``self.http = ...``)."""
    receiver = func.value
    key = receiver.id if isinstance(receiver, ast.Name) else f"self.{receiver.attr}" if isinstance(receiver, ast.Attribute) \
        and isinstance(receiver.value, ast.Name) and receiver.value.id == "self" else ""
    return any(qn.startswith(_CLIENTS) for qn in _sdk.constructed_by(ctx).get(key, ()))


def _body(call: ast.Call, ctx) -> ast.Dict | None:
    for kw in call.keywords:
        if kw.arg in _BODY_KEYWORDS:
            value = _sdk.resolve_node(kw.value, ctx, call)
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "encode":
                value = value.func.value  # ``json.dumps(payload).encode()`` for urllib
            if isinstance(value, ast.Call) and (ctx.qualname(value.func) or "") == "json.dumps" and value.args:
                value = _sdk.resolve_node(value.args[0], ctx, call)
            return value if isinstance(value, ast.Dict) else None
    return None


def _names_a_model(body: ast.Dict) -> bool:
    return any(isinstance(k, ast.Constant) and k.value == "model" for k in body.keys)


def literal_text(expr: ast.expr | None, ctx, at: ast.AST) -> str:
    """The literal parts of a URL, following names to their assignments (``f"{BASE}/chat/completions"``)."""
    expr = _sdk.resolve_node(expr, ctx, at) if expr is not None else None
    if expr is None:
        return ""
    parts = []
    for node in walk(expr):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts.append(node.value)
        elif isinstance(node, ast.Name):
            target = _sdk.resolve_node(node, ctx, at)
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                parts.append(target.value)
            elif target is None and (imported := _sdk.imported_constant(node.id, ctx)) is not None:
                parts.append(imported)  # ``from config import LLM_URL``
    return "".join(parts)
