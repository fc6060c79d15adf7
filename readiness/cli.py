"""Command line: `readiness check`, `rules`, `explain`, `config`. Exit 0 pass, 1 gate failed, 2 usage/config,
3 internal error (one line on stderr; the traceback only with READINESS_DEBUG=1)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from readiness import __version__
from readiness.config import ConfigError, check_selectors, resolve_settings, validate_date, validate_fail_on, validate_score

EXIT_OK, EXIT_GATE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "concise", "json", "sarif", "markdown", "github")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _require(paths: list[str]) -> None:
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageFailure(f"path does not exist: {missing[0]}")


def _selectors(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """--select / --ignore, split on commas and checked (a ConfigError names the bad one)."""
    sel, ign = _split(select), _split(ignore)
    for chosen, flag in ((sel, "--select"), (ign, "--ignore")):
        if chosen:
            check_selectors(chosen, flag)
    return sel, ign


def _use_color(no_color: bool, output: str | None) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty()


def _safe_streams() -> None:
    """Never crash on the terminal's encoding (a cp1252 console, ``PYTHONIOENCODING=ascii``): characters
    it cannot show are replaced, the report still prints and the exit code still means the gate."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a detached or closed stream: leave it
                pass


def _output_specs(specs: tuple[str, ...]) -> list[tuple[str, str]]:
    """``--output-format sarif:readiness.sarif`` -> (format, path), checked before the scan."""
    found = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path:
            raise UsageFailure(f"--output-format {spec!r} must be FORMAT:FILE, e.g. sarif:readiness.sarif")
        if fmt not in FORMATS:
            raise UsageFailure(f"--output-format {spec!r}: unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
        found.append((fmt, path))
    return found


def _writable(path: str) -> str:
    """Why ``--output`` cannot be written, or "" (checked before the scan, so a long scan is not wasted)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        return f"--output {path} is a directory"
    if not folder.is_dir():
        return f"--output folder does not exist: {folder}"
    if target.exists() and not os.access(target, os.W_OK) or not target.exists() and not os.access(folder, os.W_OK):
        return f"--output {path} is not writable"
    return ""


class InternalFailure(click.ClickException):
    """A bug or an environment failure inside readiness: exit 3, one line, never the gate's code."""

    exit_code = EXIT_INTERNAL

    def show(self, file=None) -> None:
        click.echo(f"readiness: internal error: {self.format_message()} "
                   "(set READINESS_DEBUG=1 for the traceback; please report it)", err=True)


class UsageFailure(click.UsageError):
    """A usage error that exits 2 with one line (click's default prints usage text too)."""

    def show(self, file=None) -> None:
        click.echo(f"readiness: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readiness")
def main() -> None:
    """Is this AI-agent codebase ready for production? A static audit of model control,
    guardrails, budget limits, tool auth, tracing, evals and rollout."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--select", multiple=True, help="Only these rules: IDs, prefixes (RDY3), areas (budget) or names. Repeatable or comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules (same forms as --select).")
@click.option("--fail-under", type=int, help="Fail when the overall score is below SCORE (0-100).")
@click.option("--fail-on", type=click.Choice(("error", "warning", "note", "never")), help="Fail on any active finding at or above this severity [config or error].")
@click.option("--exit-zero", is_flag=True, help="Always exit 0 after reporting (except usage errors).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Baseline file: matching findings are shown but do not fail the gate.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write all current findings to a baseline file.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file (pyproject.toml or readiness.toml).")
@click.option("--no-color", is_flag=True, help="Plain output (also: NO_COLOR=1).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for big trees [cores].")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge model retirements as of DATE (YYYY-MM-DD) [config or the rule pack's date].")
@click.option("--output-format", "extra_outputs", multiple=True, metavar="FORMAT:FILE",
              help="Also write FORMAT to FILE from the same scan (repeatable), e.g. sarif:readiness.sarif.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the safe fixes first (as `readiness fix`), then report what remains.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of per-file results (.readiness_cache).")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Keep the cache here [config or .readiness_cache at the repository root].")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to paths named on the command line too (the pre-commit hook sets it).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no notes on stderr; only the report.")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr what is scanned and how long each phase takes.")
def check(paths, fmt, output, select, ignore, fail_under, fail_on, exit_zero, baseline, write_baseline, config_file, no_color, jobs,
          as_of, extra_outputs, apply_fixes, no_cache, cache_dir, force_exclude, quiet, verbose):
    """Audit PATHS (default: the current directory) and print the scorecard."""
    _safe_streams()
    paths = list(paths) or ["."]
    _require(paths)
    extra = _output_specs(extra_outputs)
    for target in (output, write_baseline, *(path for _, path in extra)):
        if target and (why := _writable(target)):
            raise UsageFailure(why)
    try:
        if quiet and verbose:
            raise UsageFailure("--quiet and --verbose cannot be used together")
        return _check(paths, fmt, output, select, ignore, fail_under, fail_on, exit_zero, baseline, write_baseline,
                      config_file, no_color, jobs, as_of, extra, quiet, verbose, force_exclude, no_cache, cache_dir,
                      apply_fixes)
    except (click.ClickException, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug must not read as "gate failed"
        if os.environ.get("READINESS_DEBUG"):
            raise
        raise InternalFailure(f"{type(exc).__name__}: {exc}") from None


def _check(paths, fmt, output, select, ignore, fail_under, fail_on, exit_zero, baseline, write_baseline, config_file,
           no_color, jobs, as_of, extra, quiet=False, verbose=False, force_exclude=False, no_cache=False,
           cache_dir=None, apply_fixes=False):
    from readiness.report import render, write as write_report
    from readiness.scan import check as run_check
    from readiness.suppress import BaselineError, write_baseline as save_baseline

    try:
        settings = resolve_settings(paths, config_file)
        sel, ign = _selectors(select, ignore)
        if fail_on:
            settings.fail_on = validate_fail_on(fail_on, "--fail-on")
            settings.fail_on_set = True
        if fail_under is not None:
            settings.fail_under = validate_score(fail_under, "--fail-under")
        if jobs:
            settings.jobs = jobs
        if force_exclude:
            settings.force_exclude = True
        if no_cache:
            settings.no_cache = True
        if cache_dir:
            settings.cache_dir = cache_dir
        if as_of:
            settings.as_of = validate_date(as_of, "--as-of")
        progress = None
        if not quiet and sys.stderr.isatty() and not os.environ.get("CI"):
            from readiness.progress import ScanProgress
            progress = ScanProgress  # a bar only once the scan has run for two seconds
        log = (lambda message: click.echo(f"readiness: {message}", err=True)) if verbose else None
        report = run_check(paths, settings, select=sel or None, ignore=ign or None, baseline=baseline,
                           progress=progress, log=log)
        if apply_fixes:
            from readiness import fixer

            fixes = fixer.plan(report)
            if fixer.write(fixes, report.root):
                if not quiet:
                    click.echo(_fixed_summary(fixes), err=True)
                report = run_check(paths, settings, select=sel or None, ignore=ign or None, baseline=baseline, log=log)
    except (ConfigError, BaselineError) as exc:
        raise UsageFailure(str(exc)) from None

    if write_baseline:
        count = save_baseline(Path(write_baseline), report.findings)
        if not quiet:
            click.echo(f"readiness: wrote {count} finding(s) to baseline {write_baseline}", err=True)

    report.exit_code = EXIT_OK if exit_zero or write_baseline or report.gate["passed"] else EXIT_GATE
    for extra_fmt, path in extra:  # files for CI from the same scan: colourless, full width
        with open(path, "w", encoding="utf-8") as handle:
            write_report(report, extra_fmt, handle, color=False, width=None)
    color = _use_color(no_color, output)
    width = None if output or sys.stdout.isatty() else 100
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            write_report(report, fmt, handle, color=color, width=width)
    else:
        text = render(report, fmt, color=color, width=width)
        click.echo(text, nl=not text.endswith("\n"), color=color)

    sys.exit(report.exit_code)


def _fixed_summary(fixes) -> str:
    fixed = sum(len(f.fixed) for f in fixes if f.after != f.before)
    files = sum(1 for f in fixes if f.after != f.before)
    text = f"readiness: fixed {fixed} finding(s) in {files} file(s)"
    for fix in fixes:
        if fix.skipped:
            text += f"\nreadiness: left {fix.path} alone: {fix.skipped}"
    return text


@main.command("fix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing (exit 1 if there are any).")
@click.option("--select", multiple=True, help="Only fix findings of these rules (same forms as for check).")
@click.option("--ignore", multiple=True, help="Do not fix findings of these rules.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to paths named on the command line too.")
@click.option("--suppress", "suppress_rule", metavar="RULE", help="Instead of fixing: write a suppression of RULE at the PATH:LINE given.")
@click.option("--reason", help="Why the finding is suppressed (required with --suppress); kept on the finding and in SARIF.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but the diff (with --diff) or errors.")
def fix(paths, show_diff, select, ignore, config_file, no_cache, force_exclude, suppress_rule, reason, quiet):
    """Apply the fixes rules declare safe (pin a floating model alias to its dated snapshot...),
    keeping comments and layout; then list what remains, one line per finding."""
    _safe_streams()
    from readiness import fixer
    from readiness.report import render
    from readiness.scan import check as run_check

    if suppress_rule:
        return _suppress(paths, suppress_rule, reason, config_file, show_diff, quiet)
    paths = list(paths) or ["."]
    _require(paths)
    try:
        settings = resolve_settings(paths, config_file)
        sel, ign = _selectors(select, ignore)
        settings.no_cache = settings.no_cache or no_cache
        settings.force_exclude = settings.force_exclude or force_exclude
        report = run_check(paths, settings, select=sel or None, ignore=ign or None)
        fixes = fixer.plan(report)
        if show_diff:
            changed = [f for f in fixes if f.after != f.before]
            for change in changed:
                click.echo(change.diff(), nl=False)
            if not quiet:
                click.echo(_fixed_summary(fixes).replace("fixed", "would fix", 1), err=True)
            sys.exit(EXIT_GATE if changed else EXIT_OK)
        fixer.write(fixes, report.root)
        if not quiet:
            click.echo(_fixed_summary(fixes), err=True)
            remaining = run_check(paths, settings, select=sel or None, ignore=ign or None)
            click.echo(render(remaining, "concise", color=False), nl=False)
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    sys.exit(EXIT_OK)


def _suppress(paths, rule_id, reason, config_file, show_diff, quiet):
    """``readiness fix --suppress RDY301 --reason "..." agent.py:12``: one directive, written the
    same way every time, on a line that has that finding."""
    from readiness import fixer
    from readiness.rule import get_rule
    from readiness.scan import check as run_check

    rule_id = rule_id.strip().upper()
    if get_rule(rule_id) is None:
        raise UsageFailure(f"--suppress {rule_id}: unknown rule; `readiness rules` lists them")
    if not reason or not reason.strip():
        raise UsageFailure("--suppress needs --reason: a suppression without a reason is reported as one")
    if len(paths) != 1 or ":" not in paths[0] or not paths[0].rsplit(":", 1)[1].isdigit():
        raise UsageFailure("--suppress takes one PATH:LINE, e.g. agent.py:12")
    target, line = paths[0].rsplit(":", 1)
    if not os.path.isfile(target):
        raise UsageFailure(f"not a file: {target}")
    try:
        settings = resolve_settings([target], config_file)
        report = run_check([target], settings, select=[rule_id])
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    found = [f for f in report.findings if f.rule == rule_id]
    where = found[0].location.path if found else os.path.relpath(os.path.abspath(target), report.root or ".").replace(os.sep, "/")
    change = fixer.suppression(report, where, int(line), rule_id, reason)
    if change.skipped:
        raise UsageFailure(f"not suppressed: {change.skipped}")
    if show_diff:
        click.echo(change.diff(), nl=False)
        sys.exit(EXIT_GATE)
    fixer.write([change], report.root)
    if not quiet:
        click.echo(f"readiness: suppressed {rule_id} at {where}:{line}", err=True)
    sys.exit(EXIT_OK)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True)
def list_rules(fmt):
    """List every rule with its area, severity and summary."""
    import json

    from readiness.rule import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "name": r.name, "area": r.area().value, "severity": r.severity.value, "scope": r.scope,
             "summary": r.summary} for r in rules], indent=2))
    elif fmt == "markdown":
        click.echo("| ID | Name | Area | Severity | Scope | Summary |\n|---|---|---|---|---|---|")
        for r in rules:
            click.echo(f"| [{r.id}](docs/rules/{r.id}.md) | `{r.name}` | {r.area().value} | {r.severity.value} | {r.scope} | {r.summary} |")
    else:
        for r in rules:
            click.echo(f"{r.id}  {r.name:<40} {r.area().value:<14} {r.severity.value:<8} {r.summary}")


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """Print one rule's documentation (by ID or name)."""
    from readiness.docs import markdown
    from readiness.rule import get_rule, rule_by_name

    rule = get_rule(rule_id) or rule_by_name(rule_id)
    if rule is None:
        raise UsageFailure(f"unknown rule {rule_id!r}; `readiness rules` lists them")
    click.echo(markdown(rule))


@main.command("config")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def show_config(paths, config_file):
    """Show the effective settings and which rules are on."""
    from readiness.rule import all_rules
    from readiness.scan import selected_rules

    try:
        settings = resolve_settings(list(paths) or ["."], config_file)
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None
    on = set(selected_rules(settings))
    from readiness.discover import repository_root
    named = Path((list(paths) or ["."])[0]).resolve()
    start = named if named.is_dir() else named.parent
    click.echo(f"config file: {settings.source or '(none: defaults)'}")
    click.echo(f"select: {settings.select}  ignore: {settings.ignore}")
    click.echo(f"fail-on: {settings.fail_on}  fail-under: {settings.fail_under}  baseline: {settings.baseline}")
    click.echo(f"exclude: {settings.exclude}  force-exclude: {str(settings.force_exclude).lower()}")
    root = repository_root(start, settings.base_dir if settings.source else None)
    click.echo(f"paths relative to: {root}")
    click.echo(f"test-paths: {settings.test_paths}")
    click.echo(f"eval-paths: {settings.eval_paths}")
    click.echo(f"example-paths: {settings.example_paths}")
    click.echo(f"per-path-ignores: {settings.per_path_ignores or '{}'}")
    click.echo(f"cache-dir: {settings.cache_dir or root / '.readiness_cache'}")
    from readiness.pack import data
    click.echo(f"as-of: {settings.as_of or data('lifecycle').get('compiled')}"
               + ("" if settings.as_of else " (the rule pack's compiled date)"))
    for r in all_rules():
        sev = settings.severity.get(r.id, r.severity).value
        click.echo(f"  {'on ' if r.id in on else 'off'}  {r.id} {r.name} ({sev})")


if __name__ == "__main__":  # pragma: no cover
    main()
