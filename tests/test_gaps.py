"""Code the tool cannot read is never passed: unprofiled frameworks and callees are counted."""
from __future__ import annotations

import json

from readiness.report import render
from tests.conftest import run_on, write_files

MIRASCOPE_APP = {
    "app/agent.py": (
        "from mirascope import llm\n"
        "\n"
        "@llm.call(provider='openai', model='gpt-4o')\n"
        "def answer(question: str) -> str:\n"
        "    return question\n"
    ),
    "app/server.py": (
        "from fastapi import FastAPI\n"
        "from app.agent import answer\n"
        "api = FastAPI()\n"
        "@api.post('/ask')\n"
        "def ask(q: str):\n"
        "    return answer(q)\n"
    ),
}


def test_an_app_on_an_unprofiled_framework_is_partial_and_fails_the_gate(tmp_path):
    write_files(tmp_path, MIRASCOPE_APP)
    report = run_on(tmp_path)
    data = json.loads(render(report, "json", color=False))
    assert data["complete"] is False
    assert data["gate"]["passed"] is False
    assert data["areas"]["model-control"]["status"] == "fail"  # decided by the floating ID below
    assert data["gaps"]["unprofiled_frameworks"] == ["Mirascope"]
    notice = [d for d in data["diagnostics"] if d["kind"] == "unprofiled-framework"]
    assert [(d["path"], d["line"]) for d in notice] == [("app/agent.py", 1)]
    # The model ID is still judged, wherever it goes, and counted as an unprofiled callee.
    assert [(f["rule"], f["path"], f["line"]) for f in data["findings"] if f["rule"] == "RDY101"] == [("RDY101", "app/agent.py", 3)]
    assert data["gaps"]["unprofiled_callees"] == 1
    assert data["gaps"]["unprofiled_callee_names"] == {"llm.call": 1}
    assert "unknown" in render(report, "text", color=False, width=100)


def test_areas_nothing_else_decides_are_unknown_not_na(tmp_path):
    write_files(tmp_path, {"bot.py": "import os\nfrom mirascope import llm\nMODEL = os.environ['BOT_MODEL']\n"})
    report = run_on(tmp_path, ["RDY1"])
    assert {a.area.value: a.status for a in report.areas}["model-control"] == "unknown"
    assert report.status == "unknown" and report.gate["passed"] is False
    assert render(report, "markdown", color=False).count("❔") >= 1


def test_a_local_package_named_like_a_framework_is_not_a_gap(tmp_path):
    write_files(tmp_path, {
        "mirascope/__init__.py": "def call(**kw):\n    return kw\n",
        "app.py": "from mirascope import call\nprint(call(x=1))\n",
    })
    data = json.loads(render(run_on(tmp_path), "json", color=False))
    assert data["gaps"]["unprofiled_frameworks"] == []
    assert data["complete"] is True


def test_pre_commit_file_mode_reports_no_gap(tmp_path):
    write_files(tmp_path, MIRASCOPE_APP)
    from readiness.config import Settings
    from readiness.scan import check
    report = check([str(tmp_path / "app" / "agent.py")], Settings(base_dir=tmp_path))
    assert report.gaps.to_dict()["unprofiled_frameworks"] == []


def test_tools_an_mcp_server_lists_at_run_time_are_a_visible_gap(tmp_path):
    """An agent given ``await client.get_tools()`` acts through tools the code never shows: the
    report says they were not judged (non-blocking), instead of passing tool auth silently."""
    write_files(tmp_path, {"agent.py": (
        "from langchain_mcp_adapters.client import MultiServerMCPClient\n"
        "from langgraph.prebuilt import create_react_agent\n"
        "client = MultiServerMCPClient({'notion': {'url': 'http://localhost:3000/mcp', 'transport': 'streamable_http'}})\n"
        "async def build():\n"
        "    tools = await client.get_tools()\n"
        "    return create_react_agent('openai:gpt-4o-2024-08-06', tools=tools)\n"
    )})
    data = json.loads(render(run_on(tmp_path), "json", color=False))
    notice = [d for d in data["diagnostics"] if d["kind"] == "runtime-tools"]
    assert [(d["path"], d["line"], d["blocking"]) for d in notice] == [("agent.py", 5, False)]
    assert data["gaps"]["runtime_tool_sources"] == 1


TWEET_APP = {
    "bot/tools.py": (
        "import os, tweepy\n"
        "from agents import function_tool\n"
        "client = tweepy.Client(bearer_token=os.environ['X_TOKEN'])\n"
        "@function_tool\n"
        "def post_tweet(text: str) -> str:\n"
        "    return str(client.create_tweet(text=text))\n"
        "@function_tool\n"
        "def delete_tweet(tweet_id: str) -> str:\n"
        "    return str(client.delete_tweet(tweet_id))\n"
        "@function_tool\n"
        "def wipe_drafts(folder: str) -> str:\n"
        "    import shutil\n"
        "    shutil.rmtree(folder)\n"
        "    return 'wiped'\n"
    ),
    "bot/agent.py": (
        "from agents import Agent, Runner\n"
        "from bot.tools import post_tweet, delete_tweet\n"
        "agent = Agent(name='poster', model='gpt-4.1-2025-04-14', tools=[\n"
        "    post_tweet,\n"
        "    # delete_tweet,\n"
        "])\n"
    ),
}


def test_a_tool_no_code_hands_to_an_agent_is_set_aside_and_named(tmp_path):
    """``delete_tweet`` is imported but left out of the tool list, ``wipe_drafts`` is never imported:
    the model cannot call either, so their findings are set aside and each is named in a
    non-blocking diagnostic. ``post_tweet`` is handed to the agent and still reported."""
    write_files(tmp_path, TWEET_APP)
    data = json.loads(render(run_on(tmp_path, ["RDY201", "RDY405"]), "json", color=False))
    assert [(f["rule"], f["path"], f["line"]) for f in data["findings"]] == [("RDY201", "bot/tools.py", 5)]
    notice = [(d["path"], d["line"], d["blocking"], d["message"]) for d in data["diagnostics"]
              if d["kind"] == "unregistered-tool"]
    assert notice == [("bot/tools.py", 8, False, "2 tool(s) declared but never imported or handed to an agent "
                       "(`delete_tweet`, `wipe_drafts`): their findings are set aside until they are registered")]
    assert data["gaps"]["unregistered_tools"] == 2


def test_a_tool_library_without_an_agent_keeps_every_finding(tmp_path):
    """A package that only publishes tools (its users pick them) has no agent to hand them to: nothing
    is set aside."""
    write_files(tmp_path, {"bot/tools.py": TWEET_APP["bot/tools.py"]})
    data = json.loads(render(run_on(tmp_path, ["RDY201", "RDY405"]), "json", color=False))
    assert sorted((f["rule"], f["line"]) for f in data["findings"]) == [
        ("RDY201", 5), ("RDY201", 8), ("RDY201", 11), ("RDY405", 13)]
    assert data["gaps"]["unregistered_tools"] == 0


MAIL_APP = {
    "mail/tools/__init__.py": "from .gmail import SaveDraftTool, DeleteMailTool\n__all__ = ['SaveDraftTool', 'DeleteMailTool']\n",
    "mail/tools/gmail.py": (
        "from crewai.tools import BaseTool\n"
        "class SaveDraftTool(BaseTool):\n"
        "    name: str = 'save_draft'\n"
        "    def _run(self, body: str) -> str:\n"
        "        return DRAFTS.append(body)\n"
        "class DeleteMailTool(BaseTool):\n"
        "    name: str = 'delete_mail'\n"
        "    def _run(self, mail_id: str) -> str:\n"
        "        return MAILBOX.delete(mail_id)\n"
    ),
    "mail/crew.py": (
        "from crewai import Agent\n"
        "from mail.tools import SaveDraftTool\n"
        "writer = Agent(role='writer', goal='reply', backstory='', tools=[SaveDraftTool()])\n"
    ),
}


def test_a_tool_class_the_app_never_builds_is_set_aside(tmp_path):
    """The package re-exports two tool classes and the crew builds one: the other is a leftover,
    set aside like an unregistered function tool. Without the crew the package is a library whose
    users pick its tools, and the finding stays."""
    write_files(tmp_path, MAIL_APP)
    data = json.loads(render(run_on(tmp_path, ["RDY201"]), "json", color=False))
    assert data["findings"] == []
    assert data["gaps"]["unregistered_tools"] == 1
    library = tmp_path / "library"
    write_files(library, {k: v for k, v in MAIL_APP.items() if k != "mail/crew.py"})
    data = json.loads(render(run_on(library, ["RDY201"]), "json", color=False))
    assert [(f["rule"], f["path"], f["line"]) for f in data["findings"]] == [("RDY201", "mail/tools/gmail.py", 8)]
    assert data["gaps"]["unregistered_tools"] == 0


def test_the_tool_table_reads_helpers_imported_from_their_own_folder(project):
    """A script that imports a sibling module by its bare name (``from github_api import comment``)
    calls a helper whose name from the scan root is longer: the finding and the report's tool table
    both see what the helper does."""
    report = project({
        "service/server/github_api.py": (
            "import os, requests\n"
            "def comment(owner: str, repo: str, number: int, body: str) -> None:\n"
            "    url = f'https://api.github.com/repos/{owner}/{repo}/issues/{number}/comments'\n"
            "    requests.post(url, json={'body': body}, headers={'Authorization': os.environ['GH_TOKEN']})\n"
        ),
        "service/server/reviewer.py": (
            "from mcp.server.fastmcp import FastMCP\n"
            "from github_api import comment\n"
            "mcp = FastMCP('reviewer')\n"
            "@mcp.tool()\n"
            "def comment_on_pr(owner: str, repo: str, number: int, review: str) -> str:\n"
            "    comment(owner, repo, number, review)\n"
            "    return 'posted'\n"
        ),
    }, ["RDY201"])
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings] == [
        ("RDY201", "service/server/reviewer.py", 5)]
    [tool] = report.tools
    assert (tool.name, tool.destructive, [c["kind"] for c in tool.capabilities]) == ("comment_on_pr", True, ["change"])


def test_a_tool_class_built_by_the_package_that_imports_it_is_registered(tmp_path):
    """``tools/__init__.py`` imports its tool classes and its registry builds them: that is the app
    using them, not a re-export, so their findings stand. The class nobody builds is still set aside."""
    write_files(tmp_path, {
        "tools/base.py": "class Tool:\n    def execute(self, **kwargs):\n        raise NotImplementedError\n",
        "tools/shell.py": (
            "import subprocess\n"
            "from .base import Tool\n"
            "class Shell(Tool):\n"
            "    def execute(self, command: str = ''):\n"
            "        return subprocess.run(command, shell=True, capture_output=True).stdout\n"
        ),
        "tools/eraser.py": (
            "import os\n"
            "from .base import Tool\n"
            "class Eraser(Tool):\n"
            "    def execute(self, path: str = ''):\n"
            "        os.remove(path)\n"
        ),
        "tools/__init__.py": (
            "from .shell import Shell\n"
            "from .eraser import Eraser\n"
            "class Registry:\n"
            "    def __init__(self):\n"
            "        self.tools = {'bash': Shell()}\n"
        ),
        "agent.py": (
            "import anthropic\n"
            "from tools import Registry\n"
            "client = anthropic.Anthropic()\n"
            "registry = Registry()\n"
            "TOOLS = [{'name': 'bash', 'description': 'Run a command', 'input_schema': {'type': 'object'}}]\n"
            "def step(messages):\n"
            "    return client.messages.create(model='claude-sonnet-4-5-20250929', max_tokens=800, tools=TOOLS,\n"
            "                                  messages=messages)\n"
        ),
    })
    data = json.loads(render(run_on(tmp_path, ["RDY402", "RDY405"]), "json", color=False))
    assert [(f["rule"], f["path"], f["line"]) for f in data["findings"]] == [("RDY402", "tools/shell.py", 5)]
    assert data["gaps"]["unregistered_tools"] == 1
