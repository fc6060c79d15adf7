"""A hostile repository, generated at test time: every kind of bad input readiness must survive.

``build(root)`` writes the tree and returns what a scan must say about it: the diagnostic kind
expected for each bad file (``None`` for inputs that are odd but valid and must parse), and the
findings expected in the good files next to them. Some cases cannot be committed as files
(symlink loops, a 3 MB file, permissions), hence a generator; ``bench/fuzz.py`` and the 20,000-file
tree reuse it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

# A good agent module: exactly one RDY101 (line 4) and one RDY301 (line 4).
GOOD_PY = '''"""A healthy module next to the hostile ones."""
from openai import OpenAI

REPLY = OpenAI().chat.completions.create(model="gpt-4o", messages=[])
'''
CAPPED = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-2024-08-06", max_tokens=5, messages=[])\n'


def _nested_parens(depth: int) -> str:
    return "x = " + "(" * depth + "1" + ")" * depth + "\n"


def build(root: Path, max_file_size: int = 2_000_000) -> dict:
    """Write the hostile tree under ``root``; return the expectations."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        # -- Python ---------------------------------------------------------------------------
        "good/agent.py": GOOD_PY.encode(),
        "good/capped.py": CAPPED.encode(),
        "py/syntax_error.py": b"def broken(:\n    pass\n",
        "py/python2.py": b"print 'hello'\nexec 'x = 1'\n",
        "py/latin1_no_cookie.py": 'NAME = "caf\xe9"\n'.encode("latin-1"),
        "py/latin1_cookie.py": '# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n'.encode("latin-1"),
        "py/mixed_encoding.py": 'A = "caf\xe9"\n'.encode("utf-8") + 'B = "caf\xe9"\n'.encode("latin-1"),
        "py/bom.py": b"\xef\xbb\xbf" + CAPPED.encode(),
        "py/nul_bytes.py": b"x = 1\n\x00\x00\x00binary\n",
        "py/empty.py": b"",
        "py/long_line.py": ("X = '" + "a" * 500_000 + "'\n").encode(),
        "py/deep_parens.py": _nested_parens(2_000).encode(),
        "py/deep_lists.py": ("X = " + "[" * 50_000 + "]" * 50_000 + "\n").encode(),
        "py/too_large.py": b"# filler\n" * (max_file_size // 9 + 10),
        "py/binary_with_py_ext.py": bytes(range(256)) * 8,
        "py/only_comments.py": b"# nothing here\n" * 3,
        # -- notebooks ------------------------------------------------------------------------
        "nb/broken.ipynb": b'{"cells": [{"cell_type": "code", "source": ["x = 1"',
        "nb/no_cells.ipynb": json.dumps({"metadata": {}, "nbformat": 4}).encode(),
        "nb/odd_cells.ipynb": json.dumps({"cells": [None, 3, {"cell_type": "code", "source": 7},
                                                    {"cell_type": "code"}, "text"]}).encode(),
        "nb/bad_cell.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": ["print 'py2'\n"]}]}).encode(),
        "nb/deep_output.ipynb": ('{"cells": [{"cell_type": "code", "source": ["y = 2"], "outputs": '
                                 + "[" * 5_000 + "]" * 5_000 + "}]}").encode(),
        # -- YAML ---------------------------------------------------------------------------
        "yaml/syntax.yaml": b"key: [unclosed\nother: : :\n",
        "yaml/alias_bomb.yaml": _alias_bomb().encode(),
        "yaml/huge_anchor.yaml": ("base: &b\n" + "".join(f"  k{i}: v{i}\n" for i in range(20_000))
                                  + "".join(f"copy{i}: *b\n" for i in range(200))).encode(),
        "yaml/duplicate_keys.yaml": b"name: first\nname: second\n",
        "yaml/deep.yaml": ("a: " + "[" * 20_000 + "]" * 20_000 + "\n").encode(),
        "yaml/tabs_and_nul.yaml": b"a:\n\tb: 1\x00\n",
        # -- JSON / TOML / dotenv / Dockerfile ----------------------------------------------
        "data/syntax.json": b'{"a": 1,,}',
        "data/deep.json": ("[" * 100_000 + "]" * 100_000).encode(),
        "data/duplicate_keys.json": b'{"name": "first",\n "name": "second"}',
        "data/syntax.toml": b"[tool\nname = \n",
        "data/duplicate_keys.toml": b'name = "a"\nname = "b"\n',
        "data/.env": b"GOOD=1\n\x00\xff\xfe=\xde\xad\nLANGSMITH_TRACING=false\n",
        "data/Dockerfile": b"FROM python:3.12\n\xff\xfeRUN \x00 echo\nENV OTEL_SDK_DISABLED=true\n",
        # -- TS / JS -------------------------------------------------------------------------
        "web/syntax.ts": b"export const = (;\n",
        "web/minified.js": ("var a=" + "1+" * 200_000 + "1;\n").encode(),
        "web/nul.ts": b"const a = 1;\x00\x00\n",
        "web/broken_agent.ts": b'import OpenAI from "openai";\nconst c = new OpenAI(;\nc.chat.completions.create({ model: "gpt-4o" \n',
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "pyproject.toml").write_text('[project]\nname = "hostile"\n', encoding="utf-8")
    # Symlinks: a loop back to the root, a link to a missing file, a self-referencing link.
    links = root / "links"
    links.mkdir(exist_ok=True)
    for name, target in (("loop", ".."), ("dangling.py", "missing.py"), ("self.py", "self.py")):
        try:
            os.symlink(target, links / name)
        except (OSError, NotImplementedError):  # pragma: no cover - platforms without symlinks
            pass
    expected = {
        "py/syntax_error.py": "unparsable",
        "py/python2.py": "unparsable",
        "py/latin1_no_cookie.py": None,  # undecodable bytes become U+FFFD; still valid Python
        "py/latin1_cookie.py": None,
        "py/mixed_encoding.py": None,
        "py/bom.py": None,
        "py/nul_bytes.py": "binary",
        "py/empty.py": None,
        "py/long_line.py": None,
        "py/deep_parens.py": "unparsable",
        "py/deep_lists.py": "unparsable",
        "py/too_large.py": "too-large",
        "py/binary_with_py_ext.py": "binary",
        "py/only_comments.py": None,
        "nb/broken.ipynb": "unparsable-notebook",
        "nb/no_cells.ipynb": "unparsable-notebook",
        "nb/odd_cells.ipynb": None,
        "nb/bad_cell.ipynb": "unparsable-cell",
        "nb/deep_output.ipynb": "unparsable-notebook",
        "yaml/syntax.yaml": "unparsable",
        "yaml/alias_bomb.yaml": None,
        "yaml/huge_anchor.yaml": None,
        "yaml/duplicate_keys.yaml": "duplicate-key",
        "yaml/deep.yaml": "unparsable",
        "yaml/tabs_and_nul.yaml": "binary",
        "data/syntax.json": "unparsable",
        "data/deep.json": "unparsable",
        "data/duplicate_keys.json": "duplicate-key",
        "data/syntax.toml": "unparsable",
        "data/duplicate_keys.toml": "unparsable",
        "data/.env": "binary",
        "data/Dockerfile": "binary",
        "web/syntax.ts": None,  # semgrep reports TS syntax errors itself (see semgrep-error)
        "web/minified.js": None,
        "web/nul.ts": "binary",
        "web/broken_agent.ts": "semgrep-error",
        "links/loop": "symlink-loop",
        "links/dangling.py": "unreadable",
        "links/self.py": "unreadable",
    }
    good = {("good/agent.py", 4, "RDY101"), ("good/agent.py", 4, "RDY301")}
    return {"diagnostics": expected, "findings": good}


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"model: *a{levels - 1}")
    return "\n".join(lines) + "\n"
