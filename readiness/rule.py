"""The rule base class, examples and the registry: one place to learn how to write a rule.

A rule is one class in one file under ``readiness/rules/<area>/``. It declares its metadata,
its docs (the class docstring), its valid/invalid examples, and any of these hooks:

* ``visit_<NodeType>(self, node, ctx)`` - called during the single ``ast`` walk of a Python file;
* ``check_file(self, ctx)`` - called once per file of a kind listed in ``kinds``;
* ``check_project(self, ctx)`` - called once per detected project, after all files, reading
  the facts that file hooks recorded with ``ctx.fact(...)``.

``ctx.report(...)`` records a failed outcome (a finding); ``ctx.credit(...)`` a passed one (a
control in place, shown as evidence). Both feed the score.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import textwrap
from dataclasses import dataclass, field
from typing import ClassVar

from readiness.model import Area, Severity

RULE_ID = re.compile(r"^RDY[1-7]\d\d$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_HEADINGS = ("## What it finds", "## Why it matters", "## How to fix")

# Renamed or merged rule IDs: old -> new. IDs are never reused.
REDIRECTS: dict[str, str] = {}


@dataclass(frozen=True)
class Example:
    """Example code for a rule. Invalid examples mark expected findings with ``# expect: RDY101``.

    ``path`` picks the parser (``.env``, ``x.yaml`` ...); ``files`` builds a small project
    (path -> text) for project-level rules; ``todo`` records a known miss (strict xfail).
    """

    code: str = ""
    path: str = "agent.py"
    files: dict[str, str] = field(default_factory=dict)
    todo: str = ""

    def as_files(self) -> dict[str, str]:
        if self.files:
            return {p: textwrap.dedent(t).lstrip("\n") for p, t in self.files.items()}
        return {self.path: textwrap.dedent(self.code).lstrip("\n")}


@dataclass(frozen=True)
class FixExample:
    """What ``readiness fix`` does for a rule: ``before`` becomes ``after`` at ``path``. The suite
    applies it, checks the result, re-runs it (nothing may change) and re-checks (the finding is
    gone); the rule's page shows it."""

    before: str
    after: str
    path: str = "agent.py"
    config: str = ""  # readiness.toml beside it, for fixes that need a setting

    def texts(self) -> tuple[str, str]:
        return textwrap.dedent(self.before).lstrip("\n"), textwrap.dedent(self.after).lstrip("\n")


class Rule:
    """Base of every rule. Subclasses are registered when defined."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    scope: ClassVar[str] = "line"  # line | project
    # A line-level rule that still needs facts from other files (so pre-commit's file mode skips it).
    needs_project: ClassVar[bool] = False
    # The project hook judges agent tools, so it also runs on a project that only serves tools
    # (an MCP server) and never calls a model itself.
    judges_tools: ClassVar[bool] = False
    # Its findings are about what a tool's own code does: set aside inside a tool that no code
    # hands to an agent (``gaps.unregistered_tools``).
    judges_tool_bodies: ClassVar[bool] = False
    # Which file kinds ``check_file`` / ``visit_*`` run on.
    kinds: ClassVar[frozenset[str]] = frozenset({"python"})
    # Which file roles the file hooks run on: prod, test, eval, example.
    roles: ClassVar[frozenset[str]] = frozenset({"prod"})
    # Cheap prefilter: the file hooks run only if the file text contains one of these.
    needs: ClassVar[tuple[str, ...]] = ()
    # Rules this one restates more specifically: where both report on one line, only this one
    # does (one finding per problem: "pastes arguments into a shell" over "runs a shell").
    supersedes: ClassVar[tuple[str, ...]] = ()
    fix_hint: ClassVar[str] = ""
    # The mechanical fix the rule attaches to its findings (readiness.model.Edit), shown and tested
    # through these examples; empty when the rule has none.
    fix_examples: ClassVar[list[FixExample]] = []
    precision: ClassVar[str] = "high"  # SARIF properties.precision
    security_severity: ClassVar[str | None] = None
    valid: ClassVar[list[Example]] = []
    invalid: ClassVar[list[Example]] = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.id:
            _register(cls)

    @classmethod
    def area(cls) -> Area:
        return Area.from_rule_id(cls.id)

    @classmethod
    def docs(cls) -> str:
        return textwrap.dedent(cls.__doc__ or "").strip()

    @classmethod
    def visitors(cls) -> dict[str, str]:
        """ast node type name -> method name, for the engine's dispatch table."""
        return {
            name[len("visit_"):]: name
            for name, _ in inspect.getmembers(cls, inspect.isfunction)
            if name.startswith("visit_")
        }

    @classmethod
    def has_file_hooks(cls) -> bool:
        return bool(cls.visitors()) or cls.check_file is not Rule.check_file

    @classmethod
    def has_project_hook(cls) -> bool:
        return cls.check_project is not Rule.check_project

    def check_file(self, ctx) -> None:  # pragma: no cover - default does nothing
        return None

    def check_project(self, ctx) -> None:  # pragma: no cover - default does nothing
        return None


_REGISTRY: dict[str, type[Rule]] = {}
_LOADED = False


class RegistryError(Exception):
    pass


def _register(cls: type[Rule]) -> None:
    if not RULE_ID.match(cls.id):
        raise RegistryError(f"{cls.__name__}: rule id {cls.id!r} must look like RDY101")
    if not RULE_NAME.match(cls.name):
        raise RegistryError(f"{cls.id}: name {cls.name!r} must be kebab-case")
    other = _REGISTRY.get(cls.id)
    if other is not None and other.__qualname__ != cls.__qualname__:
        raise RegistryError(f"{cls.id} is defined twice: {other.__qualname__} and {cls.__qualname__}")
    cls.severity = Severity(cls.severity)
    _REGISTRY[cls.id] = cls


def load_rules() -> dict[str, type[Rule]]:
    """Import every module under ``readiness.rules`` once; rules register themselves."""
    global _LOADED
    if not _LOADED:
        import readiness.rules as package

        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.rsplit(".", 1)[-1].startswith("_"):
                importlib.import_module(info.name)
        _LOADED = True
    return dict(sorted(_REGISTRY.items()))


def all_rules() -> list[type[Rule]]:
    return list(load_rules().values())


def get_rule(rule_id: str) -> type[Rule] | None:
    rules = load_rules()
    rule_id = REDIRECTS.get(rule_id.upper(), rule_id.upper())
    return rules.get(rule_id)


def rule_by_name(name: str) -> type[Rule] | None:
    for rule in load_rules().values():
        if rule.name == name:
            return rule
    return None
