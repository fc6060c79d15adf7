"""RDY409: an agent asks for full-account OAuth access where a narrower scope exists."""
from __future__ import annotations

import ast
import re

from readiness.analysis import sdk as _sdk

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.walk import walk

# Full-access scopes, and the narrower ones the provider offers for the usual agent jobs.
# Not listed: `cloud-platform` (Vertex AI accepts no narrower scope) and Graph `.default` (it means
# "what the admin consented", which may be narrow).
BROAD_SCOPES = {
    "https://mail.google.com/": "gmail.readonly, gmail.compose or gmail.send",
    "https://www.googleapis.com/auth/drive": "drive.file or drive.readonly",
    "https://www.googleapis.com/auth/calendar": "calendar.readonly or calendar.events",
}
# Scopes that can change data, by the Google API service name `build()` takes, with the read-only
# scope that serves code which only reads. `drive.file` is left out: it is already confined to the
# app's own files.
GOOGLE = "https://www.googleapis.com/auth/"
WRITE_SCOPES = {
    "gmail": ({"https://mail.google.com/"} | {GOOGLE + s for s in (
        "gmail.modify", "gmail.compose", "gmail.send", "gmail.insert", "gmail.labels")},
        "gmail.readonly"),
    "drive": ({GOOGLE + "drive"}, "drive.readonly"),
    "calendar": ({GOOGLE + "calendar", GOOGLE + "calendar.events"}, "calendar.readonly"),
    "sheets": ({GOOGLE + "spreadsheets"}, "spreadsheets.readonly"),
    "docs": ({GOOGLE + "documents"}, "documents.readonly"),
}
# Google API client methods that only read.
READ_VERBS = frozenset({"list", "get", "export", "batchGet", "list_next", "getProfile", "query",
                        "instances", "watch"})
# GitHub OAuth app scopes that grant administration or deletion across the account, and ``repo`` (full
# read/write to every private repository) where a scope list is being written (``scope=repo ...``).
# From GitHub's "Scopes for OAuth apps" reference (checked 2026-12-01); fine-grained tokens or a
# GitHub App with per-repository permissions are the narrow alternative.
GITHUB_ADMIN_SCOPES = re.compile(r"(?<![\w:])(delete_repo|admin:org|admin:enterprise|admin:repo_hook|admin:org_hook|site_admin)(?![\w:])")
GITHUB_REPO_SCOPE = re.compile(r"scope=(?:[\w:]+[ +,]|%20)*repo(?![\w:])")
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

    It also reports a scope that can change data (`gmail.modify`, `gmail.send`, `drive`,
    `calendar.events`, `spreadsheets`, `documents` ...) in a file where the code builds that Google
    API client (`build("gmail", "v1", ...)`) and every call made on it only reads (`list`, `get`,
    `export`): the read-only scope serves the same code.

    ## Limits
    The read-only comparison only concludes when the client is built and used in the same file and
    never handed to other code (passed as an argument, returned, stored on a wider object), and no
    other module of the project writes to that API (the token a script requests is often saved and
    used by the agent's send tools); otherwise the rule stays silent. It needs the whole project,
    so pre-commit's file mode does not make this comparison. A scope that is broad but truly needed can be suppressed with the reason.
    """

    id = "RDY409"
    security_severity = "5.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "broad-oauth-scope"
    severity = Severity.WARNING
    summary = "Agent requests a full-account OAuth scope"
    kinds = frozenset({"python", "json", "yaml"})
    roles = frozenset({"prod", "example"})
    needs = ("https://", "Toolkit", "googleapiclient", "scope", "SCOPE")
    fix_hint = "Request the narrowest scope the tools need (read-only where they only read)"

    valid = [
        Example("""
            from agents import Agent
            PROMPT = "When users ask to delete a repository, use the delete_repo tool after they confirm."
            TOOL_NAMES = {"tool_name": "delete_repo"}
            github_agent = Agent(name="github", instructions=PROMPT)
        """),
        Example("""
            GITHUB_AUTHORIZE = "https://github.com/login/oauth/authorize"
            def login_url(client_id: str, state: str) -> str:
                return f"{GITHUB_AUTHORIZE}?client_id={client_id}&scope=read:user public_repo&state={state}"
            REPO_NOTE = "clone the repo before you start"
        """),
        Example(files={
            "mail/ingest.py": '''
                from googleapiclient.discovery import build
                SCOPES = ["https://www.googleapis.com/auth/gmail.modify"]
                def unread(creds):
                    service = build("gmail", "v1", credentials=creds)
                    return service.users().messages().list(userId="me", q="is:unread").execute()
            ''',
            "mail/tools.py": '''
                from googleapiclient.discovery import build
                from langchain_core.tools import tool
                @tool
                def archive(message_id: str) -> str:
                    """Archive a message (the token from ingest.py is reused)."""
                    service = build("gmail", "v1", credentials=load_token())
                    service.users().messages().modify(userId="me", id=message_id, body={"removeLabelIds": ["INBOX"]}).execute()
                    return "archived"
            ''',
            "mail/agent.py": '''
                from langgraph.prebuilt import create_react_agent
                from mail.tools import archive
                agent = create_react_agent("openai:gpt-4o-2024-08-06", [archive])
            ''',
        }),
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
        Example("""
            from googleapiclient.discovery import build
            SCOPES = ["https://www.googleapis.com/auth/gmail.modify"]
            def archive(creds, msg_id):
                service = build("gmail", "v1", credentials=creds)
                service.users().messages().list(userId="me").execute()
                service.users().messages().modify(userId="me", id=msg_id, body={}).execute()
        """),
        Example("""
            from googleapiclient.discovery import build
            SCOPES = ["https://www.googleapis.com/auth/gmail.send"]
            def client(creds):
                service = build("gmail", "v1", credentials=creds)
                return service
        """),
    ]
    invalid = [
        Example("""
            from github import Github
            GITHUB_SCOPES = ["read:user", "admin:org"]  # expect: RDY409
        """),
        Example("""
            GITHUB_AUTHORIZE = "https://github.com/login/oauth/authorize"
            def login_url(client_id: str, state: str) -> str:
                return (f"{GITHUB_AUTHORIZE}?client_id={client_id}&"
                        f"scope=repo delete_repo read:user&"  # expect: RDY409
                        f"state={state}")
        """),
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
        Example("""
            from googleapiclient.discovery import build
            from langgraph.prebuilt import create_react_agent
            SCOPES = ["https://www.googleapis.com/auth/gmail.modify"]  # expect: RDY409
            def unread(creds):
                service = build("gmail", "v1", credentials=creds)
                found = service.users().messages().list(userId="me", q="is:unread").execute()
                return [service.users().messages().get(userId="me", id=m["id"]).execute()
                        for m in found.get("messages", [])]
            agent = create_react_agent("openai:gpt-4o-2024-08-06", [unread])
        """),
    ]

    def visit_Constant(self, node: ast.Constant, ctx) -> None:
        if not isinstance(node.value, str):
            return
        only_reads = _read_only_apis(ctx)
        api = next((api for api, (scopes, _) in WRITE_SCOPES.items()
                    if node.value in scopes and api in only_reads), None)
        if api is not None:  # judged in the project pass: another module may write with the same token
            verbs = ", ".join(sorted(only_reads[api]))
            ctx.fact("read-only-scope", node, f"{api}|{node.value}|{verbs}")
        elif node.value in BROAD_SCOPES:
            ctx.report(node, _message(node.value))
        elif ctx.mentions("github", ignore_case=True) and _scope_text(node, ctx) and (
                match := GITHUB_ADMIN_SCOPES.search(node.value) or GITHUB_REPO_SCOPE.search(node.value)):
            scope = match.group(1) if match.re is GITHUB_ADMIN_SCOPES else "repo"
            # implicitly joined f-strings share one node: point at the line that spells the scope
            line = next((n for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)
                         if scope in ctx.lines[n - 1]), node.lineno) if node.lineno <= len(ctx.lines) else node.lineno
            ctx.report(line, f"GitHub OAuth scope `{scope}` grants "
                             f"{'administration or deletion across the account' if scope != 'repo' else 'read and write to every private repository'}"
                             "; use a fine-grained token or a GitHub App with per-repository permissions")

    def check_project(self, ctx) -> None:
        """A write scope requested where the code only reads, unless another module of the project
        writes to the same API (the token is shared: ``token.json`` written once, used by all)."""
        writes = {f.value for f in ctx.facts("google-api-writes", roles=("prod", "example"))}
        for fact in ctx.facts("read-only-scope", roles=("prod", "example")):
            api, scope, verbs = fact.value.split("|", 2)
            if api not in writes:
                ctx.report(f"OAuth scope `{scope}` can change data, but the project only reads {api} ({verbs}); "
                           f"use {WRITE_SCOPES[api][1]}", fact, subject=f"{fact.path}:{fact.line}")

    def visit_Call(self, node: ast.Call, ctx) -> None:
        name = (ctx.qualname(node.func) or "").rsplit(".", 1)[-1]
        if name in DEFAULT_BROAD and "langchain" in (ctx.qualname(node.func) or ""):
            scope, own = DEFAULT_BROAD[name]
            if not node.args and not any(kw.arg in own or kw.arg is None for kw in node.keywords) \
                    and not _sdk.overwritten_unused(node, ctx):
                ctx.report(node, f"`{name}()` without its own credentials requests `{scope}` by default: "
                                 f"full access; use {BROAD_SCOPES[scope]}")

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            for api in _writing_apis(ctx):
                ctx.fact("google-api-writes", 1, api)
            return
        from readiness.analysis.model_ids import config_strings

        for doc in ctx.parsed.docs:
            for path, value in config_strings(doc.data):
                if value in BROAD_SCOPES:
                    ctx.report(_line_of_value(ctx, value, doc.line_of(path)), _message(value))


def _writing_apis(ctx) -> set[str]:
    """Google APIs this file calls a write method of (``.messages().send(...)``, ``.events().insert``):
    a token one module requests with a write scope may serve another module's writes."""
    if "googleapis" not in ctx.text and "discovery" not in ctx.text and "build(" not in ctx.text:
        return set()
    found = set()
    for call in ctx.calls():
        if isinstance(call.func, ast.Attribute) and call.func.attr not in READ_VERBS | {"execute"} \
                and isinstance(call.func.value, ast.Call) and isinstance(call.func.value.func, ast.Attribute):
            resource = call.func.value.func.attr
            api = _RESOURCE_API.get(resource)
            if api:
                found.add(api)
    return found


# Resources of the Google APIs whose write scopes RDY409 weighs (discovery documents).
_RESOURCE_API = {"messages": "gmail", "drafts": "gmail", "threads": "gmail", "labels": "gmail",
                 "events": "calendar", "calendars": "calendar", "files": "drive", "permissions": "drive",
                 "spreadsheets": "sheets", "values": "sheets", "documents": "docs"}


def _read_only_apis(ctx) -> dict[str, set[str]]:
    """Google APIs built in this file whose every use is a read call: {api: {verbs}}."""
    return ctx.memo("rdy409-read-only", lambda: _compute_read_only(ctx))


def _compute_read_only(ctx) -> dict[str, set[str]]:
    clients: dict[str, str] = {}  # variable name -> api
    mixed: set[str] = set()
    for node in ctx.nodes_of(ast.Assign):
        value = node.value
        if (isinstance(value, ast.Call) and (ctx.qualname(value.func) or "").endswith("discovery.build")
                and value.args and isinstance(value.args[0], ast.Constant)
                and value.args[0].value in WRITE_SCOPES):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    if clients.get(target.id, value.args[0].value) != value.args[0].value:
                        mixed.add(target.id)
                    clients[target.id] = value.args[0].value
                else:
                    mixed.add(value.args[0].value)  # stored on an object: its uses are out of sight
    verbs: dict[str, set[str]] = {}
    spoilt: set[str] = set(mixed)
    for name_node in ctx.nodes_of(ast.Name):
        api = clients.get(name_node.id)
        if api is None or not isinstance(name_node.ctx, ast.Load):
            continue
        verb = _terminal_verb(ctx, name_node)
        if verb is None or verb not in READ_VERBS:
            spoilt.add(api)
        else:
            verbs.setdefault(api, set()).add(verb)
    return {api: found for api, found in verbs.items() if api not in spoilt}


def _terminal_verb(ctx, name_node: ast.Name) -> str | None:
    """`service.users().messages().list(...).execute()` -> "list"; None for any other use."""
    node: ast.AST = name_node
    last_method = None
    while True:
        parent = ctx.parent(node)
        if isinstance(parent, ast.Attribute) and parent.value is node:
            call = ctx.parent(parent)
            if not (isinstance(call, ast.Call) and call.func is parent):
                return None
            if parent.attr != "execute":
                last_method = parent.attr
            node = call
            continue
        return last_method if node is not name_node else None


def _line_of_value(ctx, value: str, near: int) -> int:
    """YAML list items have no key; find the value's own line at or after its parent's."""
    for number in range(max(near, 1), len(ctx.lines) + 1):
        if value in ctx.lines[number - 1]:
            return number
    return near


def _message(scope: str) -> str:
    return f"OAuth scope `{scope}` grants full access; use {BROAD_SCOPES[scope]}"


def _scope_text(node: ast.Constant, ctx) -> bool:
    """A string that writes OAuth scopes: a ``scope=`` query parameter, or a value held under a name
    or key that says scope (``SCOPES = ["repo", "delete_repo"]``, ``scope="admin:org"``). A tool
    called ``delete_repo`` or a prompt that mentions it requests nothing."""
    if "scope=" in node.value:
        return True
    for holder in ctx.ancestors(node):
        names = []
        if isinstance(holder, ast.keyword) and holder.arg:
            names.append(holder.arg)
        elif isinstance(holder, (ast.Assign, ast.AnnAssign)):
            targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
            names += [t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else "" for t in targets]
        elif isinstance(holder, ast.Dict):
            names += [k.value for k, v in zip(holder.keys, holder.values) if isinstance(k, ast.Constant)
                      and isinstance(k.value, str) and any(n is node for n in walk(v))]
        if any("scope" in str(n).lower() for n in names):
            return True
        if isinstance(holder, (ast.stmt, ast.Call)) and not isinstance(holder, (ast.Assign, ast.AnnAssign)):
            return False
    return False
