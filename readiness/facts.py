"""Project facts every project-level rule relies on, gathered during the file pass."""
from __future__ import annotations

import ast
import sys

from functools import lru_cache

from readiness import entry_points, frameworks, records, tsjs_facts
from readiness.context import Fact, FileContext
from readiness.analysis import http_models, sdk as _sdk
from readiness.pack import data
from readiness.walk import walk

# Importing any of these means the file talks to a model or runs an agent.
AGENT_MODULES = {
    "openai", "anthropic", "langchain", "langchain_core", "langchain_openai", "langchain_anthropic", "langchain_community",
    "langchain_google_genai", "langchain_google_vertexai", "langchain_aws", "langchain_mistralai", "langchain_groq",
    "langchain_ollama", "langchain_classic", "langgraph", "crewai", "agents", "pydantic_ai", "smolagents", "llama_index",
    "autogen", "autogen_agentchat", "autogen_ext", "autogen_core", "dspy", "litellm", "mistralai", "cohere", "groq",
    "ollama", "vertexai", "semantic_kernel", "haystack", "claude_agent_sdk", "strands", "instructor", "knowledge_storm",
}
GOOGLE_AGENT_PREFIXES = ("google.genai", "google.generativeai", "google.adk", "google.cloud.aiplatform")
# Plumbing submodules of those packages: a migration script that only touches checkpoints or message
# types does not make its folder an agent project that needs guardrails, evals and a rollout plan.
SUPPORT_SUBMODULES = (
    "langgraph.checkpoint", "langchain_core.runnables", "langchain_core.messages", "langchain_core.documents",
    "langchain_core.load", "langchain_core.pydantic_v1", "langchain.utilities", "langchain_community.utilities",
    "langchain_community.document_loaders", "langchain_core.utils", "openai.types", "anthropic.types",
)


def _is_agent_module(name: str) -> bool:
    if any(name == m or name.startswith(m + ".") for m in SUPPORT_SUBMODULES):
        return False
    return (name.split(".")[0] in AGENT_MODULES or name.startswith(GOOGLE_AGENT_PREFIXES)
            or frameworks.framework_of(name) is not None or unprofiled_framework(name) is not None)


@lru_cache(maxsize=1)
def _unprofiled() -> dict[str, str]:
    return dict(data("unprofiled")["frameworks"])


def unprofiled_framework(name: str) -> str | None:
    """The display name of an agent framework we recognise but have no profile for."""
    if frameworks.framework_of(name) is not None:
        return None
    return _unprofiled().get(name.split(".")[0])


def collect_core_facts(ctx: FileContext) -> None:
    """Record ``agent-code`` once per Python file that imports an LLM SDK or agent framework,
    and ``tool`` for each agent tool the file declares (the tool inventory)."""
    if ctx.kind == "tsjs":
        tsjs_facts.collect(ctx)
        return
    if ctx.tree is None:
        return
    _record_tools(ctx)
    _record_runtime_tools(ctx)
    _record_reexports(ctx)
    _record_project_imports(ctx)
    entry_points.collect(ctx)
    agent = False
    for node in ctx.nodes_of(ast.Import, ast.ImportFrom):
        if isinstance(node, ast.Import):
            names = [(a.name, "") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [(node.module, node.names[0].name)]
        else:
            continue
        for name, first in names:
            parts = name.split(".")
            if ctx.is_local_module(parts[0], parts[1] if len(parts) > 1 else first):
                continue  # the project's own package, whatever it is called
            label = unprofiled_framework(name)
            if label is not None:
                ctx.fact("unprofiled-framework", node, records.UnprofiledFramework(name.split(".")[0], label))
            if not agent and _is_agent_module(name):
                ctx.fact("agent-code", node, name.split(".")[0])
                agent = True
    if not agent:
        posts = http_models.model_posts(ctx)  # ``requests.post(".../chat/completions", json={"model": ...})``
        if posts:
            ctx.fact("agent-code", posts[0], "http")


CAPABILITY_HINTS = ("subprocess", "os.", "shutil", "execute", "unlink", "rmtree", "requests", "httpx", "urllib", "open(",
                    "stripe", "send", "eval(", "exec(", "write_", "post(", "boto3", "slack_sdk", "googleapiclient",
                    "Request(", '"Delete', "'Delete", "_Delete", '"Terminate', "'Terminate", '"Stop', "'Stop", "_Stop",
                    '"Reboot', "'Reboot", "_Reboot", '"Refund', "'Refund", "Unsubscribe", '"Release', "'Release",
                    '"Modify', "'Modify", "_Modify", '"Detach', '"Revoke', '"Disable', '"Purge', '"Destroy', '"Remove',
                    ".fetch(", ".fetchrow(", "jupyter_client", "run_cell", "discord", "telegram", "aiogram", "telebot",
                    "praw", "slack_bolt", "pywhatkit", "gspread", "notion", "update_one", "update_many", "replace_one",
                    "find_one_and", "bulk_write", "kubernetes", "alpaca", "ccxt", "binance", "clob", "jira", "pexpect",
                    "paramiko", "fabric", "asyncssh", "mailjet", "hubspot", "twilio", "to_thread", "agentmail", "github", "telnyx")


def _caps_text(capabilities) -> str:
    return ";".join(sorted({f"{c.kind}:{getattr(c.node, 'lineno', 0)}:{c.detail.replace('|', '/').replace(';', ',')}"
                            for c in capabilities}))


def _record_runtime_tools(ctx: FileContext) -> None:
    """``runtime-tools``: an agent handed the tools an MCP server lists at run time
    (``tools=await client.get_tools()``, ``load_mcp_tools(session)``). What those tools do is not
    in this code, so tool auth cannot judge them; the report says so instead of passing them."""
    if "mcp" not in ctx.lower_text or "tools" not in ctx.text:
        return
    for call in ctx.calls():
        value = _sdk.keyword_value(call, "tools")
        if value is None and call.args and isinstance(call.func, (ast.Name, ast.Attribute)):
            value = next((a for a in call.args[1:2]), None)  # ``create_react_agent(llm, tools)``
        if isinstance(value, ast.Name):
            value = _sdk.resolve_node(value, ctx, call)
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, ast.Call) and _mcp_tool_listing(value, ctx):
            ctx.fact("runtime-tools", value, ctx.qualname(value.func) or "get_tools")


def _mcp_tool_listing(call: ast.Call, ctx: FileContext) -> bool:
    qn = ctx.qualname(call.func) or ""
    if "mcp" in qn.lower() and qn.rsplit(".", 1)[-1] in ("load_mcp_tools", "get_tools", "list_tools", "get_tools_async"):
        return True
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("get_tools", "list_tools", "get_tools_async") \
            and isinstance(call.func.value, ast.Name):
        return any("mcp" in built.lower() for built in _sdk.constructed_by(ctx).get(call.func.value.id, ()))
    return False


# Calls that load code by a name computed at run time: a project that makes them may hand any
# function to an agent without naming it in an import.
_DYNAMIC_LOADERS = ("importlib.import_module", "__import__", "inspect.getmembers", "pkgutil.iter_modules",
                    "importlib.util.spec_from_file_location")


def _record_project_imports(ctx: FileContext) -> None:
    """What this file imports that could be a tool, so the project pass can tell a tool that no
    code hands to an agent: ``import-name`` (the bare name, for ``from module import name`` when
    the file uses the name; a package's ``__init__`` re-exports count as use) and ``module-import``
    (the last part of the module, for ``import pkg.module`` and star imports). Names are bare on
    purpose: how a project spells its own package depends on where the scan starts, and a name
    match errs towards "registered". Standard-library imports are left out, and so are class names
    that the importing file does not use (an ``__init__`` re-exporting a tool class builds no tool).
    ``dynamic-import``: the file loads code by a computed name."""
    if ctx.role not in ("prod", "example", "test", "eval"):
        return
    loaded = None
    for node in ctx.nodes_of(ast.Import, ast.ImportFrom):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").split(".")[0] in _STDLIB:
                continue
            if loaded is None:  # a name imported and never used (``# delete_tweet,`` in the tool list) is not handed on
                used = {n.id for n in ctx.nodes_of(ast.Name) if isinstance(n.ctx, ast.Load)}
                loaded = used | _exported(ctx)
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name == "*":
                    ctx.fact("module-import", node, (node.module or "").rsplit(".", 1)[-1])
                elif alias.name[:1].islower() and (local in loaded or ctx.path.endswith("__init__.py")):
                    if local in loaded and _only_invoked(ctx, local):
                        continue  # ``send_email_tool.invoke({...})`` in a graph node: code calls it, no model does
                    ctx.fact("import-name", node, alias.name)
                elif alias.name[:1].isupper() and ctx.path.endswith("__init__.py"):
                    # a package re-exporting a class builds no tool with it; whether the export is a
                    # library's public API or an app's unused leftover is decided in ``gaps``
                    ctx.fact("init-export", node, f"{ctx.module_name}|{alias.name}")
                    if local in used:  # ... unless the package's own code builds it (``Registry``: ``Shell()``)
                        ctx.fact("import-name", node, alias.name)
                elif alias.name[:1].isupper() and local in loaded:
                    ctx.fact("import-name", node, alias.name)  # a tool class imported where it is used
        else:
            for alias in node.names:
                if alias.name.split(".")[0] not in _STDLIB:
                    ctx.fact("module-import", node, alias.name.rsplit(".", 1)[-1])
    if any(name.split(".")[-1] in ctx.text for name in _DYNAMIC_LOADERS):
        for call in ctx.calls():
            if (ctx.qualname(call.func) or "") in _DYNAMIC_LOADERS:
                ctx.fact("dynamic-import", call, "1")
                break


_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"__future__", "typing_extensions"}


_INVOKE_METHODS = frozenset({"invoke", "ainvoke", "run", "arun", "func", "coroutine", "batch", "abatch"})


def _only_invoked(ctx: FileContext, name: str) -> bool:
    """Every use of ``name`` in the file calls it as a tool object from code (``name.invoke({...})``,
    ``await name.ainvoke(...)``): the file runs the tool itself and hands it to no model."""
    return name in ctx.memo("only-invoked", lambda: _invoked_names(ctx))


def _invoked_names(ctx: FileContext) -> set[str]:
    """The loaded names of the file whose every use is ``name.invoke(...)``-style (one pass)."""
    invoked: set[str] = set()
    other: set[str] = set()
    for use in ctx.nodes_of(ast.Name):
        if not isinstance(use.ctx, ast.Load):
            continue
        parent = ctx.parent(use)
        if isinstance(parent, ast.Attribute) and parent.attr in _INVOKE_METHODS \
                and isinstance(ctx.parent(parent), ast.Call) and ctx.parent(parent).func is parent:
            invoked.add(use.id)
        else:
            other.add(use.id)
    return invoked - other


def _exported(ctx: FileContext) -> set[str]:
    """Names listed in the module's ``__all__``."""
    names: set[str] = set()
    for node in ctx.nodes_of(ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets) and \
                isinstance(node.value, (ast.List, ast.Tuple)):
            names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def _record_reexports(ctx: FileContext) -> None:
    """``reexport``: ``package.name=package.module.name`` for each name a package's ``__init__.py``
    imports from its own modules (``from .neo4j_graph import query_neo4j``), so a helper called as
    ``neo4j_db.query_neo4j`` is known to be ``neo4j_db.neo4j_graph.query_neo4j``."""
    if not ctx.path.endswith("__init__.py") or ctx.role not in ("prod", "example"):
        return
    package = ctx.module_name
    for node in ctx.tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            for alias in node.names:
                target = ctx.imports.get(alias.asname or alias.name, "")
                if alias.name != "*" and target.startswith(package + "."):
                    ctx.fact("reexport", node.lineno, f"{package}.{alias.asname or alias.name}={target}")


def _carried(call: ast.Call, tainted: set[str]) -> str:
    """``positions|keywords`` of the call's arguments that carry the tool's own arguments."""
    from readiness.analysis import tools as _tools

    positions = ",".join(str(i) for i, a in enumerate(call.args) if _tools.uses_any(a, tainted))
    keywords = ",".join(kw.arg for kw in call.keywords if kw.arg and _tools.uses_any(kw.value, tainted))
    return f"{positions}|{keywords}"


def _project_target(ctx: FileContext, target: str, top: str) -> bool:
    """A function of another module of this project: same top-level package, or a top-level
    module the project defines (a src layout's sibling packages: ``tools`` calling ``db``)."""
    head = target.split(".")[0]
    return "." in target and (head == top or ctx.is_local_module(head))


def _record_tools(ctx: FileContext) -> None:
    """``tool``: ``name|how declared|kind:line:detail;...|confirmation`` at the tool's ``def`` line;
    ``tool-callee``: ``tool|module.function|positions|keywords`` for each call a tool makes to a
    helper of another project module, with the argument positions and keywords that carry the tool's
    own (model-chosen) arguments; and
    ``func-caps``: ``module.function|caps`` for module-level functions that can do something, and
    ``~method.name|caps`` for methods of the project's classes, so a tool's powers include those of
    helpers in other modules; ``tool-ref``: ``module.function``
    for each function of another module this file hands to an agent as a tool."""
    if ctx.role not in ("prod", "example"):
        return
    from readiness.analysis import tools as _tools

    top = ctx.module_name.split(".")[0]
    # a file that imports nothing declares no tool, but its functions may still ``exec``/``open``
    loaded = None
    for tool in _tools.find_tools(ctx) if ctx.imported_modules else ():
        gate = tool.approval or _tools.confirmation_in_body(tool, ctx)
        name = tool.name.replace("|", "/")
        line = getattr(tool.node, "lineno", 1)
        ctx.fact("tool", line, f"{name}|{tool.framework}|{_caps_text(tool.capabilities)}|{gate}")
        if _tools.declared_class_only(tool, ctx):
            ctx.fact("tool-class", line, tool.node.name)
        if _tools.marked_only(tool, ctx) or _tools.declared_class_only(tool, ctx):
            # ``@function_tool def delete_tweet(...)``: the decorator only marks the function; some code
            # must still hand it to an agent. Used nowhere in its own file, it may be dead code.
            if loaded is None:
                loaded = {n.id for n in ctx.nodes_of(ast.Name) if isinstance(n.ctx, ast.Load)}
            if tool.node.name not in loaded:
                ctx.fact("tool-decl", line, f"{ctx.module_name}.{tool.node.name}|{name}|{tool.node.end_lineno}")
        flag = entry_points.flag_gate(entry_points.Handler(tool.node, "tool", tool.framework)) \
            if isinstance(tool.node, (ast.FunctionDef, ast.AsyncFunctionDef)) else ""
        if flag:  # progressive autonomy: the tool acts only where a flag or allow-list lets it
            ctx.fact("tool-flag", line, f"{name}|{flag.replace('|', '/')}")
        tainted = _tools.tainted_names(tool)
        bodies = [tool.node] + _tools.same_file_helpers(tool.node, ctx)  # the tool, and the helpers it runs
        calls = [n for body in bodies for n in walk(body) if isinstance(n, ast.Call)]
        for call in (n for n in calls if isinstance(n.func, ast.Name)):
            target = ctx.imports.get(call.func.id, "")
            if _project_target(ctx, target, top):
                ctx.fact("tool-callee", line, f"{name}|{target}|{_carried(call, tainted)}")
        for call in (n for n in calls if isinstance(n.func, ast.Attribute)):
            receiver = call.func.value
            if call.func.attr not in _COMMON_METHODS and _tools.method_on_project_object(call, ctx):
                # ``import database`` ... ``database.update_todo(...)``: a function of a project module
                # (or ``from app.db import db`` ... ``db.update_todo(...)``: a method of a project class)
                targets = [f"~method.{call.func.attr}"]
                if isinstance(receiver, ast.Name) and receiver.id in ctx.imports:
                    targets.append(f"{ctx.imports[receiver.id]}.{call.func.attr}")
                for target in targets:
                    ctx.fact("tool-callee", line, f"{name}|{target}|{_carried(call, tainted)}")
    for target in _tools.tool_references(ctx):
        if target.startswith("~method.") or _project_target(ctx, target, top):
            ctx.fact("tool-ref", 1, target)
    if ctx.imported_modules and _tools.hands_tools_to_an_agent(ctx):
        ctx.fact("tools-handed", 1, "1")  # this project picks the tools its agents get
    if any(hint in ctx.text for hint in CAPABILITY_HINTS):
        funcs = [f for f in ctx.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
        own = {f.name: _tools.capabilities(f, ctx, {}) for f in funcs}  # each body walked once
        for func in funcs:
            # A helper's powers include those of the helpers it calls in the same module
            # (``run_command`` -> ``run_pty`` -> ``subprocess``), one level down.
            called = {n.func.id for n in walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                      and n.func.id in own and n.func.id != func.name} if len(own) > 1 else set()
            caps = own[func.name] + [c for name in sorted(called) for c in own[name]]
            if caps:
                ctx.fact("func-caps", func.lineno, f"{ctx.module_name}.{func.name}|{_caps_text(caps)}")
        # Methods of the project's own classes (a ``Database.update_todo``, a ``Desktop.execute_command``)
        # that tools in other modules call on an object: keyed ``~method.<name>``, which the project
        # pass resolves only when one class of the project defines a method of that name.
        tools_here = {id(t.node) for t in _tools.find_tools(ctx)} if ctx.imported_modules else set()
        for cls in (c for c in ctx.tree.body if isinstance(c, ast.ClassDef) and id(c) not in tools_here):
            for method in (m for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                           and not m.name.startswith("__")):
                caps = _tools.capabilities(method, ctx, {}, own_methods=True)
                if caps:
                    ctx.fact("func-caps", method.lineno, f"~method.{method.name}|{_caps_text(caps)}")
    if ctx.imported_modules:
        _record_helper_calls(ctx, top)
    _record_name_dispatch(ctx, top)  # a module of bare tool schemas imports nothing


_SCHEMA_HINTS = ("parameters", "input_schema", "inputSchema")


def _record_name_dispatch(ctx: FileContext, top: str) -> None:
    """``schema-tool``: each name this file declares to a model as a JSON-schema tool; and
    ``name-branch``: ``tool name|module.function`` for a function that branches on one of its
    parameters against two or more literals (``def execute_task(name, args): if name ==
    "count_week_days": return count_week_days(output_path=args["output_path"])``) and hands its
    arguments to a function of another project module. The project pass joins the two: a branch
    on a name the project declares as a tool routes the model's call to that function, even
    though the schemas, the model call and the dispatcher live in three different modules."""
    from readiness.analysis import tools as _tools

    if any(hint in ctx.text for hint in _SCHEMA_HINTS):
        for name in sorted(_tools.schema_tool_names(ctx)):
            ctx.fact("schema-tool", 1, name)
    if '== "' not in ctx.text and "== '" not in ctx.text or not ctx.imported_modules:
        return
    for func in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
        params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
        # a local read from the model's tool call (``name = tc.get("name")``, ``tool_call.function.name``)
        called = {t.id for n in walk(func) if isinstance(n, ast.Assign) and _reads_call_name(n.value)
                  for t in n.targets if isinstance(t, ast.Name)}
        branches: dict[str, list[tuple[ast.If, str]]] = {}
        for branch in (n for n in walk(func) if isinstance(n, ast.If)):
            test = branch.test
            if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
                    and isinstance(test.left, ast.Name) and test.left.id in params | called \
                    and isinstance(test.comparators[0], ast.Constant) and isinstance(test.comparators[0].value, str):
                branches.setdefault(test.left.id, []).append((branch, test.comparators[0].value))
        for param, found in branches.items():
            if len(found) < 2 and param not in called:
                continue
            carried = params - {param}
            for branch, name in found:
                for stmt in branch.body:
                    for call in (n for n in walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)):
                        target = ctx.imports.get(call.func.id, "")
                        if _project_target(ctx, target, top) and (
                                _tools.call_uses(call, carried) or param in called and (call.args or call.keywords)):
                            ctx.fact("name-branch", branch, f"{name}|{target}")


def _reads_call_name(value: ast.expr) -> bool:
    """``tc.get("name")``, ``tc["name"]``, ``tool_call.function.name``, ``getattr(tc, "name", None)``:
    the name of the tool the model called."""
    if isinstance(value, ast.IfExp):
        return _reads_call_name(value.body) or _reads_call_name(value.orelse)
    if isinstance(value, ast.Attribute):
        return value.attr == "name" and "call" in ast.unparse(value.value).lower()
    if isinstance(value, ast.Subscript):
        return isinstance(value.slice, ast.Constant) and value.slice.value == "name"
    if isinstance(value, ast.Call):
        args = [a for a in value.args if isinstance(a, ast.Constant)]
        name = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", "")
        return name in ("get", "getattr") and any(a.value == "name" for a in args)
    return False


def tools_dispatched_by_name(facts: list[Fact]) -> list[Fact]:
    """``tool-ref`` facts for the functions a dispatcher routes declared tool names to (see
    ``_record_name_dispatch``): they are tools registered from another file."""
    declared = {f.value for f in facts if f.name == "schema-tool" and f.role in ("prod", "example")}
    if not declared:
        return []
    return [Fact("tool-ref", f.path, f.line, f.value.split("|", 1)[1], f.role, f.project)
            for f in facts if f.name == "name-branch" and f.value.split("|", 1)[0] in declared]


# Method names of builtin types and common objects: a call of one of these (``items.append(x)``)
# is not worth a fact naming a project method.
_COMMON_METHODS = frozenset({"append", "extend", "insert", "pop", "get", "items", "keys", "values", "update", "format",
                             "join", "split", "strip", "replace", "lower", "upper", "startswith", "endswith", "encode",
                             "decode", "copy", "add", "discard", "setdefault", "read", "write", "close", "sort",
                             "index", "count", "group", "match", "search", "sub", "info", "debug", "warning", "error",
                             "exception", "dumps", "loads", "dict", "json", "model_dump"})


def _record_helper_calls(ctx: FileContext, top: str) -> None:
    """``func-callee``: ``caller|callee|class`` for each module-level function or class method that calls
    a function of another project module or a method on a project object (``shell.run_command(cmd)``).
    The project pass follows these edges, so a tool's powers include those of its helpers' helpers
    (``_run`` -> ``utils.run_command`` -> ``InteractiveShell.run_command`` -> ``sendline``)."""
    def callers():
        for node in ctx.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{ctx.module_name}.{node.name}", node, ""
            elif isinstance(node, ast.ClassDef):
                for method in node.body:
                    if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and not method.name.startswith("__"):
                        yield f"~method.{method.name}", method, f"{ctx.module_name}.{node.name}"

    owners = {id(func): (qual, func, owner) for qual, func, owner in callers()}
    if not owners:
        return
    targets: dict[int, set[str]] = {}
    for call in ctx.calls():  # one pass over the file's calls, each given to the function it sits in
        if isinstance(call.func, ast.Name):
            target = ctx.imports.get(call.func.id, "")
            if not _project_target(ctx, target, top):
                continue
        elif isinstance(call.func, ast.Attribute) and call.func.attr not in _COMMON_METHODS \
                and not call.func.attr.startswith("_") and _may_be_project_method(call, ctx, top):
            target = f"~method.{call.func.attr}"
        else:
            continue
        holder = next((a for a in ctx.ancestors(call) if id(a) in owners), None)
        if holder is None:
            continue
        found = targets.setdefault(id(holder), set())
        found.add(target)
        if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
                and call.func.value.id in ctx.imports:
            found.add(f"{ctx.imports[call.func.value.id]}.{call.func.attr}")
    for key, found in targets.items():
        qual, func, owner = owners[key]
        for target in sorted(found - {qual}):
            ctx.fact("func-callee", func.lineno, f"{qual}|{target}|{owner}")


def _may_be_project_method(call: ast.Call, ctx: FileContext, top: str) -> bool:
    """``shell.run_command(cmd)``, ``self.tools.run_shell(cmd)``: a method on a local object or one a
    project module exports (the project pass keeps the edge only if one project class defines the
    method); not a library module's function (``requests.post``) or ``self``'s own method."""
    holder = call.func.value
    if isinstance(holder, ast.Attribute):
        return isinstance(holder.value, ast.Name) and holder.value.id == "self"
    if not isinstance(holder, ast.Name) or holder.id == "self":
        return False
    target = ctx.imports.get(holder.id)
    return target is None or _project_target(ctx, target + ".x", top)
