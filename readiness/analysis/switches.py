"""Safety switches the framework profiles declare (``guardrail: disabled_by``): whether a call sets
one to "off". Shared by RDY205, which reports them, and the guardrail finders, which must not credit
a switched-off setting as a guardrail (all-``BLOCK_NONE`` safety settings are no input check)."""
from __future__ import annotations

import ast

from readiness import frameworks
from readiness.analysis import sdk as _sdk
from readiness.walk import walk


def switches() -> list[dict]:
    return frameworks.tables().guardrail_switches


def switched_off_keyword(node: ast.Call, kw: ast.keyword, ctx) -> bool:
    """Is ``kw`` of ``node`` a profiled safety switch set to "off"?"""
    for switch in switches():
        head, _, path = switch["kw"].partition(".")
        if kw.arg != head:
            continue
        if switch["callee"] and _sdk.lookup_qualname(ctx, node.func, {switch["callee"]: True}) is None:
            continue
        if is_off(kw.value, path, switch, ctx, node):
            return True
    return False


def is_off(value: ast.expr, path: str, switch: dict, ctx, at: ast.AST) -> bool | None:
    """True when the setting says "off", False when it is set to something else, None if unknown."""
    value = _sdk.setting_at(value, [p for p in path.split(".") if p], ctx, at)
    if value is None or value is _sdk.UNKNOWN or value is _sdk.DISABLED:
        return None
    value = _sdk.resolve_node(value, ctx, at)
    if value is None:
        return None
    if switch["values"]:
        if not isinstance(value, ast.Constant):
            return None
        return any(value.value == v and type(value.value) is type(v) for v in switch["values"])
    wanted = set(switch["contains"])
    seen_any = False
    for item in walk_resolved(value, ctx, at):
        seen_any = True
        if isinstance(item, ast.Constant) and isinstance(item.value, str) and item.value in wanted:
            return True
        if isinstance(item, ast.Attribute) and item.attr in wanted:
            return True
    return False if seen_any else None


def walk_resolved(value: ast.expr, ctx, at: ast.AST, depth: int = 0):
    """Every node of ``value``, following names to what they were assigned (one level deep each)."""
    for node in walk(value):
        yield node
        if isinstance(node, ast.Name) and depth < 2:
            target = _sdk.resolve_node(node, ctx, at)
            if target is not None and target is not node:
                yield from walk_resolved(target, ctx, at, depth + 1)
