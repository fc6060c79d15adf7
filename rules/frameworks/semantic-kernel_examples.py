"""Research desk on Semantic Kernel: the lines readiness must report (expect) and their look-alikes (ok)."""
from semantic_kernel import Kernel
from semantic_kernel.agents import (AgentGroupChat, ChatCompletionAgent, GroupChatOrchestration,
                                    RoundRobinGroupChatManager, StandardMagenticManager)
from semantic_kernel.agents.strategies import KernelFunctionTerminationStrategy
from semantic_kernel.connectors.ai import FunctionChoiceBehavior
from semantic_kernel.connectors.ai.anthropic import AnthropicChatCompletion
from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion, OpenAIChatCompletion, OpenAIChatPromptExecutionSettings
from semantic_kernel.functions import KernelArguments, kernel_function


class NotesPlugin:
    @kernel_function(description="Look a topic up in the team's notes.")
    def lookup(self, topic: str) -> str:
        return f"notes on {topic}"


kernel = Kernel()
drafting = OpenAIChatCompletion(ai_model_id="gpt-4o")  # expect: RDY101
service = OpenAIChatCompletion(ai_model_id="gpt-4o-2024-08-06")  # ok
azure = AzureChatCompletion(deployment_name="research-chat")  # ok
claude = AnthropicChatCompletion(ai_model_id="claude-3-5-sonnet-latest")  # expect: RDY101

loose = OpenAIChatPromptExecutionSettings(temperature=0.2)  # expect: RDY301
auto_tools = FunctionChoiceBehavior.Auto(maximum_auto_invoke_attempts=3)  # ok
capped = OpenAIChatPromptExecutionSettings(max_completion_tokens=800, function_choice_behavior=auto_tools)  # ok
default_tools = FunctionChoiceBehavior.Auto()  # expect: RDY302

writer = ChatCompletionAgent(service=service, name="Writer", instructions="Draft.", plugins=[NotesPlugin()])  # expect: RDY301 RDY302
reviewer = ChatCompletionAgent(service=service, name="Reviewer", arguments=KernelArguments(settings=capped))  # ok
researcher = ChatCompletionAgent(service=service, name="Researcher", plugins=[NotesPlugin()],
                                 arguments=KernelArguments(settings=capped), function_choice_behavior=auto_tools)  # ok

approved = kernel.add_function(plugin_name="review", function_name="approved", prompt="Is this approved? {{$history}}")
stop_when_approved = KernelFunctionTerminationStrategy(agents=[reviewer], function=approved, kernel=kernel)  # expect: RDY302
bounded_stop = KernelFunctionTerminationStrategy(agents=[reviewer], function=approved, kernel=kernel, maximum_iterations=8)  # ok

chat = AgentGroupChat(agents=[writer, reviewer])  # expect: RDY302
capped_chat = AgentGroupChat(agents=[writer, reviewer], termination_strategy=bounded_stop)  # ok

rounds = GroupChatOrchestration(members=[writer, reviewer], manager=RoundRobinGroupChatManager())  # expect: RDY302
bounded_rounds = GroupChatOrchestration(members=[writer, reviewer], manager=RoundRobinGroupChatManager(max_rounds=6))  # ok
magentic = StandardMagenticManager(chat_completion_service=service)  # expect: RDY302
bounded_magentic = StandardMagenticManager(chat_completion_service=service, max_round_count=12)  # ok
