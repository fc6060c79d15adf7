"""Agents that skip the SDK: a model reached over plain HTTP, tool schemas in one module, the
dispatcher in another and the handlers in a third. Each test is a class of past miss (a project
judged "not an agent", a dispatcher's handlers never judged) or of a wrong credit."""
from __future__ import annotations

from tests.conftest import run_on, write_files

MODEL_CLIENT = (
    "import requests\n"
    "from tools_schema import TOOLS\n"
    "def ask(prompt):\n"
    "    body = {'model': 'gpt-4.1-2025-04-14', 'messages': [{'role': 'user', 'content': prompt}],\n"
    "            'functions': TOOLS, 'function_call': 'auto'}\n"
    "    return requests.post('https://llm-proxy.internal/v1/chat/completions', json=body).json()\n"
)
SCHEMAS = (
    "TOOLS = [\n"
    "    {'name': 'count_rows', 'parameters': {'type': 'object', 'properties': {'out_path': {'type': 'string'}}}},\n"
    "    {'name': 'run_steps', 'parameters': {'type': 'object', 'properties': {'steps': {'type': 'array'}}}},\n"
    "]\n"
)


def lines(report, rule):
    return sorted((f.location.path, f.location.line) for f in report.findings if f.rule == rule)


def test_a_project_posting_to_a_chat_completions_endpoint_is_an_agent_project(tmp_path):
    write_files(tmp_path, {"llm.py": MODEL_CLIENT, "tools_schema.py": SCHEMAS})
    report = run_on(tmp_path, ["RDY202"])
    assert lines(report, "RDY202") == [("llm.py", 1)]


def test_a_front_end_posting_to_its_own_chat_route_is_not_an_agent(tmp_path):
    # ``/api/chat`` is Ollama's path, but a body with no ``model`` is the app talking to its backend.
    write_files(tmp_path, {"ui.py": "import requests\ndef send(text):\n"
                                     "    return requests.post('http://localhost:8000/api/chat', json={'message': text}).json()\n"})
    assert lines(run_on(tmp_path, ["RDY202"]), "RDY202") == []


def test_a_dispatcher_in_another_module_routes_declared_tool_names_to_their_handlers(tmp_path):
    write_files(tmp_path, {
        "llm.py": MODEL_CLIENT,
        "tools_schema.py": SCHEMAS,
        "tasks.py": (
            "def count_rows(in_path, out_path):\n"
            "    rows = open(in_path).read().count('\\n')\n"
            "    with open(out_path, 'w') as f:\n"
            "        f.write(str(rows))\n"
            "def summarise(text, out_path):\n"
            "    with open(out_path, 'w') as f:\n"
            "        f.write(text[:100])\n"
        ),
        "dispatch.py": (
            "from tasks import count_rows, summarise\n"
            "def execute(name, args):\n"
            "    if name == 'count_rows':\n"
            "        return count_rows(args['in_path'], args['out_path'])\n"
            "    elif name == 'make_summary':\n"  # not a declared tool: its handler is not judged
            "        return summarise(args['text'], args['out_path'])\n"
        ),
        "app.py": (
            "import json\nfrom llm import ask\nfrom dispatch import execute\n"
            "def handle(task):\n"
            "    call = ask(task)['choices'][0]['message']['function_call']\n"
            "    return execute(call['name'], json.loads(call['arguments']))\n"
        ),
    })
    report = run_on(tmp_path, ["RDY405"])
    assert lines(report, "RDY405") == [("tasks.py", 3)]


def test_a_dispatch_branch_handing_work_to_a_shell_helper_is_not_credited_and_reported_once(tmp_path):
    write_files(tmp_path, {
        "llm.py": MODEL_CLIENT,
        "tools_schema.py": SCHEMAS,
        "runner.py": (
            "import json, subprocess\n"
            "from llm import ask\n"
            "def run_one(cmd):\n"
            "    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout\n"
            "def run_steps(steps):\n"
            "    return [run_one(step['cmd']) for step in steps]\n"
            "def loop(task):\n"
            "    function_call = ask(task)['choices'][0]['message']['function_call']\n"
            "    if function_call['name'] == 'run_steps':\n"
            "        return run_steps(json.loads(function_call['arguments'])['steps'])\n"
        ),
    })
    report = run_on(tmp_path, ["RDY402"])
    assert lines(report, "RDY402") == [("runner.py", 4)]
    assert not [e for e in report.evidence if e.rule == "RDY402" and "runs no shell" in e.note]


def test_a_static_method_handler_is_judged_by_all_its_parameters(tmp_path):
    # ``@staticmethod def edit_file(file_path, ...)`` has no ``self``: its first parameter is the path.
    write_files(tmp_path, {
        "handlers.py": (
            "class Handlers:\n"
            "    @staticmethod\n"
            "    def edit_file(file_path, new_content):\n"
            "        with open(file_path, 'w') as f:\n"
            "            f.write(new_content)\n"
        ),
        "loop.py": (
            "import json\nfrom openai import OpenAI\nfrom handlers import Handlers\n"
            "TOOLS = [{'type': 'function', 'function': {'name': 'edit_file', 'parameters': {'type': 'object'}}}]\n"
            "def run(client: OpenAI, messages):\n"
            "    reply = client.chat.completions.create(model='gpt-4.1-2025-04-14', messages=messages, tools=TOOLS)\n"
            "    for call in reply.choices[0].message.tool_calls:\n"
            "        args = json.loads(call.function.arguments)\n"
            "        handler = Handlers()\n"
            "        if call.function.name == 'edit_file':\n"
            "            handler.edit_file(args.get('file_path'), args.get('new_content'))\n"
        ),
    })
    assert lines(run_on(tmp_path, ["RDY405"]), "RDY405") == [("handlers.py", 4)]


def test_a_method_of_a_project_object_handed_over_as_a_tool_is_judged(tmp_path):
    write_files(tmp_path, {
        "db.py": (
            "import psycopg\n"
            "class Database:\n"
            "    def __init__(self, dsn):\n"
            "        self.conn = psycopg.connect(dsn)\n"
            "    def execute_query(self, query: str):\n"
            "        return self.conn.execute(query).fetchall()\n"
        ),
        "agent.py": (
            "from langchain_core.tools import Tool\n"
            "from db import Database\n"
            "class SqlAgent:\n"
            "    def __init__(self, dsn):\n"
            "        self.db = Database(dsn)\n"
            "        self.tools = [Tool(name='execute_query', func=self.db.execute_query, description='Run SQL')]\n"
        ),
    })
    assert lines(run_on(tmp_path, ["RDY404"]), "RDY404") == [("db.py", 6)]


def test_an_api_base_imported_from_the_projects_constants_names_the_host(tmp_path):
    write_files(tmp_path, {
        "constants.py": 'GITHUB_API_URL = "https://api.github.com"\n',
        "server.py": (
            "import requests\nfrom mcp.server.fastmcp import FastMCP\nfrom constants import GITHUB_API_URL\n"
            "mcp = FastMCP('gh')\n"
            "@mcp.tool()\n"
            "def create_issue(owner: str, repo: str, title: str) -> dict:\n"
            "    return requests.post(f'{GITHUB_API_URL}/repos/{owner}/{repo}/issues', json={'title': title}).json()\n"
            "@mcp.tool()\n"
            "def list_issues(owner: str, repo: str) -> list:\n"
            "    return requests.get(f'{GITHUB_API_URL}/repos/{owner}/{repo}/issues').json()\n"
        ),
    })
    assert lines(run_on(tmp_path, ["RDY201"]), "RDY201") == [("server.py", 6)]
