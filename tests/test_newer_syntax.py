"""Python 3.12 syntax read on any interpreter: the tree comes back with every line in place."""
import ast
import sys

import pytest

from readiness.newer_syntax import downgrade_fstrings, parse_newer
from readiness.parse import parse_bytes

CASES = [
    ('x = f"{d["key"]}"\n', "Subscript", 1),                     # the f-string's own quote reused inside
    ("y = f\"{'\\n'.join(lines)}\"\nz = 1\n", "Call", 2),          # a backslash inside a field
    ('a = f"{\n  x  # why\n  + 1\n}"\nb = 2\n', "BinOp", 5),       # a field over lines, with a comment
    ('a = f"{f"{f"{x}"}"}"\n', "JoinedStr", 1),                  # nested three deep
    ('a = f"{x!r:>{width}} {{lit}}"\n', "Name", 1),              # conversion, nested spec, doubled braces
]


@pytest.mark.parametrize("source,inner,last_line", CASES)
def test_downgraded_fstrings_parse_with_lines_kept(source, inner, last_line):
    out = downgrade_fstrings(source)
    tree = ast.parse(out)
    assert out.count("\n") == source.count("\n")
    assert any(type(n).__name__ == inner for n in ast.walk(tree.body[0]))
    assert tree.body[-1].lineno == last_line


def test_names_inside_fields_survive():
    tree = parse_newer('import subprocess\nsubprocess.run(f"ls {args["path"]} {"\\n".join(extra)}", shell=True)\n', "t.py")
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert {"subprocess", "args", "extra"} <= names


def test_plain_strings_and_comments_are_left_alone():
    source = "s = 'it''s'  # f\"{x\nq = rf\"\\d{n}\" + b\"\\x00\"\n"
    assert downgrade_fstrings(source) == source


def test_type_statements_and_parameter_lists():
    tree = parse_newer("type Handler = Callable[..., int]\n\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\n\n"
                       "class Box[T: int](Base):\n    pass\n", "t.py")
    assert [type(n).__name__ for n in tree.body] == ["Assign", "FunctionDef", "ClassDef"]
    assert [n.lineno for n in tree.body] == [1, 3, 6]
    assert tree.body[2].bases[0].id == "Base"


def test_real_syntax_errors_stay_errors():
    assert parse_newer("x = (\n", "t.py") is None
    assert parse_newer('x = f"{\n', "t.py") is None


def test_parse_reports_the_fallback_without_blocking():
    parsed = parse_bytes(b'import os\nKEY = f"{os.environ["HOME"]}"\n', "python", "a.py")
    assert parsed.tree is not None and not parsed.broken
    if sys.version_info >= (3, 12):
        assert parsed.diagnostics == []
    else:
        [diag] = parsed.diagnostics
        assert (diag.kind, diag.line, diag.blocking) == ("newer-syntax", 2, False)


def test_unparsable_file_is_still_blocking():
    parsed = parse_bytes(b"def broken(:\n", "python", "a.py")
    assert parsed.broken and parsed.tree is None
    assert [(d.kind, d.blocking) for d in parsed.diagnostics] == [("unparsable", True)]


@pytest.mark.parametrize("source, what", [
    ('name = "x"\ngreeting = t"hello {name}"\n', "template strings (PEP 750)"),
    ("try:\n    pass\nexcept ValueError, TypeError:\n    pass\n", "several exceptions and no brackets (PEP 758)"),
])
def test_syntax_of_a_newer_python_names_the_version_to_run_under(source, what):
    parsed = parse_bytes(source.encode(), "python", "new.py")
    if sys.version_info >= (3, 14):  # the running parser reads it: nothing to say
        assert parsed.diagnostics == [] and not parsed.broken
        return
    [diagnostic] = parsed.diagnostics
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert diagnostic.kind == "unparsable" and diagnostic.blocking
    assert what in diagnostic.message
    assert diagnostic.message.endswith(f"run readiness under Python 3.14+ (it runs under {running})")


def test_an_ordinary_syntax_error_gets_no_version_hint():
    parsed = parse_bytes(b"def broken(:\n    pass\n", "python", "bad.py")
    assert "run readiness under" not in parsed.diagnostics[0].message
