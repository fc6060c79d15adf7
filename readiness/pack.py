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


def pack_yaml(path: Path) -> object:
    """A YAML file of the rule pack, parsed. Parsing the pack's tables and profiles costs more than
    a five-file pre-commit scan, so the parsed pack is kept between runs (pack_cache.py)."""
    from readiness.pack_cache import parsed_pack

    found = parsed_pack(pack_dir()).get(path.resolve().relative_to(pack_dir().resolve()).as_posix())
    if found is not None:
        return found
    with open(path, encoding="utf-8") as handle:
        return load_yaml(handle)


@lru_cache(maxsize=None)
def data(name: str) -> dict:
    """A table from ``rules/data/<name>.yaml``, safe-loaded once per process."""
    return pack_yaml(pack_dir() / "data" / f"{name}.yaml")


# -- the date date-dependent rules judge against ------------------------------------------------
_AS_OF: str | None = None


def set_as_of(date: str | None) -> None:
    """The date a scan judges retirements against (``--as-of`` / config ``as-of``), per process."""
    global _AS_OF
    _AS_OF = date


def as_of() -> str:
    """That date, by default the rule pack's compiled date: the same commit scanned by the same
    readiness version gets the same verdict next week, when a model's shutdown date has passed."""
    return _AS_OF or str(data("lifecycle").get("compiled", ""))


# -- the repository's own model lifecycle entries ---------------------------------------------
_USER_LIFECYCLE: list[dict] = []
LIFECYCLE_FIELDS = {"id", "provider", "shutdown", "replacement", "earliest", "source", "note"}


def read_user_lifecycle(path: Path) -> list[dict]:
    """Entries of a lifecycle file named in config (same fields as ``rules/data/lifecycle.yaml``).
    They count as confirmed: the repository vouches for them. Raises ValueError on bad content."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = load_yaml(handle)
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ValueError(f"{path} is not valid YAML") from exc
    entries = raw.get("models") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path} needs a `models:` list")
    out = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"id", "provider", "shutdown"} <= set(entry):
            raise ValueError(f"{path}: entry {number} needs id, provider and shutdown")
        unknown = set(entry) - LIFECYCLE_FIELDS
        if unknown:
            raise ValueError(f"{path}: entry {number} has unknown keys {sorted(unknown)}")
        shutdown = str(entry["shutdown"])
        if len(shutdown) != 10 or shutdown[4] != "-" or shutdown[7] != "-":
            raise ValueError(f"{path}: entry {number} shutdown must be YYYY-MM-DD")
        out.append({**entry, "shutdown": shutdown, "confirmed": True, "user": str(path.name)})
    return out


def set_user_lifecycle(entries: list[dict]) -> None:
    """Install the repository's lifecycle entries for this process (workers get them too)."""
    _USER_LIFECYCLE[:] = entries


def user_lifecycle() -> tuple[tuple, ...]:
    """The installed entries, frozen (hashable: callers cache tables built from them)."""
    return tuple(tuple(sorted(entry.items())) for entry in _USER_LIFECYCLE)
