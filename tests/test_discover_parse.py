"""Discovery (git, .gitignore, roles, monorepo projects) and parse-once behaviour on bad input."""
from __future__ import annotations

import subprocess

from readiness.config import Settings
from readiness.discover import discover, file_kind

CALL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'


def files_of(root, **kw):
    s = Settings()
    d = discover([str(root)], exclude=kw.get("exclude", []), test_paths=s.test_paths, eval_paths=s.eval_paths,
                 example_paths=s.example_paths)
    return d


def test_kinds():
    assert [file_kind(n) for n in ("a.py", "x.ipynb", "c.yml", ".env", ".env.local", "prod.env", "Dockerfile",
                                   "api.Dockerfile", "x.ts", "README.md", "data.dat", "slides.PDF")] == [
        "python", "notebook", "yaml", "dotenv", "dotenv", "dotenv", "dockerfile", "dockerfile", "tsjs", "markdown", "other",
        "binary"]


def test_binary_assets_and_jsonc_configs_are_not_reported_as_broken(project, tmp_path):
    (tmp_path / "slides.pdf").write_bytes(b"%PDF-1.7\x00" * 300_000)  # over the size cap, never opened
    (tmp_path / "blob.dat").write_bytes(b"\x00\x01")
    report = project({
        "good.py": CALL,
        "tsconfig.json": '{\n  // compiler\n  "compilerOptions": {"strict": true, /* x */ "paths": {"@/*": ["./src/*"]},},\n}\n',
        "really-broken.json": '{\n  // comment\n  "a": }\n',
    }, ["RDY101"])
    assert [(d.path, d.kind, d.line) for d in report.diagnostics] == [("really-broken.json", "unparsable", 3)]
    assert [f.location.path for f in report.findings] == ["good.py"]


def test_gitignore_honoured_outside_git_and_default_excludes(tmp_path):
    (tmp_path / ".gitignore").write_text("secret_dir/\n*.log\n")
    for rel in ("a.py", "secret_dir/b.py", "x.log", ".venv/lib/c.py", "node_modules/d.js", "pkg/__pycache__/e.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    assert [f.path for f in files_of(tmp_path).files] == [".gitignore", "a.py"]


def test_git_tracked_and_untracked_not_ignored(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored.py\n")
    (tmp_path / "tracked.py").write_text("x = 1\n")
    (tmp_path / "new.py").write_text("x = 1\n")
    (tmp_path / "ignored.py").write_text("x = 1\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "tracked.py"], check=True)
    assert [f.path for f in files_of(tmp_path).files] == [".gitignore", "new.py", "tracked.py"]


def test_roles_and_monorepo_projects(tmp_path):
    for rel in ("pyproject.toml", "core/x.py", "agents/a/pyproject.toml", "agents/a/main.py", "agents/a/tests/test_m.py",
                "agents/b/langgraph.json", "agents/b/graph.py", "agents/b/evals/cases.py", "examples/demo.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}\n" if rel.endswith(".json") else "\n")
    d = files_of(tmp_path)
    assert [p.path for p in d.projects] == [".", "agents/a", "agents/b"]
    table = {f.path: (f.role, f.project) for f in d.files}
    assert table["agents/a/tests/test_m.py"] == ("test", "agents/a")
    assert table["agents/b/evals/cases.py"] == ("eval", "agents/b")
    assert table["examples/demo.py"] == ("example", ".")
    assert table["core/x.py"] == ("prod", ".")


def test_monorepo_scores_each_project(project):
    report = project({
        "bots/a/pyproject.toml": "[project]\nname = 'a'\n", "bots/a/a.py": CALL,
        "bots/b/pyproject.toml": "[project]\nname = 'b'\n", "bots/b/b.py": CALL.replace("gpt-4o", "gpt-4o-2024-08-06"),
    }, ["RDY101"])
    rows = {p.path: p.areas[0].score for p in report.projects}
    assert rows == {".": None, "bots/a": 0, "bots/b": 100}
    assert report.areas[0].score == 50


def test_bad_files_give_one_diagnostic_each_and_the_rest_is_scanned(project, tmp_path):
    (tmp_path / "bin.py").write_bytes(b"\x00\x01\x02binary")
    report = project({
        "good.py": CALL,
        "py2.py": 'print "hello"\n',
        "broken.yaml": "a: [1, 2\n",
        "broken.json": "{\"a\": }",
        "broken.toml": "a = = 1\n",
        "bom.py": "\ufeff" + CALL,
        "latin1.py": "# -*- coding: latin-1 -*-\n",
    }, ["RDY101"])
    assert sorted((d.path, d.kind, d.blocking) for d in report.diagnostics) == [
        ("bin.py", "binary", False),
        ("broken.json", "unparsable", False),
        ("broken.toml", "unparsable", False),
        ("broken.yaml", "unparsable", False),
        ("py2.py", "unparsable", True),
    ]
    assert sorted(f.location.path for f in report.findings) == ["bom.py", "good.py"]
    assert report.complete is False and report.gate["passed"] is False


def test_latin1_bytes_decode(project, tmp_path):
    (tmp_path / "l.py").write_bytes(b"# -*- coding: latin-1 -*-\nname = '\xe9'\n" + CALL.encode())
    report = project({}, ["RDY101"])
    assert [f.location.line for f in report.findings] == [4]


def test_yaml_alias_bomb_is_cheap(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12))
    report = project({"models.yaml": bomb, "a.py": "import openai\n"})
    assert report.files_scanned == 2


def test_scanned_code_is_never_imported_or_run(project, tmp_path):
    marker = tmp_path / "IMPORTED"
    code = f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n" + CALL
    report = project({"agent.py": code, "agent/__init__.py": code, "conftest.py": code, "setup.py": code})
    assert not marker.exists()
    assert any(f.rule == "RDY101" for f in report.findings)


def test_symlink_loop_and_outside_link(tmp_path, project):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "out.py").symlink_to("/etc/hostname")
    report = project({"d/a.py": CALL}, ["RDY101"])
    assert [f.location.path for f in report.findings] == ["d/a.py"]


def test_plumbing_imports_do_not_make_an_agent_project(project):
    plumbing = project({"migrate.py": "from langgraph.checkpoint.base import Checkpoint\nimport langchain_core.messages\n"})
    assert plumbing.findings == []
    agent = project({"bot.py": "from langgraph.prebuilt import create_react_agent\n"}, ["RDY601"])
    assert [(f.rule, f.location.path) for f in agent.findings] == [("RDY601", "bot.py")]


def test_model_resolution_across_modules_never_imports_them(project, tmp_path):
    """Wrappers, settings classes and constants are resolved from the syntax tree alone."""
    marker = tmp_path / "IMPORTED"
    side_effect = f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n"
    report = project({
        "pyproject.toml": "[project]\nname = 'bot'\n",
        "bot/__init__.py": side_effect,
        "bot/settings.py": side_effect + (
            "from pydantic_settings import BaseSettings\n"
            "class Settings(BaseSettings):\n    chat_model: str = 'gpt-4o'\n"
            "settings = Settings()\n"),
        "bot/llm.py": side_effect + (
            "from langchain_openai import ChatOpenAI\n"
            "def make_llm(model: str = 'gpt-4o-mini'):\n    return ChatOpenAI(model=model, max_tokens=100)\n"),
        "bot/app.py": side_effect + (
            "import anthropic\nfrom bot.settings import settings\nfrom bot.llm import make_llm\n"
            "planner = make_llm(model='gpt-4.1')\n"
            "def ask(msgs):\n    return anthropic.Anthropic().messages.create(model=settings.chat_model, max_tokens=9, messages=msgs)\n"),
    }, ["RDY101"])
    assert not marker.exists()
    assert sorted((f.location.path, f.location.line) for f in report.findings) == [
        ("bot/app.py", 6), ("bot/llm.py", 4), ("bot/settings.py", 5)]


def test_integration_and_e2e_tests_are_test_code(tmp_path):
    for rel in ("integration_tests/support.py", "e2e/test_flow.py", "src/app.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    roles = {f.path: f.role for f in files_of(tmp_path).files}
    assert roles == {"integration_tests/support.py": "test", "e2e/test_flow.py": "test", "src/app.py": "prod"}


def test_a_test_named_script_without_tests_is_production_code(tmp_path):
    """``test_bot2.py`` next to the app, holding no test, runs as a bot: it is judged as one. Real
    test modules (a ``def test_``, a ``class Test``, a pytest/unittest import) and anything under a
    test folder stay test code."""
    files = {
        "src/test_bot2.py": "from nemoguardrails import LLMRails\nrails = LLMRails(config)\n",
        "src/test_utils.py": "import pytest\n\n@pytest.fixture\ndef db():\n    return 1\n",
        "src/test_math.py": "def test_add():\n    assert 1 + 1 == 2\n",
        "src/test_cases.py": "class TestCases:\n    pass\n",
        "tests/test_helpers.py": "x = 1\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    roles = {f.path: f.role for f in files_of(tmp_path).files}
    assert roles == {"src/test_bot2.py": "prod", "src/test_utils.py": "test", "src/test_math.py": "test",
                     "src/test_cases.py": "test", "tests/test_helpers.py": "test"}


def test_virtual_environments_are_skipped_by_their_marker_not_their_name(tmp_path):
    """``env/`` holding ``pyvenv.cfg`` is an environment; ``agents/env/`` holding source is code."""
    for rel in ("env/pyvenv.cfg", "env/bin/tool.py", "agents/env/server.py", "app.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    paths = sorted(f.path for f in files_of(tmp_path).files if f.path.endswith(".py"))
    assert paths == ["agents/env/server.py", "app.py"]


def test_utf16_files_are_read_as_text(project, tmp_path):
    """``pip freeze > requirements.txt`` in Windows PowerShell writes UTF-16 with a BOM; a Python
    file saved the same way still holds code the rules must read."""
    (tmp_path / "requirements.txt").write_bytes("openai==1.40.0\n".encode("utf-16"))
    (tmp_path / "agent.py").write_bytes(CALL.encode("utf-16"))
    report = project({}, ["RDY101"])
    assert report.diagnostics == []
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings] == [("RDY101", "agent.py", 2)]
