"""Results kept between runs, so a re-run after editing one file costs about that file.

Per-file results (findings, credits, facts, diagnostics) live in ``.readiness_cache/`` at the
repository root. The folder holds its own ``.gitignore`` and ``CACHEDIR.TAG``, is safe to delete,
and ``--no-cache`` bypasses it. A stored result is reused only when all of these hold:

- the run's key matches: readiness's version and the source of its rules and data, the Python
  version, and every setting that changes what a file yields (rules run, lifecycle, as-of date,
  maximum file size);
- the file's path, kind, role, project and scanned folder match, and so do its size and
  modification time;
- every other file or folder its rules looked at would still look the same
  (:func:`readiness.context.still_true`): an edit to an imported helper invalidates the file
  that imports it.

Project rules always run again, on the cached facts; they are cheap next to the file pass.

The cache file is read with an unpickler that builds readiness's own result types and plain
containers, nothing else, so a cache folder committed to a scanned repository cannot run code.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from readiness import __version__
from readiness.context import file_signature

CACHE_DIR_NAME = ".readiness_cache"
FORMAT = 1
MAX_SHARD_BYTES = 8 * 1024 * 1024  # a shard bigger than this is not written: at most 512 MB per run key
KEEP_NAMESPACES = 3  # run keys kept side by side (a pre-commit run and a full run differ)

_ALLOWED_MODULES = frozenset({
    "readiness.model", "readiness.context", "readiness.records", "readiness.suppress", "readiness.engine",
    "readiness.semgrep_engine", "readiness.project_phase", "readiness.gaps", "readiness.inventory",
    "readiness.tool_inventory", "readiness.entry_points",
})
_ALLOWED_BUILTINS = frozenset({"set", "frozenset", "tuple", "list", "dict"})


class _ResultsOnly(pickle.Unpickler):
    """Builds readiness's own dataclasses, enums and records, and refuses every other global."""

    def find_class(self, module: str, name: str):
        if module in _ALLOWED_MODULES or module == "builtins" and name in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a readiness result type")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Size and modification time of every file of the installed package and of its rule pack
    (tables, profiles, semgrep rules): a changed rule or table, even without a version bump,
    starts a fresh cache."""
    from readiness.pack import pack_dir

    digest = hashlib.sha256()
    for top in (Path(__file__).resolve().parent, pack_dir().resolve()):
        for folder, dirs, files in sorted(os.walk(top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".yml", ".json", ".toml")):
                    path = os.path.join(folder, name)
                    st = os.stat(path)
                    digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def facts_digest(facts) -> str:
    """A digest of a file's facts: equal facts give equal digests within one Python (a set's order
    may differ between processes, which costs a re-run of the project phase, never a wrong reuse)."""
    return hashlib.blake2b(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).hexdigest()


def run_key(**settings) -> str:
    """The key of one kind of run: readiness's code, Python, and ``settings`` (JSON-able)."""
    basis = {"format": FORMAT, "version": __version__, "code": code_digest(), "python": sys.version, **settings}
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()[:24]


def identity(entry) -> tuple:
    """What a file is to the scan besides its text: a result holds only for the same identity."""
    return (entry.kind, entry.role, entry.project, entry.base, entry.abspath)


def semgrep_key(files, rule_files: list[Path], rule_ids: list[str], semgrep_engine) -> str:
    """What the semgrep pass depends on: its candidate files as they are now, and the rules."""
    executable = semgrep_engine.semgrep_executable() if semgrep_engine is not None else None
    digest = hashlib.sha256(repr((sorted(rule_ids), executable)).encode())
    for path in sorted(map(str, rule_files)):
        digest.update(repr((path, file_signature(path))).encode())
    for f in files:
        if f.kind == "tsjs" or rule_files:
            digest.update(repr((f.path, f.kind, f.role, f.project, file_signature(f.abspath))).encode())
    return digest.hexdigest()


def phase_key(run_key: str, mode: str, found, results, sg, rule_ids: list[str], settings) -> str:
    """What the project phase depends on: the run, the projects and files, every file's facts
    (by digest) and the settings project rules read."""
    digest = hashlib.sha256(repr((run_key, mode, sorted(rule_ids))).encode())
    digest.update(repr([(p.path, p.kind, p.markers) for p in found.projects]).encode())
    digest.update(repr([(f.path, f.kind, f.role, f.project) for f in found.files]).encode())
    for r in results:
        digest.update(f"{r.path}\0{r.facts_digest}\n".encode("utf-8", "surrogateescape"))
    digest.update(facts_digest(sg.facts).encode())
    volatile = {"jobs", "no_cache", "cache_dir", "fail_on", "fail_on_set", "fail_under", "baseline", "fail_on_area"}
    digest.update(repr(sorted((k, repr(v)) for k, v in vars(settings).items() if k not in volatile)).encode())
    return digest.hexdigest()


SHARDS = 64  # one edit rewrites one shard, not the whole cache


def _shard(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


@dataclass
class ScanCache:
    """One run key's stored results, loaded at the start of a scan and saved at its end. They are
    kept in ``SHARDS`` files by path, so saving after an edit rewrites only the shards it touched."""

    folder: Path
    key: str
    entries: dict = field(default_factory=dict)  # path -> (identity, signature, FileResult)
    semgrep: tuple | None = None  # (targets key, SemgrepOutcome)
    phase: tuple | None = None  # (phase key, ProjectPhase)
    dirty: set = field(default_factory=set)  # shards to write; -1: the semgrep outcome, -2: the project phase
    hits: int = 0
    note: str = ""  # why (part of) the cache could not be used, for --verbose

    @property
    def path(self) -> Path:
        return self.folder / self.key

    @classmethod
    def open(cls, folder: Path, key: str) -> "ScanCache":
        cache = cls(folder, key)
        if not cache.path.is_dir():
            return cache
        for number in range(-2, SHARDS):
            doc = cache._read(number)
            if doc is None:
                continue
            if number == -2:
                cache.phase = doc
            elif number == -1:
                cache.semgrep = doc
            elif isinstance(doc, dict):
                cache.entries.update(doc)
        return cache

    def _file(self, number: int) -> Path:
        special = {-1: "semgrep.pickle", -2: "project.pickle"}
        return self.path / special.get(number, f"{number:02d}.pickle")

    def _read(self, number: int):
        try:
            with open(self._file(number), "rb") as handle:
                doc = _ResultsOnly(io.BytesIO(handle.read())).load()
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a damaged or foreign cache is ignored, never trusted
            self.note = f"cache file ignored ({type(exc).__name__})"
            self.dirty.add(number)
            return None
        if not (isinstance(doc, tuple) and len(doc) == 3 and doc[0] == FORMAT and doc[1] == self.key):
            self.dirty.add(number)
            return None
        return doc[2]

    def lookup(self, entry, still_true) -> object | None:
        """The stored result for ``entry`` if it still holds, else None."""
        stored = self.entries.get(entry.path)
        if stored is None:
            return None
        ident, signature, result = stored
        if ident != identity(entry) or signature is None or file_signature(entry.abspath) != signature:
            return None
        if not still_true(result.looks):
            return None
        self.hits += 1
        return result

    def store(self, entry, result) -> None:
        if result.signature is None:
            return
        self.entries[entry.path] = (identity(entry), result.signature, result)
        self.dirty.add(_shard(entry.path))

    def outcome(self, part: str, key: str):
        """A whole-scan part stored under ``key`` (``semgrep``: the semgrep pass, by its targets;
        ``project``: the project phase, by the digest of every file's facts), else None."""
        stored = self.semgrep if part == "semgrep" else self.phase
        return stored[1] if stored is not None and stored[0] == key else None

    def store_outcome(self, part: str, key: str, value) -> None:
        """Keep a whole-scan part, unless it is incomplete (a failed semgrep run, a crashed
        project rule: tried again next time)."""
        if any(d.blocking for d in value.diagnostics):
            return
        if part == "semgrep":
            self.semgrep = (key, value)
            self.dirty.add(-1)
        else:
            self.phase = (key, value)
            self.dirty.add(-2)

    def save(self) -> str:
        """Write the shards that changed; a short reason when the cache could not be written."""
        for path in [p for p, (ident, _, _) in self.entries.items() if not os.path.exists(ident[-1])]:
            del self.entries[path]  # files that are gone
            self.dirty.add(_shard(path))
        if not self.dirty:
            return ""
        shards: dict[int, dict] = {number: {} for number in self.dirty if number >= 0}
        for path, stored in self.entries.items():
            number = _shard(path)
            if number in shards:
                shards[number][path] = stored
        try:
            _prepare(self.folder)
            self.path.mkdir(exist_ok=True)
            for number in sorted(self.dirty):
                doc = {-1: self.semgrep, -2: self.phase}[number] if number < 0 else shards[number]
                data = pickle.dumps((FORMAT, self.key, doc), protocol=pickle.HIGHEST_PROTOCOL)
                if len(data) > MAX_SHARD_BYTES:
                    return f"cache not written: a shard of {len(data) // 1_000_000} MB is over the bound"
                handle, temp = tempfile.mkstemp(dir=self.path, prefix=".tmp-", suffix=".pickle")
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temp, self._file(number))
            self.dirty.clear()
            _prune(self.folder, keep=self.path)
        except OSError as exc:
            return f"cache not written: {exc.strerror or exc}"
        return ""


def _prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by readiness: the whole folder is a cache.\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# readiness cache: safe to delete.\n",
                       encoding="utf-8")


def _prune(folder: Path, keep: Path) -> None:
    """Keep the most recent run keys only (and no temporary file left by a killed run)."""
    import shutil

    runs = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in runs if p != keep][KEEP_NAMESPACES - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    for stray in folder.glob("*.pickle"):  # the one-file layout of earlier versions
        stray.unlink(missing_ok=True)
    for temp in keep.glob(".tmp-*.pickle"):
        try:
            if temp.stat().st_mtime < time.time() - 3600:
                temp.unlink(missing_ok=True)
        except OSError:
            pass
