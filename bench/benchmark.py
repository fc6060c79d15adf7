#!/usr/bin/env python3
"""Time `readiness check` against bandit (and semgrep, when installed) on a generated tree.

Each tool runs as its own process, the way a user or CI job runs it, so the numbers include
interpreter start-up and imports.  Runs are interleaved across tools (round 1: every tool,
round 2: every tool, ...) so drift on a noisy machine hits all tools alike; the table shows
the median wall-clock time and the peak resident memory of the largest process in each run.

Usage: python bench/benchmark.py [--files N] [--seed S] [--repeat R] [--keep DIR] [--jobs J] [--json]
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
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_tree  # noqa: E402  (sibling script, not an installed package)

# Five rules in the spirit of readiness's own checks, so semgrep does comparable work.
SEMGREP_RULES = """\
rules:
  - id: subprocess-shell-true
    languages: [python]
    severity: WARNING
    message: subprocess called with shell=True
    pattern: subprocess.run(..., shell=True, ...)
  - id: file-delete
    languages: [python]
    severity: WARNING
    message: file deletion reachable from agent code
    pattern: os.remove(...)
  - id: requests-without-timeout
    languages: [python]
    severity: WARNING
    message: HTTP call without a timeout
    patterns:
      - pattern: requests.$METHOD(...)
      - pattern-not: requests.$METHOD(..., timeout=$T, ...)
  - id: chat-completion-without-token-cap
    languages: [python]
    severity: WARNING
    message: chat completion without a token cap
    patterns:
      - pattern: $CLIENT.chat.completions.create(...)
      - pattern-not: $CLIENT.chat.completions.create(..., max_completion_tokens=$N, ...)
      - pattern-not: $CLIENT.chat.completions.create(..., max_tokens=$N, ...)
  - id: floating-model-alias
    languages: [python]
    severity: INFO
    message: model given as a floating alias rather than a dated snapshot
    patterns:
      - pattern: $F(..., model="$M", ...)
      - metavariable-regex:
          metavariable: $M
          regex: ^(gpt-4o|gpt-4o-mini|gpt-4\\.1|gpt-4\\.1-mini|o3-mini|claude-[a-z0-9-]+-(latest|0))$
"""


@dataclass
class Tool:
    """One command to time; `ok_codes` lists exit statuses that mean "ran fine"."""

    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    error: str | None = None

    def summary(self, stats: dict) -> dict:
        """Per-tool row for the table and the JSON output."""
        row = {"tool": self.name, "files": stats["py_files"], "lines": stats["py_lines"],
               "command": self.argv, "error": self.error}
        if self.walls:
            median = statistics.median(self.walls)
            row.update(median_s=round(median, 3), runs_s=[round(w, 3) for w in self.walls],
                       cpu_s=round(statistics.median(self.cpus), 3),
                       peak_mb=round(max(self.peaks_kib) / 1024, 1) if self.peaks_kib else None,
                       kloc_per_s=round(stats["py_lines"] / median / 1000, 1))
        return row


def find_executable(name: str) -> str | None:
    """Prefer the copy in this interpreter's venv, so a venv run times that venv's install."""
    candidate = Path(sys.executable).parent / name  # not resolved: venv python is a symlink
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which(name)


def tool_version(exe: str) -> str:
    """First line of `exe --version`, for the record; blank if it will not say.

    semgrep's --version otherwise blocks on a network version check (90 s offline).
    """
    env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else ""


def run_once(argv: list[str], log: Path) -> tuple[int, float, float, int | None]:
    """Run argv once; return (exit code, wall s, cpu s, peak RSS KiB).

    os.wait4 gives this child's own rusage (ru_maxrss also covers the grandchildren it
    reaped), unlike RUSAGE_CHILDREN deltas, whose maxrss is a process-lifetime maximum.
    """
    with open(log, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        if hasattr(os, "wait4"):
            _, status, ru = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            cpu = ru.ru_utime + ru.ru_stime
            peak = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss  # macOS: bytes
            return code, wall, cpu, peak
        code = proc.wait()
        return code, time.perf_counter() - start, float("nan"), None


def tail(path: Path, lines: int = 15) -> str:
    """Last lines of a tool's stderr, to explain a failed run."""
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    return "\n".join(text.splitlines()[-lines:]) or "(no stderr output)"


def time_tools(tools: list[Tool], repeat: int, workdir: Path) -> None:
    """Interleaved timing rounds; a tool that fails once is dropped from later rounds."""
    for round_no in range(repeat):
        for tool in tools:
            if tool.error:
                continue
            log = workdir / f"{tool.name}.stderr"
            code, wall, cpu, peak = run_once(tool.argv, log)
            if code not in tool.ok_codes:
                tool.error = f"exit {code} on run {round_no + 1}:\n{tail(log)}"
                continue
            tool.walls.append(wall)
            tool.cpus.append(cpu)
            if peak is not None:
                tool.peaks_kib.append(peak)


def build_tools(tree: Path, workdir: Path, readiness: str, jobs: int | None) -> list[Tool]:
    """The commands to compare; optional tools that are missing are skipped with a note."""
    argv = [readiness, "check", str(tree), "--format", "json", "--output", os.devnull, "--exit-zero"]
    tools = [Tool("readiness", argv + (["--jobs", str(jobs)] if jobs else []))]
    bandit = find_executable("bandit")
    if bandit:  # bandit exits 1 when it reports issues, which it will on this tree
        tools.append(Tool("bandit", [bandit, "-r", str(tree), "-q", "-f", "json", "-o", os.devnull], (0, 1)))
    else:
        print("bandit not installed: pip install bandit", file=sys.stderr)
    semgrep = find_executable("semgrep")
    if semgrep:
        rules = workdir / "semgrep-rules.yaml"
        rules.write_text(SEMGREP_RULES, encoding="utf-8")
        tools.append(Tool("semgrep", [semgrep, "scan", "--config", str(rules), "--metrics=off",
                                      "--disable-version-check", "-j", "1", "--quiet", "--json",
                                      "-o", os.devnull, str(tree)], (0, 1)))
    else:
        print("semgrep not on PATH: skipping it", file=sys.stderr)
    return tools


def ratios(rows: list[dict]) -> dict[str, float]:
    """readiness time divided by each other tool's (below 1.0 means readiness is faster)."""
    by_name = {r["tool"]: r for r in rows if r.get("median_s")}
    base = by_name.get("readiness")
    if not base:
        return {}
    return {f"readiness/{name}": round(base["median_s"] / r["median_s"], 3)
            for name, r in by_name.items() if name != "readiness"}


def print_table(report: dict) -> None:
    """Human-readable results."""
    s = report["tree"]
    print(f"tree: {s['py_files']} Python files ({s['modules']} modules + __init__.py), "
          f"{s['py_lines']:,} Python lines, {s['other_files']} other files")
    print(f"python {report['python']}, {report['cpus']} CPUs, median of {report['repeat']} run(s)\n")
    head = f"{'tool':<10} {'files':>6} {'lines':>8} {'median s':>9} {'cpu s':>7} {'peak MB':>8} {'kLOC/s':>7}"
    print(head)
    print("-" * len(head))
    for r in report["tools"]:
        if r.get("median_s") is None:
            print(f"{r['tool']:<10} {r['files']:>6} {r['lines']:>8}   FAILED")
            continue
        peak = f"{r['peak_mb']:.1f}" if r["peak_mb"] is not None else "?"
        print(f"{r['tool']:<10} {r['files']:>6} {r['lines']:>8} {r['median_s']:>9.2f} "
              f"{r['cpu_s']:>7.2f} {peak:>8} {r['kloc_per_s']:>7.1f}")
    if report["ratios"]:
        print()
    for name, value in report["ratios"].items():
        print(f"{name}: {value:.2f}x wall time")
    for r in report["tools"]:
        if r["error"]:
            print(f"\n{r['tool']} failed ({' '.join(r['command'])}):\n{r['error']}", file=sys.stderr)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1200, help="agent modules to generate [1200]")
    ap.add_argument("--seed", type=int, default=0, help="generator seed [0]")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per tool; the median is reported [3]")
    ap.add_argument("--keep", metavar="DIR", help="generate the tree into DIR (must be empty) and keep it")
    ap.add_argument("--jobs", type=int, help="pass --jobs J to readiness (default: its own choice)")
    ap.add_argument("--json", action="store_true", help="print results as JSON")
    args = ap.parse_args(argv)
    if args.files < 1 or args.repeat < 1 or (args.jobs is not None and args.jobs < 1):
        ap.error("--files, --repeat and --jobs must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Generate, time, report.  Exit 0 on success, 1 if a tool failed, 2 on setup errors."""
    args = parse_args(argv)
    readiness = find_executable("readiness")
    if not readiness:
        print("readiness executable not found next to this Python or on PATH; "
              "install it first (pip install -e .) and run this script with that venv's python",
              file=sys.stderr)
        return 2
    if args.keep and Path(args.keep).exists() and any(Path(args.keep).iterdir()):
        print(f"--keep {args.keep}: directory is not empty; refusing to mix trees", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    try:
        tree = Path(args.keep) if args.keep else workdir / "tree"
        stats = generate_tree.generate(tree, args.files, args.seed)
        tools = build_tools(tree, workdir, readiness, args.jobs)
        time_tools(tools, args.repeat, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    rows = [t.summary(stats) for t in tools]
    report = {
        "tree": {**stats, "path": str(tree) if args.keep else None, "seed": args.seed},
        "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "repeat": args.repeat,
        "versions": {t.name: tool_version(t.argv[0]) for t in tools},
        "tools": rows, "ratios": ratios(rows),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 1 if any(t.error for t in tools) else 0


if __name__ == "__main__":
    sys.exit(main())
