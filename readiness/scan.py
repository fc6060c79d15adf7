"""The pipeline: discover -> parse and check files -> project rules -> suppress -> score -> Report."""
from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pathspec

from readiness import __version__
from readiness.config import Settings, rule_enabled, selector_matches
from readiness.context import reset_caches
from readiness.discover import discover
from readiness import gaps, project_phase
from readiness.cache import CACHE_DIR_NAME, ScanCache, phase_key, run_key, semgrep_key
from readiness.engine import fact_rule_ids, scan_files
from readiness.model import Diagnostic, Evidence, Finding, ProjectScore, Report
from readiness.pack import as_of, set_as_of, set_user_lifecycle
from readiness.rule import load_rules
from readiness.score import area_scores, gate, overall
from readiness.suppress import apply_directives, assign_fingerprints, load_baseline, match_baseline

SCHEMA_VERSION = "1.2"


def _open_cache(settings: Settings, root: Path, rule_ids: list[str], fact_rules: list[str]):
    """The scan cache for this kind of run, or None (``--no-cache``, or nowhere to keep it)."""
    if settings.no_cache:
        return None
    folder = Path(settings.cache_dir) if settings.cache_dir else root / CACHE_DIR_NAME
    key = run_key(rules=sorted(rule_ids), fact_rules=sorted(fact_rules), max_bytes=settings.max_file_size,
                  lifecycle=settings.lifecycle, as_of=as_of())
    return ScanCache.open(folder, key)


def _fill_fix_settings(findings: list[Finding], settings: Settings) -> None:
    """Fixes that need a number only the project can choose (the output cap) get it from
    ``[tool.readiness.fix]``; without the setting they are not offered. Cached results keep the
    placeholder, so changing the setting needs no rescan."""
    from dataclasses import replace

    from readiness.model import MAX_OUTPUT_TOKENS

    value = settings.fix_max_output_tokens
    for f in findings:
        if f.edit is not None and MAX_OUTPUT_TOKENS in f.edit.new:
            f.edit = replace(f.edit, new=f.edit.new.replace(MAX_OUTPUT_TOKENS, str(value))) if value else None


def selected_rules(settings: Settings, select: list[str] | None = None, ignore: list[str] | None = None) -> list[str]:
    sel = select if select else settings.select
    ign = settings.ignore + (ignore or [])
    return [rid for rid, rule in load_rules().items() if rule_enabled(rule, sel, ign)]


def _per_path_filter(settings: Settings, items: list, rules: dict, prefix: str) -> list:
    """``per-path-ignores`` globs are read from the config file's folder, as written there."""
    if not settings.per_path_ignores:
        return items
    specs = [(pathspec.GitIgnoreSpec.from_lines([glob]), sels) for glob, sels in settings.per_path_ignores.items()]
    kept = []
    for item in items:
        rule = rules[item.rule]
        path = item.location.path
        if prefix:
            path = path[len(prefix) + 1:] if path.startswith(prefix + "/") else None
        if path is not None and any(spec.match_file(path) and selector_matches(sels, rule) for spec, sels in specs):
            continue
        kept.append(item)
    return kept


def _dedupe(items: list, text=lambda item: item.message) -> list:
    """One finding (or credit) per rule, place and message, even if a file pass and a project pass
    both saw it."""
    seen, kept = set(), []
    for item in items:
        key = (item.rule, item.location.path, item.location.line, text(item))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _one_per_tool_line(findings: list[Finding], rules: dict) -> list[Finding]:
    """A line that runs a shell (or writes a file) is one problem however many tools reach it: a
    dispatcher's branch and the handler it calls, a tool and its helper. Rules that judge tool
    bodies keep the first finding per line (findings arrive in a deterministic order)."""
    seen, kept = set(), []
    for f in findings:
        rule = rules.get(f.rule)
        if rule is not None and rule.judges_tool_bodies:
            key = (f.rule, f.location.path, f.location.line)
            if key in seen:
                continue
            seen.add(key)
        kept.append(f)
    return kept


def _drop_superseded(findings: list[Finding], rules: dict) -> list[Finding]:
    """Where a rule and one it supersedes report on the same line, keep the more specific one."""
    places = {(f.rule, f.location.path, f.location.line) for f in findings}
    def superseded(f: Finding) -> bool:
        return any((r, f.location.path, f.location.line) in places
                   for r, cls in rules.items() if f.rule in getattr(cls, "supersedes", ()))
    return [f for f in findings if not superseded(f)]


def _outside_unregistered_tools(findings: list[Finding], found_gaps, rules: dict) -> list[Finding]:
    """Findings about what a tool does, inside a tool no code hands to an agent, are set aside
    (the gap's diagnostic names the tool)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for path, line, end, _ in found_gaps.unregistered_tools:
        spans.setdefault(path, []).append((line, end))
    if not spans:
        return findings
    def inside(f: Finding) -> bool:
        rule = rules.get(f.rule)
        return bool(rule is not None and rule.judges_tool_bodies and any(
            a <= f.location.line <= b for a, b in spans.get(f.location.path, ())))
    return [f for f in findings if not inside(f)]


def _acknowledge(settings: Settings, findings: list[Finding], rules: dict) -> None:
    """Project-level findings acknowledged in config become suppressed (neutral in scores)."""
    for f in findings:
        if not f.subject:
            continue
        for ack in settings.acknowledge:
            if selector_matches(ack.rules, rules[f.rule]):
                f.state = "suppressed"
                f.suppression_kind = "external"
                f.justification = ack.reason + (f": {ack.note}" if ack.note else "")
                break


def check(paths: list[str], settings: Settings, *, select: list[str] | None = None, ignore: list[str] | None = None,
          baseline: str | None = None, progress=None, log=None) -> Report:
    """Scan ``paths`` and return the full Report. Never imports or runs scanned code."""
    reset_caches()
    rules = load_rules()
    rule_ids = selected_rules(settings, select, ignore)
    found = discover(paths, exclude=settings.exclude, test_paths=settings.test_paths, eval_paths=settings.eval_paths,
                     example_paths=settings.example_paths, root=settings.base_dir if settings.source else None,
                     force_exclude=settings.force_exclude)
    mode = "files" if found.explicit_files else "full"
    if mode == "files":
        # pre-commit passes changed files: judge lines only, never "missing anywhere" absences.
        rule_ids = [r for r in rule_ids if rules[r].scope == "line" and not rules[r].needs_project]

    fact_rules = [] if mode == "files" else fact_rule_ids(rules)
    # TypeScript/JavaScript and the users' own rules: one semgrep process, running beside the Python
    # pass. A Python-only run never imports the semgrep glue (a pre-commit run starts faster).
    semgrep_engine = None
    if settings.extra_rules or any(f.kind == "tsjs" for f in found.files):
        from readiness import semgrep_engine
    rule_files, user_rules, rule_diagnostics = (semgrep_engine.load_user_rules(settings.extra_rules)
                                                if semgrep_engine is not None else ([], {}, []))
    set_user_lifecycle(settings.lifecycle)  # the project phase judges model IDs in this process too
    set_as_of(settings.as_of)
    store = _open_cache(settings, found.root, rule_ids, fact_rules)
    sg_key = semgrep_key(found.files, rule_files, rule_ids, semgrep_engine) if store is not None else ""
    cached_semgrep = store.outcome("semgrep", sg_key) if store is not None else None
    pending = None if cached_semgrep is not None or semgrep_engine is None else semgrep_engine.start(
        found.files, rule_files, user_rules, set(rule_ids), settings.max_file_size)
    if log is not None:
        log(f"{len(found.files)} files in {len(found.projects)} project(s), {len(rule_ids)} rules, mode {mode}")
    started = time.monotonic()
    meter = progress(len(found.files)) if progress is not None else None
    try:
        results = scan_files(found.files, rule_ids, settings.max_file_size, settings.jobs, fact_rules, settings.lifecycle,
                             settings.as_of, progress=meter, cache=store)
    finally:
        if meter is not None:
            meter.close()
    if cached_semgrep is not None:
        sg = cached_semgrep
    elif pending is not None:
        sg = semgrep_engine.finish(pending)
        if store is not None:
            store.store_outcome("semgrep", sg_key, sg)
    else:
        sg = SimpleNamespace(findings=[], evidence=[], facts=[], diagnostics=[])
    if log is not None:
        log(f"files scanned in {time.monotonic() - started:.1f} s")
    findings: list[Finding] = []
    evidence: list[Evidence] = []
    diagnostics: list[Diagnostic] = list(found.diagnostics)
    directives = {}
    facts_by_project: dict[str, list] = {}
    lines = 0
    chosen = set(rule_ids)
    for r in results:
        findings.extend(f for f in r.findings if f.rule in chosen)
        evidence.extend(e for e in r.evidence if e.rule in chosen)
        diagnostics.extend(r.diagnostics)
        lines += r.lines
        if r.directives:
            directives[r.path] = r.directives
        for fact in r.facts:
            facts_by_project.setdefault(fact.project, []).append(fact)

    diagnostics.extend(rule_diagnostics)
    findings.extend(sg.findings)
    evidence.extend(sg.evidence)
    diagnostics.extend(sg.diagnostics)
    for fact in sg.facts:
        facts_by_project.setdefault(fact.project, []).append(fact)

    started = time.monotonic()
    project_key = phase_key(store.key, mode, found, results, sg, rule_ids, settings) if store is not None else ""
    phase = store.outcome("project", project_key) if store is not None else None
    reused_phase = phase is not None
    if phase is None:
        phase = project_phase.run(mode, found.projects, found.files, facts_by_project, rule_ids, settings)
        if store is not None:
            store.store_outcome("project", project_key, phase)
    if store is not None:
        why = store.save()  # before anything below marks findings suppressed, baselined or fingerprinted
        if log is not None:
            log(f"cache {store.folder}: {store.hits} of {len(results)} file(s) reused"
                + ("; project results reused (no fact changed)" if reused_phase else "")
                + (f"; {store.note}" if store.note else "") + (f"; {why}" if why else ""))
    if log is not None:
        log(f"project rules and inventories in {time.monotonic() - started:.1f} s")
    findings.extend(phase.findings)
    evidence.extend(phase.evidence)
    diagnostics.extend(phase.diagnostics)
    _fill_fix_settings(findings, settings)

    found_gaps = phase.gaps
    diagnostics.extend(found_gaps.diagnostics)
    findings = _outside_unregistered_tools(findings, found_gaps, rules)
    findings = _dedupe(findings)
    findings = _one_per_tool_line(findings, rules)
    findings = _drop_superseded(findings, rules)
    evidence = _dedupe(evidence, lambda e: e.note)
    prefix = found.config_prefix
    findings = _per_path_filter(settings, findings, rules, prefix)
    evidence = _per_path_filter(settings, evidence, rules, prefix)
    severity_of = {rid: settings.severity.get(rid, rule.severity) for rid, rule in rules.items()}
    for f in findings:
        f.severity = severity_of.get(f.rule, f.severity)  # users' semgrep rules keep their own
    _acknowledge(settings, findings, rules)
    diagnostics.extend(apply_directives(findings, directives, set(rules)))
    assign_fingerprints(findings)
    baseline_path = baseline or settings.baseline
    if baseline_path:
        diagnostics.extend(match_baseline(findings, load_baseline(Path(baseline_path)), found.scanned_from, baseline_path))

    findings.sort(key=Finding.sort_key)
    evidence.sort(key=Evidence.sort_key)
    diagnostics.sort(key=Diagnostic.sort_key)

    project_scores = []
    for project in found.projects:
        pf = [f for f in findings if f.project == project.path]
        pe = [e for e in evidence if e.project == project.path]
        areas = area_scores(pf, pe, severity_of, settings.warn_below, settings.fail_below)
        if project.path in found_gaps.unprofiled_frameworks:
            gaps.mark_unknown(areas)
        score, status = overall(areas)
        nfiles = sum(1 for f in found.files if f.project == project.path)
        project_scores.append(ProjectScore(project.path, project.kind, areas, score, status, nfiles))

    areas = area_scores(findings, evidence, severity_of, settings.warn_below, settings.fail_below)
    if found_gaps.unprofiled_frameworks:
        gaps.mark_unknown(areas)
    score, status = overall(areas)
    complete = not any(d.blocking for d in diagnostics)
    report = Report(
        schema_version=SCHEMA_VERSION, tool_version=__version__, complete=complete, mode=mode,
        projects=project_scores, areas=areas, overall=score, status=status, findings=findings, evidence=evidence,
        diagnostics=diagnostics, rules_run=sorted(rule_ids), files_scanned=len(found.files), lines_scanned=lines,
    )
    report.gaps = found_gaps
    report.root = str(found.root)
    report.baseline_used = bool(baseline_path)
    report.as_of = as_of()
    for name, inventory in phase.inventories.items():
        setattr(report, name, inventory)
    # Files named on the command line (pre-commit): line-level rules only, so warnings fail unless
    # fail-on was chosen, and an overall score of a few files means nothing, so fail-under is not applied.
    files_mode = mode == "files"
    fail_on = "warning" if files_mode and not settings.fail_on_set else settings.fail_on
    report.gate = gate(findings, score, complete, fail_on, None if files_mode else settings.fail_under,
                       areas=areas, stage=None if files_mode else (settings.rollout or {}).get("stage"),
                       fail_on_area=settings.fail_on_area and not files_mode and fail_on != "never")
    report.gate["as_of"] = report.as_of  # the same commit and version give the same verdict on any day
    return report
