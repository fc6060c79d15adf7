"""RDY407: an MCP client config (or code) that gives the agent the whole filesystem or a shell."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import mcp_servers as _mcp
from readiness.walk import walk

# Paths that hand over the whole machine or the whole home directory.
BROAD_PATHS = re.compile(r"^(?:/|~|~/|\$HOME|\$\{HOME\}|\$\{userHome\}/?|\$\{env:(?:HOME|USERPROFILE)\}/?|/home|/home/[^/]+/?"
                         r"|/Users|/Users/[^/]+/?|/root|[A-Za-z]:(?:\\\\?|/)?|%USERPROFILE%)$")  # ${userHome}: VS Code's variable
# kubectl-ai started as an MCP server (``kubectl-ai --mcp-server``) exposes its ``kubectl`` and ``bash``
# tools (GoogleCloudPlatform/kubectl-ai pkg/mcp, checked 2026-12-01).
SHELL_SERVERS = re.compile(r"(?:^|[/@-])(?:server-shell|mcp-shell|shell-server|mcp-server-shell|desktop-commander|"
                           r"mcp-server-commands|terminal-server|mcp-terminal|server-win-cli|win-cli-mcp-server|"
                           r"kubectl-ai)(?:$|[@/])", re.I)


# MCP servers that run whatever SQL the model writes, writes included (the reference SQLite server's
# write_query / create_table; modelcontextprotocol/servers-archived src/sqlite). The reference
# Postgres server runs every query in a READ ONLY transaction and is not listed.
SQL_SERVERS = re.compile(r"(?:^|[/@])(?:mcp/sqlite|mcp-server-sqlite|server-sqlite|mcp-sqlite|mcp-server-mysql|"
                         r"database-server|mcp-server-duckdb)(?:$|[@:/])", re.I)


# Servers whose job is to run the code the model writes, on the machine that starts them
# (bazinga012/mcp_code_executor, jupyter-mcp-server's kernel, "code runner" servers), found by the
# server's package, path or name. A server that runs code in a sandbox says so (E2B, Pyodide in
# pydantic's mcp-run-python, Riza, Modal, Docker images) and is not one.
CODE_SERVERS = re.compile(r"code[-_ ]?execut|code[-_ ]?runner|python[-_ ]?(?:execut|runner|repl)|jupyter[-_ ]?mcp|mcp[-_ ]?jupyter", re.I)
SANDBOXED = re.compile(r"e2b|pyodide|run-python|riza|modal|sandbox|docker", re.I)


class OverbroadMcpServer(Rule):
    """
    ## What it finds
    An MCP client configuration (`mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`,
    `claude_desktop_config.json`, or any JSON file named for MCP) that starts a filesystem server
    on `/`, `~` or a whole home directory, a server whose job is to run shell commands or the code
    the model writes (a code executor or Jupyter kernel server, known by its package, path or
    name; servers that say they run code in a sandbox are left alone), or a
    database server that runs any SQL the model writes, writes included (the reference SQLite
    server's `write_query`). The same servers started from Python code are judged too, in every
    client's form: a `{"command": ..., "args": [...]}` dict (langchain-mcp-adapters, mcp-use, the
    OpenAI Agents SDK's `MCPServerStdio(params=...)`), or `command=` / `args=` (mcp
    `StdioServerParameters`, PydanticAI `MCPServerStdio`, Agno `MCPTools(command="npx ...")`),
    with `os.path.expanduser("~")`, `Path.home()` and `$HOME` read as the home directory.

    ## Why it matters
    Every tool an MCP server offers is a tool the model can call on its own. A filesystem server
    rooted at `/` or `~` exposes SSH keys, cloud credentials and every repository on the machine;
    a shell server is arbitrary code execution. One injected instruction in a web page, issue or
    file the agent reads is enough to use them.

    ## How to fix
    Root filesystem servers at the one project directory they need, read-only where possible.
    Drop shell servers, or run them in a disposable sandbox (container, VM) with no credentials.

    ## Example
    ```json
    {"mcpServers": {"files": {"command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}}}
    ```

    ## Limits
    Tokens written inline in a server's `env` are reported by RDY401.
    """

    id = "RDY407"
    security_severity = "7.0"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "overbroad-mcp-server"
    severity = Severity.WARNING
    summary = "MCP config exposes the whole filesystem, a shell or a writable database to the agent"
    kinds = frozenset({"json", "python"})
    needs = ("command", "MCPServerStdio", "StdioServerParameters", "MCPTools", "StdioConnectionParams")
    roles = frozenset({"prod", "example"})
    fix_hint = "Root filesystem servers at one project directory; remove shell servers or sandbox them"

    valid = [
        # A code-running server that runs the code in a sandbox (Pyodide in Deno) is not one.
        Example("""
            from pydantic_ai.mcp import MCPServerStdio
            python = MCPServerStdio("deno", args=["run", "-N", "jsr:@pydantic/mcp-run-python", "stdio"])
        """),
        Example("""
            from pathlib import Path
            from mcp import StdioServerParameters
            WORKSPACE = Path(__file__).parent / "workspace"
            params = StdioServerParameters(command="npx", args=["-y", "@modelcontextprotocol/server-filesystem", str(WORKSPACE)])
            fetch = {"command": "uvx", "args": ["mcp-server-fetch"]}
        """),
        Example("""
            {"shell": {"command": "npx", "args": ["@simonb97/server-win-cli"], "enabled": false},
             "notes": {"command": "npx", "args": ["@modelcontextprotocol/server-memory"], "enabled": true}}
        """, path="mcp.json"),
        Example("""
            {"mcpServers": {"files": {"command": "npx",
              "args": ["-y", "@modelcontextprotocol/server-filesystem", "/srv/agent/workspace"]}}}
        """, path=".cursor/mcp.json"),
        Example("""
            {"servers": {"github": {"command": "docker", "args": ["run", "-i", "ghcr.io/github/github-mcp-server"],
              "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${input:github_token}"}}}}
        """, path=".vscode/mcp.json"),
        Example("""
            {"mcpServers": {
              "pg": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://reader@db/shop"]}
            }}
        """, path="mcp_config.json"),
    ]
    invalid = [
        # A server known by its name or path as a code executor, started on this machine.
        Example("""
            import os
            from agents.mcp import MCPServerStdio
            runner = MCPServerStdio(name="Code Executor", params={  # expect: RDY407
                "command": "node", "args": [os.path.join("servers", "mcp_code_executor", "build", "index.js")]})
        """),
        Example("""
            {"mcpServers": {"filesystem": {"command": "npx",  // expect: RDY407
              "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:/"]}}}
        """, path="server/mcp.json"),
        Example("""
            import os
            from agents import Agent
            from agents.mcp import MCPServerStdio
            files = MCPServerStdio(params={"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", os.path.expanduser("~")]})  # expect: RDY407
            agent = Agent(name="files", model="gpt-4.1-2025-04-14", mcp_servers=[files])
        """),
        Example("""
            from langchain_mcp_adapters.client import MultiServerMCPClient
            client = MultiServerMCPClient({
                "files": {  # expect: RDY407
                    "command": "npx",
                    "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"],
                    "transport": "stdio",
                },
            })
        """),
        Example("""
            from pydantic_ai import Agent
            from pydantic_ai.mcp import MCPServerStdio
            shell = MCPServerStdio("npx", args=["-y", "@wonderwhy-er/desktop-commander"])  # expect: RDY407
            agent = Agent("openai:gpt-4o-2024-08-06", toolsets=[shell])
        """),
        Example("""
            {
              "win-cli": {"command": "npx", "args": ["@simonb97/server-win-cli", "--config", "./win-cli.json"], "enabled": true},  // expect: RDY407
              "notes": {"command": "npx", "args": ["@modelcontextprotocol/server-memory"], "enabled": true}
            }
        """, path="mcp.json"),
        Example("""
            {"mcpServers": {
              "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "~"]}  // expect: RDY407
            }}
        """, path="claude_desktop_config.json"),
        Example("""
            {"mcpServers": {
              "shell": {"command": "npx", "args": ["-y", "mcp-shell"]}  // expect: RDY407
            }}
        """, path=".cursor/mcp.json"),
        Example("""
            {"mcpServers": {
              "db": {"command": "docker", "args": ["run", "--rm", "-i", "-v", "./data:/mcp", "mcp/sqlite", "--db-path", "/mcp/app.db"]}  // expect: RDY407
            }}
        """, path="mcp_config.json"),
        Example("""
            {"servers": {
              "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "${userHome}"]}  // expect: RDY407
            }}
        """, path=".vscode/mcp.json"),
    ]

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            self._python_servers(ctx)
            return
        for line, name, command, args, _ in _mcp.config_servers(ctx):
            problem = _judge(command, args, name)
            if problem:
                ctx.report(line, f"MCP server `{name}` {problem}")

    def _python_servers(self, ctx) -> None:
        """Stdio MCP servers started from code, in whichever client's form: a ``{"command": "npx",
        "args": [...]}`` dict (langchain-mcp-adapters ``MultiServerMCPClient``, mcp-use
        ``MCPClient.from_dict``, OpenAI Agents SDK ``MCPServerStdio(params=...)``), ``command=`` /
        ``args=`` keywords (mcp ``StdioServerParameters``, PydanticAI ``MCPServerStdio("npx",
        args=[...])``, Agno ``MCPTools(command="npx -y ...")``)."""
        if ctx.tree is None:
            return
        for node, name, command, args, _ in _mcp.stdio_servers(ctx):
            name, known_as = _identity(node, name, ctx)
            problem = _judge(command, args, known_as)
            if problem:
                ctx.report(node, f"MCP server `{name}` {problem}")


def _identity(node, name: str, ctx) -> tuple[str, str]:
    """What a server started from code calls itself: its name, the ``name=`` of the client that
    starts it (``MCPServerStdio(name="MCP Code Executor", params={...})``) and the literal parts
    of its command and arguments, paths built with ``os.path.join`` included."""
    parts = [name] + [n.value for n in walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    called = _mcp.client_name(node, ctx)
    return called or name, " ".join([*parts, called])


def _judge(command: str, args: list[str], identity: str = "") -> str:
    """What is wrong with a server started as ``command args...`` (and known as ``identity``), or ""
    when nothing is."""
    words = ([command] if command else []) + args
    if any("server-filesystem" in w or "filesystem" in w.lower() and "mcp" in w.lower() for w in words):
        broad = [a for a in args if BROAD_PATHS.match(a)]
        if broad:
            return f"gives the agent the filesystem at `{broad[0]}`"
    if any(SHELL_SERVERS.search(w) for w in words):
        return "lets the agent run shell commands"
    if any(SQL_SERVERS.search(w) for w in words):
        return "lets the agent run any SQL it writes on the database, writes included"
    known = " ".join([identity, *words])
    if CODE_SERVERS.search(known) and not SANDBOXED.search(known) and command.rsplit("/", 1)[-1] != "docker":
        return "runs the code the model writes on this machine"
    return ""
