"""Property tests: no input of any file kind makes a rule crash (a fast subset of bench/fuzz.py)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from readiness import fuzzing
from tests.fuzz_strategies import for_kind

FAST = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("kind", sorted(fuzzing.KIND_PATHS))
def test_no_input_crashes_a_rule(kind):
    @FAST
    @given(data=for_kind(kind))
    def run(data):
        assert fuzzing.check_bytes(data, kind) == []

    run()
