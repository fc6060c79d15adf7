"""Weather help agent on Haystack: what readiness must report, and look-alikes it must not."""
from haystack.components.agents import Agent
from haystack.components.generators.chat import AzureOpenAIChatGenerator, OpenAIChatGenerator
from haystack.dataclasses import ChatMessage
from haystack.tools import tool
from haystack_integrations.components.generators.amazon_bedrock import AmazonBedrockChatGenerator
from haystack_integrations.components.generators.anthropic import AnthropicChatGenerator
from haystack_integrations.components.generators.google_genai import GoogleGenAIChatGenerator
from haystack_integrations.components.generators.ollama import OllamaChatGenerator

CAPPED = {"max_completion_tokens": 600}
AZURE_URL = "https://desk.openai.azure.com"


@tool
def get_weather(city: str) -> str:
    """Return today's forecast for a city."""
    return f"Sunny in {city}"


chat = OpenAIChatGenerator(model="gpt-4o-mini")  # expect: RDY101 RDY301
capped = OpenAIChatGenerator(model="gpt-4o-2024-08-06", generation_kwargs=CAPPED)  # ok
default_chat = OpenAIChatGenerator(generation_kwargs={"max_tokens": 500})  # expect: RDY102
azure = AzureOpenAIChatGenerator(azure_endpoint=AZURE_URL, azure_deployment="support-gpt", generation_kwargs={"max_tokens": 400})  # ok
azure_uncapped = AzureOpenAIChatGenerator(azure_endpoint=AZURE_URL, azure_deployment="support-gpt")  # expect: RDY301
claude = AnthropicChatGenerator(model="claude-sonnet-4-5")  # expect: RDY101
claude_default = AnthropicChatGenerator()  # expect: RDY102
claude_pinned = AnthropicChatGenerator(model="claude-sonnet-4-6")  # ok
bedrock = AmazonBedrockChatGenerator("anthropic.claude-3-5-haiku-20241022-v1:0", generation_kwargs={"maxTokens": 512})  # ok
bedrock_uncapped = AmazonBedrockChatGenerator(model="amazon.nova-lite-v1:0")  # expect: RDY301
gemini = GoogleGenAIChatGenerator(model="gemini-flash-latest")  # expect: RDY101 RDY301
gemini_capped = GoogleGenAIChatGenerator(model="gemini-3.5-flash", generation_kwargs={"max_output_tokens": 300})  # ok
local = OllamaChatGenerator("llama3.2:3b", generation_kwargs={"num_predict": 256})  # ok

forecaster = Agent(chat_generator=capped, tools=[get_weather])  # expect: RDY302
bounded = Agent(chat_generator=capped, tools=[get_weather], max_agent_steps=5)  # ok
summariser = Agent(chat_generator=capped, system_prompt="Summarise the thread.")  # ok


def ask(question: str) -> str:
    result = bounded.run(messages=[ChatMessage.from_user(question)])
    return result["last_message"].text
