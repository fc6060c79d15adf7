"""RDY402: an agent tool that runs shell commands or evaluates code built at run time."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.rules import _tools


class ShellExecutionInTool(Rule):
    """
    ## What it finds
    Shell execution or code evaluation inside agent tools: `os.system`, `os.popen`,
    `subprocess.*(..., shell=True)`, `asyncio.create_subprocess_shell`, `eval` / `exec` - where
    the command or code is not a fixed string - in a function or class the file declares as a
    tool (`@tool`, `@function_tool`, `@agent.tool`, `@mcp.tool()`, `BaseTool` subclasses and
    other `*Tool` classes, functions passed in `tools=[...]`), or in a same-file helper the tool
    calls.

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
    name = "shell-execution-in-tool"
    severity = Severity.ERROR
    summary = "Agent tool runs shell commands or evaluates generated code"
    needs = ("tool", "Tool")
    precision = "high"
    security_severity = "8.8"
    fix_hint = "Drop the shell: call the specific operation, or sandbox it and require approval"

    valid = [
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
            if not risky:
                ctx.credit(tool.node, f"tool `{tool.name}` runs no shell or eval")
        if any(t.framework == "class" for t in tools):
            # Helper classes in a tool module (a shell session object) belong to the tool too.
            for cap in _tools.capabilities(ctx.tree, ctx, {}):
                if cap.kind == "shell" and id(cap.node) not in reported:
                    ctx.report(cap.node, f"tool module runs `{cap.detail}` on a command built at run time")
