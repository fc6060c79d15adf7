"""Order-support desk on Google ADK: what readiness must report, and look-alikes it must not."""
from google.adk import Agent
from google.adk.agents import LlmAgent, LoopAgent, RunConfig
from google.adk.integrations.openai import OpenAILlm
from google.adk.models import Claude, Gemini
from google.adk.models.lite_llm import LiteLlm
from google.adk.runners import InMemoryRunner, Runner
from google.adk.sessions import InMemorySessionService
from google.genai import types

CAPPED = types.GenerateContentConfig(max_output_tokens=800, temperature=0.2)
WARM = types.GenerateContentConfig(temperature=0.9)


def lookup_order(order_id: str) -> dict:
    """Return the shipping status of an order."""
    return {"order_id": order_id, "status": "shipped"}


triage = Agent(name="triage", model="gemini-flash-latest", instruction="Route the request.")  # expect: RDY101 RDY301
billing = LlmAgent(name="billing", model="gemini-3.5-flash", generate_content_config=CAPPED, tools=[lookup_order])  # ok
drafter = LlmAgent(name="drafter", model="gemini-3.5-flash", generate_content_config=WARM)  # expect: RDY301
fallback = LlmAgent(name="fallback", instruction="Apologise politely.", generate_content_config=CAPPED)  # expect: RDY102

flash = Gemini()  # expect: RDY102
pinned_flash = Gemini(model="gemini-3.5-flash")  # ok
vertex_claude = Claude(model="claude-3-5-sonnet-v2")  # expect: RDY101
dated_claude = Claude(model="claude-haiku-4-5@20251001")  # ok
openai_llm = OpenAILlm(model="gpt-4.1-2025-04-14")  # ok
router = LiteLlm(model="openai/gpt-4o", max_tokens=600)  # expect: RDY101
pinned_router = LiteLlm("anthropic/claude-sonnet-4-6", max_tokens=600)  # ok
writer = LlmAgent(name="writer", model=pinned_router, generate_content_config=CAPPED)  # ok
editor = LlmAgent(name="editor", model=pinned_router, instruction="Edit.")  # ok

review_loop = LoopAgent(name="review", sub_agents=[drafter, billing])  # expect: RDY302
bounded_loop = LoopAgent(name="bounded", sub_agents=[drafter, billing], max_iterations=3)  # ok


async def answer(user_id: str, session_id: str, text: str) -> list:
    runner = InMemoryRunner(agent=billing, app_name="desk")
    message = types.Content(role="user", parts=[types.Part(text=text)])
    events = [e async for e in runner.run_async(user_id=user_id, session_id=session_id, new_message=message)]  # expect: RDY302
    bounded = RunConfig(max_llm_calls=20)
    events += [e async for e in runner.run_async(user_id=user_id, session_id=session_id, new_message=message, run_config=bounded)]  # ok
    return events


def answer_sync(user_id: str, session_id: str, text: str) -> list:
    runner = Runner(agent=billing, app_name="desk", session_service=InMemorySessionService())
    message = types.Content(role="user", parts=[types.Part(text=text)])
    streaming = RunConfig(save_input_blobs_as_artifacts=False)
    return list(runner.run(user_id=user_id, session_id=session_id, new_message=message, run_config=streaming))  # expect: RDY302


# BigQuery toolset (sql_tool site): writes are blocked unless write_mode says otherwise.
from google.adk.tools.bigquery import BigQueryToolset  # noqa: E402
from google.adk.tools.bigquery.config import BigQueryToolConfig, WriteMode  # noqa: E402

read_only_bq = BigQueryToolset()  # ok
writable_bq = BigQueryToolset(bigquery_tool_config=BigQueryToolConfig(write_mode=WriteMode.ALLOWED))  # expect: RDY404
