"""An issue-triage bot on the Claude Agent SDK: what readiness must report, and look-alikes it must not."""
from claude_agent_sdk import AgentDefinition, ClaudeAgentOptions, ClaudeSDKClient, create_sdk_mcp_server, query, tool


@tool("label_issue", "Add a label to an issue", {"issue": int, "label": str})
async def label_issue(args):
    return {"content": [{"type": "text", "text": f"labelled #{args['issue']} {args['label']}"}]}


TRIAGE_TOOLS = create_sdk_mcp_server(name="triage", tools=[label_issue])
REVIEWER = AgentDefinition(description="Reviews diffs", prompt="Review the diff.", model="sonnet")  # expect: RDY101
TESTER = AgentDefinition(description="Runs tests", prompt="Run the tests.", model="claude-haiku-4-5-20251001")  # ok

QUICK = ClaudeAgentOptions(model="claude-haiku-4-5", max_turns=4)  # expect: RDY101
CAREFUL = ClaudeAgentOptions(model="claude-haiku-4-5-20251001", max_turns=8, mcp_servers={"triage": TRIAGE_TOOLS})  # ok
HEADLESS = ClaudeAgentOptions(model="claude-haiku-4-5-20251001", max_turns=8, permission_mode="bypassPermissions")  # expect: RDY205
REVIEWED = ClaudeAgentOptions(model="claude-haiku-4-5-20251001", max_turns=8, permission_mode="acceptEdits")  # ok
HEADLESS_SETTINGS = dict(model="claude-haiku-4-5-20251001", max_turns=8, permission_mode="bypassPermissions")  # expect: RDY205
HEADLESS_TOO = ClaudeAgentOptions(**HEADLESS_SETTINGS)  # ok (reported where the switch is set)
OPEN_ENDED = ClaudeAgentOptions(system_prompt="Fix the failing test.", permission_mode="acceptEdits")  # expect: RDY102
BUDGETED = ClaudeAgentOptions(model="claude-opus-4-6", max_budget_usd=2.0, agents={"tester": TESTER})  # ok
TEAM = ClaudeAgentOptions(model="claude-opus-4-6", fallback_model="claude-sonnet-4-6", max_turns=12, agents={"reviewer": REVIEWER})  # ok


async def triage(issue: str) -> None:
    async for message in query(prompt=f"Triage this issue: {issue}", options=QUICK):  # ok
        print(message)
    async for message in query(prompt=issue):  # expect: RDY302
        print(message)
    async for message in query(prompt=issue, options=OPEN_ENDED):  # expect: RDY302
        print(message)


async def fix(task: str) -> None:
    async with ClaudeSDKClient(options=CAREFUL) as client:  # ok
        await client.query(task)
        await client.set_model("claude-opus-4-5")  # expect: RDY101
        async for message in client.receive_response():
            print(message)
    async with ClaudeSDKClient(BUDGETED) as client:  # ok
        await client.query(task)
    async with ClaudeSDKClient() as client:  # expect: RDY302
        await client.query(task)


# Built-in tools that run without a permission prompt (executor site: allowed_tools lists Bash).
from claude_agent_sdk import ClaudeAgentOptions as _Options  # noqa: E402

reviewer = _Options(model="claude-haiku-4-5-20251001", allowed_tools=["Read", "Grep"], max_turns=8)  # ok: read-only tools
builder = _Options(model="claude-haiku-4-5-20251001", allowed_tools=["Read", "Bash(npm test:*)"], max_turns=8)  # expect: RDY414
