#!/usr/bin/env python3
"""The speed table of issue 15 from one command: readiness cold and warm, bandit and semgrep
(when installed), on a generated tree and on public trees, whole-process medians of interleaved
runs, plus a five-file pre-commit run with a warm cache.

Each tree is copied to a temporary folder first (readiness writes its cache there and the warm
runs edit a file), so the trees you pass are never touched. Per round, for each tree:

- readiness cold: an empty cache folder (the run fills it, as a first run does);
- readiness warm: one Python file edited (a comment appended), then a run on the cache the cold
  run left; that is the everyday re-run;
- bandit -r, and semgrep with five comparable rules (bench/benchmark.py's);
- on the generated tree only: five of its files edited, then ``readiness check`` on those five
  files with a warm cache (the pre-commit hook's run).

Usage:
  python bench/speed.py [--files 1200] [--tree NAME=DIR ...] [--fetch] [--repeat 3] [--json]

``--fetch`` clones langchain-ai/langgraph and agno-agi/agno at the commits below into a temp
folder (needs network); ``--tree langgraph=/path`` uses a copy you already have.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark  # noqa: E402  (sibling script: run_once, find_executable, SEMGREP_RULES)
import generate_tree  # noqa: E402

PUBLIC = {  # name: (repository, commit) - the trees issue 15 was measured on
    "langgraph": ("https://github.com/langchain-ai/langgraph", "f09cfe8ff"),
    "agno": ("https://github.com/agno-agi/agno", "9644f22982"),
}


def python_stats(tree: Path) -> tuple[int, int]:
    files = lines = 0
    for path in tree.rglob("*.py"):
        if ".readiness_cache" in path.parts:
            continue
        files += 1
        try:
            with open(path, "rb") as handle:
                lines += handle.read().count(b"\n")
        except OSError:
            pass
    return files, lines


def fetch(name: str, dest: Path) -> Path:
    url, commit = PUBLIC[name]
    target = dest / name
    subprocess.run(["git", "clone", "--quiet", "--filter=blob:none", "--no-checkout", url, str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", commit], check=True)
    shutil.rmtree(target / ".git")  # time the files, as an archive of the release would give them
    return target


def edit(path: Path, note: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\n# {note}\n")


class Case:
    """One command timed across rounds (with an optional step before each run)."""

    def __init__(self, name: str, argv: list[str], ok=(0,), before=None):
        self.name, self.argv, self.ok, self.before = name, argv, ok, before
        self.walls: list[float] = []
        self.peaks: list[int] = []
        self.error = ""

    def run(self, log: Path, round_no: int) -> None:
        if self.error:
            return
        if self.before is not None:
            self.before(round_no)
        code, wall, _, peak = benchmark.run_once(self.argv, log)
        if code not in self.ok:
            self.error = f"exit {code}: {benchmark.tail(log)}"
            return
        self.walls.append(wall)
        if peak is not None:
            self.peaks.append(peak)

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def peak_mb(self) -> float | None:
        return round(max(self.peaks) / 1024, 1) if self.peaks else None


def cases_for(name: str, tree: Path, work: Path, readiness: str, jobs: int | None, five: bool) -> list[Case]:
    base = [readiness, "check", str(tree), "--format", "json", "--output", os.devnull, "--exit-zero", "--quiet"]
    if jobs:
        base += ["--jobs", str(jobs)]
    warm_dir = work / f"{name}-cache"
    python_files = sorted(p for p in tree.rglob("*.py") if ".readiness_cache" not in p.parts)
    edited = python_files[len(python_files) // 2]

    def fresh_cache(round_no: int) -> None:
        shutil.rmtree(warm_dir, ignore_errors=True)

    cases = [
        Case("readiness cold", base + ["--cache-dir", str(warm_dir)], before=fresh_cache),
        Case("readiness warm, 1 edit", base + ["--cache-dir", str(warm_dir)],
             before=lambda r: edit(edited, f"edit {r}")),
    ]
    bandit = benchmark.find_executable("bandit")
    if bandit:  # bandit exits 1 when it reports issues
        cases.append(Case("bandit", [bandit, "-r", str(tree), "-q", "-f", "json", "-o", os.devnull], (0, 1)))
    semgrep = benchmark.find_executable("semgrep")
    if semgrep:
        rules = work / "semgrep-rules.yaml"
        rules.write_text(benchmark.SEMGREP_RULES, encoding="utf-8")
        cases.append(Case("semgrep", [semgrep, "scan", "--config", str(rules), "--metrics=off", "--disable-version-check",
                                      "-j", "1", "--quiet", "--json", "-o", os.devnull, str(tree)], (0, 1)))
    if five:
        chosen = python_files[:5]
        hook = [readiness, "check", *map(str, chosen), "--format", "concise", "--no-color", "--exit-zero",
                "--cache-dir", str(work / f"{name}-hook-cache")]
        subprocess.run(hook, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm it

        def edit_five(round_no: int) -> None:
            for path in chosen:
                edit(path, f"hook edit {round_no}")
        cases.append(Case("readiness, 5 changed files", hook, before=edit_five))
    return cases


def run(trees: dict[str, Path], repeat: int, jobs: int | None, readiness: str) -> dict:
    work = Path(tempfile.mkdtemp(prefix="readiness-speed-"))
    try:
        copies, plans, stats = {}, {}, {}
        for number, (name, source) in enumerate(trees.items()):
            copy = work / "trees" / name
            shutil.copytree(source, copy, symlinks=True, ignore=shutil.ignore_patterns(".readiness_cache", ".git"))
            copies[name] = copy
            stats[name] = python_stats(copy)
            plans[name] = cases_for(name, copy, work, readiness, jobs, five=number == 0)
        for round_no in range(repeat):  # interleaved: drift on a shared machine hits every tool alike
            for name, cases in plans.items():
                for case in cases:
                    case.run(work / "stderr.log", round_no)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for name, cases in plans.items():
        by = {c.name: c for c in cases}
        files, lines = stats[name]
        row = {"tree": name, "python_files": files, "python_lines": lines}
        for c in cases:
            row[c.name] = {"median_s": round(c.median, 3) if c.median else None,
                           "runs_s": [round(w, 3) for w in c.walls], "peak_mb": c.peak_mb, "error": c.error or None}
        cold = by["readiness cold"].median
        for other in ("bandit", "semgrep"):
            if other in by and by[other].median and cold:
                row[f"cold / {other}"] = round(cold / by[other].median, 3)
        rows.append(row)
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "repeat": repeat, "jobs": jobs,
            "versions": {n: benchmark.tool_version(e) for n in ("readiness", "bandit", "semgrep")
                         if (e := benchmark.find_executable(n))},
            "rows": rows}


def print_table(report: dict) -> None:
    print(f"python {report['python']}, {report['cpus']} CPUs, whole-process medians of {report['repeat']} "
          "interleaved run(s); versions: " + "; ".join(f"{k} {v}" for k, v in report["versions"].items()))
    head = ("| tree | Python files | lines | readiness cold | warm, 1 edit | bandit | semgrep | cold/bandit "
            "| cold/semgrep | peak MB (cold) |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))

    def cell(row, name):
        entry = row.get(name)
        if not entry:
            return "-"
        if entry["error"]:
            return "failed"
        return f"{entry['median_s']:.2f} s"
    for row in report["rows"]:
        print(f"| {row['tree']} | {row['python_files']:,} | {row['python_lines']:,} | {cell(row, 'readiness cold')} "
              f"| {cell(row, 'readiness warm, 1 edit')} | {cell(row, 'bandit')} | {cell(row, 'semgrep')} "
              f"| {row.get('cold / bandit', '-')} | {row.get('cold / semgrep', '-')} "
              f"| {(row.get('readiness cold') or {}).get('peak_mb', '-')} |")
    for row in report["rows"]:
        hook = row.get("readiness, 5 changed files")
        if hook:
            print(f"\npre-commit (5 changed files of {row['tree']}, warm cache): {cell(row, 'readiness, 5 changed files')}")
    for row in report["rows"]:
        for name, entry in row.items():
            if isinstance(entry, dict) and entry.get("error"):
                print(f"\n{row['tree']}: {name} failed: {entry['error']}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1200, help="modules in the generated tree [1200]; 0 for none")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tree", action="append", default=[], metavar="NAME=DIR", help="also time this tree (a copy)")
    ap.add_argument("--fetch", action="store_true", help="clone the public trees of issue 15 into a temp folder")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, help="pass --jobs to readiness [its own choice]")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    readiness = benchmark.find_executable("readiness")
    if not readiness:
        print("readiness not found next to this Python or on PATH (pip install -e .)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="readiness-speed-src-"))
    try:
        trees: dict[str, Path] = {}
        if args.files:
            generated = scratch / "generated"
            generate_tree.generate(generated, args.files, args.seed)
            trees[f"generated ({args.files} modules)"] = generated
        for spec in args.tree:
            name, sep, folder = spec.partition("=")
            if not sep or not Path(folder).is_dir():
                ap.error(f"--tree {spec!r}: expected NAME=DIR with an existing folder")
            trees[name] = Path(folder)
        if args.fetch:
            for name in PUBLIC:
                trees[name] = fetch(name, scratch)
        if not trees:
            ap.error("nothing to time: give --files, --tree or --fetch")
        report = run(trees, args.repeat, args.jobs, readiness)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 1 if any(isinstance(e, dict) and e.get("error") for r in report["rows"] for e in r.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
