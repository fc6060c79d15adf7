"""Project functions and classes that pass one of their parameters on as a model ID.

Agent code rarely calls the SDK with a literal: it calls ``get_llm(model="gpt-4o")`` or
``OpenAIModel(model=name)``, and the wrapper hands the value to the SDK. A wrapper is found
structurally, never by name alone:

* a function whose parameter (directly or through a local alias) is the model argument of a
  recognised SDK call, or of a call to another wrapper;
* a class whose ``__init__`` parameter reaches a model argument: passed to ``super().__init__``
  of a known model class or wrapper, stored as ``self.<attr>`` that a model call of the class
  reads, or stored as ``self.model`` / ``self.model_name`` in a file that imports an LLM SDK.

Only the file's own definitions are found here; other files reach them through facts.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from readiness.context import FileContext, function_params
from readiness.analysis import sdk as _sdk
from readiness.walk import walk

MODEL_PARAM_NAMES = frozenset({"model", "model_name", "model_id", "llm_model", "deployment_name"})
LLM_MODULES = frozenset({"openai", "anthropic", "litellm", "dspy", "google", "mistralai", "cohere", "boto3", "ollama",
                         "groq", "vertexai", "langchain_openai", "langchain_anthropic", "langchain_core"})


@dataclass(frozen=True)
class Wrapper:
    """``name(param=...)`` or ``name(<position>)`` carries a model ID to ``sdk``."""

    name: str  # as defined in its module: ``get_llm`` or ``OpenAIModel``
    param: str
    position: int | None  # positional index at the call site (``self`` excluded); None if keyword-only
    sdk: str
    default: ast.expr | None  # the parameter's default value, if any

    def argument(self, call: ast.Call) -> ast.expr | None:
        for kw in call.keywords:
            if kw.arg == self.param:
                return kw.value
        if self.position is not None and len(call.args) > self.position:
            arg = call.args[self.position]
            if not any(isinstance(a, ast.Starred) for a in call.args[: self.position + 1]):
                return arg
        return None


def _param_info(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str, skip_self: bool):
    """Position (call-site index) and default of parameter ``name``."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name:
            position = index - 1 if skip_self else index
            return (position if position >= 0 else None), defaults[index]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return None, default
    return None, None


def param_of(expr: ast.expr | None, ctx: FileContext, func) -> str | None:
    """The parameter of ``func`` that ``expr`` is, following local ``alias = param`` assignments."""
    if func is None:
        return None
    params = set(function_params(func))
    for _ in range(4):
        if not isinstance(expr, ast.Name):
            return None
        local = _local_assignments(ctx, func).get(expr.id)
        if local is None:
            return expr.id if expr.id in params else None
        expr = local
    return None


def _local_assignments(ctx: FileContext, func) -> dict[str, ast.expr]:
    """``NAME = value`` inside ``func`` when NAME is assigned exactly once (else ambiguous)."""
    def compute():
        seen: dict[str, ast.expr | None] = {}
        for sub in walk(func):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target] if isinstance(sub, (ast.AnnAssign, ast.AugAssign)) else []
            value = getattr(sub, "value", None)
            for target in targets:
                if isinstance(target, ast.Name):
                    seen[target.id] = value if target.id not in seen and not isinstance(sub, ast.AugAssign) else None
        return {k: v for k, v in seen.items() if v is not None}
    return ctx.memo(f"locals:{id(func)}", compute)


def _enclosing_def(ctx: FileContext, node: ast.AST):
    return ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)


def _owner(ctx: FileContext, func) -> tuple[str, ast.ClassDef | None] | None:
    """Who a function belongs to: a module-level function, or a class through its ``__init__``."""
    parent = ctx.parent(func)
    if isinstance(parent, ast.Module):
        return func.name, None
    if isinstance(parent, ast.ClassDef) and isinstance(ctx.parent(parent), ast.Module):
        return parent.name, parent
    return None


def _init_of(cls: ast.ClassDef):
    return next((s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"), None)


def _self_attribute_param(ctx: FileContext, cls: ast.ClassDef, attr: str) -> str | None:
    """The ``__init__`` parameter stored in ``self.<attr>``, if that is all ``self.<attr>`` ever holds."""
    init = _init_of(cls)
    if init is None:
        return None
    found = None
    for sub in walk(init):
        if isinstance(sub, ast.Assign):
            for target in sub.targets:
                if (isinstance(target, ast.Attribute) and target.attr == attr and isinstance(target.value, ast.Name)
                        and target.value.id == "self"):
                    param = param_of(sub.value, ctx, init)
                    if param is None or (found and found != param):
                        return None
                    found = param
    return found


def _make(ctx: FileContext, owner: str, cls, func, param: str, sdk: str) -> Wrapper:
    target = _init_of(cls) if cls is not None else func
    position, default = _param_info(target, param, skip_self=cls is not None)
    return Wrapper(owner, param, position, sdk, default)


def _super_init(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Attribute) and f.attr == "__init__" and isinstance(f.value, ast.Call)
            and isinstance(f.value.func, ast.Name) and f.value.func.id == "super")


def file_wrappers(ctx: FileContext) -> dict[str, Wrapper]:
    """Wrappers defined in this file, by the name they are defined under."""
    return ctx.memo("model-wrappers", lambda: _find(ctx))


def _find(ctx: FileContext) -> dict[str, Wrapper]:
    found: dict[str, Wrapper] = {}
    if ctx.tree is None:
        return found
    calls = ctx.calls()

    def add(owner, cls, func, param, sdk):
        if owner not in found and param not in ("self", "cls"):
            found[owner] = _make(ctx, owner, cls, func, param, sdk)
            return True
        return False

    # 1. A parameter that is the model argument of an SDK call.
    for call in calls:
        site = _sdk.model_site(call, ctx)
        if site is None:
            continue
        func = _enclosing_def(ctx, call)
        own = _owner(ctx, func) if func is not None else None
        if own is None:
            continue
        owner, cls = own
        expr = site.model_expr()
        if cls is None:
            param = param_of(expr, ctx, func)
            if param:
                add(owner, None, func, param, site.sdk)
        else:
            if func.name == "__init__":
                param = param_of(expr, ctx, func)
            elif (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self"):
                param = _self_attribute_param(ctx, cls, expr.attr)
            else:
                param = None
            if param:
                add(owner, cls, func, param, site.sdk)

    # 2. Classes that keep a model ID for later calls, in a file that talks to an LLM SDK.
    if ctx.imported_modules & LLM_MODULES:
        for cls in ctx.nodes_of(ast.ClassDef):
            if not isinstance(ctx.parent(cls), ast.Module) or cls.name in found:
                continue
            for attr in ("model", "model_name"):
                param = _self_attribute_param(ctx, cls, attr)
                if param in MODEL_PARAM_NAMES:
                    add(cls.name, cls, None, param, "")
                    break

    # 3. Propagate through super().__init__ and calls to other wrappers, until nothing changes.
    for _ in range(3):
        changed = False
        for call in calls:
            func = _enclosing_def(ctx, call)
            own = _owner(ctx, func) if func is not None else None
            if own is None:
                continue
            owner, cls = own
            if owner in found:
                continue
            target = None
            if _super_init(call) and cls is not None and func.name == "__init__":
                target = _base_wrapper(ctx, cls, found)
            elif not _super_init(call):
                target = callee_wrapper(ctx, call, found)
            if target is None:
                continue
            param = param_of(target.argument(call), ctx, func)
            if param and (cls is None or func.name == "__init__"):
                changed |= add(owner, cls, func, param, target.sdk)
        if not changed:
            break
    return found


def _base_wrapper(ctx: FileContext, cls: ast.ClassDef, local: dict[str, Wrapper]) -> Wrapper | None:
    """The model parameter of a known base class: a recognised SDK model class or a local wrapper."""
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in local:
            return local[base.id]
        hit = _sdk.lookup_qualname(ctx, base, _sdk.model_classes())
        if hit is not None:
            _, spec = hit
            names = spec["model"] if isinstance(spec["model"], list) else [spec["model"]]
            return Wrapper(base.id if isinstance(base, ast.Name) else "", names[0], spec.get("model_pos"), spec["sdk"], None)
    return None


def callee_wrapper(ctx: FileContext, call: ast.Call, local: dict[str, Wrapper] | None = None) -> Wrapper | None:
    """The local wrapper a call invokes: by name, or through ``Cls = A if cond else B``."""
    local = file_wrappers(ctx) if local is None else local
    func = call.func
    if not local or not isinstance(func, ast.Name):
        return None
    if func.id in local and func.id not in ctx.imports:
        return local[func.id]
    value = ctx.scope_assignments(call).get(func.id)
    if isinstance(value, ast.IfExp):
        for branch in (value.body, value.orelse):
            if isinstance(branch, ast.Name) and branch.id in local:
                return local[branch.id]
    return None
