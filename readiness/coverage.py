"""Report sections built from facts: the guardrail inventory and the tracing coverage map.

Both read the facts the rules recorded during the file pass, so a section and its rules always
agree (and a section is empty when its rules were not selected).
"""
from __future__ import annotations

from readiness import entry_points
from readiness.context import Fact

PROD = ("prod", "example")


def guardrails(facts_by_project: dict[str, list[Fact]], tools: list) -> list[dict]:
    """Every guardrail found, as ``{direction, label, kind, path, line, project}``.

    direction: input (before the model), output (after it), action (before a tool acts).
    kind: block (stops the request), flag (records or scores it), confirm (asks a human).
    """
    seen: set[tuple] = set()
    found: list[dict] = []

    def add(direction, label, kind, path, line, project):
        key = (direction, label, path, line)
        if key not in seen:
            seen.add(key)
            found.append({"direction": direction, "label": label, "kind": kind, "path": path, "line": line,
                          "project": project})

    for project, facts in sorted(facts_by_project.items()):
        for fact in facts:
            if fact.role not in PROD:
                continue
            if fact.name in ("input-guardrail", "output-guardrail"):
                label, kind = fact.value.split("|", 1)
                add(fact.name.split("-")[0], label, kind, fact.path, fact.line, project)
            elif fact.name == "approval-all":
                add("action", f"human approval for every tool ({fact.value})", "confirm", fact.path, fact.line, project)
            elif fact.name == "approval-tool":
                add("action", f"human approval for `{fact.value}`", "confirm", fact.path, fact.line, project)
        for entry in entry_points.entries([f for f in facts if f.role in PROD], project):
            if entry.input_limit:
                add("input", f"{entry.input_limit} at `{entry.name}`", "block", entry.path, entry.line, project)
    for tool in tools:
        if tool.confirmation:
            add("action", f"`{tool.name}`: {tool.confirmation}", "confirm", tool.path, tool.line, tool.project)
    found.sort(key=lambda g: (g["project"], g["direction"], g["path"], g["line"], g["label"]))
    return found


def tracing(facts_by_project: dict[str, list[Fact]]) -> list[dict]:
    """Per project: the tracing setups and, for each model call, whether a trace records it.

    status: traced | untraced | unknown (decorator or manual-span tracing: which calls it wraps is
    not judged) | off (the family's tracing is switched off) | none (no tracing at all).
    """
    from readiness.analysis.tracing import summarise

    rows = []
    for project, facts in sorted(facts_by_project.items()):
        sites = [f for f in facts if f.name == "model-site" and f.role == "prod"]
        covers = [f for f in facts if f.name == "trace-cover" and f.role == "prod"]
        if not sites and not covers:
            continue
        mode, families, labels = summarise(covers)
        off = {f.value for f in facts if f.name == "trace-off" and f.role == "prod"}
        calls = []
        for site in sorted(sites, key=lambda f: (f.path, f.line)):
            family, display = site.value.split("|", 1)
            if family in off:
                status = "off"
            elif mode == "all" or family in families:
                status = "traced"
            else:  # scoped tracing may wrap it; library-wide, logs-only or no tracing does not
                status = "unknown" if mode == "scoped" else "untraced"
            calls.append({"path": site.path, "line": site.line, "call": display, "family": family, "status": status})
        rows.append({"project": project, "mode": mode, "setups": labels, "families": sorted(families), "calls": calls})
    return rows
