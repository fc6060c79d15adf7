"""Support desk on Microsoft Agent Framework: the lines readiness must report (expect) and their look-alikes (ok)."""
from agent_framework import Agent, ChatOptions, FunctionTool, MCPStdioTool, WorkflowBuilder, tool
from agent_framework.anthropic import AnthropicClient
from agent_framework.observability import configure_otel_providers
from agent_framework.ollama import OllamaChatClient
from agent_framework.openai import OpenAIChatClient, OpenAIChatCompletionClient
from agent_framework.orchestrations import GroupChatBuilder, MagenticBuilder, StandardMagenticManager
from agent_framework.security import PolicyEnforcementFunctionMiddleware
from agent_framework.tools import DockerShellTool, LocalShellTool

configure_otel_providers()


@tool(approval_mode="always_require")
def refund_order(order_id: str) -> str:
    """Refund an order."""
    return f"refunded {order_id}"


@tool(approval_mode="never_require")
def cancel_order(order_id: str) -> str:  # expect: RDY201
    """Cancel an order (never asks: approval_mode says so)."""
    return f"cancelled {order_id}"


def lookup_order(order_id: str) -> str:
    """Look an order up."""
    return f"order {order_id}: shipped"


status_tool = FunctionTool(name="order_status", description="Order status", func=lookup_order)
LOOP = {"max_iterations": 6, "max_function_calls": 12}
CAPPED = ChatOptions(max_tokens=600, temperature=0.2)

floating = OpenAIChatClient("gpt-4o", function_invocation_configuration=LOOP)  # expect: RDY101
pinned = OpenAIChatClient(model="gpt-4o-2024-08-06", function_invocation_configuration=LOOP)  # ok
completions = OpenAIChatCompletionClient(model="gpt-4.1-2025-04-14")  # expect: RDY302
claude = AnthropicClient(model="claude-3-5-sonnet-latest", function_invocation_configuration={"max_iterations": 4})  # expect: RDY101
local = OllamaChatClient(model="llama3.2:3b", function_invocation_configuration={"max_function_calls": 10})  # ok

support = Agent(pinned, "Answer order questions.", tools=[lookup_order, status_tool, refund_order, cancel_order])  # expect: RDY301
capped_support = Agent(pinned, "Answer order questions.", tools=[lookup_order], default_options=CAPPED)  # ok
triage = pinned.as_agent(name="triage", instructions="Route the request.", default_options={"max_tokens": 200})  # ok
loose_triage = pinned.as_agent(name="loose", instructions="Route the request.")  # expect: RDY301

files = MCPStdioTool(name="files", command="uvx", args=["mcp-server-filesystem", "/srv/tickets"], approval_mode="always_require")
shell = LocalShellTool()  # expect: RDY414
boxed_shell = DockerShellTool()  # ok
hosted_code = OpenAIChatClient.get_code_interpreter_tool()  # ok
local_shell = OpenAIChatClient.get_shell_tool(func=lookup_order)  # expect: RDY414
hosted_shell = OpenAIChatClient.get_shell_tool()  # ok

guard = PolicyEnforcementFunctionMiddleware(block_on_violation=False)  # expect: RDY205
strict_guard = PolicyEnforcementFunctionMiddleware()  # ok

flow = WorkflowBuilder(start_executor=support)  # expect: RDY302
bounded_flow = WorkflowBuilder(12, start_executor=support)  # ok
chat = GroupChatBuilder(participants=[support, capped_support])  # expect: RDY302
bounded_chat = GroupChatBuilder(participants=[support, capped_support], max_rounds=8)  # ok
magentic = MagenticBuilder(participants=[support], manager_agent=triage)  # expect: RDY302
bounded_magentic = MagenticBuilder(participants=[support], manager_agent=triage, max_round_count=10)  # ok
manager = StandardMagenticManager(agent=triage, max_round_count=10)  # ok


async def answer(question: str) -> str:
    reply = await capped_support.run(question)
    return reply.text


async def classify(question: str) -> str:
    reply = await pinned.get_response([question], options={"max_tokens": 50})  # ok
    loose = await pinned.get_response([question])  # expect: RDY301
    return reply.text + loose.text


# A tool class on the pre-1.0 base (AIFunction, now FunctionTool) that runs the model's code.
import subprocess  # noqa: E402
import sys  # noqa: E402

from agent_framework import AIFunction  # noqa: E402


class RunPython(AIFunction):
    async def invoke(self, *, code: str) -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout  # expect: RDY402


coding_tools = [RunPython()]
