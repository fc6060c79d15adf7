"""semgrep rules for TypeScript/JavaScript, generated from the TypeScript framework profiles.

What an SDK takes (where the model ID goes, the output-cap keys, a run's turn cap and its default)
is written once, in ``rules/frameworks/<framework>.yaml`` with ``language: typescript``; this module
turns each site into the semgrep rules the pack runs, with the same metadata contract as the
hand-written rules of ``rules/semgrep/`` (``kind: model`` / ``finding`` / ``evidence``), so the
Python and TypeScript rules share one source of framework facts.

A site is called in one of three forms: a method chain on any client (``tail: [chat, completions,
create]`` gives ``$C.chat.completions.create(...)``), a constructor (``new: ChatOpenAI``) or an
imported function (``call: generateText``, with ``imports`` naming the modules it must come from).
Options are an object literal at argument ``arg`` (0 unless given).
"""
from __future__ import annotations

import atexit
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import yaml

from readiness import frameworks

LANGUAGES = ["typescript", "javascript"]


def _form(site: dict) -> tuple[str, str]:
    """The callee as semgrep writes it, and as a report shows it."""
    if "tail" in site:
        return "$C." + ".".join(site["tail"]), ".".join(site["tail"])
    if "new" in site:
        return f"new {site['new']}", site["new"]
    return site["call"], site["call"]


def _call(callee: str, arg: int, obj: str | None) -> str:
    """``callee($A0, $A1, {obj})``; ``obj`` None gives the call with only the leading arguments."""
    args = [f"$A{i}" for i in range(arg)] + ([obj] if obj is not None else [])
    return f"{callee}({', '.join(args)})"


def _inside_imports(site: dict) -> list[dict]:
    """``import { ..., run, ... } from "@openai/agents"`` must precede a bare function or class."""
    name = site.get("call") or site.get("new")
    modules = site.get("imports") or []
    if not name or not modules:
        return []
    inside = [{"pattern-inside": f'import {{ ..., {name}, ... }} from "{m}";\n...\n'} for m in modules]
    return inside if len(inside) == 1 else [{"pattern-either": inside}]


def _meta(kind: str, **extra) -> dict:
    return {"readiness": {"kind": kind, **extra}}


def _model_rules(profile, index: int, site: dict) -> list[dict]:
    callee, display = _form(site)
    model = site.get("model") or {}
    arg = model.get("arg", 0)
    rules = []
    keys = frameworks.as_list(model.get("key"))
    if keys:
        rules.append({
            "id": f"{profile.name}-{index}-model", "languages": LANGUAGES, "severity": "INFO", "message": "$M",
            "metadata": _meta("model", sdk=site["provider"], site=f"{profile.name} {display}"),
            "patterns": [*_inside_imports(site),
                         {"pattern-either": [{"pattern": _call(callee, arg, f'{{..., {k}: "$M", ...}}')} for k in keys]},
                         {"focus-metavariable": "$M"}],
        })
    cap = site.get("cap") or {}
    caps = frameworks.as_list(cap.get("keys"))
    if caps and cap.get("policy", "optional") == "optional":
        rules += _cap_rules(f"{profile.name}-{index}-output-cap", site, callee, arg, caps, "RDY301",
                            f"`{display}` has no output-token cap ({caps[0]})", f"output cap on `{display}`")
    return rules


def _run_rules(profile, index: int, site: dict) -> list[dict]:
    callee, display = _form(site)
    cap = site["cap"]
    caps = frameworks.as_list(cap["keys"])
    return _cap_rules(f"{profile.name}-{index}-turn-cap", site, callee, cap.get("arg", 0), caps, "RDY302",
                      f"`{display}` has no {caps[0]}; it relies on the default of {cap['default']}",
                      f"`{display}` sets {caps[0]}")


def _cap_rules(rule_id: str, site: dict, callee: str, arg: int, caps: list[str], rdy: str, missing: str,
               present: str) -> list[dict]:
    """A finding where the options set none of ``caps`` (or are left out); evidence where they do.
    Options spread from elsewhere (``{...opts}``) are not judged: they may carry the cap."""
    without = {"patterns": [{"pattern": _call(callee, arg, "{...}")},
                            *({"pattern-not": _call(callee, arg, f"{{..., {k}: $X, ...}}")} for k in caps),
                            {"pattern-not": _call(callee, arg, "{..., ...$S, ...}")}]}
    return [
        {"id": rule_id, "languages": LANGUAGES, "severity": "WARNING", "message": missing,
         "metadata": _meta("finding", rule=rdy),
         "patterns": [*_inside_imports(site), {"pattern-either": [{"pattern": _call(callee, arg, None)}, without]}]},
        {"id": rule_id + "-set", "languages": LANGUAGES, "severity": "INFO", "message": present,
         "metadata": _meta("evidence", rule=rdy),
         "patterns": [*_inside_imports(site),
                      {"pattern-either": [{"pattern": _call(callee, arg, f"{{..., {k}: $X, ...}}")} for k in caps]}]},
    ]


def generated_rules() -> list[dict]:
    """Every semgrep rule the TypeScript profiles give, in profile and site order."""
    rules: list[dict] = []
    for profile in frameworks.profiles():
        if profile.language != "typescript":
            continue
        for index, site in enumerate(profile.sites("model")):
            rules += _model_rules(profile, index, site)
        for index, site in enumerate(profile.sites("agent-run")):
            rules += _run_rules(profile, index, site)
    return rules


@lru_cache(maxsize=1)
def rules_file() -> Path:
    """The generated rules as a semgrep config file (a temporary file, removed at exit)."""
    handle, name = tempfile.mkstemp(prefix="readiness-tsjs-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        yaml.safe_dump({"rules": generated_rules()}, out, sort_keys=False)
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return Path(name)
