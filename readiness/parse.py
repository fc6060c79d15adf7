"""One parse per file: text decoding, Python ``ast``, data documents with a line index, dotenv.

Every rule reads the parse held here; nothing else opens a scanned file. Failures become one
diagnostic each and never stop the scan.
"""
from __future__ import annotations

import ast
import codecs
import io
import json
import re
import sys
import tokenize
import warnings
from dataclasses import dataclass, field
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from readiness.model import Diagnostic

DEFAULT_MAX_FILE_BYTES = 2_000_000


@dataclass
class DataDoc:
    """Safe-loaded data plus where each key path sits, so config rules report real lines."""

    data: Any
    index: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple, default: int = 1) -> int:
        while path:
            if path in self.index:
                return self.index[path]
            path = path[:-1]
        return default


@dataclass
class Parsed:
    text: str
    lines: list[str]
    tree: ast.Module | None = None
    docs: list[DataDoc] = field(default_factory=list)
    env: list[tuple[str, str, int]] = field(default_factory=list)  # dotenv KEY=VALUE lines
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # True when the structured parse failed; text rules still run on ``text``.
    broken: bool = False


def decode(data: bytes) -> str:
    """Decode source honouring a BOM or PEP 263 cookie; undecodable bytes become U+FFFD."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding, "replace")
    except (SyntaxError, LookupError):
        return data.decode("utf-8", "replace")


# Syntax of Python releases newer than some interpreters readiness runs under: (first version, what,
# a pattern for the offending line). Python 3.14: template strings (PEP 750), ``except A, B:``
# without brackets (PEP 758); Python 3.12: f-strings that reuse their quotes (PEP 701) and type
# parameter syntax (PEP 695), read by a fallback under 3.11 when it can.
_NEWER_SYNTAX = (
    ((3, 14), "template strings (PEP 750)", re.compile(r"""(?<![\w.])[tT][rR]?["']|(?<![\w.])[rR][tT]["']""")),
    ((3, 14), "`except` with several exceptions and no brackets (PEP 758)", re.compile(r"^\s*except\*?\s+[\w.]+\s*,")),
    ((3, 12), "f-strings that reuse their quotes (PEP 701)", re.compile(r"""f(["']).*\{[^}]*\1""")),
    ((3, 12), "type parameter syntax (PEP 695)", re.compile(r"^\s*(type\s+\w+\s*(\[.*\])?\s*=|(def|class)\s+\w+\[)")),
)


def _newer_syntax_hint(text: str, line: int) -> str:
    """When the line the parser rejects uses syntax of a newer Python than the one running, say so
    and name the version to run readiness under."""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    for version, what, pattern in _NEWER_SYNTAX:
        if sys.version_info < version and pattern.search(source):
            wanted = ".".join(map(str, version))
            running = f"{sys.version_info.major}.{sys.version_info.minor}"
            return f"; the line looks like {what}, new in Python {wanted}: run readiness under Python {wanted}+ (it runs under {running})"
    return ""


def parse_python(text: str, path: str, parsed: Parsed) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning on odd escapes in scanned code
            parsed.tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        line = exc.lineno or 1
        if sys.version_info < (3, 12):
            from readiness.newer_syntax import parse_newer  # rare: only files the running parser rejects
            parsed.tree = parse_newer(text, path)
            if parsed.tree is not None:
                parsed.diagnostics.append(Diagnostic(
                    "newer-syntax", f"written for Python 3.12+ ({exc.msg}, line {line}); read with a fallback that "
                                    "may shift columns on such lines: run readiness under Python 3.12+ for exact "
                                    "positions", path, line))
                return
        parsed.broken = True
        newer = _newer_syntax_hint(text, line)
        parsed.diagnostics.append(Diagnostic(
            "unparsable", f"Python syntax error: {exc.msg} (line {line}); rules did not run on this file" + newer,
            path, line, blocking=True))
    except (ValueError, RecursionError, MemoryError) as exc:
        parsed.broken = True
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        parsed.diagnostics.append(Diagnostic("unparsable", f"Python source cannot be parsed: {reason}", path, blocking=True))


def _yaml_index(node: yaml.Node, path: tuple, index: dict[tuple, int], depth: int = 0, seen: set | None = None,
                duplicates: list | None = None) -> None:
    """Record each key path's line. Aliased nodes are visited once, so alias bombs stay cheap."""
    seen = set() if seen is None else seen
    if depth > 200 or id(node) in seen or len(index) > 100_000:
        return
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys_here: set = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_path = path + (key_node.value,)
                if key_node.value in keys_here and duplicates is not None and key_node.value != "<<":
                    duplicates.append((key_node.value, key_node.start_mark.line + 1))
                keys_here.add(key_node.value)
                index.setdefault(key_path, key_node.start_mark.line + 1)
                _yaml_index(value_node, key_path, index, depth + 1, seen, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            item_path = path + (i,)
            index.setdefault(item_path, item.start_mark.line + 1)
            _yaml_index(item, item_path, index, depth + 1, seen, duplicates)


def parse_yaml(text: str, path: str, parsed: Parsed) -> None:
    """Compose with the safe loader (for lines), then construct plain data from the same nodes."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            while loader.check_node():
                node = loader.get_node()
                if node is None:
                    continue
                index: dict[tuple, int] = {}
                duplicates: list[tuple[str, int]] = []
                _yaml_index(node, (), index, duplicates=duplicates)
                data = loader.construct_document(node)
                parsed.docs.append(DataDoc(data, index))
                for key, line in duplicates[:1]:  # one diagnostic per file is enough to act on
                    parsed.diagnostics.append(_duplicate(key, line, path, len(duplicates)))
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        parsed.broken = True
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or ("nested too deeply" if isinstance(exc, RecursionError)
                                                   else type(exc).__name__)
        parsed.diagnostics.append(Diagnostic("unparsable", f"YAML cannot be parsed: {reason}", path, line))


def _duplicate(key: object, line: int, path: str, count: int) -> Diagnostic:
    shown = str(key)[:40]
    more = f" ({count - 1} more)" if count > 1 else ""
    return Diagnostic("duplicate-key", f"duplicate key `{shown}` at line {line}: the last value wins{more}", path, line)


_KEY_LINE = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.-]+))\s*[:=]')


def _text_index(lines: list[str], data: Any) -> dict[tuple, int]:
    """Approximate key-path lines for JSON/TOML: each key's first line after its parent's."""
    index: dict[tuple, int] = {}

    def first_key_line(key: str, start: int) -> int | None:
        quoted = f'"{key}"'
        for i in range(start, len(lines)):
            line = lines[i]
            if quoted in line or re.match(rf"^\s*{re.escape(key)}\s*=", line) or line.strip() in (f"[{key}]", f"[[{key}]]"):
                return i + 1
        return None

    def walk(node: Any, path: tuple, start: int, depth: int) -> int:
        """Index ``node``'s keys at or after line ``start`` (0-based); return the last line used."""
        if depth > 100:
            return start
        last = start
        if isinstance(node, dict):
            for key, value in node.items():
                line = first_key_line(str(key), last)
                if line is not None:
                    index[path + (key,)] = line
                last = max(last, walk(value, path + (key,), (line or last + 1) - 1, depth + 1))
        elif isinstance(node, list):
            for i, item in enumerate(node[:10_000]):
                if isinstance(item, dict) and item:
                    end = walk(item, path + (i,), last, depth + 1)
                    first = index.get(path + (i, next(iter(item))))
                    if first is not None:
                        index[path + (i,)] = first
                    last = max(last, end)
        return last

    walk(data, (), 0, 0)
    return index


_JSONC_TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.S)


def strip_jsonc(text: str) -> str:
    """Drop ``//`` and ``/* */`` comments and trailing commas outside strings, keeping newlines.

    tsconfig.json, .vscode/*.json and devcontainer.json are JSON-with-comments by convention; a
    scanner that calls them broken teaches users to ignore its diagnostics.
    """
    def keep(match: re.Match) -> str:
        token = match.group(0)
        if token.startswith('"'):
            return token
        return "\n" * token.count("\n")
    return _JSONC_TOKEN.sub(keep, text)


def _load_json(text: str, duplicates: list | None = None):
    def pairs(items):
        seen = set()
        for key, _ in items:
            if key in seen and duplicates is not None:
                duplicates.append(key)
            seen.add(key)
        return dict(items)

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except ValueError:
        if "/" not in text and "," not in text:
            raise
        stripped = strip_jsonc(text)
        if stripped == text:
            raise
        return json.loads(stripped, object_pairs_hook=pairs)  # if this fails too, its error points past the comments


def parse_json(text: str, path: str, parsed: Parsed) -> None:
    duplicates: list[str] = []
    try:
        data = _load_json(text, duplicates)
    except (ValueError, RecursionError) as exc:
        parsed.broken = True
        line = getattr(exc, "lineno", None)
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        parsed.diagnostics.append(Diagnostic("unparsable", f"JSON cannot be parsed: {reason}", path, line))
        return
    parsed.docs.append(DataDoc(data, _text_index(parsed.lines, data)))
    if duplicates:
        key = duplicates[0]
        line = next((n for n, text_line in enumerate(parsed.lines, 1) if f'"{key}"' in text_line), 1)
        line = next((n for n, text_line in enumerate(parsed.lines, 1) if n > line and f'"{key}"' in text_line), line)
        parsed.diagnostics.append(_duplicate(key, line, path, len(duplicates)))


def parse_toml(text: str, path: str, parsed: Parsed) -> None:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        parsed.broken = True
        parsed.diagnostics.append(Diagnostic("unparsable", f"TOML cannot be parsed: {str(exc).splitlines()[0]}", path))
        return
    parsed.docs.append(DataDoc(data, _text_index(parsed.lines, data)))


_DOTENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


def unquote(value: str) -> str:
    """Strip matching quotes or a trailing `` # comment`` from a dotenv/shell value."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return re.split(r"\s+#", value, maxsplit=1)[0]


def parse_dotenv(text: str, path: str, parsed: Parsed) -> None:
    for number, line in enumerate(parsed.lines, 1):
        m = _DOTENV_LINE.match(line)
        if m and not line.lstrip().startswith("#"):
            parsed.env.append((m.group(1), unquote(m.group(2)), number))


PARSERS = {
    "python": parse_python,
    "yaml": parse_yaml,
    "json": parse_json,
    "toml": parse_toml,
    "dotenv": parse_dotenv,
}


def parse_bytes(data: bytes, kind: str, path: str) -> Parsed:
    """Decode and parse one file's bytes according to its kind."""
    text = decode(data)
    parsed = Parsed(text=text, lines=text.splitlines())
    parser = PARSERS.get(kind)
    if parser is not None:
        try:
            parser(text, path, parsed)
        except Exception as exc:  # a parser's own bug or an exotic input: a diagnostic, never a crash
            parsed.broken = True
            parsed.tree, parsed.docs = None, []
            parsed.diagnostics.append(Diagnostic("unparsable", f"cannot be parsed ({type(exc).__name__})", path,
                                                 blocking=kind == "python"))
    return parsed


def read_file(abspath: str, kind: str, path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Parsed | Diagnostic:
    """Read and parse a file, or explain in one diagnostic why it was skipped."""
    try:
        with open(abspath, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return Diagnostic("unreadable", f"cannot read file: {exc.strerror or exc}", path, blocking=True)
    if len(data) > max_bytes:
        return Diagnostic("too-large", f"file is larger than {max_bytes} bytes; skipped (raise max-file-size to scan it)", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # ``pip freeze > requirements.txt`` in Windows PowerShell writes UTF-16: text, not binary
        data = data.decode("utf-16", "replace").encode("utf-8")
    if b"\0" in data[:8192]:
        if kind == "other":  # an unknown extension holding binary data is not a finding or a problem
            return Parsed(text="", lines=[])
        return Diagnostic("binary", "file has NUL bytes (binary content with a source extension); skipped", path)
    return parse_bytes(data, kind, path)
