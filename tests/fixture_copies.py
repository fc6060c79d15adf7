"""Bundled fixtures, copied outside this repository before a test scans them.

Report paths start at the repository root (the git top level), so scanning ``fixtures/x`` in a
checkout of readiness reports ``fixtures/x/app.py`` and reads readiness's own config. The
fixture tests assert paths relative to the fixture, as a user who checked the fixture out on
its own would see them; a copy in a temporary folder outside any repository gives exactly that.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_copies: dict[Path, Path] = {}
_scratch: list[str] = []


def outside_git(path: Path) -> Path:
    """A copy of ``path`` (a fixture folder) in a temporary folder, made once per test process."""
    path = path.resolve()
    if path not in _copies:
        if not _scratch:
            _scratch.append(tempfile.mkdtemp(prefix="readiness-fixtures-"))
            atexit.register(shutil.rmtree, _scratch[0], True)
        target = Path(_scratch[0]) / str(len(_copies)) / path.name
        shutil.copytree(path, target, symlinks=True)
        _copies[path] = target
    return _copies[path]


def fixture(*parts: str) -> Path:
    """``fixture("frameworks")`` -> a copy of ``fixtures/frameworks`` outside the repository."""
    return outside_git(REPO.joinpath("fixtures", *parts))
