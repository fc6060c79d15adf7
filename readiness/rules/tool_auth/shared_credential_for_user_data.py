"""RDY412: one service credential reaches every user's personal data; the code picks whose."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule

# Google APIs that hold one person's data, as `build()` names them, and their scope fragments.
GOOGLE_PERSONAL = ("gmail", "calendar", "drive", "people", "tasks", "keep")
GOOGLE_SERVICE_ACCOUNT = ("service_account.Credentials.from_service_account_file",
                          "service_account.Credentials.from_service_account_info")
# App-only (client-credentials) identities of Microsoft Entra ID.
APP_ONLY_AZURE = ("azure.identity.ClientSecretCredential", "azure.identity.CertificateCredential")
# Graph resources under /users/{id}/ that are one person's data.
GRAPH_PERSONAL = ("messages", "mail_folders", "mailFolders", "events", "calendar", "calendars",
                  "drive", "contacts", "send_mail", "sendMail", "todo", "onenote", "chats")


def _is_constant(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant)


class SharedCredentialForUserData(Rule):
    """
    ## What it finds
    One application credential used to reach *any* user's personal data, with the code choosing
    whose at run time:

    - a Google service account with domain-wide delegation impersonating a user named by a
      variable (`creds.with_subject(user_email)`) in a file that reads Gmail, Calendar, Drive,
      People or Tasks;
    - a Microsoft Graph client on an app-only credential (`ClientSecretCredential`,
      `CertificateCredential`, or MSAL `acquire_token_for_client`) reading one user's mail,
      calendar, files or chats by a variable ID (`client.users.by_user_id(user_id).messages`,
      `f"https://graph.microsoft.com/v1.0/users/{user_id}/messages"`).

    ## Why it matters
    A personal mailbox or calendar is per-user data. With one shared credential, the only thing
    between one user and another user's mail is the variable that names the user, and in an
    agent that variable is often a tool argument the model fills in. One injected instruction
    ("summarise the CEO's inbox") or one mixed-up session and a user reads someone else's data;
    the provider's audit log shows only the service account.

    ## How to fix
    Use each user's own delegated OAuth token (authorization-code flow, stored per user in a
    token vault or your secrets manager) so a request can only reach the signed-in user's
    data. Where an app credential is unavoidable, take the user identity from the authenticated
    session, never from a tool argument, and restrict the app (Exchange application access
    policies, a narrow delegation scope list).

    ## Example
    ```python
    creds = SA_CREDS.with_subject(user_email)          # any mailbox in the domain
    creds = Credentials(token=vault.token_for(session.user_id))   # the signed-in user's own
    ```

    ## Limits
    Only the Google service-account and Microsoft Graph app-only patterns above are recognised,
    where the credential and the user-selecting call are in the same file; a constant user
    (`with_subject("reports@example.com")`) is a service mailbox and not reported. Shared
    credentials for shared data (a team knowledge base, a ticket system) are fine and never
    reported.
    """

    id = "RDY412"
    security_severity = "6.0"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "shared-credential-for-user-data"
    severity = Severity.WARNING
    summary = "A shared service credential reaches every user's personal data"
    roles = frozenset({"prod", "example"})
    needs = ("with_subject", "by_user_id", "graph.microsoft.com")
    fix_hint = "Use the signed-in user's own delegated OAuth token for personal data"
    precision = "medium"

    valid = [
        Example("""
            from google.oauth2.credentials import Credentials
            from googleapiclient.discovery import build
            def inbox(user):
                creds = Credentials(token=user.google_token)
                return build("gmail", "v1", credentials=creds).users().messages().list(userId="me").execute()
        """),
        Example("""
            from google.oauth2 import service_account
            from googleapiclient.discovery import build
            SA = service_account.Credentials.from_service_account_file("sa.json")
            def team_calendar():
                creds = SA.with_subject("team-calendar@example.com")
                return build("calendar", "v3", credentials=creds)
        """),
        Example("""
            from azure.identity import InteractiveBrowserCredential
            from msgraph import GraphServiceClient
            client = GraphServiceClient(InteractiveBrowserCredential(), scopes=["Mail.Read"])
            async def my_mail(user_id):
                return await client.users.by_user_id(user_id).messages.get()
        """),
    ]
    invalid = [
        Example("""
            from google.oauth2 import service_account
            from googleapiclient.discovery import build
            from langchain_core.tools import tool
            SA = service_account.Credentials.from_service_account_file("sa.json", scopes=["https://www.googleapis.com/auth/gmail.readonly"])
            @tool
            def read_inbox(user_email: str) -> list:
                \"\"\"List a user's recent mail.\"\"\"
                creds = SA.with_subject(user_email)  # expect: RDY412
                service = build("gmail", "v1", credentials=creds)
                return service.users().messages().list(userId="me").execute()
        """),
        Example("""
            from azure.identity import ClientSecretCredential
            from msgraph import GraphServiceClient
            cred = ClientSecretCredential(TENANT, CLIENT_ID, CLIENT_SECRET)
            client = GraphServiceClient(cred, scopes=["https://graph.microsoft.com/.default"])
            async def recent_mail(user_id: str):
                return await client.users.by_user_id(user_id).messages.get()  # expect: RDY412
        """),
        Example("""
            import msal, requests
            app = msal.ConfidentialClientApplication(CLIENT_ID, authority=AUTHORITY, client_credential=SECRET)
            def events(user_id):
                token = app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])
                url = f"https://graph.microsoft.com/v1.0/users/{user_id}/events"  # expect: RDY412
                return requests.get(url, headers={"Authorization": "Bearer " + token["access_token"]}, timeout=10)
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        if not isinstance(node.func, ast.Attribute) or len(node.args) != 1 or _is_constant(node.args[0]):
            return
        if node.func.attr == "with_subject" and _google_personal(ctx):
            ctx.report(node, "a service account impersonates whichever user the code names here "
                             "(domain-wide delegation): one credential reaches every user's "
                             f"{_google_personal(ctx)}")
        elif node.func.attr == "by_user_id" and _azure_app_only(ctx):
            resource = _graph_resource_after(node, ctx)
            if resource:
                ctx.report(node, f"an app-only Graph credential reads `{resource}` of whichever user "
                                 "the code names here: one credential reaches every user's data")

    def visit_JoinedStr(self, node: ast.JoinedStr, ctx) -> None:
        fixed = "".join(part.value for part in node.values if isinstance(part, ast.Constant)
                        and isinstance(part.value, str))
        if "graph.microsoft.com" not in fixed or "/users/" not in fixed or not _azure_app_only(ctx):
            return
        text = ast.unparse(node)
        after = text.split("/users/", 1)[1]
        if not after.startswith("{"):
            return
        resource = after.split("}", 1)[-1].lstrip("/").split("/", 1)[0].split("?", 1)[0].rstrip("'\"")
        if resource in GRAPH_PERSONAL:
            ctx.report(node, f"an app-only Graph token reads `{resource}` of whichever user the code "
                             "names in this URL: one credential reaches every user's data")


def _google_personal(ctx) -> str:
    """The personal Google APIs this file builds, when it also holds service-account credentials."""
    def compute() -> str:
        if not any((ctx.qualname(call.func) or "").endswith(GOOGLE_SERVICE_ACCOUNT) for call in ctx.calls()):
            return ""
        apis = sorted({call.args[0].value for call in ctx.calls()
                       if (ctx.qualname(call.func) or "").endswith("discovery.build") and call.args
                       and isinstance(call.args[0], ast.Constant) and call.args[0].value in GOOGLE_PERSONAL})
        return ", ".join(apis)
    return ctx.memo("rdy412-google", compute)


def _azure_app_only(ctx) -> bool:
    def compute() -> bool:
        for call in ctx.calls():
            name = ctx.qualname(call.func) or ""
            if name in APP_ONLY_AZURE or (isinstance(call.func, ast.Attribute)
                                          and call.func.attr == "acquire_token_for_client"):
                return True
        return False
    return ctx.memo("rdy412-azure", compute)


def _graph_resource_after(node: ast.Call, ctx) -> str:
    """`client.users.by_user_id(x).messages.get()` -> "messages" (a personal resource) or ""."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in GRAPH_PERSONAL:
        return parent.attr
    return ""
