#!/usr/bin/env python3
"""Limits under load: a generated tree of N files (agent modules, configs, and the hostile tree of
tests/hostile_tree.py) scanned by `readiness check` in its own process; prints wall time, peak
resident memory (the process and the pool workers it reaped) and whether every bad file got its
diagnostic.

Usage: python bench/big_tree.py [--files 20000] [--keep DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate_tree  # noqa: E402
from tests.hostile_tree import build  # noqa: E402

MEMORY_LIMIT_MB = 500


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=20_000, help="total files in the tree [20000]")
    ap.add_argument("--keep", type=Path, help="write the tree here and keep it")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="readiness-big-")) if args.keep is None else args.keep
    try:
        hostile = build(tmp / "hostile")
        extra = sum(1 for p in (tmp / "hostile").rglob("*") if p.is_file() or p.is_symlink())
        fixed = len(generate_tree.PACKAGES) + 31  # the generator's __init__ files and its ~31 configs and READMEs
        modules = max(args.files - extra - fixed, 0)
        stats = generate_tree.generate(tmp / "agents", modules, ts_files=0)
        total = sum(1 for p in tmp.rglob("*") if p.is_file() or p.is_symlink())
        out = tmp / "report.json"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "readiness", "check", str(tmp), "--format", "json",
                                 "--output", str(out), "--exit-zero", "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        report = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        seen = {(d["path"].removeprefix("hostile/"), d["kind"]) for d in report.get("diagnostics", [])}
        wanted = {(p, k) for p, k in hostile["diagnostics"].items() if k}
        missing = sorted(wanted - seen)
        peak_mb = round(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
        result = {"files": total, "python_lines": stats["py_lines"], "exit": code, "wall_s": round(wall, 1),
                  "peak_rss_mb": peak_mb, "limit_mb": MEMORY_LIMIT_MB, "files_scanned": report.get("files_scanned"),
                  "diagnostics": len(report.get("diagnostics", [])), "bad_files_reported": len(wanted) - len(missing),
                  "bad_files": len(wanted), "missing": missing, "cpus": os.cpu_count()}
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['files']} files ({result['python_lines']:,} Python lines), {result['cpus']} CPUs: "
              f"{result['wall_s']} s, peak {result['peak_rss_mb']} MB (limit {MEMORY_LIMIT_MB} MB), exit {code}")
        print(f"bad files reported: {result['bad_files_reported']} of {result['bad_files']}; "
              f"{result['diagnostics']} diagnostics; missing: {missing or 'none'}")
    ok = code == 0 and not missing and peak_mb <= MEMORY_LIMIT_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
