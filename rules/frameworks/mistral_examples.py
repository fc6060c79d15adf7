"""Recipe assistant on the Mistral SDK: what readiness must report, and look-alikes it must not."""
import os

from mistralai.client import Mistral
from mistralai.extra.run.context import RunContext

client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
ASK = [{"role": "user", "content": "A vegetarian dinner for four?"}]
SHORT = {"max_tokens": 400, "temperature": 0.3}


def suggest() -> object:
    return client.chat.complete(model="mistral-large-latest", messages=ASK)  # expect: RDY101 RDY301


def suggest_pinned() -> object:
    return client.chat.complete(model="mistral-large-2411", messages=ASK, max_tokens=500)  # ok


async def suggest_async() -> object:
    return await client.chat.complete_async(model="mistral-large-2411", messages=ASK, temperature=0.2)  # expect: RDY301


def suggest_streamed() -> object:
    return client.chat.stream(model="mistral-small-2603", messages=ASK, **SHORT)  # ok


def fill_in(prefix: str) -> object:
    return client.fim.complete(model="codestral-latest", prompt=prefix, suffix="return plan", max_tokens=200)  # expect: RDY101


def make_agent() -> object:
    return client.beta.agents.create(model="mistral-large-2512", name="chef", completion_args={"temperature": 0.5})  # expect: RDY301


def make_capped_agent() -> object:
    return client.beta.agents.create(model="mistral-large-2512", name="chef", completion_args={"max_tokens": 600})  # ok


def converse(text: str) -> object:
    return client.beta.conversations.start(model="mistral-large-2512", inputs=text)  # expect: RDY301


def converse_capped(text: str) -> object:
    return client.beta.conversations.start(model="mistral-large-2512", inputs=text, completion_args={"max_tokens": 300})  # ok


def converse_with_agent(agent_id: str, text: str) -> object:
    return client.beta.conversations.start(agent_id=agent_id, inputs=text)  # ok


async def run_with_tools(text: str) -> object:
    async with RunContext(model="mistral-medium-latest") as run_ctx:  # expect: RDY101
        return await client.beta.conversations.run_async(run_ctx=run_ctx, inputs=text, completion_args={"max_tokens": 500})  # expect: RDY302
