"""RDY407: an MCP client config that gives the agent the whole filesystem or a shell."""
from __future__ import annotations

import re

from readiness.model import Severity
from readiness.rule import Example, Rule

MCP_CONFIG_NAMES = ("mcp.json", ".mcp.json", "mcp_config.json", "claude_desktop_config.json", "mcp_servers.json")
# Paths that hand over the whole machine or the whole home directory.
BROAD_PATHS = re.compile(r"^(?:/|~|~/|\$HOME|\$\{HOME\}|\$\{userHome\}/?|\$\{env:(?:HOME|USERPROFILE)\}/?|/home|/home/[^/]+/?"
                         r"|/Users|/Users/[^/]+/?|/root|[A-Za-z]:\\\\?|%USERPROFILE%)$")  # ${userHome}: VS Code's variable
SHELL_SERVERS = re.compile(r"(?:^|[/@-])(?:server-shell|mcp-shell|shell-server|mcp-server-shell|desktop-commander|"
                           r"mcp-server-commands|terminal-server|mcp-terminal|server-win-cli|win-cli-mcp-server)(?:$|[@/])", re.I)


# MCP servers that run whatever SQL the model writes, writes included (the reference SQLite server's
# write_query / create_table; modelcontextprotocol/servers-archived src/sqlite). The reference
# Postgres server runs every query in a READ ONLY transaction and is not listed.
SQL_SERVERS = re.compile(r"(?:^|[/@])(?:mcp/sqlite|mcp-server-sqlite|server-sqlite|mcp-sqlite|mcp-server-mysql|"
                         r"database-server|mcp-server-duckdb)(?:$|[@:/])", re.I)


def _bare_server_map(data: dict) -> dict | None:
    """Clients that keep servers at the top level (``{"files": {"command": "npx", "args": [...]}}``):
    every value a server spec with a ``command`` or a ``url``."""
    specs = [v for v in data.values() if isinstance(v, dict)]
    if specs and len(specs) == len(data) and all("command" in v or "url" in v for v in specs):
        return data
    return None


def is_mcp_config(path: str) -> bool:
    """Known MCP config names, and JSON files named for MCP (``mcp_config_example.json``): the
    ``mcpServers`` / ``servers`` table inside decides."""
    name = path.rsplit("/", 1)[-1].lower()
    return name in MCP_CONFIG_NAMES or name.endswith(".json") and "mcp" in name


class OverbroadMcpServer(Rule):
    """
    ## What it finds
    An MCP client configuration (`mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`,
    `claude_desktop_config.json`, or any JSON file named for MCP) that starts a filesystem server
    on `/`, `~` or a whole home directory, a server whose job is to run shell commands, or a
    database server that runs any SQL the model writes, writes included (the reference SQLite
    server's `write_query`).

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
    name = "overbroad-mcp-server"
    severity = Severity.WARNING
    summary = "MCP config exposes the whole filesystem, a shell or a writable database to the agent"
    kinds = frozenset({"json"})
    roles = frozenset({"prod", "example"})
    fix_hint = "Root filesystem servers at one project directory; remove shell servers or sandbox them"

    valid = [
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
        if not is_mcp_config(ctx.path):
            return
        for doc in ctx.parsed.docs:
            data = doc.data if isinstance(doc.data, dict) else {}
            table = "mcpServers" if "mcpServers" in data else "servers" if "servers" in data else None
            servers = data.get(table) if table else _bare_server_map(data)
            if not isinstance(servers, dict):
                continue
            for name, spec in servers.items():
                if not isinstance(spec, dict) or spec.get("enabled") is False or spec.get("disabled") is True:
                    continue
                args = [a for a in spec.get("args", []) if isinstance(a, str)] if isinstance(spec.get("args"), list) else []
                words = [spec.get("command", "")] + args if isinstance(spec.get("command"), str) else args
                line = doc.line_of((table, name) if table else (name,))
                if any("server-filesystem" in w or "filesystem" in w.lower() and "mcp" in w.lower() for w in words):
                    broad = [a for a in args if BROAD_PATHS.match(a)]
                    if broad:
                        ctx.report(line, f"MCP server `{name}` gives the agent the filesystem at `{broad[0]}`")
                        continue
                if any(SHELL_SERVERS.search(w) for w in words):
                    ctx.report(line, f"MCP server `{name}` lets the agent run shell commands")
                elif any(SQL_SERVERS.search(w) for w in words):
                    ctx.report(line, f"MCP server `{name}` lets the agent run any SQL it writes on the database, "
                                     "writes included")
