"""A research helper on smolagents: what readiness must report, and look-alikes it must not."""
from smolagents import (
    AmazonBedrockModel,
    CodeAgent,
    InferenceClientModel,
    LiteLLMModel,
    OpenAIServerModel,
    ToolCallingAgent,
    TransformersModel,
    tool,
)


@tool
def search_notes(query: str) -> str:
    """Search the team notes.

    Args:
        query: What to look for.
    """
    return f"notes about {query}"


fast = LiteLLMModel(model_id="openai/gpt-4o-mini")  # expect: RDY101 RDY301
careful = LiteLLMModel(model_id="anthropic/claude-haiku-4-5-20251001", max_tokens=1200)  # ok
unnamed = LiteLLMModel(max_tokens=800)  # expect: RDY102
hosted = InferenceClientModel(max_tokens=900)  # expect: RDY102
server = OpenAIServerModel(model_id="gpt-4o-2024-08-06", api_base="https://llm.internal/v1")  # expect: RDY301
nova = AmazonBedrockModel(model_id="amazon.nova-pro-v1:0", inferenceConfig={"maxTokens": 700})  # ok
local = TransformersModel(model_id="HuggingFaceTB/SmolLM2-360M-Instruct")  # ok
local_default = TransformersModel(device_map="auto")  # expect: RDY102

coder = CodeAgent(tools=[search_notes], model=careful)  # expect: RDY302, RDY414  (local executor by default)
bounded = CodeAgent(tools=[search_notes], model=nova, max_steps=6)  # expect: RDY414  (capped, but still the local executor)
caller = ToolCallingAgent(tools=[search_notes], model=server)  # ok
helper = ToolCallingAgent(tools=[search_notes], model=hosted)  # expect: RDY302


def ask(question: str) -> str:
    return caller.run(question, max_steps=4)


def research(question: str) -> str:
    return coder.run(question) + helper.run(question)
