"""Invoice helper routed through LiteLLM: what readiness must report, and look-alikes it must not."""
import litellm
from litellm import Harness, Router, sandbox

ASK = [{"role": "user", "content": "Which invoices are overdue?"}]
CAPS = {"max_tokens": 400, "temperature": 0}


def ask() -> object:
    return litellm.completion(model="openai/gpt-5.1", messages=ASK)  # expect: RDY101 RDY301


def ask_pinned() -> object:
    return litellm.completion("anthropic/claude-haiku-4-5-20251001", ASK, max_tokens=600)  # ok


def ask_shared_caps() -> object:
    return litellm.completion(model="openai/gpt-5.1-2025-11-13", messages=ASK, **CAPS)  # ok


async def ask_async() -> object:
    return await litellm.acompletion(model="gemini/gemini-3-flash", messages=ASK, temperature=0.4)  # expect: RDY301


def ask_responses(text: str) -> object:
    return litellm.responses(input=text, model="openai/gpt-5.1-2025-11-13", max_output_tokens=300)  # ok


def ask_anthropic_shape() -> object:
    return litellm.anthropic.messages.create(model="anthropic/claude-haiku-4-5", max_tokens=500, messages=ASK)  # expect: RDY101


router = Router(model_list=[
    {"model_name": "fast", "litellm_params": {"model": "openai/gpt-5.1", "max_tokens": 300}},  # expect: RDY101
    {"model_name": "smart", "litellm_params": {"model": "anthropic/claude-haiku-4-5-20251001", "max_tokens": 800}},  # ok
])


def fix_tests() -> object:
    return litellm.agent(Harness.CLAUDE_CODE, "fix the failing test", sandbox=sandbox.local("."), model="anthropic/claude-haiku-4-5-20251001")  # expect: RDY302


def fix_tests_bounded() -> object:
    return litellm.agent(Harness.TOOL_LOOP, "fix the failing test", sandbox=sandbox.local("."), model="anthropic/claude-haiku-4-5-20251001", max_turns=8)  # ok
