"""Recognise agent tools as each framework declares them, and what their code can do.

Capabilities come from the tool's body and the functions it calls in the same file; reading
across modules is left to later work and documented as a limit in the rules that use this.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache

from readiness import frameworks
from readiness.pack import data
from readiness.analysis import http_models, sdk as _sdk
from readiness.walk import walk

_PROFILES = frameworks.tables()
# Tool forms come from the framework profiles (`tool:` sites); MCP servers have no profile of their own.
TOOL_DECORATORS = {qn.rsplit(".", 1)[-1] for qn in _PROFILES.tool_decorators}
TOOL_FRAMEWORKS = {prefix.split(".")[0] for prefix in _PROFILES.framework_of_import} | {"mcp", "fastmcp", "crewai_tools"}
TOOL_METHODS = {"_run", "_arun", "run", "arun", "forward", "__call__", "execute", "invoke", "use"}
# Calls that wrap a function into a tool (``FunctionTool(fn)``, ``StructuredTool.from_function(fn)``):
# the profiles' wrappers whose name says tool or builds from a function.
TOOL_FACTORIES = {name for name in (qn.rsplit(".", 1)[-1] for qn in _PROFILES.tool_wrappers)
                  if "tool" in name.lower() or name.startswith("from_") or name == "register_function"}
TOOL_BASES = {qn.rsplit(".", 1)[-1] for qn in _PROFILES.tool_bases}
# Registrations that are a method of a framework object (``toolkit = Toolkit(name="cex")``;
# ``toolkit.register(fn)``; mistral ``run_ctx.register_func(fn)``): method name -> the classes it belongs to.
TOOL_REGISTRATION_METHODS: dict[str, set[str]] = {}
for _qn in _PROFILES.tool_wrappers:
    _owner, _, _method = _qn.rpartition(".")
    if _owner.rpartition(".")[2][:1].isupper():
        TOOL_REGISTRATION_METHODS.setdefault(_method, set()).add(_owner)
# Keywords that put a human confirmation on a tool (``needs_approval=``, ``requires_confirmation=``).
APPROVAL_KEYWORDS = {flag["kw"] for flag in _PROFILES.approval_flags if "approv" in flag.get("kw", "") or "confirm" in flag.get("kw", "")}

SHELL_CALLS = {"os.system", "os.popen", "asyncio.create_subprocess_shell", "commands.getoutput", "subprocess.getoutput",
               "subprocess.getstatusoutput", "pty.spawn"}
SUBPROCESS = {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen"}
SHELL_BINARIES = {"sh", "bash", "zsh", "dash", "ksh", "fish", "pwsh", "pwsh.exe", "powershell", "powershell.exe", "cmd",
                  "cmd.exe"}
# Language interpreters: started on a script path or code chosen at run time, they run that code.
# ``pytest`` imports and runs the Python files it is pointed at.
# Project runners that start the project's interpreter on what follows ``run``.
LAUNCHERS = frozenset({"uv", "poetry", "pipenv", "pdm", "hatch", "rye"})
INTERPRETERS = r"(?:python[\d.]*|py|node|nodejs|deno|bun|ruby|perl|php|rscript|julia|lua|pytest|py\.test)(?:\.exe)?"
# Text any file declaring a tool contains (a prefilter for the tool rules): most decorators and
# classes say "tool"; JSON-schema and Gemini declarations say "parameters" / "input_schema"; the
# profiles' decorators that do not (Semantic Kernel ``@kernel_function``) are added by name.
# ``function_call``: a raw loop on the legacy functions API (``message["function_call"]["name"]``).
TOOL_HINTS = tuple(sorted({"tool", "Tool", "parameters", "input_schema", "inputSchema", "function_call"}
                          | {d for d in TOOL_DECORATORS | TOOL_BASES if "tool" not in d.lower()}))
DELETE_CALLS = {"os.remove", "os.unlink", "os.rmdir", "os.removedirs", "shutil.rmtree"}
# Statements that destroy or overwrite what is there; an INSERT adds a row and is not one of them.
SQL_WRITE = re.compile(r"^\s*(DELETE|DROP|TRUNCATE|ALTER|UPDATE|REPLACE|MERGE|GRANT|REVOKE)\b", re.I)
DESTRUCTIVE_VERBS = {
    "delete", "remove", "drop", "destroy", "cancel", "refund", "transfer", "pay", "payment", "charge", "purge", "wipe",
    "truncate", "terminate", "revoke", "withdraw", "compensation", "erase", "kill", "shutdown", "rm", "unlink",
    "ban", "kick", "suspend", "deactivate", "unsubscribe",
    # the same acts named as nouns (``initiate_bucket_deletion``, ``request_cancellation``)
    "deletion", "removal", "cancellation", "termination", "destruction", "erasure", "revocation", "withdrawal",
    "refunds", "uninstall",
}

# First words of tool names that say the tool sends something to people; with an HTTP POST / PUT /
# PATCH in the body (to any host) the tool sends. Not "post" (also the HTTP verb: ``post_query``).
SEND_VERBS = {"send", "publish", "notify", "reply", "tweet", "email", "sms", "dm", "broadcast", "announce"}


# Words of tool names that say the tool creates or edits a record (``jira_add_comment``,
# ``create_issue``, ``update_object``, ``transition_issue``): with an HTTP POST in the body the request
# writes to the service it goes to. Things a model makes up are not records (``create_image``).
WRITE_VERBS = {"create", "add", "update", "edit", "modify", "set", "assign", "transition", "move", "close", "reopen",
               "merge", "archive", "post", "comment", "upsert", "insert", "register", "enroll", "schedule", "upload",
               "rename", "save"}
MADE_UP_NOUNS = {"image", "images", "embedding", "embeddings", "summary", "chart", "plot", "completion", "response",
                 "answer", "caption", "audio", "speech", "video", "story", "prompt", "text", "plan", "query", "sql",
                 "diagram", "graph", "thumbnail", "avatar", "variation", "variations", "transcript", "transcription"}


def name_words(name: str) -> list[str]:
    """``check_refund_eligibility`` -> ["check", "refund", "eligibility"], in order."""
    return [w for w in re.split(r"[_\W]+|(?<=[a-z])(?=[A-Z])", name.lower()) if w]


# Things one keeps for oneself: creating or adding one is ordinary work (``create_event`` on the
# user's own calendar, ``add_note``); editing or closing one shared with others is not.
OWN_ITEMS = {"event", "events", "appointment", "meeting", "reminder", "note", "notes", "task", "tasks", "todo", "todos",
             "draft", "bookmark", "memory", "memories", "file", "folder", "directory", "entry", "calendar", "list"}


def write_verb(words: list[str]) -> str:
    """The verb of a tool name that says it writes a record (first word, or the word after a
    service prefix: ``jira_add_comment``), or ""."""
    if not words or words[0] in LOOKUP_VERBS:
        return ""
    verb = words[0] if words[0] in WRITE_VERBS else words[1] if len(words) > 1 and words[1] in WRITE_VERBS else ""
    if verb in ("create", "add", "save", "schedule", "insert", "register") and set(words) & OWN_ITEMS:
        return ""
    return verb if verb and not set(words) & MADE_UP_NOUNS else ""


def posts(detail: str) -> bool:
    """A capability detail of an HTTP request that the code sends as a POST."""
    return detail.endswith(" POST")


def _http_verb(capabilities) -> str:
    return next(c.verb for c in capabilities if c.kind == "http" and c.verb in ("POST", "PUT", "PATCH"))


# First words of tool names that look something up: a name like ``check_refund_eligibility`` says
# the tool reads about refunds, so the name alone is no reason to ask for confirmation.
LOOKUP_VERBS = {"check", "get", "list", "search", "find", "lookup", "fetch", "read", "view", "show", "describe",
                "count", "estimate", "calculate", "validate", "verify", "preview", "query", "is", "can", "explain",
                "retrieve", "inspect", "analyze", "analyse", "summarize", "summarise", "track", "monitor"}

# Capabilities that change the world in a way a person should approve first.
DESTRUCTIVE_KINDS = ("delete", "destroy", "change", "sql-write", "message", "payment", "http-delete")
CONFIRM_CALLS = {"input", "click.confirm", "typer.confirm", "rich.prompt.Confirm.ask", "langgraph.types.interrupt"}

WRITE_MODES = re.compile(r"[wax+]")
FS_WRITE_CALLS = {"shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.copytree", "shutil.move", "os.rename",
                  "os.replace", "os.makedirs", "os.mkdir"}
FS_WRITE_METHODS = {"write_text", "write_bytes", "mkdir", "touch", "rename", "replace"}
# Methods that save an object to the path they are given (Pillow ``Image.save``, pandas ``to_csv`` ...,
# matplotlib ``savefig``, openpyxl ``Workbook.save``, a LangChain vector store's ``save_local(folder)``):
# a write when the path is not written in the code.
SAVE_METHODS = {"save", "savefig", "to_csv", "to_excel", "to_json", "to_parquet", "to_pickle", "save_as", "save_local"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete", "request", "head", "stream", "urlopen"}
HTTP_MODULES = ("requests", "httpx", "urllib.request", "aiohttp", "urllib3")
# Parameters a framework injects into tools; they are not chosen by the model.
INJECTED_PARAMS = {"self", "cls", "ctx", "context", "run_context", "wrapper", "config", "callbacks", "run_manager", "state",
                   "tool_call_id", "runtime",
                   # resources a dispatcher hands its handlers (``handler(arguments, db, server)``)
                   "db", "conn", "connection", "cursor", "engine", "pool", "server"}


@dataclass
class Capability:
    # shell | exec | delete (a file) | destroy (a record or resource: ``delete_bucket``) | change (a
    # cloud resource: ``update_function_configuration``) | sql-write | fs-write | http |
    # http-delete | message | payment
    kind: str
    node: ast.AST
    detail: str
    http: bool = False  # an HTTP request (whatever it does), for the URL checks of RDY406
    verb: str = ""  # its HTTP method when the code says it (``"?"`` when chosen at run time)


@dataclass
class ToolDef:
    name: str
    node: ast.AST  # the function or class definition
    framework: str
    approval: str = ""  # how it is gated, if declared on the tool itself
    capabilities: list[Capability] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return name_words(self.name)

    @property
    def verbs(self) -> set[str]:
        return set(self.words)

    def destructive(self) -> list[str]:
        """Why a human should confirm each call. Shell and eval are RDY402's: a confirmation
        prompt does not make arbitrary code execution safe, so RDY201 does not ask for one.
        Handoff tools (``transfer_to_billing``) pass the conversation on and change nothing."""
        reasons = [c.kind for c in self.capabilities if c.kind in DESTRUCTIVE_KINDS]
        words = self.words
        if words and words[0] in LOOKUP_VERBS:
            return reasons  # ``check_refund_eligibility``, ``get_cancellation_policy``: the name asks, it does not act
        edits_files_only = bool(self.capabilities) and all(c.kind in ("fs-write", "delete") for c in self.capabilities)
        if self.verbs & DESTRUCTIVE_VERBS and not _handoff_name().match(self.name) and not (
                edits_files_only and not reasons):
            # ``delete_lines`` that only rewrites a file: a file edit, RDY405's to judge, not an act to confirm
            reasons.append("name:" + "/".join(sorted(self.verbs & DESTRUCTIVE_VERBS)))
        elif words and (transaction := _transaction(words)):
            reasons.append("name:" + transaction)
        if words and words[0] in SEND_VERBS and not {"message", "payment"} & set(reasons) and any(
                c.kind == "http" and c.verb in ("POST", "PUT", "PATCH") for c in self.capabilities):
            # ``send_invoice`` POSTing to an API no table knows: the name says what the request does
            reasons.append(f"message: {words[0]} + HTTP {_http_verb(self.capabilities)}")
        elif not reasons and (verb := write_verb(words)) and any(c.kind == "http" and c.verb == "POST" for c in self.capabilities):
            reasons.append(f"change: {verb} + HTTP POST")  # ``jira_add_comment`` POSTing to the tracker
        return reasons

    def action_line(self) -> int:
        """Where a finding about what the tool does points: the ``def`` of a function tool; for a
        class tool, the ``def`` of the method that performs the action (``execute``/``_run``), since
        the class line names the tool but not the code a reviewer has to change."""
        node = self.node
        if not isinstance(node, ast.ClassDef):
            return node.lineno
        methods = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for capability in self.capabilities:
            if capability.kind in DESTRUCTIVE_KINDS:
                for method in methods:
                    if method.name != "__init__" and method.lineno <= capability.node.lineno <= method.end_lineno:
                        return method.lineno
        entry = next((m for m in methods if m.name in TOOL_METHODS and not _raises_only(m)), None)
        if entry is None:  # ``_run`` only raises ("use async execution"): the work is in the one other method
            work = [m for m in methods if not m.name.startswith("__") and m.name not in TOOL_METHODS and not _raises_only(m)]
            entry = work[0] if len(work) == 1 else None
        return entry.lineno if entry is not None else node.lineno


def _raises_only(func: ast.AST) -> bool:
    """A method whose body (after its docstring) is one ``raise``."""
    body = [s for s in func.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return len(body) == 1 and isinstance(body[0], ast.Raise)


def _transaction(words: list[str]) -> str:
    """``place_order`` / ``book_appointment`` / ``buy_stock``: a name that commits a transaction."""
    table = _actions()["transaction_names"]
    if words[0] in table["alone"]:
        return words[0]
    if words[0] == "book" and len(words) > 1 and words[1] not in LOOKUP_VERBS and words[1] not in table["book_as_noun"]:
        return f"book {words[1]}"
    noun = next((w for w in words[1:] if w in table["nouns"]), "")
    if noun and words[0] in table["verbs"]:
        return f"{words[0]} {noun}"
    decisions = _actions()["decision_names"]  # ``approve_invoice``, ``submit_leave_application``
    noun = next((w for w in words[1:] if w in decisions["nouns"]), "")
    if noun and (words[0] in decisions["verbs"]
                 or words[0] in decisions["status_verbs"] and {"status", "state"} & set(words[1:])):
        return f"{words[0]} {noun}"  # ``update_claim_status``: the status is the decision
    return ""


def method_on_project_object(call: ast.Call, ctx) -> bool:
    """``db.update_todo(...)``, ``desktop.execute_command(...)``: a public method called on a local
    object or one the project's own modules export, whose code the project pass can read. Not a
    library (``requests.get``), not ``self``, not data held in a literal (``TICKETS.get(...)``)."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr.startswith("_"):
        return False
    holder = call.func.value
    if isinstance(holder, ast.Attribute) and isinstance(holder.value, ast.Name) and holder.value.id == "self":
        # ``self.tools.run_shell(command)``: an object the instance holds; a project class's method
        # when one class of the project defines it (resolved in the project pass)
        return not holder.attr.startswith("__")
    if not isinstance(holder, ast.Name):
        return False
    name = holder.id
    if name == "self":
        return False
    if isinstance(_sdk.resolve_node(call.func.value, ctx, call), (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.Constant,
                                                                  ast.JoinedStr, ast.ListComp, ast.DictComp)):
        return False
    target = ctx.imports.get(name)
    return target is None or _project_module(target, ctx)


def _project_module(target: str, ctx) -> bool:
    """An imported name that belongs to the project: its package is the file's own, or a top-level
    module the project defines."""
    head = target.split(".")[0]
    return head == ctx.module_name.split(".")[0] or ctx.is_local_module(head)


def _decorator_name(dec: ast.expr, ctx) -> tuple[str, ast.Call | None]:
    call = dec if isinstance(dec, ast.Call) else None
    target = dec.func if isinstance(dec, ast.Call) else dec
    qn = ctx.qualname(target) or ""
    return qn, call


def _is_tool_decorator(dec: ast.expr, ctx) -> tuple[bool, ast.Call | None]:
    qn, call = _decorator_name(dec, ctx)
    last = qn.split(".")[-1]
    if last not in TOOL_DECORATORS:
        return False, call
    top = qn.split(".")[0]
    # `@tool` must come from a framework; `@agent.tool` / `@mcp.tool()` are methods on framework objects.
    if top in TOOL_FRAMEWORKS or "." in qn and top not in ("functools", "pytest", "click", "typer"):
        return True, call
    return False, call


# Values of an approval keyword that mean "never ask" (``needs_approval=False``, Agent Framework's
# ``approval_mode="never_require"``, ``require_approval="never"``).
_NO_APPROVAL = frozenset({"never", "never_require", "none", "off", "no", "false"})


def _approval_on_decorator(call: ast.Call | None) -> str:
    if call is None:
        return ""
    for kw in call.keywords:
        if kw.arg in APPROVAL_KEYWORDS:
            if isinstance(kw.value, ast.Constant) and (kw.value.value in (False, None) or isinstance(kw.value.value, str)
                                                       and kw.value.value.lower() in _NO_APPROVAL):
                return ""
            return kw.arg
    return ""


def find_tools(ctx) -> list[ToolDef]:
    """Every tool the file declares (memoised per file)."""
    return ctx.memo("tools", lambda: _find_tools(ctx))


def _find_tools(ctx) -> list[ToolDef]:
    if ctx.tree is None:
        return []
    tools: list[ToolDef] = []
    defs = ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)
    functions = {n.name: n for n in defs}
    schema_names = schema_tool_names(ctx)
    registry_methods = _callable_registries(ctx)[1]
    listed = {e.id for e in _registered(ctx) if isinstance(e, ast.Name)} | schema_names | _dispatched(defs, ctx, schema_names)
    # a function defined inside a factory and wrapped there (``def _compare(...)`` ...
    # ``return StructuredTool(func=_compare)``): (the enclosing function, the name)
    nested = {(id(ctx.enclosing(e, ast.FunctionDef, ast.AsyncFunctionDef)), e.id)
              for e in _registered(ctx) if isinstance(e, ast.Name)}
    for node in sorted(defs + ctx.nodes_of(ast.ClassDef), key=lambda n: (n.lineno, n.col_offset)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for dec in node.decorator_list:
                ok, call = _is_tool_decorator(dec, ctx)
                if ok:
                    tools.append(ToolDef(_tool_name(node, call), node, "decorator", _approval_on_decorator(call)))
                    break
            else:
                parent = ctx.parent(node)
                if node.name in listed and isinstance(parent, ast.Module) or (id(parent), node.name) in nested:
                    tools.append(ToolDef(node.name, node, "tools-list"))
                elif isinstance(parent, ast.ClassDef) and (parent.name, node.name) in registry_methods:
                    tools.append(ToolDef(node.name, node, "registry"))
        elif isinstance(node, ast.ClassDef) and _is_tool_class(node, ctx) and \
                not any(owner == node.name for owner, _ in registry_methods):  # a toolkit's methods are its tools
            tools.append(ToolDef(_class_tool_name(node), node, "class"))
    tools += _dispatch_branches(defs, ctx, schema_names)
    if (declared := _module_tool(ctx)) is not None and not any(t.node is declared[1] for t in tools):
        tools.append(ToolDef(declared[0], declared[1], "module"))
    classes = {n.name: n for n in ctx.nodes_of(ast.ClassDef) if isinstance(ctx.parent(n), ast.Module)}
    for tool in tools:
        tool.capabilities = capabilities(tool.node, ctx, {} if tool.framework == "dispatch" else {**functions, **classes})
        if isinstance(tool.node, ast.ClassDef):  # a base class in the same file holds the tool's code too
            for base in tool.node.bases:
                if isinstance(base, ast.Name) and base.id in classes and classes[base.id] is not tool.node:
                    tool.capabilities += capabilities(classes[base.id], ctx, {**functions, **classes}, 1)
    return tools


# Names of the one function a tool module gives as its code (``TOOL_DEF = Tool(name="ha_turn_off", ...)``
# beside ``async def execute(client, arguments)``; the server maps each module's name to it).
MODULE_TOOL_HANDLERS = {"execute", "handle", "handler", "run", "call", "invoke", "call_tool", "handle_call"}


def _module_tool(ctx) -> tuple[str, ast.AST] | None:
    """A module that declares one MCP tool (``mcp.types.Tool(name=..., inputSchema=...)`` at module
    level) and one handler function: that function is the tool's code, named as declared."""
    if ctx.tree is None or "Tool(" not in ctx.text:
        return None
    declared = [stmt.value for stmt in ctx.tree.body if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                and (ctx.qualname(stmt.value.func) or "").endswith(("mcp.types.Tool", "mcp.Tool"))]
    handlers = [stmt for stmt in ctx.tree.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
                and stmt.name in MODULE_TOOL_HANDLERS]
    if len(declared) != 1 or len(handlers) != 1:
        return None
    name = _sdk.keyword_value(declared[0], "name")
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    return name.value, handlers[0]


def marked_only(tool: ToolDef, ctx) -> bool:
    """A module-level function whose tool decorator only marks it (``@tool``, ``@function_tool``,
    ``@tool("Refund")``): the function still has to be handed to an agent. Decorators on an object
    (``@mcp.tool()``, ``@agent.tool``) register the tool with that object as they run."""
    node = tool.node
    if tool.framework != "decorator" or not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            or not isinstance(ctx.parent(node), ast.Module):
        return False
    for dec in node.decorator_list:
        if _is_tool_decorator(dec, ctx)[0]:
            return isinstance(dec.func if isinstance(dec, ast.Call) else dec, ast.Name)
    return False


def declared_class_only(tool: ToolDef, ctx) -> bool:
    """A module-level tool class (``class GmailDeleteTool(BaseTool)``): like a marked function,
    it is a tool only once some code builds it and hands it to an agent."""
    return tool.framework == "class" and isinstance(tool.node, ast.ClassDef) and isinstance(ctx.parent(tool.node), ast.Module)


def hands_tools_to_an_agent(ctx) -> bool:
    """The file hands a list of tools to an agent or wraps a function as a tool by hand
    (``tools=[...]``, ``FunctionTool(fn)``): the project chooses its agents' tools in code."""
    return bool(_registered(ctx))


def tool_references(ctx) -> set[str]:
    """Qualified names of imported functions this file hands to an agent as tools
    (``tools=[bq.lookup, send_mail]``, ``FunctionTool(send_mail)``): a tool defined in one module
    and registered in another is still a tool."""
    def qualified(expr: ast.expr) -> str:
        if isinstance(expr, ast.Name):
            return ctx.imports.get(expr.id, "")
        chain = _sdk.attr_chain(expr) if isinstance(expr, ast.Attribute) else []
        if chain and chain[0] in ctx.imports:  # ``crm.delete_lead``, ``aliyun.safe_tools.safe_delete_ecs``
            return ".".join([ctx.imports[chain[0]], *chain[1:]])
        if len(chain) >= 3 and chain[0] == "self":
            # ``Tool(func=self.db.execute_query)``: a method of one of the project's objects, resolved in
            # the project pass when one class of the project defines a method of that name
            return f"~method.{chain[-1]}"
        return ""

    return {q for q in map(qualified, _registered(ctx)) if q}


def _registers_on_framework_object(call: ast.Call, ctx) -> bool:
    """``toolkit.register(fn)`` where ``toolkit`` was built from the framework class whose method
    registers a tool (profile ``registration`` sites)."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in TOOL_REGISTRATION_METHODS:
        return False
    receiver = call.func.value
    key = receiver.id if isinstance(receiver, ast.Name) else (
        f"self.{receiver.attr}" if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name)
        and receiver.value.id == "self" else "")
    owners = TOOL_REGISTRATION_METHODS[call.func.attr]
    return any(frameworks.canonical(qn) in owners for qn in _sdk.constructed_by(ctx).get(key, ()))


def _registered(ctx) -> list[ast.expr]:
    """Expressions this file hands to an agent as tools: elements of ``tools=[...]`` and the
    function given to a tool factory (``FunctionTool(fn)``, ``StructuredTool.from_function(func=fn)``)."""
    def collect():
        found: list[ast.expr] = []
        for call in ctx.calls():
            for kw in call.keywords:
                listed = _sdk.resolve_node(kw.value, ctx, call) if kw.arg == "tools" and isinstance(kw.value, ast.Name) \
                    else kw.value  # ``TOOLS = [search, delete_file]`` ... ``Agent(tools=TOOLS)``
                if kw.arg == "tools" and isinstance(listed, (ast.List, ast.Tuple)):
                    found += listed.elts
                elif kw.arg == "tools" and isinstance(listed, (ast.ListComp, ast.GeneratorExp)):
                    found += _comprehended(listed, ctx, call)  # ``[FunctionTool(fn) for fn in [create_user, ...]]``
            if (ctx.qualname(call.func) or "").split(".")[-1] in TOOL_FACTORIES:
                # ``FunctionTool(fn)``, ``Tool("name", fn, "description")``, ``StructuredTool(func=fn, coroutine=afn)``
                found += [a for a in call.args[:2] if not isinstance(a, ast.Constant)][:1]
                found += [kw.value for kw in call.keywords if kw.arg in ("fn", "func", "f", "callable", "function", "coroutine")]
            elif isinstance(call.func, ast.Call) and _is_tool_decorator(call.func, ctx)[0]:
                found += call.args[:1]  # the decorator applied by hand: ``mcp.tool(description=d)(func)``
            elif _registers_on_framework_object(call, ctx):
                found += call.args[:1] + [kw.value for kw in call.keywords if kw.arg in ("function", "func", "fn")]
            if (handler := _schema_handler(call)) is not None and handler not in found:
                found.append(handler)  # ``Tool(name="describe_table", input_schema={...}, handler=handle_describe_table)``
        found += _callable_registries(ctx)[0]  # ``TOOL_REGISTRY = {"ban_user": ban_user, ...}``
        expanded = []
        for element in found:  # ``for name, doc, func in registry: mcp.tool(...)(func)``
            expanded += _loop_values(element, ctx) if isinstance(element, ast.Name) else [element]
        return [_wrapped(e) for e in expanded]
    return ctx.memo("registered-tools", collect)


_SCHEMA_KEYS = frozenset({"input_schema", "inputSchema", "parameters", "args_schema", "json_schema"})


def _schema_handler(call: ast.Call) -> ast.expr | None:
    """The function a project's own tool record names as its code: a call that gives a tool a name,
    the JSON schema the model fills in and a handler (``Tool(name=..., input_schema={...},
    handler=handle_x)``, ``ToolSpec(name=..., parameters=..., fn=run_x)``), whatever the class."""
    keys = {kw.arg for kw in call.keywords if kw.arg}
    if "name" not in keys or not keys & _SCHEMA_KEYS:
        return None
    return next((kw.value for kw in call.keywords if kw.arg in _HANDLER_KEYS
                 and isinstance(kw.value, (ast.Name, ast.Attribute))), None)


def _comprehended(comp: ast.ListComp | ast.GeneratorExp, ctx, at: ast.AST) -> list[ast.expr]:
    """The functions a comprehension wraps as tools: ``[FunctionTool(fn) for fn in [a, b]]`` or
    ``[tool(f) for f in FUNCS]`` yields ``a`` and ``b`` (or the elements of ``FUNCS``), when the
    element is the loop variable itself or a call that takes it."""
    if len(comp.generators) != 1 or not isinstance(comp.generators[0].target, ast.Name):
        return []
    var, source = comp.generators[0].target.id, comp.generators[0].iter
    source = _sdk.resolve_node(source, ctx, at) if isinstance(source, ast.Name) else source
    element = comp.elt
    wraps = isinstance(element, ast.Name) and element.id == var or isinstance(element, ast.Call) and any(
        isinstance(a, ast.Name) and a.id == var for a in [*element.args, *(k.value for k in element.keywords)])
    return list(source.elts) if wraps and isinstance(source, (ast.List, ast.Tuple)) else []


def _loop_values(name: ast.Name, ctx) -> list[ast.expr]:
    """What a loop variable takes: the matching item of each element of a literal list the loop
    walks (``for tool_name, doc, func in [("send", "...", tools.send), ...]``), else the name itself."""
    loop = ctx.enclosing(name, ast.For, ast.AsyncFor)
    if loop is None:
        return [name]
    iterable = _sdk.resolve_node(loop.iter, ctx, loop) if isinstance(loop.iter, ast.Name) else loop.iter
    if not isinstance(iterable, (ast.List, ast.Tuple)):
        return [name]
    target = loop.target
    if isinstance(target, ast.Name) and target.id == name.id:
        return list(iterable.elts)
    if isinstance(target, ast.Tuple):
        index = next((i for i, t in enumerate(target.elts) if isinstance(t, ast.Name) and t.id == name.id), None)
        if index is not None:
            return [e.elts[index] for e in iterable.elts
                    if isinstance(e, (ast.Tuple, ast.List)) and len(e.elts) == len(target.elts)]
    return [name]


def _wrapped(expr: ast.expr) -> ast.expr:
    """The function inside ``lambda q: send_email(q)`` or ``functools.partial(send_email, ...)``."""
    if isinstance(expr, ast.Lambda) and isinstance(expr.body, ast.Call):
        return expr.body.func
    if isinstance(expr, ast.Call) and expr.args and getattr(expr.func, "attr", getattr(expr.func, "id", "")) == "partial":
        return expr.args[0]
    return expr


_REGISTRY_HINTS = re.compile(r"tool|function|func|action|dispatch|capabilit|skill", re.I)


# Keys under which a registry entry holds the tool's code (``{"schema": ..., "execute": fn}``).
_HANDLER_KEYS = frozenset({"execute", "function", "func", "fn", "handler", "callable", "run", "callback", "impl",
                           "implementation"})


def _callable_registries(ctx) -> tuple[list[ast.expr], set[tuple[str, str]]]:
    """Functions and methods a raw agent loop hands out by the name the model picked: the values of
    a name -> callable table (``available_functions = {"delete_user": delete_user}``, ``self.tools =
    {"run_shell": self.run_shell}``, ``TOOL_REGISTRY = {"ban_user": ban_user}`` of imported
    functions) whose variable says it holds tools (or functions, actions, skills in a file that
    talks to a model), and every public method of a class that calls ``getattr(self, <name>)(...)``
    with a computed name in a file that talks to a model (``getattr(self, plan["action"])(**plan["args"])``).
    Returns the table values (names and dotted paths of functions) and ``(class, method)`` pairs."""
    def memo():
        values: list[ast.expr] = []
        methods: set[tuple[str, str]] = set()
        # a file that talks to a model, or declares tools itself (an MCP tool that picks its handler
        # from ``QUERY_ACTIONS = {"read": read_handler, ...}`` by the action the model named)
        model = _talks_to_a_model(ctx) or any(ctx.mentions(t) for t in ("@tool", ".tool(", "@function_tool"))
        looked_up = _tables_read_by_tool_name(ctx) if model else set()
        for node in ctx.nodes_of(ast.Assign, ast.AnnAssign, ast.Return):
            origin = node  # where the table is written (a ``return`` is replaced by the dict it returns)
            if isinstance(node, ast.Return):
                # ``def _tool_router(self, name): return {"create_reservation": lambda **kw: ...}.get(name)``
                func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
                value = node.value.func.value if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) \
                    and node.value.func.attr == "get" else node.value
                if func is None or not isinstance(value, ast.Dict):
                    continue
                targets, label = [], func.name
                node = ast.Assign(targets=[], value=value, lineno=node.lineno)
            else:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                label = " ".join(t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
                                 for t in targets)
            if not isinstance(node.value, ast.Dict) or not (_REGISTRY_HINTS.search(label) or label in looked_up if model
                                                            else re.search("tool", label, re.I)):
                continue
            cls = ctx.enclosing(origin, ast.ClassDef)
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(value, ast.Dict):  # ``{name: {"schema": schema, "execute": edit_file.execute}}``
                    value = next((v for k, v in zip(value.keys, value.values) if isinstance(k, ast.Constant)
                                  and k.value in _HANDLER_KEYS), None)
                    if value is None:
                        continue
                elif not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    continue
                value = _wrapped(value)
                if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
                    if cls is not None:
                        methods.add((cls.name, value.attr))
                elif isinstance(value, (ast.Name, ast.Attribute)):
                    values.append(value)
        # Toolkit classes that name their tools: ``super().__init__(tools=[self.write_file])`` /
        # ``self.register(self.write_file)`` (Agno ``Toolkit``), ``spec_functions = ["find_lead"]``
        # (LlamaIndex ``BaseToolSpec``): each named method is one tool.
        text = ctx.text
        toolkits = "spec_functions" in text or "self." in text and ("tools" in text or "register(" in text)
        for cls in ctx.nodes_of(ast.ClassDef) if toolkits else ():
            if not _is_tool_class(cls, ctx):
                continue  # an Agno ``Toolkit``, a LlamaIndex ``BaseToolSpec``
            for node in walk(cls):
                refs: list[ast.expr] = []
                if isinstance(node, ast.Call):
                    refs = [e for kw in node.keywords if kw.arg == "tools" and isinstance(kw.value, (ast.List, ast.Tuple))
                            for e in kw.value.elts]
                    if isinstance(node.func, ast.Attribute) and node.func.attr == "register":
                        refs += node.args[:1]
                    methods |= {(cls.name, r.attr) for r in refs if isinstance(r, ast.Attribute)
                                and isinstance(r.value, ast.Name) and r.value.id == "self"}
                elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "spec_functions"
                                                          for t in node.targets) \
                        and isinstance(node.value, (ast.List, ast.Tuple)):
                    methods |= {(cls.name, e.value) for e in node.value.elts
                                if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        if not model:
            return values, methods
        for call in ctx.calls():
            inner = call.func
            if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "getattr"
                    and len(inner.args) >= 2 and isinstance(inner.args[0], ast.Name) and inner.args[0].id == "self"
                    and not isinstance(inner.args[1], ast.Constant)):
                continue
            cls = ctx.enclosing(call, ast.ClassDef)
            dispatcher = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)
            if cls is None:
                continue
            for item in cls.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_") \
                        and item is not dispatcher:
                    methods.add((cls.name, item.name))
        return values, methods
    return ctx.memo("callable-registries", memo)


def _tables_read_by_tool_name(ctx) -> set[str]:
    """Names of tables the code reads with the name of the model's tool call (``self.fn_map.get(
    func_name)`` after ``func_name = message.function_call.name``; ``HANDLERS[tool_call.function.name]``):
    whatever the table is called, its values are the tools."""
    found: set[str] = set()
    for node in ctx.nodes_of(ast.Subscript, ast.Call):
        if isinstance(node, ast.Subscript):
            table, key = node.value, node.slice
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
            table, key = node.func.value, node.args[0]
        else:
            continue
        label = table.id if isinstance(table, ast.Name) else table.attr if isinstance(table, ast.Attribute) else ""
        if label and strongly_names_a_tool(key):
            found.add(label)
    return found


def _talks_to_a_model(ctx) -> bool:
    """The file imports a model SDK or an agent framework."""
    return any(frameworks.framework_of(module) for module in set(ctx.imports.values()))


def _is_dispatcher(func) -> bool:
    """An MCP server's ``@server.call_tool()`` handler: every name it branches on is a tool."""
    return any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "call_tool"
               for d in func.decorator_list)


def _tool_loop_file(ctx) -> bool:
    """A file that reads the model's tool calls itself (``tool_use`` blocks, ``tool_calls``,
    ``function_call``): its branches on a tool's name dispatch tools even when the JSON schemas
    that declare them live in another module."""
    return ctx.memo("tool-loop-file", lambda: any(word in ctx.text for word in ("tool_use", "tool_calls", "function_call")))


def strongly_names_a_tool(expr: ast.expr) -> bool:
    """``tool_name``, ``function_name``, ``call.function.name``, ``block.name``: a name no ordinary
    ``if mode == "fast"`` carries."""
    if isinstance(expr, ast.Name):
        return expr.id in ("tool_name", "function_name", "fn_name", "func_name", "tool_call_name", "action_name")
    if isinstance(expr, ast.Attribute) and expr.attr == "name" or isinstance(expr, ast.Subscript) \
            and isinstance(expr.slice, ast.Constant) and expr.slice.value == "name":
        # ``block.name``, ``call.function.name``, ``function_call["name"]``, ``tool_call["function"]["name"]``
        holder = expr.value
        holder_name = holder.attr if isinstance(holder, ast.Attribute) else holder.id if isinstance(holder, ast.Name) \
            else holder.slice.value if isinstance(holder, ast.Subscript) and isinstance(holder.slice, ast.Constant) else ""
        return holder_name in ("function", "block", "tool_call", "tool_use", "call", "content", "part", "function_call")
    return isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and expr.slice.value in (
        "tool_name", "function_name")


def _tool_branches(func, schema_names: set[str], loose: bool = False):
    """``(branch, tool name, name expression)`` for each ``if <name> == "delete-file":`` in ``func``
    that picks a tool by name. In an MCP ``call_tool`` handler any literal counts; elsewhere (the raw
    SDKs' tool loops: ``if block.name == "bash":``, ``elif tool_call["name"] == "write_file":``) only
    the names this file declares to the model as JSON-schema tools, so an ordinary ``if mode == "fast"``
    is not mistaken for a tool."""
    mcp = _is_dispatcher(func)
    params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    if mcp and not params or not mcp and not schema_names and not loose:
        return
    names_a_tool = strongly_names_a_tool if not mcp and not schema_names else _names_a_tool
    for branch in (n for n in walk(func) if isinstance(n, ast.If)):
        for test in (branch.test.values if isinstance(branch.test, ast.BoolOp) and isinstance(branch.test.op, ast.And)
                     else [branch.test]):
            if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
                    and isinstance(test.comparators[0], ast.Constant) and isinstance(test.comparators[0].value, str)):
                continue
            name, left = test.comparators[0].value, test.left
            if mcp and isinstance(left, ast.Name) and left.id == params[0] or not mcp and \
                    (name in schema_names or not schema_names) and names_a_tool(left):
                yield branch, name, left
                break
    for match in (n for n in walk(func) if isinstance(n, ast.Match)):  # ``match block.name: case "bash":``
        subject = match.subject
        for case in match.cases:
            pattern = case.pattern
            if isinstance(pattern, ast.MatchValue) and isinstance(pattern.value, ast.Constant) \
                    and isinstance(pattern.value.value, str) and case.body:
                name = pattern.value.value
                if mcp and isinstance(subject, ast.Name) and subject.id == params[0] or not mcp and \
                        (name in schema_names or not schema_names) and names_a_tool(subject):
                    yield _Branch(case.body, pattern.lineno, pattern.col_offset), name, subject


@dataclass
class _Branch:
    """One ``case`` of a ``match`` on the tool name, shaped like the ``if`` branch it stands for."""
    body: list
    lineno: int
    col_offset: int


def _names_a_tool(expr: ast.expr) -> bool:
    """``name``, ``tool_name``, ``block.name``, ``call.function.name``, ``tool_call["name"]``."""
    if isinstance(expr, ast.Name):
        return True
    if isinstance(expr, ast.Attribute):
        return expr.attr in ("name", "tool_name", "function_name", "tool")
    return isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and \
        expr.slice.value in ("name", "tool_name", "function_name", "tool")


def _dispatched(defs: list, ctx, schema_names: set[str]) -> set[str]:
    """Handlers a dispatcher routes to by tool name: the functions an MCP ``@server.call_tool()``
    handler calls with its ``arguments`` (the low-level ``mcp.server.Server`` form), and the
    functions a raw tool loop calls in a branch for one of its declared tools
    (``if block.name == "bash": return run_bash(block.input["command"])``)."""
    names: set[str] = set()
    for func in defs:
        if _is_dispatcher(func):
            params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
            for call in walk(func):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call_uses(call, params):
                    names.add(call.func.id)
            continue
        for branch, _, left in _tool_branches(func, schema_names, _tool_loop_file(ctx)):
            carried = {a.arg for a in (*func.args.posonlyargs, *func.args.args)} | _root_names(left)
            for stmt in branch.body:
                for call in walk(stmt):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call_uses(call, carried):
                        names.add(call.func.id)
    return names


def _root_names(expr: ast.expr) -> set[str]:
    """``block`` of ``block.name``, ``tool_call`` of ``tool_call["name"]``: the object that also
    carries the model's arguments (``block.input``)."""
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return {expr.id} if isinstance(expr, ast.Name) else set()


def _dispatch_branches(defs: list, ctx, schema_names: set[str]) -> list[ToolDef]:
    """Tools a dispatcher implements inline, one branch per tool name (``if name == "delete-file":
    shutil.rmtree(path)``): an MCP ``@server.call_tool()`` handler, or a raw SDK tool loop branching on
    a declared tool's name. Each becomes a tool whose body is its branch and whose parameters are the
    dispatcher's, plus the object the name was read from (``block`` of ``block.name``, so
    ``block.input["command"]`` counts as the model's). It is declared where ``types.Tool(name=...)``
    announces it, else at the branch."""
    found: list[ToolDef] = []
    for func in defs:
        for branch, name, left in _tool_branches(func, schema_names, _tool_loop_file(ctx)):
            roots = _root_names(left) if not isinstance(left, ast.Name) else set()
            # ``args = json.loads(call.function.arguments)`` before the branch: the model's arguments too
            derived = propagate(func, roots) if roots else set()
            extra = [ast.arg(arg=n) for n in sorted(roots | derived)]
            args = ast.arguments(posonlyargs=list(func.args.posonlyargs), args=[*func.args.args, *extra],
                                 vararg=func.args.vararg, kwonlyargs=list(func.args.kwonlyargs),
                                 kw_defaults=list(func.args.kw_defaults), kwarg=func.args.kwarg,
                                 defaults=list(func.args.defaults))
            body = ast.FunctionDef(name=func.name, args=args, body=branch.body, decorator_list=[], returns=None,
                                   lineno=_announced_at(name, ctx) or branch.lineno,
                                   col_offset=branch.col_offset, end_lineno=branch.body[-1].end_lineno,
                                   end_col_offset=branch.body[-1].end_col_offset)
            if "type_params" in ast.FunctionDef._fields:
                body.type_params = []
            if capabilities(body, ctx, {}) or _hands_to_project_code(body, ctx):
                found.append(ToolDef(name, body, "dispatch"))
    return found


def _hands_to_project_code(body: ast.AST, ctx) -> bool:
    """A branch that calls the project's own code (``self.tools.run_shell(command)``, an imported
    helper): what the tool does is read in the project pass."""
    for call in (n for n in walk(body) if isinstance(n, ast.Call)):
        if isinstance(call.func, ast.Attribute) and method_on_project_object(call, ctx):
            return True
        if isinstance(call.func, ast.Name) and "." in (target := ctx.imports.get(call.func.id, "")) \
                and _project_module(target, ctx):
            return True
    return False


def _announced_at(name: str, ctx) -> int | None:
    """The line of ``types.Tool(name="delete-file", ...)``: where the server declares the tool."""
    for call in ctx.calls():
        if (ctx.qualname(call.func) or "").split(".")[-1] == "Tool" and any(
                kw.arg == "name" and isinstance(kw.value, ast.Constant) and kw.value.value == name for kw in call.keywords):
            return call.lineno
    return None


def schema_tool_names(ctx) -> set[str]:
    """Functions declared to the model as JSON-schema tools in this file (the raw SDKs' form:
    ``{"name": "execute_bash", "parameters": {...}}``, Anthropic's ``input_schema``, MCP's
    ``inputSchema``, Gemini's ``types.FunctionDeclaration(name=..., parameters=...)``), dispatched by name to a function of the same name."""
    names = set()
    schema_keys = {"parameters", "input_schema", "inputSchema", "parameters_json_schema"}
    for node in ctx.nodes_of(ast.Dict):
        keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        name = keys.get("name")
        if isinstance(name, ast.Constant) and isinstance(name.value, str) and keys.keys() & schema_keys:
            names.add(name.value)
    for node in ctx.calls():  # ``types.FunctionDeclaration(name="run_python_file", parameters=...)``
        keys = {kw.arg: kw.value for kw in node.keywords if kw.arg}
        name = keys.get("name")
        if isinstance(name, ast.Constant) and isinstance(name.value, str) and keys.keys() & schema_keys:
            names.add(name.value)
    return names


def _tool_name(node, call: ast.Call | None) -> str:
    if call is not None:
        for arg in call.args[:1]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return arg.value
        for kw in call.keywords:
            if kw.arg in ("name", "name_override") and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                return kw.value.value
    return node.name


# Base classes a project's own tool framework uses (``class WriteFileTool(ToolInterface)``,
# ``class Search(BaseToolkit)``, ``class Files(Toolkit)``).
_TOOL_BASE_NAME = re.compile(r"(?:Tool|Toolkit|ToolSpec)$|^(?:Base|Abstract)?Tool(?:Interface|Base|Protocol|ABC)$")


def _is_tool_class(node: ast.ClassDef, ctx) -> bool:
    for base in node.bases:
        qn = ctx.qualname(base) or ""
        last = qn.split(".")[-1]
        if _TOOL_BASE_NAME.search(last) or last in TOOL_BASES:
            return True
    return bool(node.bases) and _declares_a_schema(node)


def _declares_a_schema(node: ast.ClassDef) -> bool:
    """A class of a project's own tool base that carries the JSON schema the model is shown
    (``specification = {"name": "execute_bash_code", "parameters": {...}}``): each subclass is one tool."""
    for stmt in node.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Dict):
            keys = {k.value for k in value.keys if isinstance(k, ast.Constant)}
            if "name" in keys and keys & {"parameters", "input_schema", "inputSchema"}:
                return True
    return False


def _class_tool_name(node: ast.ClassDef) -> str:
    for stmt in node.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and stmt.targets else getattr(stmt, "target", None)
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and target.id == "name" and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return node.name


def _is_literal_command(expr: ast.expr | None) -> bool:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return True
    if isinstance(expr, (ast.List, ast.Tuple)):
        return all(isinstance(e, ast.Constant) for e in expr.elts)
    return False


def _may_be_true(value: ast.expr, at: ast.AST, ctx) -> bool:
    """``True``, or a local flag some branch of the function sets to ``True`` (``shell=shell_mode``
    after ``shell_mode = True`` in a fallback strategy)."""
    if isinstance(value, ast.Constant):
        return value.value is True
    if not isinstance(value, ast.Name):
        return False
    func = ctx.enclosing(at, ast.FunctionDef, ast.AsyncFunctionDef)
    return func is not None and any(
        isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and n.value.value is True
        and any(isinstance(t, ast.Name) and t.id == value.id for t in n.targets) for n in walk(func))


def shell_call(call: ast.Call, ctx) -> str | None:
    """Name of the shell-spawning API if ``call`` runs a shell command, else None."""
    qn = ctx.qualname(call.func) or ""
    if qn in SHELL_CALLS:
        return qn
    if qn in SUBPROCESS and any(kw.arg == "shell" and _may_be_true(kw.value, call, ctx) for kw in call.keywords):
        return f"{qn}(shell=True)"
    argv = call.args[0] if call.args else None
    if qn in SUBPROCESS | {"asyncio.create_subprocess_exec"} and argv is not None:
        # ``["bash", "-c", cmd]``, ``["powershell", "-Command"] + command.split()``, a name bound to either
        parts = _argv(argv, ctx, call) if not qn.endswith("_exec") else [argv]
        first = parts[0] if parts and (qn.endswith("_exec") or isinstance(_sdk.resolve_node(argv, ctx, call) if isinstance(argv, ast.Name) else argv, (ast.List, ast.Tuple, ast.BinOp))) else None
        name = first.value.rsplit("/", 1)[-1].lower() if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
        if name in SHELL_BINARIES:  # ``["bash", "-c", cmd]``, ``["pwsh", "-Command", cmd]``: a shell all the same
            return f"{qn}({first.value})"
        # ``[_PWSH, "-NoProfile", "-Command", wrapped]``, ``[shell_path, "-c", cmd]``: whatever the binary is
        # called, a command-string flag followed by text built at run time is a shell command line
        # (an interpreter named in the code, ``python -c``, is left to ``interpreter_run``).
        if first is not None and not name and ctx.qualname(first) != "sys.executable":
            for flag, after in zip(parts, parts[1:]):
                if isinstance(flag, ast.Constant) and flag.value in _COMMAND_FLAGS and not isinstance(after, ast.Constant):
                    return f"{qn}([<shell>, {flag.value}, ...])"
    return _session_shell(call, qn, ctx)


# A shell started from an argument list (``create_subprocess_exec("/bin/bash", ...)``); one started with
# ``create_subprocess_shell(...)`` is already reported where it starts, once for the one problem.
_SPAWNS_SHELL = re.compile(r"""(?:Popen|create_subprocess_exec|spawn)\(\s*\[?\s*(?:self\.\w+\s*,\s*)?["'](?:/(?:usr/)?bin/)?(?:ba|z|da)?sh["']""")


def _stdin_shell(call: ast.Call, ctx) -> bool:
    """``self._process.stdin.write(command.encode() + ...)`` in a file that starts a shell process and
    keeps it (Anthropic's computer-use bash tool, persistent terminal tools): each write is a command
    line for that shell."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("write", "writelines") and isinstance(func.value, ast.Attribute)
            and func.value.attr == "stdin" and call.args and not isinstance(call.args[0], ast.Constant)):
        return False
    return ctx.memo("spawns-shell", lambda: bool(_SPAWNS_SHELL.search(ctx.text)))


def _session_shell(call: ast.Call, qn: str, ctx) -> str | None:
    """A command line handed to a library's shell session (``child.sendline(cmd)`` on a pexpect
    shell, ``ssh.exec_command(cmd)``, fabric's ``conn.run(cmd)``): the library is imported by the
    file, and the receiver is that library or an object the file holds, not another module."""
    if not isinstance(call.func, ast.Attribute) or not call.args or isinstance(call.args[0], ast.Constant):
        return None
    if _stdin_shell(call, ctx):
        return "stdin of a shell process"
    method = call.func.attr
    if method not in _actions()["shell_method_names"]:
        return None
    root = call.func.value
    while isinstance(root, (ast.Attribute, ast.Call)):
        root = root.value if isinstance(root, ast.Attribute) else root.func
    imported = ctx.imports.get(root.id, "").split(".")[0] if isinstance(root, ast.Name) else ""
    for library, methods in _actions()["shell_methods"].items():
        if method in methods and imported in ("", library) \
                and any(m == library or m.startswith(library + ".") for m in ctx.imported_modules):
            return f"{library} {method}"
    return None


# Flags that hand the next argument to a shell as a command line (sh/bash/zsh ``-c``, PowerShell
# ``-Command`` / ``-EncodedCommand``, cmd.exe ``/c``).
_COMMAND_FLAGS = {"-c", "-Command", "-command", "-EncodedCommand", "/c", "/C", "/k", "/K"}


def _argv(expr: ast.expr, ctx, at: ast.AST) -> list[ast.expr]:
    """The elements of an argument list, following a name to its assignment and joining
    ``["python3", path] + list(args)`` (a part that is not a list literal stands as itself)."""
    expr = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
    if isinstance(expr, (ast.List, ast.Tuple)):
        return list(expr.elts)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _argv(expr.left, ctx, at) + _argv(expr.right, ctx, at)
    return [expr] if expr is not None else []


def interpreter_run(call: ast.Call, qn: str, ctx) -> str:
    """``subprocess.run(["python3", path])``, ``[sys.executable, script]``, ``["node", file]``: a
    language interpreter started on a script or code chosen at run time runs whatever it holds."""
    if qn not in SUBPROCESS | {"asyncio.create_subprocess_exec"} or not call.args:
        return ""
    argv = list(call.args) if qn.endswith("_exec") else _argv(call.args[0], ctx, call)
    launcher = ""
    if len(argv) > 2 and _constant_name(argv[0]) in LAUNCHERS and _constant_name(argv[1]) == "run":
        # ``uv run script.py`` / ``poetry run python script.py``: the project's interpreter runs it
        launcher, argv = _constant_name(argv[0]), argv[2:]
        if not re.fullmatch(INTERPRETERS, _constant_name(argv[0])):
            argv = [ast.Constant("python"), *argv]
    if len(argv) < 2:
        return ""
    if all(isinstance(a, ast.Constant) for a in argv[1:]) and not _script_written_here(argv[1:], call, ctx):
        return ""
    if len(argv) > 2 and isinstance(argv[1], ast.Constant) and argv[1].value == "-m" and isinstance(argv[2], ast.Constant):
        return ""  # ``python -m pip install ...``: a fixed module runs, not a script or code chosen at run time
    first = argv[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        name = first.value.rsplit("/", 1)[-1].lower()
    else:
        name = "python" if ctx.qualname(first) == "sys.executable" else ""
    if not re.fullmatch(INTERPRETERS, name):
        return ""
    return f"{qn}([{launcher} run, {name}, ...])" if launcher else f"{qn}([{name}, ...])"


def _constant_name(expr: ast.expr) -> str:
    return expr.value.rsplit("/", 1)[-1].lower() if isinstance(expr, ast.Constant) and isinstance(expr.value, str) else ""


def _script_written_here(args: list, call: ast.Call, ctx) -> bool:
    """``open("temp_code.py", "w").write(code)`` and then ``[sys.executable, "temp_code.py"]`` in the same
    function: the script's name is fixed, its content is not."""
    names = {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    func = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef) if names else None
    if func is None:
        return False
    for node in walk(func):
        if isinstance(node, ast.Call) and node.args and _is_fs_write(node, ctx.qualname(node.func) or "",
                                                                       getattr(node.func, "attr", ""), ctx):
            target = _sdk.resolve_node(node.args[0], ctx, node) if isinstance(node.args[0], ast.Name) else node.args[0]
            if isinstance(target, ast.Constant) and target.value in names:
                return True
    return False


def argv_run(call: ast.Call, qn: str, ctx) -> str:
    """A program run without a shell on an argument list the code computes from a string:
    ``subprocess.run(command.split())`` / ``shlex.split(cmd)`` (the string picks the program), or
    ``["kubectl"] + command.split()`` / ``["git", *args.split()]`` (the program is fixed, the string
    picks its verb: ``delete``, ``push --force``). Whoever writes the string runs any command that
    program has. A fixed verb with a chosen value (``["systemctl", "restart", name]``) is not one."""
    if qn not in SUBPROCESS | {"asyncio.create_subprocess_exec"} or not call.args:
        return ""
    first = call.args[0]
    if isinstance(first, ast.Name):
        first = _sdk.resolve_node(first, ctx, call) or first
    def written(expr: ast.expr) -> bool:  # ``flags = ["-rn"] if recursive else ["-n"]``: options the code wrote
        if isinstance(expr, ast.Starred):
            expr = expr.value
        if isinstance(expr, ast.Name):
            expr = _sdk.resolve_node(expr, ctx, call) or expr
        if isinstance(expr, ast.IfExp):
            return written(expr.body) and written(expr.orelse)
        return isinstance(expr, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in expr.elts)
    if qn.endswith("_exec"):
        parts = [("spread" if isinstance(a, ast.Starred) else "item", a) for a in call.args]
    elif _splits_a_string(first):
        return f"{qn}(<argv split from a string>)"
    else:
        parts = _argv_parts(first)
    if len(parts) < 2 or parts[0][0] != "item" or not (isinstance(parts[0][1], ast.Constant)
                                                     and isinstance(parts[0][1].value, str)):
        return ""
    kind, second = parts[1]
    if kind == "spread" and not written(second):
        return f"{qn}([{parts[0][1].value.rsplit('/', 1)[-1]}, <arguments built at run time>])"
    return ""


def _splits_a_string(expr: ast.expr) -> bool:
    """``command.split()``, ``shlex.split(command)`` of a string that is not written in the code."""
    if not isinstance(expr, ast.Call) or not isinstance(expr.func, (ast.Attribute, ast.Name)):
        return False
    name = expr.func.attr if isinstance(expr.func, ast.Attribute) else expr.func.id
    if name != "split":
        return False
    source = expr.args[0] if isinstance(expr.func, ast.Name) or (
        isinstance(expr.func.value, ast.Name) and expr.func.value.id == "shlex") else expr.func.value
    return bool(expr.args) if source is None else not isinstance(source, ast.Constant)


def _argv_parts(expr: ast.expr) -> list[tuple[str, ast.expr]]:
    """The pieces of an argument list: ``("item", e)`` for an element written in a list literal,
    ``("spread", e)`` for a piece whose length is decided at run time (``*args``,
    ``["kubectl"] + command.split()``, ``["git"] + args``)."""
    if isinstance(expr, (ast.List, ast.Tuple)):
        return [("spread", e.value) if isinstance(e, ast.Starred) else ("item", e) for e in expr.elts]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _argv_parts(expr.left) + _argv_parts(expr.right)
    return [("spread", expr)]


def capabilities(root: ast.AST, ctx, functions: dict[str, ast.AST], depth: int = 0, own_methods: bool = False) -> list[Capability]:
    """What the code under ``root`` can do, following calls to functions in the same file two levels
    down (a tool -> ``send_plain_email`` -> ``_send_with_retry``, where the client call is), and,
    with ``own_methods``, the ``self.`` methods of a class method one level down."""
    found: list[Capability] = []
    for node in walk(root):
        if not isinstance(node, ast.Call):
            continue
        qn = ctx.qualname(node.func) or ""
        last = qn.split(".")[-1] if qn else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if (acting := command_action(node, qn, ctx)):
            found.append(acting)  # ``os.system("shutdown /s")``, ``f"kubectl scale deployment {name} ..."``
        shell = shell_call(node, ctx)
        if shell:
            # ``create_subprocess_exec("bash", "-c", cmd)`` spreads the command over its arguments
            command = ast.List(elts=list(node.args)) if qn.endswith("_exec") else node.args[0] if node.args else None
            if isinstance(command, ast.Name):  # ``command_str = "uptime"; os.popen(command_str)``
                command = _sdk.resolve_node(command, ctx, node) or command
            if not _is_literal_command(command):
                found.append(Capability("shell", node, shell))
        elif qn in ("eval", "exec", "builtins.eval", "builtins.exec") and node.args and not isinstance(node.args[0], ast.Constant):
            found.append(Capability("exec", node, qn))
        elif (last in ("to_thread", "run_in_executor") or last == "partial") and (handed := _handed_eval(node)):
            found.append(Capability("exec", node, handed))  # ``await asyncio.to_thread(eval, expression, ...)``
        elif last in ("to_thread", "run_in_executor", "partial") and (handed := _handed_action(node, ctx)):
            found.append(handed)  # ``await asyncio.to_thread(client.post_order, order)``
        elif (interpreter := interpreter_run(node, qn, ctx)):
            found.append(Capability("exec", node, interpreter))
        elif (argv := argv_run(node, qn, ctx)):
            found.append(Capability("shell", node, argv))
        elif qn in DELETE_CALLS or (isinstance(node.func, ast.Attribute) and node.func.attr in ("unlink", "rmdir", "rmtree")):
            scope = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
            if not _temp_cleanup(node, root) and not (scope is not None and _temp_cleanup(node, scope)) \
                    and not _recovery_cleanup(node, root, ctx):
                found.append(Capability("delete", node, qn or node.func.attr))
        elif isinstance(node.func, ast.Attribute) and node.args and not isinstance(node.args[0], ast.Constant) \
                and (kernel := _library_method(node, ctx, only=("exec",))):
            found.append(kernel)  # ``kernel_client.execute(code)``: a local Jupyter kernel runs it
        elif last in ("execute", "executemany", "executescript") and node.args:
            text = _sql_text(node, ctx)
            if text and SQL_WRITE.match(text):
                found.append(Capability("sql-write", node, text.split()[0].upper()))
        elif last in ("fetch", "fetchrow", "fetchval") and node.args and SQL_WRITE.match(_sql_text(node, ctx)):
            # asyncpg runs ``UPDATE ... RETURNING *`` through ``fetch``
            found.append(Capability("sql-write", node, _sql_text(node, ctx).split()[0].upper()))
        elif _is_fs_write(node, qn, last, ctx):
            found.append(Capability("fs-write", node, qn or last))
        elif _is_http(qn, last) or last in HTTP_METHODS and isinstance(node.func, ast.Attribute) \
                and http_models.client_object(node.func, ctx):
            # ``async with httpx.AsyncClient() as client: await client.request(method, url)``
            found.append(_http_capability(node, qn, last, ctx))
        elif last in _actions()["message_methods"]:
            found.append(Capability("message", node, last))
        elif (module_api := _module_api_action(qn, last)) is not None:
            found.append(Capability(module_api, node, qn))
        elif isinstance(node.func, ast.Attribute) and (library := _library_method(node, ctx)):
            found.append(library)
        elif isinstance(node.func, ast.Attribute) and (google := _google_api_action(node, ctx)):
            found.append(google)
        elif isinstance(node.func, ast.Attribute) and (client := _client_action(node, ctx)):
            found.append(client)
        elif isinstance(node.func, ast.Attribute) and _deletes(node.func.attr):
            found.append(Capability("destroy", node, node.func.attr))
        elif isinstance(node.func, ast.Attribute) and node.func.attr in _actions()["change_methods"]:
            found.append(Capability("change", node, node.func.attr))  # ``customers.update_one({...}, {"$set": ...})``
        elif isinstance(node.func, ast.Attribute) and (chained := _chained_action(node, ctx)):
            found.append(chained)
        elif (action := _api_action(node, last) or _method_by_name(node, last, ctx)):
            found.append(action)
        elif depth < 2 and (handed := handed_function(node, last, functions)) is not None:
            # ``await asyncio.to_thread(_send_email_sync, config, to, body)``: the runner calls it
            if handed is not root:
                ref = next(a for a in (*node.args[:2], *(kw.value for kw in node.keywords))
                           if isinstance(a, ast.Name) and a.id == handed.name)  # a real node: qualnames are memoised by id
                rest = list(node.args[node.args.index(ref) + 1:]) if ref in node.args else []
                stand_in = ast.copy_location(ast.Call(func=ref, args=rest, keywords=[]), node)
                inner = capabilities(handed, ctx, functions, depth + 1)
                found.extend(_with_caller_verb(c, handed, stand_in, ctx) for c in inner)
        elif depth < 2 and isinstance(node.func, ast.Name) and node.func.id in functions:
            target = functions[node.func.id]
            if target is not root:
                inner = [c for c in capabilities(target, ctx, functions, depth + 1) if not _verb_written_by_caller(c, target, node, ctx)]
                found.extend(_with_caller_verb(c, target, node, ctx) for c in inner)
                if node.args and any(c.kind == "shell" for c in inner) and \
                        (acting := command_action(ast.copy_location(ast.Call(func=node.func, args=node.args[:1], keywords=[]), node),
                                                  "os.system", ctx)):
                    # ``run_kubectl(f"kubectl scale deployment {name} ...")``: the command the tool hands its shell runner
                    found.append(Capability(acting.kind, node, acting.detail))
        elif depth == 0 and (functions or own_methods) and (method := _own_method(node, root, ctx)) is not None:
            # ``self._send_via_smtp(...)`` from a tool defined in a method of the same class, or
            # ``self._request("POST", path)`` from a method of a project client class
            found.extend(_with_caller_verb(c, method, node, ctx) for c in capabilities(method, ctx, functions, depth + 1))
    if depth == 0 and any(c.detail.endswith(" graphql") for c in found) and _graphql_mutation(root):
        found = [Capability("change", c.node, f"{c.detail} mutation", http=True, verb=c.verb)
                 if c.detail.endswith(" graphql") else c for c in found]
    return found


_MUTATION = re.compile(r"^\s*mutation\b")


def _graphql_mutation(root: ast.AST) -> bool:
    """The code writes a GraphQL mutation document (``mutation { closeIssue(...) }``)."""
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and _MUTATION.match(n.value)
               for n in walk(root))


def _own_method(call: ast.Call, root: ast.AST, ctx) -> ast.AST | None:
    """The method ``self.name(...)`` calls, when ``root`` (a tool, or a function nested in a method)
    sits in a class that defines it."""
    if not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "self") or isinstance(root, ast.ClassDef):
        return None
    cls = ctx.enclosing(root, ast.ClassDef) if ctx.parent(root) is not None else None
    if cls is None:
        return None
    for item in cls.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == call.func.attr and item is not root:
            return item
    return None


_RUNNERS = SHELL_CALLS | SUBPROCESS | {"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell"}


def command_action(node: ast.Call, qn: str, ctx) -> Capability | None:
    """A command that acts, whatever else it runs: ``shutdown``, ``git push``, ``kubectl scale`` in the
    literal text of a command run by ``os.system`` / ``subprocess`` / a shell session (the parts the
    code writes; the model's arguments stand as gaps)."""
    if qn not in _RUNNERS and not _session_shell(node, qn, ctx) or not node.args:
        return None
    if qn.endswith("_exec"):
        return _acting_command(list(node.args), node)
    arg = node.args[0]
    # ``for cmd in ["git add .", "git push origin main"]: subprocess.run(cmd, shell=True)``
    options = _loop_values(arg, ctx) if isinstance(arg, ast.Name) else [arg]
    if options == [arg]:
        options = [_sdk.resolve_node(arg, ctx, node) if isinstance(arg, ast.Name) else arg]
    for first in options:
        parts = _argv(first, ctx, node) if isinstance(first, (ast.List, ast.Tuple, ast.BinOp)) else [first]
        if (found := _acting_command(parts, node)):
            return found
    return None


def _acting_command(parts: list, node: ast.Call) -> Capability | None:
    words = []
    open_ended = False
    for part in parts:
        text = _literal_text(part)
        if text is None:
            open_ended = True
            break  # the program or verb is chosen at run time from here on
        words += text.split()
        if isinstance(part, ast.JoinedStr) and not text.endswith(" "):
            break
        if isinstance(part, ast.JoinedStr) and text != _whole_text(part):
            open_ended = True
            break
    while words and words[0] in ("sudo", "doas"):
        words = words[1:]
    if not words:
        return None
    words[0] = words[0].rsplit("/", 1)[-1].lower()
    line = " ".join(words)
    for kind, commands in _actions()["commands"].items():
        for command in commands:
            if line == command or line.startswith(command + " "):
                return Capability(kind, node, command)
    if open_ended and len(words) == 1:
        # ``["kubectl"] + command.split()``, ``f"kubectl {command}"``: whoever writes the rest picks
        # the verb, ``delete`` and ``drain`` included.
        verbs = {kind for kind, commands in _actions()["commands"].items()
                 for command in commands if command.startswith(words[0] + " ")}
        if verbs:
            kind = "destroy" if "destroy" in verbs else "change"
            return Capability(kind, node, f"{words[0]} <any verb>")
    return None


def _whole_text(expr: ast.JoinedStr) -> str | None:
    """An f-string's text when it holds no interpolation at all."""
    return "".join(v.value for v in expr.values) if all(isinstance(v, ast.Constant) for v in expr.values) else None


def _literal_text(expr: ast.expr) -> str | None:
    """The text a command string starts with: a constant whole, an f-string up to its first
    interpolation (``f"kubectl scale deployment {name}"`` -> ``"kubectl scale deployment "``)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        text = ""
        for value in expr.values:
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                return text
            text += value.value
        return text
    return None


def _chained_action(node: ast.Call, ctx) -> Capability | None:
    """``notion.blocks.children.append(...)``: a ``resource.method`` of a library client, in a file
    that imports the library."""
    holder = node.func.value
    if not isinstance(holder, ast.Attribute):
        return None
    key = f"{holder.attr}.{node.func.attr}"
    for library, methods in _actions()["chained_methods"].items():
        if key in methods and any(m == library or m.startswith(library + ".") for m in ctx.imported_modules):
            return Capability(methods[key], node, key)
    return None


def _verb_written_by_caller(cap: Capability, helper: ast.AST, call: ast.Call, ctx) -> bool:
    """A helper that runs a fixed program on the argument list it is handed
    (``create_subprocess_exec("git", *command)``), called here with a list whose verb the code
    wrote (``run_git(repo, ["log", "--oneline", "-n", str(n)])``): this caller picks no command."""
    open_verb = cap.kind == "shell" and "<arguments built at run time>" in cap.detail or cap.detail.endswith("<any verb>")
    if not open_verb or not isinstance(cap.node, ast.Call):
        return False
    args = cap.node.args if len(cap.node.args) > 1 else _argv_parts(cap.node.args[0]) if cap.node.args else []
    spread = [a.value if isinstance(a, ast.Starred) else a for a in args[1:]] if len(cap.node.args) > 1 else \
        [e for kind, e in args[1:] if kind == "spread"]
    params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)] \
        if isinstance(helper, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    if not spread or not all(isinstance(e, ast.Name) and e.id in params for e in spread):
        return False
    for expr in spread:
        index = params.index(expr.id)
        given = call.args[index] if index < len(call.args) and not any(
            isinstance(a, ast.Starred) for a in call.args[:index + 1]) else \
            next((k.value for k in call.keywords if k.arg == expr.id), None)
        if isinstance(given, ast.Name):  # ``command = ["log", "-S", text]`` ... ``run_git(repo, command)``
            given = _sdk.resolve_node(given, ctx, call) or given
        if not (isinstance(given, (ast.List, ast.Tuple)) and given.elts and isinstance(given.elts[0], ast.Constant)
                and isinstance(given.elts[0].value, str)):
            return False
    return True


def _with_caller_verb(cap: Capability, helper: ast.AST, call: ast.Call, ctx) -> Capability:
    """A request helper whose HTTP method is a parameter (``make_request(method, endpoint)`` ->
    ``client.request(method, url)``, or ``urllib.request.Request(url, method=method)``), called here
    with the method written out: ``"GET"`` reads, ``"DELETE"`` deletes, ``"PUT"`` / ``"PATCH"``
    change a remote resource. The helper alone knew only the host."""
    node = cap.node
    if not cap.http or not isinstance(node, ast.Call):
        return cap
    last = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id if isinstance(node.func, ast.Name) else ""
    chosen = _method_expr(node, last, ctx)
    if not isinstance(chosen, ast.Name):
        return cap
    params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)] \
        if isinstance(helper, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    if chosen.id not in params:
        return cap
    index = params.index(chosen.id) - (1 if params and params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute) else 0)
    given = call.args[index] if 0 <= index < len(call.args) else next(
        (k.value for k in call.keywords if k.arg == chosen.id), None)
    if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
        return cap
    verb = given.value.upper()
    where = cap.detail.split(" ", 1)[-1]
    if verb in ("GET", "HEAD", "OPTIONS"):
        return Capability("http", node, f"{where} ({verb})", http=True)
    if verb == "DELETE":
        return Capability("http-delete", node, f"{where} (DELETE)", http=True)
    if cap.kind == "http" and verb in ("PUT", "PATCH"):
        return Capability("change", node, f"{where} ({verb})", http=True)
    if cap.kind == "http":
        return Capability("http", node, f"{cap.detail} POST" if verb == "POST" else cap.detail, http=True, verb=verb)
    return Capability(cap.kind, node, cap.detail.replace("?", verb, 1), http=True)


# Calls that run a function they are handed, with the arguments after it.
RUNNERS = {"to_thread", "run_in_executor", "submit", "run_sync", "create_task", "add_task", "partial", "Thread", "Process",
           "apply_async", "start_soon"}


def same_file_helpers(root: ast.AST, ctx, depth: int = 2, callees=None) -> list[ast.AST]:
    """Module-level functions of this file that ``root`` calls or hands to a runner, ``depth`` levels
    down (``send_email`` -> ``asyncio.to_thread(_send_email_sync, ...)``). ``callees(call, functions)``,
    when given, says which functions a call runs instead."""
    functions = {n.name: n for n in ctx.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    callees = callees or _called_or_handed
    found, frontier = [], [root]
    for _ in range(depth):
        nxt = []
        for body in frontier:
            for call in (n for n in walk(body) if isinstance(n, ast.Call)):
                for target in callees(call, functions):
                    if target is not root and target not in found:
                        found.append(target)
                        nxt.append(target)
        frontier = nxt
    return found


def _called_or_handed(call: ast.Call, functions: dict) -> list[ast.AST]:
    if isinstance(call.func, ast.Name) and call.func.id in functions:
        return [functions[call.func.id]]
    last = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    handed = handed_function(call, last, functions)
    return [handed] if handed is not None else []


def handed_function(call: ast.Call, last: str, functions: dict) -> ast.AST | None:
    """The same-file function a runner is handed (``asyncio.to_thread(_send_sync, ...)``,
    ``loop.run_in_executor(None, _write, path)``, ``Thread(target=_job)``), or None."""
    if last not in RUNNERS:
        return None
    for arg in (*call.args[:2], *(kw.value for kw in call.keywords if kw.arg in ("target", "func", "fn"))):
        if isinstance(arg, ast.Name) and arg.id in functions:
            return functions[arg.id]
    return None


def _handed_action(call: ast.Call, ctx) -> Capability | None:
    """A client method handed to a runner with its arguments after it (``asyncio.to_thread(
    client.post_order, order)``, ``loop.run_in_executor(None, api.delete_bucket, name)``): judged as
    the call it stands for, and found at the runner's line."""
    args = call.args
    for i, arg in enumerate(args[:2]):
        if isinstance(arg, ast.Attribute) and not (isinstance(arg.value, ast.Name) and arg.value.id == "self"):
            stand_in = ast.copy_location(ast.Call(func=arg, args=list(args[i + 1:]), keywords=[]), call)
            action = _client_action(stand_in, ctx) or _library_method(stand_in, ctx) or _chained_action(stand_in, ctx) \
                or (Capability("destroy", stand_in, arg.attr) if _deletes(arg.attr) else None)
            if action is not None and action.kind in DESTRUCTIVE_KINDS:
                return Capability(action.kind, call, action.detail)
    return None


def _handed_eval(call: ast.Call) -> str:
    """``eval`` / ``exec`` handed to a runner with the code after it (``asyncio.to_thread(eval, expr)``,
    ``loop.run_in_executor(None, exec, code)``, ``functools.partial(eval, expr)``)."""
    args = call.args
    for i, arg in enumerate(args[:-1]):
        if isinstance(arg, ast.Name) and arg.id in ("eval", "exec") and not isinstance(args[i + 1], ast.Constant):
            return arg.id
    return ""


def _names(expr: ast.AST) -> set[str]:
    return {n.id for n in walk(expr) if isinstance(n, ast.Name)}


# Modules whose ``open`` takes the path first and the mode second, like the builtin; any other
# ``x.open(...)`` is taken for ``Path.open(mode)``.
_PATH_FIRST_OPENERS = frozenset({"io", "codecs", "gzip", "bz2", "lzma", "aiofiles", "os", "builtins", "tarfile", "zipfile",
                                 "webbrowser", "PIL", "Image", "fsspec", "smart_open", "wave", "shelve", "dbm"})


_PATH_NAME = re.compile(r"path|file|name|dir|dest|out|fp$|^f$|^p$", re.I)


def _is_fs_write(node: ast.Call, qn: str, last: str, ctx=None) -> bool:
    if qn == "open" or (qn.endswith(".open") and isinstance(node.func, ast.Attribute)):
        # ``open(path, "w")``, ``io.open(path, "w")``; ``Path(path).open("w")`` takes the mode first
        on_path = qn.endswith(".open") and qn.split(".")[0] not in _PATH_FIRST_OPENERS
        position = 0 if on_path else 1
        mode = node.args[position] if len(node.args) > position else next((k.value for k in node.keywords if k.arg == "mode"), None)
        if isinstance(mode, ast.Name) and ctx is not None:
            value = _sdk.resolve_node(mode, ctx, node)
            mode = value if isinstance(value, (ast.Constant, ast.IfExp)) else mode
        if isinstance(mode, ast.Name) and ctx is not None:
            # ``mode = params["file_write_mode"]`` ... ``if mode not in ("w", "a"): return`` ... ``open(p, mode)``
            func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
            return func is not None and any(
                isinstance(c, ast.Compare) and _names(c.left) == {mode.id} and any(
                    isinstance(v, ast.Constant) and isinstance(v.value, str) and WRITE_MODES.search(v.value)
                    for comp in c.comparators for v in walk(comp))
                for c in walk(func))
        modes = [mode.body, mode.orelse] if isinstance(mode, ast.IfExp) else [mode]  # ``"a" if append else "w"``
        return any(isinstance(m, ast.Constant) and isinstance(m.value, str) and bool(WRITE_MODES.search(m.value))
                   for m in modes)
    if qn in FS_WRITE_CALLS:
        return True
    if isinstance(node.func, ast.Attribute) and node.func.attr in SAVE_METHODS:
        if not node.args or not isinstance(node.args[0], (ast.Name, ast.Attribute, ast.JoinedStr, ast.BinOp, ast.Call)):
            return False
        if node.func.attr == "save" and isinstance(node.args[0], ast.Name):
            # ``image.save(out_path)`` writes a file; ``store.save(reservation)`` / ``repo.save(user)`` persists a
            # record: a bare name is a path only when it is called one or was built as one
            held = _sdk.resolve_node(node.args[0], ctx, node) if ctx is not None else None
            return bool(_PATH_NAME.search(node.args[0].id)) or isinstance(held, (ast.JoinedStr, ast.BinOp)) \
                or isinstance(held, ast.Call) and (ctx.qualname(held.func) or "").rsplit(".", 1)[-1] in ("join", "Path", "abspath")
        return True
    if not isinstance(node.func, ast.Attribute) or node.func.attr not in FS_WRITE_METHODS:
        return False
    # ``Path.replace(target)`` moves a file; ``str.replace(old, new)`` does not.
    return node.func.attr != "replace" or len(node.args) == 1


def _http_capability(node: ast.Call, qn: str, last: str, ctx) -> Capability:
    """An HTTP call, and what it does: DELETE removes something; PUT / PATCH replace or edit a remote
    resource, whatever the host; POST / PUT / PATCH to a payment or messaging API
    (``rules/data/actions.yaml``) or to a webhook sends or pays. A POST to any other host is only a
    request (search and query APIs POST too)."""
    method, args = http_verb(node, last, ctx)
    if method == "DELETE":
        return Capability("http-delete", node, f"{qn} (DELETE)", http=True)
    if method in ("POST", "PUT", "PATCH", "?"):
        url = args[0] if args else next((kw.value for kw in node.keywords if kw.arg == "url"), None)
        if last == "urlopen" and isinstance(url, ast.Name):
            url = _request_object(url, ctx, node) or url
            if isinstance(url, ast.Call):
                url = url.args[0] if url.args else _sdk.keyword_value(url, "url")
        text = _url_text(url, ctx, node)
        if "graphql" in text.lower():
            # queries and mutations alike are POSTed: what it does is in the document (``capabilities``)
            return Capability("http", node, f"{qn} graphql", http=True, verb=method)
        for host, kind in data("actions")["hosts"].items():
            if host in text:
                return Capability(kind, node, f"{method} {host}", http=True)
        if method != "?" and _names_a_webhook(url, ctx, node):
            return Capability("message", node, f"{method} to a webhook", http=True)
        if method in ("PUT", "PATCH"):
            return Capability("change", node, f"{qn} ({method})", http=True)
    return Capability("http", node, f"{qn} POST" if method == "POST" else qn, http=True, verb=method)


def http_verb(node: ast.Call, last: str, ctx) -> tuple[str, list[ast.expr]]:
    """The HTTP method of a request call (``"?"`` when chosen at run time) and its arguments after
    the method: ``requests.post(url)``, ``client.request("PATCH", url)``, ``request(method=m, url=u)``,
    ``urlopen(Request(url, data=body, method="PUT"))`` (``data`` alone makes urllib POST)."""
    args = list(node.args)
    given = _method_expr(node, last, ctx)
    if last == "request":
        return _verb_of(given, ctx, node), args[1:]
    if last == "urlopen" and given is None:
        request = _request_object(args[0], ctx, node) if args else None
        sends = len(request.args) > 1 or _sdk.keyword_value(request, "data") is not None if request is not None \
            else len(args) > 1 or _sdk.keyword_value(node, "data") is not None
        return ("POST" if sends else "GET"), args
    if last == "urlopen":
        return _verb_of(given, ctx, node), args
    return last.upper(), args


def _method_expr(node: ast.Call, last: str, ctx) -> ast.expr | None:
    """Where a request call says its HTTP method: ``request("PATCH", url)`` / ``request(method=m)``,
    or the ``method=`` of the ``urllib.request.Request`` that ``urlopen`` is given."""
    if last == "request":
        return node.args[0] if node.args else _sdk.keyword_value(node, "method")
    if last == "urlopen" and node.args and (request := _request_object(node.args[0], ctx, node)) is not None:
        return _sdk.keyword_value(request, "method")
    return None


def _verb_of(given: ast.expr | None, ctx, at: ast.AST) -> str:
    verb = _sdk.resolve_node(given, ctx, at) if given is not None else None
    return verb.value.upper() if isinstance(verb, ast.Constant) and isinstance(verb.value, str) else "?"


def _request_object(expr: ast.expr, ctx, at: ast.AST) -> ast.Call | None:
    """``urllib.request.Request(...)`` that ``expr`` is (or was assigned from, also in the function
    around a nested one: ``def _fetch(): urlopen(req)``)."""
    value = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
    scope = at
    while value is None and (scope := ctx.enclosing(scope, ast.FunctionDef, ast.AsyncFunctionDef)) is not None:
        value = _sdk.resolve_node(expr, ctx, scope)
    if isinstance(value, ast.Call) and (ctx.qualname(value.func) or "").endswith("Request"):
        return value
    return None


_WEBHOOK = re.compile(r"webhook", re.I)


def _names_a_webhook(url: ast.expr | None, ctx, at: ast.AST) -> bool:
    """A URL that is a chat webhook by its name: ``os.getenv("SLACK_WEBHOOK")``, ``self.webhook_url``,
    ``settings.DISCORD_WEBHOOK``. A webhook exists to post a message into a channel."""
    if url is None:
        return False
    value = _sdk.resolve_node(url, ctx, at) if isinstance(url, ast.Name) else url
    for expr in (url, value):
        for n in walk(expr) if expr is not None else ():
            text = n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else \
                n.value if isinstance(n, ast.Constant) and isinstance(n.value, str) else ""
            if _WEBHOOK.search(text):
                return True
    return False


def _url_text(url: ast.expr | None, ctx, at: ast.AST) -> str:
    """The literal parts of a URL argument, following names to their assignments."""
    return http_models.literal_text(url, ctx, at)


_TEMP_CALLS = ("tempfile.", "NamedTemporaryFile", "mkstemp", "mkdtemp", "TemporaryDirectory", "gettempdir")


def temp_names(root: ast.AST, ctx, params: set[str] = frozenset()) -> set[str]:
    """Names that hold a path the code created in the temp directory (``fd, path =
    tempfile.mkstemp(suffix=suffix)``, ``with tempfile.TemporaryDirectory() as tmp``) and names
    computed from them alone (``script = Path(tmp) / "run.py"``). A name joined with a parameter
    (``os.path.join(tmp, filename)``) is not one: ``../`` in the parameter leaves the temp directory."""
    if not ctx.mentions("temp") and not ctx.mentions("Temp"):
        return set()  # every temp-file API says so (``tempfile``, ``mkstemp``, ``TemporaryDirectory``)

    def temp_call(c) -> bool:
        return isinstance(c, ast.Call) and any(t in (ctx.qualname(c.func) or "") for t in _TEMP_CALLS)

    def from_temp(expr) -> bool:
        naming = {id(n) for c in walk(expr) if temp_call(c)  # ``mkstemp(suffix=suffix)`` only names the file
                  for kw in c.keywords if kw.arg in ("suffix", "prefix") for n in walk(kw.value)}
        if any(isinstance(n, ast.Name) and n.id in params and id(n) not in naming for n in walk(expr)):
            return False
        return any(temp_call(c) for c in walk(expr)) or any(isinstance(n, ast.Name) and n.id in names
                                                                 for n in walk(expr))
    names: set[str] = set()
    for _ in range(3):
        for node in walk(root):
            if isinstance(node, ast.Assign) and from_temp(node.value):
                names |= {n.id for t in node.targets for n in walk(t) if isinstance(n, ast.Name)}
            elif isinstance(node, ast.withitem) and node.optional_vars is not None and from_temp(node.context_expr):
                names |= {n.id for n in walk(node.optional_vars) if isinstance(n, ast.Name)}
    return names


def _temp_cleanup(call: ast.Call, root: ast.AST) -> bool:
    """Deleting a file the function itself made in the temp directory is cleanup, not an action:
    every name in the deleted path was bound from a ``tempfile`` call (in some branch)."""
    target = call.args[0] if call.args else call.func.value if isinstance(call.func, ast.Attribute) else None
    names = {n.id for n in walk(target) if isinstance(n, ast.Name)} if target is not None else set()
    names = {n for n in names if n not in ("os", "shutil", "Path", "path")}
    if not names:
        return False
    temp: set[str] = set()
    for _ in range(3):
        for node in walk(root):
            if isinstance(node, ast.withitem) and node.optional_vars is not None and _mentions_temp(node.context_expr, temp):
                temp |= {n.id for n in walk(node.optional_vars) if isinstance(n, ast.Name)}
            elif isinstance(node, ast.Assign) and _mentions_temp(node.value, temp):
                temp |= {n.id for t in node.targets for n in walk(t) if isinstance(n, ast.Name)}
    return names <= temp or names <= _own_scratch_files(root) or _finally_cleanup(call, root, names)


def _finally_cleanup(call: ast.Call, root: ast.AST, names: set[str]) -> bool:
    """``finally: shutil.rmtree(drive_folder)`` where ``drive_folder`` came back from a call in the
    function (a download or staging helper's working folder): tidying up what the function made."""
    in_finally = any(call is n for t in walk(root) if isinstance(t, ast.Try)
                     for stmt in t.finalbody for n in walk(stmt))
    if not in_finally:
        return False
    made: set[str] = set()
    for node in (n for n in walk(root) if isinstance(n, ast.Assign)):
        value = node.value.value if isinstance(node.value, ast.Await) else node.value
        if isinstance(value, ast.Call):
            made |= {n.id for t in node.targets for n in walk(t) if isinstance(n, ast.Name)}
    return names <= made


def _own_scratch_files(root: ast.AST) -> set[str]:
    """Names bound to a file name written in the code (``temp_file = "run.py"``), or computed in the
    function itself (``workload_path = os.path.join(workdir, f"{uuid4().hex}.py")``) rather than
    handed to it as a parameter, that the function opens for writing: deleting such a file cleans
    up the function's own scratch work."""
    params = {a.arg for a in (*root.args.posonlyargs, *root.args.args, *root.args.kwonlyargs)} \
        if isinstance(root, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
    literal = {t.id for node in walk(root) if isinstance(node, ast.Assign) and (
               isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
               or params is not None and not (isinstance(node.value, ast.Name) and node.value.id in params))
               for t in node.targets if isinstance(t, ast.Name)} - (params or set())
    if params is not None:  # one file: a name bound once (a dispatcher's ``full_path`` in every branch is not one)
        bound = [t.id for node in walk(root) if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)]
        literal = {name for name in literal if bound.count(name) == 1}
    written = set()
    for node in walk(root):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open" and len(node.args) > 1 \
                and isinstance(node.args[0], ast.Name) and isinstance(node.args[1], ast.Constant) \
                and isinstance(node.args[1].value, str) and WRITE_MODES.search(node.args[1].value):
            written.add(node.args[0].id)
    return literal & written


def _recovery_cleanup(call: ast.Call, root: ast.AST, ctx) -> bool:
    """Deleting a file in an ``except`` handler (a corrupt token cache, a half-written download):
    recovery from a failure, not an action anyone asked the agent for."""
    handler = ctx.enclosing(call, ast.ExceptHandler)
    return handler is not None and any(n is handler for n in walk(root))


def _mentions_temp(expr: ast.expr, temp: set[str]) -> bool:
    for node in walk(expr):
        if isinstance(node, ast.Name) and node.id in temp:
            return True
        if isinstance(node, (ast.Attribute, ast.Name)):
            text = node.attr if isinstance(node, ast.Attribute) else node.id
            if text == "tempfile" or text in _TEMP_CALLS:
                return True
    return False


@lru_cache(maxsize=1)
def _handoff_name() -> re.Pattern:
    return re.compile(data("actions")["handoff_names"])


@lru_cache(maxsize=1)
def _actions() -> dict:
    table = data("actions")
    return {**table, "message_methods": frozenset(table["message_methods"]),
            "delete_prefixes": tuple(table["delete_prefixes"]), "change_methods": frozenset(table["change_methods"]),
            "transaction_names": {k: frozenset(v) for k, v in table["transaction_names"].items()},
            "shell_method_names": frozenset(m for methods in table["shell_methods"].values() for m in methods)}


def _deletes(method: str) -> bool:
    """``delete_bucket``, ``delete_many``, ``terminate_instances``, ``drop``: a method named for
    removing something. ``remove`` alone (``list.remove``) is not one; ``remove_user`` is."""
    return method.lower().startswith(_actions()["delete_prefixes"])


# Calls whose string arguments name something rather than do it (``data.get("DeleteTime")``, logs).
_NAMING_CALLS = ("get", "pop", "setdefault", "print", "format", "startswith", "endswith", "replace", "split")


@lru_cache(maxsize=1)
def _api_action_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    verbs = {verb: kind for kind, names in _actions()["api_actions"].items() for verb in names}
    alternation = "|".join(sorted(verbs))
    return (re.compile(rf"^(?:[A-Z]{{2,8}}_)?({alternation})[A-Z][A-Za-z0-9]*$"),
            re.compile(rf"^({alternation})[A-Z][A-Za-z0-9]*Request$"), verbs)


def _method_by_name(node: ast.Call, last: str, ctx) -> Capability | None:
    """A client method called through a helper that takes its name (``self._call_api(
    "chat_postMessage", channel=c, text=t)``, ``getattr(client, "chat_delete")``): judged as that
    method, when the name belongs to a messaging method or to a library the file imports."""
    if last in _NAMING_CALLS or not node.args:
        return None
    for arg in node.args[:2]:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.isidentifier()):
            continue
        if arg.value in _actions()["message_methods"]:
            return Capability("message", node, arg.value)
        stand_in = ast.copy_location(ast.Call(func=ast.Attribute(value=ast.Name(id="_", ctx=ast.Load()), attr=arg.value,
                                                                 ctx=ast.Load()), args=[], keywords=[]), node)
        if (library := _library_method(stand_in, ctx)) is not None and library.kind != "exec":
            return Capability(library.kind, node, arg.value)
    return None


def _api_action(node: ast.Call, last: str) -> Capability | None:
    """A cloud API called by its action name (``_call(svc, "DeleteInstance", body)``) or through the
    action's request class (``RefundInstanceRequest(...)``)."""
    by_name, by_request, verbs = _api_action_patterns()
    if (match := by_request.match(last or "")):
        return Capability(verbs[match.group(1)], node, last)
    if last in _NAMING_CALLS or last.startswith(("log", "audit", "debug", "info", "warn", "error")):
        return None
    for arg in [*node.args[:2], *(kw.value for kw in node.keywords if kw.arg in ("action", "Action", "operation"))]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (match := by_name.match(arg.value)):
            return Capability(verbs[match.group(1)], node, arg.value)
    return None


def _library_method(node: ast.Call, ctx, only: tuple[str, ...] = ()) -> Capability | None:
    """A method only one library's client has (``chat_delete``) in a file that imports the library.
    ``only``: the kinds wanted (code execution is looked for before SQL, whose ``execute`` it shares)."""
    method = node.func.attr
    for library, kinds in _actions()["library_methods"].items():
        for kind, methods in kinds.items():
            if only and kind not in only or kind == "exec" and not only:
                continue
            if method in methods and (any(m == library or m.startswith(library + ".") for m in ctx.imported_modules)
                                      or _made_by_a_module_importing(node, library, ctx)):
                return Capability(kind, node, f"{library} {method}" if kind == "exec" else method)
    return None


def _made_by_a_module_importing(node: ast.Call, library: str, ctx) -> bool:
    """``sheet = get_sheet()`` ... ``sheet.update_cell(...)``, where ``get_sheet`` comes from a project
    module that imports the library (``sheet_utils`` imports gspread): the object is the library's."""
    receiver = node.func.value
    if not isinstance(receiver, ast.Name):
        return False
    made = _sdk.resolve_node(receiver, ctx, node)
    if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Name) and made.func.id in ctx.imports):
        return False
    module = ctx.imports[made.func.id].rpartition(".")[0]
    if not module or not ctx.is_local_module(module.split(".")[0]):
        return False
    text = ctx.module_text(module) or ""
    return re.search(rf"^\s*(?:import|from)\s+{re.escape(library)}\b", text, re.M) is not None


def _google_api_action(node: ast.Call, ctx) -> Capability | None:
    """A Google API discovery-client call that sends or deletes (``service.users().messages().send(
    userId="me", body=...)``): the resource is the call the method hangs on."""
    holder = node.func.value
    if not (isinstance(holder, ast.Call) and isinstance(holder.func, ast.Attribute)):
        return None
    spec = _actions()["google_api"].get(f"{holder.func.attr}.{node.func.attr}")
    if spec is None or not ctx.mentions("googleapiclient") and not _executed(node, ctx):
        return None
    if spec.get("fresh") and _creates_a_google_file(node, ctx):
        return None
    if spec.get("marks_only") and _only_marks(node, set(spec["marks_only"]), ctx):
        return None
    for keyword, wanted in spec.get("when", {}).items():
        value = _sdk.resolve_node(_sdk.keyword_value(node, keyword), ctx, node)
        if isinstance(value, ast.Constant) and value.value in wanted:
            break
        if value is not None and not isinstance(value, ast.Constant):
            break  # chosen at run time: it may send
    else:
        if spec.get("when"):
            kind = spec.get("otherwise")
            return Capability(kind, node, f"{holder.func.attr}().{node.func.attr}") if kind else None
    return Capability(spec["kind"], node, f"{holder.func.attr}().{node.func.attr}")


def _only_marks(node: ast.Call, marks: set[str], ctx) -> bool:
    """``messages().modify(body={"removeLabelIds": ["UNREAD"]})``: every label the call adds or
    removes is a mark (read, starred), none moves or archives mail."""
    body = _sdk.resolve_node(_sdk.keyword_value(node, "body"), ctx, node)
    if not isinstance(body, ast.Dict):
        return False
    labels = []
    for key, value in zip(body.keys, body.values):
        if isinstance(key, ast.Constant) and key.value in ("addLabelIds", "removeLabelIds"):
            value = _sdk.resolve_node(value, ctx, node)
            if not isinstance(value, (ast.List, ast.Tuple)):
                return False
            labels += value.elts
    return bool(labels) and all(isinstance(e, ast.Constant) and e.value in marks for e in labels)


def _creates_a_google_file(node: ast.Call, ctx) -> bool:
    """The function holding ``node`` creates a Drive file, document or spreadsheet first
    (``drive.files().create(...)``, ``docs.documents().create(...)``): it fills its own new file."""
    func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
    for sub in walk(func) if func is not None else ():
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "create" \
                and isinstance(sub.func.value, ast.Call) and isinstance(sub.func.value.func, ast.Attribute) \
                and sub.func.value.func.attr in ("files", "documents", "spreadsheets"):
            return True
    return False


def _executed(node: ast.Call, ctx) -> bool:
    """``request.execute()`` directly on the call: the discovery client's request object."""
    parent = ctx.parent(node)
    return isinstance(parent, ast.Attribute) and parent.attr == "execute"


def _module_api_action(qn: str, method: str) -> str | None:
    """A library whose module is the client (``stripe.Refund.create(...)`` with ``stripe.api_key``
    set): the ``clients`` entry marked ``module_api`` judges the call by its method, less the
    ``ordinary`` resource calls."""
    for prefix, spec in _actions()["clients"].items():
        if spec.get("module_api") and qn.startswith(prefix + ".") and method in spec.get("methods", ()):
            called = ".".join(qn.split(".")[-2:])
            return None if called in spec.get("ordinary", ()) else spec["kind"]
    return None


def _client_action(node: ast.Call, ctx) -> Capability | None:
    """A send or a payment through a messaging or payment SDK client built in this file
    (``Client(sid, token).messages.create``, ``SendGridAPIClient(key).send``)."""
    method = node.func.attr
    root = node.func.value
    while isinstance(root, ast.Attribute) and not (isinstance(root.value, ast.Name) and root.value.id == "self"):
        root = root.value
    if isinstance(root, ast.Call):
        names = {ctx.qualname(root.func) or ""}
    else:
        key = root.id if isinstance(root, ast.Name) else f"self.{root.attr}" if isinstance(root, ast.Attribute) else ""
        names = _sdk.constructed_by(ctx).get(key, set()) | ({ctx.qualname(root) or ""} if isinstance(root, ast.Name) else set())
    for qn in names - {""}:
        for prefix, spec in _actions()["clients"].items():
            if (qn == prefix or qn.startswith(prefix + ".")) and (
                    method in spec.get("methods", ()) or method.startswith(tuple(spec.get("prefixes", ())))):
                if method.startswith(("put_", "attach_")) and _creates_too(node, ctx):
                    return None  # ``create_bucket`` then ``put_public_access_block``: settings of what it just made
                if ".".join(_sdk.attr_chain(node.func)[-2:]) in spec.get("ordinary", ()):
                    return None  # ``stripe.Product.create``: a catalogue record, no money moves
                return Capability(spec["kind"], node, f"{qn.rsplit('.', 1)[-1]}.{method}")
    return None


def _creates_too(node: ast.Call, ctx) -> bool:
    """The function making the call also creates a resource (``s3.create_bucket(...)``)."""
    func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
    return func is not None and any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                                    and c.func.attr.startswith("create_") for c in walk(func))


def _is_http(qn: str, last: str) -> bool:
    return bool(qn) and qn.startswith(HTTP_MODULES) and last in HTTP_METHODS


def tool_params(tool: "ToolDef") -> set[str]:
    """Parameters the model fills in: every parameter of the tool function (or of the tool class's
    entry methods: ``_run``, ``__call__``, ``forward`` ...), minus the ones frameworks inject."""
    funcs = [tool.node] if isinstance(tool.node, (ast.FunctionDef, ast.AsyncFunctionDef)) else [
        n for n in tool.node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in TOOL_METHODS
        and n.name not in _called_on_self(tool.node)]  # a ``_run(cmd)`` the class's own tools call is a helper
    names: set[str] = set()
    for func in funcs:
        a = func.args
        names |= {x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)}
        names |= {x.arg for x in (a.vararg, a.kwarg) if x is not None}
    return names - INJECTED_PARAMS


def _called_on_self(cls: ast.ClassDef) -> set[str]:
    """Methods the class calls itself (``self._run(["git", "log"], cwd)``): the framework does not
    call them with the model's arguments."""
    return {n.func.attr for n in walk(cls) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"}


def tainted_names(tool: "ToolDef") -> set[str]:
    """Tool parameters, and local names computed from them (``p = Path(root) / name``)."""
    return propagate(tool.node, tool_params(tool))


def propagate(root: ast.AST, names: set[str], through=None, stops=None) -> set[str]:
    """``names`` and the local names under ``root`` computed from them, a few assignments deep;
    ``through(value)``, when given, says which assigned values pass the name on, and
    ``stops(value, tainted)`` which do not, given the names tainted so far."""
    tainted = set(names)
    assigns = [n for n in walk(root) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign))]
    for _ in range(3):
        grew = False
        for node in assigns:
            value = node.value
            if value is None or not uses_any(value, tainted) or through is not None and not through(value) \
                    or stops is not None and stops(value, tainted):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in walk(target):
                    if isinstance(name, ast.Name) and name.id not in tainted:
                        tainted.add(name.id)
                        grew = True
        if not grew:
            break
    return tainted


def call_uses(call: ast.Call, names: set[str]) -> bool:
    """Whether any argument of ``call``, positional or keyword, reads one of ``names``."""
    return any(uses_any(a, names) for a in [*call.args, *(k.value for k in call.keywords)])


def uses_any(expr: ast.AST | None, names: set[str]) -> bool:
    return expr is not None and any(isinstance(n, ast.Name) and n.id in names for n in walk(expr))


def _sql_text(call: ast.Call, ctx) -> str:
    """The statement text a SQL call runs, as far as it is written in the code: its first argument,
    or what the name there was assigned (``query = f"UPDATE t SET {field} = %s"; cur.execute(query)``)."""
    sql = call.args[0]
    if isinstance(sql, ast.Name):
        sql = _sdk.resolve_node(sql, ctx, call) or _unpacked_from_call(sql, call, ctx) or sql
    if isinstance(sql, ast.Call):
        sql = _returned_by_project_function(sql, ctx) or sql  # ``cur.execute(*OrdersQuery.apply_discount(...))``
    return sql.value if isinstance(sql, ast.Constant) and isinstance(sql.value, str) else _fstring_head(sql)


def _unpacked_from_call(name: ast.Name, at: ast.AST, ctx) -> ast.Call | None:
    """``query, params = OrdersQuery.apply_discount_code(code, order)``: the call whose first returned
    value ``query`` is (the statement of a query-builder function)."""
    func = ctx.enclosing(at, ast.FunctionDef, ast.AsyncFunctionDef)
    for node in walk(func) if func is not None else ():
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Tuple) and node.targets[0].elts \
                and isinstance(node.targets[0].elts[0], ast.Name) and node.targets[0].elts[0].id == name.id:
            return node.value
    return None


def _returned_by_project_function(call: ast.Call, ctx) -> ast.expr | None:
    """The statement a project function of another module returns (its ``return query, params`` or
    ``return "UPDATE ..."``), read from that module's source, never imported."""
    qn = ctx.qualname(call.func) or ""
    parts = qn.split(".")
    if len(parts) < 2 or not _project_module(qn, ctx):
        return None
    for cut in range(len(parts) - 1, 0, -1):
        module, path = ".".join(parts[:cut]), parts[cut:]
        tree = ctx.module_tree(module)
        if tree is None:
            continue
        scope = tree
        for name in path:
            scope = next((n for n in getattr(scope, "body", []) if isinstance(n, (ast.ClassDef, ast.FunctionDef,
                                                                                   ast.AsyncFunctionDef)) and n.name == name), None)
            if scope is None:
                return None
        if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        for ret in (n for n in walk(scope) if isinstance(n, ast.Return) and n.value is not None):
            value = ret.value.elts[0] if isinstance(ret.value, ast.Tuple) and ret.value.elts else ret.value
            if isinstance(value, ast.Name):  # ``query = "UPDATE ..."`` ... ``return query, params``
                value = next((a.value for a in walk(scope) if isinstance(a, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == value.id for t in a.targets)), value)
            if isinstance(value, (ast.Constant, ast.JoinedStr)):
                return value
        return None
    return None


def _fstring_head(expr: ast.expr | None) -> str:
    if isinstance(expr, ast.JoinedStr) and expr.values and isinstance(expr.values[0], ast.Constant):
        return str(expr.values[0].value)
    return ""


def confirmation_in_body(tool: ToolDef, ctx) -> str:
    """A confirmation step inside the tool itself (input(), click.confirm, LangGraph interrupt), or a
    ``confirm`` / ``approved`` parameter the body checks before acting."""
    wanted = set(data("actions")["confirm_params"]) & tool_params(tool)
    for node in walk(tool.node):
        if wanted and isinstance(node, (ast.If, ast.IfExp, ast.Assert)) and uses_any(node.test, wanted):
            return f"`{sorted(wanted)[0]}` parameter checked"
        if isinstance(node, ast.Call):
            qn = ctx.qualname(node.func) or ""
            if qn in CONFIRM_CALLS or qn.endswith(".interrupt") and "langgraph" in qn:
                return qn
    return ""
