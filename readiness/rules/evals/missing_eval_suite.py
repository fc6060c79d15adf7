"""RDY601: an agent project with no eval suite."""
from __future__ import annotations

import ast
import fnmatch

from readiness.model import Severity
from readiness.pack import data
from readiness.rule import Example, Rule

ALL_KINDS = frozenset({"python", "yaml", "json", "toml", "dotenv", "notebook", "tsjs", "markdown", "other", "text",
                       "shell", "dockerfile", "ini"})


class MissingEvalSuite(Rule):
    """
    ## What it finds
    An agent project with no evaluation of the agent's behaviour: no eval framework (promptfoo,
    DeepEval, Ragas, Inspect AI, LangSmith `evaluate`, Braintrust, DSPy `Evaluate`, Pydantic
    Evals, openevals / agentevals, MLflow GenAI evaluation, ADK eval sets) and no files under an
    eval folder (`evals/`, `eval/`, `evaluation/`, configurable with `eval-paths`).

    ## Why it matters
    Unit tests with a mocked model prove the plumbing, not the agent. Without evals over real
    prompts - the happy path, edge cases, out-of-scope requests, tool use and failure recovery -
    every prompt change, model upgrade or new tool ships blind.

    ## How to fix
    Add an eval suite next to the agent and run it on every change: a promptfoo config, a
    DeepEval or LangSmith dataset, or pytest cases under `evals/` that call the agent and assert on
    its answers and tool calls.

    ## Limits
    Evals kept in another repository are invisible here; acknowledge the finding in configuration
    (`reason = "not-detected"`) with a note saying where they live.
    """

    id = "RDY601"
    name = "missing-eval-suite"
    severity = Severity.WARNING
    summary = "No eval suite for the agent"
    scope = "project"
    kinds = ALL_KINDS
    roles = frozenset({"prod", "test", "eval", "example"})
    fix_hint = "Add an eval suite (promptfoo, DeepEval, LangSmith, or pytest cases under evals/) and run it in CI"

    valid = [
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "evals/test_answers.py": '''
                from agent import answer
                def test_refund_question():
                    assert "refund" in answer("How do refunds work?")
            ''',
        }),
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "tests/test_quality.py": '''
                from deepeval import assert_test
                from deepeval.test_case import LLMTestCase
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "pyproject.toml": '''
                [project]  # expect: RDY601
                name = "bot"
            ''',
            "agent.py": "from openai import OpenAI\n",
            "tests/test_config.py": '''
                def test_settings_load():
                    assert True
            ''',
        }),
    ]

    def check_file(self, ctx) -> None:
        name = ctx.path.rsplit("/", 1)[-1]
        if ctx.role == "eval":
            ctx.fact("eval-suite", 1, f"eval file {ctx.path}")
        elif any(fnmatch.fnmatch(name, pattern) for pattern in data("evidence")["eval_files"]):
            ctx.fact("eval-suite", 1, f"eval config {ctx.path}")

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx) -> None:
        self._imported(node.module or "", node, ctx)

    def visit_Import(self, node: ast.Import, ctx) -> None:
        for alias in node.names:
            self._imported(alias.name, node, ctx)

    def visit_Call(self, node: ast.Call, ctx) -> None:
        qn = ctx.qualname(node.func) or ""
        label = data("evidence")["eval_calls"].get(qn)
        if label:
            ctx.fact("eval-suite", node, label)

    def _imported(self, module: str, node, ctx) -> None:
        for prefix, label in data("evidence")["eval_imports"].items():
            if module == prefix or module.startswith(prefix + "."):
                ctx.fact("eval-suite", node, label)
                return

    def check_project(self, ctx) -> None:
        found = ctx.facts("eval-suite")
        if not found:
            ctx.report("no eval suite exercises this agent")
            return
        seen = set()
        for fact in found:
            key = fact.value.split(" ", 1)[0] if fact.value.startswith("eval ") else fact.value
            if key not in seen:
                seen.add(key)
                ctx.credit(fact, fact.value)
