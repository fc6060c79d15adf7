#!/usr/bin/env python3
"""Precision and recall of readiness on the labelled corpus in ../shared/corpus.

    python bench/accuracy.py CORPUS_DIR [--labels DIR] [--area AREA ...] [--show]

CORPUS_DIR is what ``../shared/corpus/checkout.sh`` writes (one folder per label file). Each entry
is scanned the way a user would scan it (``readiness check DIR --format json``, in a subprocess),
then compared with its labels:

* a finding matches a label when the path is equal and the lines differ by at most 2;
* precision counts our line-level findings (project-level rules are left out: they anchor to a
  manifest, not a line) in each area; a finding on an ``ambiguous`` spot counts neither way;
* recall counts every labelled finding of the area (``certain`` and ``likely``);
* verdicts compare each area's status with the label: ``pass`` for handled, anything else for
  not handled or partial. ``n/a`` agrees with neither and is shown as such.

Rules that check something the corpus does not label (no label kind maps to them, e.g. RDY104
preview models) are counted in a separate ``unlabelled`` column and listed with ``--show``,
rather than silently counted as right or wrong.

Matching ignores the area, because the corpus files some findings under another area than ours
(it puts "destructive tool without confirmation" under tool-auth; we report it as a guardrail).
Exit status: 0, or 2 when the corpus folder or labels are missing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

# Which corpus label kind each rule reports; rules missing here have no labels to be measured by.
KIND_OF_RULE = {
    "RDY101": "unpinned-model", "RDY102": "unpinned-model", "RDY105": "retired-model",
    "RDY201": "destructive-tool-no-confirmation",
    "RDY205": ("safety-filter-disabled", "dangerous-opt-in", "code-exec-unrestricted-imports",
               "guardrail-disabled-by-default", "guardrail-fail-open"),
    "RDY301": "missing-max-tokens", "RDY302": "unbounded-agent-loop", "RDY303": "unbounded-agent-loop",
    "RDY401": ("hardcoded-secret", "secret-in-image"), "RDY402": ("shell-tool", "code-exec-tool"), "RDY411": ("secret-in-image", "hardcoded-secret"),
    "RDY404": "raw-sql-tool", "RDY407": ("mcp-filesystem-root", "raw-sql-tool", "shell-tool"), "RDY414": "code-exec-tool", "RDY405": "unrestricted-file-write-tool", "RDY408": "excessive-privilege",
    "RDY409": "broad-oauth-scope", "RDY410": ("shell-injection", "shell-tool"),
    "RDY502": "tracing-disabled",
}
AREAS = ["model-control", "guardrails", "budget", "tool-auth", "tracing", "evals", "rollout"]
LINE_SLACK = 2


def project_rule_ids() -> set[str]:
    """Rules that report presence or absence across a project rather than at a line."""
    from readiness.rule import all_rules
    return {r.id for r in all_rules() if r.scope == "project"}


def scan(folder: Path) -> dict:
    """Run readiness on one corpus entry as a user would, in its own process."""
    proc = subprocess.run(
        [sys.executable, "-I", "-m", "readiness", "check", ".", "--format", "json", "--exit-zero", "--no-color", "--no-cache"],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"readiness failed on {folder}: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)


def near(item: dict, path: str, line: int) -> bool:
    if item["file"] != path:
        return False
    return item.get("line") == 0 or abs(item["line"] - line) <= LINE_SLACK


def is_absence(finding: dict, project_rules: set[str]) -> bool:
    """A project rule's "nothing in place" finding (at a manifest or line 1), not a line-level one.

    Project rules that judge each site (RDY203 entry points, RDY503 model calls) report at the
    site's line; those count as line-level findings."""
    return finding["rule"] in project_rules and (not finding["path"].endswith(".py") or finding["line"] == 1)


def compare(label: dict, report: dict, project_rules: set[str], labelled_kinds: set[str]) -> dict:
    """Count true/false positives and misses per area for one entry; list each mismatch."""
    counts = {a: defaultdict(int) for a in AREAS}
    details = []
    labels = label.get("findings") or []
    ambiguous = label.get("ambiguous") or []
    ours = [f for f in report["findings"] if f["state"] == "active" and not is_absence(f, project_rules)]
    for finding in ours:
        area, path, line = finding["area"], finding["path"], finding["line"]
        kinds = KIND_OF_RULE.get(finding["rule"])
        if not ({kinds} if isinstance(kinds, str) else set(kinds or ())) & labelled_kinds:
            counts[area]["unlabelled"] += 1
            details.append(("unlabelled", area, f"{path}:{line}", f"{finding['rule']} {finding['message']}"))
        elif any(near(item, path, line) for item in labels):
            counts[area]["tp"] += 1
        elif any(near(item, path, line) for item in ambiguous):
            counts[area]["neutral"] += 1
        else:
            counts[area]["fp"] += 1
            details.append(("false positive", area, f"{path}:{line}", f"{finding['rule']} {finding['message']}"))
    for item in labels:
        counts[item["area"]]["labels"] += 1
        if any(near(item, f["path"], f["line"]) for f in ours):
            counts[item["area"]]["found"] += 1
        else:
            details.append(("missed", item["area"], f"{item['file']}:{item['line']}",
                            f"[{item['kind']}, {item['confidence']}] {item['evidence'][:120]}"))
    verdicts = {}
    for area in AREAS:
        handled = (label.get("area_verdicts") or {}).get(area, {}).get("handled")
        status = report["areas"].get(area, {}).get("status", "n/a")
        verdicts[area] = (handled, status, (status == "pass") == (handled is True) and status != "n/a")
    return {"counts": counts, "details": details, "verdicts": verdicts}


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def main(argv: list[str] | None = None) -> int:
    default_labels = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "labels"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--labels", type=Path, default=default_labels)
    parser.add_argument("--area", action="append", choices=AREAS, help="only print these areas")
    parser.add_argument("--show", action="store_true", help="list every false positive and miss")
    parser.add_argument("--skip-notebooks", action="store_true",
                        help="leave findings in .ipynb notebooks and documentation (.md, .rst) out, for labels "
                             "written from code and config files only (our own corpus)")
    args = parser.parse_args(argv)
    if not args.labels.is_dir() or not args.corpus.is_dir():
        print(f"need a labels folder ({args.labels}) and a materialized corpus ({args.corpus})", file=sys.stderr)
        return 2

    project_rules = project_rule_ids()
    totals = {a: defaultdict(int) for a in AREAS}
    verdict_hits = defaultdict(int)
    verdict_total = 0
    shown_areas = args.area or AREAS
    labelled_kinds = {item["kind"] for f in args.labels.glob("*.yaml")
                      for item in (yaml.safe_load(f.read_text(encoding="utf-8")).get("findings") or [])}
    for label_file in sorted(args.labels.glob("*.yaml")):
        folder = args.corpus / label_file.stem
        if not folder.is_dir():
            print(f"skip {label_file.stem}: not materialized", file=sys.stderr)
            continue
        label = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        report = scan(folder)
        if args.skip_notebooks:
            report["findings"] = [f for f in report["findings"] if not f["path"].endswith((".ipynb", ".md", ".rst"))]
        result = compare(label, report, project_rules, labelled_kinds)
        for area in AREAS:
            for key, value in result["counts"][area].items():
                totals[area][key] += value
        verdict_total += 1
        for area, (_, _, agrees) in result["verdicts"].items():
            verdict_hits[area] += agrees
        if args.show:
            print(f"\n== {label_file.stem}")
            for kind, area, where, text in result["details"]:
                if area in shown_areas:
                    print(f"  {kind:<14} {area:<13} {where:<60} {text}")
            print("  verdicts: " + ", ".join(
                f"{a}={s}{'' if ok else ' (label: ' + str(h) + ')'}" for a, (h, s, ok) in result["verdicts"].items()))

    print(f"\n{'area':<14}{'tp':>5}{'fp':>5}{'neutral':>9}{'precision':>11}{'labels':>8}{'found':>7}{'recall':>8}"
          f"{'verdicts':>10}{'unlabelled':>12}")
    for area in shown_areas:
        c = totals[area]
        print(f"{area:<14}{c['tp']:>5}{c['fp']:>5}{c['neutral']:>9}{ratio(c['tp'], c['tp'] + c['fp']):>11}"
              f"{c['labels']:>8}{c['found']:>7}{ratio(c['found'], c['labels']):>8}"
              f"{verdict_hits[area]:>5}/{verdict_total}{c['unlabelled']:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
