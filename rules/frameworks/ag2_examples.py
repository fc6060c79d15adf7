"""Code-review pair on AG2: the lines readiness must report (expect) and their look-alikes (ok)."""
import os

from ag2.config import AnthropicConfig, OpenAIConfig
from autogen import AssistantAgent, ConversableAgent, GroupChat, GroupChatManager, LLMConfig, UserProxyAgent
from autogen.agentchat import run_group_chat
from autogen.agentchat.group.patterns import AutoPattern
from autogen.oai import AnthropicLLMConfigEntry, OpenAILLMConfigEntry

KEY = os.environ.get("OPENAI_API_KEY", "")

uncapped = LLMConfig({"api_type": "openai", "model": "gpt-4o-mini", "api_key": KEY})  # expect: RDY101 RDY301
capped = LLMConfig({"api_type": "openai", "model": "gpt-4o-2024-08-06", "api_key": KEY}, max_tokens=800)  # ok
per_entry = LLMConfig({"model": "gpt-4.1-2025-04-14", "max_tokens": 600, "api_key": KEY})  # ok
fast_entry = OpenAILLMConfigEntry(model="gpt-4.1", max_completion_tokens=500)  # expect: RDY101
loose_entry = OpenAILLMConfigEntry(model="gpt-4.1-2025-04-14")  # expect: RDY301
claude_entry = AnthropicLLMConfigEntry(model="claude-sonnet-4-6")  # ok
mixed = LLMConfig(fast_entry, claude_entry)  # ok

reviewer = AssistantAgent("reviewer", llm_config=capped)  # ok
author = ConversableAgent("author", llm_config=capped, human_input_mode="NEVER")  # ok
user = UserProxyAgent("user", human_input_mode="NEVER", code_execution_config=False)  # ok
analyst = AssistantAgent("analyst", llm_config=capped, code_execution_config={"work_dir": "out", "use_docker": False})  # expect: RDY414
boxed = AssistantAgent("boxed", llm_config=capped, code_execution_config={"work_dir": "out"})  # ok


def review(diff: str):
    user.initiate_chat(reviewer, message=diff)  # expect: RDY302
    user.initiate_chat(reviewer, message=diff, max_turns=4)  # ok
    return author.run(reviewer, message=diff)  # expect: RDY302


chat = GroupChat(agents=[author, reviewer], messages=[])  # expect: RDY302
bounded_chat = GroupChat(agents=[author, reviewer], messages=[], max_round=6)  # ok
manager = GroupChatManager(groupchat=bounded_chat, llm_config=capped)
pattern = AutoPattern(initial_agent=author, agents=[author, reviewer], group_manager_args={"llm_config": capped})


def team_review(diff: str):
    run_group_chat(pattern=pattern, messages=diff)  # expect: RDY302
    return run_group_chat(pattern=pattern, messages=diff, max_rounds=8)  # ok


# The ag2 1.x namespace: one config object per provider.
v1_openai = OpenAIConfig("gpt-4.1-2025-04-14")  # expect: RDY301
v1_capped = OpenAIConfig("gpt-4.1-2025-04-14", max_tokens=700)  # ok
v1_claude = AnthropicConfig(model="claude-3-7-sonnet-latest")  # expect: RDY101
