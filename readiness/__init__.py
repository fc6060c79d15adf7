"""readiness: tells a team whether its AI-agent codebase is ready for production, statically."""
from __future__ import annotations

__version__ = "0.1.0"


def check(paths, settings=None):
    """Scan ``paths`` with ``settings`` (default: found config) and return a ``Report``."""
    from readiness.config import resolve_settings
    from readiness.scan import check as _check

    paths = list(paths)
    return _check(paths, settings or resolve_settings(paths, None))
