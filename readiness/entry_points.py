"""Entry points: where user input enters the agent, and what stands between it and the model.

Found during the file pass (no rule needs to be selected) and recorded as facts:

* ``entry-point``  ``kind|name|framework|text|limit|gate|reach`` at the handler's ``def`` line.
  kind: web-route | chat-handler | cli | queue-consumer. text: the parameters or reads that carry
  user text ("" when the handler takes none we can see). limit: how input length is bounded, ""
  when nothing in the handler does. gate: the flag or allow-list check in the handler. reach:
  ``direct`` when the handler (or a function of the same file it calls) calls a model or runs an
  agent, ``none`` when it does neither.
* ``entry-callee`` ``name|module.function`` for each project function in another module the
  handler calls, and ``agent-func`` ``module.function`` for module-level functions that call a
  model or run an agent, so the project pass can settle ``reach`` across modules.
* ``limited-model`` ``module.Class`` for pydantic request models whose text fields have a
  ``max_length``, and ``text-model`` for those whose text fields do not.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from readiness.context import Fact, FileContext, function_params
from readiness.walk import walk

WEB_FRAMEWORKS = ("fastapi", "flask", "starlette", "quart", "sanic", "litestar", "django", "rest_framework",
                  "aiohttp", "azure.functions")
ROUTE_VERBS = {"get", "post", "put", "patch", "delete", "route", "websocket", "api_route", "api_view", "head"}
CHAT_DECORATORS = {
    "chainlit.on_message": "Chainlit", "chainlit.on_chat_start": "Chainlit",
    "slack_bolt.App.message": "Slack Bolt",
}
CLI_DECORATORS = ("click.command", "click.group", "typer.Typer.command")
QUEUE_DECORATORS = {"task": "Celery", "shared_task": "Celery", "actor": "Dramatiq"}
AGENT_RUN_METHODS = {"run", "run_sync", "run_streamed", "arun", "invoke", "ainvoke", "stream", "astream",
                     "kickoff", "kickoff_async", "initiate_chat", "a_initiate_chat", "run_stream", "chat", "achat",
                     "query", "aquery", "generate_reply", "astream_events", "astream_log"}
NOT_AGENT_ROOTS = {"subprocess", "asyncio", "os", "sys", "threading", "multiprocessing", "uvicorn", "shutil",
                   "sqlite3", "psycopg", "psycopg2", "sqlalchemy", "pytest", "trio", "anyio", "concurrent", "flask",
                   "fastapi", "streamlit", "gradio", "click", "typer", "celery", "requests", "httpx", "docker",
                   "redis", "json", "re", "time", "logging"}
# Names that only identify a resource: a path parameter such as ``thread_id`` carries no free text.
ID_PARAM_SUFFIXES = ("_id", "_ids", "id", "uuid", "slug", "page", "limit", "offset")
# Parameters that carry the caller's identity or server-side objects, not text to the model.
HTTP_SERVER_METHODS = {"do_GET", "do_POST", "do_PUT", "do_PATCH", "do_DELETE"}
FRAMEWORK_REQUESTS = ("Request", "Response", "BackgroundTasks", "WebSocket", "HttpRequest")
NOT_TEXT_PARAMS = {"user", "current_user", "auth", "db", "session", "background_tasks", "settings", "request",
                   "response", "websocket", "context", "ctx", "event"}
LENGTH_GUARDS = {"trim_messages", "count_tokens", "encoding_for_model", "get_encoding", "truncate",
                 "moderations", "apply_guardrail", "analyze_text", "scan_prompt"}
AGENT_ROOTS = None  # filled lazily from readiness.facts to avoid an import cycle
NOT_AGENT_SDK_ROOTS = {"boto3", "aioboto3"}


@dataclass
class Handler:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    kind: str
    framework: str


def _agent_roots() -> set[str]:
    global AGENT_ROOTS
    if AGENT_ROOTS is None:
        from readiness import frameworks
        from readiness.facts import AGENT_MODULES
        # every profiled framework's import root (agno, camel, agent_framework ...), less the cloud SDKs
        # whose profile covers one service of many (boto3's ``invoke`` is usually a Lambda call)
        profiled = {prefix.split(".")[0] for prefix in frameworks.tables().framework_of_import} - NOT_AGENT_SDK_ROOTS
        AGENT_ROOTS = set(AGENT_MODULES) | profiled | {"google"}
    return AGENT_ROOTS


def _imports_any(ctx: FileContext, prefixes) -> str:
    for module in ctx.imports.values():
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                return prefix
    return ""


def find_handlers(ctx: FileContext) -> list[Handler]:
    """Functions that receive input from outside: routes, chat and CLI handlers, queue consumers
    (found once per file, shared by the entry-point facts and the rules that judge routes)."""
    if ctx.tree is None:
        return []
    return ctx.memo("entry-handlers", lambda: _find_handlers(ctx))


def _find_handlers(ctx: FileContext) -> list[Handler]:
    web = _imports_any(ctx, WEB_FRAMEWORKS)
    handlers: list[Handler] = []
    for node in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
        found = _classify(node, ctx, web)
        if found:
            handlers.append(Handler(node, *found))
    for call in ctx.calls():  # gr.ChatInterface(fn=respond), Route("/chat", endpoint=chat)
        qn = ctx.qualname(call.func) or ""
        if qn in ("gradio.ChatInterface", "gradio.Interface"):
            target = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "fn"), None)
            kind, framework = "chat-handler", "Gradio"
        elif qn in ("starlette.routing.Route", "starlette.routing.WebSocketRoute"):
            target = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "endpoint"), None)
            kind, framework = "web-route", "Starlette"
        else:
            continue
        func = _local_function(ctx, target)
        if func is not None and not any(h.node is func for h in handlers):
            handlers.append(Handler(func, kind, framework))
    handlers.sort(key=lambda h: h.node.lineno)
    return handlers


def _local_function(ctx: FileContext, expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    if isinstance(expr, ast.Name):
        for node in ctx.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == expr.id:
                return node
    return None


def _classify(node, ctx: FileContext, web: str) -> tuple[str, str] | None:
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        qn = ctx.qualname(target) or ""
        if qn in CHAT_DECORATORS:
            return "chat-handler", CHAT_DECORATORS[qn]
        if isinstance(target, ast.Attribute):
            if web and target.attr in ROUTE_VERBS and isinstance(dec, ast.Call) and _route_path(dec):
                return ("webhook" if _is_webhook(_route_path(dec), node.name, ctx) else "web-route"), web
            if target.attr in ("message", "event") and _imports_any(ctx, ("slack_bolt",)):
                return "chat-handler", "Slack Bolt"
            if target.attr == "command" and _imports_any(ctx, ("typer", "click")):
                return "cli", _imports_any(ctx, ("typer", "click"))
            if target.attr in QUEUE_DECORATORS and _imports_any(ctx, ("celery", "dramatiq")):
                return "queue-consumer", QUEUE_DECORATORS[target.attr]
        if qn.startswith(CLI_DECORATORS):
            return "cli", qn.split(".")[0]
        if qn.split(".")[-1] in ("shared_task", "actor") and _imports_any(ctx, ("celery", "dramatiq")):
            return "queue-consumer", QUEUE_DECORATORS[qn.split(".")[-1]]
        if web in ("litestar",) and qn.split(".")[-1] in ROUTE_VERBS:
            return "web-route", web
    parent = ctx.parent(node)
    if node.name in HTTP_SERVER_METHODS and isinstance(parent, ast.ClassDef) and any(
            ast.unparse(b).endswith("HTTPRequestHandler") for b in parent.bases):
        return "web-route", "http.server"  # ``class Handler(BaseHTTPRequestHandler): def do_POST(self)``
    if web == "django" and isinstance(ctx.parent(node), ast.Module):
        params = function_params(node)
        if params and params[0] == "request":
            return "web-route", "django"
    if node.name in ("lambda_handler", "handler") and function_params(node)[:2] == ["event", "context"]:
        return "queue-consumer", "AWS Lambda"
    return None


def _is_webhook(route: str, name: str, ctx: FileContext) -> bool:
    """A route that receives a platform's events (``/webhooks/typeform``, Slack's ``/slack/events``)
    rather than text a signed-in user types: the platform signs what it sends, and the route
    should check that signature."""
    where = f"{route} {name}".lower()
    return "webhook" in where or "event" in where and ("slack" in where or "slack" in ctx.module_name.lower())


def _route_path(dec: ast.Call) -> str:
    arg = dec.args[0] if dec.args else next((k.value for k in dec.keywords if k.arg in ("path", "rule")), None)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (arg.value.startswith("/") or not arg.value):
        return arg.value or "/"
    return ""


# -- what a handler does ---------------------------------------------------------------------

def _with_local_helpers(func, ctx: FileContext, depth: int = 2) -> list:
    """``func`` and the module-level functions of this file it calls or hands to any call,
    ``depth`` levels down (the tools' walk, with this module's wider idea of a callee)."""
    from readiness.analysis.tools import same_file_helpers
    return [func] + same_file_helpers(func, ctx, depth,
                                      callees=lambda call, local: [local[n] for n in _local_callees(call, local)])


def _runs_a_model_call(call: ast.Call, ctx: FileContext) -> bool:
    """``await asyncio.to_thread(litellm.completion, **kwargs)``: a model API handed to a runner
    (the runners a tool's capabilities are followed through, ``analysis.tools.RUNNERS``)."""
    from readiness.analysis import sdk as _sdk
    from readiness.analysis.tools import RUNNERS

    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name not in RUNNERS:
        return False
    for i, arg in enumerate(call.args[:2]):
        if isinstance(arg, ast.Attribute):
            stand_in = ast.copy_location(ast.Call(func=arg, args=list(call.args[i + 1:]), keywords=call.keywords), call)
            if _sdk.model_site(stand_in, ctx, memo=False) is not None:
                return True
    return False


def _local_callees(call: ast.Call, local: dict) -> list[str]:
    """Same-file functions ``call`` runs: the one it calls, and any it is handed to run later
    (``background_tasks.add_task(process, payload)``, ``Thread(target=work)``,
    ``loop.run_in_executor(None, job)``)."""
    names = [call.func.id] if isinstance(call.func, ast.Name) and call.func.id in local else []
    for arg in (*call.args, *(kw.value for kw in call.keywords)):
        if isinstance(arg, ast.Name) and arg.id in local and arg.id not in names:
            names.append(arg.id)
    return names


def _calls_in(func) -> list[ast.Call]:
    return [n for n in walk(func) if isinstance(n, ast.Call)]


def reaches_agent(func, ctx: FileContext, depth: int = 0, seen: set | None = None) -> bool:
    """Does ``func`` (or a same-file function it calls, two levels deep) call a model or run an agent?"""
    from readiness.analysis import sdk as _sdk

    seen = seen if seen is not None else set()
    if id(func) in seen:
        return False
    seen.add(id(func))
    agent_file = bool(ctx.imported_modules & _agent_roots())
    local = {n.name: n for n in ctx.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    for call in _calls_in(func):
        if _sdk.model_site(call, ctx) is not None or _runs_a_model_call(call, ctx):
            return True
        if agent_file and isinstance(call.func, ast.Attribute) and call.func.attr in AGENT_RUN_METHODS:
            qn = ctx.qualname(call.func) or ""
            root = qn.split(".")[0]
            if root in _agent_roots():
                return True
            if root not in NOT_AGENT_ROOTS and root not in ctx.imports and not (root == "app" and call.func.attr == "run"):
                return True
        if _asks_an_agent_object(call, ctx):
            return True
        if depth < 2 and any(reaches_agent(local[name], ctx, depth + 1, seen) for name in _local_callees(call, local)):
            return True
    return False


# An object the code calls an agent (``trading_agent = registry.get("trading")``), asked to do
# something with arguments (``trading_agent.process_request(prompt)``): the agent runs, whichever
# registry or factory built it.
AGENT_VARIABLE = re.compile(r"(?:^|_)agent$", re.I)
AGENT_ASK = re.compile(r"^a?(?:run|process|invoke|chat|ask|handle|execute|answer|respond|query|generate|stream|kickoff|"
                       r"send_message|converse|reply)", re.I)


def _asks_an_agent_object(call: ast.Call, ctx: FileContext) -> bool:
    """Imported agents and module-level ones are followed to their module instead (``via ...``)."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and (call.args or call.keywords) and AGENT_ASK.match(func.attr)):
        return False
    holder = func.value
    name = holder.id if isinstance(holder, ast.Name) else holder.attr if isinstance(holder, ast.Attribute) \
        and isinstance(holder.value, ast.Name) and holder.value.id == "self" else ""
    if isinstance(holder, ast.Name) and (name in ctx.imports or name in _module_objects(ctx)
                                         or name in ctx.module_assignments):
        return False
    return bool(AGENT_VARIABLE.search(name))


TEXT_ANNOTATION = re.compile(r"\b(str|Any|dict|Dict|list|List|Json)\b")


def _text_model(name: str, ctx: FileContext) -> bool:
    """False for a request model of this file with no field that can hold text (ids, flags, numbers)."""
    for cls in ctx.tree.body:
        if isinstance(cls, ast.ClassDef) and cls.name == name:
            fields = [s.annotation for s in cls.body if isinstance(s, ast.AnnAssign)]
            return not fields or any(TEXT_ANNOTATION.search(ast.unparse(a)) for a in fields)
    return True


def text_inputs(handler: Handler, ctx: FileContext, route: str = "") -> list[str]:
    """Parameters and request reads that can carry free text from the user."""
    node = handler.node
    path_params = {part.strip("{}<>").split(":")[-1] for part in route.split("/") if part[:1] in "{<"}
    found = []
    args = node.args
    defaults = dict(zip([a.arg for a in args.args][-len(args.defaults):] if args.defaults else [], args.defaults))
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        name = arg.arg
        ann = ast.unparse(arg.annotation) if arg.annotation is not None else ""
        body_model = name == "request" and ann[:1].isupper() and ann not in FRAMEWORK_REQUESTS  # ``request: AskRequest``
        if name in ("self", "cls") or name in NOT_TEXT_PARAMS and not body_model or name in path_params \
                or name.lower().endswith(ID_PARAM_SUFFIXES):
            continue
        default = defaults.get(name)
        if "UploadFile" in ann or "File(" in ann:
            continue  # uploads are judged by size limits of the server, not here
        if default is not None and "Depends" in ast.unparse(default):
            continue
        if handler.kind == "chat-handler" or ann.split("[")[0] in ("str", "dict", "Dict", "Any", "list", "List") \
                or ann.startswith("Annotated[str") \
                or (ann[:1].isupper() and ann not in FRAMEWORK_REQUESTS
                    and not ann.startswith(("Annotated[int", "int", "UUID", "Optional[int"))
                    and _text_model(ann, ctx)):
            found.append(name)
    for sub in walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in ("json", "get_json", "form", "body", "receive_text", "receive_json"):
            found.append(ast.unparse(sub.func)[:40])
        elif isinstance(sub, ast.Attribute) and sub.attr in ("POST", "GET", "form", "json", "body", "data", "args", "values",
                                                              "query_params") \
                and isinstance(sub.value, ast.Name) and sub.value.id == "request":  # Django, DRF, Flask, Starlette reads
            found.append(f"request.{sub.attr}")
        elif handler.framework == "http.server" and isinstance(sub, ast.Attribute) and sub.attr == "read" \
                and isinstance(sub.value, ast.Attribute) and sub.value.attr == "rfile":  # ``self.rfile.read(length)``
            found.append("self.rfile.read")
    return sorted(set(found))


def length_limit(handler: Handler, ctx: FileContext) -> str:
    """How the handler bounds the size of its input, or "" when nothing visible does."""
    node = handler.node
    for arg in (*node.args.args, *node.args.kwonlyargs):
        if arg.annotation is not None and "max_length" in ast.unparse(arg.annotation):
            return "max_length on the parameter"
    for default in (*node.args.defaults, *node.args.kw_defaults):
        if default is not None and "max_length" in ast.unparse(default):
            return "max_length on the parameter"
    for sub in walk(node):
        if isinstance(sub, ast.Compare) and any(isinstance(x, ast.Call) and isinstance(x.func, ast.Name)
                                                and x.func.id == "len" for x in (sub.left, *sub.comparators)):
            return "len() check"
        if isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Slice) and sub.slice.lower is None \
                and isinstance(sub.slice.upper, (ast.Constant, ast.Name, ast.Attribute)) and sub.slice.upper is not None:
            return "input truncated by slicing"
        if isinstance(sub, ast.Call):
            name = sub.func.attr if isinstance(sub.func, ast.Attribute) else getattr(sub.func, "id", "")
            if name in LENGTH_GUARDS:
                return f"{name}()"
    return ""


FLAG_CALLS = {"is_enabled", "variation", "get_boolean_value", "get_bool", "feature_enabled", "is_feature_enabled",
              "check_gate", "get_feature_flag", "get_feature_flag_payload", "is_on", "flag_enabled"}
GATE_NAME = re.compile(r"ALLOW|BETA|FLAG|ENABLED|DISABLED|KILL|ROLLOUT|INTERNAL|PILOT|PAUSED|STAGE|AUTONOM")


def flag_gate(handler: Handler) -> str:
    """A feature-flag, kill-switch or allow-list condition in the handler, as written."""
    for sub in walk(handler.node):
        if not isinstance(sub, (ast.If, ast.IfExp, ast.Assert)):
            continue
        for part in walk(sub.test):
            if isinstance(part, ast.Call):
                name = part.func.attr if isinstance(part.func, ast.Attribute) else getattr(part.func, "id", "")
                if name in FLAG_CALLS:
                    return ast.unparse(sub.test)[:80]
            elif isinstance(part, ast.Name) and part.id.isupper() and GATE_NAME.search(part.id):
                return ast.unparse(sub.test)[:80]
            elif isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value.isupper() \
                    and GATE_NAME.search(part.value):  # os.environ.get("REFUNDS_ENABLED")
                return ast.unparse(sub.test)[:80]
    return ""


def request_models(node, ctx: FileContext) -> list[str]:
    """Names of classes used as parameter annotations (pydantic request bodies)."""
    names = []
    for arg in (*node.args.args, *node.args.kwonlyargs):
        if isinstance(arg.annotation, ast.Name) and arg.annotation.id[:1].isupper():
            names.append(arg.annotation.id)
    return names


# -- recording ---------------------------------------------------------------------------------

def collect(ctx: FileContext) -> None:
    if ctx.tree is None or ctx.role not in ("prod", "example"):
        return
    _record_models(ctx)
    top = ctx.module_name.split(".")[0]
    agent_file = bool(ctx.imported_modules & _agent_roots())
    if agent_file:
        ctx.fact("agent-module", 1, ctx.module_name)
        for stmt in ctx.tree.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None and _builds_agent(stmt.value, ctx):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        ctx.fact("agent-object", stmt.lineno, f"{ctx.module_name}.{target.id}")
        for func in ctx.tree.body:
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and reaches_agent(func, ctx):
                ctx.fact("agent-func", func.lineno, f"{ctx.module_name}.{func.name}")
            elif isinstance(func, ast.ClassDef):
                for method in func.body:
                    if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and reaches_agent(method, ctx):
                        ctx.fact("agent-func", method.lineno, f"{ctx.module_name}.{func.name}")
                        break
    for handler in find_handlers(ctx):
        node = handler.node
        route = next((_route_path(d) for d in node.decorator_list if isinstance(d, ast.Call) and _route_path(d)), "")
        texts = text_inputs(handler, ctx, route)
        limit = length_limit(handler, ctx)
        models = request_models(node, ctx)
        local_models = {n.name: n for n in ctx.tree.body if isinstance(n, ast.ClassDef)}
        for model in models:
            if model in local_models and _model_limited(local_models[model]):
                limit = limit or f"max_length on {model} fields"
        reach = "direct" if reaches_agent(node, ctx) else "none"
        value = "|".join(x.replace("|", "/") for x in (
            handler.kind, node.name, handler.framework, ",".join(texts), limit, flag_gate(handler), reach))
        ctx.fact("entry-point", node.lineno, value)
        for call in _calls_in(node):
            target = ctx.qualname(call.func) or ""
            if _imported_root(call.func, ctx) and _project_name(target, top, ctx):
                ctx.fact("entry-callee", node.lineno, f"{node.name}|{target}")
        for sub in (n for body in _with_local_helpers(node, ctx) for n in walk(body)):
            # agent objects of other modules used here, or in a same-file function the handler calls
            # (``answer = multi_agent_system(q)`` where that function runs the project's agents)
            if isinstance(sub, ast.Attribute) and sub.attr in AGENT_RUN_METHODS and _imported_root(sub, ctx):
                target = ctx.qualname(sub) or ""
                if _project_name(target, top, ctx):
                    ctx.fact("entry-callee", node.lineno, f"{node.name}|{target}")
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and (
                    sub.id in ctx.imports or sub.id in _module_objects(ctx)):
                # an imported name, or a module-level object built from one (``desk = DeskAgent()``)
                target = ctx.imports.get(sub.id) or _module_objects(ctx)[sub.id]
                if _project_name(target, top, ctx):
                    ctx.fact("entry-callee", node.lineno, f"{node.name}|{target}")
        for model in models:
            target = ctx.imports.get(model, "")
            if model not in local_models and target:
                ctx.fact("entry-model", node.lineno, f"{node.name}|{target}")
    _streamlit_inputs(ctx, top)


AGENT_CLASSES = {"AgentExecutor", "Crew", "Agent", "ConversableAgent", "AssistantAgent", "UserProxyAgent", "CodeAgent",
                 "ToolCallingAgent", "ReActAgent", "FunctionAgent", "AgentWorkflow", "RoundRobinGroupChat",
                 "SelectorGroupChat", "GroupChatManager", "Swarm", "LlmAgent"}
AGENT_BUILDERS = {"compile", "bind_tools", "create_react_agent", "create_agent", "initialize_agent"}


def _builds_agent(value: ast.expr, ctx: FileContext) -> bool:
    """A module-level value that is an agent, graph, crew or model client."""
    from readiness.analysis import sdk as _sdk

    for sub in walk(value):
        if isinstance(sub, ast.Call):
            if _sdk.model_site(sub, ctx) is not None:
                return True
            if isinstance(sub.func, ast.Name) and sub.func.id in _agent_classes(ctx):
                return True
            name = sub.func.attr if isinstance(sub.func, ast.Attribute) else getattr(sub.func, "id", "")
            if name in AGENT_BUILDERS:
                return True
            if (ctx.qualname(sub.func) or "").split(".")[0] in _agent_roots() and name in AGENT_CLASSES:
                return True
    return False


def _agent_classes(ctx: FileContext) -> set[str]:
    """Classes of this file with a method that calls a model or runs an agent."""
    def compute() -> set[str]:
        return {cls.name for cls in ctx.tree.body if isinstance(cls, ast.ClassDef)
                and any(isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and reaches_agent(m, ctx) for m in cls.body)}
    return ctx.memo("agent-classes", compute)


def _project_name(target: str, top: str, ctx: FileContext | None = None) -> bool:
    """A dotted name that may live in this project: not the standard library, not an agent SDK
    (unless the project has a package of that name itself: a folder ``agents/`` of its own)."""
    import sys

    root = target.split(".")[0]
    if "." in target and ctx is not None and root != top and ctx.is_local_module(root):
        return True
    return "." in target and (root == top or (root not in sys.stdlib_module_names and root not in _agent_roots()
                                              and root not in NOT_AGENT_ROOTS))


def _module_objects(ctx: FileContext) -> dict[str, str]:
    """Module-level names bound to an object built from an imported class
    (``strategy_agent = StrategyAgent()``) -> that class's qualified name."""
    def build() -> dict[str, str]:
        table = {}
        # module level, and module globals a function sets (``global AGENT_APP`` ...
        # ``AGENT_APP = build_agent_workflow()`` in a start-up or init route)
        declared = {name for node in ctx.nodes_of(ast.Global) for name in node.names}
        statements = list(ctx.tree.body) + [n for n in ctx.nodes_of(ast.Assign) if declared and any(
            isinstance(t, ast.Name) and t.id in declared for t in n.targets)]
        for stmt in statements:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and _imported_root(stmt.value.func, ctx):
                qn = ctx.qualname(stmt.value.func) or ""
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and qn and target.id not in ctx.imports:
                        table[target.id] = qn
        return table
    return ctx.memo("entry-module-objects", build)


def _imported_root(expr: ast.AST, ctx: FileContext) -> bool:
    """Does the dotted expression start with a name this file imports (not a local variable)?"""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and expr.id in ctx.imports


def _suffixes(names: set[str]) -> set[str]:
    """Dotted tails (module + name at least) of each name: module names come from paths, imports
    from the package root, so ``app.agent.run`` must match ``backend.app.agent.run``."""
    out = set()
    for name in names:
        parts = name.split(".")
        out.update(".".join(parts[i:]) for i in range(max(len(parts) - 1, 1)))
    return out


STREAMLIT_INPUTS = {"streamlit.chat_input", "streamlit.text_input", "streamlit.text_area"}


def _user_text_widget(call: ast.Call, ctx: FileContext) -> bool:
    """``st.chat_input`` is the user's message; a text input counts only when its value is taken
    as the user's text (``q = st.text_input(...)``), not a password or a setting kept by ``key=``."""
    if (ctx.qualname(call.func) or "").endswith("chat_input"):
        return True
    if any(kw.arg in ("type", "key") for kw in call.keywords):
        return False
    parent = ctx.parent(call)
    return isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and \
        all(isinstance(t, ast.Name) for t in getattr(parent, "targets", [getattr(parent, "target", None)]))


def _streamlit_inputs(ctx: FileContext, top: str) -> None:
    """A Streamlit script is its own handler: each text widget is an entry point of the page."""
    widgets = [c for c in ctx.calls() if (ctx.qualname(c.func) or "") in STREAMLIT_INPUTS and _user_text_widget(c, ctx)]
    if not widgets:
        return
    reach = "direct" if reaches_agent(ctx.tree, ctx) else "none"
    module_limit = ""
    for sub in walk(ctx.tree):
        if isinstance(sub, ast.Compare) and any(isinstance(x, ast.Call) and getattr(x.func, "id", "") == "len"
                                                for x in (sub.left, *sub.comparators)):
            module_limit = "len() check"
            break
    callees = {ctx.qualname(c.func) or "" for c in ctx.calls() if _imported_root(c.func, ctx)}
    for call in widgets:
        name = "st." + (ctx.qualname(call.func) or "").rsplit(".", 1)[-1]
        limit = "max_chars" if any(kw.arg == "max_chars" for kw in call.keywords) else module_limit
        ctx.fact("entry-point", call.lineno, f"chat-handler|{name}|Streamlit|value|{limit}||{reach}")
        for target in sorted(t for t in callees if _project_name(t, top, ctx)):
            ctx.fact("entry-callee", call.lineno, f"{name}|{target}")


def _record_models(ctx: FileContext) -> None:
    for node in ctx.tree.body:
        if isinstance(node, ast.ClassDef) and any((ctx.qualname(b) or "").endswith("BaseModel") for b in node.bases):
            if _model_limited(node):
                ctx.fact("limited-model", node.lineno, f"{ctx.module_name}.{node.name}")


def _model_limited(cls: ast.ClassDef) -> bool:
    """A request model bounds its text when any field or validator limits length."""
    text = ast.unparse(cls)
    return any(marker in text for marker in ("max_length", "constr(", "StringConstraints", "len("))


# -- the project view ----------------------------------------------------------------------------

@dataclass
class EntryPoint:
    kind: str
    name: str
    framework: str
    path: str
    line: int
    text_inputs: list[str]
    input_limit: str
    gate: str
    reaches_agent: str  # direct | via <module.function> | none
    project: str = "."

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "framework": self.framework, "path": self.path,
                "line": self.line, "text_inputs": self.text_inputs, "input_limit": self.input_limit or None,
                "gate": self.gate or None, "reaches_agent": self.reaches_agent, "project": self.project}


def entries(facts: list[Fact], project: str = ".") -> list[EntryPoint]:
    """Entry points of one project, with cross-module reach and request-model limits settled."""
    agent_funcs = _suffixes({f.value for f in facts if f.name == "agent-func"})
    agent_modules = _suffixes({f.value for f in facts if f.name == "agent-module"})
    agent_objects = _suffixes({f.value for f in facts if f.name == "agent-object"})
    limited = _suffixes({f.value for f in facts if f.name == "limited-model"})
    callees: dict[tuple[str, int], list[str]] = {}
    models: dict[tuple[str, int], list[str]] = {}
    for fact in facts:
        if fact.name == "entry-callee":
            callees.setdefault((fact.path, fact.line), []).append(fact.value.split("|", 1)[1])
        elif fact.name == "entry-model":
            models.setdefault((fact.path, fact.line), []).append(fact.value.split("|", 1)[1])
    found = []
    for fact in facts:
        if fact.name != "entry-point":
            continue
        kind, name, framework, texts, limit, gate, reach = fact.value.split("|")
        key = (fact.path, fact.line)
        if reach == "none":
            via = next((c for c in sorted(callees.get(key, ())) if c in agent_funcs
                        or c.rpartition(".")[0] in agent_funcs or c in agent_objects
                        or c.rpartition(".")[0] in agent_objects
                        or (c.rsplit(".", 1)[-1] in AGENT_RUN_METHODS and c.rsplit(".", 2)[0] in agent_modules)), "")
            reach = f"via {via}" if via else "none"
        if not limit:
            model = next((m for m in models.get(key, ()) if m in limited), "")
            limit = f"max_length on {model.rsplit('.', 1)[-1]} fields" if model else ""
        found.append(EntryPoint(kind, name, framework, fact.path, fact.line, [t for t in texts.split(",") if t],
                                limit, gate, reach, project))
    found.sort(key=lambda e: (e.path, e.line))
    return found


ENTRY_FACTS = ("entry-point", "entry-callee", "entry-model", "agent-func", "agent-module", "agent-object",
               "limited-model")


def project_entries(ctx, roles: tuple[str, ...]) -> list[EntryPoint]:
    """The entry points of the project a project rule is judging."""
    return entries([f for name in ENTRY_FACTS for f in ctx.facts(name, roles=roles)], ctx.path)


def build(facts_by_project: dict[str, list[Fact]]) -> list[EntryPoint]:
    result = []
    for project, facts in sorted(facts_by_project.items()):
        result += [e for e in entries([f for f in facts if f.role in ("prod", "example")], project)]
    return result
