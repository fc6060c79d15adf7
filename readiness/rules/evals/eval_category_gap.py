"""RDY603: the eval suite leaves whole categories of agent failure untested."""
from __future__ import annotations

from readiness import eval_cases
from readiness.model import Severity
from readiness.rule import Example, Rule

KINDS = frozenset({"python", "json", "yaml", "other"})


class EvalCategoryGap(Rule):
    """
    ## What it finds
    An eval suite whose cases cover only some of the five kinds of behaviour an agent must be
    tested on: the happy path, edge cases (empty, very long or ambiguous input), out-of-scope
    requests (off-topic asks, injections, refusals), tool use (assertions on which tool is
    called with which arguments) and failure recovery (a tool or model made to fail, time out
    or return garbage). Cases are eval-file test functions, eval-framework test cases
    (`LLMTestCase`, pydantic-evals `Case`) and records of eval datasets (JSONL, CSV, JSON, YAML,
    promptfoo `tests:`), classified by their ids, names, tags, categories and asserted keys.

    ## Why it matters
    Suites grow from the demo: a dozen happy-path questions. Agents fail in the other four
    categories - the empty message, the prompt injection, the wrong tool, the API that times
    out - and a suite without them passes on the day those failures ship.

    ## How to fix
    Add at least one case per missing category and name or tag it so the category is visible
    (`"category": "failure_recovery"`, `test_refund_when_crm_times_out`). `readiness check
    --format json` lists the cases per category under `evals`.

    ## Limits
    Classification reads names and tags, not meaning: a case called `test_case_7` counts as
    happy path. Cases in a remote dataset (LangSmith, Braintrust) are invisible; when no case
    is found at all the rule stays silent.
    """

    id = "RDY603"
    name = "eval-category-gap"
    severity = Severity.WARNING
    summary = "Eval suite misses categories of agent behaviour"
    scope = "project"
    kinds = KINDS
    roles = frozenset({"eval", "test", "prod"})
    precision = "medium"
    fix_hint = "Add eval cases for the missing categories and tag each case with its category"

    valid = [
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "evals/cases.jsonl": "\n".join([
                '{"id": "refund-status", "input": "Where is my refund?"}',
                '{"id": "empty-message", "input": ""}',
                '{"id": "poem-request", "category": "out_of_scope", "input": "Write a poem"}',
                '{"id": "lookup", "input": "Status of T-1", "expect_tool": "get_ticket"}',
                '{"id": "crm-timeout", "category": "failure_recovery", "input": "Status of T-2"}',
            ]) + "\n",
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY603
                name = "bot"
            ''',
            "agent.py": "from openai import OpenAI\n",
            "evals/test_answers.py": '''
                def test_refund_question():
                    assert True
                def test_picks_lookup_tool():
                    assert True
            ''',
        }),
    ]

    def check_file(self, ctx) -> None:
        if ctx.role not in ("eval", "test"):
            return
        cases = eval_cases.cases_in_file(ctx)
        for line, case_id, categories in cases:
            ctx.fact("eval-case", line, f"{case_id.replace('|', '/')}|{','.join(categories)}")
        if cases or ctx.role == "eval":
            ctx.fact("eval-words", 1, eval_cases.words_in_file(ctx))

    def check_project(self, ctx) -> None:
        table = eval_cases.matrix(ctx.facts("eval-case"))
        if not any(table.values()):
            return
        for category, cases in table.items():
            if cases:
                first = cases[0]
                ctx.credit(_loc(first), f"{eval_cases.TITLES[category]}: {len(cases)} eval case(s)")
        missing = [eval_cases.TITLES[c] for c, cases in table.items() if not cases]
        if missing:
            ctx.report(f"the eval suite has no {', no '.join(missing)} case")


def _loc(case: dict):
    from readiness.model import Location

    return Location(case["path"], case["line"], 1, case["line"])
