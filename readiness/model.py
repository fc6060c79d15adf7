"""Core data types shared by every pipeline stage; no logic beyond small derived values."""
from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field
from enum import Enum


class Area(str, Enum):
    """The seven audit areas, in checklist order; the ID's hundreds digit is the area number."""

    MODEL_CONTROL = "model-control"
    GUARDRAILS = "guardrails"
    BUDGET = "budget"
    TOOL_AUTH = "tool-auth"
    TRACING = "tracing"
    EVALS = "evals"
    ROLLOUT = "rollout"

    @property
    def number(self) -> int:
        return list(Area).index(self) + 1

    @property
    def title(self) -> str:
        return AREA_TITLES[self]

    @classmethod
    def from_rule_id(cls, rule_id: str) -> "Area":
        return list(cls)[int(rule_id[3]) - 1]


AREA_TITLES = {
    Area.MODEL_CONTROL: "Model control",
    Area.GUARDRAILS: "Guardrails",
    Area.BUDGET: "Budget limits",
    Area.TOOL_AUTH: "Tool auth",
    Area.TRACING: "Tracing",
    Area.EVALS: "Evals",
    Area.ROLLOUT: "Rollout",
}


class Severity(str, Enum):
    """SARIF's level words; the weight is what a rule counts for in its area score."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def weight(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


def _by_fields(self) -> tuple:
    """Pickle a slotted dataclass as its constructor and field values: a fraction of the cost of
    the generated ``__getstate__``/``__setstate__`` pair (the scan cache holds 100,000s of them)."""
    return (type(self), tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in the scanned tree. Lines and columns are 1-based; columns count code points."""

    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    cell: int | None = None  # notebooks: the cell (1-based, every cell counted) ...
    cell_line: int | None = None  # ... and the line inside it; ``line`` is the .ipynb file's line

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column,
        }
        if self.cell is not None:
            out["cell"] = self.cell
            out["cell_line"] = self.cell_line
        return out

    __reduce__ = _by_fields


# Stands for a number the project chooses (``[tool.readiness.fix] max-output-tokens``); the scan puts
# the number in or, without that setting, drops the edit (readiness.fixer.fill_settings).
MAX_OUTPUT_TOKENS = "{max-output-tokens}"


@dataclass(frozen=True, slots=True)
class Edit:
    """A safe, mechanical fix for a finding: replace ``old`` with ``new`` on one line, at 1-based
    code-point columns ``column`` (inclusive) to ``end_column`` (exclusive). ``readiness fix``
    applies it only when the text there is still ``old`` and the file parses before and after."""

    line: int
    column: int
    end_column: int
    old: str
    new: str

    __reduce__ = _by_fields


@dataclass(slots=True)
class Finding:
    """One problem: a failed outcome of a rule at a place."""

    rule: str
    area: Area
    severity: Severity
    message: str
    location: Location
    project: str = "."
    fix: str = ""
    sensitive: bool = False
    subject: str = ""  # what the finding is about, for fingerprints of project-level findings
    snippet: str = ""  # normalised first source line, used by the fingerprint (never printed)
    fingerprint: str = ""
    state: str = "active"  # active | suppressed | baselined
    justification: str = ""
    suppression_kind: str = ""  # inSource | external
    edit: Edit | None = None  # the fix `readiness fix` can apply (readiness/fixer.py)

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.location.column, self.rule, self.message)

    __reduce__ = _by_fields


@dataclass(slots=True)
class Evidence:
    """A control that is in place: a passed outcome of a rule at a place."""

    rule: str
    area: Area
    location: Location
    note: str
    project: str = "."
    kind: str = ""

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.location.column, self.rule, self.note)

    __reduce__ = _by_fields


@dataclass(slots=True)
class Diagnostic:
    """A problem of the scan itself (not of the scanned code): unparsable file, crashed rule..."""

    kind: str
    message: str
    path: str = ""
    line: int | None = None
    # True when the problem means the scan is incomplete (a gate must not pass silently).
    blocking: bool = False

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.kind, self.message)

    __reduce__ = _by_fields


@dataclass
class Outcome:
    """Passes and fails of one rule in one project; credit is the share that passed."""

    rule: str
    project: str
    passes: int = 0
    fails: int = 0
    area: "Area | None" = None  # from the findings; users' semgrep rules are not RDY-numbered

    @property
    def credit(self) -> float | None:
        total = self.passes + self.fails
        return None if total == 0 else self.passes / total


@dataclass
class AreaScore:
    area: Area
    score: int | None
    status: str  # pass | warn | fail | unknown | n/a
    findings: int = 0
    evidence: int = 0
    rules_applicable: int = 0

    def to_dict(self) -> dict:
        return {
            "area": self.area.value,
            "title": self.area.title,
            "score": self.score,
            "status": self.status,
            "findings": self.findings,
            "evidence": self.evidence,
            "rules_applicable": self.rules_applicable,
        }


@dataclass
class ProjectScore:
    """Scores of one detected project (a monorepo has several)."""

    path: str
    kind: str
    areas: list[AreaScore]
    overall: int | None
    status: str
    files: int = 0

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "files": self.files,
            "overall": {"score": self.overall, "status": self.status},
            "areas": {a.area.value: a.to_dict() for a in self.areas},
        }


@dataclass
class Report:
    """Everything a reporter needs; reporters read it and nothing else."""

    schema_version: str
    tool_version: str
    complete: bool
    mode: str  # full | files (pre-commit: project-level rules skipped)
    projects: list[ProjectScore]
    areas: list[AreaScore]
    overall: int | None
    status: str
    findings: list[Finding]
    evidence: list[Evidence]
    diagnostics: list[Diagnostic]
    rules_run: list[str]
    files_scanned: int = 0
    lines_scanned: int = 0
    gate: dict = field(default_factory=dict)
    # What the process exits with (set by the command line: ``--exit-zero`` makes it 0), and whether
    # findings were compared with a baseline (SARIF ``baselineState``: new / unchanged).
    exit_code: int | None = None
    baseline_used: bool = False
    # The date date-dependent rules judged against (the rule pack's compiled date unless --as-of).
    as_of: str = ""
    # The model manifest (readiness.inventory.ModelEntry): every model ID in use and where.
    models: list = field(default_factory=list)
    # The tool inventory (readiness.tool_inventory.ToolEntry): every agent tool and its powers.
    tools: list = field(default_factory=list)
    # Entry points (readiness.entry_points.EntryPoint): where user input enters the agent.
    entry_points: list = field(default_factory=list)
    # Guardrail inventory (readiness.coverage.guardrails): each check, its direction and kind.
    guardrails: list = field(default_factory=list)
    # Tracing coverage (readiness.coverage.tracing): per project, which model calls a trace records.
    tracing: list = field(default_factory=list)
    # Eval coverage matrix (readiness.eval_cases.build): per project, cases per checklist category.
    evals: list = field(default_factory=list)
    # What the scan could not read (readiness.gaps.Gaps): unprofiled frameworks and callees.
    gaps: Any = None
    # Where report paths start (the repository root): `readiness fix` writes there. Never printed.
    root: str = ""
