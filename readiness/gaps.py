"""What the scan could not read, counted rather than hidden.

Two kinds of gap come out of the file pass as facts:

* ``unprofiled-framework``: production code imports an agent framework that has no profile in
  ``rules/frameworks/``. Its model choices, output caps and agent loops are invisible to the rules,
  so the areas that depend on them (``rules/data/unprofiled.yaml``: model control, budget) are
  ``unknown`` where nothing else decides them, and a blocking diagnostic makes the scan partial:
  the default gate never passes code it could not read.
* ``unprofiled-callee``: a model ID written in a model-setting position and passed to a callee no
  profile knows. The ID is still judged; the count shows which profile to write next.
* ``runtime-tools``: an agent handed whatever tools an MCP server lists at run time. They are not
  in the code, so tool auth cannot judge them; a (non-blocking) diagnostic says so.
* ``unregistered-tool``: a function marked as a tool (``@function_tool``) that no code of the
  project imports or hands to an agent. What it could do is not reachable by the model, so the
  tool rules' findings inside it are set aside, and a (non-blocking) diagnostic per file names
  them: a reviewer sees they were read, and registering one later brings its findings back.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from readiness.context import Fact
from readiness.model import AreaScore, Diagnostic
from readiness.pack import data

PRODUCTION_ROLES = ("prod", "example")


@dataclass
class Gaps:
    unprofiled_frameworks: dict[str, list[str]] = field(default_factory=dict)  # project -> display names
    unprofiled_callees: dict[str, int] = field(default_factory=dict)  # callee -> model IDs passed to it
    runtime_tool_sources: int = 0  # agents given tools an MCP server lists at run time
    # (path, first line, last line, tool name) of tools no code hands to an agent
    unregistered_tools: list[tuple[str, int, int, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def to_dict(self) -> dict:
        names = sorted({n for names in self.unprofiled_frameworks.values() for n in names})
        return {
            "unprofiled_frameworks": names,
            "unprofiled_callees": sum(self.unprofiled_callees.values()),
            "unprofiled_callee_names": dict(sorted(self.unprofiled_callees.items())),
            "runtime_tool_sources": self.runtime_tool_sources,
            "unregistered_tools": len(self.unregistered_tools),
        }


def find(facts_by_project: dict[str, list[Fact]]) -> Gaps:
    """Gaps per project, from the file pass's facts (which already leave the project's own
    modules out: ``readiness.facts`` asks ``FileContext.is_local_module``)."""
    gaps = Gaps()
    for project, facts in sorted(facts_by_project.items()):
        first: dict[str, Fact] = {}
        for fact in sorted(facts, key=lambda f: (f.path, f.line)):
            if fact.name == "unprofiled-framework" and fact.role in PRODUCTION_ROLES:
                first.setdefault(fact.value.label, fact)
            elif fact.name == "runtime-tools" and fact.role in PRODUCTION_ROLES:
                gaps.runtime_tool_sources += 1
                gaps.diagnostics.append(Diagnostic(
                    "runtime-tools", f"the agent gets the tools an MCP server lists at run time (`{fact.value}`): "
                    "what they do is not in this code, so tool auth does not judge them; list the tools the "
                    "agent may use, or review the server's tools", fact.path, fact.line))
            elif fact.name == "unprofiled-callee" and fact.role in PRODUCTION_ROLES:
                callee = fact.value.callee
                gaps.unprofiled_callees[callee] = gaps.unprofiled_callees.get(callee, 0) + 1
        by_file: dict[str, list[tuple[int, str]]] = {}
        for path, line, end, name in unregistered_tools(facts):
            gaps.unregistered_tools.append((path, line, end, name))
            by_file.setdefault(path, []).append((line, name))
        for path, tools in sorted(by_file.items()):  # one notice per file, at its first such tool
            names = ", ".join(f"`{n}`" for _, n in tools[:5]) + (f" and {len(tools) - 5} more" if len(tools) > 5 else "")
            gaps.diagnostics.append(Diagnostic(
                "unregistered-tool", f"{len(tools)} tool(s) declared but never imported or handed to an agent ({names}): "
                "their findings are set aside until they are registered", path, tools[0][0]))
        if first:
            gaps.unprofiled_frameworks[project] = sorted(first)
        for label, fact in sorted(first.items()):
            gaps.diagnostics.append(Diagnostic(
                "unprofiled-framework",
                f"imports {label}, which readiness has no profile for: its model choices, output caps and agent "
                f"loops are not checked, so {' and '.join(depends())} are unknown where nothing else decides them",
                fact.path, fact.line, blocking=True))
    return gaps


def unregistered_tools(facts: list[Fact]) -> list[tuple[str, int, int, str]]:
    """Tools marked by a decorator or declared as a tool class (``tool-decl``) that nothing hands to
    an agent: not used in their own file, their name imported nowhere (``import-name``, bare names, so any import of
    that name counts), their module imported whole nowhere (``module-import``, a star import), not
    registered from another file (``tool-ref``), in a project that does hand
    tools to its agents in code (``tools-handed``). A tool library with no agent of its own keeps
    every finding (its users pick the tools), and so does a package whose re-exported classes the
    project never uses (``init-export``: a library's public API); a project that loads code by computed names
    (``dynamic-import``) may register anything, so nothing is set aside there."""
    if any(f.name == "dynamic-import" for f in facts) or not any(
            f.name == "tools-handed" and not f.path.endswith(".ipynb") for f in facts):
        return []  # code loaded by computed names, or a tool library whose users (or demo notebooks) pick the tools
    names = {f.value for f in facts if f.name == "import-name"} | {
        f.value.rsplit(".", 1)[-1] for f in facts if f.name == "tool-ref"}
    modules = {f.value for f in facts if f.name == "module-import"}
    exports: dict[str, set[str]] = {}  # package -> the classes its ``__init__`` re-exports
    for fact in facts:
        if fact.name == "init-export":
            package, cls = fact.value.split("|", 1)
            exports.setdefault(package, set()).add(cls)
    # A package none of whose exported tool classes the project uses is a library's public API
    # (its users build the tools); one whose app uses some of them and not others has leftovers.
    tool_classes = {f.value for f in facts if f.name == "tool-class"}
    public = {cls for classes in exports.values() if not classes & tool_classes & names for cls in classes}
    found = []
    for fact in facts:
        if fact.name != "tool-decl" or fact.role not in PRODUCTION_ROLES:
            continue
        qual, name, end = fact.value.split("|", 2)
        module, _, function = qual.rpartition(".")
        if function not in names | public and module.rsplit(".", 1)[-1] not in modules | names:  # ``from pkg import tools``
            found.append((fact.path, fact.line, int(end), name))
    return sorted(found)


def depends() -> list[str]:
    return list(data("unprofiled")["depends"])


def mark_unknown(areas: list[AreaScore]) -> None:
    """Areas that depend on unread framework code say ``unknown`` rather than ``n/a``."""
    for area in areas:
        if area.area.value in depends() and area.status == "n/a":
            area.status = "unknown"
