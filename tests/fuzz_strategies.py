"""Hypothesis strategies for every file kind readiness reads (fast tests and bench/fuzz.py)."""
from __future__ import annotations

import json

import yaml
from hypothesis import strategies as st

from tests.hostile_tree import CAPPED, GOOD_PY

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                     st.dictionaries(st.text(max_size=12), inner, max_size=5)),
                    max_leaves=30)
# Words from the rules' vocabulary, so random text reaches the interesting code paths.
WORDS = ["model", "gpt-4o", "claude-3-5-sonnet-latest", "max_tokens", "api_key", "sk-", "OpenAI()", "tool",
         "subprocess", "shell=True", "LANGSMITH_TRACING", "false", "import", "from", "def", "class", "@tool",
         "(", ")", "[", "]", "{", "}", ":", "=", ",", "\n", "    ", "'", '"', "#", "%", "!", "*", "&"]
WORDY = st.lists(st.sampled_from(WORDS), max_size=60).map("".join)
TEXT = st.one_of(st.text(max_size=300), WORDY)


def mutated(seed_text: str) -> st.SearchStrategy[bytes]:
    """A known-good file with bytes deleted, replaced or inserted."""
    data = seed_text.encode()

    def apply(edits):
        out = bytearray(data)
        for pos, byte, mode in edits:
            if not out:
                break
            i = pos % len(out)
            if mode == 0:
                del out[i]
            elif mode == 1:
                out[i] = byte
            else:
                out.insert(i, byte)
        return bytes(out)
    return st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255), st.integers(0, 2)), max_size=12).map(apply)


def _notebook(cells) -> bytes:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1).encode()


CELL = st.fixed_dictionaries({"cell_type": st.sampled_from(["code", "markdown", "raw", 7]),
                              "source": st.one_of(TEXT, st.lists(TEXT, max_size=6), DATA)})
PY_SEED = GOOD_PY + CAPPED + '''
from langchain_core.tools import tool
import subprocess
@tool
def run(cmd: str) -> str:
    """Run it."""
    return subprocess.run(cmd, shell=True, capture_output=True).stdout
'''


def for_kind(kind: str) -> st.SearchStrategy[bytes]:
    """Inputs for one file kind: arbitrary bytes and text, structured documents, mutated good files."""
    raw = st.one_of(st.binary(max_size=400), TEXT.map(str.encode))
    if kind == "python":
        try:
            import hypothesmith
            programs = hypothesmith.from_grammar().map(str.encode)
        except ImportError:  # pragma: no cover
            programs = TEXT.map(str.encode)
        return st.one_of(raw, programs, mutated(PY_SEED))
    if kind == "notebook":
        return st.one_of(raw, st.lists(CELL, max_size=5).map(_notebook),
                         mutated(_notebook([{"cell_type": "code", "source": PY_SEED.splitlines(True)}]).decode()))
    if kind == "yaml":
        return st.one_of(raw, DATA.map(lambda d: yaml.safe_dump(d).encode()),
                         mutated("services:\n  api:\n    environment:\n      - LANGSMITH_TRACING=false\n    model: gpt-4o\n"))
    if kind == "json":
        return st.one_of(raw, DATA.map(lambda d: json.dumps(d).encode()),
                         mutated('{"mcpServers": {"fs": {"command": "npx", "args": ["-y", "server-filesystem", "/"]}}}'))
    if kind == "toml":
        return st.one_of(raw, mutated('[project]\nname = "x"\n[tool.readiness]\nselect = ["RDY"]\n'))
    if kind == "dotenv":
        return st.one_of(raw, mutated("OPENAI_API_KEY=\nLANGSMITH_TRACING=false\nMODEL=gpt-4o\n"))
    if kind == "dockerfile":
        return st.one_of(raw, mutated('FROM python:3.12\nENV OTEL_SDK_DISABLED=true\nRUN echo "x ALL=(ALL) NOPASSWD: ALL"\n'))
    if kind == "tsjs":
        return st.one_of(raw, mutated('import OpenAI from "openai";\nconst c = new OpenAI();\n'
                                      'c.chat.completions.create({ model: "gpt-4o", messages: [] });\n'))
    return raw
