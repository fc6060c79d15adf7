"""RDY402: an agent tool that runs shell commands or evaluates code built at run time."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import tools as _tools
from readiness.walk import walk


class ShellExecutionInTool(Rule):
    """
    ## What it finds
    Shell execution or code evaluation inside agent tools: `os.system`, `os.popen`,
    `subprocess.*(..., shell=True)`, `asyncio.create_subprocess_shell`, `eval` / `exec` - where
    the command or code is not a fixed string - in a function or class the file declares as a
    tool (`@tool`, `@function_tool`, `@agent.tool`, `@mcp.tool()`, `BaseTool` subclasses and
    other `*Tool` classes, functions passed in `tools=[...]`), or in a same-file helper the tool
    calls. Also a program run without a shell on arguments split from a string
    (`subprocess.run(shlex.split(cmd))`, `["kubectl"] + command.split()`: the string picks the
    verb, `delete` included), a local Jupyter kernel or IPython shell given the code
    (`kernel_client.execute(code)`, `shell.run_cell(code)`), and raw SDK tool loops that run the
    command in the branch for a declared tool (`if block.name == "bash": subprocess.run(...)`).
    A fixed verb with a chosen value (`["systemctl", "restart", name]`) and a fixed module
    (`python -m pip install ...`) are not reported. `eval` / `exec` handed to a runner
    (`asyncio.to_thread(eval, expression)`) count as called. Tool classes of a project's own tool
    framework (`class RunTool(ToolInterface)` with a `use(params)` method) and toolkit classes
    whose methods are registered (`Toolkit(tools=[self.run])`, `spec_functions`) are tools too.

    ## Why it matters
    A tool's arguments come from the model, and the model's input can come from anyone: a web
    page, an email, a document. A shell in a tool gives that text the agent's full operating
    system permissions.

    ## How to fix
    Replace the shell with the specific operation the tool needs (a library call, or
    `subprocess.run([...])` with an allow-listed binary and no shell), run anything broader in a
    sandbox (a container or a remote code-execution service), and require approval for it.

    ## Limits
    Commands assembled in another module are not followed yet.
    """

    id = "RDY402"
    judges_tool_bodies = True
    name = "shell-execution-in-tool"
    severity = Severity.ERROR
    summary = "Agent tool runs shell commands or evaluates generated code"
    needs = _tools.TOOL_HINTS
    precision = "high"
    security_severity = "8.8"
    fix_hint = "Drop the shell: call the specific operation, or sandbox it and require approval"

    valid = [
        # A toolkit's private runner that its own tool methods call with fixed git commands.
        Example("""
            import subprocess
            from agno.agent import Agent
            from agno.tools import Toolkit
            class GitTools(Toolkit):
                def __init__(self, repo: str, read_only: bool = True):
                    self.repo = repo
                    tools = [self.git_log, self.git_status]
                    super().__init__(name="git", tools=tools)
                def _run(self, cmd: list[str]) -> str:
                    return subprocess.run(cmd, capture_output=True, text=True, cwd=self.repo).stdout
                def git_log(self, count: int = 10) -> str:
                    return self._run(["git", "log", "--oneline", "-n", str(min(count, 50))])
                def git_status(self) -> str:
                    return self._run(["git", "status", "--short"])
            explorer = Agent(name="explorer", tools=[GitTools("/repos")])
        """),
        Example("""
            import asyncio
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("git")
            async def run_git(repo: str, command: list[str]) -> str:
                proc = await asyncio.create_subprocess_exec("git", *command, cwd=repo, stdout=asyncio.subprocess.PIPE)
                return (await proc.communicate())[0].decode()
            @mcp.tool()
            async def find_commit(repo: str, text: str) -> str:
                \"\"\"Find the commit that introduced some text.\"\"\"
                command = ["log", "-S", text, "--oneline"]  # the code picks the verb; the text is one argument
                return await run_git(repo, command)
        """),
        Example("""
            import subprocess, sys
            from langchain_core.tools import tool
            @tool
            def install(packages: list[str]) -> str:
                \"\"\"Install packages with pip (a fixed module runs; the model picks package names).\"\"\"
                return subprocess.run([sys.executable, "-m", "pip", "install", *packages], capture_output=True, text=True).stdout
        """),
        Example("""
            import os, subprocess
            from strands import tool
            @tool
            def restart_service(name: str) -> str:
                \"\"\"Restart one of our services; the verb is fixed, the model picks which service.\"\"\"
                return subprocess.run(["systemctl", "restart", name], capture_output=True, text=True).stdout
            @tool
            def grep_code(pattern: str, recursive: bool = True) -> str:
                \"\"\"Search the code.\"\"\"
                flags = ["-rn"] if recursive else ["-n"]
                return subprocess.run(["grep"] + flags + ["-I", pattern, "src"], capture_output=True, text=True).stdout
        """),
        Example("""
            import subprocess
            import anthropic
            client = anthropic.Anthropic()
            TOOLS = [{"name": "disk_usage", "description": "Report disk usage", "input_schema": {"type": "object", "properties": {}}}]
            def handle(block, mode):
                if mode == "verbose":
                    subprocess.run(block.input["cmd"], shell=True)  # not a tool: ``mode`` is no tool name
                if block.name == "disk_usage":
                    return subprocess.run(["df", "-h"], capture_output=True, text=True).stdout
        """),
        Example("""
            import os
            from fastmcp import FastMCP
            mcp = FastMCP("ops")
            @mcp.tool()
            def uptime() -> str:
                \"\"\"Report the load average.\"\"\"
                command_str = "uptime"
                with os.popen(command_str) as f:
                    return f.read()
        """),
        Example("""
            import subprocess, sys
            from agents import function_tool
            @function_tool
            def lint(path: str) -> str:
                \"\"\"Lint the project.\"\"\"
                return subprocess.run([sys.executable, "-m", "ruff", "check", "src"], capture_output=True, text=True).stdout
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'termbot'\n",
            "termbot/runner.py": '''
                import subprocess
                def run_command(command: str) -> str:
                    return subprocess.run(["pwsh", "-Command", command], capture_output=True, text=True).stdout
            ''',
            "termbot/tools.py": '''
                from langchain_core.tools import tool
                from termbot.runner import run_command
                @tool
                def shell(command: str) -> str:
                    """Run a command."""
                    return run_command(command)
            ''',
        }),
        Example("""
            import subprocess
            from langchain_core.tools import tool
            @tool
            def disk_usage() -> str:
                \"\"\"Report disk usage.\"\"\"
                return subprocess.run(["df", "-h"], capture_output=True, text=True).stdout
        """),
        Example("""
            import subprocess
            def restart_display():
                subprocess.run("pkill Xvfb; ./start.sh", shell=True)
        """),
    ]
    invalid = [
        # A JSON-schema tool bound to the model, dispatched by the name in the model's tool call to a
        # function of another module that runs the code.
        Example(files={
            "agent/schemas.py": '''
                repl_schema = {"name": "python_repl", "description": "Run Python",
                               "parameters": {"type": "object", "properties": {"code": {"type": "string"}}}}
            ''',
            "agent/helpers.py": '''
                def python_repl(code: str) -> dict:
                    scope = {}
                    exec(code, scope)  # expect: RDY402
                    return {"result": scope.get("result")}
            ''',
            "agent/nodes.py": '''
                from langchain_openai import ChatOpenAI
                from agent.helpers import python_repl
                from agent.schemas import repl_schema
                llm = ChatOpenAI(model="gpt-4.1-2025-04-14", max_tokens=500).bind_tools([repl_schema])
                def call_tools(message):
                    results = []
                    for tc in message.tool_calls:
                        name = tc.get("name")
                        if name == "python_repl":
                            results.append(python_repl(code=tc["args"]["code"]))
                    return results
            ''',
        }),
        # A router method returns the table of the object's own methods the model's JSON picks from.
        Example("""
            import json, subprocess
            from openai import OpenAI
            class Runtime:
                def run_shell(self, command: str) -> str:
                    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # expect: RDY402
                def _tool_router(self, name: str):
                    return {"run_shell": self.run_shell}.get(name)
                def step(self, reply: str):
                    parsed = json.loads(reply)
                    return self._tool_router(parsed["tool"])(**parsed["arguments"])
        """),
        # A project's own tool base: each subclass carries the schema the model is shown.
        Example("""
            import subprocess
            from .function import Function
            class BashExecutor(Function):
                specification = {"name": "execute_bash_code", "parameters": {"type": "object"}}
                def func(self, data) -> str:
                    return subprocess.run(data["code"], shell=True, capture_output=True, text=True).stdout  # expect: RDY402
        """),
        # A raw loop on the legacy functions API over plain HTTP: the handler writes the model's
        # code to a file and `uv run` starts the project's interpreter on it.
        Example("""
            import json, subprocess, requests
            def run_code(code: str) -> str:
                with open("job.py", "w") as f:
                    f.write(code)
                return subprocess.run(["uv", "run", "job.py"], capture_output=True, text=True).stdout  # expect: RDY402
            def step(task: str) -> str:
                body = {"model": "gpt-4.1-2025-04-14", "messages": [{"role": "user", "content": task}],
                        "functions": [{"name": "run_code", "parameters": {"type": "object"}}]}
                reply = requests.post("https://api.openai.com/v1/chat/completions", json=body).json()
                call = reply["choices"][0]["message"]["function_call"]
                if call["name"] == "run_code":
                    return run_code(json.loads(call["arguments"])["code"])
        """),
        Example("""
            import asyncio
            from anthropic.types.beta import BetaToolBash20250124Param
            class BashSession:
                async def start(self):
                    self._process = await asyncio.create_subprocess_exec("/bin/bash", stdin=asyncio.subprocess.PIPE,
                                                                         stdout=asyncio.subprocess.PIPE)
                async def run(self, command: str) -> str:
                    self._process.stdin.write(command.encode() + b"; echo __done__\\\\n")  # expect: RDY402
                    await self._process.stdin.drain()
                    return (await self._process.stdout.readline()).decode()
            class BaseAnthropicTool:
                name: str
            class BashTool(BaseAnthropicTool):
                name = "bash"
                def to_params(self) -> BetaToolBash20250124Param:
                    return {"type": "bash_20250124", "name": self.name}
                async def __call__(self, command: str) -> str:
                    return await BashSession().run(command)
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'fixer'\n",
            "fixer/runner.py": '''
                import subprocess
                import sys
                class Runner:
                    def run_python(self, code: str) -> str:
                        script = "scratch_run.py"
                        with open(script, "w") as handle:
                            handle.write(code)
                        return subprocess.run([sys.executable, script], capture_output=True, text=True).stdout  # expect: RDY402
            ''',
            "fixer/loop.py": '''
                import json
                from openai import OpenAI
                from fixer.runner import Runner
                client = OpenAI()
                runner = Runner()
                TOOLS = [{"type": "function", "function": {"name": "run_python", "parameters": {"type": "object"}}}]
                def step(messages: list) -> None:
                    reply = client.chat.completions.create(model="gpt-4.1-2025-04-14", max_tokens=800, messages=messages, tools=TOOLS)
                    for call in reply.choices[0].message.tool_calls or []:
                        args = json.loads(call.function.arguments)
                        if call.function.name == "run_python":
                            runner.run_python(args["code"])
            ''',
        }),
        Example("""
            import asyncio
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("git")
            async def run_git(repo: str, command: list[str]) -> str:
                proc = await asyncio.create_subprocess_exec("git", *command, cwd=repo, stdout=asyncio.subprocess.PIPE)  # expect: RDY402
                return (await proc.communicate())[0].decode()
            @mcp.tool()
            async def git(repo: str, args: str) -> str:
                \"\"\"Run any git command.\"\"\"
                return await run_git(repo, args.split())  # the model picks the verb: push --force, clean -fdx
        """),
        Example("""
            import subprocess
            from agents import function_tool
            @function_tool
            def shell(command: list[str], workdir: str) -> str:
                \"\"\"Run a command (an argument list) in a folder.\"\"\"
                return subprocess.run(command, cwd=workdir, capture_output=True, text=True).stdout  # expect: RDY402
        """),
        Example("""
            import asyncio, subprocess, sys
            from semantic_kernel.functions import kernel_function
            class PythonPlugin:
                @kernel_function(name="run_python", description="Run Python code")
                def run_python(self, code: str) -> str:
                    exec(code, {})  # expect: RDY402
                    return "ok"
            class MathPlugin:
                @kernel_function(name="calculate", description="Evaluate an arithmetic expression")
                async def calculate(self, expression: str) -> str:
                    return str(await asyncio.to_thread(eval, expression, {"__builtins__": {}}))  # expect: RDY402
        """),
        Example(files={
            "assistant/tools/base.py": '''
                class ToolInterface:
                    name: str
                    def use(self, params: dict) -> str:
                        raise NotImplementedError
            ''',
            "assistant/tools/run.py": '''
                import subprocess, sys
                from assistant.tools.base import ToolInterface
                class RunScriptTool(ToolInterface):
                    name = "RunScriptTool"
                    def use(self, params: dict) -> str:
                        return subprocess.run([sys.executable, params["file_name"]], capture_output=True, text=True).stdout  # expect: RDY402
            ''',
        }),
        Example("""
            import subprocess
            from openai import OpenAI
            TOOLS = [{"type": "function", "function": {"name": "shell", "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}}}}]
            def run_tool(name: str, args: dict) -> str:
                match name:
                    case "shell":
                        return subprocess.getoutput(args["cmd"])  # expect: RDY402
                    case _:
                        return "unknown tool"
        """),
        Example("""
            import subprocess
            import anthropic
            client = anthropic.Anthropic()
            TOOLS = [{"name": "bash", "description": "Run a bash command", "input_schema": {"type": "object", "properties": {"command": {"type": "string"}}}}]
            def loop(messages):
                for _ in range(10):
                    reply = client.messages.create(model="claude-sonnet-4-5-20250929", max_tokens=1024, tools=TOOLS, messages=messages)
                    for block in reply.content:
                        if block.type == "tool_use" and block.name == "bash":
                            out = subprocess.run(block.input["command"], shell=True, capture_output=True, text=True)  # expect: RDY402
                            messages.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": block.id, "content": out.stdout}]})
        """),
        Example("""
            import shlex, subprocess
            from pydantic_ai import Agent
            ops = Agent("openai:gpt-4o-2024-08-06")
            @ops.tool_plain
            def kubectl(command: str) -> str:
                \"\"\"Run kubectl with the given arguments.\"\"\"
                return subprocess.run(["kubectl"] + command.split(), capture_output=True, text=True).stdout  # expect: RDY402
            @ops.tool_plain
            def run(command: str) -> str:
                \"\"\"Run a program.\"\"\"
                return subprocess.run(shlex.split(command), capture_output=True, text=True).stdout  # expect: RDY402
        """),
        Example("""
            from jupyter_client.manager import start_new_kernel
            from langchain_core.tools import tool
            kernel_manager, kernel = start_new_kernel()
            @tool
            def execute_code(code: str) -> str:
                \"\"\"Run Python in the notebook kernel.\"\"\"
                kernel.execute_interactive(code, timeout=60)  # expect: RDY402
                return "ran"
        """),
        Example(files={
            "coder/tools.py": '''
                def run_python(code: str) -> str:
                    """Run Python and return what it printed."""
                    exec(code)  # expect: RDY402
                    return "done"
            ''',
            "coder/agent.py": '''
                from google.adk.agents import Agent
                from coder.tools import run_python
                coder = Agent(name="coder", model="gemini-2.0-flash-001", tools=[run_python])
            ''',
        }),
        Example("""
            import subprocess
            from google.genai import types
            def run_python_file(path: str) -> str:
                \"\"\"Run a Python file in the workspace.\"\"\"
                return subprocess.run(["python3", path], capture_output=True, text=True, timeout=30).stdout  # expect: RDY402
            TOOL = types.Tool(function_declarations=[types.FunctionDeclaration.from_callable(client=None, callable=run_python_file)])
        """),
        Example("""
            import subprocess
            from agents import function_tool
            @function_tool
            def powershell(script: str) -> str:
                return subprocess.run(["pwsh", "-Command", script], capture_output=True, text=True).stdout  # expect: RDY402
        """),
        Example("""
            import subprocess
            from langchain_core.tools import tool
            @tool
            def run(command: str) -> str:
                \"\"\"Run a command.\"\"\"
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # expect: RDY402
        """),
        Example("""
            import asyncio
            class BashTool(BaseAnthropicTool):
                async def start(self):
                    self.proc = await asyncio.create_subprocess_shell(self.command, stdin=asyncio.subprocess.PIPE)  # expect: RDY402
        """),
    ]

    def check_file(self, ctx) -> None:
        tools = _tools.find_tools(ctx)
        if not tools:
            return
        reported: set[int] = set()
        for tool in tools:
            risky = [c for c in tool.capabilities if c.kind in ("shell", "exec")]
            for cap in risky:
                reported.add(id(cap.node))
                ctx.report(cap.node, f"tool `{tool.name}` runs `{cap.detail}` on a command built at run time")
            for call in _argv_from_the_model(tool, ctx) if "subprocess" in ctx.text else ():
                if id(call) not in reported:
                    reported.add(id(call))
                    risky.append(call)
                    ctx.report(call, f"tool `{tool.name}` runs the program and arguments the model passes "
                                     f"(`{ctx.qualname(call.func)}` of a parameter)")
            if not risky and not _calls_project_helpers(tool, ctx) and not _dispatches_to_own_functions(tool, ctx):
                ctx.credit(tool.node, f"tool `{tool.name}` runs no shell or eval")
        if any(t.framework == "class" for t in tools):
            # Helper classes in a tool module (a shell session object) belong to the tool too.
            for cap in _tools.capabilities(ctx.tree, ctx, {}):
                if cap.kind == "shell" and id(cap.node) not in reported:
                    ctx.report(cap.node, f"tool module runs `{cap.detail}` on a command built at run time")

    def check_project(self, ctx) -> None:
        """The credit the file pass held back: a tool whose project helpers (read in their own
        modules) run no shell either. Shell runs found through helpers are RDY410's to report."""
        from readiness.model import Location
        from readiness.tool_inventory import callee_index, helper_capabilities, tool_callees

        facts = [f for name in ("tool", "tool-callee", "func-caps", "func-callee") for f in ctx.facts(name, roles=("prod", "example"))]
        helpers = helper_capabilities(facts)
        callees = callee_index(facts)
        carried = {(f.path, f.line, *f.value.split("|", 2)[:2]) for f in ctx.facts("tool-callee", roles=("prod", "example"))
                   if f.value.count("|") >= 3 and f.value.split("|", 3)[2:] != ["", ""]}
        reported = set()
        for tool in ctx.facts("tool", roles=("prod", "example")):
            targets = tool_callees(callees, tool)
            if not targets:
                continue
            name, _, caps, _ = tool.value.split("|", 3)
            kinds = {item.split(":", 1)[0] for item in caps.split(";") if item}
            kinds |= {c["kind"] for callee in targets for c in helpers.get(callee, ())}
            if not kinds & {"shell", "exec"}:
                ctx.credit(tool, f"tool `{name}` runs no shell or eval, its helpers included")
            # Code the model wrote, run by a helper the tool hands its arguments to (shell command
            # lines through helpers are RDY410's, which knows quoting).
            for callee in targets:
                if (tool.path, tool.line, name, callee) not in carried:
                    continue
                for cap in helpers.get(callee, ()):
                    if cap["kind"] == "exec" and (cap["path"], cap["line"]) not in reported:
                        reported.add((cap["path"], cap["line"]))
                        ctx.report(f"tool `{name}` runs model-written code with `{cap['detail']}` "
                                   f"(in {callee.rsplit('.', 1)[-1]}(), called by the tool at {tool.path}:{tool.line})",
                                   Location(cap["path"], cap["line"], 1, cap["line"]), subject=f"{cap['path']}:{cap['line']}")
        self._registered_elsewhere(ctx, helpers)

    def _registered_elsewhere(self, ctx, helpers: dict) -> None:
        """Functions defined in one module and handed to an agent as tools in another
        (``tools=[local_python_executor]``): their file pass did not know they were tools."""
        from readiness.model import Location

        referenced = {f.value for f in ctx.facts("tool-ref", roles=("prod", "example"))}
        declared = {(f.path, f.line) for f in ctx.facts("tool", roles=("prod", "example"))}
        for fact in ctx.facts("func-caps", roles=("prod", "example")):
            qual = fact.value.split("|", 1)[0]
            if qual not in referenced or (fact.path, fact.line) in declared:
                continue
            for cap in helpers.get(qual, ()):
                if cap["kind"] in ("shell", "exec") and cap["path"] == fact.path:
                    ctx.report(f"tool `{qual.rsplit('.', 1)[-1]}` runs `{cap['detail']}` on a command built at run time",
                               Location(fact.path, cap["line"], 1, cap["line"]), subject=f"{fact.path}:{cap['line']}")


def _argv_from_the_model(tool, ctx) -> list:
    """``subprocess.run(command, ...)`` where ``command`` is the tool's own parameter (``command:
    list[str]``): no shell, but the model picks the program and every argument."""
    params = _tools.tool_params(tool)
    found = []
    for call in walk(tool.node):
        if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Name) \
                and call.args[0].id in params and (ctx.qualname(call.func) or "") in _tools.SUBPROCESS:
            found.append(call)
    return found


def _calls_project_helpers(tool, ctx) -> bool:
    """Whether the tool hands work to a function imported from another module of the project: the
    file pass cannot see what that helper runs, so it credits nothing (a tool named `shell` whose
    helper spawns PowerShell is not a tool that "runs no shell")."""
    top = ctx.module_name.split(".")[0]
    for call in walk(tool.node):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            target = ctx.imports.get(call.func.id, "")
            if "." in target and (target.split(".")[0] == top or ctx.is_local_module(target.split(".")[0])):
                return True
        elif isinstance(call, ast.Call) and _tools.method_on_project_object(call, ctx):
            return True  # ``db.update_todo(...)``: a method of one of the project's classes, read in the project pass
    return False


def _dispatches_to_own_functions(tool, ctx) -> bool:
    """A dispatch branch (``if name == "execute_code_task": execute_all(args["commands"])``) that
    hands the work to a function of its own module: that function, not the branch, runs the
    commands, so the branch alone proves nothing about shells."""
    if tool.framework != "dispatch":
        return False
    own = ctx.memo("module-functions", lambda: {f.name for f in ctx.tree.body
                                                 if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))})
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in own
               for n in walk(tool.node))
