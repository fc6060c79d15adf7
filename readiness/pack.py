"""Locate the rule pack (top-level ``rules/``): inside the wheel as ``readiness/_pack``, or the
checkout's ``rules/`` when running from source or an editable install."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def pack_dir() -> Path:
    for candidate in (_HERE / "_pack", _HERE.parent / "rules"):
        if (candidate / "data").is_dir():
            return candidate
    raise FileNotFoundError("readiness rule pack not found (expected readiness/_pack or ./rules); reinstall readiness")


# libyaml's loader when PyYAML was built with it (ten times faster on the profiles); same safe subset.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(handle) -> object:
    """Safe-load YAML of the rule pack (never the scanned project's: parse.py reads those)."""
    return yaml.load(handle, Loader=SafeLoader)  # noqa: S506 - a safe loader


@lru_cache(maxsize=None)
def data(name: str) -> dict:
    """A table from ``rules/data/<name>.yaml``, safe-loaded once per process."""
    with open(pack_dir() / "data" / f"{name}.yaml", encoding="utf-8") as handle:
        return load_yaml(handle)
