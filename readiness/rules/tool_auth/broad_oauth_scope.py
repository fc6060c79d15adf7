"""RDY409: an agent asks for full-account OAuth access where a narrower scope exists."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule

# Full-access scopes, and the narrower ones the provider offers for the usual agent jobs.
# Not listed: `cloud-platform` (Vertex AI accepts no narrower scope) and Graph `.default` (it means
# "what the admin consented", which may be narrow).
BROAD_SCOPES = {
    "https://mail.google.com/": "gmail.readonly, gmail.compose or gmail.send",
    "https://www.googleapis.com/auth/drive": "drive.file or drive.readonly",
    "https://www.googleapis.com/auth/calendar": "calendar.readonly or calendar.events",
}
# Toolkits whose default credentials ask for a full-access scope unless given narrower ones.
DEFAULT_BROAD = {"GmailToolkit": ("https://mail.google.com/", ("api_resource", "credentials"))}


class BroadOauthScope(Rule):
    """
    ## What it finds
    OAuth scopes that grant a whole account when the agent's tools need a slice of it: Gmail's
    `https://mail.google.com/` (read, send and permanently delete all mail), full Google Drive,
    `cloud-platform`, full Calendar, Microsoft Graph `.default`; and LangChain's `GmailToolkit()`
    built without its own credentials, which requests `https://mail.google.com/` by default.

    ## Why it matters
    The token an agent holds is the most any tool call can do. An email assistant that only
    drafts replies, holding a token that can delete every message, turns one bad tool call or
    one injected instruction into an account-wide incident.

    ## How to fix
    Request the narrowest scope that covers the tools: `gmail.readonly` to read, `gmail.compose`
    to draft, `drive.file` for files the app created. Build toolkits from credentials created
    with those scopes (`GmailToolkit(api_resource=build_resource_service(credentials=...))`).

    ## Example
    ```python
    SCOPES = ["https://mail.google.com/"]                               # whole mailbox
    SCOPES = ["https://www.googleapis.com/auth/gmail.compose"]          # drafts only
    ```

    ## Limits
    The rule does not check which API calls the code makes; a scope that is broad but truly
    needed can be suppressed with the reason.
    """

    id = "RDY409"
    name = "broad-oauth-scope"
    severity = Severity.WARNING
    summary = "Agent requests a full-account OAuth scope"
    kinds = frozenset({"python", "json", "yaml"})
    roles = frozenset({"prod", "example"})
    needs = ("https://", "Toolkit")
    fix_hint = "Request the narrowest scope the tools need (read-only where they only read)"

    valid = [
        Example("""
            SCOPES = ["https://www.googleapis.com/auth/gmail.readonly"]
        """),
        Example("""
            from langchain_google_community import GmailToolkit
            from langchain_google_community.gmail.utils import build_resource_service, get_gmail_credentials
            creds = get_gmail_credentials(scopes=["https://www.googleapis.com/auth/gmail.compose"])
            toolkit = GmailToolkit(api_resource=build_resource_service(credentials=creds))
        """),
        Example("""
            HELP = "Grant https://mail.google.com/ only if you must."
        """),
    ]
    invalid = [
        Example("""
            SCOPES = ["https://mail.google.com/"]  # expect: RDY409
        """),
        Example("""
            from langchain_community.agent_toolkits import GmailToolkit
            toolkit = GmailToolkit()  # expect: RDY409
        """),
        Example("""
            oauth:
              scopes:
                - https://www.googleapis.com/auth/drive  # expect: RDY409
        """, path="config/google.yaml"),
    ]

    def visit_Constant(self, node: ast.Constant, ctx) -> None:
        if isinstance(node.value, str) and node.value in BROAD_SCOPES:
            ctx.report(node, _message(node.value))

    def visit_Call(self, node: ast.Call, ctx) -> None:
        name = (ctx.qualname(node.func) or "").rsplit(".", 1)[-1]
        if name in DEFAULT_BROAD and "langchain" in (ctx.qualname(node.func) or ""):
            scope, own = DEFAULT_BROAD[name]
            if not node.args and not any(kw.arg in own or kw.arg is None for kw in node.keywords):
                ctx.report(node, f"`{name}()` without its own credentials requests `{scope}` by default: "
                                 f"full access; use {BROAD_SCOPES[scope]}")

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        from readiness.rules._model_ids import config_strings

        for doc in ctx.parsed.docs:
            for path, value in config_strings(doc.data):
                if value in BROAD_SCOPES:
                    ctx.report(_line_of_value(ctx, value, doc.line_of(path)), _message(value))


def _line_of_value(ctx, value: str, near: int) -> int:
    """YAML list items have no key; find the value's own line at or after its parent's."""
    for number in range(max(near, 1), len(ctx.lines) + 1):
        if value in ctx.lines[number - 1]:
            return number
    return near


def _message(scope: str) -> str:
    return f"OAuth scope `{scope}` grants full access; use {BROAD_SCOPES[scope]}"
