"""Claims assistant on the Anthropic SDK: what readiness must report, and look-alikes it must not."""
import anthropic
from anthropic import AnthropicBedrock, beta_tool

client = anthropic.Anthropic()
bedrock = AnthropicBedrock(aws_region="eu-west-1")
QUESTION = [{"role": "user", "content": "Is claim C-1042 approved?"}]


@beta_tool
def lookup_claim(claim_id: str) -> str:
    """Return the status of an insurance claim."""
    return f"{claim_id}: approved"


def answer() -> object:
    return client.messages.create(model="claude-haiku-4-5", max_tokens=800, messages=QUESTION)  # expect: RDY101


def answer_pinned() -> object:
    return client.messages.create(model="claude-haiku-4-5-20251001", max_tokens=800, messages=QUESTION)  # ok


def answer_dateless_fixed() -> object:
    return client.messages.create(model="claude-opus-4-6", max_tokens=800, messages=QUESTION)  # ok


def answer_raw() -> object:
    return client.messages.with_raw_response.create(model="claude-haiku-4-5-20251001", max_tokens=300, messages=QUESTION)  # ok


def answer_streamed() -> str:
    with client.messages.stream(model="claude-haiku-4-5", max_tokens=400, messages=QUESTION) as stream:  # expect: RDY101
        return stream.get_final_text()


def answer_on_bedrock() -> object:
    return bedrock.messages.create(model="anthropic.claude-sonnet-4-5-20250929-v1:0", max_tokens=600, messages=QUESTION)  # ok


def run_tools() -> object:
    runner = client.beta.messages.tool_runner(model="claude-haiku-4-5-20251001", max_tokens=1024, tools=[lookup_claim], messages=QUESTION)  # expect: RDY302
    return runner.until_done()


def run_tools_bounded() -> object:
    runner = client.beta.messages.tool_runner(model="claude-haiku-4-5-20251001", max_tokens=1024, tools=[lookup_claim], messages=QUESTION, max_iterations=5)  # ok
    return runner.until_done()


def managed_agent() -> object:
    return client.beta.agents.create(name="claims-desk", model="claude-haiku-4-5", system="Answer claim questions.")  # expect: RDY101
