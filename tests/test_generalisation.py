"""Concepts, not instances: model IDs wherever they are set, names resolved through imports,
eval code judged, data files and look-alikes left alone. Each test is one class of past miss or
false alarm on code outside the labelled corpus."""
from __future__ import annotations

from tests.conftest import run_on, write_files


def found(report, prefix=("RDY1", "RDY3")):
    return sorted((f.rule, f.location.path, f.location.line) for f in report.findings
                  if f.rule.startswith(prefix) and f.rule not in ("RDY304", "RDY305"))


def test_model_ids_set_away_from_any_known_call_are_judged(tmp_path):
    write_files(tmp_path, {
        "settings.py": 'import os\nMODEL = "gpt-4o"\nJUDGE_MODEL = os.getenv("JUDGE_MODEL", "claude-3-5-sonnet-latest")\n',
        "agent.py": (
            "import argparse\n"
            "import httpx\n"
            "from somelib import make_client\n"
            "from settings import MODEL\n"
            "client = make_client(model_name='gemini-flash-latest')\n"
            "def build(cfg, model='gpt-4.1'):\n"
            "    name = cfg.get('model', 'gpt-5.1')\n"
            "    return make_client(model=model, other=name)\n"
            "def label(model='gpt-4o'):\n"
            "    return f'running {model}'\n"
            "def post(q):\n"
            "    return httpx.post('https://llm.internal/v1/chat', json={'model': 'gpt-4o-mini', 'messages': [q]})\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--model', default='gpt-4.1-mini')\n"
            "parser.add_argument('--judge-model', default='gpt-4o-2024-08-06')\n"
            "parser.add_argument('--mode', default='gpt-4o')\n"
        ),
    })
    report = run_on(tmp_path, ["RDY101"])
    assert found(report) == [
        ("RDY101", "agent.py", 5), ("RDY101", "agent.py", 6), ("RDY101", "agent.py", 7), ("RDY101", "agent.py", 12), ("RDY101", "agent.py", 14),
        ("RDY101", "settings.py", 2), ("RDY101", "settings.py", 3),
    ]
    assert report.gaps.to_dict()["unprofiled_callee_names"] == {"make_client": 1}
    assert [e.location.line for e in report.evidence if e.location.path == "agent.py"] == [15]


def test_a_model_id_passed_to_an_unknown_callee_is_counted(tmp_path):
    write_files(tmp_path, {"a.py": "from vendor_sdk import Chat\nchat = Chat(model='gpt-4o')\n"})
    report = run_on(tmp_path, ["RDY101"])
    assert found(report) == [("RDY101", "a.py", 2)]
    assert report.gaps.to_dict()["unprofiled_callee_names"] == {"Chat": 1}


def test_the_projects_own_agents_package_is_not_the_sdk(tmp_path):
    write_files(tmp_path, {
        "agents/__init__.py": "class Agent:\n    def __init__(self, **kw):\n        self.kw = kw\nclass Runner:\n    run = print\n",
        "main.py": "from agents import Agent, Runner\nbot = Agent(name='x', model='gpt-4o-2024-08-06')\nRunner.run(bot, 'hi')\n",
    })
    assert found(run_on(tmp_path)) == []
    (tmp_path / "agents" / "__init__.py").unlink()
    (tmp_path / "agents").rmdir()
    assert found(run_on(tmp_path)) == [("RDY301", "main.py", 2), ("RDY302", "main.py", 3)]


def test_eval_code_is_judged_for_models_and_caps_unit_tests_are_not(tmp_path):
    judge = "from openai import OpenAI\nOpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
    write_files(tmp_path, {"evals/judge.py": judge, "tests/test_judge.py": judge})
    assert found(run_on(tmp_path)) == [("RDY101", "evals/judge.py", 2), ("RDY301", "evals/judge.py", 2)]


def test_data_a_program_wrote_and_ci_runners_are_not_model_settings(tmp_path):
    rows = "[" + ",".join('{"model": "gpt-4o", "score": %d}' % i for i in range(3)) + "]"
    write_files(tmp_path, {
        "results/run1.json": '{"model": "gpt-4o"}',
        "eval_outputs.yaml": "model: gpt-4o\n",
        "leaderboard.json": rows,
        "config/llm.yaml": "model: gpt-4o\n",
        ".github/workflows/model-eval.yml": "jobs:\n  model-eval:\n    runs-on: ubuntu-latest\n",
        "ollama.py": "import argparse\np = argparse.ArgumentParser()\np.add_argument('--model', default='llama3:latest')\n",
    })
    assert found(run_on(tmp_path, ["RDY101"])) == [("RDY101", "config/llm.yaml", 1)]


def test_a_model_variable_set_in_an_env_template_is_verifiable(tmp_path):
    code = "import os\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=os.environ['LLM_MODEL'], messages=[], max_tokens=5)\n"
    for template in (".env-example", "env.example", "example.env", ".env_sample"):
        write_files(tmp_path, {"app.py": code, template: "LLM_MODEL=gpt-4o-2024-08-06\n"})
        assert found(run_on(tmp_path, ["RDY103"])) == [], template
        (tmp_path / template).unlink()
    assert found(run_on(tmp_path, ["RDY103"])) == [("RDY103", "app.py", 3)]


def test_a_local_folder_that_defines_none_of_the_imported_names_is_not_what_the_import_means(tmp_path):
    """An example app inside the SDK's own repository keeps its agents in ``agents/``."""
    write_files(tmp_path, {
        "agents/__init__.py": "",
        "agents/planner.py": "from agents import Agent\nplanner = Agent(name='p', model='gpt-4o-2024-08-06', instructions='x')\n",
    })
    assert found(run_on(tmp_path, ["RDY301"])) == [("RDY301", "agents/planner.py", 2)]


def test_a_module_beside_a_package_file_does_not_shadow_the_sdk(tmp_path):
    """Inside a package, ``from agents import Agent`` is an absolute import: ``app/agents.py`` is
    ``app.agents``, not ``agents``."""
    write_files(tmp_path, {
        "app/__init__.py": "",
        "app/agents.py": "TRIAGE = 'triage'\n",
        "app/guard.py": "from agents import Agent\nguard = Agent(name='g', model='gpt-4o-2024-08-06', instructions='x')\n",
    })
    assert found(run_on(tmp_path, ["RDY301"])) == [("RDY301", "app/guard.py", 2)]


def test_an_agent_built_in_one_module_and_run_in_another(tmp_path):
    write_files(tmp_path, {
        "app/__init__.py": "",
        "app/agent.py": "from pydantic_ai import Agent\nhelper = Agent('openai:gpt-4o-2024-08-06', model_settings={'max_tokens': 300})\n",
        "app/cli.py": (
            "from pydantic_ai.usage import UsageLimits\n"
            "from app.agent import helper\n"
            "async def main(q):\n"
            "    await helper.run(q)\n"
            "    await helper.run(q, usage_limits=UsageLimits(request_limit=5))\n"
        ),
    })
    assert found(run_on(tmp_path, ["RDY302"])) == [("RDY302", "app/cli.py", 4)]


def test_a_graph_served_by_langgraph_platform_needs_its_recursion_limit(tmp_path):
    graph = ("from langgraph.graph import StateGraph\n"
             "builder = StateGraph(dict)\n"
             "graph = builder.compile(name='agent')\n"
             "capped = builder.compile().with_config(recursion_limit=12)\n")
    write_files(tmp_path, {
        "src/agent/graph.py": graph,
        "langgraph.json": '{"graphs": {"agent": "./src/agent/graph.py:graph", "capped": "./src/agent/graph.py:capped"}}',
    })
    assert found(run_on(tmp_path, ["RDY302"])) == [("RDY302", "src/agent/graph.py", 3)]


def test_a_repository_adds_lifecycle_entries_without_waiting_for_a_release(tmp_path):
    write_files(tmp_path, {
        "pyproject.toml": '[project]\nname = "desk"\n[tool.readiness]\nlifecycle = "ops/model-lifecycle.yaml"\n',
        "ops/model-lifecycle.yaml": (
            "models:\n"
            "  - {id: gpt-4o-2024-11-20, provider: openai, shutdown: '2020-01-01', replacement: gpt-5.1-2025-11-13}\n"
            "  - {id: gpt-4.1-2025-04-14, provider: openai, shutdown: '2999-01-01'}\n"
        ),
        "desk/app.py": (
            "from openai import OpenAI\n"
            "OpenAI().chat.completions.create(model='gpt-4o-2024-11-20', messages=[], max_tokens=5)\n"
            "OpenAI().chat.completions.create(model='gpt-4.1-2025-04-14', messages=[], max_tokens=5)\n"
        ),
    })
    report = run_on(tmp_path, ["RDY105", "RDY108"])
    assert found(report) == [("RDY105", "desk/app.py", 2), ("RDY108", "desk/app.py", 3)]
    assert all("(from model-lifecycle.yaml)" in f.message for f in report.findings)


def test_a_broken_lifecycle_file_is_a_configuration_error(tmp_path):
    import pytest
    from readiness.config import ConfigError, load_settings
    (tmp_path / "l.yaml").write_text("models:\n  - {id: x}\n")
    with pytest.raises(ConfigError, match="lifecycle.*needs id, provider and shutdown"):
        load_settings({"lifecycle": "l.yaml"}, tmp_path / "pyproject.toml")


def test_a_settings_dict_filled_in_after_it_is_built(tmp_path):
    write_files(tmp_path, {"agent.py": (
        "from smolagents import LiteLLMModel\n"
        "def build(model_id: str, reasoning: bool):\n"
        "    params = {'model_id': model_id}\n"
        "    if reasoning:\n"
        "        params['max_completion_tokens'] = 8192\n"
        "    else:\n"
        "        params['max_tokens'] = 4096\n"
        "    return LiteLLMModel(**params)\n"
        "def plain(model_id: str):\n"
        "    params = {'model_id': model_id}\n"
        "    params['temperature'] = 0\n"
        "    return LiteLLMModel(**params)\n"
        "def counted(text: str, model: str = 'gpt-4o-mini') -> int:\n"
        "    import tiktoken\n"
        "    return len(tiktoken.encoding_for_model(model).encode(text))\n"
        "def factory(model_id='o3-mini'):\n"
        "    params = {'model_id': model_id, 'max_tokens': 100}\n"
        "    return LiteLLMModel(**params)\n"
    )})
    assert found(run_on(tmp_path, ["RDY101", "RDY105", "RDY301"])) == [("RDY105", "agent.py", 16), ("RDY301", "agent.py", 12)]


def test_a_graph_without_a_cycle_has_no_loop_to_cap(tmp_path):
    write_files(tmp_path, {"flow.py": (
        "from langgraph.graph import StateGraph, START, END\n"
        "def ingest(s): return s\n"
        "def summarize(s): return s\n"
        "line = StateGraph(dict)\n"
        "line.add_node(ingest)\n"
        "line.add_node('summarize', summarize)\n"
        "line.add_edge(START, 'ingest')\n"
        "line.add_edge('ingest', 'summarize')\n"
        "line.add_edge('summarize', END)\n"
        "pipeline = line.compile()\n"
        "loop = StateGraph(dict)\n"
        "loop.add_node('agent', ingest)\n"
        "loop.add_node('tools', summarize)\n"
        "loop.add_edge(START, 'agent')\n"
        "loop.add_conditional_edges('agent', lambda s: 'tools', {'tools': 'tools', 'end': END})\n"
        "loop.add_edge('tools', 'agent')\n"
        "agent = loop.compile()\n"
        "def run(q):\n"
        "    pipeline.invoke({'q': q})\n"
        "    return agent.invoke({'q': q})\n"
    )})
    assert found(run_on(tmp_path, ["RDY302"])) == [("RDY302", "flow.py", 20)]


def test_caps_passed_through_extra_parameters_or_chosen_per_run(tmp_path):
    write_files(tmp_path, {"llm.py": (
        "from langchain.chat_models import init_chat_model\n"
        "configurable = init_chat_model(configurable_fields=('model', 'max_tokens'))\n"
        "fixed = init_chat_model(configurable_fields=('model',))\n"
        "def writer(extra):\n"
        "    return init_chat_model(model='openai:gpt-4o-2024-08-06', model_kwargs=extra)\n"
        "capped = init_chat_model(model='openai:gpt-4o-2024-08-06', model_kwargs={'max_tokens': 300})\n"
        "loose = init_chat_model(model='openai:gpt-4o-2024-08-06', model_kwargs={'top_p': 0.5})\n"
    )})
    assert found(run_on(tmp_path, ["RDY301"])) == [("RDY301", "llm.py", 3), ("RDY301", "llm.py", 7)]


def test_a_frameworks_own_tracing_setup_counts_only_when_switched_on(tmp_path):
    app = "from vertexai.agent_engines import AdkApp\nfrom app.agent import root\napp = AdkApp(agent=root, enable_tracing={on})\n"
    write_files(tmp_path, {"app/__init__.py": "", "app/agent.py": "from google.adk import Agent\nroot = Agent(name='r', model='gemini-2.5-flash')\n"})
    for on, traced in (("True", True), ("False", False)):
        write_files(tmp_path, {"deploy.py": app.format(on=on)})
        report = run_on(tmp_path, ["RDY501"])
        assert (not any(f.rule == "RDY501" for f in report.findings)) is traced, on


def test_safety_settings_switched_off_are_no_guardrail(tmp_path):
    write_files(tmp_path, {"bot.py": (
        "from google import genai\n"
        "from google.genai import types\n"
        "OFF = [types.SafetySetting(category=c, threshold='BLOCK_NONE') for c in ('HARM_CATEGORY_HATE_SPEECH',)]\n"
        "cfg = types.GenerateContentConfig(max_output_tokens=100, safety_settings=OFF)\n"
        "genai.Client().models.generate_content(model='gemini-2.5-flash', contents='hi', config=cfg)\n"
    )})
    report = run_on(tmp_path, ["RDY202", "RDY205"])
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings if f.rule == "RDY205"] == [("RDY205", "bot.py", 4)]
    assert [f.rule for f in report.findings if f.rule == "RDY202"] == ["RDY202"]  # no input guardrail at all
    assert not any(e.rule == "RDY202" for e in report.evidence)


def test_json_schema_tools_of_the_raw_sdks_and_one_finding_per_problem(tmp_path):
    write_files(tmp_path, {"tools.py": (
        "import subprocess\n"
        "import anthropic\n"
        "TOOLS = [{'type': 'function', 'function': {'name': 'run_shell', 'parameters': {'type': 'object'}}},\n"
        "         {'name': 'status', 'input_schema': {'type': 'object'}}]\n"
        "def run_shell(command: str) -> str:\n"
        "    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout\n"
        "def status() -> str:\n"
        "    return subprocess.run(['git', 'status'], capture_output=True, text=True).stdout\n"
        "def helper(command: str) -> str:\n"
        "    return subprocess.run(command, shell=True).stdout\n"
    )})
    report = run_on(tmp_path, ["RDY402", "RDY410"])
    assert [t.name for t in report.tools] == ["run_shell", "status"]
    # "pastes arguments into a shell" (RDY410) is the specific form of "runs a shell" (RDY402): one finding
    assert [(f.rule, f.location.line) for f in report.findings] == [("RDY410", 6)]


def test_an_exported_browser_session_is_a_committed_credential(tmp_path):
    import json
    jar = [{"domain": ".example.org", "name": "theme", "value": "dark", "httpOnly": False, "path": "/"},
           {"domain": ".example.org", "name": "user_session", "value": "Zx8" + "Lq2Wn7Rt4Yp9Kd3Hf6Jm1Sb5Vc0Ga", "httpOnly": True, "path": "/"},
           {"domain": ".example.org", "name": "sid", "value": "your-session-id-here", "httpOnly": True, "path": "/"}]
    write_files(tmp_path, {"cookies.json": json.dumps(jar, indent=1), "notes.json": json.dumps([jar[0], jar[2]])})
    report = run_on(tmp_path, ["RDY401"])
    assert [(f.rule, f.location.path) for f in report.findings] == [("RDY401", "cookies.json")]
    from readiness.report import render
    assert "Lq2Wn7Rt4Yp9Kd3Hf6Jm1Sb5Vc0Ga" not in render(report, "json", color=False)


def test_a_scan_root_that_is_itself_a_package_resolves_imports_by_its_package_name(tmp_path):
    """An ADK agent folder scanned from inside: ``from nl2sql.tools.bq import run_sql`` names the
    root by a package name the folder does not carry. The tool in ``tools/bq.py`` is the one the
    agent gets; a library of the same shape (``google.cloud``) is never taken for the project."""
    write_files(tmp_path, {
        "__init__.py": "from . import agent\n",
        "tools/__init__.py": "",
        "tools/bq.py": (
            "from google.cloud import bigquery\n"
            "def run_sql(project: str, query: str) -> list:\n"
            "    client = bigquery.Client(project=project)\n"
            "    return [dict(row) for row in client.query(query)]\n"
        ),
        "agent.py": (
            "from google.adk.agents import Agent\n"
            "from nl2sql.tools.bq import run_sql\n"
            "root_agent = Agent(name='sql', model='gemini-2.0-flash-001', tools=[run_sql])\n"
        ),
    })
    report = run_on(tmp_path, ["RDY404"])
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings] == [("RDY404", "tools/bq.py", 4)]


def test_names_a_star_import_brings_from_a_project_module_are_followed(tmp_path):
    write_files(tmp_path, {
        "ops/__init__.py": "",
        "ops/aws.py": (
            "import boto3\n"
            "ec2 = boto3.client('ec2')\n"
            "def stop_box(instance_id: str):\n"
            "    return ec2.stop_instances(InstanceIds=[instance_id])\n"
            "def list_boxes():\n"
            "    return ec2.describe_instances()\n"
        ),
        "agent.py": (
            "from strands import Agent, tool\n"
            "from ops.aws import *\n"
            "@tool\n"
            "def halt(instance_id: str):\n"
            "    '''Halt an instance.'''\n"
            "    return stop_box(instance_id)\n"
            "@tool\n"
            "def boxes():\n"
            "    '''List instances.'''\n"
            "    return list_boxes()\n"
            "agent = Agent(tools=[halt, boxes])\n"
        ),
    })
    report = run_on(tmp_path, ["RDY201"])
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings] == [("RDY201", "agent.py", 4)]
