#!/usr/bin/env python3
"""Compare readiness's credential findings with detect-secrets and bandit's hardcoded-password checks.

    python bench/secrets_compare.py [CORPUS_DIR]

Two kinds of tree:

* the planted tree from ``tests/secret_plants.py`` (every file kind, known credentials next to
  placeholders and look-alikes), generated into a temporary directory;
* each entry of a materialized ``../shared/corpus`` (real agent repositories with no live
  credentials: every report there is a false alarm; their labels list none).

For each tool it prints planted credentials found (a report on a planted line) and false alarms
(reports anywhere else). readiness runs ``RDY401`` and ``RDY403``; detect-secrets runs its default
plugins (``detect-secrets scan --all-files``); bandit runs B105, B106 and B107 on Python files.
Tools are looked up next to ``sys.executable`` first. Exit status 0, or 2 if a tool is missing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def readiness_reports(tree: Path) -> set[tuple[str, int]]:
    out = subprocess.run([sys.executable, "-I", "-m", "readiness", "check", ".", "--select", "RDY401,RDY403", "--format", "json",
                          "--exit-zero"], cwd=tree, capture_output=True, text=True, check=True).stdout
    return {(f["path"], f["line"]) for f in json.loads(out)["findings"]}


def detect_secrets_reports(tree: Path) -> set[tuple[str, int]]:
    out = subprocess.run([tool("detect-secrets"), "scan", "--all-files", "."], cwd=tree, capture_output=True, text=True,
                         check=True).stdout
    return {(path, item["line_number"]) for path, items in json.loads(out)["results"].items() for item in items}


def bandit_reports(tree: Path) -> set[tuple[str, int]]:
    proc = subprocess.run([tool("bandit"), "-r", ".", "-t", "B105,B106,B107", "-f", "json", "-q"], cwd=tree,
                          capture_output=True, text=True)
    data = json.loads(proc.stdout or "{}")
    return {(r["filename"].removeprefix("./"), r["line_number"]) for r in data.get("results", [])}


TOOLS = {"readiness": readiness_reports, "detect-secrets": detect_secrets_reports, "bandit": bandit_reports}


def main(argv: list[str]) -> int:
    missing = [name for name in ("detect-secrets", "bandit") if tool(name) is None]
    if missing:
        print(f"not installed: {', '.join(missing)} (pip install detect-secrets bandit)", file=sys.stderr)
        return 2
    from tests import secret_plants

    trees: list[tuple[str, Path, set[tuple[str, int]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        planted_dir = Path(tmp) / "planted"
        secret_plants.write(planted_dir)
        trees.append(("planted tree", planted_dir, {(p, line) for p, line, _ in secret_plants.PLANTED}))
        corpus = Path(argv[0]) if argv else None
        if corpus and corpus.is_dir():
            trees += [(entry.name, entry, set()) for entry in sorted(corpus.iterdir()) if entry.is_dir()]
        totals = {name: [0, 0] for name in TOOLS}
        print(f"{'tree':<52}" + "".join(f"{name + ' found/alarms':>30}" for name in TOOLS))
        for label, tree, planted in trees:
            row = f"{label[:51]:<52}"
            for name, run in TOOLS.items():
                reports = run(tree)
                found = len(planted & reports)
                alarms = len(reports - planted)
                totals[name][0] += found
                totals[name][1] += alarms
                row += f"{f'{found}/{len(planted)} found, {alarms} false':>30}"
            print(row)
        print(f"{'total':<52}" + "".join(f"{f'{f} found, {a} false':>30}" for f, a in totals.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
