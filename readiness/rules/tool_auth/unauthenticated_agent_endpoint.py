"""RDY413: anyone who can reach the URL can drive the agent and its tools."""
from __future__ import annotations

import ast
import re

from readiness import entry_points
from readiness.analysis import sdk as _sdk
from readiness.model import Location, Severity
from readiness.rule import Example, Rule
from readiness.walk import walk

# Words that name who is calling: in a dependency, an annotation, a decorator, or a call.
AUTH_WORDS = re.compile(r"(user|auth|token|principal|api_?key|credential|identity|permission|verify|jwt|oauth|"
                        r"login|signature|bearer|claims)", re.I)
AUTH_CALLS = re.compile(r"(authenticat|authoriz|verify|jwt|api_?key|current_user|require_auth|login|decode_token|"
                        r"compare_digest|construct_event|is_valid_request|signature|^require_)", re.I)
AUTH_PARAMS = {"user", "current_user", "principal", "api_key", "token", "credentials", "auth", "identity", "claims"}
# Headers whose check identifies the caller: credentials, and the signatures platforms put on the
# events they send (Slack, GitHub, Stripe, Twilio, Typeform, Svix/Resend, Shopify).
AUTH_HEADERS = {"authorization", "x-api-key", "x-api-token", "x-slack-signature", "x-hub-signature", "x-hub-signature-256",
                "stripe-signature", "x-twilio-signature", "typeform-signature", "x-signature", "svix-signature",
                "x-shopify-hmac-sha256", "x-webhook-signature", "x-line-signature"}
# FastMCP servers (official SDK ``mcp.server.fastmcp.FastMCP``, ``fastmcp.FastMCP`` 2.x) and how they run
# on the network: ``run(transport=..., host=...)`` (fastmcp) or ``FastMCP(name, host=...)`` (official SDK);
# ``auth=`` / ``auth_server_provider=`` / ``token_verifier=`` put a token check in front of every tool.
MCP_SERVER_CLASSES = ("fastmcp.FastMCP", "fastmcp.server.FastMCP", "mcp.server.fastmcp.FastMCP")
MCP_RUN_METHODS = {"run", "run_async", "run_http_async", "run_sse_async", "run_streamable_http_async"}
MCP_AUTH_KEYWORDS = ("auth", "auth_server_provider", "token_verifier", "auth_provider")
NETWORK_TRANSPORTS = {"sse", "http", "streamable-http"}
ALL_INTERFACES = {"0.0.0.0", "::", "[::]"}
# Web stacks whose routes are judged.
ROUTE_FRAMEWORKS = {"fastapi", "flask", "starlette", "quart", "sanic", "litestar", "aiohttp", "django", "rest_framework",
                    "http.server"}
# Settings that make every Django view require a signed-in user (Django 5.1 LoginRequiredMiddleware;
# Django REST framework's default permission classes).
DJANGO_GLOBAL_AUTH = re.compile(r"LoginRequiredMiddleware|rest_framework\.permissions\.(IsAuthenticated|IsAdminUser|DjangoModelPermissions)")


def _django(ctx) -> bool:
    return any(m.split(".")[0] in ("django", "rest_framework") for m in ctx.imported_modules)


def _retired(node) -> bool:
    """A route whose body starts by raising (``raise HTTPException(410, "deprecated")``): it runs nothing."""
    body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return bool(body) and isinstance(body[0], ast.Raise)


def _route_auth(node, ctx) -> str:
    """How the route knows its caller, or "" when nothing in it does."""
    for arg in (*node.args.args, *node.args.kwonlyargs):
        text = ast.unparse(arg.annotation) if arg.annotation is not None else ""
        if arg.arg in AUTH_PARAMS or (("Depends" in text or "Security" in text) and AUTH_WORDS.search(text)) \
                or re.search(r"\b(Authed|Current)?(User|Principal|TokenData|Claims)\b", text):
            return f"parameter `{arg.arg}`"
    for default in (*node.args.defaults, *node.args.kw_defaults):
        if default is not None and AUTH_WORDS.search(ast.unparse(default)):
            return f"dependency `{ast.unparse(default)[:40]}`"
    for dec in node.decorator_list:
        text = ast.unparse(dec)
        if AUTH_WORDS.search(text) or "dependencies=" in text:
            return f"decorator `@{text[:40]}`"
    for sub in walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value.lower() in AUTH_HEADERS:
            return f"`{sub.value}` header check"
        if isinstance(sub, ast.Attribute) and sub.attr == "user" and isinstance(sub.value, ast.Name) \
                and sub.value.id == "request" and _django(ctx):
            return "`request.user`"  # Django's signed-in user, checked or scoped by
        if isinstance(sub, ast.Call):
            name = sub.func.attr if isinstance(sub.func, ast.Attribute) else getattr(sub.func, "id", "")
            if AUTH_CALLS.search(name or ""):
                return f"`{name}()` call"
    return ""


class UnauthenticatedAgentEndpoint(Rule):
    """
    ## What it finds
    A web route (FastAPI, Flask, Starlette, Quart, Sanic, Litestar, aiohttp, Django views,
    standard-library `BaseHTTPRequestHandler.do_POST`) that takes text from the request and
    reaches the agent - directly, through a project function, a background task or thread it
    hands the work to, or an agent object (module-level, from a registry) - with nothing in it
    that identifies the caller: no authentication dependency or security parameter
    (`Depends(...)` / `Security(...)` naming a user, token or key, a `current_user` parameter),
    no auth decorator (`@login_required`, `@requires_auth`), no `Authorization` or API-key
    header check, no `request.user` (Django), no call to a verify/authenticate function.
    A webhook route (`/webhooks/...`, Slack's `/slack/events`) is judged by whether it checks
    the signature the platform puts on its events (`X-Slack-Signature`, `Stripe-Signature`,
    `hmac.compare_digest`). A FastMCP server run over SSE or HTTP on every interface
    (`host="0.0.0.0"`) with no `auth=` provider is reported at its `run` call: its tools
    answer anyone who can reach the port.

    ## Why it matters
    Whoever can send a request runs the agent with every tool and credential it holds, on the
    service's bill. There is no user to rate-limit, no identity for per-user credentials or
    audit, and one leaked URL is an open agent.

    ## How to fix
    Authenticate the route (an OAuth/OIDC or API-key dependency, a signed session), pass the
    caller's identity to the agent's tools, and budget per caller.

    ## Limits
    The rule stays silent for the whole project when authentication is applied globally in a
    way it can see: app or router `dependencies=[...]`, an authentication middleware
    (`add_middleware(...Auth...)`, `@app.middleware`, Flask `before_request`), Django's
    `LoginRequiredMiddleware` or a REST framework default of `IsAuthenticated`. Authentication
    done by an API gateway or reverse proxy is invisible; acknowledge the finding with that
    reason. Chat UIs (Chainlit, Gradio, Streamlit) configure auth outside the handler and are
    not judged.
    """

    id = "RDY413"
    security_severity = "7.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "unauthenticated-agent-endpoint"
    severity = Severity.WARNING
    summary = "Web route reaches the agent without authenticating the caller"
    scope = "project"
    kinds = frozenset({"python"})
    roles = frozenset({"prod"})
    precision = "medium"
    judges_tools = True  # an MCP server that only serves tools is judged too
    fix_hint = "Authenticate the route (OAuth/OIDC or API-key dependency) and pass the caller's identity to the agent"

    valid = [
        # The same server with a bearer-token provider, and one bound to localhost.
        Example(files={
            "server.py": '''
                from fastmcp import FastMCP
                from fastmcp.server.auth.providers.jwt import JWTVerifier
                mcp = FastMCP("tickets", auth=JWTVerifier(jwks_uri="https://id.example.com/jwks"))
                local = FastMCP("notes")
                @mcp.tool()
                def close_ticket(ticket_id: str) -> str:
                    return f"closed {ticket_id}"
                if __name__ == "__main__":
                    mcp.run(transport="http", host="0.0.0.0", port=8080)
                    local.run(transport="sse", host="127.0.0.1", port=8081)
            ''',
        }),
        # A standard-library HTTP handler that checks the caller's key before the agent runs.
        Example(files={
            "desk/server.py": '''
                import json, os
                from http.server import BaseHTTPRequestHandler
                from openai import OpenAI
                class Handler(BaseHTTPRequestHandler):
                    def do_POST(self):
                        if self.headers.get("Authorization") != f"Bearer {os.environ['DESK_TOKEN']}":
                            self.send_response(401)
                            self.end_headers()
                            return
                        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                        reply = OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=body["text"][:2000],
                                                          max_output_tokens=300).output_text
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(reply.encode())
            ''',
        }),
        # A webhook that checks the platform's signature; a Django view that requires a signed-in user.
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/__init__.py": "",
            "desk/brain.py": '''
                from openai import OpenAI
                def answer(text: str) -> str:
                    reply = OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=text[:2000],
                                                      max_output_tokens=300)
                    return reply.output_text
            ''',
            "desk/hooks.py": '''
                import hashlib, hmac, os
                from fastapi import FastAPI, HTTPException, Request
                from desk.brain import answer
                app = FastAPI()
                @app.post("/webhooks/form")
                async def form_webhook(request: Request):
                    body = await request.body()
                    digest = hmac.new(os.environ["FORM_SECRET"].encode(), body, hashlib.sha256).hexdigest()
                    if not hmac.compare_digest(digest, request.headers.get("Typeform-Signature", "")):
                        raise HTTPException(status_code=401)
                    return {"answer": answer(body.decode()[:2000])}
            ''',
            "web/views.py": '''
                import json
                from django.contrib.auth.decorators import login_required
                from django.http import JsonResponse
                from desk.brain import answer
                @login_required
                def ask_view(request):
                    return JsonResponse({"answer": answer(json.loads(request.body)["q"][:2000])})
            ''',
        }),
        Example(files={
            "app.py": '''
                from fastapi import Depends, FastAPI
                from pydantic import BaseModel, Field
                from agents import Agent, Runner
                from myauth import current_user
                app = FastAPI()
                desk = Agent(name="desk", model="gpt-4.1-2025-04-14")
                class Ask(BaseModel):
                    text: str = Field(max_length=2000)
                @app.post("/ask")
                async def ask(body: Ask, user=Depends(current_user)):
                    return (await Runner.run(desk, body.text, max_turns=5)).final_output
            ''',
        }),
        Example(files={
            "app.py": '''
                from fastapi import Depends, FastAPI
                from agents import Agent, Runner
                from myauth import require_api_key
                app = FastAPI(dependencies=[Depends(require_api_key)])
                desk = Agent(name="desk", model="gpt-4.1-2025-04-14")
                @app.post("/ask")
                async def ask(text: str):
                    return (await Runner.run(desk, text[:2000], max_turns=5)).final_output
            ''',
        }),
        Example(files={
            "app.py": '''
                from flask import Flask, request
                from flask_login import login_required
                from openai import OpenAI
                app = Flask(__name__)
                @app.route("/ask", methods=["POST"])
                @login_required
                def ask():
                    return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=request.json["q"][:2000],
                                                     max_output_tokens=200).output_text
            ''',
        }),
    ]
    invalid = [
        # An MCP server with write tools, served over SSE on every interface with no token check.
        Example(files={
            "server.py": '''
                import os
                from fastmcp import FastMCP
                mcp = FastMCP("tickets")
                @mcp.tool()
                def close_ticket(ticket_id: str) -> str:
                    return f"closed {ticket_id}"
                if __name__ == "__main__":
                    mcp.run(transport="sse", host=os.getenv("HOST", "0.0.0.0"), port=8080)  # expect: RDY413
            ''',
        }),
        # A request-body model named ``request``; an agent fetched from a registry; Flask query text;
        # a standard-library HTTP handler.
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/__init__.py": "",
            "desk/registry.py": '''
                from openai import OpenAI
                class TradingAgent:
                    def process_request(self, text: str) -> str:
                        return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=text[:2000],
                                                         max_output_tokens=300).output_text
                AGENTS = {"trading": TradingAgent()}
            ''',
            "desk/api.py": '''
                from fastapi import FastAPI
                from pydantic import BaseModel, Field
                from desk.registry import AGENTS
                app = FastAPI()
                class AskRequest(BaseModel):
                    prompt: str = Field(max_length=2000)
                @app.post("/ask")
                async def ask(request: AskRequest):  # expect: RDY413
                    trading_agent = AGENTS.get("trading")
                    return {"answer": trading_agent.process_request(request.prompt)}
            ''',
            "desk/legacy.py": '''
                from flask import Flask, request
                from desk.registry import TradingAgent
                app = Flask(__name__)
                desk_agent = TradingAgent()
                @app.route("/message", methods=["GET"])
                def message():  # expect: RDY413
                    return desk_agent.process_request(request.args.get("text", "")[:2000])
            ''',
            "desk/server.py": '''
                import json
                from http.server import BaseHTTPRequestHandler
                from desk.registry import TradingAgent
                class Handler(BaseHTTPRequestHandler):
                    agent = TradingAgent()
                    def do_POST(self):  # expect: RDY413
                        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                        reply = self.agent.process_request(body["text"][:2000])
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(reply.encode())
            ''',
        }),
        # Platform events (a Slack events route, a form webhook) that reach the agent, one through a
        # module-level agent object built from a project class, one through a background task; and a
        # Django view with nothing that asks who is calling.
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/__init__.py": "",
            "desk/brain.py": '''
                from openai import OpenAI
                class Brain:
                    def __init__(self):
                        self.client = OpenAI()
                    def answer(self, text: str) -> str:
                        reply = self.client.responses.create(model="gpt-4.1-2025-04-14", input=text[:2000],
                                                             max_output_tokens=300)
                        return reply.output_text
            ''',
            "desk/slack_routes.py": '''
                import asyncio
                from fastapi import APIRouter, Request
                from desk.brain import Brain
                router = APIRouter()
                brain = Brain()
                async def handle(event: dict) -> None:
                    print(brain.answer(event.get("text", "")[:2000]))
                @router.post("/slack/events")
                async def slack_events(request: Request):  # expect: RDY413
                    payload = await request.json()
                    asyncio.create_task(handle(payload.get("event", {})))
                    return {"ok": True}
            ''',
            "desk/forms.py": '''
                from fastapi import BackgroundTasks, FastAPI, Request
                from desk.brain import Brain
                app = FastAPI()
                def qualify(payload: dict) -> None:
                    Brain().answer(str(payload)[:2000])
                @app.post("/webhooks/form")
                async def form_webhook(request: Request, background_tasks: BackgroundTasks):  # expect: RDY413
                    background_tasks.add_task(qualify, await request.json())
                    return {"status": "accepted"}
            ''',
            "web/views.py": '''
                import json
                from django.http import JsonResponse
                from django.views.decorators.csrf import csrf_exempt
                from desk.brain import Brain
                @csrf_exempt
                def ask_view(request):  # expect: RDY413
                    question = json.loads(request.body)["q"][:2000]
                    return JsonResponse({"answer": Brain().answer(question)})
            ''',
        }),
        # The project's own package is called ``agents`` (like the OpenAI Agents SDK), and the route
        # reaches it through a helper of its own file.
        Example(files={
            "backend/requirements.txt": "flask\nanthropic\n",
            "backend/agents/__init__.py": "",
            "backend/agents/writer.py": '''
                import anthropic
                llm = anthropic.Anthropic()
                def write_sql(question: str) -> str:
                    msg = llm.messages.create(model="claude-sonnet-4-5-20250929", max_tokens=300,
                                              messages=[{"role": "user", "content": question}])
                    return msg.content[0].text
            ''',
            "backend/main.py": '''
                from flask import Flask, request, jsonify
                from agents.writer import write_sql
                app = Flask(__name__)
                def pipeline(question: str) -> str:
                    return write_sql(question)
                @app.route("/ask", methods=["POST"])
                def ask():  # expect: RDY413
                    return jsonify({"sql": pipeline(request.get_json()["q"][:500])})
            ''',
        }),
        Example(files={
            "app.py": '''
                from fastapi import FastAPI, Request
                from agents import Agent, Runner
                app = FastAPI()
                desk = Agent(name="desk", model="gpt-4.1-2025-04-14")
                @app.post("/ask")
                async def ask(request: Request):  # expect: RDY413
                    body = await request.json()
                    return (await Runner.run(desk, body["q"][:2000], max_turns=5)).final_output
            ''',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        """App-wide authentication: dependencies on the app or router, auth middleware."""
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in MCP_RUN_METHODS:
            self._exposed_mcp_server(node, ctx)
        if name in ("FastAPI", "APIRouter", "Starlette", "Litestar") and any(
                kw.arg in ("dependencies", "middleware", "guards") for kw in node.keywords):
            ctx.fact("app-auth", node, f"`{name}({next(kw.arg for kw in node.keywords if kw.arg in ('dependencies', 'middleware', 'guards'))}=...)`")
        elif name == "add_middleware" and node.args and re.search(r"auth|jwt|token|login|session|security|oauth|key",
                                                                   ast.unparse(node.args[0]), re.I):
            ctx.fact("app-auth", node, "authentication middleware")
        elif name == "include_router" and any(kw.arg == "dependencies" for kw in node.keywords):
            ctx.fact("app-auth", node, "router dependencies")

    @staticmethod
    def _exposed_mcp_server(node: ast.Call, ctx) -> None:
        """``mcp.run(transport="sse", host="0.0.0.0")`` on a FastMCP server built without ``auth=``:
        every tool it serves answers anyone who can reach the port."""
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        key = receiver.id if isinstance(receiver, ast.Name) else ""
        built = [c for c in ctx.calls() if (ctx.qualname(c.func) or "").endswith(MCP_SERVER_CLASSES)
                 and any(isinstance(t, ast.Name) and t.id == key for a in (ctx.parent(c),) if isinstance(a, ast.Assign)
                         for t in a.targets)]
        if not key or len(built) != 1:
            return
        server = built[0]
        if any(_sdk.keyword_value(server, k) is not None for k in MCP_AUTH_KEYWORDS):
            return
        def setting(name: str) -> str:
            for call in (node, server):
                found = _sdk.resolve_str(_sdk.passed_keyword(call, name, ctx), ctx, call)
                if found is not None:
                    return found[0]
            return ""
        transport = setting("transport").replace("_", "-")
        host = setting("host")
        if transport in NETWORK_TRANSPORTS and host in ALL_INTERFACES:
            ctx.fact("mcp-exposed", node, f"{key}|{transport}|{host}")

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            text = ast.unparse(dec)
            if text.endswith(("before_request", "before_app_request")) or ".middleware(" in text:
                ctx.fact("app-auth", dec, f"`@{text[:40]}`")

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        if ("MIDDLEWARE" in ctx.text or "REST_FRAMEWORK" in ctx.text) and (match := DJANGO_GLOBAL_AUTH.search(ctx.text)):
            line = ctx.text.count("\n", 0, match.start()) + 1
            ctx.fact("app-auth", line, f"Django settings (`{match.group(0)}`)")
        for handler in entry_points.find_handlers(ctx):
            if handler.kind in ("web-route", "webhook") and handler.framework in ROUTE_FRAMEWORKS \
                    and not _retired(handler.node):
                how = _route_auth(handler.node, ctx)
                ctx.fact("route-auth", handler.node.lineno, f"{handler.node.name}|{how.replace('|', '/')}")

    def check_project(self, ctx) -> None:
        if ctx.has("app-auth", roles=("prod",)):
            return
        for fact in ctx.facts("mcp-exposed", roles=("prod",)):
            server, transport, host = fact.value.split("|")
            ctx.report(f"MCP server `{server}` serves its tools over {transport} on {host} with no `auth=`: anyone "
                       "who can reach the port calls them", at=Location(fact.path, fact.line, 1, fact.line))
        auth = {(f.path, f.line): f.value.split("|", 1)[1] for f in ctx.facts("route-auth", roles=("prod",))}
        for entry in entry_points.project_entries(ctx, ("prod",)):
            key = (entry.path, entry.line)
            if key not in auth or entry.reaches_agent == "none" or not entry.text_inputs:
                continue  # only routes that hand the agent something to act on
            where = Location(entry.path, entry.line, 1, entry.line)
            if auth[key]:
                ctx.credit(where, f"`{entry.name}` authenticates its caller ({auth[key]})")
            elif entry.kind == "webhook":
                ctx.report(f"webhook route `{entry.name}` runs the agent for any sender: nothing checks the signature "
                           "the platform puts on its events", at=where)
            else:
                ctx.report(f"web route `{entry.name}` runs the agent for any caller: nothing identifies who sent "
                           "the request", at=where)
