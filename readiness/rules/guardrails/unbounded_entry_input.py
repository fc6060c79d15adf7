"""RDY203: a user-facing entry point hands text of any length to the agent."""
from __future__ import annotations

from readiness import entry_points
from readiness.model import Severity
from readiness.rule import Example, Rule

USER_FACING = ("web-route", "chat-handler")
LENGTH_LABELS = ("length", "trimming", "token counting")


class UnboundedEntryInput(Rule):
    """
    ## What it finds
    A web route, chat handler or Streamlit text widget (`st.chat_input`, `st.text_input`,
    `st.text_area` without `max_chars`) that takes text from the user (a `str` or `dict` parameter, a
    request body model, `await request.json()`) and reaches a model or an agent - in the same
    function, in a function of the same file, or through a project function or agent object
    of another module - with nothing that bounds the size of that text: no `len()` check, no
    slice, no `max_length` on the parameter (`Query(max_length=...)`, `Annotated[str,
    StringConstraints(max_length=...)]`) or on the request model's fields, no token counting or
    `trim_messages`.

    ## Why it matters
    Input size is cost and risk: one pasted log file fills the context window, multiplies the
    bill of every turn that replays the history, and gives injected instructions room to hide.
    A length limit at the door is the cheapest guardrail there is and the one most often
    missing.

    ## How to fix
    Bound the text where it enters: `message: str = Field(max_length=4000)` on the request model,
    `Query(max_length=...)`, or an explicit check that returns 413/422 before the agent runs.
    Count tokens (`tiktoken`, `count_tokens`) when the limit must be in tokens.

    ## Example
    ```python
    class Ask(BaseModel):
        message: str                                 # any size reaches the agent
        message: str = Field(max_length=4000)        # bounded at the door
    ```

    ## Limits
    A limit enforced by a gateway, a reverse proxy (`client_max_body_size`) or middleware this
    repository does not show is invisible; so is a request model defined in another package.
    A project with a length guard anywhere on the model path (`trim_messages`, token counting)
    is taken as bounded.
    """

    id = "RDY203"
    name = "unbounded-entry-input"
    severity = Severity.WARNING
    summary = "User-facing entry point passes text of any length to the agent"
    scope = "project"
    kinds = frozenset({"python"})
    roles = frozenset({"prod", "example"})
    precision = "medium"
    fix_hint = "Bound the input where it enters (Field(max_length=...), a len() check, token counting)"

    valid = [
        Example(files={
            "app.py": '''
                from fastapi import FastAPI
                from pydantic import BaseModel, Field
                from openai import OpenAI
                app = FastAPI()
                class Ask(BaseModel):
                    message: str = Field(max_length=4000)
                @app.post("/chat")
                def chat(body: Ask):
                    return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=body.message, max_output_tokens=300)
            ''',
        }),
        Example(files={
            "app.py": '''
                from flask import Flask, request, abort
                from agents import Agent, Runner
                app = Flask(__name__)
                agent = Agent(name="desk", model="gpt-4.1-2025-04-14")
                @app.route("/ask", methods=["POST"])
                def ask():
                    text = request.get_json()["q"]
                    if len(text) > 4000:
                        abort(413)
                    return Runner.run_sync(agent, text, max_turns=5).final_output
            ''',
        }),
        Example(files={
            "bot.py": '''
                import chainlit as cl
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=300)
                @cl.on_message
                async def on_message(message: cl.Message):
                    await cl.Message(content=llm.invoke(message.content[:4000]).content).send()
            ''',
        }),
        Example(files={
            "page.py": '''
                import streamlit as st
                from openai import OpenAI
                question = st.chat_input("Ask the help desk", max_chars=2000)
                if question:
                    st.write(OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=question, max_output_tokens=300).output_text)
            ''',
        }),
        Example(files={
            "app.py": '''
                from fastapi import FastAPI
                from openai import OpenAI
                app = FastAPI()
                @app.get("/threads/{thread_id}/summary")
                def summary(thread_id: str):
                    return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=load(thread_id), max_output_tokens=300)
            ''',
        }),
    ]
    invalid = [
        Example(files={
            "app.py": '''
                from fastapi import FastAPI
                from pydantic import BaseModel
                from openai import OpenAI
                app = FastAPI()
                class Ask(BaseModel):
                    message: str
                @app.post("/chat")
                def chat(body: Ask):  # expect: RDY203
                    return OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=body.message, max_output_tokens=300)
            ''',
        }),
        Example(files={
            "shop/api.py": '''
                from flask import Flask, request
                from shop.agent import answer
                app = Flask(__name__)
                @app.route("/ask", methods=["POST"])
                def ask():  # expect: RDY203
                    return {"answer": answer(request.get_json()["q"])}
            ''',
            "shop/agent.py": '''
                from agents import Agent, Runner
                desk = Agent(name="desk", model="gpt-4.1-2025-04-14")
                def answer(text):
                    return Runner.run_sync(desk, text, max_turns=5).final_output
            ''',
        }),
        Example(files={
            "bot.py": '''
                import chainlit as cl
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=300)
                @cl.on_message
                async def on_message(message: cl.Message):  # expect: RDY203
                    await cl.Message(content=llm.invoke(message.content).content).send()
            ''',
        }),
        Example(files={
            "page.py": '''
                import streamlit as st
                from openai import OpenAI
                question = st.chat_input("Ask the help desk")  # expect: RDY203
                if question:
                    st.write(OpenAI().responses.create(model="gpt-4.1-2025-04-14", input=question, max_output_tokens=300).output_text)
            ''',
        }),
    ]

    def check_project(self, ctx) -> None:
        guards = [f for f in ctx.facts("input-guardrail", roles=("prod",))
                  if any(label in f.value.split("|")[0] for label in LENGTH_LABELS)]
        for entry in entry_points.project_entries(ctx, ("prod", "example")):
            if entry.kind not in USER_FACING or not entry.text_inputs or entry.reaches_agent == "none":
                continue
            if entry.input_limit or guards:
                ctx.credit(_at(entry), f"`{entry.name}` bounds its input ({entry.input_limit or guards[0].value.split('|')[0]})")
                continue
            where = "the agent" if entry.reaches_agent == "direct" else f"the agent ({entry.reaches_agent})"
            ctx.report(f"{entry.kind} `{entry.name}` passes user text ({', '.join(entry.text_inputs)}) to {where} "
                       "with no length limit", at=_at(entry))


def _at(entry):
    from readiness.model import Location

    return Location(entry.path, entry.line, 1, entry.line)
