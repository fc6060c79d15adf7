"""Travel-booking agents on Strands: what readiness must report, and look-alikes it must not."""
from strands import Agent, tool
from strands.models import BedrockModel
from strands.models.anthropic import AnthropicModel
from strands.models.gemini import GeminiModel
from strands.models.litellm import LiteLLMModel
from strands.models.ollama import OllamaModel
from strands.models.openai import OpenAIModel
from strands.multiagent import Swarm


@tool
def find_flights(origin: str, destination: str) -> list:
    """Find flights between two airports."""
    return [{"from": origin, "to": destination, "price": 120}]


bedrock = BedrockModel(model_id="us.anthropic.claude-sonnet-4-6", max_tokens=1000)  # ok
bedrock_default = BedrockModel(temperature=0.2)  # expect: RDY102 RDY301
bedrock_uncapped = BedrockModel(model_id="amazon.nova-pro-v1:0")  # expect: RDY301
claude = AnthropicModel(model_id="claude-3-7-sonnet-latest", max_tokens=1024)  # expect: RDY101
claude_pinned = AnthropicModel(model_id="claude-sonnet-4-6", max_tokens=1024)  # ok
gpt = OpenAIModel(model_id="gpt-4o", params={"temperature": 0.3})  # expect: RDY101 RDY301
gpt_pinned = OpenAIModel(model_id="gpt-4o-2024-08-06", params={"max_completion_tokens": 700})  # ok
gemini = GeminiModel(model_id="gemini-3.5-flash")  # expect: RDY301
gemini_capped = GeminiModel(model_id="gemini-3.5-flash", params={"max_output_tokens": 512})  # ok
router = LiteLLMModel(model_id="anthropic/claude-sonnet-4-6", params={"max_tokens": 800})  # ok
local = OllamaModel("http://localhost:11434", model_id="llama3.2", max_tokens=400)  # expect: RDY101
local_tagged = OllamaModel("http://localhost:11434", model_id="llama3.2:3b", max_tokens=400)  # ok

planner = Agent(model=bedrock, tools=[find_flights], system_prompt="Plan trips.")  # expect: RDY302 (the event loop has no cap at all)
default_agent = Agent(tools=[find_flights])  # expect: RDY102 RDY302
string_agent = Agent(model="us.anthropic.claude-sonnet-4-6", name="booker")  # pinned; its BedrockModel has no max_tokens

desk = Swarm([planner, string_agent])  # expect: RDY302
bounded_desk = Swarm([planner, string_agent], max_handoffs=5, max_iterations=8)  # ok


def plan(request: str) -> str:
    return str(planner(request))
