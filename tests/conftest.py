"""Shared helpers: run readiness on a small project written to a temporary directory."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.config import Settings, find_config, load_settings
from readiness.scan import check

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXPECT = re.compile(r"(?:#|//|<!--)\s*expect:\s*((?:RDY\d{3}\s*,?\s*)+)")


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def expected_markers(files: dict[str, str]) -> set[tuple[str, int, str]]:
    out = set()
    for rel, text in files.items():
        for number, line in enumerate(text.splitlines(), 1):
            m = EXPECT.search(line)
            if m:
                for rule_id in re.findall(r"RDY\d{3}", m.group(1)):
                    out.add((rel, number, rule_id))
    return out


def run_on(root: Path, select: list[str] | None = None, **settings):
    """Scan ``root`` with its own [tool.readiness] table, if it has one, as the CLI would."""
    found = find_config(root)
    s = load_settings(found[1], found[0]) if found and found[0].parent == root else Settings(base_dir=root)
    for key, value in settings.items():
        setattr(s, key, value)
    if select:
        s.select = select
    return check([str(root)], s)


@pytest.fixture
def project(tmp_path):
    """Write files and scan them: project({"a.py": "..."}, select=["RDY101"]) -> Report."""
    def make(files: dict[str, str], select: list[str] | None = None, **settings):
        write_files(tmp_path, files)
        return run_on(tmp_path, select, **settings)
    return make


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/snapshots/*.json from current output")
