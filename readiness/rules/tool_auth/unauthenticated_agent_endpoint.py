"""RDY413: anyone who can reach the URL can drive the agent and its tools."""
from __future__ import annotations

import ast
import re

from readiness import entry_points
from readiness.model import Location, Severity
from readiness.rule import Example, Rule

# Words that name who is calling: in a dependency, an annotation, a decorator, or a call.
AUTH_WORDS = re.compile(r"(user|auth|token|principal|api_?key|credential|identity|permission|verify|jwt|oauth|"
                        r"login|signature|bearer|claims)", re.I)
AUTH_CALLS = re.compile(r"(authenticat|authoriz|verify|jwt|api_?key|current_user|require_auth|login|decode_token)", re.I)
AUTH_PARAMS = {"user", "current_user", "principal", "api_key", "token", "credentials", "auth", "identity", "claims"}
# Web stacks whose routes are judged (Django keeps authentication in middleware settings).
ROUTE_FRAMEWORKS = {"fastapi", "flask", "starlette", "quart", "sanic", "litestar", "aiohttp"}


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
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value.lower() in (
                "authorization", "x-api-key", "x-api-token"):
            return f"`{sub.value}` header check"
        if isinstance(sub, ast.Call):
            name = sub.func.attr if isinstance(sub.func, ast.Attribute) else getattr(sub.func, "id", "")
            if AUTH_CALLS.search(name or ""):
                return f"`{name}()` call"
    return ""


class UnauthenticatedAgentEndpoint(Rule):
    """
    ## What it finds
    A web route (FastAPI, Flask, Starlette, Quart, Sanic, Litestar, aiohttp) that takes text
    from the request and reaches the agent - directly or through a project function or agent
    object - with nothing in it that
    identifies the caller: no authentication dependency or security parameter (`Depends(...)`
    / `Security(...)` naming a user, token or key, a `current_user` parameter), no auth
    decorator (`@login_required`, `@requires_auth`), no `Authorization` or API-key header
    check, no call to a verify/authenticate function.

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
    (`add_middleware(...Auth...)`, `@app.middleware`, Flask `before_request`). Authentication
    done by an API gateway or reverse proxy is invisible; acknowledge the finding with that
    reason. Chat UIs (Chainlit, Gradio, Streamlit) configure auth outside the handler and are
    not judged.
    """

    id = "RDY413"
    name = "unauthenticated-agent-endpoint"
    severity = Severity.WARNING
    summary = "Web route reaches the agent without authenticating the caller"
    scope = "project"
    kinds = frozenset({"python"})
    roles = frozenset({"prod"})
    precision = "medium"
    fix_hint = "Authenticate the route (OAuth/OIDC or API-key dependency) and pass the caller's identity to the agent"

    valid = [
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
        qn = ctx.qualname(node.func) or ""
        if name in ("FastAPI", "APIRouter", "Starlette", "Litestar") and any(
                kw.arg in ("dependencies", "middleware", "guards") for kw in node.keywords):
            ctx.fact("app-auth", node, f"`{name}({next(kw.arg for kw in node.keywords if kw.arg in ('dependencies', 'middleware', 'guards'))}=...)`")
        elif name == "add_middleware" and node.args and re.search(r"auth|jwt|token|login|session|security|oauth|key",
                                                                   ast.unparse(node.args[0]), re.I):
            ctx.fact("app-auth", node, "authentication middleware")
        elif name == "include_router" and any(kw.arg == "dependencies" for kw in node.keywords):
            ctx.fact("app-auth", node, "router dependencies")
        elif qn.startswith("django"):
            ctx.fact("app-auth", node, "Django (authentication middleware in settings)")

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            text = ast.unparse(dec)
            if text.endswith(("before_request", "before_app_request")) or ".middleware(" in text:
                ctx.fact("app-auth", dec, f"`@{text[:40]}`")

    visit_AsyncFunctionDef = visit_FunctionDef

    def check_file(self, ctx) -> None:
        for handler in entry_points.find_handlers(ctx):
            if handler.kind == "web-route" and handler.framework in ROUTE_FRAMEWORKS:
                how = _route_auth(handler.node, ctx)
                ctx.fact("route-auth", handler.node.lineno, f"{handler.node.name}|{how.replace('|', '/')}")

    def check_project(self, ctx) -> None:
        if ctx.has("app-auth", roles=("prod",)):
            return
        auth = {(f.path, f.line): f.value.split("|", 1)[1] for f in ctx.facts("route-auth", roles=("prod",))}
        for entry in entry_points.project_entries(ctx, ("prod",)):
            key = (entry.path, entry.line)
            if key not in auth or entry.reaches_agent == "none" or not entry.text_inputs:
                continue  # only routes that hand the agent something to act on
            where = Location(entry.path, entry.line, 1, entry.line)
            if auth[key]:
                ctx.credit(where, f"`{entry.name}` authenticates its caller ({auth[key]})")
            else:
                ctx.report(f"web route `{entry.name}` runs the agent for any caller: nothing identifies who sent "
                           "the request", at=where)
