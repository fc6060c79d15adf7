"""MCP servers an agent starts, read from JSON client configs and from Python code: shared by
RDY407 (servers that expose too much) and RDY201 (servers whose write tools are switched on)."""
from __future__ import annotations

import ast

from readiness.analysis import sdk as _sdk

MCP_CONFIG_NAMES = ("mcp.json", ".mcp.json", "mcp_config.json", "claude_desktop_config.json", "mcp_servers.json")


def is_mcp_config(path: str) -> bool:
    """Known MCP config names, and JSON files named for MCP (``mcp_config_example.json``): the
    ``mcpServers`` / ``servers`` table inside decides."""
    name = path.rsplit("/", 1)[-1].lower()
    return name in MCP_CONFIG_NAMES or name.endswith(".json") and "mcp" in name


def _bare_server_map(data: dict) -> dict | None:
    """Clients that keep servers at the top level (``{"files": {"command": "npx", "args": [...]}}``):
    every value a server spec with a ``command`` or a ``url``."""
    specs = [v for v in data.values() if isinstance(v, dict)]
    if specs and len(specs) == len(data) and all("command" in v or "url" in v for v in specs):
        return data
    return None


def config_server_specs(ctx):
    """``(doc, key path, name, spec dict)`` for each enabled server of an MCP client config file,
    URL servers included."""
    if not is_mcp_config(ctx.path):
        return
    for doc in ctx.parsed.docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        table = "mcpServers" if "mcpServers" in data else "servers" if "servers" in data else None
        servers = data.get(table) if table else _bare_server_map(data)
        if not isinstance(servers, dict):
            continue
        for name, spec in servers.items():
            if isinstance(spec, dict) and spec.get("enabled") is not False and spec.get("disabled") is not True:
                yield doc, (table, name) if table else (name,), name, spec


def config_servers(ctx):
    """``(line, name, command, args, arg lines)`` for each enabled server of an MCP client config file."""
    for doc, where, name, spec in config_server_specs(ctx):
        raw = spec.get("args") if isinstance(spec.get("args"), list) else []
        args = [a for a in raw if isinstance(a, str)]
        lines = [doc.line_of((*where, "args", i)) for i, a in enumerate(raw) if isinstance(a, str)]
        command = spec.get("command") if isinstance(spec.get("command"), str) else ""
        yield doc.line_of(where), name, command, args, lines


def client_name(node, ctx) -> str:
    """The ``name=`` the client starting a server gives it (``MCPServerStdio(name="MCP Code Executor",
    params={...})``), for the call itself or for the spec dict passed to it; "" when none is written."""
    parent = ctx.parent(node) if not isinstance(node, ast.Call) else None
    holder = node if isinstance(node, ast.Call) else ctx.parent(parent) if isinstance(parent, ast.keyword) else parent
    if not isinstance(holder, ast.Call):
        return ""
    called = _sdk.keyword_value(holder, "name")
    return called.value if isinstance(called, ast.Constant) and isinstance(called.value, str) else ""


def _server_call(node, ctx):
    """The client that starts the server a params value describes: ``MCPServerStreamableHttp(params=p)``
    for ``p = {...}`` or ``p = MCPServerStreamableHttpParams(...)`` (else the params value itself)."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.keyword):
        parent = ctx.parent(parent)
    if isinstance(parent, ast.Call) and (ctx.qualname(parent.func) or "").rsplit(".", 1)[-1].startswith("MCPServer"):
        return parent
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        var = parent.targets[0].id
        for call in ctx.calls():
            if (ctx.qualname(call.func) or "").rsplit(".", 1)[-1].startswith("MCPServer") and any(
                    isinstance(a, ast.Name) and a.id == var for a in [*call.args, *(kw.value for kw in call.keywords)]):
                return call
    return node


def code_server_specs(ctx):
    """``(node, name, spec dict)`` for each server a Python file describes as a literal dict
    (``{"command": ..., "args": [...], "env": {...}}`` or ``{"url": ..., "headers": {...}}``), and
    for ``StdioServerParameters(command=..., args=..., env=...)``-style calls; values that are not
    literals are left out of the dict."""
    def literal(expr, at):
        expr = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
        if isinstance(expr, ast.Constant):
            return expr.value
        if isinstance(expr, (ast.List, ast.Tuple)):
            return [v for v in (literal(e, at) for e in expr.elts) if v is not None]
        if isinstance(expr, ast.Dict):
            return {k.value: literal(v, at) for k, v in zip(expr.keys, expr.values) if isinstance(k, ast.Constant)}
        return None
    for node in ctx.nodes_of(ast.Dict):
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        if "command" in keys and "args" in keys or "url" in keys and keys & {"transport", "headers", "type"}:
            spec = literal(node, node)
            yield _server_call(node, ctx), _server_name(node, ctx, str(spec.get("command") or ""), spec.get("args") or []), spec
    for call in ctx.calls():
        callee = (ctx.qualname(call.func) or "").rsplit(".", 1)[-1]
        keywords = {kw.arg for kw in call.keywords if kw.arg}
        # ``StdioServerParameters(command=...)``, ``MCPServerStreamableHttpParams(url=..., headers=...)``
        if callee in _STDIO_CALLS and "command" in keywords or callee.endswith("Params") and "url" in keywords:
            spec = {kw.arg: literal(kw.value, call) for kw in call.keywords if kw.arg}
            name = spec.get("url") if isinstance(spec.get("url"), str) else ""
            yield _server_call(call, ctx), name or _server_name(call, ctx, str(spec.get("command") or ""), spec.get("args") or []), spec


_STDIO_CALLS = ("MCPServerStdio", "StdioServerParameters", "MCPTools", "StdioConnectionParams", "MCPServerStdioParams")


def stdio_servers(ctx):
    """``(node, name, command, args, arg nodes)`` for each stdio MCP server the file starts."""
    for node in ctx.nodes_of(ast.Dict):
        keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        if "command" in keys and "args" in keys:
            command, (args, nodes) = _text(keys["command"], ctx, node), _words(keys["args"], ctx, node)
            if command is not None:
                yield node, _server_name(node, ctx, command, args), command, args, nodes
    for call in ctx.calls():
        callee = (ctx.qualname(call.func) or "").rsplit(".", 1)[-1]
        keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg}
        if callee not in _STDIO_CALLS and not ("command" in keywords and "args" in keywords):
            continue
        command_node = keywords.get("command", call.args[0] if call.args and callee in _STDIO_CALLS else None)
        command = _text(command_node, ctx, call) if command_node is not None else None
        if command is None:
            continue
        args, nodes = _words(keywords["args"], ctx, call) if "args" in keywords else \
            _words(call.args[1], ctx, call) if len(call.args) > 1 else ([], [])
        if " " in command and not args:  # Agno's ``MCPTools(command="npx -y @scope/server-filesystem /")``
            command, *args = command.split()
            nodes = [command_node] * len(args)
        yield call, _server_name(call, ctx, command, args), command, args, nodes


def _text(expr, ctx, at) -> str | None:
    expr = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return _home(expr, ctx)


def _home(expr, ctx) -> str | None:
    """``os.path.expanduser("~")``, ``Path.home()``, ``str(Path.home())``, ``os.environ["HOME"]``,
    ``os.getenv("HOME")``: the home directory, written as ``~``."""
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", "") == "str" and len(expr.args) == 1:
        expr = expr.args[0]
    if isinstance(expr, ast.Call):
        qn = ctx.qualname(expr.func) or ""
        if qn.endswith(("Path.home", "os.path.expanduser")) and (
                qn.endswith("home") or expr.args and isinstance(expr.args[0], ast.Constant) and expr.args[0].value in ("~", "~/")):
            return "~"
        if qn in ("os.getenv", "os.environ.get") and expr.args and isinstance(expr.args[0], ast.Constant) \
                and expr.args[0].value in ("HOME", "USERPROFILE"):
            return "~"
    if isinstance(expr, ast.Subscript) and (ctx.qualname(expr.value) or "") == "os.environ" \
            and isinstance(expr.slice, ast.Constant) and expr.slice.value in ("HOME", "USERPROFILE"):
        return "~"
    return None


def _words(expr, ctx, at) -> tuple[list[str], list[ast.AST]]:
    """The argument strings of a literal list, and the node each came from."""
    expr = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
    if not isinstance(expr, (ast.List, ast.Tuple)):
        return [], []
    pairs = [(w, e) for w, e in ((_text(e, ctx, at), e) for e in expr.elts) if w is not None]
    return [w for w, _ in pairs], [e for _, e in pairs]


def _server_name(node, ctx, command: str, args: list[str]) -> str:
    """The server's ``"name"`` entry, the key it is filed under (``{"files": {...}}``), else its package."""
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value == "name" and isinstance(value, ast.Constant) \
                    and isinstance(value.value, str):
                return value.value
    parent = ctx.parent(node)
    if isinstance(parent, ast.Dict):
        for key, value in zip(parent.keys, parent.values):
            if value is node and isinstance(key, ast.Constant) and isinstance(key.value, str):
                return key.value
    packages = [a for a in args if isinstance(a, str) and not a.startswith("-") and ("/" in a or "@" in a or "." in a)]
    url = next((v.value for k, v in zip(getattr(node, "keys", []), getattr(node, "values", []))
                if isinstance(k, ast.Constant) and k.value == "url" and isinstance(v, ast.Constant)), "")
    return packages[0] if packages else url or next((a for a in args if isinstance(a, str) and not a.startswith("-")), command)
