"""Shared recognisers: is this call a model call or agent run, what does a value resolve to?

Reads the tables compiled from the framework profiles (``rules/frameworks/*.yaml``). Resolution follows literals, assignments in the
same scope and environment-variable defaults; anything else is "unknown", never a guess.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import lru_cache

from readiness import frameworks
from readiness.context import FileContext
from readiness.walk import walk

ENV_GETTERS = {"os.getenv", "os.environ.get", "os.environ.setdefault"}
# ``client.messages.with_raw_response.create(...)`` is the same call as ``client.messages.create``.
RESPONSE_WRAPPERS = frozenset({"with_raw_response", "with_streaming_response"})


@lru_cache(maxsize=1)
def _tables() -> dict:
    table = frameworks.tables()
    by_tail: dict[str, list[dict]] = {}
    for spec in table.methods:
        by_tail.setdefault(spec["tail"][-1], []).append(spec)
    run_tails: dict[str, list[dict]] = {}
    for spec in table.run_tails:
        run_tails.setdefault(spec["tail"][-1], []).append(spec)
    return {
        "by_tail": by_tail,
        "run_tails": run_tails,
        "overrides": table.overrides,
        "qualnames": table.qualnames,
        "turn_caps": table.turn_caps,
        "run_methods": table.run_methods,
        "method_names": set().union(*(spec["methods"] for spec in table.run_methods)),
        "model_classes": {**table.qualnames, **table.model_bases},
    }


def attr_chain(expr: ast.expr) -> list[str]:
    """``a.b.c`` -> ["a", "b", "c"]; a non-name root (a call, a subscript) becomes ""."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    parts.append(expr.id if isinstance(expr, ast.Name) else "")
    return list(reversed(parts))


nearest_prefix = frameworks.nearest_prefix  # the rules' tables use the same dotted-prefix lookup


def lookup_qualname(ctx: FileContext, func: ast.expr, table: dict) -> tuple[str, dict] | None:
    """Match a callee against a qualname table: as imported, through the profiles' re-exports,
    and as ``package.Name`` for deep imports of a re-exported name."""
    if isinstance(func, ast.Subscript):  # a generic: ``Agent[Context](...)``
        func = func.value
    qn = ctx.qualname(func)
    if not qn or "." not in qn:
        return None
    hit = None
    for candidate in (qn, frameworks.canonical(qn)):
        if candidate in table:
            hit = candidate, table[candidate]
            break
    parts = qn.split(".")
    if hit is None and len(parts) > 2:
        short = f"{parts[0]}.{parts[-1]}"
        if short in table:
            hit = short, table[short]
    if hit is not None and ctx.is_local_module(*parts[:2]):
        return None  # the project's own ``agents`` package, not the SDK of that name
    return hit


@dataclass
class ModelSite:
    """A call that picks a model (and may cap its output)."""

    call: ast.Call
    sdk: str
    spec: dict
    display: str
    qualname: str = ""  # for sites recognised by qualified name

    def keyword(self, names) -> ast.keyword | None:
        if isinstance(names, str):
            names = (names,)
        for kw in self.call.keywords:
            if kw.arg in names:
                return kw
        return None

    @property
    def star_kwargs(self) -> list[ast.expr]:
        return [kw.value for kw in self.call.keywords if kw.arg is None]

    def model_expr(self, ctx: FileContext | None = None) -> ast.expr | None:
        names = self.spec.get("model")
        names = [names] if isinstance(names, str) else list(names or [])
        kw = self.keyword(names)
        if kw is not None:
            return kw.value
        pos = self.spec.get("model_pos")
        if pos is not None and len(self.call.args) > pos and not isinstance(self.call.args[pos], ast.Starred):
            return self.call.args[pos]
        if ctx is not None:  # ``**params`` where ``params = {"model": ..., ...}`` in the same scope
            for star in self.star_kwargs:
                found = dict_value(resolve_node(star, ctx, self.call), names)
                if found is not None:
                    return found
        return None


def dict_value(expr: ast.expr | None, names) -> ast.expr | None:
    """The value under one of ``names`` in a dict literal or ``dict(...)`` call."""
    if isinstance(expr, ast.Dict):
        for key, value in zip(expr.keys, expr.values):
            if isinstance(key, ast.Constant) and key.value in names:
                return value
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "dict":
        for kw in expr.keywords:
            if kw.arg in names:
                return kw.value
    return None


def _is_azure_client(ctx: FileContext, receiver_root: str, at: ast.AST) -> bool:
    value = ctx.scope_assignments(at).get(receiver_root)
    if isinstance(value, (ast.Call,)):
        qn = ctx.qualname(value.func) or ""
        return qn.split(".")[-1] in ("AzureOpenAI", "AsyncAzureOpenAI")
    return False


def model_site(node: ast.Call, ctx: FileContext, memo: bool = True) -> ModelSite | None:
    """The profiled model site ``node`` is, if any (memoised per call: many rules ask; not for a
    stand-in call built on the fly, whose id a later one may reuse)."""
    if not memo:
        return _model_site(node, ctx)
    cache = ctx.memo("model-sites", dict)
    key = id(node)
    if key not in cache:
        cache[key] = _model_site(node, ctx)
    return cache[key]


def _model_site(node: ast.Call, ctx: FileContext) -> ModelSite | None:
    tables = _tables()
    hit = lookup_qualname(ctx, node.func, tables["qualnames"])
    if hit is not None:
        qn, spec = hit
        site = ModelSite(node, spec["sdk"], spec, qn.split(".")[-1], qn)
    else:
        match = match_tail(node, ctx, tables["by_tail"])
        if match is None:
            return None
        spec, chain = match
        sdk = spec["sdk"]
        if sdk == "openai" and chain[0] and _is_azure_client(ctx, chain[0], node):
            sdk = "azure"
        display = ".".join(p for p in chain if p) if chain[0] else "." + ".".join(chain[1:])
        site = ModelSite(node, sdk, spec, display)
    if spec.get("only_with") and not any(kw.arg in spec["only_with"] for kw in node.keywords):
        return None  # e.g. a conversation started from a stored agent: the agent's settings apply
    return site


def match_tail(node: ast.Call, ctx: FileContext, by_tail: dict) -> tuple[dict, list[str]] | None:
    """A site recognised by the tail of the call's attribute chain (any receiver), when the file
    imports one of the site's ``imports`` (``client.chat.completions.create``)."""
    if not isinstance(node.func, ast.Attribute):
        return None
    chain = [p for p in attr_chain(node.func) if p not in RESPONSE_WRAPPERS]
    for spec in by_tail.get(chain[-1], ()):
        tail = spec["tail"]
        if chain[-len(tail):] != tail or len(chain) <= len(tail):
            continue
        if spec["imports"] and not ctx.imported_modules & set(spec["imports"]):
            continue
        return spec, chain
    return None


# -- value resolution -----------------------------------------------------------------------

def resolve_str(expr: ast.expr | None, ctx: FileContext, at: ast.AST, depth: int = 0) -> tuple[str, ast.AST] | None:
    """The string a expression evaluates to, and the node holding the literal; None if unknown."""
    if expr is None or depth > 5:
        return None
    if isinstance(expr, ast.Constant):
        return (expr.value, expr) if isinstance(expr.value, str) else None
    if isinstance(expr, ast.Name):
        value = ctx.scope_assignments(at).get(expr.id)
        if value is None or value is expr:
            return None
        return resolve_str(value, ctx, value, depth + 1)
    if isinstance(expr, ast.Call) and ctx.qualname(expr.func) in ENV_GETTERS:
        default = expr.args[1] if len(expr.args) > 1 else next((k.value for k in expr.keywords if k.arg == "default"), None)
        return resolve_str(default, ctx, at, depth + 1)
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or) and expr.values:
        return resolve_str(expr.values[-1], ctx, at, depth + 1)
    if isinstance(expr, ast.IfExp):  # ``"a" if cond else "b"``: the first branch that resolves
        return resolve_str(expr.body, ctx, at, depth + 1) or resolve_str(expr.orelse, ctx, at, depth + 1)
    if isinstance(expr, ast.JoinedStr):  # f"{PROVIDER}/gpt-4o" when every part is known
        parts = []
        for part in expr.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                parts.append(part.value)
            elif isinstance(part, ast.FormattedValue) and part.conversion == -1 and part.format_spec is None:
                inner = resolve_str(part.value, ctx, at, depth + 1)
                if inner is None:
                    return None
                parts.append(inner[0])
            else:
                return None
        return "".join(parts), expr
    if isinstance(expr, ast.Attribute):
        value = attribute_value(expr, ctx, at)
        return resolve_str(value, ctx, value, depth + 1) if value is not None else None
    return None


def _class_body_value(cls: ast.ClassDef, attr: str) -> ast.expr | None:
    """``attr = value`` or ``attr: T = value`` in a class body (settings fields, class constants)."""
    found = None
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
            found = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
            found = stmt.value
    if isinstance(found, ast.Call):  # pydantic ``Field("gpt-4o", ...)`` / ``Field(default="gpt-4o")``
        qn = found.func.attr if isinstance(found.func, ast.Attribute) else getattr(found.func, "id", "")
        if qn == "Field":
            return found.args[0] if found.args else next((k.value for k in found.keywords if k.arg == "default"), None)
        return None
    return found


def module_class(ctx: FileContext, name: str) -> ast.ClassDef | None:
    if ctx.tree is None:
        return None
    return next((s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == name), None)


def attribute_value(expr: ast.Attribute, ctx: FileContext, at: ast.AST) -> ast.expr | None:
    """``self.X`` (class attribute), ``Cls.X`` or ``settings.X`` where ``settings = Cls(...)``."""
    base, attr = expr.value, expr.attr
    if not isinstance(base, ast.Name):
        return None
    if base.id == "self":
        cls = ctx.enclosing(expr, ast.ClassDef)
        return _class_body_value(cls, attr) if cls is not None else None
    cls = module_class(ctx, base.id)
    if cls is not None:
        return _class_body_value(cls, attr)
    value = ctx.scope_assignments(at).get(base.id)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        cls = module_class(ctx, value.func.id)
        if cls is not None:
            override = next((k.value for k in value.keywords if k.arg == attr), None)
            return override if override is not None else _class_body_value(cls, attr)
    return None


def resolve_node(expr: ast.expr | None, ctx: FileContext, at: ast.AST, depth: int = 0) -> ast.expr | None:
    """Follow names to the expression assigned to them (same scope or module)."""
    while isinstance(expr, ast.Name) and depth < 5:
        value = ctx.scope_assignments(at).get(expr.id)
        if value is None or value is expr:
            return None
        expr, depth = value, depth + 1
    return expr


def imported_binding(name: str, ctx: FileContext, value: str) -> re.Match | None:
    """How another module of the project binds an imported ``name`` at its top level, read from that
    module's text: the match of ``value`` (a regex) after ``NAME =`` / ``NAME: type =``; None when
    ``name`` is not imported from the project or not bound that way."""
    target = ctx.imports.get(name, "")
    module, _, bound = target.rpartition(".")
    if not module or not ctx.is_local_module(module.split(".")[0]):
        return None
    text = ctx.module_text(module)
    return re.search(rf"^{re.escape(bound)}\s*(?::[^=\n]*)?=\s*{value}", text, re.M) if text else None


def imported_constant(name: str, ctx: FileContext) -> str | None:
    """The string another module of the project binds ``name`` to (``from constants import
    GITHUB_API_URL``, where ``constants.py`` says ``GITHUB_API_URL = "https://api.github.com"``)."""
    match = imported_binding(name, ctx, r"[rRbBuU]?([\"'])([^\"'\n]*)\1")
    return match.group(2) if match else None


def overwritten_unused(call: ast.Call, ctx: FileContext) -> bool:
    """``toolkit = GmailToolkit()`` followed, in the same block, by another ``toolkit = ...`` before
    anything reads ``toolkit``: the first object is never used (a notebook-style script that builds a
    default and then the real one), so what it would do is not a finding."""
    statement = ctx.parent(call)
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)):
        return False
    name = statement.targets[0].id
    block = ctx.parent(statement)
    body = next((getattr(block, f) for f in ("body", "orelse", "finalbody")
                 if statement in getattr(block, f, ())), None)
    if body is None:
        return False
    for later in body[body.index(statement) + 1:]:
        if any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for n in walk(later)):
            return False
        if isinstance(later, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in later.targets):
            return True
    return False


def constructed_by(ctx: FileContext) -> dict[str, set[str]]:
    """Name (or ``self.attr``) -> qualified names of every call assigned to it anywhere in the file,
    both arms of a conditional included: ``client = bigquery.Client()`` in a ``try`` whose ``except``
    sets it to None, ``c = Client(sid, token) if sid else None``, ``with smtplib.SMTP(host) as s``,
    ``ec2 = CLIENTS["ec2"]`` taken from a module-level dict of built clients."""
    def build():
        table: dict[str, set[str]] = {}
        pairs = [(a.targets, a.value) for a in ctx.nodes_of(ast.Assign)]
        pairs += [([item.optional_vars], item.context_expr) for w in ctx.nodes_of(ast.With, ast.AsyncWith)
                  for item in w.items if item.optional_vars is not None]  # ``with smtplib.SMTP(host) as server``
        tables = {t.id: a.value for a in (ctx.tree.body if ctx.tree is not None else ())
                  if isinstance(a, ast.Assign) and isinstance(a.value, ast.Dict) for t in a.targets
                  if isinstance(t, ast.Name)}
        for targets, value in pairs:
            calls = [v for v in ((value.body, value.orelse) if isinstance(value, ast.IfExp) else (value,))
                     if isinstance(v, ast.Call)]
            if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id in tables:
                # ``ec2 = aws_clients["ec2"]`` from a module-level ``aws_clients = {"ec2": boto3.client("ec2"), ...}``
                table_node, key = tables[value.value.id], value.slice
                calls = [v for k, v in zip(table_node.keys, table_node.values) if isinstance(v, ast.Call) and (
                    not isinstance(key, ast.Constant) or isinstance(k, ast.Constant) and k.value == key.value)]
            for call in calls:
                qn = ctx.qualname(call.func) or ""
                for target in targets:
                    key = target.id if isinstance(target, ast.Name) else (
                        f"self.{target.attr}" if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id == "self" else "")
                    if key and qn:
                        table.setdefault(key, set()).add(qn)
        # ``async def send(recipient, client: SendGridAPIClient)``: a parameter typed with a library
        # class holds one of its objects, whoever built it
        for func in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
            for arg in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs):
                qn = _annotated_class(arg.annotation, ctx)
                if qn:
                    table.setdefault(arg.arg, set()).add(qn)
        return table
    return ctx.memo("constructed-by", build)


def _annotated_class(annotation: ast.expr | None, ctx: FileContext) -> str:
    """The imported class a parameter annotation names (``X``, ``mod.X``, ``X | None``,
    ``Optional[X]``), or ""."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        annotation = annotation.left if not (isinstance(annotation.left, ast.Constant)) else annotation.right
    if isinstance(annotation, ast.Subscript) and (ctx.qualname(annotation.value) or "").endswith("Optional"):
        annotation = annotation.slice
    if not isinstance(annotation, (ast.Name, ast.Attribute)):
        return ""
    qn = ctx.qualname(annotation) or ""
    return qn if "." in qn else ""


def dict_keys(expr: ast.expr | None) -> set[str] | None:
    """Keys of a dict literal or ``dict(...)`` call; None if it is neither or has ``**`` parts."""
    if isinstance(expr, ast.Dict):
        if any(k is None for k in expr.keys):
            return None
        return {k.value for k in expr.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "dict":
        if any(k.arg is None for k in expr.keywords):
            return None
        return {k.arg for k in expr.keywords}
    return None


def has_setting(expr: ast.expr | None, names: set[str], ctx: FileContext, at: ast.AST) -> bool | None:
    """Does a settings value (dict literal, config-object call, or a name for one) set any of names?

    True/False when known; None when it cannot be told statically. A dict that the code fills in
    after building it (``params["max_tokens"] = 4096``, ``params.update(...)``) counts what is added.
    """
    if isinstance(expr, ast.Name):
        added, unknown = _dict_additions(expr.id, ctx, at)
        if added & names:
            return True
        if unknown:
            return None
    expr = resolve_node(expr, ctx, at)
    if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args and not expr.keywords
            and expr.func.attr in ("as_dict", "model_dump", "dict", "to_dict")):
        expr = resolve_node(expr.func.value, ctx, at)  # ``ChatGPTConfig(max_tokens=...).as_dict()``
    if expr is None:
        return None
    keys = dict_keys(expr)
    if keys is not None:
        return bool(keys & names)
    if isinstance(expr, ast.Call):
        if any(kw.arg in names for kw in expr.keywords):
            return True
        callee = expr.func.attr if isinstance(expr.func, ast.Attribute) else getattr(expr.func, "id", "")
        if any(kw.arg is None for kw in expr.keywords) or expr.args or not _is_settings_class(callee):
            return None  # a helper that builds the settings could add anything
        return False
    return None


def _dict_additions(name: str, ctx: FileContext, at: ast.AST) -> tuple[set[str], bool]:
    """Keys ``name[...] = ...`` / ``name.update(...)`` / ``name.setdefault(...)`` add in the scope of
    ``at``; ``unknown`` when a key is computed or an update passes something not literal."""
    def compute():
        scope = ctx.enclosing(at, ast.FunctionDef, ast.AsyncFunctionDef) or ctx.tree
        added: set[str] = set()
        unknown = False
        for node in walk(scope) if scope is not None else ():
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
                        key = target.slice
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            added.add(key.value)
                        else:
                            unknown = True
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("update", "setdefault")
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == name):
                added |= {kw.arg for kw in node.keywords if kw.arg}
                for arg in node.args[:1]:
                    keys = dict_keys(arg)
                    if node.func.attr == "setdefault" and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        added.add(arg.value)
                    elif keys is None:
                        unknown = True
                    else:
                        added |= keys
                unknown = unknown or any(kw.arg is None for kw in node.keywords)
        return added, unknown
    scope_key = id(ctx.enclosing(at, ast.FunctionDef, ast.AsyncFunctionDef) or ctx.tree)
    return ctx.memo(f"dict-additions:{name}:{scope_key}", compute)


DISABLED = object()  # a settings level that is ``False`` / ``None``: the feature is switched off
UNKNOWN = object()  # a settings level built where it cannot be read


def setting_at(value: ast.expr | None, path: list[str], ctx: FileContext, at: ast.AST):
    """The expression under a key path of nested settings dicts or settings objects (``use_docker``
    in ``code_execution_config={"use_docker": False}``, ``write_mode`` in
    ``BigQueryToolConfig(write_mode=...)``), following names; None when a level leaves it
    unset, DISABLED when a level is False/None, UNKNOWN when a level is not a dict literal."""
    for part in path:
        value = resolve_node(value, ctx, at)
        if value is None:
            return UNKNOWN
        if isinstance(value, ast.Constant) and value.value in (False, None):
            return DISABLED
        if isinstance(value, ast.Call) and dict_keys(value) is None and not any(kw.arg is None for kw in value.keywords):
            value = keyword_value(value, part)  # a settings object: ``BigQueryToolConfig(write_mode=...)``
            if value is None:
                return None
            continue
        if dict_keys(value) is None:
            return UNKNOWN
        value = dict_value(value, (part,))
        if value is None:
            return None
    return value


def nested_setting(expr: ast.expr | None, path: list[str], names: set[str], ctx: FileContext, at: ast.AST) -> bool | None:
    """``has_setting`` one or more levels down: ``config.automatic_function_calling`` means the
    ``automatic_function_calling`` entry of the settings passed as ``config``. False when a level
    is known to be absent (the framework default applies), None when it cannot be told."""
    for part in path:
        expr = resolve_node(expr, ctx, at)
        if expr is None:
            return None
        inner = dict_value(expr, (part,))
        if inner is None and isinstance(expr, ast.Call):
            inner = keyword_value(expr, part)
        if inner is None:
            present = has_setting(expr, {part}, ctx, at)
            return None if present is None else False
        expr = inner
    return has_setting(expr, names, ctx, at)


def container_setting(call: ast.Call, container: str, names: set[str], ctx: FileContext,
                      pos: int | None = None) -> tuple[ast.expr | None, bool | None]:
    """The settings passed to ``call`` under ``container`` (``run_config``, ``config.x.y``, or at
    ``pos``) and whether they set one of ``names``: (None, None) when nothing is passed."""
    head, *rest = container.split(".")
    given = keyword_value(call, head)
    if given is None and pos is not None and len(call.args) > pos and not isinstance(call.args[pos], ast.Starred):
        given = call.args[pos]
    if given is None:
        return None, None
    return given, nested_setting(given, rest, names, ctx, call)


def _is_settings_class(name: str) -> bool:
    """``ModelSettings(...)``, ``GenerateContentConfig(...)``, ``dict(...)``: what is not passed is not set."""
    return name == "dict" or name.endswith(("Settings", "Config", "Options", "Params"))


def passed_keyword(call: ast.Call, name: str, ctx: FileContext) -> ast.expr | None:
    """The value ``call`` receives for keyword ``name``: passed by name, or inside a ``**settings``
    dict built in the same scope (``opts = dict(permission_mode=...)``; ``Options(**opts)``)."""
    value = keyword_value(call, name)
    if value is not None:
        return value
    for kw in call.keywords:
        if kw.arg is None:
            found = dict_value(resolve_node(kw.value, ctx, call), (name,))
            if found is not None:
                return found
    return None


def keyword_value(call: ast.Call, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def turn_cap_spec(node: ast.Call, ctx: FileContext) -> tuple[str, dict] | None:
    """The agent-run site whose own call carries the cap (``Runner.run``, ``CrewAI Agent``,
    ``client.beta.messages.tool_runner``)."""
    hit = lookup_qualname(ctx, node.func, _tables()["turn_caps"])
    if hit is not None:
        return hit
    match = match_tail(node, ctx, _tables()["run_tails"])
    return (".".join(match[1][1:]), match[0]) if match is not None else None


def overrides() -> list[dict]:
    """Run-level objects that choose the model or cap output for every agent of a framework
    (``agents.RunConfig(model=..., model_settings=...)``), from the profiles."""
    return _tables()["overrides"]


def run_method_spec(node: ast.Call, receiver: ast.expr | None, ctx: FileContext) -> dict | None:
    """The agent-run site for ``obj.<method>(...)`` when ``obj`` is built by a profiled builder
    (``create_react_agent(...)``, ``builder.compile()``, ``pydantic_ai.Agent(...)``)."""
    if not isinstance(node.func, ast.Attribute):
        return None
    for index in _builder_sites(receiver, ctx):
        spec = _tables()["run_methods"][index]
        if node.func.attr in spec["methods"]:
            return spec
    return None


def built_run_object(value: ast.expr | None, ctx: FileContext) -> int | None:
    """Which run-method site (its index) an object built by ``value`` belongs to: ``Agent(...)``
    of PydanticAI, ``builder.compile()`` of LangGraph ...; None if it is no agent object."""
    return next(iter(_builder_sites(value, ctx)), None)


def _builder_sites(value: ast.expr | None, ctx: FileContext) -> list[int]:
    """Indices of the run-method sites whose builders could have built ``value``."""
    if not isinstance(value, ast.Call):
        return []
    found = []
    for index, spec in enumerate(_tables()["run_methods"]):
        if lookup_qualname(ctx, value.func, {qn: spec for qn in spec["on"]}) is not None:
            found.append(index)
        elif (spec["compiled"] and isinstance(value.func, ast.Attribute) and value.func.attr == "compile"
                and ctx.imported_modules & _spec_modules(spec)):
            found.append(index)
    return found


def provably_acyclic(built: ast.expr | None, spec: dict, ctx: FileContext) -> bool:
    """A graph compiled from a builder whose edges, all read in this file, contain no cycle runs
    each node once: there is no loop to cap. Any edge the file does not spell out (a computed
    node name, a conditional edge without its path map, nodes added elsewhere) means "maybe"."""
    check = spec.get("cycle_check")
    if not check or not (isinstance(built, ast.Call) and isinstance(built.func, ast.Attribute)
                         and built.func.attr == "compile" and isinstance(built.func.value, ast.Name)):
        return False
    builder = built.func.value.id
    scope = ctx.enclosing(built, ast.FunctionDef, ast.AsyncFunctionDef) or ctx.tree
    nodes: set[str] = set()
    edges: list[tuple[str, str | None]] = []  # None: "any node"
    for call in (n for n in walk(scope) if isinstance(n, ast.Call)):
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == builder):
            continue
        names = [_node_name(a) for a in call.args]
        if func.attr == check["node"] and names:
            if names[0] is None:
                return False
            nodes.add(names[0])
        elif func.attr == check["edge"] and len(names) >= 2:
            sources = names[0] if isinstance(call.args[0], (ast.List, ast.Tuple)) else [names[0]]
            if names[1] is None or any(src is None for src in sources):
                return False
            edges += [(src, names[1]) for src in sources]
        elif func.attr == check["conditional"] and names:
            targets = _path_map_targets(call.args[2] if len(call.args) > 2 else _keyword(call, "path_map"))
            if names[0] is None or targets is False:
                return False
            edges += [(names[0], t) for t in targets] if targets is not None else [(names[0], None)]
        elif func.attr not in ("compile", "set_entry_point", "set_finish_point", "with_config"):
            return False  # add_sequence, set_conditional_entry_point ...: not modelled, so maybe
    return bool(nodes) and not _has_cycle(nodes, edges)


def _node_name(arg: ast.expr) -> str | None:
    """A node's name as the graph knows it: a string, START/END, or a function's name."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.Name):
        return arg.id  # START, END, or ``add_node(fn)`` (named after the function)
    if isinstance(arg, (ast.List, ast.Tuple)):
        names = [_node_name(e) for e in arg.elts]
        return None if None in names else ",".join(names)
    return None


def _path_map_targets(arg: ast.expr | None):
    """Targets of a conditional edge's path map; None when it has none (any node), False if unreadable."""
    if arg is None:
        return None
    items = arg.values if isinstance(arg, ast.Dict) else arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else None
    if items is None:
        return False
    names = [_node_name(v) for v in items]
    return False if None in names else names


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _has_cycle(nodes: set[str], edges: list[tuple[str, str | None]]) -> bool:
    graph: dict[str, set[str]] = {}
    for src, dst in edges:
        graph.setdefault(src, set()).update(nodes if dst is None else {dst})
    state: dict[str, int] = {}

    def visit(node: str) -> bool:  # depth-first: a node met again while on the stack closes a cycle
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1 or (state.get(nxt) is None and visit(nxt)):
                return True
        state[node] = 2
        return False
    return any(state.get(n) is None and visit(n) for n in list(graph))


def run_method_site(index: int) -> dict:
    return _tables()["run_methods"][index]


def served_run_sites(file_name: str) -> list[dict]:
    """Run sites whose objects a server runs when this config file lists them (``langgraph.json``)."""
    return [s for s in _tables()["run_methods"] if (s.get("served_by") or {}).get("file") == file_name]


def _spec_modules(spec: dict) -> set[str]:
    return {qn.split(".")[0] for qn in spec["on"]}


def run_method_names() -> set[str]:
    return _tables()["method_names"]


def model_classes() -> dict:
    """Classes that hold a model ID: subclassing one and passing ``model`` up makes a wrapper."""
    return _tables()["model_classes"]
