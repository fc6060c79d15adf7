"""Model IDs set away from any call we know: the concept, not the callee.

A model ID is a setting wherever it is written: a keyword or dict key named like a model
(``model=``, ``{"model": ...}``, ``llm_model=``), a variable, attribute or field named so
(``DEFAULT_MODEL = ...``, ``model: str = ...``), a parameter default (``def build(model=...)``),
a ``.get("model", default)`` or ``os.getenv("..._MODEL", default)`` default, or an argparse
``--model`` default. Such a string is judged by the model-ID rules whatever it reaches, and only
when it is recognisably a model ID of a known provider (``_models.classify``), so ordinary strings
under a ``model`` key (a Django model, a file path) stay silent.

Literals that a profiled site or a project wrapper already judges (with its provider) are left
to that site. A literal passed by keyword to a callee no profile knows is returned with that
callee's name, so the manifest can list it as an unprofiled callee.
"""
from __future__ import annotations

import ast
import re
from typing import Iterator

from readiness.context import FileContext
from readiness.analysis import models as _models, sdk as _sdk, wrappers as _wrappers
from readiness.walk import walk

MODEL_NAME = re.compile(r"(?:^|_)(?:model|llm)(?:_?(?:name|id|version|str|string))?(?:$|_)", re.I)
ENV_GETTERS = _sdk.ENV_GETTERS | {"os.environ.get"}
# Every family _models.classify judges starts with one of these (a cheap test before any walk).
MODEL_HINT = re.compile(r"gpt|claude|gemini|\bo\d|mistral|stral|command|grok|sonar|jamba|qwen|deepseek|llama|phi-|nova-|"
                        r"titan|glm|kimi|moonshot|sonnet|opus|haiku|anthropic\.|amazon\.|meta\.|cohere\.|ai21\.|:latest|-latest")
MODEL_CLASS = re.compile(r"^[A-Z]\w*(?:Model|LLM|Llm|Chat|ChatModel|Generator|Client)$")


def names_a_model(name: str | None) -> bool:
    return bool(name) and bool(MODEL_NAME.search(name.replace("-", "_").lstrip("_")))


def _literal(expr: ast.expr | None) -> ast.Constant | None:
    if isinstance(expr, ast.Call) and isinstance(expr.func, (ast.Name, ast.Attribute)):
        name = expr.func.attr if isinstance(expr.func, ast.Attribute) else expr.func.id
        if name == "Field":  # pydantic ``Field("gpt-4o")`` / ``Field(default="gpt-4o")``
            expr = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "default"), None)
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str) and 0 < len(expr.value) <= 120:
        return expr
    return None


def site_literals(ctx: FileContext) -> frozenset[int]:
    """Literals that a profiled model site or a project wrapper resolves (judged there)."""
    def compute():
        out = set()
        for call in ctx.calls():
            site = _sdk.model_site(call, ctx)
            expr = site.model_expr(ctx) if site is not None else None
            if site is None:
                wrapper = _wrappers.callee_wrapper(ctx, call)
                expr = wrapper.argument(call) if wrapper is not None else None
            resolved = _sdk.resolve_str(expr, ctx, call) if expr is not None else None
            if resolved is not None:
                out.add(id(resolved[1]))
        if ctx.imported_modules & {"autogen", "ag2"}:  # AG2 config dicts are judged with their api_type
            for node in ctx.nodes_of(ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "model" and isinstance(value, ast.Constant):
                        out.add(id(value))
        for wrapper in _wrappers.file_wrappers(ctx).values():
            if wrapper.default is not None:
                out.add(id(wrapper.default))
        return frozenset(out)
    return ctx.memo("model-site-literals", compute)


def settings(ctx: FileContext) -> list[tuple[ast.Constant, str]]:
    """Each model-setting literal of the file not judged by a site: (literal, callee or "").
    Memoised per file: every model-ID rule asks."""
    return ctx.memo("model-settings", lambda: list(_settings(ctx)))


def _settings(ctx: FileContext) -> Iterator[tuple[ast.Constant, str]]:
    if ctx.tree is None or not MODEL_HINT.search(ctx.text):
        return  # no string here could be a model ID _models.classify recognises
    taken = site_literals(ctx)
    seen: set[int] = set()
    for literal, callee in _candidates(ctx):
        if id(literal) in taken or id(literal) in seen:
            continue
        seen.add(id(literal))
        if _models.classify(literal.value) is not None:
            yield literal, callee


def _candidates(ctx: FileContext) -> Iterator[tuple[ast.Constant, str]]:
    for node in ctx.nodes_of(ast.Call, ast.Dict, ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef):
        if isinstance(node, ast.Call):
            yield from _call_candidates(node, ctx)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and names_a_model(key.value):
                    if (lit := _literal(value)) is not None:
                        yield lit, ""
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else None
                if names_a_model(name) and (lit := _literal(node.value)) is not None:
                    yield lit, ""
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            for arg, default in pairs:
                if names_a_model(arg.arg) and (lit := _literal(default)) is not None and _passed_on(node, arg.arg):
                    yield lit, ""


# Calls a model name may reach without choosing a model: printing, and tokenizers or price tables
# (``tiktoken.encoding_for_model(model)``, ``litellm.token_counter(model=...)``).
QUIET_CALLS = frozenset({"print", "str", "format", "repr", "len", "debug", "info", "warning", "error", "echo", "write",
                         "encoding_for_model", "get_encoding", "count_tokens", "token_counter", "num_tokens_from_messages",
                         "cost_per_token", "completion_cost", "get_model_info", "get_max_tokens"})


def _passed_on(func: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """The parameter is handed to another call (a model setting travels; a label is only printed)."""
    for node in walk(func):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in QUIET_CALLS:
                continue
            values = [*node.args, *(kw.value for kw in node.keywords)]
            if any(isinstance(v, ast.Name) and v.id == param for v in values):
                return True
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Name) and node.value.id == param:
            return True  # ``self.model = model``: stored for a later call
        elif isinstance(node, ast.Dict) and any(isinstance(v, ast.Name) and v.id == param for v in node.values):
            return True  # ``params = {"model_id": model_id}`` handed on as ``**params``
    return False


def _call_candidates(call: ast.Call, ctx: FileContext) -> Iterator[tuple[ast.Constant, str]]:
    func = call.func
    qn = ctx.qualname(func) or ""
    # ``cfg.get("model", "gpt-4o")`` / ``os.getenv("OPENAI_MODEL", "gpt-4o")``
    if (isinstance(func, ast.Attribute) and func.attr in ("get", "getenv", "setdefault", "pop")) or qn in ENV_GETTERS:
        if len(call.args) >= 2 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            if names_a_model(call.args[0].value) and (lit := _literal(call.args[1])) is not None:
                yield lit, ""
        return
    # argparse / click / typer options: ``add_argument("--model", default="gpt-4o")``
    if isinstance(func, ast.Attribute) and func.attr in ("add_argument", "option", "Option", "argument"):
        flags = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        dest = _sdk.keyword_value(call, "dest")
        names = flags + ([dest.value] if isinstance(dest, ast.Constant) and isinstance(dest.value, str) else [])
        if any(names_a_model(n.lstrip("-")) for n in names):
            if (lit := _literal(_sdk.keyword_value(call, "default"))) is not None:
                yield lit, ""
        return
    if _sdk.model_site(call, ctx) is not None or _wrappers.callee_wrapper(ctx, call) is not None:
        return  # a profiled callee or project wrapper: its profile says which keyword is the model
    callee = _display(func)
    for kw in call.keywords:
        if names_a_model(kw.arg) and (lit := _literal(kw.value)) is not None:
            yield lit, callee
    # ``OpenAiGenerativeModel("gpt-4o")``: the first argument of a class named like a model client
    if call.args and MODEL_CLASS.search(callee.rsplit(".", 1)[-1]) and (lit := _literal(call.args[0])) is not None:
        yield lit, callee


def _display(func: ast.expr) -> str:
    text = ".".join(p for p in _sdk.attr_chain(func) if p) if isinstance(func, (ast.Attribute, ast.Name)) else ""
    return text[-60:]
