"""What input (RDY202) and output (RDY204) guardrails share: finding them in calls, decorators and
NeMo rails from the ``rules/data/evidence.yaml`` tables, and crediting each kind once."""
from __future__ import annotations

import ast

from readiness.pack import data
from readiness.analysis import sdk as _sdk, switches as _switches
from readiness.walk import walk




def _empty(value: ast.expr) -> bool:
    return (isinstance(value, ast.Constant) and value.value in (None, False, "")) or (
        isinstance(value, (ast.List, ast.Tuple)) and not value.elts)


def record_call(node: ast.Call, ctx, direction: str) -> str:
    """Record ``<direction>-guardrail`` facts for a guardrail call or keyword; returns the qualname."""
    tables = data("evidence")
    fact = f"{direction}-guardrail"
    qn = ctx.qualname(node.func) or ""
    spec = _sdk.nearest_prefix(qn, tables[f"{direction}_guardrails"])
    if spec is None and isinstance(node.func, ast.Attribute):
        chain = ".".join(_sdk.attr_chain(node.func)[1:])
        spec = next((s for tail, s in tables[f"{direction}_guardrail_methods"].items() if chain.endswith(tail)), None)
    if spec is not None and not _all_validators_fail_open(node, ctx):
        ctx.fact(fact, node, f"{spec['label']}|{spec['kind']}")
    for kw in node.keywords:
        spec = tables[f"{direction}_guardrail_keywords"].get(kw.arg or "")
        if spec and not _empty(kw.value) and not _switches.switched_off_keyword(node, kw, ctx) \
                and (not spec.get("callback") or callback_can_block(kw.value, ctx, node)) \
                and not _all_listed_never_trip(kw.value, ctx):
            ctx.fact(fact, kw.value, f"{spec['label']}|{spec['kind']}")
    return qn


def fail_open_keyword(kw: ast.keyword, ctx) -> dict | None:
    """The ``fail_open`` entry when ``kw`` tells a guardrail library to do nothing on failure."""
    for entry in data("evidence").get("fail_open") or ():
        if kw.arg != entry["kw"] or entry["imports"] not in ctx.imported_modules:
            continue
        value = _sdk.resolve_node(kw.value, ctx, kw.value)
        said = value.value if isinstance(value, ast.Constant) else value.attr if isinstance(value, ast.Attribute) else None
        if said in entry["values"]:
            return entry
    return None


def _all_validators_fail_open(node: ast.Call, ctx) -> bool:
    """``Guard().use(Check(on_fail="noop"))``: every validator handed to the guard in this chain
    only records failures, so the guard blocks nothing."""
    validators = []
    parent = ctx.parent(node)
    while isinstance(parent, ast.Attribute) and isinstance(ctx.parent(parent), ast.Call):
        call = ctx.parent(parent)
        validators += [a for a in call.args if isinstance(a, ast.Call)]
        parent = ctx.parent(call)
    validators += [a for a in node.args if isinstance(a, ast.Call)]
    return bool(validators) and all(any(fail_open_keyword(kw, ctx) for kw in v.keywords) for v in validators)


def callback_can_block(value: ast.expr, ctx, at: ast.AST) -> bool:
    """Whether a guardrail callback can stop or replace anything: some branch raises or returns a
    value. A callback defined elsewhere cannot be read, and keeps its credit; one that only sleeps,
    counts or logs (a rate limiter, a logger) returns None on every path and gets none."""
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    for item in items:
        if not isinstance(item, ast.Name):
            return True
        defs = [d for d in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef) if d.name == item.id]
        if not defs:
            return True
        for func in defs:
            for branch in walk(func):
                if not isinstance(branch, (ast.If, ast.Try, ast.Match)):
                    continue
                for node in walk(branch):
                    if isinstance(node, ast.Raise):
                        return True
                    if isinstance(node, ast.Return) and node.value is not None and not (
                            isinstance(node.value, ast.Constant) and node.value.value is None):
                        return True
    return False


def record_decorators(node, ctx, direction: str, extra: dict | None = None) -> None:
    """Guardrail decorators (``@input_guardrail``; ``extra`` maps attribute names to specs)."""
    table = data("evidence")[f"{direction}_guardrails"]
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        spec = _sdk.nearest_prefix(ctx.qualname(target) or "", table)
        if spec is None and extra and isinstance(target, ast.Attribute):
            spec = extra.get(target.attr)
        if spec and not never_trips(node):
            ctx.fact(f"{direction}-guardrail", dec, f"{spec['label']}|{spec['kind']}")


def _all_listed_never_trip(value: ast.expr, ctx) -> bool:
    """``input_guardrails=[always_pass]``: every guardrail handed over is a function of this file
    whose verdict is always a pass."""
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    defs = {d.name: d for d in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)}
    return bool(items) and all(isinstance(i, ast.Name) and i.id in defs and never_trips(defs[i.id]) for i in items)


def never_trips(func: ast.AST) -> bool:
    """Every verdict the guardrail function gives is a literal pass
    (``GuardrailFunctionOutput(output_info=..., tripwire_triggered=False)``): it blocks nothing."""
    keywords = set(data("evidence").get("verdict_keywords") or ())
    verdicts = [kw.value for node in walk(func) if isinstance(node, ast.Call)
                for kw in node.keywords if kw.arg in keywords]
    return bool(verdicts) and all(isinstance(v, ast.Constant) and v.value is False for v in verdicts)


def record_rails(ctx, direction: str) -> None:
    """NeMo Guardrails ``rails: {input|output: ...}`` in YAML config."""
    if ctx.kind != "yaml":
        return
    for doc in ctx.parsed.docs:
        rails = doc.data.get("rails") if isinstance(doc.data, dict) else None
        if isinstance(rails, dict) and rails.get(direction):
            ctx.fact(f"{direction}-guardrail", doc.line_of(("rails", direction)),
                     f"NeMo Guardrails {direction} rails|block")


def credit_each_kind(ctx, found: list) -> None:
    """One credit per guardrail label, with its block / flag / confirm kind."""
    seen = set()
    for fact in found:
        label, kind = fact.value.split("|", 1)
        if label not in seen:
            seen.add(label)
            ctx.credit(fact, label, kind=kind)


def check_call(node: ast.Call, ctx) -> str:
    """The label of a guardrail check whose return value is its verdict (``rails.generate_async``
    on an ``LLMRails``, ``client.moderations.create``, ``llm_guard.scan_prompt``), else ""."""
    table = data("evidence")["guardrail_checks"]
    qn = ctx.qualname(node.func) or ""
    if qn in table["functions"]:
        return qn
    if not isinstance(node.func, ast.Attribute):
        return ""
    chain = ".".join(_sdk.attr_chain(node.func)[1:])
    if any(chain.endswith(tail) for tail in table["methods"]):
        return chain
    receiver = node.func.value
    if isinstance(receiver, (ast.Name, ast.Attribute)):
        key = receiver.id if isinstance(receiver, ast.Name) else (
            f"self.{receiver.attr}" if isinstance(receiver.value, ast.Name) and receiver.value.id == "self" else "")
        for built in _sdk.constructed_by(ctx).get(key, ()):
            methods = table["objects"].get(built)
            if methods and node.func.attr in methods:
                return f"{built.rsplit('.', 1)[-1]}.{node.func.attr}"
    return ""


def verdict_ignored(node: ast.Call, ctx) -> bool:
    """The check's result is stored and then never read: not in a condition, a return, a call
    (printing aside), only in names that are overwritten or dropped. Lines order the reads, as a
    reviewer reads the function."""
    func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef) or ctx.tree
    statement = _statement_of(node, ctx)
    if not isinstance(statement, ast.Assign) or not all(isinstance(t, ast.Name) for t in statement.targets):
        return False
    names = [n for n in walk(func) if isinstance(n, ast.Name)]
    pending = [(t.id, statement.lineno) for t in statement.targets]
    seen = set()
    while pending:
        name, stored_at = pending.pop()
        if (name, stored_at) in seen:
            continue
        seen.add((name, stored_at))
        later_stores = sorted(n.lineno for n in names if n.id == name and isinstance(n.ctx, ast.Store) and n.lineno > stored_at)
        until = later_stores[0] if later_stores else float("inf")
        for load in (n for n in names if n.id == name and isinstance(n.ctx, ast.Load) and stored_at < n.lineno <= until):
            holder = _statement_of(load, ctx)
            if isinstance(holder, ast.Assign) and all(isinstance(t, ast.Name) for t in holder.targets) \
                    and _inside(load, holder.value):
                pending += [(t.id, holder.lineno) for t in holder.targets]
            elif isinstance(holder, ast.Expr) and isinstance(holder.value, ast.Call) and _is_print(holder.value, ctx):
                continue
            else:
                return False
    return True


def _statement_of(node: ast.AST, ctx) -> ast.AST | None:
    while node is not None and not isinstance(node, ast.stmt):
        node = ctx.parent(node)
    return node


def _inside(node: ast.AST, tree: ast.AST) -> bool:
    return any(n is node for n in walk(tree))


def _is_print(call: ast.Call, ctx) -> bool:
    qn = ctx.qualname(call.func) or ""
    last = call.func.attr if isinstance(call.func, ast.Attribute) else qn
    return qn == "print" or last in ("debug", "info", "warning", "warn", "log", "write") or qn.startswith("logging.")
