"""Entry points in the forms real services use: platform webhooks, work handed to a background
task, module-level agent objects, Django views. Each is listed with how it reaches the agent, and
RDY413 judges it (a webhook by its signature check, a view by its login check)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from readiness.config import resolve_settings
from readiness.scan import check

BRAIN = """
    from openai import OpenAI
    class Brain:
        def answer(self, text: str) -> str:
            return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=text[:2000],
                                             max_output_tokens=300).output_text
"""
SLACK = """
    import asyncio
    from fastapi import APIRouter, Request
    from desk.brain import Brain
    router = APIRouter()
    brain = Brain()
    async def handle(event: dict) -> None:
        print(brain.answer(event.get("text", "")[:2000]))
    @router.post("/slack/events")
    async def slack_events(request: Request):
        payload = await request.json()
        asyncio.create_task(handle(payload.get("event", {})))
        return {"ok": True}
"""
FORMS = """
    import hashlib, hmac, os
    from fastapi import BackgroundTasks, FastAPI, HTTPException, Request
    from desk.brain import Brain
    app = FastAPI()
    def qualify(payload: dict) -> None:
        Brain().answer(str(payload)[:2000])
    @app.post("/webhooks/form")
    async def form_webhook(request: Request, background_tasks: BackgroundTasks):
        background_tasks.add_task(qualify, await request.json())
        return {"status": "accepted"}
    @app.post("/webhooks/signed")
    async def signed_webhook(request: Request, background_tasks: BackgroundTasks):
        body = await request.body()
        digest = hmac.new(os.environ["FORM_SECRET"].encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(digest, request.headers.get("Typeform-Signature", "")):
            raise HTTPException(status_code=401)
        background_tasks.add_task(qualify, body)
        return {"status": "accepted"}
"""
VIEWS = """
    import json
    from django.contrib.auth.decorators import login_required
    from django.http import JsonResponse
    from django.views.decorators.csrf import csrf_exempt
    from desk.brain import Brain
    @csrf_exempt
    def open_view(request):
        return JsonResponse({"answer": Brain().answer(json.loads(request.body)["q"][:2000])})
    @login_required
    def member_view(request):
        return JsonResponse({"answer": Brain().answer(request.POST["q"][:2000])})
"""


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"pyproject.toml": "[project]\nname = 'desk'\n", "desk/__init__.py": "",
                       "desk/brain.py": BRAIN, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def _scan(root: Path):
    return check([str(root)], resolve_settings([str(root)], None))


def test_webhooks_background_tasks_and_module_objects_reach_the_agent(tmp_path):
    result = _scan(_project(tmp_path, {"desk/slack_routes.py": SLACK, "desk/forms.py": FORMS}))
    assert [(e.kind, e.name, e.path, e.line, e.text_inputs, e.reaches_agent) for e in result.entry_points] == [
        ("webhook", "form_webhook", "desk/forms.py", 9, ["request.json"], "via desk.brain.Brain"),
        ("webhook", "signed_webhook", "desk/forms.py", 13, ["request.body"], "via desk.brain.Brain"),
        ("webhook", "slack_events", "desk/slack_routes.py", 10, ["request.json"], "via desk.brain.Brain"),
    ]
    found = sorted((f.rule, f.location.path, f.location.line) for f in result.findings if f.rule == "RDY413")
    assert found == [("RDY413", "desk/forms.py", 9), ("RDY413", "desk/slack_routes.py", 10)]
    # a webhook is platform traffic, not typed text: the input-size rule does not judge it
    assert not [f for f in result.findings if f.rule == "RDY203"]


def test_django_views_are_judged_by_their_login_check(tmp_path):
    result = _scan(_project(tmp_path, {"web/views.py": VIEWS}))
    assert [(e.kind, e.name, e.framework, e.text_inputs) for e in result.entry_points] == [
        ("web-route", "open_view", "django", ["request.body"]),
        ("web-route", "member_view", "django", ["request.POST"]),
    ]
    found = sorted((f.rule, f.location.path, f.location.line) for f in result.findings if f.rule == "RDY413")
    assert found == [("RDY413", "web/views.py", 8)]


def test_django_login_required_middleware_covers_every_view(tmp_path):
    settings = """
        MIDDLEWARE = [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.auth.middleware.LoginRequiredMiddleware",
        ]
    """
    result = _scan(_project(tmp_path, {"web/views.py": VIEWS, "web/settings.py": settings}))
    assert [f for f in result.findings if f.rule == "RDY413"] == []


INIT_THEN_ASK = """
    from fastapi import FastAPI
    from desk.graph import build_app
    app = FastAPI()
    AGENT_APP = None
    @app.post("/init")
    async def init():
        global AGENT_APP
        AGENT_APP = build_app()
        return "ready"
    @app.post("/ask")
    async def ask(query: str):
        return AGENT_APP.invoke({"q": query[:2000]})
"""
GRAPH = """
    from openai import OpenAI
    def build_app():
        def answer(state: dict) -> dict:
            reply = OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=state["q"], max_output_tokens=300)
            return {"a": reply.output_text}
        return answer
"""
HANDED_MODEL = """
    import asyncio
    import litellm
    from fastapi import FastAPI
    app = FastAPI()
    @app.post("/triage")
    async def triage(report: str):
        reply = await asyncio.to_thread(litellm.completion, model="gpt-4.1-2025-04-14", max_tokens=300,
                                        messages=[{"role": "user", "content": report[:2000]}])
        return reply.choices[0].message.content
"""


def test_a_global_set_by_an_init_route_and_a_model_handed_to_a_thread_reach_the_agent(tmp_path):
    result = _scan(_project(tmp_path, {"desk/graph.py": GRAPH, "desk/api.py": INIT_THEN_ASK,
                                       "desk/triage.py": HANDED_MODEL}))
    assert [(e.name, e.path, e.line, e.reaches_agent) for e in result.entry_points] == [
        ("init", "desk/api.py", 7, "via desk.graph.build_app"),
        ("ask", "desk/api.py", 12, "via desk.graph.build_app"),
        ("triage", "desk/triage.py", 7, "direct"),
    ]
    found = sorted((f.rule, f.location.path, f.location.line) for f in result.findings if f.rule == "RDY413")
    assert found == [("RDY413", "desk/api.py", 12), ("RDY413", "desk/triage.py", 7)]
