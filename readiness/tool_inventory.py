"""The tool inventory: every agent tool, what its code can do, and what guards it.

Built from the ``tool`` facts of the file pass and the approval facts RDY201 records, so the
inventory and the guardrail findings agree on which tools are confirmed by a human.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from readiness.context import Fact, with_alias_names

DESTRUCTIVE = {"shell", "exec", "delete", "sql-write", "message", "payment", "http-delete", "destroy", "change"}


@dataclass
class ToolEntry:
    name: str
    path: str
    line: int
    declared_by: str  # decorator | class | tools-list
    capabilities: list[dict] = field(default_factory=list)  # {"kind", "detail", "line"}
    confirmation: str = ""  # how a human confirms it, empty when nothing does
    project: str = "."
    flag: str = ""  # the feature-flag or allow-list condition inside the tool (progressive autonomy)

    @property
    def destructive(self) -> bool:
        return any(c["kind"] in DESTRUCTIVE for c in self.capabilities)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "path": self.path, "line": self.line, "declared_by": self.declared_by,
            "capabilities": self.capabilities, "destructive": self.destructive,
            "confirmation": self.confirmation or None, "project": self.project, "flag": self.flag or None,
        }


def helper_capabilities(facts: list[Fact]) -> dict[str, list[dict]]:
    """What each module-level function of the project can do (``func-caps`` facts)."""
    helpers: dict[str, list[dict]] = {}
    seen: dict[str, tuple[str, int]] = {}
    for fact in facts:
        if fact.name == "func-caps":
            qual, caps = fact.value.split("|", 1)
            if qual.startswith("~method.") and seen.setdefault(qual, (fact.path, fact.line)) != (fact.path, fact.line):
                helpers[qual] = []  # two classes define the method: which one runs is not known
                continue
            if qual in helpers and qual.startswith("~method.") and not helpers[qual]:
                continue
            helpers[qual] = [{"kind": k, "detail": d, "line": int(l), "path": fact.path}
                             for k, l, d in (item.split(":", 2) for item in caps.split(";") if item)]
    return _through_callees(helpers, facts)


def _through_callees(helpers: dict[str, list[dict]], facts: list[Fact]) -> dict[str, list[dict]]:
    """Add to each helper the powers of the project helpers it calls (``func-callee`` edges), three
    levels down: ``utils.run_command`` calls ``shell.run_command``, whose class types into a shell.
    A callee's capability keeps the path and line where it happens."""
    edges: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for fact in facts:
        if fact.name == "func-callee":
            caller, callee, owner = (fact.value.split("|") + [""])[:3]
            edges.setdefault(caller, set()).add(callee)
            owners.setdefault(caller, set()).add(owner)
    for caller, classes in owners.items():
        if len(classes) > 1:  # ``run`` of two classes: which one a call reaches is not known
            del edges[caller]
    if not edges:
        return helpers
    merged = {qual: list(caps) for qual, caps in helpers.items()}
    for _ in range(3):
        changed = False
        for caller, callees in edges.items():
            have = merged.setdefault(caller, [])
            if caller.startswith("~method.") and caller in helpers and not helpers[caller]:
                continue  # two classes share the method name: which one runs is not known
            seen = {(c["path"], c["line"], c["kind"]) for c in have}
            for callee in sorted(callees):
                for cap in merged.get(callee, ()):
                    if (cap["path"], cap["line"], cap["kind"]) not in seen:
                        seen.add((cap["path"], cap["line"], cap["kind"]))
                        have.append(cap)
                        changed = True
        if not changed:
            break
    return {qual: caps for qual, caps in merged.items() if caps or qual in helpers}


def approved_tool_names(facts: list[Fact]) -> set[str]:
    """Tools a person approves before they run: named by a framework's approval list
    (``approval-tool``), or in a hand-written list of tool names that the agent loop tests
    membership in (``if name in DESTRUCTIVE_TOOLS: ask_admin(...)``; ``approval-list`` facts
    ``VAR|name,name`` count when some file tests ``x in VAR``: ``approval-list-used``)."""
    names = {f.value for f in facts if f.name == "approval-tool" and f.role == "prod"}
    used = {f.value for f in facts if f.name == "approval-list-used" and f.role == "prod"}
    for fact in facts:
        if fact.name == "approval-list" and fact.role == "prod":
            var, _, listed = fact.value.partition("|")
            if var in used:
                names |= set(filter(None, listed.split(",")))
    return names


def callee_index(facts: list[Fact]) -> dict[tuple[str, int, str], list[str]]:
    """``tool-callee`` facts by (path, line, tool name): one pass, so big trees stay linear."""
    index: dict[tuple[str, int, str], set[str]] = {}
    for f in facts:
        if f.name == "tool-callee":
            name, callee = f.value.split("|", 2)[:2]
            index.setdefault((f.path, f.line, name), set()).add(callee)
    return {key: sorted(values) for key, values in index.items()}


def tool_callees(index: dict, tool: Fact) -> list[str]:
    """Project helpers in other modules that the tool declared at ``tool`` calls."""
    return index.get((tool.path, tool.line, tool.value.split("|", 1)[0]), [])


def build(facts_by_project: dict[str, list[Fact]]) -> list[ToolEntry]:
    tools: list[ToolEntry] = []
    for project, facts in sorted(facts_by_project.items()):
        facts = with_alias_names(facts)  # helpers called by a re-exported or shorter module name
        ungated = any(f.name == "ungated-graph" and f.role == "prod" for f in facts)
        approve_all = "" if ungated else next((f.value for f in facts if f.name == "approval-all" and f.role == "prod"), "")
        approved = approved_tool_names(facts)
        helpers = helper_capabilities(facts)
        callees = callee_index(facts)
        flags = {(f.path, f.line, f.value.split("|", 1)[0]): f.value.split("|", 1)[1] for f in facts if f.name == "tool-flag"}
        for fact in facts:
            if fact.name != "tool":
                continue
            name, declared, caps, gate = fact.value.split("|", 3)
            capabilities = []  # sorted by kind, then line
            for item in filter(None, caps.split(";")):
                kind, line, detail = item.split(":", 2)
                capabilities.append({"kind": kind, "detail": detail, "line": int(line)})
            for callee in tool_callees(callees, fact):
                for cap in helpers.get(callee, ()):
                    capabilities.append({**cap, "via": callee})
            if not gate and name in approved:
                gate = "listed for human approval"
            elif not gate and approve_all:
                gate = approve_all
            tools.append(ToolEntry(name, fact.path, fact.line, declared, capabilities, gate, project,
                                   flags.get((fact.path, fact.line, name), "")))
    tools.sort(key=lambda t: (t.path, t.line, t.name))
    return tools
