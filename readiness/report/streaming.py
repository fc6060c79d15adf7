"""Write big JSON documents without holding them in memory twice.

``write_json`` produces exactly what ``json.dumps(value, indent=2)`` would, but lists wrapped in
``Lazy`` are built one item at a time while writing: a 20,000-file report never exists as one
string, nor as one list of dicts.
"""
from __future__ import annotations

import json
from typing import IO, Iterable


class Lazy:
    """A list whose items are produced while the document is written."""

    def __init__(self, items: Iterable):
        self.items = items


def write_json(value, out: IO[str], level: int = 0) -> None:
    pad = "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            out.write("{}")
            return
        first = True
        for key, item in value.items():
            key = key if isinstance(key, str) else json.dumps(key).strip('"')
            out.write(("{" if first else ",") + "\n" + pad + json.dumps(key) + ": ")
            write_json(item, out, level + 1)
            first = False
        out.write("\n" + "  " * level + "}")
    elif isinstance(value, (list, tuple, Lazy)):
        lazy = isinstance(value, Lazy)
        first = True
        for item in (value.items if lazy else value):
            out.write(("[" if first else ",") + "\n" + pad)
            if lazy:  # one item at a time, through the C encoder
                out.write(json.dumps(item, indent=2).replace("\n", "\n" + pad))
            else:
                write_json(item, out, level + 1)
            first = False
        out.write("[]" if first else "\n" + "  " * level + "]")
    else:
        out.write(json.dumps(value))
