"""Travel helper on Google's Gemini SDKs: what readiness must report, and look-alikes it must not."""
import google.generativeai as legacy_genai
from google import genai
from google.genai import types
from vertexai.generative_models import GenerativeModel
from vertexai.preview.generative_models import AutomaticFunctionCallingResponder

client = genai.Client()
CAPPED = types.GenerateContentConfig(max_output_tokens=512, temperature=0.3)
LOOSE = types.GenerateContentConfig(temperature=0.9)


def flight_status(flight: str) -> str:
    """Return the status of a flight."""
    return f"{flight}: on time"


def plan(text: str) -> str:
    return client.models.generate_content(model="gemini-flash-latest", contents=text).text  # expect: RDY101 RDY301


def plan_capped(text: str) -> str:
    return client.models.generate_content(model="gemini-3-flash", contents=text, config=CAPPED).text  # ok


def plan_loose(text: str) -> str:
    return client.models.generate_content(model="gemini-3-flash", contents=text, config=LOOSE).text  # expect: RDY301


def plan_with_tools(text: str) -> str:
    config = types.GenerateContentConfig(tools=[flight_status], max_output_tokens=400)
    return client.models.generate_content(model="gemini-3-flash", contents=text, config=config).text  # expect: RDY302


async def plan_streamed(text: str) -> None:
    async for chunk in await client.aio.models.generate_content_stream(model="gemini-3-flash", contents=text, config={"max_output_tokens": 300}):  # ok
        print(chunk.text)


def chat_session() -> object:
    return client.chats.create(model="gemini-3-flash", config={"temperature": 0.2})  # expect: RDY301


legacy_default = legacy_genai.GenerativeModel(generation_config={"max_output_tokens": 256})  # expect: RDY102
legacy_pinned = legacy_genai.GenerativeModel("gemini-3-flash", generation_config={"max_output_tokens": 256})  # ok
legacy_uncapped = legacy_genai.GenerativeModel(model_name="gemini-3-flash")  # expect: RDY301
vertex_model = GenerativeModel("gemini-flash-latest", generation_config={"max_output_tokens": 256})  # expect: RDY101
vertex_responder = AutomaticFunctionCallingResponder()  # ok: a default of one automatic call is no loop
vertex_bounded = AutomaticFunctionCallingResponder(max_automatic_function_calls=3)  # ok


# Safety switches (guardrail disabled_by): judged wherever safety_settings is passed.
from vertexai.generative_models import HarmBlockThreshold, HarmCategory  # noqa: E402

RELAXED = {HarmCategory.HARM_CATEGORY_HARASSMENT: HarmBlockThreshold.BLOCK_ONLY_HIGH}
OPEN = {HarmCategory.HARM_CATEGORY_HATE_SPEECH: HarmBlockThreshold.BLOCK_NONE}  # expect: RDY205 (at the settings object)


def moderated_answer(model: GenerativeModel, prompt: str):
    kept = model.generate_content(prompt, safety_settings=RELAXED)  # ok
    dropped = model.generate_content(prompt, safety_settings=OPEN)  # ok (reported once, at OPEN)
    return kept, dropped
