"""Project evidence from TypeScript/JavaScript files, without semgrep: what they import and a few
call shapes (``rules/data/tsjs.yaml``). The project-level rules read these facts exactly as they
read the Python ones, so a TS-only agent gets its guardrail, tracing, eval and rollout verdicts."""
from __future__ import annotations

import re
from functools import lru_cache

from readiness.pack import data

IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]""")
AGENTS_RUN = re.compile(r"\brun\s*\(")


def _match(module: str, table) -> str | None:
    """The label (or True for a list) of the table entry naming ``module`` or a prefix of it."""
    for key in table:
        hit = module.startswith(key) if key.endswith(("/", "-")) else (module == key or module.startswith(key + "/"))
        if hit:
            return table[key] if isinstance(table, dict) else key
    return None


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[tuple[re.Pattern, str]]]:
    tables = data("tsjs")
    return {name: [(re.compile(rx), label) for rx, label in tables[name].items()]
            for name in ("input_guardrails", "output_guardrails", "tracing_calls")}


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def collect(ctx) -> None:
    if ctx.role not in ("prod", "example", "eval", "test") or not ctx.text:
        return
    tables = data("tsjs")
    text = ctx.text
    agent = False
    for m in IMPORT.finditer(text):
        module, line = m.group(1), _line(text, m.start())
        if ctx.role in ("prod", "example") and _match(module, tables["agent_modules"]):
            if not agent:
                ctx.fact("agent-code", line, module.split("/")[0])
            agent = True
            if module.startswith("@openai/agents") and AGENTS_RUN.search(text):
                ctx.fact("tracing", line, "OpenAI Agents SDK (built-in)")
                ctx.fact("trace-cover", line, "OpenAI Agents SDK (built-in)|scoped")
        label = _match(module, tables["tracing_modules"])
        if label:
            ctx.fact("tracing", line, label)
            ctx.fact("trace-cover", line, f"{label}|scoped")
        label = _match(module, tables["eval_modules"])
        if label:
            ctx.fact("eval-suite", line, label)
        label = _match(module, tables["flag_modules"])
        if label:
            ctx.fact("rollout-gate", line, f"{label} feature flags")
    patterns = _patterns()
    for name, fact in (("input_guardrails", "input-guardrail"), ("output_guardrails", "output-guardrail")):
        for rx, label in patterns[name]:
            m = rx.search(text)
            if m:
                ctx.fact(fact, _line(text, m.start()), f"{label}|block")
    for rx, label in patterns["tracing_calls"]:
        m = rx.search(text)
        if m:
            ctx.fact("tracing", _line(text, m.start()), label)
            ctx.fact("trace-cover", _line(text, m.start()), f"{label}|scoped")
