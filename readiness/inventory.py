"""The model manifest: every model ID the project uses, where it is set and where it is called.

Built from the facts the model-ID rules record during the file pass (``model-use``) and from the
cross-file resolution they share (``project_uses``), so the manifest and the findings can never
disagree about which models are in use. It is the inventory a reviewer signs off before launch.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from readiness.context import Fact
from readiness.model import Location
from readiness.analysis import models as _models
from readiness.analysis.model_ids import file_uses, merge_uses, project_uses


@dataclass
class ModelEntry:
    model: str  # the ID as written (router prefixes kept: ``openai/gpt-4o``)
    provider: str
    status: str  # pinned | floating | preview | opaque
    reason: str
    set_at: list[Location] = field(default_factory=list)
    used_at: list[Location] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)

    @property
    def pinned(self) -> bool:
        return self.status == _models.PINNED

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "provider": self.provider,
            "status": self.status,
            "pinned": self.pinned,
            "reason": self.reason,
            "set_at": [{"path": loc.path, "line": loc.line} for loc in self.set_at],
            "used_at": [{"path": loc.path, "line": loc.line} for loc in self.used_at],
            "projects": self.projects,
        }


def _facts_getter(facts: list[Fact]):
    by_name: dict[str, list[Fact]] = {}
    for fact in facts:
        by_name.setdefault(fact.name, []).append(fact)

    def get(name: str, roles=None) -> list[Fact]:
        found = by_name.get(name, [])
        return [f for f in found if roles is None or f.role in roles]
    return get


def build(facts_by_project: dict[str, list[Fact]], cross_file: bool = True) -> list[ModelEntry]:
    """One entry per model ID, sorted by ID; locations sorted and de-duplicated."""
    entries: dict[str, ModelEntry] = {}
    seen: set[tuple] = set()  # (id of the location list, path, line): de-duplication in one pass
    for project, facts in sorted(facts_by_project.items()):
        get = _facts_getter(facts)
        uses = file_uses(get)
        if cross_file:
            uses = merge_uses(uses, list(project_uses(get)))
        for use in uses:
            verdict = _models.classify(use.value, use.sdk)
            if verdict is None:
                continue
            entry = entries.get(use.value)
            if entry is None:
                entry = entries[use.value] = ModelEntry(use.value, verdict.provider, verdict.status, verdict.reason)
            _add(entry.set_at, Location(use.path, use.line, 1, use.line), seen)
            _add(entry.used_at, Location(use.site_path, use.site_line, 1, use.site_line), seen)
            if project not in entry.projects:
                entry.projects.append(project)
    for entry in entries.values():
        entry.set_at.sort(key=lambda loc: (loc.path, loc.line))
        entry.used_at.sort(key=lambda loc: (loc.path, loc.line))
        entry.projects.sort()
    return [entries[k] for k in sorted(entries)]


def _add(locations: list[Location], loc: Location, seen: set) -> None:
    key = (id(locations), loc.path, loc.line)
    if key not in seen:
        seen.add(key)
        locations.append(loc)
