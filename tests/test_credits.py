"""Credits are as precise as findings: a control credited where none is in place raises a score as
surely as a missed finding. Each test plants the real control beside a look-alike that must not be
credited, and checks what the credit names."""
from __future__ import annotations

from tests.conftest import run_on, write_files

AGENT = "from openai import OpenAI\nclient = OpenAI()\n"


def credits(report, rule):
    return sorted((e.location.path, e.location.line, e.note) for e in report.evidence if e.rule == rule)


def credited(root, files: dict[str, str], rule: str) -> list:
    """Write ``files`` under ``root``, scan with ``rule`` alone and return its credits."""
    write_files(root, files)
    return credits(run_on(root, [rule]), rule)


def test_callbacks_are_credited_only_when_they_can_block(tmp_path):
    assert credited(tmp_path, {
        "agent.py": (
            "import time\n"
            "from google.adk.agents import Agent\n"
            "def throttle(callback_context, llm_request):\n"
            "    if callback_context.state.get('calls', 0) > 10:\n"
            "        time.sleep(1)\n"
            "    callback_context.state['calls'] = callback_context.state.get('calls', 0) + 1\n"
            "def block_secrets(callback_context, llm_request):\n"
            "    if 'password' in str(llm_request.contents).lower():\n"
            "        return refusal('I cannot help with credentials.')\n"
            "    return None\n"
            "limited = Agent(name='a', model='gemini-2.5-flash-001', before_model_callback=throttle)\n"
            "guarded = Agent(name='b', model='gemini-2.5-flash-001', before_model_callback=block_secrets)\n"
        ),
    }, "RDY202") == [("agent.py", 12, "ADK before-model callback")]


def test_a_guard_that_only_records_failures_is_no_guardrail(tmp_path):
    write_files(tmp_path, {
        "noop.py": AGENT + (
            "from guardrails import Guard\n"
            "from guardrails.hub import ToxicLanguage\n"
            "guard = Guard().use(ToxicLanguage(threshold=0.5, on_fail='noop'))\n"
        ),
    })
    report = run_on(tmp_path, ["RDY202", "RDY205"])
    assert credits(report, "RDY202") == []
    assert [(f.rule, f.location.line) for f in report.findings if f.rule == "RDY205"] == [("RDY205", 5)]

    write_files(tmp_path, {"noop.py": AGENT + (
        "from guardrails import Guard\n"
        "from guardrails.hub import ToxicLanguage\n"
        "guard = Guard().use(ToxicLanguage(threshold=0.5, on_fail='exception'))\n"
    )})
    report = run_on(tmp_path, ["RDY202", "RDY205"])
    assert credits(report, "RDY202") == [("noop.py", 5, "guardrails-ai Guard")]
    assert [f for f in report.findings if f.rule == "RDY205"] == []


def test_switched_off_safety_settings_are_not_an_input_guardrail(tmp_path):
    write_files(tmp_path, {
        "gem.py": (
            "from vertexai.generative_models import GenerativeModel, HarmBlockThreshold, HarmCategory\n"
            "OPEN = {HarmCategory.HARM_CATEGORY_HATE_SPEECH: HarmBlockThreshold.BLOCK_NONE}\n"
            "def ask(model: GenerativeModel, prompt: str):\n"
            "    return model.generate_content(prompt, safety_settings=OPEN)\n"
        ),
    })
    report = run_on(tmp_path, ["RDY202", "RDY205"])
    assert credits(report, "RDY202") == []
    # the filter is reported as switched off, and the project as having no input guardrail
    assert [(f.rule, f.location.line) for f in report.findings] == [("RDY202", 1), ("RDY205", 2)]  # at the object


def test_a_shell_tool_whose_helper_lives_elsewhere_is_not_credited_as_running_no_shell(tmp_path):
    write_files(tmp_path, {
        "pyproject.toml": "[project]\nname = 'termbot'\n",
        "termbot/runner.py": (
            "import subprocess\n"
            "def run_command(command: str) -> str:\n"
            "    return subprocess.run(['pwsh', '-Command', command], capture_output=True, text=True).stdout\n"
        ),
        "termbot/text.py": "def count(text: str) -> int:\n    return len(text.split())\n",
        "termbot/tools.py": (
            "from langchain_core.tools import tool\n"
            "from termbot.runner import run_command\n"
            "from termbot.text import count\n"
            "@tool\n"
            "def shell(command: str) -> str:\n"
            "    '''Run a command.'''\n"
            "    return run_command(command)\n"
            "@tool\n"
            "def word_count(text: str) -> int:\n"
            "    '''Count words.'''\n"
            "    return count(text)\n"
        ),
    })
    report = run_on(tmp_path, ["RDY402"])
    # `shell` gets no credit: its helper runs pwsh, which the file pass cannot see. `word_count` is
    # credited once its helper has been read too.
    assert credits(report, "RDY402") == [
        ("termbot/tools.py", 9, "tool `word_count` runs no shell or eval, its helpers included")]


def test_setting_an_environment_variable_is_not_reading_a_secret_from_it(tmp_path):
    assert credited(tmp_path, {
        "boot.py": AGENT + (
            "import os\n"
            "os.environ['SERPER_API_KEY'] = SETTINGS.serper\n"
            "key = os.environ['TAVILY_API_KEY']\n"
        ),
    }, "RDY401") == [("boot.py", 5, "`TAVILY_API_KEY` read from the environment")]


def test_model_written_sql_is_credited_only_behind_a_read_only_connection(tmp_path):
    tool = (
        "from agents import function_tool\n"
        "@function_tool\n"
        "def run_sql(query: str) -> str:\n"
        "    '''Run SQL.'''\n"
        "    if not query.upper().startswith('SELECT'):\n"
        "        return 'reads only'\n"
        "    return str(DB.execute(query).fetchall())\n"
    )
    write_files(tmp_path, {"db.py": "import sqlite3\nDB = sqlite3.connect('shop.db')\n" + tool})
    report = run_on(tmp_path, ["RDY404"])
    assert credits(report, "RDY404") == []
    assert [(f.location.line, f.message) for f in report.findings] == [(
        9, "tool `run_sql` runs SQL the model wrote, on a connection that can change data (a `startswith(\"SELECT\")` "
           "check does not stop a second, stacked statement)")]

    write_files(tmp_path, {"db.py": "import sqlite3\nDB = sqlite3.connect('file:shop.db?mode=ro', uri=True)\n" + tool})
    report = run_on(tmp_path, ["RDY404"])
    assert report.findings == []
    assert credits(report, "RDY404") == [("db.py", 9, "tool `run_sql` runs SQL the model wrote, limited by a read-only "
                                                      "connection (mode=ro)")]


def test_a_shell_two_helpers_down_is_not_credited_as_running_no_shell(tmp_path):
    """tool -> runner function -> a session object's method -> a shell: the credit waits for the
    whole chain, and the look-alike whose helper only formats text keeps its credit."""
    write_files(tmp_path, {
        "pyproject.toml": "[project]\nname = 'ops'\n",
        "ops/session.py": (
            "import paramiko\n"
            "class Remote:\n"
            "    def __init__(self):\n"
            "        self.ssh = paramiko.SSHClient()\n"
            "    def run(self, command: str) -> str:\n"
            "        _, out, _ = self.ssh.exec_command(command)\n"
            "        return out.read().decode()\n"
        ),
        "ops/runner.py": (
            "from ops.session import Remote\n"
            "REMOTE = Remote()\n"
            "def run_command(cmd: str) -> str:\n"
            "    remote = REMOTE\n"
            "    return remote.run(cmd)\n"
            "def shout(text: str) -> str:\n"
            "    return text.upper()\n"
        ),
        "ops/tools.py": (
            "from langchain_core.tools import tool\n"
            "from ops.runner import run_command, shout\n"
            "@tool\n"
            "def uptime(host: str) -> str:\n"
            "    \"\"\"Uptime of a host.\"\"\"\n"
            "    return run_command(f'ssh {host} uptime')\n"
            "@tool\n"
            "def loud(text: str) -> str:\n"
            "    \"\"\"Shout.\"\"\"\n"
            "    return shout(text)\n"
        ),
    })
    report = run_on(tmp_path, ["RDY402", "RDY410"])
    assert credits(report, "RDY402") == [("ops/tools.py", 8, "tool `loud` runs no shell or eval, its helpers included")]
    assert [(f.rule, f.location.path, f.location.line) for f in report.findings] == [("RDY410", "ops/tools.py", 6)]
