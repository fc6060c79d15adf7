"""RDY604: an agent tool that no eval exercises."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example, Rule


class UntestedTool(Rule):
    """
    ## What it finds
    An agent tool (as listed in the tool inventory) whose name appears in no eval file, in a
    project that has eval cases. An eval "mentions" a tool when the tool's name occurs in an
    eval file or eval dataset as an identifier or a string (`"expect_tool": "close_ticket"`,
    `assert calls == ["close_ticket"]`, `from app.tools import close_ticket`).

    ## Why it matters
    Tool calls are where an agent acts. A tool no eval touches can be chosen at the wrong time,
    with the wrong arguments, or never, and nothing notices until a user does - most costly for
    tools that write, send or pay.

    ## How to fix
    Add an eval case that expects the tool to be called (and one where it must not be), and
    assert on the call's arguments.

    ## Limits
    A mention is not proof of a good test; a tool renamed for the model (`name="lookup"`) is
    matched by its declared name. Projects without any eval case get RDY601 instead.
    """

    id = "RDY604"
    name = "untested-tool"
    severity = Severity.WARNING
    summary = "Agent tool that no eval exercises"
    roles = frozenset({"eval", "test", "prod"})
    scope = "project"
    precision = "medium"
    fix_hint = "Add eval cases that expect this tool to be called, and assert on its arguments"

    valid = [
        Example(files={
            "agent.py": '''
                from agents import function_tool
                @function_tool
                def close_ticket(ticket_id: str) -> str:
                    return ticket_id
            ''',
            "evals/cases.jsonl": '{"id": "close", "input": "Close T-1", "expect_tool": "close_ticket"}\n',
        }),
    ]
    invalid = [
        Example(files={
            "agent.py": '''
                from agents import function_tool
                @function_tool
                def get_ticket(ticket_id: str) -> str:
                    return ticket_id
                @function_tool
                def close_ticket(ticket_id: str) -> str:  # expect: RDY604
                    return ticket_id
            ''',
            "evals/cases.jsonl": '{"id": "status", "input": "Status of T-1", "expect_tool": "get_ticket"}\n',
        }),
    ]

    def check_project(self, ctx) -> None:
        if not ctx.has("eval-case"):
            return
        words = set()
        for fact in ctx.facts("eval-words"):
            words.update(fact.value.split())
        for tool in ctx.facts("tool", roles=("prod",)):
            name = tool.value.split("|", 1)[0]
            if name in words:
                ctx.credit(tool, f"tool `{name}` appears in the evals")
            else:
                ctx.report(f"no eval mentions tool `{name}`", at=tool)
