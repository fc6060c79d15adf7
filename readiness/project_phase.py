"""Everything a scan derives from the pooled facts: project rules, framework gaps and the
inventories (models, tools, entry points, guardrails, tracing, evals).

It reads facts, the file list and settings, never the files, so its outcome is a function of
those; the scan cache keeps it by their digest (readiness/cache.py), and an edit that changes no
fact (a comment, a string no rule reads) skips it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from readiness import coverage, entry_points, eval_cases, gaps, inventory, tool_inventory
from readiness.engine import run_project_rules
from readiness.facts import tools_dispatched_by_name
from readiness.model import Diagnostic, Evidence, Finding


@dataclass
class ProjectPhase:
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    gaps: gaps.Gaps = field(default_factory=gaps.Gaps)
    # The report's inventories by their Report attribute (models, tools, entry_points, guardrails,
    # tracing, evals); see readiness.model.Report for what each holds.
    inventories: dict[str, list] = field(default_factory=dict)


def run(mode: str, projects: list, files: list, facts_by_project: dict[str, list], rule_ids: list[str],
        settings) -> ProjectPhase:
    """Project rules per project (full mode only), then gaps and inventories over every fact."""
    phase = ProjectPhase()
    facts_by_project = {project: list(facts) for project, facts in facts_by_project.items()}
    for project_facts in facts_by_project.values():
        project_facts.extend(tools_dispatched_by_name(project_facts))
    if mode == "full":
        # `repo:` facts (CI workflows...) describe the whole repository, so every project sees them.
        shared = [f for facts in facts_by_project.values() for f in facts if f.name.startswith("repo:")]
        for project in projects:
            own_files = [f for f in files if f.project == project.path]
            own = [f for f in facts_by_project.get(project.path, []) if not f.name.startswith("repo:")]
            pf, pe, pd = run_project_rules(rule_ids, project, own_files, own + shared, settings)
            phase.findings.extend(pf)
            phase.evidence.extend(pe)
            phase.diagnostics.extend(pd)
        phase.gaps = gaps.find(facts_by_project)
    tools = tool_inventory.build(facts_by_project)
    phase.inventories = {
        "models": inventory.build(facts_by_project, cross_file=mode == "full"),
        "tools": tools,
        "entry_points": entry_points.build(facts_by_project),
        "guardrails": coverage.guardrails(facts_by_project, tools),
        "tracing": coverage.tracing(facts_by_project),
        "evals": eval_cases.build(facts_by_project),
    }
    return phase
