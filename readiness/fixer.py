"""`readiness fix`: apply the mechanical fixes rules declare on their findings (readiness.model.Edit).

A fix replaces one token on one line (an alias by the snapshot the rule pack maps it to), so
comments, quotes and layout around it survive by construction. A file is changed only when
- every edit still finds its old text at its place (the file did not change since the scan);
- the file parses before and after: Python with libcst (the concrete syntax tree the edit must
  keep), YAML and TOML with their safe loaders; a file that does not parse is never touched.
Edits to one file apply right to left, so earlier columns stay valid. libcst is imported here
only, so ``readiness check`` never pays for it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from readiness.discover import file_kind


_DIRECTIVE = "readiness" + ": "  # split so this file holds no directive of its own


@dataclass
class FileFix:
    path: str  # relative to the repository root, as in the report
    before: str
    after: str
    fixed: list = field(default_factory=list)  # the findings this change fixes
    skipped: str = ""  # why the file was left alone

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            f"a/{self.path}", f"b/{self.path}"))


def fixable(findings: list) -> list:
    """Active findings that carry an edit (suppressed and baselined ones are left as they are)."""
    return [f for f in findings if f.edit is not None and f.state == "active"]


def plan(report) -> list[FileFix]:
    """The change each file would get, in path order; nothing is written."""
    by_path: dict[str, list] = {}
    for finding in fixable(report.findings):
        by_path.setdefault(finding.location.path, []).append(finding)
    root = Path(report.root or ".")
    return [_plan_file(root, path, findings) for path, findings in sorted(by_path.items())]


def _plan_file(root: Path, path: str, findings: list) -> FileFix:
    before, why = _read(root, path)
    if why:
        return FileFix(path, "", "", skipped=why)
    kind = file_kind(path.rsplit("/", 1)[-1])
    if not _parses(before, kind):
        return FileFix(path, before, before, skipped="it does not parse")
    lines = before.splitlines(keepends=True)
    applied, seen = [], set()
    for finding in sorted(findings, key=lambda f: (f.edit.line, f.edit.column), reverse=True):
        edit = finding.edit
        if (edit.line, edit.column) in seen or not 0 < edit.line <= len(lines):
            continue
        text = lines[edit.line - 1]
        if text[edit.column - 1:edit.end_column - 1] != edit.old:
            return FileFix(path, before, before, skipped="it changed since the scan")
        lines[edit.line - 1] = text[:edit.column - 1] + edit.new + text[edit.end_column - 1:]
        seen.add((edit.line, edit.column))
        applied.append(finding)
    after = "".join(lines)
    if not _parses(after, kind):
        return FileFix(path, before, before, skipped="the fixed text would not parse")
    return FileFix(path, before, after, fixed=sorted(applied, key=lambda f: f.sort_key()))


def _read(root: Path, path: str) -> tuple[str, str]:
    """The file's text with its own line endings, or "" and why it could not be read."""
    try:
        with open(root / path, encoding="utf-8", newline="") as handle:
            return handle.read(), ""
    except (OSError, UnicodeDecodeError) as exc:
        return "", f"cannot read it ({type(exc).__name__})"


def _parses(text: str, kind: str) -> bool:
    if kind == "python":
        import libcst

        try:
            libcst.parse_module(text)
        except Exception:  # noqa: BLE001 - libcst raises its own ParserSyntaxError and more
            return False
        return True
    if kind == "yaml":
        import yaml

        try:
            list(yaml.safe_load_all(text))
        except yaml.YAMLError:
            return False
        return True
    if kind == "toml":
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return False
        return True
    return kind in ("dotenv",)  # kinds with a declared fix and no stricter parser; others are not fixed


def write(fixes: list[FileFix], root: str) -> int:
    """Write the changed files; the number written."""
    written = 0
    for fix in fixes:
        if fix.after != fix.before:
            with open(Path(root) / fix.path, "w", encoding="utf-8", newline="") as handle:
                handle.write(fix.after)
            written += 1
    return written


def suppression(report, path: str, line: int, rule_id: str, reason: str) -> FileFix:
    """Write ``readiness: ignore[RULE] reason`` on the finding's line, the way directives are
    written everywhere: at the end of the line, after any comment already there. Refused (``skipped``)
    when there is no active finding of that rule on that line, when the line ends inside a
    multi-line string (a comment there would change the string) or the format has no ``#`` comment."""
    from readiness.suppress import COMMENT_KINDS

    wanted = [f for f in report.findings if f.rule == rule_id and f.location.path == path and f.location.line == line]
    if not any(f.state == "active" for f in wanted):
        return FileFix(path, "", "", skipped=f"no active {rule_id} finding at {path}:{line}")
    kind = file_kind(path.rsplit("/", 1)[-1])
    if kind not in COMMENT_KINDS or kind == "tsjs":
        return FileFix(path, "", "", skipped=f"{kind} files take no `#` comment")
    root = Path(report.root or ".")
    before, why = _read(root, path)
    if why:
        return FileFix(path, "", "", skipped=why)
    lines = before.splitlines(keepends=True)
    if not 0 < line <= len(lines):
        return FileFix(path, before, before, skipped=f"it has no line {line}")
    if kind == "python" and _ends_inside_string(before, line):
        return FileFix(path, before, before, skipped=f"line {line} ends inside a multi-line string; "
                                                  "suppress it on the line above the statement by hand")
    text = lines[line - 1]
    body = text.rstrip("\r\n")
    ending = text[len(body):]
    directive = f"{_DIRECTIVE}ignore[{rule_id}] {' '.join(reason.split())}"
    lines[line - 1] = f"{body.rstrip()}  # {directive}{ending}"
    after = "".join(lines)
    if not _parses(after, kind) and _parses(before, kind):
        return FileFix(path, before, before, skipped="the commented line would not parse")
    return FileFix(path, before, after, fixed=wanted)


def _ends_inside_string(source: str, line: int) -> bool:
    """Does physical ``line`` end inside a string token (a triple-quoted string spanning lines)?"""
    import io
    import tokenize

    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and token.start[0] <= line < token.end[0]:
                return True
            if token.start[0] > line:
                break
    except (tokenize.TokenError, SyntaxError):
        return True  # cannot tell: do not risk it
    return False
