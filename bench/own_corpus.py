#!/usr/bin/env python3
"""Our own labelled corpus: public agent apps outside ../shared/corpus, labelled before any scan.

    python bench/own_corpus.py list                         # entries, frameworks and split
    python bench/own_corpus.py checkout OUT [--mirror DIR]  # materialize every entry (code never committed)
    python bench/own_corpus.py measure OUT --split dev [--show] [--area budget ...] [--only names.txt]

Labels live in ``bench/corpus/labels/*.yaml`` in the schema of ``../shared/corpus`` (repo, commit,
subdir, findings, area_verdicts, ambiguous). The code is fetched as a snapshot of each public
repository (a bare git directory per repository under the mirror folder, ``owner+name/repo``) and
written to ``OUT/<label-name>/`` with ``git archive``; it is never committed.

The split is fixed by the entry's name (the first byte of its SHA-256: even = dev, odd = sealed), so
it cannot drift towards whatever the tool does well. Develop on ``dev``; measure ``sealed`` only at
the end of an issue. ``measure`` runs ``bench/accuracy.py`` on one split.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LABELS = Path(os.environ.get("OWN_CORPUS_LABELS") or HERE / "corpus" / "labels")  # a new batch's labels can live elsewhere until it is measured
sys.path.insert(0, str(HERE))

import accuracy  # noqa: E402  (bench/ is not a package)


def split_of(name: str) -> str:
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "sealed"


def entries(split: str = "all") -> list[tuple[str, dict]]:
    out = []
    for path in sorted(LABELS.glob("*.yaml")):
        if split in ("all", split_of(path.stem)):
            out.append((path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return out


def git_dir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def checkout(out: Path, mirror: Path) -> int:
    failed = 0
    for name, label in entries():
        target = out / name
        if target.is_dir():
            _as_clone(target)
            continue
        subdir = (label.get("subdir") or "").strip("/")
        archive = subprocess.run(
            ["git", "--git-dir", str(git_dir(mirror, label["repo"])), "archive", label["commit"], *([subdir] if subdir else [])],
            capture_output=True, check=False)
        target.mkdir(parents=True)
        if archive.returncode == 0:
            strip = len(subdir.split("/")) if subdir else 0
            subprocess.run(["tar", "-x", "-C", str(target), f"--strip-components={strip}"], input=archive.stdout, check=True)
        elif not _file_by_file(git_dir(mirror, label["repo"]), label["commit"], subdir, target):
            print(f"{name}: cannot read {label['repo']}@{label['commit'][:10]} (fetch it first)", file=sys.stderr)
            target.rmdir()
            failed += 1
            continue
        _as_clone(target)
    return 1 if failed else 0


def _as_clone(target: Path) -> None:
    """Make the checkout a git work tree whose files are all tracked, as in a user's clone: a
    committed file that ``.gitignore`` lists (a ``.env`` pushed before the ignore rule) is still in
    the repository, and readiness asks git which files are."""
    if (target / ".git").exists():
        return
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "add", "-A", "-f", "."], check=True, capture_output=True)


def _file_by_file(git: Path, commit: str, subdir: str, target: Path) -> bool:
    """Snapshots lack files of 4 MiB and more, which makes ``git archive`` fail: copy the rest."""
    listing = subprocess.run(["git", "--git-dir", str(git), "ls-tree", "-r", "--name-only", commit, *([subdir] if subdir else [])],
                             capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        return False
    for path in listing.stdout.splitlines():
        blob = subprocess.run(["git", "--git-dir", str(git), "cat-file", "-p", f"{commit}:{path}"], capture_output=True, check=False)
        if blob.returncode == 0:
            dest = target / (path[len(subdir) + 1:] if subdir else path)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(blob.stdout)
    return True


def measure(out: Path, split: str, extra: list[str], only: set[str] | None = None) -> int:
    chosen = [name for name, _ in entries(split) if only is None or name in only]
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            (Path(tmp) / f"{name}.yaml").symlink_to(LABELS / f"{name}.yaml")
        print(f"{split}: {len(chosen)} entries")
        return accuracy.main([str(out), "--labels", tmp, *extra])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    co = sub.add_parser("checkout")
    co.add_argument("out", type=Path)
    co.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    me = sub.add_parser("measure")
    me.add_argument("out", type=Path)
    me.add_argument("--split", choices=["dev", "sealed", "all"], required=True)
    me.add_argument("--only", type=Path, help="a file listing entry names: measure just those (e.g. a batch "
                                              "labelled after the others, to keep its sealed half blind)")
    args, extra = parser.parse_known_args(argv)
    if args.command == "list":
        for name, label in entries():
            print(f"{split_of(name):<7} {name:<90} {', '.join(label.get('frameworks') or [])}")
        return 0
    if args.command == "checkout":
        return checkout(args.out, args.mirror)
    only = {line.strip().removesuffix(".yaml") for line in args.only.read_text().splitlines() if line.strip()} if args.only else None
    return measure(args.out, args.split, extra, only)


if __name__ == "__main__":
    sys.exit(main())
