"""Trip planner on AutoGen AgentChat: the lines readiness must report (expect) and their look-alikes (ok)."""
import asyncio

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.teams import MagenticOneGroupChat, RoundRobinGroupChat, SelectorGroupChat, Swarm
from autogen_agentchat.ui import Console
from autogen_ext.agents.openai import OpenAIAgent
from autogen_ext.models.anthropic import AnthropicChatCompletionClient
from autogen_ext.models.ollama import OllamaChatCompletionClient
from autogen_ext.models.openai import AzureOpenAIChatCompletionClient, OpenAIChatCompletionClient
from openai import AsyncOpenAI


def find_flights(origin: str, destination: str) -> str:
    """Search flights between two airports."""
    return f"3 flights {origin} -> {destination}"


fast = OpenAIChatCompletionClient(model="gpt-4o-mini")  # expect: RDY101 RDY301
planner_model = OpenAIChatCompletionClient(model="gpt-4.1-2025-04-14", max_tokens=600)  # ok
azure = AzureOpenAIChatCompletionClient(azure_deployment="trip-chat", model="gpt-4o", api_version="2024-10-21")  # expect: RDY301
claude = AnthropicChatCompletionClient(model="claude-sonnet-4-6")  # ok
local = OllamaChatCompletionClient(model="llama3.1:8b", options={"num_predict": 400})  # ok
researcher = OpenAIAgent("researcher", "Finds facts.", AsyncOpenAI(), "gpt-4.1-2025-04-14", "Research.")  # expect: RDY301
summariser = OpenAIAgent("summariser", "Summarises.", AsyncOpenAI(), "gpt-4.1", "Summarise.", max_output_tokens=300)  # expect: RDY101

planner = AssistantAgent("planner", model_client=planner_model, tools=[find_flights])  # ok: one tool iteration by default (max_tool_iterations=1) is no loop
booker = AssistantAgent("booker", model_client=planner_model, tools=[find_flights], max_tool_iterations=4)  # ok
critic = AssistantAgent("critic", model_client=claude)  # ok

team = RoundRobinGroupChat([planner, critic])  # expect: RDY302
capped_team = RoundRobinGroupChat([planner, critic], termination_condition=MaxMessageTermination(12))  # ok
selector = SelectorGroupChat([planner, booker, critic], model_client=planner_model, max_turns=10)  # ok
handoffs = Swarm([planner, booker])  # expect: RDY302
magentic = MagenticOneGroupChat([planner, booker], model_client=planner_model)  # expect: RDY302
bounded_magentic = MagenticOneGroupChat([planner, booker], model_client=planner_model, max_turns=8)  # ok


async def main() -> None:
    await Console(capped_team.run_stream(task="Plan three days in Lisbon."))


if __name__ == "__main__":
    asyncio.run(main())


def teams(writer: AssistantAgent, critic: AssistantAgent) -> list:
    approve = TextMentionTermination("APPROVE")
    open_ended = RoundRobinGroupChat([writer, critic], termination_condition=approve)  # expect: RDY302
    bounded = RoundRobinGroupChat([writer, critic], termination_condition=approve | MaxMessageTermination(12))  # ok
    return [open_ended, bounded]
