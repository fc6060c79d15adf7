"""Reporters: turn a ``Report`` into text, one-line-per-finding text, JSON, SARIF, Markdown or GitHub annotations.

Each format lives in its own module, imported only when chosen, and exposes
``render(report, *, color, width) -> str``. Reporters read the ``Report`` and nothing else.
"""
from __future__ import annotations

import importlib

from readiness.model import Report

FORMATS = ("text", "concise", "json", "sarif", "markdown", "github")

# Format name -> module under readiness.report ("json" would shadow the standard library).
_MODULES = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "markdown": "markdown",
    "github": "github",
}


def _module(fmt: str):
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}")


def render(report: Report, fmt: str, *, color: bool, width: int | None = None) -> str:
    """Render ``report`` in format ``fmt`` (one of ``FORMATS``)."""
    return _module(fmt).render(report, color=color, width=width)


def write(report: Report, fmt: str, out, *, color: bool, width: int | None = None) -> None:
    """Write ``report`` to the text stream ``out``; big formats stream instead of building a string."""
    module = _module(fmt)
    if hasattr(module, "write"):
        module.write(report, out, color=color, width=width)
    else:
        out.write(module.render(report, color=color, width=width))
