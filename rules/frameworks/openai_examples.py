"""Support desk on the raw OpenAI SDK: what readiness must report, and look-alikes it must not."""
from openai import AsyncOpenAI, AzureOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()
azure = AzureOpenAI(api_version="2024-10-21")
TICKET = [{"role": "user", "content": "Where is my parcel?"}]
SHORT = {"max_completion_tokens": 400, "temperature": 0}


def triage(text: str) -> str:
    reply = client.chat.completions.create(model="gpt-5.1", messages=[{"role": "user", "content": text}])  # expect: RDY101 RDY301
    return reply.choices[0].message.content or ""


def triage_pinned(text: str) -> str:
    reply = client.chat.completions.create(model="gpt-5.1-2025-11-13", messages=[{"role": "user", "content": text}], max_completion_tokens=300)  # ok
    return reply.choices[0].message.content or ""


def triage_shared_settings() -> str:
    reply = client.chat.completions.create(model="gpt-5.1-2025-11-13", messages=TICKET, **SHORT)  # ok
    return reply.choices[0].message.content or ""


def extract(schema) -> object:
    return client.chat.completions.parse(model="gpt-5.1-2025-11-13", messages=TICKET, response_format=schema)  # expect: RDY301


def on_azure() -> object:
    return azure.chat.completions.create(model="support-chat", messages=TICKET, max_tokens=300)  # ok


def summarise(text: str) -> str:
    return client.responses.create(model="gpt-5.1-2025-11-13", input=text).output_text  # expect: RDY301


def summarise_capped(text: str) -> str:
    return client.responses.create(model="gpt-5.1-2025-11-13", input=text, max_output_tokens=500).output_text  # ok


async def summarise_async(text: str) -> str:
    response = await aclient.responses.create(model="gpt-5.1", input=text, max_output_tokens=500)  # expect: RDY101
    return response.output_text


def legacy_complete(prompt: str, model: str) -> str:
    return client.completions.create(model=model, prompt=prompt).choices[0].text  # ok


def assistant_run(thread_id: str) -> object:
    helper = client.beta.assistants.create(name="helper", model="gpt-5.1-2025-11-13", instructions="Answer order questions.")  # ok
    client.beta.threads.runs.create(thread_id=thread_id, assistant_id=helper.id)  # expect: RDY301
    return client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=helper.id, max_completion_tokens=800)  # ok


async def voice_session() -> None:
    async with aclient.realtime.connect(model="gpt-realtime") as connection:  # expect: RDY101
        await connection.session.update(session={"type": "realtime", "max_output_tokens": 600})
