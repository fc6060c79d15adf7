"""Find, load and validate ``[tool.readiness]`` / ``readiness.toml`` into Settings.

One file, no cascade. Unknown keys, rule IDs and bad values are errors (exit 2) naming the key.
"""
from __future__ import annotations

import re

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from readiness.discover import DEFAULT_EVAL_PATHS, DEFAULT_EXAMPLE_PATHS, DEFAULT_TEST_PATHS
from readiness.model import Area, Severity
from readiness.parse import DEFAULT_MAX_FILE_BYTES

CONFIG_FILES = ("readiness.toml", ".readiness.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "note", "never")
ACK_REASONS = ("test-data", "remediated", "not-applicable", "not-supported", "not-detected")
ROLLOUT_STAGES = ("internal", "beta", "general")


class ConfigError(Exception):
    """A usage or configuration problem: the CLI prints it on one line and exits 2."""


@dataclass
class Acknowledgement:
    rules: list[str]
    reason: str
    note: str = ""


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["RDY"])
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    test_paths: list[str] = field(default_factory=lambda: list(DEFAULT_TEST_PATHS))
    eval_paths: list[str] = field(default_factory=lambda: list(DEFAULT_EVAL_PATHS))
    example_paths: list[str] = field(default_factory=lambda: list(DEFAULT_EXAMPLE_PATHS))
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"
    # False while fail-on is the default: a scan of files named on the command line (the pre-commit
    # hook) then fails on warnings too, since a hook that passes hides its output.
    fail_on_set: bool = False
    # An area the scorecard shows as `fail` fails the gate (full scans; off with fail-on-area = false).
    fail_on_area: bool = True
    force_exclude: bool = False  # apply `exclude` to paths named on the command line too (pre-commit)
    fix_max_output_tokens: int | None = None  # [tool.readiness.fix] max-output-tokens: the cap RDY301's fix writes
    no_cache: bool = False  # --no-cache
    cache_dir: str = ""  # --cache-dir / cache-dir; default: .readiness_cache at the repository root
    fail_under: int | None = None
    baseline: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_BYTES
    warn_below: int = 80
    fail_below: int = 50
    jobs: int | None = None
    acknowledge: list[Acknowledgement] = field(default_factory=list)
    rollout: dict[str, Any] = field(default_factory=dict)
    extra_rules: list[Path] = field(default_factory=list)  # users' semgrep rule files or folders
    # Model lifecycle entries from the repository (readiness.pack.read_user_lifecycle), added to
    # or overriding the rule pack's table without waiting for a release.
    lifecycle: list[dict] = field(default_factory=list)
    # The date date-dependent rules judge against (YYYY-MM-DD); None: the rule pack's compiled date.
    as_of: str | None = None
    source: str = ""  # the config file used, for `readiness config`
    base_dir: Path = field(default_factory=Path.cwd)


def find_config(start: Path) -> tuple[Path, dict] | None:
    """Walk up from ``start`` to the repository root; the first file with our table wins."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    while True:
        for name in CONFIG_FILES:
            candidate = current / name
            if candidate.is_file():
                table = _read_table(candidate)
                if table is not None:
                    return candidate, table
        if (current / ".git").exists() or current.parent == current:
            return None
        current = current.parent


def _read_table(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("readiness")
        return table if isinstance(table, dict) else None
    if "tool" in data and isinstance(data["tool"], dict) and "readiness" in data["tool"]:
        return data["tool"]["readiness"]
    return data


def _where(path: Path | None, key: str) -> str:
    section = "[tool.readiness]" if path is None or path.name == "pyproject.toml" else path.name
    return f"{key!r} in {section}" + (f" ({path})" if path else "")


def _str_list(value: Any, key: str, path: Path | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)} must be a list of strings")
    return list(value)


def check_selectors(selectors: list[str], what: str) -> None:
    """Every selector must name a rule ID, an ID prefix, an area or a rule name."""
    from readiness.rule import load_rules

    rules = load_rules()
    areas = {a.value for a in Area}
    names = {r.name for r in rules.values()}
    for sel in selectors:
        s = sel.strip()
        if s.lower() in areas or s in names:
            continue
        if s.upper().startswith("RDY") and any(rid.startswith(s.upper()) for rid in rules):
            continue
        raise ConfigError(f"{what}: unknown rule selector {sel!r} (use an ID like RDY101, a prefix like RDY3, an area or a rule name)")


def _specificity(selector: str, rule) -> int:
    s = selector.strip()
    if s == rule.name or s.upper() == rule.id:
        return 100
    if s.lower() == rule.area().value:
        return 4
    if rule.id.startswith(s.upper()):
        return len(s)
    return -1


def rule_enabled(rule, select: list[str], ignore: list[str]) -> bool:
    """Longest matching selector decides; on a tie, ignore wins."""
    best_select = max((_specificity(s, rule) for s in select), default=-1)
    best_ignore = max((_specificity(s, rule) for s in ignore), default=-1)
    return best_select >= 0 and best_select > best_ignore


def selector_matches(selectors: list[str], rule) -> bool:
    return any(_specificity(s, rule) >= 0 for s in selectors)


KNOWN_KEYS = {
    "select", "ignore", "exclude", "test-paths", "eval-paths", "example-paths", "per-path-ignores", "rules",
    "fail-on", "fail-under", "baseline", "max-file-size", "thresholds", "jobs", "acknowledge", "rollout",
    "extra-rules", "lifecycle", "as-of", "extend-test-paths", "extend-eval-paths", "extend-example-paths",
    "fail-on-area", "required-version", "force-exclude", "cache-dir", "fix",
}


def load_settings(table: dict, path: Path | None) -> Settings:
    """Validate a [tool.readiness] table into Settings."""
    from readiness.rule import get_rule

    s = Settings(source=str(path) if path else "", base_dir=path.parent if path else Path.cwd())
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"unknown key {_where(path, key)}")
    if "select" in table:
        s.select = _str_list(table["select"], "select", path)
        check_selectors(s.select, _where(path, "select"))
    if "ignore" in table:
        s.ignore = _str_list(table["ignore"], "ignore", path)
        check_selectors(s.ignore, _where(path, "ignore"))
    for key, attr in (("exclude", "exclude"), ("test-paths", "test_paths"), ("eval-paths", "eval_paths"), ("example-paths", "example_paths")):
        if key in table:
            setattr(s, attr, _str_list(table[key], key, path))
    # ``extend-*``: add to the defaults (or to the list set above) instead of replacing them, as ruff's extend-* keys do
    for key, attr in (("extend-test-paths", "test_paths"), ("extend-eval-paths", "eval_paths"),
                      ("extend-example-paths", "example_paths")):
        if key in table:
            setattr(s, attr, getattr(s, attr) + [p for p in _str_list(table[key], key, path) if p not in getattr(s, attr)])
    ppi = table.get("per-path-ignores", {})
    if not isinstance(ppi, dict):
        raise ConfigError(f"{_where(path, 'per-path-ignores')} must be a table of glob = [rules]")
    for glob, sels in ppi.items():
        s.per_path_ignores[glob] = _str_list(sels, f"per-path-ignores.{glob}", path)
        check_selectors(s.per_path_ignores[glob], _where(path, f"per-path-ignores.{glob}"))
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{_where(path, 'rules')} must be a table of rule tables")
    for rule_id, opts in rules.items():
        rule = get_rule(rule_id)
        if rule is None:
            raise ConfigError(f"unknown rule {_where(path, 'rules.' + rule_id)}")
        if not isinstance(opts, dict):
            raise ConfigError(f"{_where(path, 'rules.' + rule_id)} must be a table")
        for opt, value in opts.items():
            if opt != "severity":
                raise ConfigError(f"unknown option {_where(path, f'rules.{rule_id}.{opt}')} ({rule.id} has no options)")
            if value not in ("error", "warning", "note"):
                raise ConfigError(f"{_where(path, f'rules.{rule_id}.severity')} must be error, warning or note")
            s.severity[rule.id] = Severity(value)
    for entry in _str_list(table.get("extra-rules", []), "extra-rules", path):
        rule_path = (s.base_dir / entry).resolve()
        if not rule_path.exists():
            raise ConfigError(f"{_where(path, 'extra-rules')}: {entry} does not exist")
        s.extra_rules.append(rule_path)
    if "lifecycle" in table:
        if not isinstance(table["lifecycle"], str):
            raise ConfigError(f"{_where(path, 'lifecycle')} must be a path to a YAML file")
        from readiness.pack import read_user_lifecycle
        s.exclude.append("/" + table["lifecycle"].lstrip("./"))  # facts about models, not settings of this agent
        try:
            s.lifecycle = read_user_lifecycle(s.base_dir / table["lifecycle"])
        except ValueError as exc:
            raise ConfigError(f"{_where(path, 'lifecycle')}: {exc}") from exc
    if "required-version" in table:
        check_required_version(table["required-version"], _where(path, "required-version"))
    if "fail-on-area" in table:
        if not isinstance(table["fail-on-area"], bool):
            raise ConfigError(f"{_where(path, 'fail-on-area')} must be true or false")
        s.fail_on_area = table["fail-on-area"]
    if "fix" in table:
        fix = table["fix"]
        if not isinstance(fix, dict) or set(fix) - {"max-output-tokens"}:
            raise ConfigError(f"{_where(path, 'fix')} takes only max-output-tokens")
        value = fix.get("max-output-tokens")
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ConfigError(f"{_where(path, 'fix.max-output-tokens')} must be a positive integer")
        s.fix_max_output_tokens = value
    if "cache-dir" in table:
        if not isinstance(table["cache-dir"], str) or not table["cache-dir"].strip():
            raise ConfigError(f"{_where(path, 'cache-dir')} must be a folder path")
        s.cache_dir = str(s.base_dir / table["cache-dir"])
    if "force-exclude" in table:
        if not isinstance(table["force-exclude"], bool):
            raise ConfigError(f"{_where(path, 'force-exclude')} must be true or false")
        s.force_exclude = table["force-exclude"]
    if "as-of" in table:
        s.as_of = validate_date(table["as-of"], _where(path, "as-of"))
    if "fail-on" in table:
        s.fail_on = validate_fail_on(table["fail-on"], _where(path, "fail-on"))
        s.fail_on_set = True
    if "fail-under" in table:
        s.fail_under = validate_score(table["fail-under"], _where(path, "fail-under"))
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{_where(path, 'baseline')} must be a path")
        s.baseline = str((s.base_dir / table["baseline"]))
    if "max-file-size" in table:
        v = table["max-file-size"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ConfigError(f"{_where(path, 'max-file-size')} must be a positive number of bytes")
        s.max_file_size = v
    if "jobs" in table:
        v = table["jobs"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ConfigError(f"{_where(path, 'jobs')} must be a positive integer")
        s.jobs = v
    thresholds = table.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise ConfigError(f"{_where(path, 'thresholds')} must be a table")
    for key, value in thresholds.items():
        if key not in ("warn-below", "fail-below"):
            raise ConfigError(f"unknown key {_where(path, 'thresholds.' + key)}")
        setattr(s, key.replace("-", "_"), validate_score(value, _where(path, "thresholds." + key)))
    if s.fail_below > s.warn_below:
        raise ConfigError(f"{_where(path, 'thresholds')}: fail-below must not exceed warn-below")
    acks = table.get("acknowledge", [])
    if not isinstance(acks, list):
        raise ConfigError(f"{_where(path, 'acknowledge')} must be an array of tables ([[tool.readiness.acknowledge]])")
    for i, ack in enumerate(acks):
        where = _where(path, f"acknowledge[{i}]")
        if not isinstance(ack, dict):
            raise ConfigError(f"{where} must be a table")
        extra = set(ack) - {"rules", "reason", "note"}
        if extra:
            raise ConfigError(f"unknown key {sorted(extra)[0]!r} in {where}")
        rules_ = _str_list(ack.get("rules", []), f"acknowledge[{i}].rules", path)
        if not rules_:
            raise ConfigError(f"{where} needs rules = [...]")
        check_selectors(rules_, where)
        reason = ack.get("reason")
        if reason not in ACK_REASONS:
            raise ConfigError(f"{where}: reason must be one of {', '.join(ACK_REASONS)}")
        s.acknowledge.append(Acknowledgement(rules_, reason, str(ack.get("note", ""))))
    rollout = table.get("rollout", {})
    if not isinstance(rollout, dict):
        raise ConfigError(f"{_where(path, 'rollout')} must be a table")
    extra = set(rollout) - {"stage", "criteria", "owner"}
    if extra:
        raise ConfigError(f"unknown key {_where(path, 'rollout.' + sorted(extra)[0])}")
    if "stage" in rollout and rollout["stage"] not in ROLLOUT_STAGES:
        raise ConfigError(f"{_where(path, 'rollout.stage')} must be one of {', '.join(ROLLOUT_STAGES)}")
    if "criteria" in rollout and not isinstance(rollout["criteria"], dict):
        raise ConfigError(f"{_where(path, 'rollout.criteria')} must be a table of criterion = threshold")
    s.rollout = rollout
    return s


def validate_fail_on(value: Any, where: str) -> str:
    if value not in FAIL_ON:
        raise ConfigError(f"{where} must be one of {', '.join(FAIL_ON)}")
    return value


_SPECIFIER = re.compile(r"^\s*(==|!=|>=|<=|>|<|~=)?\s*(\d+(?:\.\d+)*)\s*$")


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_required_version(value: Any, where: str, running: str | None = None) -> None:
    """``required-version = ">=0.1, <0.3"`` (as ruff's): a config that needs another readiness fails
    with one line instead of judging with rules it was not written for."""
    from readiness import __version__
    running = running or __version__
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a version requirement such as \">=0.1\"")
    have = _version_tuple(running.split("+")[0].split("rc")[0].split("a")[0].split("b")[0])
    for clause in value.split(","):
        match = _SPECIFIER.match(clause)
        if not match:
            raise ConfigError(f"{where}: cannot read {clause.strip()!r}; write e.g. \">=0.1\" or \"==0.1.0\"")
        op, wanted = match.group(1) or "==", _version_tuple(match.group(2))
        if op == "~=":  # compatible release: >= wanted and the same series
            ok = have >= wanted and have[:max(len(wanted) - 1, 1)] == wanted[:max(len(wanted) - 1, 1)]
        else:
            ok = {"==": have == wanted, "!=": have != wanted, ">=": have >= wanted, "<=": have <= wanted,
                  ">": have > wanted, "<": have < wanted}[op]
        if not ok:
            raise ConfigError(f"{where} is {value!r}, but this is readiness {running}")


def validate_date(value: Any, where: str) -> str:
    """A calendar date as YYYY-MM-DD (a TOML date is taken as it is)."""
    import datetime as _dt
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ConfigError(f"{where} must be a date written YYYY-MM-DD")


def validate_score(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ConfigError(f"{where} must be a whole number from 0 to 100")
    return value


def resolve_settings(paths: list[str], config_file: str | None) -> Settings:
    """Settings from --config, else the first config found above the first path."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"--config {config_file}: no such file")
        table = _read_table(path)
        if table is None:
            raise ConfigError(f"--config {config_file}: no [tool.readiness] table")
        return load_settings(table, path)
    start = Path(paths[0]) if paths else Path(".")
    if not start.exists():
        start = Path(".")
    found = find_config(start)
    if found is None:
        return Settings()
    return load_settings(found[1], found[0])
