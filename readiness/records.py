"""Typed records that facts carry between the file pass and the project pass.

A fact's ``value`` is one of these (named tuples: cheap, picklable across worker processes,
hashable), so the stage that reads a fact reads fields by name instead of splitting a string on
``|`` - and a model ID or path containing ``|`` is no longer a special case. Facts of the older
analyses (tools, entry points, guardrails) still carry strings and move here as they are reworked.
"""
from __future__ import annotations

from typing import NamedTuple


class ModelUse(NamedTuple):
    """A model ID settled in one file, at the literal; ``site_line`` is the call that uses it."""

    sdk: str
    site_line: int
    name: str  # the variable, attribute or callee through which the call reads it ("" if none)
    value: str


class Const(NamedTuple):
    """A module-level (or class-level) string constant other modules may import."""

    qual: str  # module.NAME or module.Class.NAME
    value: str


class ModelRef(NamedTuple):
    """A model call whose model argument is a constant imported from another module."""

    qual: str
    sdk: str


class ModelParam(NamedTuple):
    """A project function or class that passes one of its parameters on as a model ID."""

    qual: str
    param: str
    position: int | None
    sdk: str


class WrapperCall(NamedTuple):
    """A call into another module passing a model-like literal (``literal``) or an imported name."""

    callee: str
    key: str  # keyword name, or ``#<position>``
    literal: str  # the model-like string, or "" when ``ref`` is set
    ref: str  # the qualified name of an imported constant, or ""


class UnprofiledCallee(NamedTuple):
    """A model ID written in a model-setting position and passed to a callee no profile knows."""

    callee: str
    value: str


class UnprofiledFramework(NamedTuple):
    """An import of an agent framework that has no profile."""

    module: str
    label: str


class RunObject(NamedTuple):
    """A module-level agent object other modules may run (``helper = Agent(...)``)."""

    qual: str
    site: int  # index of its run-method site in the compiled profiles


class RunCall(NamedTuple):
    """``obj.method(...)`` on an object imported from another module of the project."""

    qual: str
    method: str
    keywords: tuple[str, ...]  # ``**`` for a ``**kwargs`` spread


class ServedObject(NamedTuple):
    """An agent object a server's config runs itself (``langgraph.json`` ``graphs``)."""

    path: str
    var: str


class UncappedAgent(NamedTuple):
    """An agent with no output cap whose framework lets a run-level object cap it (decided later)."""

    framework: str
    display: str
