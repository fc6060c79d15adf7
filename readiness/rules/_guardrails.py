"""What input (RDY202) and output (RDY204) guardrails share: finding them in calls, decorators and
NeMo rails from the ``rules/data/evidence.yaml`` tables, and crediting each kind once."""
from __future__ import annotations

import ast

from readiness.pack import data
from readiness.rules import _sdk, _switches




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
    if spec is not None:
        ctx.fact(fact, node, f"{spec['label']}|{spec['kind']}")
    for kw in node.keywords:
        spec = tables[f"{direction}_guardrail_keywords"].get(kw.arg or "")
        if spec and not _empty(kw.value) and not _switches.switched_off_keyword(node, kw, ctx):
            ctx.fact(fact, kw.value, f"{spec['label']}|{spec['kind']}")
    return qn


def record_decorators(node, ctx, direction: str, extra: dict | None = None) -> None:
    """Guardrail decorators (``@input_guardrail``; ``extra`` maps attribute names to specs)."""
    table = data("evidence")[f"{direction}_guardrails"]
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        spec = _sdk.nearest_prefix(ctx.qualname(target) or "", table)
        if spec is None and extra and isinstance(target, ast.Attribute):
            spec = extra.get(target.attr)
        if spec:
            ctx.fact(f"{direction}-guardrail", dec, f"{spec['label']}|{spec['kind']}")


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
