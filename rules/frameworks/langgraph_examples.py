"""A ticket-triage graph on LangGraph and Deep Agents: what readiness must report, and look-alikes it must not."""
from typing import TypedDict

from deepagents import create_deep_agent
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from langgraph.graph import END, START, StateGraph
from langgraph.prebuilt import create_react_agent

LIMITS = {"recursion_limit": 20}


class Ticket(TypedDict):
    text: str


@tool
def lookup_customer(email: str) -> str:
    """Find the customer's plan by email."""
    return f"{email}: pro plan"


def classify(ticket: Ticket) -> Ticket:
    return {"text": ticket["text"].strip()}


builder = StateGraph(Ticket)
builder.add_node("classify", classify)
builder.add_edge(START, "classify")
builder.add_edge("classify", END)
triage = builder.compile()

llm = ChatOpenAI(model="gpt-4.1-2025-04-14", max_tokens=600)  # ok
helper = create_react_agent(llm, [lookup_customer])
rough = create_react_agent("openai:gpt-4o", [lookup_customer])  # expect: RDY101
pinned = create_react_agent("anthropic:claude-sonnet-4-6", tools=[lookup_customer])  # ok
planner = create_deep_agent(tools=[lookup_customer], system_prompt="Plan the reply.")  # expect: RDY102
writer = create_deep_agent(llm, tools=[lookup_customer])  # ok


def route(text: str) -> Ticket:
    return triage.invoke({"text": text})  # ok: its graph (START -> classify -> END) has no cycle, so no loop to cap


def route_bounded(text: str) -> Ticket:
    return triage.invoke({"text": text}, LIMITS)  # ok


def answer(question: str) -> dict:
    return helper.invoke({"messages": [("user", question)]})  # expect: RDY302


def answer_stream(question: str):
    return helper.stream({"messages": [("user", question)]}, config={"recursion_limit": 10})  # ok


def draft(question: str, bounded: bool) -> dict:
    if bounded:
        return writer.invoke({"messages": [("user", question)]}, config=LIMITS)  # ok
    return writer.invoke({"messages": [("user", question)]})  # expect: RDY302
