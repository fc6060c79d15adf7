"""A small support desk on the OpenAI Agents SDK: what readiness must report, and look-alikes it must not."""
import asyncio

from agents import Agent, ModelSettings, OpenAIChatCompletionsModel, Runner, function_tool, run_demo_loop
from agents.extensions.models.litellm_model import LitellmModel
from agents.realtime import RealtimeAgent, RealtimeRunner, RealtimeSessionModelSettings
from agents.voice import SingleAgentVoiceWorkflow, VoicePipeline
from openai import AsyncOpenAI

SHORT = ModelSettings(max_tokens=600, temperature=0.2)


@function_tool
def order_status(order_id: str) -> str:
    return f"order {order_id}: shipped"


triage = Agent(name="triage", instructions="Route the request.", model="gpt-4o")  # expect: RDY101 RDY301
billing = Agent(name="billing", model="gpt-4.1-2025-04-14", model_settings=SHORT, tools=[order_status])  # ok
helper = Agent(name="helper", instructions="Answer briefly.", model_settings=SHORT)  # expect: RDY102
chat_model = OpenAIChatCompletionsModel(model="gpt-4o-mini", openai_client=AsyncOpenAI())  # expect: RDY101
faq = Agent(name="faq", model=chat_model, model_settings=SHORT)  # ok
claude = LitellmModel(model="anthropic/claude-haiku-4-5-20251001")  # ok
research = Agent(name="research", model=claude, tools=[order_status])  # expect: RDY301
billing_desk = billing.as_tool(tool_name="billing", tool_description="Billing questions")  # expect: RDY302
faq_desk = faq.as_tool(tool_name="faq", tool_description="FAQ", max_turns=2)  # ok

VOICE = RealtimeSessionModelSettings(model_name="gpt-realtime", voice="alloy")  # expect: RDY101 RDY301
PHONE = RealtimeSessionModelSettings(model_name="gpt-realtime-2025-08-28", max_output_tokens=800)  # ok
phone_line = RealtimeRunner(RealtimeAgent(name="phone", instructions="Be brief."), config={"model_settings": PHONE})  # ok
speech = VoicePipeline(workflow=SingleAgentVoiceWorkflow(helper))  # expect: RDY102
pinned_speech = VoicePipeline(workflow=SingleAgentVoiceWorkflow(faq), stt_model="gpt-4o-transcribe", tts_model="gpt-4o-mini-tts")  # ok


async def answer(question: str) -> str:
    routed = await Runner.run(triage, question)  # expect: RDY302
    result = await Runner.run(billing, routed.final_output, max_turns=4)  # ok
    return result.final_output


def answer_now(question: str) -> str:
    return Runner.run_sync(helper, question, max_turns=3).final_output  # ok


def stream_answer(question: str):
    return Runner.run_streamed(research, question)  # expect: RDY302


if __name__ == "__main__":
    asyncio.run(run_demo_loop(faq))  # expect: RDY302
