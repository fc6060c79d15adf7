"""``ast.walk``, remembered per file.

Rules and analyses ask for the nodes under the same function or statement many times (a tool's
body is walked by every rule that judges tools, and again for each call inside it). Walking is
most of the cost of a scan, so the nodes under a node are listed once, in ``ast.walk``'s order,
and handed out again as a tuple. The engine forgets them after each file; a node is remembered
together with itself, so an id the garbage collector reuses never returns another node's list.
"""
from __future__ import annotations

import ast

_SEEN: dict[int, tuple[ast.AST, tuple]] = {}
_CHILDREN: dict[int, tuple[ast.AST, list]] = {}  # id -> (node, its children), for the checked file
_LIMIT = 500_000  # remembered roots; past this a pathological file starts afresh rather than grow


def child_nodes(node: ast.AST) -> list:
    """``list(ast.iter_child_nodes(node))``, without a generator per node: the same nodes in the
    same order (fields in ``_fields`` order, list items in place)."""
    found = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            found.append(value)
        elif type(value) is list:
            found.extend(item for item in value if isinstance(item, ast.AST))
    return found


def know_children(children: dict[int, tuple[ast.AST, list]]) -> None:
    """The checked file's child lists, from the walk that indexes it: later walks follow them
    instead of asking ``ast`` for each node's fields again. They replace the previous file's; each
    entry holds its node, so a reused id is recognised and walked the slow way."""
    _CHILDREN.clear()
    _CHILDREN.update(children)


def walk(node: ast.AST) -> tuple:
    """Every node under ``node`` (itself first), in ``ast.walk`` order (breadth first)."""
    hit = _SEEN.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    found = [node]
    children = _CHILDREN
    i = 0
    while i < len(found):
        current = found[i]
        known = children.get(id(current))
        found.extend(known[1] if known is not None and known[0] is current else child_nodes(current))
        i += 1
    result = tuple(found)
    if len(_SEEN) >= _LIMIT:
        _SEEN.clear()
    _SEEN[id(node)] = (node, result)
    return result


def forget() -> None:
    """Drop what was remembered (after each file, so memory holds one file's trees at a time)."""
    _SEEN.clear()
    _CHILDREN.clear()
