"""Configuration: discovery, validation (exit-2 errors name the key), and its effects on a scan."""
from __future__ import annotations

import pytest

from readiness.rule import load_rules
from readiness.config import ConfigError, find_config, load_settings, resolve_settings
from readiness.scan import selected_rules

CALL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'


@pytest.mark.parametrize("table, message", [
    ({"selct": []}, "unknown key 'selct'"),
    ({"select": ["RDY9"]}, "unknown rule selector 'RDY9'"),
    ({"fail-on": "fatal"}, "'fail-on'"),
    ({"fail-under": 101}, "'fail-under'"),
    ({"rules": {"RDY301": {"severity": "fatal"}}}, "'rules.RDY301.severity'"),
    ({"rules": {"RDY301": {"max": 3}}}, "unknown option 'rules.RDY301.max'"),
    ({"rules": {"RDY999": {}}}, "unknown rule 'rules.RDY999'"),
    ({"acknowledge": [{"rules": ["RDY601"], "reason": "because"}]}, "reason must be one of"),
    ({"rollout": {"stage": "prod"}}, "'rollout.stage'"),
    ({"thresholds": {"warn-below": 40, "fail-below": 60}}, "fail-below must not exceed warn-below"),
])
def test_invalid_config_names_the_key(table, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_settings(table, None)


def test_found_from_scan_root_upwards(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nignore = ['RDY7']\n")
    sub = tmp_path / "svc" / "agent"
    sub.mkdir(parents=True)
    (sub / "pyproject.toml").write_text("[project]\nname='x'\n")  # no [tool.readiness]: keep looking
    path, table = find_config(sub)
    assert path == tmp_path / "pyproject.toml" and table == {"ignore": ["RDY7"]}
    settings = resolve_settings([str(sub)], None)
    assert "RDY701" not in selected_rules(settings) and "RDY101" in selected_rules(settings)


def test_readiness_toml_takes_precedence(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nselect = ['RDY1']\n")
    (tmp_path / "readiness.toml").write_text("select = ['RDY3']\n")
    chosen = selected_rules(resolve_settings([str(tmp_path)], None))
    assert chosen == sorted(r for r in load_rules() if r.startswith("RDY3")) and "RDY301" in chosen


def test_longest_prefix_wins():
    settings = load_settings({"select": ["RDY3", "RDY101"], "ignore": ["RDY30", "budget"]}, None)
    assert selected_rules(settings) == ["RDY101"]
    settings = load_settings({"select": ["RDY301"], "ignore": ["budget"]}, None)
    assert selected_rules(settings) == ["RDY301"]


def test_severity_override_and_per_path_ignores(project):
    report = project({"svc/a.py": CALL, "scripts/b.py": CALL}, ["RDY301"],
                     severity={"RDY301": __import__("readiness.model", fromlist=["Severity"]).Severity.ERROR},
                     per_path_ignores={"scripts/**": ["budget"]})
    assert [(f.location.path, f.severity.value) for f in report.findings] == [("svc/a.py", "error")]
    assert report.gate["passed"] is False


def test_exclude_and_roles(project):
    report = project({"a.py": CALL, "vendor/x.py": CALL, "tests/test_a.py": CALL, "evals/e.py": CALL},
                     ["RDY301"], exclude=["vendor/"])
    # excluded: vendor/; unit tests are not linted; eval code is (a judge's calls cost like the agent's)
    assert [f.location.path for f in report.findings] == ["a.py", "evals/e.py"]


def test_extend_keys_add_to_the_default_paths_and_config_shows_them_all(tmp_path):
    from click.testing import CliRunner

    from readiness.cli import main
    from readiness.config import load_settings
    from readiness.discover import DEFAULT_EVAL_PATHS, DEFAULT_TEST_PATHS

    s = load_settings({"extend-test-paths": ["qa/"], "extend-eval-paths": ["scorecards/"]}, None)
    assert s.test_paths == [*DEFAULT_TEST_PATHS, "qa/"]
    assert s.eval_paths == [*DEFAULT_EVAL_PATHS, "scorecards/"]
    assert load_settings({"test-paths": ["t/"], "extend-test-paths": ["qa/"]}, None).test_paths == ["t/", "qa/"]
    (tmp_path / "readiness.toml").write_text(
        'extend-test-paths = ["qa/"]\n[per-path-ignores]\n"scripts/**" = ["budget"]\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["config", str(tmp_path)]).output
    assert f"test-paths: {[*DEFAULT_TEST_PATHS, 'qa/']}" in out
    assert "per-path-ignores: {'scripts/**': ['budget']}" in out
    assert "eval-paths: " in out and "example-paths: " in out


def test_required_version_fails_a_config_written_for_another_readiness(tmp_path):
    from click.testing import CliRunner

    from readiness import __version__
    from readiness.cli import main
    from readiness.config import ConfigError, check_required_version

    check_required_version(">=0.1, <1", "required-version", running="0.1.0")
    check_required_version("==0.1", "required-version", running="0.1.0")
    check_required_version("~=0.1.0", "required-version", running="0.1.4")
    with pytest.raises(ConfigError, match="but this is readiness 0.1.0"):
        check_required_version(">=0.2", "required-version", running="0.1.0")
    with pytest.raises(ConfigError, match="cannot read"):
        check_required_version(">= latest", "required-version", running="0.1.0")
    (tmp_path / "readiness.toml").write_text('required-version = ">=99"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().endswith(f"is '>=99', but this is readiness {__version__}")
    assert "'required-version' in readiness.toml" in result.output
