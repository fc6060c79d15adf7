"""Read Python 3.12 syntax on an older interpreter: f-strings (PEP 701), type parameters (PEP 695).

Python 3.12 lets an f-string reuse its own quotes inside a replacement field
(``f"{d["key"]}"``), put backslashes and comments there, and split a field over lines. Code
written that way is a syntax error to the 3.11 parser, and a file that does not parse is a file
no rule reads: its tools, secrets and switches all go unseen. When ``ast.parse`` fails on an
f-string, :func:`downgrade_fstrings` rewrites every f-string into a form 3.11 accepts, keeping
every line where it was, so findings keep their lines:

- a string nested in a field takes a quote its enclosing strings do not use; where its text
  cannot be written without a backslash or a used quote, that text is dropped (the field's
  names and calls are what rules read; a nested literal's text rarely matters);
- comments inside a field are dropped, and a one-line f-string whose field spans lines becomes
  triple-quoted, so the newlines stay;
- with no quote left for a deeply nested string, it becomes ``None``.

``type Alias = ...`` statements and type parameter lists (``def first[T](xs: list[T])``,
``class Box[T]:``) are rewritten on the lines the parser stops at: the alias becomes a plain
assignment and the parameter list goes, which changes nothing a rule reads.

Only the tree is rewritten; rules still see the file's own text and lines.
"""
from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

_START = re.compile(r"(?i)(rb|br|fr|rf|r|b|u|f)?('''|\"\"\"|'|\")")
_QUOTES = ('"', "'")


_TYPE_ALIAS = re.compile(r"^(\s*)type\s+([A-Za-z_]\w*)\s*(?:\[[^=]*\])?\s*=")
_TYPE_PARAMS = re.compile(r"^(\s*(?:async\s+)?(?:def|class)\s+[A-Za-z_]\w*)\s*\[[^=]*?\]\s*(?=[(:])")
_MAX_LINE_FIXES = 200


def parse_newer(source: str, filename: str) -> ast.Module | None:
    """The tree of ``source`` read as Python 3.12 code, or None when it is not valid even so."""
    text = source
    try:
        text = downgrade_fstrings(text)
    except (ValueError, RecursionError):
        pass  # the type-statement fixes below may still be all the file needs
    for _ in range(_MAX_LINE_FIXES):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ast.parse(text, filename=filename)
        except SyntaxError as exc:
            fixed = _fix_line(text, exc.lineno or 0)
            if fixed is None:
                return None
            text = fixed
        except (ValueError, RecursionError, MemoryError):
            return None
    return None


def _fix_line(text: str, lineno: int) -> str | None:
    """Rewrite the PEP 695 syntax on line ``lineno``, or None when that line holds none."""
    lines = text.split("\n")
    if not 0 < lineno <= len(lines):
        return None
    line = lines[lineno - 1]
    fixed = _TYPE_ALIAS.sub(r"\1\2 =", line, count=1)
    if fixed == line:
        fixed = _TYPE_PARAMS.sub(r"\1", line, count=1)
    if fixed == line:
        return None
    lines[lineno - 1] = fixed
    return "\n".join(lines)


class _Unreadable(ValueError):
    """The text is not a string this scanner understands; give up on the whole rewrite."""


@dataclass
class _Plain:
    prefix: str
    content: str  # between the quotes, as written


@dataclass
class _Field:
    code: list = field(default_factory=list)  # str pieces of code and nested _Plain/_FString
    conversion: str = ""
    spec: list | None = None  # literal str pieces and _Field items after ``:``


@dataclass
class _FString:
    prefix: str
    quote: str
    pieces: list = field(default_factory=list)  # literal str (as written) and _Field


def downgrade_fstrings(source: str) -> str:
    """Return ``source`` with every f-string in a form Python 3.11 parses, lines unchanged.

    Raises ``ValueError`` when the text holds a string this scanner cannot follow."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "#":
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(source[i:end])
            i = end
            continue
        if ch in "rRbBuUfF\"'" and not _in_identifier(source, i):
            match = _START.match(source, i)
            if match:
                node, i = _string(source, match)
                out.append(source[match.start():i] if isinstance(node, _Plain) else _render_top(node))
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _in_identifier(source: str, i: int) -> bool:
    return i > 0 and (source[i - 1].isalnum() or source[i - 1] == "_")


def _string(source: str, match: re.Match) -> tuple[_Plain | _FString, int]:
    prefix, quote = match.group(1) or "", match.group(2)
    if "f" in prefix.lower():
        node = _FString(prefix, quote)
        end = _fstring_body(source, match.end(), quote, node.pieces)
        return node, end
    k = match.end()
    while True:
        if k >= len(source):
            raise _Unreadable("unterminated string")
        if source[k] == "\\":
            k += 2
        elif source.startswith(quote, k):
            return _Plain(prefix, source[match.end():k]), k + len(quote)
        elif len(quote) == 1 and source[k] == "\n":
            raise _Unreadable("newline in a one-line string")
        else:
            k += 1


def _fstring_body(source: str, k: int, quote: str, pieces: list) -> int:
    """Literal text and fields up to the closing quote; returns the index after it."""
    start = k
    while True:
        if k >= len(source):
            raise _Unreadable("unterminated f-string")
        ch = source[k]
        if source.startswith(quote, k):
            pieces.append(source[start:k])
            return k + len(quote)
        if ch == "\\":
            k += 2
        elif ch in "{}" and source.startswith(ch * 2, k):
            k += 2
        elif ch == "{":
            pieces.append(source[start:k])
            fld = _Field()
            k = _field(source, k + 1, fld)
            pieces.append(fld)
            start = k
        elif len(quote) == 1 and ch == "\n":
            raise _Unreadable("newline in a one-line f-string")
        else:
            k += 1


def _field(source: str, k: int, fld: _Field) -> int:
    """One ``{...}`` replacement field from after its ``{``; returns the index after its ``}``."""
    depth = 0
    code_start = k
    while True:
        if k >= len(source):
            raise _Unreadable("unterminated replacement field")
        ch = source[k]
        if ch in "([{":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "}":
            if depth == 0:
                fld.code.append(source[code_start:k])
                return k + 1
            depth -= 1
        elif ch == "#":
            fld.code.append(source[code_start:k])
            end = source.find("\n", k)
            if end < 0:
                raise _Unreadable("comment runs to the end of the file")
            k = code_start = end
            continue
        elif ch == "\\":
            fld.code.append(source[code_start:k] + " ")  # a line continuation: 3.11 allows none here
            k = code_start = k + 1
            continue
        elif ch in "rRbBuUfF\"'" and not _in_identifier(source, k) and (match := _START.match(source, k)):
            fld.code.append(source[code_start:k])
            node, k = _string(source, match)
            fld.code.append(node)
            code_start = k
            continue
        elif depth == 0 and ch == "!" and k + 1 < len(source) and source[k + 1] != "=":
            fld.code.append(source[code_start:k])
            fld.conversion = source[k + 1]
            k += 2
            if k < len(source) and source[k] == "}":
                return k + 1
            if k >= len(source) or source[k] != ":":
                raise _Unreadable("bad conversion")
            return _spec(source, k + 1, fld)
        elif depth == 0 and ch == ":":
            fld.code.append(source[code_start:k])
            return _spec(source, k + 1, fld)
        k += 1


def _spec(source: str, k: int, fld: _Field) -> int:
    """A format spec: literal text with nested fields, up to the field's closing ``}``."""
    fld.spec = []
    start = k
    while True:
        if k >= len(source):
            raise _Unreadable("unterminated format spec")
        ch = source[k]
        if ch == "}":
            fld.spec.append(source[start:k])
            return k + 1
        if ch == "{":
            fld.spec.append(source[start:k])
            inner = _Field()
            k = _field(source, k + 1, inner)
            fld.spec.append(inner)
            start = k
        else:
            k += 1


def _render_top(node: _FString) -> str:
    """An outermost f-string keeps its quote and its literal text as written."""
    multi_line = any(isinstance(p, _Field) and "\n" in _render_field(p, {node.quote[0]}) for p in node.pieces)
    quote = node.quote * 3 if multi_line and len(node.quote) == 1 else node.quote
    body = "".join(p if isinstance(p, str) else _render_field(p, {node.quote[0]}) for p in node.pieces)
    return f"{node.prefix}{quote}{body}{quote}"


def _render_field(fld: _Field, used: set[str]) -> str:
    code = "".join(p if isinstance(p, str) else _render_nested(p, used) for p in fld.code)
    text = "{" + code
    if fld.conversion:
        text += "!" + fld.conversion
    if fld.spec is not None:
        text += ":" + "".join(_safe_text(p, used)[0] if isinstance(p, str) else _render_field(p, used)
                              for p in fld.spec)
    return text + "}"


def _render_nested(node: _Plain | _FString, used: set[str]) -> str:
    """A string inside a field: a quote the enclosing strings leave free, and text 3.11 accepts
    there (no backslash, no used quote); newlines it held follow it as whitespace."""
    quote = next((q for q in _QUOTES if q not in used), "")
    if not quote:
        return "None"
    if isinstance(node, _Plain):
        text, newlines = _safe_text(node.content, used | {quote})
        return f"{node.prefix}{quote}{text}{quote}" + "\n" * newlines
    inner = used | {quote}
    body, newlines = [], 0
    for piece in node.pieces:
        if isinstance(piece, str):
            text, lost = _safe_text(piece, inner)
            body.append(text)
            newlines += lost
        else:
            rendered = _render_field(piece, inner)
            newlines += rendered.count("\n")
            body.append(rendered.replace("\n", " "))
    return f"{node.prefix}{quote}{''.join(body)}{quote}" + "\n" * newlines


def _safe_text(text: str, used: set[str]) -> tuple[str, int]:
    """``text`` without backslashes, used quotes or newlines (returned as a count to put back)."""
    newlines = text.count("\n")
    for bad in ("\\", "\n", "\r", *used):
        text = text.replace(bad, "")
    return text, newlines
