"""RDY602: an eval suite exists but no CI workflow runs it."""
from __future__ import annotations

import re

from readiness.model import Severity
from readiness.rule import Example, Rule

CI_FILES = re.compile(r"(^|/)(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci/config\.ya?ml|"
                      r"azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite/[^/]+\.ya?ml)$")
RUNS_TESTS = re.compile(r"\b(pytest|promptfoo\s+eval|deepeval\s+test|inspect\s+eval|braintrust\s+eval|"
                        r"langsmith|evals?\b|tox|nox|make\s+(test|eval)s?|hatch\s+(run\s+)?test|uv\s+run\s+pytest)", re.I)


class EvalsNotInCi(Rule):
    """
    ## What it finds
    A project that has an eval suite (see RDY601) while no CI workflow in the repository runs
    tests or evals: GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Bitbucket Pipelines and
    Buildkite files are read for `pytest`, `promptfoo eval`, `deepeval test`, `inspect eval`,
    `braintrust eval` and similar commands.

    ## Why it matters
    Evals that run only when someone remembers catch regressions weeks late. A prompt tweak or a
    model upgrade that breaks tool use should fail the pull request that made it.

    ## How to fix
    Run the eval suite in CI on every change (or nightly for slow suites, with a gate on the
    release), and fail the build when scores drop below your threshold.

    ## Limits
    A CI system configured outside the repository (a Jenkins server, a vendor dashboard) is
    invisible; acknowledge the finding in configuration.
    """

    id = "RDY602"
    name = "evals-not-in-ci"
    severity = Severity.NOTE
    summary = "Eval suite is not run in CI"
    scope = "project"
    kinds = frozenset({"yaml"})
    roles = frozenset({"prod", "test", "eval", "example"})
    fix_hint = "Run the eval suite in a CI workflow on every change"

    valid = [
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "evals/test_agent.py": "def test_x():\n    pass\n",
            ".github/workflows/evals.yml": '''
                on: [pull_request]
                jobs:
                  evals:
                    runs-on: ubuntu-latest
                    steps:
                      - run: pytest evals
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "agent.py": "from openai import OpenAI\n",
            "evals/test_agent.py": "def test_x():  # expect: RDY602\n    pass\n",
        }),
    ]

    def check_file(self, ctx) -> None:
        if CI_FILES.search(ctx.path) and RUNS_TESTS.search(ctx.text):
            ctx.fact("repo:ci-evals", 1, ctx.path)

    def check_project(self, ctx) -> None:
        evals = ctx.facts("eval-suite")
        if not evals:
            return
        ci = ctx.facts("repo:ci-evals")
        if ci:
            ctx.credit(ci[0], f"CI runs tests/evals ({ci[0].path})")
        else:
            first = sorted(evals, key=lambda f: (f.path, f.line))[0]
            ctx.report("the eval suite is not run by any CI workflow in this repository", first)
