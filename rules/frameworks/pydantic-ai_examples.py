"""A writing assistant on PydanticAI: what readiness must report, and look-alikes it must not."""
from pydantic_ai import Agent, ModelSettings, UsageLimits
from pydantic_ai.direct import model_request_sync
from pydantic_ai.messages import ModelRequest
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.fallback import FallbackModel
from pydantic_ai.models.google import GoogleModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel

SHORT = ModelSettings(max_tokens=500)
LIMITS = UsageLimits(request_limit=8, tool_calls_limit=5)

writer = Agent("openai:gpt-4o", instructions="Write tersely.")  # expect: RDY101 RDY301
editor = Agent("openai:gpt-4o-2024-08-06", model_settings={"max_tokens": 400})  # ok
reviewer = Agent("anthropic:claude-haiku-4-5-20251001", instructions="Review.")  # ok
planner = Agent(OpenAIResponsesModel("gpt-4.1-2025-04-14"), model_settings=SHORT)  # ok
haiku = AnthropicModel("claude-haiku-4-5")  # expect: RDY101
critic = Agent(haiku, instructions="Critique the draft.")  # ok
flash = GoogleModel("gemini-flash-latest")  # expect: RDY101
summarizer = Agent(flash, instructions="Summarize.")  # expect: RDY301 (the agent merges the model's settings with its own: the cap is judged where the model is used)
small = OpenAIChatModel("gpt-4o-mini-2024-07-18", settings=ModelSettings(max_tokens=300))  # ok
tagger = Agent(small, instructions="Tag the text.")  # ok
backup = FallbackModel("openai:gpt-4o-mini", "anthropic:claude-sonnet-4-6")  # expect: RDY101
router = Agent(backup, model_settings=SHORT)  # ok
unbound = Agent(instructions="Pick a desk.", model_settings=SHORT)  # ok


@editor.tool_plain
def word_count(text: str) -> int:
    return len(text.split())


def draft(topic: str) -> str:
    return writer.run_sync(f"Draft a note on {topic}").output  # expect: RDY302


def polish(text: str) -> str:
    return editor.run_sync(text, usage_limits=LIMITS).output  # ok


async def review(text: str) -> str:
    verdict = await reviewer.run(text, usage_limits=UsageLimits(request_limit=4))  # ok
    async with critic.run_stream(verdict.output) as stream:  # expect: RDY302
        return await stream.get_output()


async def plan(goal: str):
    async with planner.iter(goal) as run:  # expect: RDY302
        async for node in run:
            print(node)
    return run.result


def quick(prompt: str):
    return model_request_sync("openai:gpt-4.1-2025-04-14", [ModelRequest.user_text_prompt(prompt)])  # expect: RDY301
