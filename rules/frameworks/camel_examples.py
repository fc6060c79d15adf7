"""Research assistant on CAMEL: what readiness must report, and look-alikes it must not."""
from camel.agents import ChatAgent
from camel.configs import ChatGPTConfig
from camel.models import AnthropicModel, ModelFactory, OllamaModel, OpenAIModel
from camel.societies import RolePlaying
from camel.toolkits import FunctionTool
from camel.types import ModelPlatformType


def search_papers(query: str) -> list:
    """Search the paper index."""
    return [f"paper about {query}"]


SEARCH = FunctionTool(search_papers)

floating = ModelFactory.create(ModelPlatformType.OPENAI, "gpt-4o-mini")  # expect: RDY101 RDY301
capped = ModelFactory.create(ModelPlatformType.OPENAI, "gpt-4o-2024-08-06", model_config_dict={"max_tokens": 800})  # ok
configured = ModelFactory.create(model_platform=ModelPlatformType.OPENAI, model_type="gpt-4.1-2025-04-14", model_config_dict=ChatGPTConfig(temperature=0.2).as_dict())  # expect: RDY301
configured_capped = ModelFactory.create(ModelPlatformType.OPENAI, "gpt-4.1-2025-04-14", model_config_dict=ChatGPTConfig(max_tokens=600).as_dict())  # ok
direct = OpenAIModel("gpt-4o-2024-08-06", model_config_dict={"temperature": 0.0})  # expect: RDY301
direct_capped = OpenAIModel(model_type="gpt-4o-2024-08-06", model_config_dict={"max_tokens": 500})  # ok
claude = AnthropicModel("claude-3-5-haiku-latest", model_config_dict={"max_tokens": 700})  # expect: RDY101
claude_pinned = AnthropicModel("claude-sonnet-4-6")  # ok
local = OllamaModel("qwen2.5", model_config_dict={"max_tokens": 400})  # expect: RDY101

researcher = ChatAgent("You find papers.", model=capped, tools=[SEARCH])  # expect: RDY302
bounded = ChatAgent("You find papers.", model=capped, tools=[SEARCH], max_iteration=4)  # ok
writer = ChatAgent("You write summaries.", model="gpt-4.1-mini")  # expect: RDY101
default_writer = ChatAgent("You write summaries.")  # expect: RDY102
society = RolePlaying(assistant_role_name="Researcher", user_role_name="Student", model=capped)  # ok


def ask(question: str) -> str:
    return bounded.step(question).msgs[0].content
