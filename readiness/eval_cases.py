"""Eval cases and the five categories of the checklist they cover: the eval coverage matrix.

A case is a test function in an eval file, an eval-framework test case (`LLMTestCase(...)`,
pydantic-evals `Case(...)`), or a record of an eval dataset (JSONL / CSV lines, JSON or YAML
lists, promptfoo `tests:`). Each case is classified by what it is *called and tagged* (ids, names,
categories, tags, descriptions, the keys it asserts on) - never by words inside the user input it
sends, so "I got an error" in a happy-path question does not make a failure-recovery case. A case
that matches no other category counts as happy path. Rules: RDY603 (missing categories), RDY604
(tools no eval mentions). Recorded as ``eval-case`` facts ``id|category,category`` and
``eval-words`` facts (identifiers and strings of eval files, for RDY604).
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re

CATEGORIES = ("happy_path", "edge_cases", "out_of_scope", "tool_use", "failure_recovery")
TITLES = {"happy_path": "happy path", "edge_cases": "edge cases", "out_of_scope": "out of scope",
          "tool_use": "tool use", "failure_recovery": "failure recovery"}
KEYWORDS = {
    "edge_cases": ("edge", "empty", "blank", "long_input", "very_long", "too_long", "ambiguous", "typo", "unicode",
                   "emoji", "malformed", "boundary", "whitespace", "multilingual", "corner", "misspell", "vague"),
    "out_of_scope": ("out_of_scope", "outofscope", "off_topic", "offtopic", "refus", "decline", "jailbreak",
                     "injection", "harmful", "unsafe", "unrelated", "irrelevant", "not_supported", "unsupported",
                     "guardrail", "abuse", "toxic", "forbidden", "disallowed"),
    "tool_use": ("tool", "function_call", "expect_call", "expected_call", "trajectory", "called", "calls_", "interruption",
                 "action", "expect_function"),
    "failure_recovery": ("fail", "error", "timeout", "recover", "retry", "outage", "unavailable", "exception",
                         "fallback", "broken", "crash", "degrad", "rate_limit", "ratelimit", "5xx", "503"),
    "happy_path": ("happy", "basic", "golden", "typical", "simple", "success", "normal", "smoke", "standard",
                   "common", "nominal"),
}
# Record fields that name or tag a case (their values are read); all other fields count by key only.
LABEL_FIELDS = {"id", "name", "category", "categories", "tags", "tag", "type", "kind", "description", "title",
                "scenario", "label", "group", "suite", "metadata"}
INPUT_FIELDS = ("input", "question", "query", "prompt", "message", "user_input", "text")
LONG_INPUT = 2000
CASE_LIST_KEYS = ("cases", "tests", "examples", "eval_cases", "data", "items", "samples", "dataset")
CASE_CALLS = {"LLMTestCase", "ConversationalTestCase", "Case", "Golden", "Example", "Sample", "EvalCase"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]{3,}")


def _norm(text: str) -> str:
    return re.sub(r"[\s\-.:/]+", "_", text.lower())


def classify(label_text: str, input_value=None) -> list[str]:
    text = _norm(label_text)
    found = [c for c in CATEGORIES if c != "happy_path" and any(k in text for k in KEYWORDS[c])]
    if isinstance(input_value, str) and (not input_value.strip() or len(input_value) > LONG_INPUT):
        found.append("edge_cases")
    if not found or any(k in text for k in KEYWORDS["happy_path"]):
        found.insert(0, "happy_path")
    return sorted(set(found), key=CATEGORIES.index)


def _record_case(record: dict) -> tuple[str, list[str]]:
    """(id, categories) of one dataset record."""
    parts = []
    for key, value in record.items():
        parts.append(str(key))
        if str(key).lower() in LABEL_FIELDS:
            parts.append(json.dumps(value) if not isinstance(value, str) else value)
    input_value = next((record[k] for k in INPUT_FIELDS if k in record), None)
    if isinstance(input_value, dict):  # promptfoo vars
        input_value = next((input_value[k] for k in INPUT_FIELDS if k in input_value), None)
    if input_value is None and isinstance(record.get("vars"), dict):
        input_value = next((record["vars"][k] for k in INPUT_FIELDS if k in record["vars"]), None)
    case_id = next((str(record[k]) for k in ("id", "name", "description", "title") if k in record), "")
    return case_id, classify(" ".join(parts), input_value)


def _records(data) -> list[dict]:
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict)]
    if isinstance(data, dict):
        for key in CASE_LIST_KEYS:
            if isinstance(data.get(key), list):
                return [r for r in data[key] if isinstance(r, dict)]
    return []


def cases_in_file(ctx) -> list[tuple[int, str, list[str]]]:
    """(line, case id, categories) for each eval case the file holds."""
    if ctx.kind == "python" and ctx.tree is not None:
        return _python_cases(ctx)
    if ctx.role != "eval":
        return []
    name = ctx.path.rsplit("/", 1)[-1].lower()
    found = []
    if name.endswith(".jsonl"):
        for number, line in enumerate(ctx.lines, 1):
            try:
                record = json.loads(line) if line.strip() else None
            except ValueError:
                continue
            if isinstance(record, dict):
                found.append((number, *_record_case(record)))
    elif name.endswith(".csv"):
        try:
            rows = list(csv.DictReader(io.StringIO(ctx.text)))
        except csv.Error:
            rows = []
        for number, row in enumerate(rows, 2):
            found.append((number, *_record_case({k: v for k, v in row.items() if k})))
    elif ctx.kind in ("json", "yaml"):
        for doc in ctx.parsed.docs:
            data = doc.data
            for key in CASE_LIST_KEYS:
                if isinstance(data, dict) and isinstance(data.get(key), list):
                    prefix = (key,)
                    break
            else:
                prefix = ()
            for index, record in enumerate(_records(data)):
                found.append((doc.line_of((*prefix, index)), *_record_case(record)))
    return found


def _python_cases(ctx) -> list[tuple[int, str, list[str]]]:
    found = []
    eval_file = ctx.role == "eval"
    for node in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
        if eval_file and node.name.startswith("test"):
            decorators = " ".join(ast.unparse(d) for d in node.decorator_list)
            doc = ast.get_docstring(node) or ""
            body = ast.unparse(node)
            markers = []
            if "side_effect" in body or "pytest.raises" in body and "Error" in body or re.search(r"raise \w*(Error|Exception)", body):
                markers.append("failure")
            if re.search(r"tool_calls?|expect(ed)?_tools?|called_tools?|\.(assert_)?called\b|\.call_args", body):
                markers.append("tool")
            found.append((node.lineno, node.name, classify(" ".join([node.name, doc, decorators, *markers]))))
    for call in ctx.nodes_of(ast.Call):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if name not in CASE_CALLS or not (eval_file or _imports_eval_framework(ctx)):
            continue
        record = {kw.arg: (kw.value.value if isinstance(kw.value, ast.Constant) else ast.unparse(kw.value))
                  for kw in call.keywords if kw.arg}
        if not record:
            continue
        found.append((call.lineno, *_record_case(record)))
    return found


def _imports_eval_framework(ctx) -> bool:
    return bool(ctx.imported_modules & {"deepeval", "pydantic_evals", "ragas", "inspect_ai", "openevals", "agentevals"})


def words_in_file(ctx) -> str:
    """Identifiers and words of an eval file, for "does any eval mention this tool?"."""
    return " ".join(sorted(set(_WORD.findall(ctx.text))))[:200_000]


# -- the matrix -----------------------------------------------------------------------------------

def matrix(facts) -> dict[str, list[dict]]:
    """{category: [{"id", "path", "line"}, ...]} over ``eval-case`` facts."""
    table: dict[str, list[dict]] = {c: [] for c in CATEGORIES}
    for fact in sorted(facts, key=lambda f: (f.path, f.line)):
        if fact.name != "eval-case":
            continue
        case_id, cats = fact.value.rsplit("|", 1)
        for cat in cats.split(","):
            if cat in table:
                table[cat].append({"id": case_id, "path": fact.path, "line": fact.line})
    return table


def build(facts_by_project: dict[str, list]) -> list[dict]:
    """One coverage row per project that has eval cases."""
    rows = []
    for project, facts in sorted(facts_by_project.items()):
        table = matrix(facts)
        total = len({(f.path, f.line) for f in facts if f.name == "eval-case"})
        if not total:
            continue
        rows.append({
            "project": project, "cases": total,
            "categories": {c: {"cases": len(items), "examples": items[:3]} for c, items in table.items()},
            "missing": [c for c in CATEGORIES if not table[c]],
        })
    return rows
