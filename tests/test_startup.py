"""A pre-commit run on a few Python files stays lean: it never imports the SARIF writer, rich,
the semgrep glue or libcst (issue 15: start-up governs a five-file run)."""
from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import write_files

HEAVY = ("readiness.report.sarif", "readiness.semgrep_engine", "rich", "libcst", "jsonschema")


def test_a_five_file_pre_commit_run_imports_nothing_it_does_not_use(tmp_path):
    files = {f"mod{i}.py": 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'
             for i in range(5)}
    write_files(tmp_path, files)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "readiness", "check", *files, "--format", "concise",
                           "--no-color"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout.count("RDY101") == 5, proc.stdout + proc.stderr
    imported = set(re.findall(r"\|\s+(\S+)\s*$", proc.stderr, re.M))
    assert "readiness.scan" in imported  # the listing is what we think it is
    assert not {m for m in imported if m.split(".")[0] in HEAVY or m in HEAVY}
