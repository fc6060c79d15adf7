"""The rule pack's YAML, parsed once per installation instead of once per run.

Parsing the framework profiles and tables costs about 100 ms, more than checking the five
files of a typical pre-commit run. The parsed pack is kept in the user's cache folder
(``$XDG_CACHE_HOME/readiness``, else ``~/.cache/readiness``) under a name made of readiness's
version, the Python version and every pack file's size and modification time, so an edited or
upgraded pack is parsed afresh. It is read back with an unpickler that builds only plain data
(and dates); when the folder cannot be written, the pack is simply parsed each run.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

KEEP = 8  # parsed packs kept, one per installation

_PLAIN = {("builtins", n) for n in ("dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool")}
_PLAIN |= {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone")}


class _PlainData(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "readiness"


def _pack_files(pack: Path) -> list[Path]:
    return sorted(p for p in pack.rglob("*.yaml") if p.is_file())


@lru_cache(maxsize=4)
def parsed_pack(pack: Path) -> dict[str, object]:
    """{path relative to the pack: parsed YAML} for every YAML file of the pack."""
    from readiness import __version__
    from readiness.pack import load_yaml

    files = _pack_files(pack)
    where = hashlib.sha256(str(pack.resolve()).encode()).hexdigest()[:12]  # one file per installation
    stamp = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for path in files:
        st = path.stat()
        stamp.update(f"{path.relative_to(pack).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    target = _cache_folder() / f"pack-{where}-{stamp.hexdigest()[:24]}.pickle"
    try:
        with open(target, "rb") as handle:
            found = _PlainData(io.BytesIO(handle.read())).load()
        if isinstance(found, dict):
            return found
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: parse instead
        pass
    parsed = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            parsed[path.relative_to(pack).as_posix()] = load_yaml(handle)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, target)
        for old in target.parent.glob(f"pack-{where}-*.pickle"):  # earlier packs of this installation
            if old != target:
                old.unlink(missing_ok=True)
        others = sorted(target.parent.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP:]:  # installations that come and go (virtualenvs of test runs)
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return parsed
