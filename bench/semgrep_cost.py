#!/usr/bin/env python3
"""What the semgrep pass adds to a scan: readiness on the benchmark tree with and without
TypeScript files, each with semgrep on and off (READINESS_SEMGREP=0), interleaved, median of R.

Usage: python bench/semgrep_cost.py [--files N] [--ts-files T] [--repeat R] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_tree  # noqa: E402


def run(tree: Path, semgrep: bool) -> float:
    env = dict(os.environ, READINESS_SEMGREP="1" if semgrep else "0")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "readiness", "check", str(tree), "--format", "json", "--output", os.devnull,
                    "--exit-zero", "--no-cache"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1200, help="Python agent modules [1200]")
    ap.add_argument("--ts-files", type=int, default=300, help="TypeScript agent modules in the second tree [300]")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readiness-sg-") as tmp:
        py_only, with_ts = Path(tmp, "py"), Path(tmp, "py-ts")
        generate_tree.generate(py_only, args.files)
        stats = generate_tree.generate(with_ts, args.files, ts_files=args.ts_files)
        cases = {(tree, sg): [] for tree in ("py", "py-ts") for sg in (False, True)}
        for _ in range(args.repeat):
            for (tree, sg), times in cases.items():
                times.append(run(py_only if tree == "py" else with_ts, sg))
    medians = {f"{tree} semgrep={'on' if sg else 'off'}": round(statistics.median(t), 2) for (tree, sg), t in cases.items()}
    result = {"python_files": args.files, "ts_files": stats["ts_files"], "ts_lines": stats["ts_lines"],
              "cpus": os.cpu_count(), "repeat": args.repeat, "median_s": medians,
              "semgrep_cost_py_only_s": round(medians["py semgrep=on"] - medians["py semgrep=off"], 2),
              "semgrep_cost_with_ts_s": round(medians["py-ts semgrep=on"] - medians["py-ts semgrep=off"], 2)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.files} Python modules; second tree adds {stats['ts_files']} TS files ({stats['ts_lines']:,} lines); "
              f"{os.cpu_count()} CPUs, median of {args.repeat}")
        for name, value in medians.items():
            print(f"  {name:<22} {value:>7.2f} s")
        print(f"semgrep pass, Python-only tree: +{result['semgrep_cost_py_only_s']:.2f} s (not started: no TS/JS files)")
        print(f"semgrep pass, tree with TS:     +{result['semgrep_cost_with_ts_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
