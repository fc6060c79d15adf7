"""Fuzzing support: run every rule on arbitrary bytes as one file of a given kind.

Used by the fast property tests (tests/test_fuzz.py) and the long run (bench/fuzz.py). A "crash"
is anything a user would see as readiness failing on the input: an exception escaping the file
pass, or a ``rule-crash`` / ``internal-error`` diagnostic (a rule that raised).
"""
from __future__ import annotations

from readiness import engine
from readiness.discover import FileEntry
from readiness.parse import parse_bytes
from readiness.rule import load_rules

# One representative path per file kind the tool reads.
KIND_PATHS = {
    "python": "agent/app.py",
    "notebook": "notebooks/demo.ipynb",
    "yaml": "deploy/compose.yaml",
    "json": "config/mcp.json",
    "toml": "pyproject.toml",
    "dotenv": ".env",
    "dockerfile": "Dockerfile",
    "tsjs": "web/agent.ts",
    "markdown": "README.md",
    "shell": "scripts/run.sh",
}
CRASH_KINDS = {"rule-crash", "internal-error"}


def prepare() -> None:
    """Load every rule once in this process (what a scan worker does)."""
    engine._init_worker(sorted(load_rules()), engine._MAX_BYTES, sorted(load_rules()))


def check_bytes(data: bytes, kind: str, role: str = "prod") -> list[str]:
    """Run the file pass on ``data`` as a file of ``kind``; return the crash messages (empty: fine)."""
    path = KIND_PATHS[kind]
    entry = FileEntry(path, "/nonexistent/" + path, kind, role, ".")
    if engine._DISPATCHER is None:
        prepare()
    if b"\0" in data[:8192]:
        return []  # never parsed: the file pass stops at a "binary" diagnostic before any rule
    parsed = parse_bytes(data, kind, path)
    result = engine.scan_parsed(entry, parsed)
    return [d.message for d in result.diagnostics if d.kind in CRASH_KINDS]
