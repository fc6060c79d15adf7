"""Every rule's own examples: valid ones stay silent, invalid ones fire exactly where marked."""
from __future__ import annotations

import pytest

from readiness.rule import all_rules
from tests.conftest import expected_markers, run_on, write_files

CASES = [
    pytest.param(rule, kind, i, example, id=f"{rule.id}-{kind}-{i}",
                 marks=[pytest.mark.xfail(strict=True, reason=example.todo)] if example.todo else [])
    for rule in all_rules()
    for kind, examples in (("valid", rule.valid), ("invalid", rule.invalid))
    for i, example in enumerate(examples)
]


@pytest.mark.parametrize("rule, kind, index, example", CASES)
def test_example(tmp_path, rule, kind, index, example):
    files = example.as_files()
    write_files(tmp_path, files)
    report = run_on(tmp_path, [rule.id])
    found = {(f.location.path, f.location.line, f.rule) for f in report.findings if f.rule == rule.id and f.state == "active"}
    expected = expected_markers(files)
    if kind == "valid":
        assert not expected, "valid examples carry no expect markers"
        assert found == set()
    else:
        assert expected, "invalid examples must mark at least one expected finding"
        assert found == expected
    crashes = [d for d in report.diagnostics if d.kind == "rule-crash"]
    assert crashes == []
