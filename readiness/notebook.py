"""Jupyter notebooks as Python: code cells joined into one source, with a map back to the file.

The Python rules run on that source like on any module; every finding is then moved to the
notebook's own line (the line of the raw ``.ipynb`` JSON that holds the code, so SARIF regions and
editors point at the file) and tagged with the cell and the line inside the cell. IPython magics
(``%pip``, ``!ls``, ``%%bash`` cells) are blanked, not parsed. A cell that is not valid Python is
left out with a diagnostic; the other cells are still checked.
"""
from __future__ import annotations

import ast
import json
import warnings
from dataclasses import dataclass, field

from readiness.model import Diagnostic, Location

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


@dataclass
class CellLine:
    cell: int  # 1-based, counting every cell
    line: int  # 1-based line inside the cell
    raw_line: int  # line of the .ipynb file
    raw_column: int  # column (1-based) of the cell line's first character in the .ipynb file


@dataclass
class NotebookSource:
    text: str = ""
    lines: list[CellLine] = field(default_factory=list)  # index = virtual line - 1
    tree: ast.Module | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def locate(self, loc: Location) -> Location:
        """The notebook file's own location for a location in the joined source."""
        if not 0 < loc.line <= len(self.lines):
            return loc
        where = self.lines[loc.line - 1]
        end = self.lines[loc.end_line - 1] if loc.end_line and 0 < loc.end_line <= len(self.lines) else where
        end_column = None
        if loc.end_column is not None and end.raw_line == where.raw_line and end is where:
            end_column = where.raw_column + loc.end_column - 1
        return Location(loc.path, where.raw_line, where.raw_column + loc.column - 1, end.raw_line, end_column,
                        cell=where.cell, cell_line=where.line)


def _source_positions(text: str) -> dict[tuple[int, int], int]:
    """Offsets of each ``cells[i].source[j]`` string in the raw JSON (``(i, -1)`` for a string source)."""
    found: dict[tuple[int, int], int] = {}

    def skip(i: int) -> int:
        while i < len(text) and text[i] in _WS:
            i += 1
        return i

    def value(i: int, path: tuple, depth: int) -> int:
        i = skip(i)
        if depth > 64:
            raise ValueError("nested too deeply")
        char = text[i]
        in_source = len(path) >= 3 and path[0] == "cells" and path[2] == "source"
        if char == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                key, i = _DECODER.raw_decode(text, skip(i))
                i = skip(i)
                i = value(i + 1, path + (key,), depth + 1)  # past ':'
                i = skip(i)
                if text[i] == "}":
                    return i + 1
                i += 1  # ','
        if char == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = value(i, path + (index,), depth + 1)
                i = skip(i)
                index += 1
                if text[i] == "]":
                    return i + 1
                i += 1
        if in_source and char == '"':
            if len(path) == 4:
                found[(path[1], path[3])] = i
            elif len(path) == 3:
                found[(path[1], -1)] = i
        _, end = _DECODER.raw_decode(text, i)
        return end

    try:
        value(0, (), 0)
    except (ValueError, IndexError, RecursionError):
        pass  # positions found so far are kept; the rest map to line 1
    return found


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 2  # column of the first character after the opening quote


def _blank_magic(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(("%", "!", "?")) or (stripped.rstrip().endswith("?") and not stripped.startswith("#")
                                                 and "(" not in stripped and "=" not in stripped):
        return ""
    return line


def to_python(raw: str, path: str) -> NotebookSource | Diagnostic:
    """The code cells of a notebook as one Python source with its line map, or why it can't be read."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        return Diagnostic("unparsable-notebook", f"notebook is not valid JSON ({exc.msg}, line {exc.lineno}); "
                                                 "only its text was checked", path, exc.lineno)
    except RecursionError:
        return Diagnostic("unparsable-notebook", "notebook JSON is nested too deeply; only its text was checked", path)
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return Diagnostic("unparsable-notebook", "notebook has no cells list; only its text was checked", path)
    positions = _source_positions(raw)
    out = NotebookSource()
    parts: list[str] = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            pieces = [s for s in source if isinstance(s, str)]
            cell_lines = "".join(pieces).splitlines()
            starts = []
            for j, piece in enumerate(pieces):  # each list item usually holds one line
                offset = positions.get((index, j))
                starts += [offset] * max(piece.count("\n") + (0 if piece.endswith("\n") else 1), 1)
        elif isinstance(source, str):
            cell_lines = source.splitlines()
            starts = [positions.get((index, -1))] * len(cell_lines)
        else:
            continue
        if not cell_lines:
            continue
        if cell_lines[0].lstrip().startswith("%%"):
            cell_lines = [""] * len(cell_lines)  # a cell magic: %%bash, %%sql ... is not Python
        cleaned = [_blank_magic(line) for line in cell_lines]
        chunk = "\n".join(cleaned)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(chunk)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            lineno = getattr(exc, "lineno", None) or 1
            offset = starts[lineno - 1] if 0 < lineno <= len(starts) else None
            raw_line = _line_col(raw, offset)[0] if offset is not None else 1
            reason = getattr(exc, "msg", None) or type(exc).__name__
            out.diagnostics.append(Diagnostic(
                "unparsable-cell", f"cell {index + 1} is not valid Python ({reason}, cell line {lineno}); "
                                   "that cell was skipped, the others were checked", path, raw_line))
            continue
        for number, _ in enumerate(cleaned, 1):
            offset = starts[number - 1] if number - 1 < len(starts) else None
            raw_line, raw_col = _line_col(raw, offset) if offset is not None else (1, 1)
            out.lines.append(CellLine(index + 1, number, raw_line, raw_col))
        parts.append(chunk)
        out.lines.append(out.lines[-1] if out.lines else CellLine(index + 1, 1, 1, 1))  # the joining newline
        parts.append("")
    out.text = "\n".join(parts)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out.tree = ast.parse(out.text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return Diagnostic("unparsable-notebook", f"notebook code cannot be analysed together ({type(exc).__name__})",
                          path)
    return out
