"""semgrep: the engine for TypeScript/JavaScript and for users' own rules.

One semgrep process per scan, offline (metrics off, no registry, no version check), with a
per-file timeout. Its matches become the same findings, evidence and facts as the Python rules'
(same RDY IDs), so scores, suppressions, baselines and every output format treat them alike.
semgrep is an optional extra (``pip install 'readiness[semgrep]'``): without it the scan still
runs and a notice says how many files went unanalysed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from readiness import records, tsjs_rules
from readiness.context import Fact
from readiness.discover import FileEntry
from readiness.model import Area, Diagnostic, Evidence, Finding, Location, Severity
from readiness.pack import data, pack_dir
from readiness.rule import load_rules

MODEL_RULES = ("RDY101", "RDY104", "RDY105", "RDY108")
SEVERITY = {"ERROR": Severity.ERROR, "WARNING": Severity.WARNING, "INFO": Severity.NOTE}
PER_FILE_TIMEOUT = 20  # seconds per rule and file, semgrep's --timeout
TOTAL_TIMEOUT = 900  # seconds for the whole semgrep run
MAX_TARGETS_PER_RUN = 4000  # keeps the command line far below ARG_MAX
INSTALL_HINT = "pip install 'readiness[semgrep]'"


@dataclass
class UserRule:
    """A semgrep rule of the user's, counted in the area its metadata names."""

    id: str
    area: Area
    severity: Severity
    message: str


@dataclass
class SemgrepOutcome:
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0  # files handed to semgrep


def semgrep_executable() -> str | None:
    """semgrep from the same environment as readiness, else from PATH; ``READINESS_SEMGREP=0``
    turns the semgrep pass off (a notice then says what was not analysed)."""
    if os.environ.get("READINESS_SEMGREP", "").strip().lower() in ("0", "off", "false", "no"):
        return None
    beside = Path(sys.executable).parent / ("semgrep.exe" if os.name == "nt" else "semgrep")
    if beside.is_file():
        return str(beside)
    return shutil.which("semgrep")


def pack_rules() -> list[Path]:
    """The pack's hand-written rules and those generated from the TypeScript framework profiles."""
    folder = pack_dir() / "semgrep"
    return (sorted(folder.glob("*.yaml")) if folder.is_dir() else []) + [tsjs_rules.rules_file()]


def load_user_rules(paths: list[Path]) -> tuple[list[Path], dict[str, UserRule], list[Diagnostic]]:
    """The users' rule files and the rules in them that name an area; others are diagnosed."""
    files: list[Path] = []
    rules: dict[str, UserRule] = {}
    diagnostics: list[Diagnostic] = []
    for path in paths:
        candidates = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")) if path.is_dir() else [path]
        for file in candidates:
            try:
                doc = yaml.safe_load(file.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
                diagnostics.append(Diagnostic("extra-rules", f"cannot read rule file {file}: {exc}", str(file)))
                continue
            found = False
            for rule in (doc or {}).get("rules", []) if isinstance(doc, dict) else []:
                if not isinstance(rule, dict) or "id" not in rule:
                    continue
                meta = rule.get("metadata") or {}
                area_name = (meta.get("readiness") or {}).get("area") if isinstance(meta.get("readiness"), dict) else None
                area_name = area_name or meta.get("area")
                try:
                    area = Area(str(area_name))
                except ValueError:
                    diagnostics.append(Diagnostic(
                        "extra-rules", f"rule `{rule['id']}` in {file} names no readiness area "
                                       f"(metadata.readiness.area: one of {', '.join(a.value for a in Area)}); ignored",
                        str(file)))
                    continue
                rules[str(rule["id"])] = UserRule(str(rule["id"]), area, SEVERITY.get(str(rule.get("severity", "WARNING")).upper(),
                                                                                      Severity.WARNING), str(rule.get("message", "")))
                found = True
            if found:
                files.append(file)
    return files, rules, diagnostics


# A TS/JS file that contains none of these cannot match a rule of the pack: semgrep never sees it.
PACK_HINTS = ("openai", "anthropic", "@ai-sdk", '"ai"', "'ai'", "langchain", "child_process", "execa",
              "process.env", "experimental_telemetry", "generateText", "streamText", "generateObject",
              "streamObject", "ToolLoopAgent", "Experimental_Agent", "createTool", "DynamicStructuredTool",
              "DynamicTool", "setTracingDisabled")


def _relevant(entry: FileEntry, max_bytes: int) -> bool:
    try:
        with open(entry.abspath, "rb") as handle:
            head = handle.read(max_bytes + 1)
    except OSError:
        return False  # the file pass reports unreadable files
    if len(head) > max_bytes or b"\0" in head[:8192]:
        return False  # too large or binary: the file pass says so
    text = head.decode("utf-8", "replace")
    return any(hint in text for hint in PACK_HINTS)


@dataclass
class Pending:
    """A semgrep run started before the Python pass, collected after it."""

    outcome: SemgrepOutcome
    executable: str | None = None
    configs: list[Path] = field(default_factory=list)
    chunks: list[list[FileEntry]] = field(default_factory=list)
    process: subprocess.Popen | None = None
    user_rules: dict = field(default_factory=dict)
    selected: set = field(default_factory=set)


def start(entries: list[FileEntry], user_rule_files: list[Path], user_rules: dict[str, UserRule], selected: set[str],
          max_bytes: int = 2_000_000, executable: str | None = None) -> Pending:
    """Start semgrep in the background on the files it should see (it runs beside the Python pass)."""
    pending = Pending(SemgrepOutcome(), user_rules=user_rules, selected=selected)
    tsjs = [e for e in entries if e.kind == "tsjs"]
    # The pack's rules judge production and example code only (as in Python): tests never go to semgrep.
    pack_targets = [e for e in tsjs if e.role in ("prod", "example") and _relevant(e, max_bytes)]
    if user_rules:
        targets = [e for e in entries if e.kind != "binary"]
        configs = (pack_rules() if pack_targets else []) + list(user_rule_files)
    else:
        targets, configs = pack_targets, pack_rules()
    if not tsjs and not user_rules:
        return pending
    executable = executable or semgrep_executable()
    if executable is None:
        if tsjs:
            pending.outcome.diagnostics.append(Diagnostic(
                "semgrep-missing", f"{len(tsjs)} TypeScript/JavaScript file(s) were not analysed: semgrep is not "
                                   f"installed ({INSTALL_HINT})", ".", blocking=False))
        if user_rules:
            pending.outcome.diagnostics.append(Diagnostic(
                "semgrep-missing", f"extra-rules need semgrep, which is not installed ({INSTALL_HINT})", ".", blocking=True))
        return pending
    if not targets or not configs:
        return pending
    pending.executable, pending.configs = executable, configs
    pending.outcome.files = len(targets)
    pending.chunks = [targets[i:i + MAX_TARGETS_PER_RUN] for i in range(0, len(targets), MAX_TARGETS_PER_RUN)]
    try:
        pending.process = _spawn(executable, configs, [e.abspath for e in pending.chunks[0]])
    except OSError as exc:
        pending.outcome.diagnostics.append(Diagnostic("semgrep-failed", f"semgrep could not be started: {exc}", ".",
                                                      blocking=True))
        pending.chunks = []
    return pending


def finish(pending: Pending) -> SemgrepOutcome:
    """Wait for semgrep and turn its matches into findings, evidence and facts."""
    outcome = pending.outcome
    for number, chunk in enumerate(pending.chunks):
        by_path = {e.abspath: e for e in chunk}
        try:
            process = pending.process if number == 0 else _spawn(pending.executable, pending.configs,
                                                                 [e.abspath for e in chunk])
            stdout, stderr = _collect(process)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            outcome.diagnostics.append(Diagnostic("semgrep-failed", f"semgrep did not finish within {TOTAL_TIMEOUT} s; "
                                                                    "its results are missing", ".", blocking=True))
            continue
        except OSError as exc:
            outcome.diagnostics.append(Diagnostic("semgrep-failed", f"semgrep could not be started: {exc}", ".",
                                                  blocking=True))
            continue
        results, diagnostics = _parse(stdout, stderr, process.returncode, {e.abspath: e.path for e in chunk})
        outcome.diagnostics += diagnostics
        for result in results:
            entry = by_path.get(result.get("path", "")) or by_path.get(os.path.abspath(result.get("path", "")))
            if entry is not None:
                _convert(result, entry, pending.user_rules, pending.selected, outcome)
    return outcome


def _spawn(executable: str, configs: list[Path], targets: list[str]) -> subprocess.Popen:
    command = [executable, "scan", "--json", "--quiet", "--metrics=off", "--disable-version-check", "--jobs", "1",
               "--timeout", str(PER_FILE_TIMEOUT), "--no-git-ignore", "--scan-unknown-extensions"]
    for config in configs:
        command += ["--config", str(config)]
    env = dict(os.environ, SEMGREP_SEND_METRICS="off", SEMGREP_ENABLE_VERSION_CHECK="0")
    # Output goes to temporary files, not pipes: nobody reads a pipe while the Python pass runs,
    # and a full pipe would stall semgrep until then.
    out, err = tempfile.TemporaryFile("w+", encoding="utf-8"), tempfile.TemporaryFile("w+", encoding="utf-8")
    process = subprocess.Popen(command + ["--", *targets], stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
    process.outputs = (out, err)  # type: ignore[attr-defined]
    return process


def _collect(process: subprocess.Popen) -> tuple[str, str]:
    process.wait(timeout=TOTAL_TIMEOUT)
    texts = []
    for handle in process.outputs:  # type: ignore[attr-defined]
        handle.seek(0)
        texts.append(handle.read())
        handle.close()
    return texts[0], texts[1]


def _parse(stdout: str, stderr: str, code: int, rel: dict[str, str]) -> tuple[list[dict], list[Diagnostic]]:
    try:
        payload = json.loads(stdout or "{}")
    except ValueError:
        tail = (stderr or "").strip().splitlines()[-1:] or ["no output"]
        return [], [Diagnostic("semgrep-failed", f"semgrep failed (exit {code}): {tail[0][:300]}", ".", blocking=True)]
    diagnostics = []
    for error in payload.get("errors", []):
        # semgrep's own messages quote source text and absolute paths: never pass them on.
        spans = error.get("spans") or [{}]
        path = error.get("path") or spans[0].get("file") or "."
        kind = str(error.get("type", "error"))
        if isinstance(error.get("type"), list):
            kind = str(error["type"][0])
        if kind == "PartialParsing":
            continue  # semgrep skipped an odd construct and checked the rest of the file
        shown = rel.get(path) or rel.get(os.path.abspath(path))
        line = (spans[0].get("start") or {}).get("line") if isinstance(spans[0], dict) else None
        if shown and ("Syntax" in kind or "Lexical" in kind or "Parse" in kind):
            diagnostics.append(Diagnostic("semgrep-error", f"semgrep could not parse this file ({kind}); its "
                                          "TypeScript/JavaScript rules did not run", shown, line))
        elif shown:
            diagnostics.append(Diagnostic("semgrep-error", f"semgrep could not check this file ({kind})", shown, line))
        else:  # a rule or configuration error: results may be missing for every file
            diagnostics.append(Diagnostic("semgrep-error", f"semgrep reported an error ({kind}); TypeScript/"
                                          "JavaScript results may be incomplete", ".", blocking=True))
    return list(payload.get("results", [])), diagnostics


def _location(result: dict, entry: FileEntry) -> Location:
    start, end = result.get("start", {}), result.get("end", {})
    line = int(start.get("line", 1))
    end_line = int(end.get("line", line))
    return Location(entry.path, line, int(start.get("col", 1)), end_line, int(end["col"]) if "col" in end else None)


def _convert(result: dict, entry: FileEntry, user_rules: dict[str, UserRule], selected: set[str],
             outcome: SemgrepOutcome) -> None:
    registry = load_rules()  # cached: one registry for every match
    extra = result.get("extra", {})
    meta = (extra.get("metadata") or {}).get("readiness") or {}
    message = str(extra.get("message", "")).strip()
    loc = _location(result, entry)
    lines = str(extra.get("lines", ""))
    snippet = "" if "requires login" in lines else " ".join(lines.split("\n")[0].split())
    rule_id = str(result.get("check_id", "")).rsplit(".", 1)[-1]
    if rule_id in user_rules and not meta.get("kind"):
        rule = user_rules[rule_id]
        outcome.findings.append(Finding(rule_id, rule.area, rule.severity, message or rule.message, loc,
                                        project=entry.project, snippet=snippet))
        return
    kind = meta.get("kind")
    if kind == "model":
        sdk = str(meta.get("sdk") or "")
        outcome.facts.append(Fact("model-use", entry.path, loc.line,
                                  records.ModelUse(sdk, loc.line, str(meta.get("site", "")), message),
                                  entry.role, entry.project))
        for rid in MODEL_RULES:
            cls = registry.get(rid)
            if rid not in selected or cls is None or entry.role not in cls.roles:
                continue
            verdict = cls().judge(message, sdk)
            if verdict is None:
                continue
            if verdict.passed:
                outcome.evidence.append(Evidence(rid, cls.area(), loc, verdict.message, entry.project))
            else:
                outcome.findings.append(Finding(rid, cls.area(), cls.severity, verdict.message, loc, project=entry.project,
                                                fix=verdict.fix or cls.fix_hint, snippet=snippet))
        return
    rid = str(meta.get("rule", ""))
    cls = registry.get(rid)
    if cls is None or rid not in selected or entry.role not in cls.roles:
        return
    if kind == "env":
        key, _, value = message.partition("=")
        spec = data("tracing")["env_off"].get(key)
        if spec and value.strip().lower() in spec["values"]:
            outcome.findings.append(Finding(rid, cls.area(), cls.severity, f"`{message}` {spec['why']}", loc,
                                            project=entry.project, fix=cls.fix_hint, snippet=snippet))
    elif kind == "finding":
        outcome.findings.append(Finding(rid, cls.area(), cls.severity, message, loc, project=entry.project,
                                        fix=cls.fix_hint, snippet=snippet))
    elif kind == "evidence":
        outcome.evidence.append(Evidence(rid, cls.area(), loc, message, entry.project))
