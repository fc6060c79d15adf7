"""Render a rule's documentation once, for `readiness explain`, docs/rules/*.md and SARIF help."""
from __future__ import annotations

import re

from readiness.rule import Rule

REPOSITORY = "https://github.com/readiness-dev/readiness"
DOCS_BASE = f"{REPOSITORY}/blob/main/docs"  # the committed rule docs link each other on the default branch


def versioned_docs_base() -> str:
    """Docs of the release that produced a report (tag ``v<version>``): a SARIF alert's help link
    keeps describing the rule as it was when the alert was raised."""
    from readiness import __version__
    return f"{REPOSITORY}/blob/v{__version__}/docs"
_EXPECT = re.compile(r"\s*(#|//|<!--)\s*expect:\s*RDY\d{3}(\s*,\s*RDY\d{3})*\s*(-->)?\s*$")


DIRECTIVE_PREFIX = "# readiness" + ": "  # split so this file holds no directive of its own


def help_uri(rule: type[Rule], versioned: bool = False) -> str:
    return f"{versioned_docs_base() if versioned else DOCS_BASE}/rules/{rule.id}.md"


def strip_markers(code: str) -> str:
    return "\n".join(_EXPECT.sub("", line) for line in code.splitlines())


def mask_credentials(code: str) -> str:
    """Shorten credential-shaped example values, so rule pages and SARIF help text (uploaded to
    code-scanning services) never carry a string a secret scanner would take for a key."""
    from readiness.analysis.secrets import _url_pattern, find_credentials, is_placeholder, looks_generated, named_values

    spans = [(start, len(value), prefix) for start, value, _, prefix in find_credentials(code) if not is_placeholder(value)]
    spans += [(start, len(value), 3) for _, start, value in named_values(code) if looks_generated(value)]
    spans += [(m.start("password"), len(m.group("password")), 0) for m in _url_pattern().finditer(code)
              if looks_generated(m.group("password"))]
    for start, length, prefix in sorted(spans, reverse=True):
        code = code[: start + prefix] + "<redacted>" + code[start + length:]
    return code


def _section(docs: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\s*\n(.*?)(?=^## |\Z)", docs, re.S | re.M)
    return m.group(1).strip() if m else ""


def why(rule: type[Rule]) -> str:
    return _section(rule.docs(), "Why it matters")


def what(rule: type[Rule]) -> str:
    return _section(rule.docs(), "What it finds")


def markdown(rule: type[Rule]) -> str:
    """The full page: header facts, the docstring, then generated example sections."""
    scope = "project" if rule.scope == "project" else "line"
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        f"**{rule.summary}**",
        "",
        f"- Area: {rule.area().title} (`{rule.area().value}`)",
        f"- Default severity: `{rule.severity.value}`",
        f"- Scope: {scope}-level" + (" (needs facts from the whole project; skipped in pre-commit file mode)" if rule.needs_project else ""),
        "",
        rule.docs(),
        "",
    ]
    if rule.fix_hint:
        lines += ["## Fix", "", rule.fix_hint, ""]
    if rule.fix_examples:
        lines += ["## Automatic fix", "", "`readiness fix` (or `readiness check --fix`) makes this change, keeping "
                  "comments and layout; findings it can fix are marked `[*]`.", ""]
        for example in rule.fix_examples:
            before, after = example.texts()
            lang = "python" if example.path.endswith(".py") else ("yaml" if example.path.endswith((".yaml", ".yml")) else "")
            lines += [f"`{example.path}` before:", "", f"```{lang}", before.rstrip(), "```", "",
                      "after:", "", f"```{lang}", after.rstrip(), "```", ""]
    for title, examples in (("Flagged", rule.invalid), ("Not flagged", rule.valid)):
        shown = [e for e in examples if not e.todo][:2]
        if not shown:
            continue
        lines += [f"## {title}", ""]
        for ex in shown:
            for path, text in ex.as_files().items():
                lang = "python" if path.endswith(".py") else ("yaml" if path.endswith((".yaml", ".yml")) else "")
                lines += [f"`{path}`", "", f"```{lang}", mask_credentials(strip_markers(text)).rstrip(), "```", ""]
    tsjs = tsjs_checks(rule.id)
    if tsjs:
        lines += ["## TypeScript / JavaScript", "",
                  "With semgrep installed (`pip install 'readiness[semgrep]'`) the same rule checks:", ""]
        lines += [f"- `{rule_id}`: {text}" for rule_id, text in tsjs] + [""]
    lines += [f"Suppress one occurrence with `{DIRECTIVE_PREFIX}ignore[{rule.id}] <reason>`.", ""]
    return "\n".join(lines)


def tsjs_checks(rule_id: str) -> list[tuple[str, str]]:
    """(semgrep rule id, what it matches) for the TS/JS rules that implement ``rule_id``."""
    import yaml

    from readiness.pack import pack_dir
    from readiness.semgrep_engine import MODEL_RULES

    found = []
    for path in sorted((pack_dir() / "semgrep").glob("*.yaml")):
        for spec in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            meta = (spec.get("metadata") or {}).get("readiness") or {}
            kind = meta.get("kind")
            if kind == "model" and rule_id in MODEL_RULES:
                found.append((spec["id"], f"model IDs chosen at {meta.get('site', 'a model call')}, judged as in Python"))
            elif meta.get("rule") == rule_id and kind in ("finding", "env"):
                text = spec.get("message", "")
                found.append((spec["id"], text if "$" not in text else text.split("$")[0].rstrip(" (`") or spec["id"]))
    return found


README_START, README_END = "<!-- rules:start (python -m readiness.docs) -->", "<!-- rules:end -->"


def rules_table(link_prefix: str = "") -> list[str]:
    from readiness.rule import all_rules

    lines = ["| ID | Name | Area | Severity | Scope | Summary |", "|---|---|---|---|---|---|"]
    lines += [f"| [{r.id}]({link_prefix}{r.id}.md) | `{r.name}` | {r.area().value} | {r.severity.value} | {r.scope} | {r.summary} |"
              for r in all_rules()]
    return lines


FRAMEWORKS_START, FRAMEWORKS_END = "<!-- frameworks:start (python -m readiness.docs) -->", "<!-- frameworks:end -->"


def frameworks_table() -> list[str]:
    """One row per framework profile: the release its facts were read from and what it declares."""
    from readiness import frameworks

    lines = ["| Framework | Read from | Model sites | Agent runs | Tools |", "|---|---|---|---|---|"]
    for p in frameworks.profiles():
        counts = [len(p.sites(role)) or "none" for role in ("model", "agent-run", "tool")]
        lines.append(f"| [{p.name}](rules/frameworks/{p.name}.yaml) | {p.version} | {counts[0]} | {counts[1]} | {counts[2]} |")
    return lines


def _replace(readme: str, start_marker: str, end_marker: str, lines: list[str]) -> str:
    start, end = readme.index(start_marker), readme.index(end_marker)
    return readme[: start + len(start_marker)] + "\n" + "\n".join(lines) + "\n" + readme[end:]


def readme_with_rules(readme: str) -> str:
    """The project README with its rule and framework tables (between the markers) regenerated."""
    readme = _replace(readme, README_START, README_END, rules_table("docs/rules/"))
    if FRAMEWORKS_START in readme:
        readme = _replace(readme, FRAMEWORKS_START, FRAMEWORKS_END, frameworks_table())
    return readme


def rule_pages() -> dict[str, str]:
    """docs/rules/<id>.md for every rule, plus an index: what `python -m readiness.docs` writes."""
    from readiness.rule import all_rules

    rules = all_rules()
    pages = {f"{r.id}.md": markdown(r) for r in rules}
    index = ["# Rules", "", *rules_table()]
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


if __name__ == "__main__":  # regenerate: python -m readiness.docs
    import sys
    from pathlib import Path

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in rule_pages().items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(rule_pages())} pages to {target}")
    readme = Path("README.md")
    if len(sys.argv) == 1 and readme.is_file():
        readme.write_text(readme_with_rules(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print("updated the rule table in README.md")
