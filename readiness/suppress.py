"""Inline suppressions, fingerprints and baselines: how a team says "known, and here is why"."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from readiness.model import Diagnostic, Finding

# Directive syntax, after `#` (or `//` for TS/JS): readiness: ignore[RDY101, RDY3] reason;
# ignore-file[...] covers the file.
DIRECTIVE = re.compile(
    r"(?:#|//)\s*readiness:\s*(?P<verb>ignore-file|ignore)\s*(?:\[(?P<ids>[^\]]*)\])?\s*(?P<reason>.*)$"
)
COMMENT_KINDS = {"python", "yaml", "toml", "dotenv", "shell", "dockerfile", "tsjs", "ini", "other", "text"}


@dataclass(frozen=True)
class Directive:
    line: int
    ids: tuple[str, ...]
    reason: str
    file_level: bool
    standalone: bool  # the comment is alone on its line, so it covers the next line


def parse_directives(lines: list[str], kind: str) -> list[Directive]:
    """Find suppression comments. Cheap substring test first: most files have none."""
    if kind not in COMMENT_KINDS:
        return []
    found: list[Directive] = []
    for number, line in enumerate(lines, 1):
        if "readiness:" not in line:
            continue
        m = DIRECTIVE.search(line)
        if not m:
            continue
        ids = tuple(sorted({i.strip().upper() for i in (m.group("ids") or "").split(",") if i.strip()}))
        standalone = line.lstrip().startswith(("#", "//"))
        found.append(Directive(number, ids, m.group("reason").strip(), m.group("verb") == "ignore-file", standalone))
    return found


def _matches(directive_id: str, rule_id: str) -> bool:
    return rule_id.startswith(directive_id)


def apply_directives(
    findings: list[Finding], directives: dict[str, list[Directive]], known_ids: set[str]
) -> list[Diagnostic]:
    """Mark suppressed findings; report directives that are malformed, unknown or unused."""
    diagnostics: list[Diagnostic] = []
    used: set[tuple[str, int]] = set()
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.location.path, []).append(f)

    for path, items in sorted(directives.items()):
        for d in items:
            if not d.ids:
                diagnostics.append(Diagnostic("bad-suppression", "suppression names no rule; write ignore[RDY101] with the rule IDs", path, d.line))
                continue
            unknown = [i for i in d.ids if not any(_matches(i, k) for k in known_ids)]
            if unknown:
                diagnostics.append(Diagnostic("bad-suppression", f"suppression names unknown rule {', '.join(unknown)}", path, d.line))
            if not d.reason:
                diagnostics.append(Diagnostic("bad-suppression", "suppression gives no reason; add one after the brackets", path, d.line))
            for f in by_path.get(path, []):
                if f.state != "active" or not any(_matches(i, f.rule) for i in d.ids):
                    continue
                covers = d.file_level or f.location.line == d.line or (d.standalone and f.location.line == d.line + 1)
                if covers:
                    f.state = "suppressed"
                    f.justification = d.reason
                    f.suppression_kind = "inSource"
                    used.add((path, d.line))
            if (path, d.line) not in used and d.ids and not unknown:
                diagnostics.append(Diagnostic("unused-suppression", f"suppression of {', '.join(d.ids)} matched no finding", path, d.line))
    return diagnostics


def fingerprints(findings: list[Finding], view=None) -> dict[int, str]:
    """Stable IDs that ignore line numbers, by ``id(finding)``: (rule, path, normalised line text,
    occurrence). Project-level findings hash (rule, project, subject). A sensitive finding's line
    text holds a secret, so its redacted message stands in for it.

    ``view`` maps a repository path (or project folder) to another one; baselines written when paths
    were relative to the scanned folder are matched through it."""
    seen: Counter = Counter()
    out: dict[int, str] = {}
    see = view or (lambda path: path)
    for f in sorted(findings, key=Finding.sort_key):
        if f.subject:
            basis = ("project", f.rule, see(f.project), f.subject)
        else:
            text = f.message if f.sensitive else f.snippet
            basis = ("line", f.rule, see(f.location.path), text)
        seen[basis] += 1
        raw = "\0".join(map(str, basis + (seen[basis],)))
        out[id(f)] = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return out


def assign_fingerprints(findings: list[Finding]) -> None:
    """One fingerprint per finding, from its repository-root path, however the scan was started."""
    ids = fingerprints(findings)
    for f in findings:
        f.fingerprint = ids[id(f)]


def folder_view(folder: str):
    """Paths as a scan of ``folder`` (relative to the repository root) used to write them: the
    view of baselines from before paths started at the repository root."""
    if not folder:
        return None

    def see(path: str) -> str:
        if path == folder:
            return "."
        return path[len(folder) + 1:] if path.startswith(folder + "/") else path
    return see


BASELINE_VERSION = 2  # 2: paths relative to the repository root; 1: relative to the scanned folder


class BaselineError(Exception):
    pass


@dataclass
class Baseline:
    entries: dict[str, dict]
    version: int = BASELINE_VERSION


def write_baseline(path: Path, findings: list[Finding]) -> int:
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule, "path": f.location.path, "line": f.location.line, "message": f.message}
        for f in sorted(findings, key=Finding.sort_key) if f.state != "suppressed"
    ]
    doc = {"tool": "readiness", "version": BASELINE_VERSION, "paths": "repository-root", "entries": entries}
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: Path) -> Baseline:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise BaselineError(f"baseline {path} is not valid JSON") from exc
    if not isinstance(doc, dict) or doc.get("tool") != "readiness" or not isinstance(doc.get("entries"), list):
        raise BaselineError(f"baseline {path} is not a readiness baseline (write one with --write-baseline)")
    table = {}
    for entry in doc["entries"]:
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            table[entry["fingerprint"]] = entry
    version = doc.get("version")
    return Baseline(table, version if isinstance(version, int) else 1)


def match_baseline(findings: list[Finding], baseline: Baseline, scanned_folder: str, where: str,
                   today: _dt.date | None = None) -> list[Diagnostic]:
    """Apply ``baseline``; one written with paths relative to the scanned folder (version 1) is
    matched through that folder's view, and a note says to rewrite it."""
    diagnostics: list[Diagnostic] = []
    legacy = None
    if baseline.version < 2 and scanned_folder:
        legacy = fingerprints(findings, folder_view(scanned_folder))
        diagnostics.append(Diagnostic(
            "baseline-paths", f"baseline {where} holds paths relative to the scanned folder {scanned_folder}/ "
            "(written by an older readiness); matched that way. Rewrite it with --write-baseline: "
            "paths now start at the repository root"))
    return diagnostics + apply_baseline(findings, baseline.entries, today, legacy)


def apply_baseline(findings: list[Finding], entries: dict[str, dict], today: _dt.date | None = None,
                   legacy: dict[int, str] | None = None) -> list[Diagnostic]:
    """Matching findings become ``baselined``: shown and scored, but not failing the gate."""
    today = today or _dt.date.today()
    diagnostics: list[Diagnostic] = []
    expired: set[str] = set()
    for fp, entry in entries.items():
        expires = entry.get("expires")
        if expires:
            try:
                if _dt.date.fromisoformat(str(expires)) < today:
                    expired.add(fp)
            except ValueError:
                diagnostics.append(Diagnostic("bad-baseline", f"baseline entry {fp} has an invalid expires date {expires!r}"))
    for f in findings:
        fp = f.fingerprint if f.fingerprint in entries or legacy is None else legacy.get(id(f), "")
        if f.state == "active" and fp in entries:
            if fp in expired:
                diagnostics.append(Diagnostic("baseline-expired", f"baseline entry for {f.rule} expired on {entries[fp]['expires']}",
                                              f.location.path, f.location.line))
            else:
                f.state = "baselined"
                f.suppression_kind = "external"
                f.justification = "baseline"
    return diagnostics
