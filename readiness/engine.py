"""Run rules: one ``ast`` walk per Python file dispatching to every interested rule, file hooks for
other kinds, then project hooks over the pooled facts. A crashing rule becomes a diagnostic.

``scan_file`` is pure (entry in, ``FileResult`` out) so a process pool can run it.
"""
from __future__ import annotations

import ast
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Iterable

from readiness.context import Fact, FileContext, ProjectContext, file_signature, still_true, trace_start, trace_stop
from readiness.discover import FileEntry, Project
from readiness import records
from readiness.facts import collect_core_facts
from readiness.pack import set_as_of, set_user_lifecycle
from readiness import notebook
from readiness.model import Diagnostic, Evidence, Finding, Location
from readiness.parse import DEFAULT_MAX_FILE_BYTES, Parsed, read_file
from readiness.rule import Rule, load_rules
from readiness.suppress import Directive, parse_directives
from readiness.walk import forget as forget_walks
from readiness.cache import facts_digest

# Below this many files a process pool costs more (worker imports) than it saves.
POOL_THRESHOLD = 60


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    lines: int = 0
    # for the cache: the file's (size, mtime) when read, and what else the rules looked at
    signature: tuple | None = None
    looks: tuple = ()
    facts_digest: str = ""  # what the project phase's cache key reads instead of the facts


class Dispatcher:
    """Rule instances and the node-type -> bound-methods table, built once per process."""

    def __init__(self, rule_ids: Iterable[str], fact_rules: Iterable[str] = ()):
        registry = load_rules()
        wanted = set(rule_ids) | set(fact_rules)
        self.rules: list[Rule] = [registry[r]() for r in sorted(wanted) if r in registry]
        self.file_rules = [r for r in self.rules if r.has_file_hooks()]
        self.table: dict[type, list[tuple[Rule, str]]] = {}
        for rule in self.file_rules:
            for node_name, method in rule.visitors().items():
                node_type = getattr(ast, node_name, None)
                if node_type is not None:
                    self.table.setdefault(node_type, []).append((rule, method))

    def applicable(self, ctx: FileContext) -> list[Rule]:
        return [
            r for r in self.file_rules
            if ctx.kind in r.kinds and ctx.role in r.roles and (not r.needs or any(n in ctx.text for n in r.needs))
        ]


def _crash(rule: Rule, path: str, exc: BaseException) -> Diagnostic:
    return Diagnostic("rule-crash", f"{rule.id} crashed: {type(exc).__name__}; results for this file are incomplete", path, blocking=True)


def run_file_rules(dispatcher: Dispatcher, ctx: FileContext, skip: set[int] = frozenset()) -> list[Diagnostic]:
    """Run every applicable rule on one parsed file; one walk for all visitors."""
    diagnostics: list[Diagnostic] = []
    rules = [r for r in dispatcher.applicable(ctx) if id(r) not in skip]
    if not rules:
        return diagnostics
    active = set(map(id, rules))
    crashed: set[int] = set()

    for rule in rules:
        if type(rule).check_file is not Rule.check_file:
            ctx.rule = type(rule)
            try:
                rule.check_file(ctx)
            except Exception as exc:  # a rule bug must never stop the scan
                crashed.add(id(rule))
                diagnostics.append(_crash(rule, ctx.path, exc))

    if ctx.tree is not None and dispatcher.table:
        table = {t: [(r, m) for r, m in pairs if id(r) in active] for t, pairs in dispatcher.table.items()}
        table = {t: pairs for t, pairs in table.items() if pairs}
        if table:
            try:
                for node in ctx.nodes:
                    for rule, method in table.get(type(node), ()):
                        if id(rule) in crashed:
                            continue
                        ctx.rule = type(rule)
                        try:
                            getattr(rule, method)(node, ctx)
                        except Exception as exc:
                            crashed.add(id(rule))
                            diagnostics.append(_crash(rule, ctx.path, exc))
            except RecursionError:
                diagnostics.append(Diagnostic("unparsable", "Python source nested too deeply to analyse", ctx.path, blocking=True))
    return diagnostics


_DISPATCHER: Dispatcher | None = None
_MAX_BYTES = DEFAULT_MAX_FILE_BYTES


def _init_worker(rule_ids: list[str], max_bytes: int, fact_rules: list[str] = (), lifecycle: list[dict] = (),
                 as_of: str | None = None) -> None:
    global _DISPATCHER, _MAX_BYTES
    set_user_lifecycle(list(lifecycle))
    set_as_of(as_of)
    _DISPATCHER = Dispatcher(rule_ids, fact_rules)
    _MAX_BYTES = max_bytes


def scan_file(entry: FileEntry) -> FileResult:
    """Read, parse and check one file. Pure: safe to run in a worker process. The result says
    which other files and folders its rules looked at, so a cache can tell when it goes stale."""
    signature = file_signature(entry.abspath)
    if entry.kind == "binary":
        return FileResult(entry.path, signature=signature)
    parsed = read_file(entry.abspath, entry.kind, entry.path, _MAX_BYTES)
    if isinstance(parsed, Diagnostic):
        result = FileResult(entry.path, signature=signature)
        result.diagnostics.append(parsed)
        return result
    trace_start()
    try:
        result = scan_parsed(entry, parsed)
    finally:
        looks = trace_stop()
        forget_walks()
    result.signature, result.looks = signature, looks
    result.facts_digest = facts_digest(result.facts)
    return result


def scan_parsed(entry: FileEntry, parsed: Parsed) -> FileResult:
    """Check one parsed file. Whatever the input, this returns: a failure becomes a diagnostic."""
    result = FileResult(entry.path)
    try:
        _check(entry, parsed, result)
    except Exception as exc:  # the last line of defence: one bad file never stops the scan
        result.findings, result.evidence, result.facts = [], [], []
        result.diagnostics.append(Diagnostic("internal-error", f"readiness could not check this file "
                                             f"({type(exc).__name__}); please report it", entry.path, blocking=True))
    return result


def _check(entry: FileEntry, parsed: Parsed, result: FileResult) -> None:
    result.lines = len(parsed.lines)
    result.diagnostics.extend(parsed.diagnostics)
    result.directives = parse_directives(parsed.lines, entry.kind)
    ctx = FileContext(entry, parsed)
    try:
        collect_core_facts(ctx)
    except (RecursionError, Exception) as exc:  # facts feed the project rules; the file rules still run
        result.diagnostics.append(Diagnostic("rule-crash", f"project facts could not be collected "
                                             f"({type(exc).__name__}); project results are incomplete", entry.path,
                                             blocking=True))
    result.diagnostics.extend(run_file_rules(_DISPATCHER, ctx))
    result.findings, result.evidence, result.facts = ctx.findings, ctx.evidence, ctx.facts
    if entry.kind == "notebook":
        try:
            _scan_notebook_code(entry, parsed, result)
        except Exception as exc:  # our bug, not the notebook's: say so, and keep the text results
            result.diagnostics.append(Diagnostic("internal-error", f"notebook code cells could not be "
                                                 f"analysed ({type(exc).__name__}); only its text was checked; "
                                                 "please report it", entry.path))


def _scan_notebook_code(entry: FileEntry, parsed, result: FileResult) -> None:
    """Run the Python rules on a notebook's code cells and move what they find back to the notebook.

    Rules that read notebooks as text (secrets) already ran on the raw file and are not run again."""
    source = notebook.to_python(parsed.text, entry.path)
    if isinstance(source, Diagnostic):
        result.diagnostics.append(source)
        return
    result.diagnostics.extend(source.diagnostics)
    code = Parsed(text=source.text, lines=source.text.splitlines(), tree=source.tree)
    ctx = FileContext(replace(entry, kind="python"), code)
    collect_core_facts(ctx)
    text_rules = {id(r) for r in _DISPATCHER.file_rules if "notebook" in r.kinds}
    result.diagnostics.extend(run_file_rules(_DISPATCHER, ctx, skip=text_rules))
    for item in (*ctx.findings, *ctx.evidence):
        item.location = source.locate(item.location)
    for finding in ctx.findings:
        finding.edit = None  # a cell's line is not the notebook file's line: no mechanical fix there
    result.directives = [replace(d, line=source.locate(Location(entry.path, d.line)).line)
                         for d in parse_directives(code.lines, "python")]
    result.findings += ctx.findings
    result.evidence += ctx.evidence
    result.facts += [_relocated_fact(fact, lambda n: source.locate(Location(entry.path, n)).line) for fact in ctx.facts]


def _relocated_fact(fact: Fact, line_of) -> Fact:
    """A notebook fact with its line, and the lines its value carries, moved to the .ipynb file."""
    value = fact.value
    if isinstance(value, records.ModelUse):
        value = value._replace(site_line=line_of(value.site_line))
    elif fact.name in ("tool", "func-caps"):  # ...|kind:line:detail;kind:line:detail|...
        parts = value.split("|")
        index = 2 if fact.name == "tool" else 1
        if len(parts) > index:
            caps = []
            for item in filter(None, parts[index].split(";")):
                kind, line, detail = item.split(":", 2)
                caps.append(f"{kind}:{line_of(int(line)) if line.isdigit() else line}:{detail}")
            parts[index] = ";".join(caps)
            value = "|".join(parts)
    return replace(fact, line=line_of(fact.line), value=value)


def scan_files(entries: list[FileEntry], rule_ids: list[str], max_bytes: int, jobs: int | None = None,
               fact_rules: list[str] = (), lifecycle: list[dict] = (), as_of: str | None = None,
               progress=None, cache=None) -> list[FileResult]:
    """Scan files, in a process pool when the tree is big enough to repay it; results in the
    order of ``entries``.

    ``fact_rules`` run their file hooks even when not selected: project rules read each other's
    facts (RDY602 needs RDY601's eval-suite facts), and facts never become findings by themselves.
    With a ``cache`` (readiness/cache.py), files whose stored result still holds are not read.
    """
    reused: dict[str, FileResult] = {}
    if cache is not None:
        for entry in entries:
            result = cache.lookup(entry, still_true)
            if result is not None:
                reused[entry.path] = result
                if progress is not None:
                    progress()
    todo = [e for e in entries if e.path not in reused]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(todo) >= POOL_THRESHOLD:
        # Biggest files first, in small chunks: a few large modules decide the wall time, and
        # handed out last they would leave one worker busy while the other waits.
        order = sorted(todo, key=_size, reverse=True)
        chunk = max(1, min(8, len(order) // (jobs * 32)))
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rule_ids, max_bytes, list(fact_rules), list(lifecycle), as_of)) as pool:
            done = dict(zip((e.path for e in order), _counted(pool.map(scan_file, order, chunksize=chunk), progress)))
        fresh = [done[e.path] for e in todo]
    elif todo:
        _init_worker(rule_ids, max_bytes, list(fact_rules), list(lifecycle), as_of)
        fresh = _counted(map(scan_file, todo), progress)
    else:
        fresh = []
    if cache is not None:
        for entry, result in zip(todo, fresh):
            cache.store(entry, result)
    by_path = dict(zip((e.path for e in todo), fresh))
    return [reused.get(e.path) or by_path[e.path] for e in entries]


def _size(entry: FileEntry) -> int:
    try:
        return os.path.getsize(entry.abspath)
    except OSError:
        return 0


def _counted(results, progress) -> list[FileResult]:
    """Collect results as they arrive, telling ``progress`` (when given) about each."""
    collected = []
    for result in results:
        collected.append(result)
        if progress is not None:
            progress()
    return collected


def fact_rule_ids(rules: dict) -> list[str]:
    """Rules whose file hooks must run even when unselected, because a project hook reads facts."""
    return [r for r, cls in rules.items() if cls.has_project_hook()]


def run_project_rules(
    rule_ids: list[str], project: Project, files: list[FileEntry], facts: list[Fact], settings
) -> tuple[list[Finding], list[Evidence], list[Diagnostic]]:
    registry = load_rules()
    ctx = ProjectContext(project, files, facts, settings)
    diagnostics: list[Diagnostic] = []
    agent = ctx.is_agent_project
    serves_tools = not agent and any(ctx.has(name, roles=("prod",)) for name in ("tool", "tool-ref", "routes-as-tools"))
    if not agent and not serves_tools:
        return [], [], []
    for rule_id in sorted(rule_ids):
        cls = registry.get(rule_id)
        if cls is None or not cls.has_project_hook() or not agent and not cls.judges_tools:
            continue
        ctx.rule = cls
        try:
            cls().check_project(ctx)
        except Exception as exc:
            diagnostics.append(Diagnostic("rule-crash", f"{rule_id} crashed: {type(exc).__name__}; project results are incomplete",
                                          project.path, blocking=True))
    return ctx.findings, ctx.evidence, diagnostics

