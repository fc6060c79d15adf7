#!/usr/bin/env python3
"""Long fuzz run: N generated inputs per file kind through every rule; prints inputs tried and
crashes found per kind, and writes each crashing input to --out for a regression test.

Inputs come from the strategies of tests/fuzz_strategies.py (arbitrary bytes and text, Python
programs from the grammar via hypothesmith, structured YAML/JSON/notebooks, mutated good files).
Usage: python bench/fuzz.py [--examples 10000] [--kinds python,yaml] [--out DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=SyntaxWarning)  # hypothesmith compiles odd programs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from readiness import fuzzing  # noqa: E402
from tests.fuzz_strategies import for_kind  # noqa: E402


BATCH = 1000  # a fresh hypothesis run per batch keeps its memory bounded on long runs


def fuzz_kind(kind: str, examples: int, out: Path | None) -> dict:
    tried, crashes = 0, []

    def check(data: bytes) -> None:
        nonlocal tried
        tried += 1
        try:
            problems = fuzzing.check_bytes(data, kind)
        except BaseException as exc:  # noqa: BLE001 - an escaping exception is exactly what we hunt
            problems = [f"{type(exc).__name__}: {exc}"]
        if problems:
            crashes.append({"input_bytes": len(data), "problems": problems[:3]})
            if out is not None:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{kind}-{len(crashes):04d}.bin").write_bytes(data)

    start = time.perf_counter()
    batch_no = 0
    while tried < examples:
        size = min(BATCH, examples - tried)
        before = tried
        run = seed(batch_no)(settings(max_examples=size, deadline=None, database=None,
                                      suppress_health_check=list(HealthCheck))(given(data=for_kind(kind))(check)))
        run()
        batch_no += 1
        if tried == before:  # the strategy is exhausted
            break
    return {"kind": kind, "inputs": tried, "crashes": len(crashes), "seconds": round(time.perf_counter() - start, 1),
            "examples": crashes[:5]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=10_000, help="inputs per file kind [10000]")
    ap.add_argument("--kinds", default=",".join(sorted(fuzzing.KIND_PATHS)), help="comma-separated file kinds")
    ap.add_argument("--out", type=Path, help="write crashing inputs here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    fuzzing.prepare()
    rows = []
    for kind in args.kinds.split(","):
        row = fuzz_kind(kind, args.examples, args.out)
        rows.append(row)
        if not args.json:
            print(f"{kind:<11} {row['inputs']:>7} inputs  {row['crashes']:>4} crashes  {row['seconds']:>7.1f} s", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"total: {sum(r['inputs'] for r in rows)} inputs, {sum(r['crashes'] for r in rows)} crashes")
    return 1 if any(r["crashes"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
