"""RDY201: an agent tool that can delete, pay, send or run commands with no human approval step."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness import frameworks
from readiness.analysis import mcp_servers as _mcp, sdk as _sdk, tools as _tools
from readiness.pack import data
from readiness.walk import walk


def _review_graph(gated: str, mark: str) -> dict[str, str]:
    """A LangGraph review node that asks a person before running the tool call named ``gated``,
    beside an email tool: gated when ``gated`` is the email tool, reported otherwise."""
    return {
        "tools.py": f'''
            import smtplib
            from langchain_core.tools import tool
            @tool
            def send_email_tool(to: str, body: str) -> str:{mark}
                """Send an email."""
                with smtplib.SMTP("smtp.example.com") as server:
                    server.sendmail("bot@example.com", [to], body)
                return "sent"
        ''',
        "graph.py": f'''
            from langgraph.types import interrupt
            from tools import send_email_tool
            TOOLS = {{"send_email_tool": send_email_tool}}
            def review(state):
                for tool_call in state["messages"][-1].tool_calls:
                    if tool_call["name"] == "{gated}":
                        answer = interrupt({{"action": tool_call}})
                        if answer["type"] != "accept":
                            continue
                    TOOLS[tool_call["name"]].invoke(tool_call["args"])
        ''',
    }


class DestructiveToolWithoutConfirmation(Rule):
    """
    ## What it finds
    An agent tool whose code deletes files, writes or drops database rows, sends messages or
    email, moves money, sends an HTTP DELETE, or POSTs to a payment or messaging API
    (`rules/data/actions.yaml`) - or whose name says it cancels, deletes, refunds or transfers -
    when nothing asks a human before it runs. Handoff tools (`transfer_to_billing`) change nothing
    and are left alone; a file the tool itself made in the temp directory may be deleted. Tools
    are recognised as each framework declares them (`@tool`, `@function_tool`, `@agent.tool`,
    `@mcp.tool()`, `BaseTool` subclasses, functions passed in `tools=[...]`, also from another
    module), and in raw SDK loops: functions and methods in a table the loop calls by the model's
    chosen name (`self.tools = {"delete_file": self.delete_file}`), every public method of a class
    that dispatches with `getattr(self, plan["action"])(...)`, and the branch for a declared tool
    (`if block.name == "delete_file":`). An MCP server started with its write tools switched on
    (`--allow-write`, in a JSON client config or in code) counts as one destructive tool, and so
    does a server whose write tools are on unless turned off (`actions.yaml`
    `mcp_write_by_default`: the GitHub MCP server without `--read-only` / `X-MCP-Readonly`). Approval counts when it covers that tool: `needs_approval=` / `requires_approval=` on
    the tool, `input()` / `click.confirm` / LangGraph `interrupt()` inside it, a `confirm` /
    `approved` parameter its body checks, `HumanInTheLoopMiddleware(interrupt_on={...})` naming it,
    a hand-written list of tool names that the agent loop checks before running a call
    (`if name in DESTRUCTIVE_TOOLS: await ask_admin(...)`),
    or a whole-agent gate (`interrupt_before=["tools"]`, `human_input_mode="ALWAYS"`,
    `HumanApprovalCallbackHandler`) anywhere in the project.

    ## Why it matters
    The model decides when to call a tool, and it can be wrong or manipulated by text it reads. A
    destructive action taken on a misunderstanding cannot be taken back; a confirmation step turns
    an incident into a rejected request.

    ## How to fix
    Gate the tool: `@function_tool(needs_approval=True)` (OpenAI Agents SDK),
    `@agent.tool(requires_approval=True)` (PydanticAI), `HumanInTheLoopMiddleware` listing the tool
    (LangChain), `interrupt()` before the action (LangGraph), or your own approval queue. Keep
    autonomous mode for read-only tools.

    ## Example
    ```python
    @function_tool                        # runs unattended
    def cancel_order(order_id: str): ...
    @function_tool(needs_approval=True)   # a person approves each call
    def cancel_order(order_id: str): ...
    ```

    ## Limits
    A tool's capabilities are read from its own body, the functions it calls in the same file or
    in other modules of the project, and methods of the project's classes when only one class
    defines a method of that name. Tools loaded at run time (an MCP server's `get_tools()`) are
    listed as a gap in the report, not judged.
    """

    id = "RDY201"
    security_severity = "6.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    judges_tool_bodies = True
    name = "destructive-tool-without-confirmation"
    severity = Severity.WARNING
    judges_tools = True
    summary = "Destructive agent tool runs without human confirmation"
    scope = "line"
    needs_project = True
    kinds = frozenset({"python", "json"})
    roles = frozenset({"prod"})
    fix_hint = "Require human approval for this tool (needs_approval / interrupt / HumanInTheLoopMiddleware)"

    valid = [
        # Marking mail read or starred moves nothing.
        Example(files={
            "mail/tools.py": '''
                from googleapiclient.discovery import build
                from mcp.server.fastmcp import FastMCP
                mcp = FastMCP("mail")
                gmail = build("gmail", "v1")
                @mcp.tool()
                def mark_read(message_id: str) -> str:
                    gmail.users().messages().modify(userId="me", id=message_id,
                                                    body={"removeLabelIds": ["UNREAD"]}).execute()
                    return "marked read"
            ''',
        }),
        # Stripe catalogue and setup records move no money; a tool named for reading a charge reads it.
        Example("""
            import stripe
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("billing")
            @mcp.tool()
            def create_product(name: str) -> str:
                return stripe.Product.create(name=name).id
            @mcp.tool()
            def create_price(product_id: str, cents: int) -> str:
                return stripe.Price.create(product=product_id, unit_amount=cents, currency="usd").id
            @mcp.tool()
            def retrieve_refund(refund_id: str) -> dict:
                return dict(stripe.Refund.retrieve(refund_id))
        """),
        # A tool that creates a new Google Doc and fills it writes nothing anyone relies on yet.
        Example(files={
            "office/tools.py": '''
                from googleapiclient.discovery import build
                from langchain_core.tools import tool
                @tool
                def create_document(title: str, text: str) -> str:
                    """Create a Google Doc with this text."""
                    drive = build("drive", "v3")
                    docs = build("docs", "v1")
                    doc = drive.files().create(body={"name": title,
                                                     "mimeType": "application/vnd.google-apps.document"}).execute()
                    docs.documents().batchUpdate(documentId=doc["id"], body={"requests": [
                        {"insertText": {"location": {"index": 1}, "text": text}}]}).execute()
                    return doc["id"]
            ''',
        }),
        # "book" as the noun: looking books up acts on nothing.
        Example("""
            from langchain_core.tools import tool
            from app.library import catalog
            @tool
            def book_search(title: str) -> str:
                return catalog.find(title)
        """),
        # Creating an item of one's own (an event on the user's calendar) POSTs but is ordinary work; a
        # search POSTed to an API reads.
        Example("""
            import requests
            from langchain_core.tools import tool
            @tool
            def create_calendar_event(title: str, start: str) -> str:
                return requests.post("https://calendar.example.com/me/events", json={"title": title, "start": start}).text
            @tool
            def search_contacts(text: str) -> str:
                return requests.post("https://crm.example.com/v3/contacts/search", json={"q": text}).text
        """),
        # Recording or reading a case decides nothing.
        Example("""
            from agents import function_tool
            @function_tool
            def add_expense(amount: float, note: str) -> str:
                EXPENSES.append((amount, note))
                return "noted"
            @function_tool
            def check_invoice_status(invoice_id: str) -> str:
                return INVOICES[invoice_id]["status"]
        """),
        # A helper that writes its own workload file (a name it computes) and removes it afterwards.
        Example("""
            import os, uuid
            from agents import function_tool
            def _run_in_vm(code: str, workdir: str) -> str:
                workload = os.path.join(workdir, f"job_{uuid.uuid4().hex}.js")
                with open(workload, "w") as f:
                    f.write(code)
                try:
                    return vm.run(workload)
                finally:
                    os.remove(workload)
            @function_tool
            def run_script(code: str) -> str:
                return _run_in_vm(code, "/var/sandbox")
        """),
        # The same request helper, called with "GET": the tool only reads.
        Example("""
            import httpx
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("code-host")
            async def call_api(method: str, path: str, body: dict | None = None):
                async with httpx.AsyncClient() as client:
                    return (await client.request(method, f"https://api.github.com{path}", json=body)).json()
            @mcp.tool()
            async def pull_request_status(owner: str, repo: str, number: int) -> str:
                return (await call_api("GET", f"/repos/{owner}/{repo}/pulls/{number}"))["state"]
        """),
        Example("""
            from pathlib import Path
            from agno.tools import tool
            @tool
            def delete_lines(path: str, start: int, end: int) -> str:
                \"\"\"Remove lines start..end from a file in the workspace.\"\"\"
                lines = Path(path).read_text().splitlines()
                Path(path).write_text("\\\\n".join(lines[:start] + lines[end:]))  # a file edit (RDY405's)
                return "edited"
        """),
        Example("""
            from slack_sdk import WebClient
            from langchain_core.tools import BaseTool
            class SlackReader(BaseTool):
                name: str = "slack_history"
                description: str = "Read a channel"
                client: WebClient
                def _call_api(self, method: str, **kwargs):
                    return getattr(self.client, method)(**kwargs)
                def _run(self, channel: str) -> str:
                    return str(self._call_api("conversations_history", channel=channel))
        """),
        Example("""
            import subprocess
            from agents import function_tool
            @function_tool
            def firewall_state() -> str:
                \"\"\"Report whether the firewall is on.\"\"\"
                return subprocess.run("netsh advfirewall show allprofiles state", shell=True,
                                      capture_output=True, text=True).stdout
        """),
        Example("""
            from openai import OpenAI
            from mcp import StdioServerParameters
            client = OpenAI()
            server = StdioServerParameters(command="npx", args=["-y", "kubernetes-mcp-server", "--read-only"])
        """),
        Example("""
            from mcp import ClientSession, StdioServerParameters
            server = StdioServerParameters(command="npx", args=["-y", "kubernetes-mcp-server"])
            async def show_tools(session: ClientSession):
                print(await session.list_tools())  # lists the tools; no model is given them
        """),
        Example("""
            from langchain_core.tools import tool
            @tool
            def order_status(order_id: str) -> str:
                \"\"\"Where an order is.\"\"\"
                return ORDERS[order_id]["status"]
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/tools.py": '''
                from langchain_core.tools import tool
                @tool
                def process_refund(order_id: str) -> str:
                    """Refund an order."""
                    return PAYMENTS.refund(order_id)
                TOOLS = [process_refund]
                SENSITIVE_TOOLS = {"process_refund"}
            ''',
            "desk/routing.py": '''
                from desk.tools import SENSITIVE_TOOLS
                def route(state):
                    names = {call["name"] for call in state["messages"][-1].tool_calls}
                    if names & SENSITIVE_TOOLS:  # a set of the calls a manager must approve first
                        return "review"
                    return "execute"
            ''',
        }),
        Example("""
            import os
            from agents import Agent
            from agents.mcp import MCPServerStreamableHttp
            github = MCPServerStreamableHttp(params={
                "url": "https://api.githubcopilot.com/mcp/",
                "headers": {"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}", "X-MCP-Readonly": "true"},
            })
            agent = Agent(name="triage", model="gpt-4.1-2025-04-14", mcp_servers=[github])
        """),
        Example("""
            import os, sys
            def cmd_delete(path):
                os.remove(path)
            def cmd_show(path):
                print(open(path).read())
            ACTIONS = {"delete": cmd_delete, "show": cmd_show}  # a CLI of our own: a person types the command
            if __name__ == "__main__":
                ACTIONS[sys.argv[1]](sys.argv[2])
        """),
        Example("""
            from langchain_core.tools import tool
            @tool
            def check_refund_eligibility(order_id: str) -> str:
                \"\"\"Say whether an order can still be refunded.\"\"\"
                return "eligible" if ORDERS[order_id]["days"] < 30 else "not eligible"
        """),
        Example("""
            import os
            from langchain_core.tools import tool
            TOKEN = "token.json"
            def _service():
                try:
                    return load_service(TOKEN)
                except ValueError:
                    os.remove(TOKEN)  # a corrupt token cache: start the sign-in again
                    return load_service(None)
            @tool
            def unread_count() -> int:
                \"\"\"Count unread mail.\"\"\"
                return _service().unread()
        """),
        Example(files=_review_graph(gated="send_email_tool", mark="")),
        Example("""
            from googleapiclient.discovery import build
            from langchain_core.tools import tool
            @tool
            def block_time(start: str, end: str) -> str:
                \"\"\"Hold time in my own calendar (no attendees are emailed).\"\"\"
                event = {"start": {"dateTime": start}, "end": {"dateTime": end}}
                build("calendar", "v3").events().insert(calendarId="primary", body=event).execute()
                return "held"
        """),
        Example(files={
            "fit/db.py": '''
                import psycopg2
                def set_user_field(user_id, field, value):
                    query = f"UPDATE users SET {field} = %s WHERE id = %s"
                    with psycopg2.connect("dbname=fit") as conn:
                        conn.cursor().execute(query, (value, user_id))
            ''',
            "fit/tools.py": '''
                from langchain_core.tools import tool
                from fit.db import set_user_field
                @tool
                def mark_onboarded() -> str:
                    \"\"\"Record that onboarding is finished.\"\"\"
                    set_user_field(CURRENT_USER, "onboarded", True)
                    return "ok"
            ''',
        }),
        Example("""
            import pandas as pd
            from langchain_core.tools import tool
            @tool
            def tidy_sales(path: str) -> str:
                \"\"\"Summarise a sales export.\"\"\"
                frame = pd.read_csv(path).drop(columns=["notes"]).drop_duplicates()
                seen = ["draft"]
                seen.remove("draft")
                return frame.describe().to_string()
        """),
        Example("""
            import sqlite3
            from strands import tool
            DB = sqlite3.connect("calendar.db")
            @tool
            def create_appointment(date: str, title: str) -> str:
                \"\"\"Add an appointment.\"\"\"
                DB.execute("INSERT INTO appointments (date, title) VALUES (?, ?)", (date, title))
                return "added"
        """),
        Example("""
            from agents import function_tool
            @function_tool
            def transfer_to_refunds_agent() -> str:
                return "handing over"
        """),
        Example("""
            import os, tempfile
            from langchain_core.tools import tool
            @tool
            def transcribe(url: str) -> str:
                \"\"\"Transcribe a recording.\"\"\"
                with tempfile.NamedTemporaryFile(suffix=".mp3", delete=False) as tmp:
                    audio = download(url, tmp.name)
                text = run_asr(audio)
                os.remove(audio)
                return text
        """),
        Example("""
            from agents import function_tool
            @function_tool
            def cancel_subscription(customer_id: str, confirmed: bool = False) -> str:
                if not confirmed:
                    return "Ask the customer to confirm first."
                BILLING.cancel(customer_id)
                return "cancelled"
        """),
        Example("""
            from agents import function_tool
            @function_tool(needs_approval=True)
            def cancel_order(order_id: str) -> str:
                return "cancelled"
        """),
        Example("""
            from langchain_core.tools import tool
            @tool
            def lookup_order(order_id: str) -> str:
                \"\"\"Read an order.\"\"\"
                return ORDERS[order_id]
        """),
        Example(files={
            "tools.py": '''
                import os
                from langchain_core.tools import tool
                @tool
                def delete_file(path: str) -> str:
                    """Delete a file."""
                    os.remove(path)
                    return "ok"
            ''',
            "agent.py": '''
                from langchain.agents import create_agent
                from langchain.agents.middleware import HumanInTheLoopMiddleware
                from tools import delete_file
                agent = create_agent("openai:gpt-4.1-2025-04-14", tools=[delete_file],
                                     middleware=[HumanInTheLoopMiddleware(interrupt_on={"delete_file": True})])
            ''',
        }),
    ]
    invalid = [
        # The tool hands a same-file helper to a thread; the helper calls a method of the project's
        # Gmail service class, which sends.
        Example(files={
            "inbox/services/gmail.py": '''
                from googleapiclient.discovery import build
                class GmailService:
                    def __init__(self, creds):
                        self._service = build("gmail", "v1", credentials=creds)
                    def send_message(self, to: str, raw: str) -> dict:
                        return self._service.users().messages().send(userId="me", body={"raw": raw}).execute()
            ''',
            "inbox/tools.py": '''
                import asyncio
                from langchain_core.tools import tool
                from langgraph.prebuilt import create_react_agent
                from inbox.services.gmail import GmailService
                def _send_sync(to: str, raw: str) -> dict:
                    service = GmailService(None)
                    return service.send_message(to=to, raw=raw)
                @tool
                async def send_email(to: str, raw: str) -> str:  # expect: RDY201
                    """Send an email."""
                    await asyncio.to_thread(_send_sync, to, raw)
                    return "sent"
                agent = create_react_agent("openai:gpt-4.1-2025-04-14", [send_email])
            ''',
        }),
        # The statement comes from a query-builder module and the app's folders have no ``__init__.py``
        # (namespace packages run from the app folder).
        Example(files={
            "shop/requirements.txt": "openai-agents\npsycopg2-binary\n",
            "shop/db/queries.py": '''
                class OrderQueries:
                    @staticmethod
                    def set_discount(code: str, order: str):
                        query = "UPDATE orders SET discount_code = %s WHERE order_number = %s"
                        return query, (code, order)
            ''',
            "shop/db/orders.py": '''
                import psycopg2
                from db.queries import OrderQueries
                class Orders:
                    @staticmethod
                    def apply_discount(order: str, code: str) -> bool:
                        conn = psycopg2.connect("dbname=shop")
                        query, params = OrderQueries.set_discount(code, order)
                        conn.cursor().execute(query, params)
                        conn.commit()
                        return True
            ''',
            "shop/tools/discounts.py": '''
                from agents import Agent, function_tool
                from db.orders import Orders
                @function_tool
                def apply_discount_code(order_number: str, code: str) -> bool:  # expect: RDY201
                    return Orders.apply_discount(order_number, code)
                desk = Agent(name="desk", tools=[apply_discount_code])
            ''',
        }),
        # One MCP tool per module: ``TOOL_DEF = Tool(name=...)`` and its ``execute`` handler.
        Example(files={
            "hub/tools/remove_device.py": '''
                import httpx
                from mcp.types import TextContent, Tool
                TOOL_DEF = Tool(name="remove_device", description="Remove a device from the hub",
                                inputSchema={"type": "object", "properties": {"device_id": {"type": "string"}}})
                async def execute(arguments: dict) -> list[TextContent]:  # expect: RDY201
                    async with httpx.AsyncClient(base_url="http://hub.local") as client:
                        await client.delete(f"/api/devices/{arguments['device_id']}")
                    return [TextContent(type="text", text="removed")]
            ''',
            "hub/tools/list_devices.py": '''
                import httpx
                from mcp.types import TextContent, Tool
                TOOL_DEF = Tool(name="list_devices", description="List the hub's devices",
                                inputSchema={"type": "object", "properties": {}})
                async def execute(arguments: dict) -> list[TextContent]:
                    async with httpx.AsyncClient(base_url="http://hub.local") as client:
                        return [TextContent(type="text", text=(await client.get("/api/devices")).text)]
            ''',
        }),
        # Gmail mailbox edits: relabelling (archive, mark read) and filters that act on every future message.
        Example(files={
            "mail/tools.py": '''
                from googleapiclient.discovery import build
                from mcp.server.fastmcp import FastMCP
                mcp = FastMCP("mail")
                gmail = build("gmail", "v1")
                @mcp.tool()
                def archive_email(message_id: str) -> str:  # expect: RDY201
                    gmail.users().messages().modify(userId="me", id=message_id,
                                                    body={"removeLabelIds": ["INBOX"]}).execute()
                    return "archived"
                @mcp.tool()
                def make_filter(sender: str, label_id: str) -> str:  # expect: RDY201
                    gmail.users().settings().filters().create(userId="me", body={
                        "criteria": {"from": sender}, "action": {"addLabelIds": [label_id]}}).execute()
                    return "filter made"
                @mcp.tool()
                def read_email(message_id: str) -> dict:
                    return gmail.users().messages().get(userId="me", id=message_id).execute()
            ''',
        }),
        # Google Docs / Sheets edits of an existing file (discovery client); a web3 broadcast; ccxt
        # orders on an exchange built by name; an agno Toolkit that registers a plain function.
        Example(files={
            "office/tools.py": '''
                from googleapiclient.discovery import build
                from langchain_core.tools import tool
                @tool
                def edit_document(document_id: str, text: str) -> str:  # expect: RDY201
                    """Replace the text of a Google Doc."""
                    docs = build("docs", "v1")
                    docs.documents().batchUpdate(documentId=document_id, body={"requests": [
                        {"insertText": {"location": {"index": 1}, "text": text}}]}).execute()
                    return "edited"
                @tool
                def update_cells(sheet_id: str, cell_range: str, values: list) -> str:  # expect: RDY201
                    """Overwrite a range of a spreadsheet."""
                    sheets = build("sheets", "v4")
                    sheets.spreadsheets().values().update(spreadsheetId=sheet_id, range=cell_range,
                                                          valueInputOption="RAW", body={"values": values}).execute()
                    return "updated"
                TOOLS = [edit_document, update_cells]
            ''',
            "trading/wallet.py": '''
                import os
                from web3 import Web3
                from agents import Agent, function_tool
                w3 = Web3(Web3.HTTPProvider(os.environ["RPC_URL"]))
                @function_tool
                def send_funds(to: str, wei: int) -> str:  # expect: RDY201
                    tx = w3.eth.account.sign_transaction({"to": to, "value": wei}, os.environ["WALLET_KEY"])
                    return w3.eth.send_raw_transaction(tx.raw_transaction).hex()
                treasurer = Agent(name="treasurer", tools=[send_funds])
            ''',
            "trading/exchange.py": '''
                import os
                import ccxt
                from agno.tools.toolkit import Toolkit
                def _exchange(name: str):
                    return getattr(ccxt, name)({"apiKey": os.environ["KEY"], "secret": os.environ["SECRET"]})
                def place_market_order(exchange: str, symbol: str, side: str, amount: float) -> dict:  # expect: RDY201
                    return _exchange(exchange).create_market_order(symbol, side, amount)
                def order_book(exchange: str, symbol: str) -> dict:
                    return _exchange(exchange).fetch_order_book(symbol)
                trading = Toolkit(name="exchange")
                trading.register(place_market_order)
                trading.register(order_book)
            ''',
        }),
        # The command a tool hands its shell runner says what it does: scaling acts, reading status does not.
        Example("""
            import subprocess
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("k8s")
            def run_kubectl(command: str) -> str:
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
            @mcp.tool()
            def scale_deployment(name: str, replicas: int) -> str:  # expect: RDY201
                return run_kubectl(f"kubectl scale deployment {name} --replicas={int(replicas)}")
            @mcp.tool()
            def rollout_status(name: str) -> str:
                return run_kubectl(f"kubectl rollout status deployment/{name}")
        """),
        # A client made in another module of the project that imports the library (gspread).
        Example(files={
            "pyproject.toml": "[project]\nname = 'clinic'\n",
            "clinic/sheets.py": '''
                import gspread
                def get_sheet():
                    return gspread.service_account().open("Appointments").sheet1
            ''',
            "clinic/tools.py": '''
                from agents import function_tool
                from clinic.sheets import get_sheet
                @function_tool
                def move_appointment(row: int, new_date: str) -> str:  # expect: RDY201
                    sheet = get_sheet()
                    sheet.update_cell(row, 3, new_date)
                    return "moved"
            ''',
        }),
        # Names that commit a reservation or a checkout, whatever service the body calls.
        Example("""
            from langchain_core.tools import tool
            from app.services import cart_service
            @tool
            def book_flight(flight_id: str, passenger: str) -> str:  # expect: RDY201
                return cart_service.create_order_from_booking(flight_id, passenger)
            @tool
            def process_checkout(cart_id: str, contact: str) -> str:  # expect: RDY201
                return cart_service.checkout(cart_id, contact)
        """),
        # An MCP server named for a messaging service sends for the model (a JSON config and code).
        Example(files={
            "mcp.json": '''
                {"mcpServers": {
                  "telegram": {"command": "node", "args": ["servers/telegram-server/build/index.js"]}  // expect: RDY201
                }}
            ''',
            "agent.py": '''
                from anthropic import Anthropic
                client = Anthropic()
                reply = client.messages.create(model="claude-sonnet-4-5-20250929", max_tokens=500, messages=[])
            ''',
        }),
        Example("""
            from agents import Agent
            from agents.mcp import MCPServerStdio
            chat = MCPServerStdio(name="WhatsApp", params={"command": "uv", "args": ["run", "whatsapp-mcp-server/main.py"]})  # expect: RDY201
            agent = Agent(name="assistant", model="gpt-4.1-2025-04-14", mcp_servers=[chat])
        """),
        # A project client class whose methods hand the HTTP method to one request helper: a tool named
        # for adding a comment POSTs through it (a lookup tool POSTing a search does not act).
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/tracker.py": '''
                import json
                import urllib.request
                class TrackerClient:
                    def __init__(self, base: str):
                        self.base = base
                    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
                        req = urllib.request.Request(f"{self.base}/{path}", method=method,
                                                     data=json.dumps(body or {}).encode())
                        with urllib.request.urlopen(req) as resp:
                            return json.loads(resp.read())
                    def add_comment(self, key: str, text: str) -> dict:
                        return self._call("POST", f"issue/{key}/comment", {"body": text})
                    def search(self, jql: str) -> dict:
                        return self._call("POST", "search", {"jql": jql})
                tracker = TrackerClient("https://tracker.example.com/api")
            ''',
            "desk/tools.py": '''
                from strands import tool
                from desk.tracker import tracker
                @tool
                def tracker_add_comment(key: str, text: str) -> str:  # expect: RDY201
                    return str(tracker.add_comment(key, text))
                @tool
                def search_issues(jql: str) -> str:
                    return str(tracker.search(jql))
            ''',
        }),
        # PATCH edits a remote record whatever the host; a chat webhook exists to post into a channel;
        # a GraphQL document that is a mutation changes what it names (a query does not).
        Example("""
            import os
            import requests
            from langchain_core.tools import tool
            CRM = "https://crm.example.com/v3/objects"
            @tool
            def update_contact(contact_id: str, properties: dict) -> str:  # expect: RDY201
                return requests.patch(f"{CRM}/contacts/{contact_id}", json={"properties": properties}).text
            @tool
            def alert_team(message: str) -> str:  # expect: RDY201
                return requests.post(os.environ["TEAM_WEBHOOK_URL"], json={"text": message}).text
            @tool
            def close_ticket(ticket_id: str) -> str:  # expect: RDY201
                doc = "mutation($id: ID!) { closeTicket(id: $id) { id } }"
                return requests.post("https://desk.example.com/graphql", json={"query": doc, "variables": {"id": ticket_id}}).text
            @tool
            def ticket_status(ticket_id: str) -> str:
                doc = "query($id: ID!) { ticket(id: $id) { status } }"
                return requests.post("https://desk.example.com/graphql", json={"query": doc, "variables": {"id": ticket_id}}).text
        """),
        # A table of functions the loop picks from by the model's function-call name, whatever the
        # table is called.
        Example(files={
            "pyproject.toml": "[project]\nname = 'shop'\n",
            "shop/admin.py": '''
                import requests
                def remove_order(order_id: str) -> dict:  # expect: RDY201
                    return requests.delete(f"https://shop.example.com/admin/orders/{order_id}.json").json()
                def list_orders() -> dict:
                    return requests.get("https://shop.example.com/admin/orders.json").json()
            ''',
            "shop/chat.py": '''
                import json
                from openai import OpenAI
                from shop.admin import list_orders, remove_order
                class Assistant:
                    def __init__(self):
                        self.client = OpenAI()
                        self.fn_map = {"remove_order": remove_order, "list_orders": list_orders}
                    def turn(self, message):
                        if message.function_call:
                            func_name = message.function_call.name
                            func = self.fn_map.get(func_name)
                            return func(**json.loads(message.function_call.arguments))
            ''',
        }),
        # Rewriting who may read a bucket is a change; settings of a bucket the tool just made are not.
        Example("""
            import boto3
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("s3")
            s3 = boto3.client("s3")
            @mcp.tool()
            def set_bucket_policy(bucket: str, policy_json: str) -> str:  # expect: RDY201
                s3.put_bucket_policy(Bucket=bucket, Policy=policy_json)
                return "policy set"
            @mcp.tool()
            def create_private_bucket(bucket: str) -> str:
                s3.create_bucket(Bucket=bucket)
                s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={"BlockPublicAcls": True})
                return "created"
        """),
        # A router method returns the table of handlers the model's JSON picks from.
        Example("""
            import json
            from openai import OpenAI
            def cancel_booking(store, booking_id: str) -> str:  # expect: RDY201
                store.pop(booking_id)
                return "cancelled"
            class Runtime:
                def _tool_router(self, name: str):
                    return {"cancel_booking": lambda **kw: cancel_booking(self.store, **kw)}.get(name)
                def step(self, reply: str):
                    parsed = json.loads(reply)
                    return self._tool_router(parsed["tool"])(**parsed["arguments"])
        """),
        # Functions wrapped as tools in a comprehension are tools like any listed one.
        Example("""
            import sqlite3
            from google.adk.agents import Agent
            from google.adk.tools import FunctionTool
            def delete_user(user_id: int) -> str:  # expect: RDY201
                conn = sqlite3.connect("users.db")
                conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
                conn.commit()
                return "deleted"
            def read_user(user_id: int) -> str:
                return str(sqlite3.connect("users.db").execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone())
            root_agent = Agent(name="db", model="gemini-2.5-flash-001", tools=[FunctionTool(fn) for fn in [read_user, delete_user]])
        """),
        # Names that decide a business case for a person, whatever store they write to.
        Example("""
            from agents import function_tool
            @function_tool
            def approve_invoice(invoice_id: str) -> str:  # expect: RDY201
                INVOICES[invoice_id]["status"] = "approved"
                return "approved"
            @function_tool
            def submit_leave_application(employee_id: str, days: int) -> str:  # expect: RDY201
                LEDGER[employee_id] -= days
                return "submitted"
            @function_tool
            def update_claim_status(claim_id: str, status: str) -> str:  # expect: RDY201
                CLAIMS[claim_id]["status"] = status
                return status
        """),
        # A request helper whose HTTP method is a parameter: the tool that passes "PUT" merges.
        Example("""
            import httpx
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("code-host")
            async def call_api(method: str, path: str, body: dict | None = None):
                async with httpx.AsyncClient() as client:
                    return (await client.request(method, f"https://api.github.com{path}", json=body)).json()
            @mcp.tool()
            async def merge_change(owner: str, repo: str, number: int) -> str:  # expect: RDY201
                await call_api("PUT", f"/repos/{owner}/{repo}/pulls/{number}/merge")
                return "merged"
        """),
        # Overwriting an existing calendar event (a whole recurring series, if asked) is a change.
        Example("""
            from googleapiclient.discovery import build
            from langchain_core.tools import tool
            @tool
            def move_meeting(event_id: str, start: str, end: str) -> str:  # expect: RDY201
                service = build("calendar", "v3")
                body = {"start": {"dateTime": start}, "end": {"dateTime": end}}
                service.events().patch(calendarId="primary", eventId=event_id, body=body).execute()
                return "moved"
        """),
        # The model writes everything after `kubectl`: `delete`, `drain` and `scale` included.
        Example("""
            import subprocess
            from google.adk.agents import Agent
            def kubectl(command: str) -> str:  # expect: RDY201
                return subprocess.run(["kubectl"] + command.split(), capture_output=True, text=True).stdout
            root_agent = Agent(name="ops", model="gemini-2.5-flash-001", tools=[kubectl])
        """),
        Example(files={
            "app/users.py": '''
                from fastapi import APIRouter
                router = APIRouter(prefix="/users")
                @router.get("/{user_id}")
                def get_user(user_id: int) -> dict:
                    return USERS[user_id]
                @router.delete("/{user_id}")
                def delete_user(user_id: int) -> None:  # expect: RDY201
                    USERS.pop(user_id)
            ''',
            "server.py": '''
                from fastapi import FastAPI
                from fastmcp import FastMCP
                from app.users import router
                app = FastAPI()
                app.include_router(router)
                mcp = FastMCP.from_fastapi(app)  # every route becomes a tool the model can call
            ''',
        }),
        Example("""
            from github import Auth, Github
            from agno.tools import tool
            gh = Github(auth=Auth.Token(TOKEN))
            @tool
            def comment_on_pr(repo: str, number: int, body: str) -> str:  # expect: RDY201
                \"\"\"Comment on a pull request.\"\"\"
                gh.get_repo(repo).get_pull(number).create_issue_comment(body)
                return "posted"
        """),
        Example("""
            from slack_sdk import WebClient
            from langchain_core.tools import BaseTool
            class SlackPoster(BaseTool):
                name: str = "slack"
                description: str = "Post to Slack"
                client: WebClient
                def _call_api(self, method: str, **kwargs):
                    return getattr(self.client, method)(**kwargs)
                def _run(self, channel: str, text: str) -> str:  # expect: RDY201
                    return str(self._call_api("chat_postMessage", channel=channel, text=text))
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'trader'\n",
            "trader/orders.py": '''
                import asyncio
                from py_clob_client.client import ClobClient
                client = ClobClient("https://clob.example", key=KEY, chain_id=137)
                async def place_order(token_id: str, price: float, size: int) -> dict:  # expect: RDY201
                    """Place a limit order."""
                    order = client.create_order(build(token_id, price, size))
                    return await asyncio.to_thread(client.post_order, order)
            ''',
            "trader/agent.py": '''
                from google.adk.agents import Agent
                from trader.orders import place_order
                root_agent = Agent(name="trader", model="gemini-2.0-flash-001", tools=[place_order])
            ''',
        }),
        Example("""
            import os
            from agents import function_tool
            @function_tool
            def power_off(delay: int) -> str:  # expect: RDY201
                \"\"\"Shut the computer down.\"\"\"
                os.system(f"shutdown /s /t {int(delay)}")
                return "shutting down"
        """),
        Example("""
            import subprocess
            from langchain_core.tools import tool
            @tool
            def scale(deployment: str, replicas: int) -> str:  # expect: RDY201
                \"\"\"Scale a deployment.\"\"\"
                return subprocess.run(["kubectl", "scale", "deployment", deployment, f"--replicas={replicas}"],
                                      capture_output=True, text=True).stdout
        """),
        Example("""
            from agents import function_tool
            from app.db import customers
            @function_tool
            def set_customer_email(customer_id: str, email: str) -> str:  # expect: RDY201
                \"\"\"Change a customer's email address.\"\"\"
                customers.update_one({"_id": customer_id}, {"$set": {"email": email}})
                return "updated"
        """),
        Example("""
            import pywhatkit
            from crewai.tools import tool
            @tool("WhatsApp")
            def whatsapp(number: str, text: str) -> str:  # expect: RDY201
                \"\"\"Send a WhatsApp message.\"\"\"
                pywhatkit.sendwhatmsg_instantly(number, text)
                return "sent"
        """),
        Example("""
            from notion_client import Client
            from langchain_core.tools import tool
            notion = Client(auth=TOKEN)
            @tool
            def note_on_page(page_id: str, text: str) -> str:  # expect: RDY201
                \"\"\"Write a paragraph on a page.\"\"\"
                notion.blocks.children.append(block_id=page_id, children=[paragraph(text)])
                return "ok"
        """),
        Example("""
            import os
            from openai import OpenAI
            from mcp import StdioServerParameters
            client = OpenAI()
            server = StdioServerParameters(command="npx", args=["-y", "kubernetes-mcp-server"])  # expect: RDY201
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'cloudops'\n",
            "cloudops/server.py": '''
                from mcp.server.fastmcp import FastMCP
                from cloudops.vendor import remove_bucket
                mcp = FastMCP("aws")
                @mcp.tool()
                async def initiate_bucket_deletion() -> str:  # expect: RDY201
                    """Delete the configured bucket."""
                    return remove_bucket()
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/tools.py": '''
                from langchain_core.tools import tool
                @tool
                def process_refund(order_id: str) -> str:  # expect: RDY201
                    """Refund an order."""
                    return PAYMENTS.refund(order_id)
                TOOLS = [process_refund]
                LOGGED_TOOLS = {"process_refund"}
            ''',
            "desk/routing.py": '''
                from desk.tools import LOGGED_TOOLS
                def route(state):
                    names = {call["name"] for call in state["messages"][-1].tool_calls}
                    if names & LOGGED_TOOLS:  # only logged, nobody approves
                        return "review"
                    return "execute"
            ''',
        }),
        Example(files={
            ".vscode/mcp.json": '''
                {"servers": {
                  "github": {  // expect: RDY201
                    "command": "docker",
                    "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]
                  },
                  "github-ro": {
                    "command": "docker",
                    "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server", "--read-only"]
                  }
                }}
            ''',
            "agent.py": '''
                from langchain_mcp_adapters.client import MultiServerMCPClient
                from langgraph.prebuilt import create_react_agent
                async def build(servers: dict):
                    tools = await MultiServerMCPClient(servers).get_tools()
                    return create_react_agent("openai:gpt-4.1-2025-04-14", tools=tools)
            ''',
        }),
        Example("""
            import os
            from agents import Agent
            from agents.mcp import MCPServerStreamableHttp
            github = MCPServerStreamableHttp(params={  # expect: RDY201
                "url": "https://api.githubcopilot.com/mcp/",
                "headers": {"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}"},
            })
            agent = Agent(name="triage", model="gpt-4.1-2025-04-14", mcp_servers=[github])
        """),
        Example("""
            import requests
            from langchain_core.tools import tool
            @tool
            def send_invoice(customer_id: str, amount: float) -> str:  # expect: RDY201
                \"\"\"Send an invoice to a customer.\"\"\"
                return requests.post("https://billing.example.com/api/invoices", json={"customer": customer_id, "amount": amount}).text
            @tool
            def send_query(q: str) -> str:
                \"\"\"Ask the search API.\"\"\"
                return requests.get("https://search.example.com/q", params={"q": q}).text
        """),
        Example("""
            import os
            from agno.tools import Toolkit
            class FileToolkit(Toolkit):
                def __init__(self):
                    super().__init__(name="files", tools=[self.read_file, self.delete_file])
                def read_file(self, path: str) -> str:
                    return open(path).read()
                def delete_file(self, path: str) -> str:  # expect: RDY201
                    os.remove(path)
                    return "deleted"
        """),
        Example(files={
            "mcp_config.json": '''
                {"mcpServers": {
                  "eks": {
                    "command": "uvx",
                    "args": ["awslabs.eks-mcp-server@latest", "--allow-write"]  // expect: RDY201
                  },
                  "docs": {"command": "uvx", "args": ["awslabs.aws-documentation-mcp-server@latest"]}
                }}
            ''',
            "agent.py": '''
                import json
                from mcp_use import MCPAgent, MCPClient
                from langchain_openai import ChatOpenAI
                client = MCPClient.from_dict(json.load(open("mcp_config.json")))
                agent = MCPAgent(llm=ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=500), client=client, max_steps=10)
            ''',
        }),
        Example("""
            from mcp import StdioServerParameters
            from strands import Agent
            SERVERS = [
                {"name": "docs", "command": "uvx", "args": ["awslabs.aws-documentation-mcp-server@latest"]},
                {"name": "ecs", "command": "uvx", "args": ["awslabs.ecs-mcp-server@latest", "--allow-write"]},  # expect: RDY201
            ]
            PARAMS = [StdioServerParameters(command=s["command"], args=s["args"]) for s in SERVERS]
        """),
        Example("""
            import discord
            from pydantic_ai import Agent
            mod = Agent("openai:gpt-4o-2024-08-06")
            @mod.tool_plain
            async def ban_member(guild: discord.Guild, user_id: int, reason: str) -> str:  # expect: RDY201
                await guild.get_member(user_id).ban(reason=reason)
                return "banned"
            @mod.tool_plain
            async def give_role(guild: discord.Guild, user_id: int, role_id: int) -> str:  # expect: RDY201
                await guild.get_member(user_id).add_roles(guild.get_role(role_id))
                return "ok"
            @mod.tool_plain
            async def member_count(guild: discord.Guild) -> int:
                return guild.member_count
        """),
        Example("""
            import json, os
            from openai import OpenAI
            class FileAgent:
                def __init__(self):
                    self.client = OpenAI()
                    self.tools = {"read_file": self.read_file, "delete_file": self.delete_file}
                def read_file(self, path: str) -> str:
                    return open(path).read()
                def delete_file(self, path: str) -> str:  # expect: RDY201
                    os.remove(path)
                    return "deleted"
                def step(self, messages):
                    reply = self.client.chat.completions.create(model="gpt-4.1-2025-04-14", messages=messages, max_tokens=800)
                    for call in reply.choices[0].message.tool_calls or []:
                        self.tools[call.function.name](**json.loads(call.function.arguments))
        """),
        Example("""
            import json, requests
            from openai import OpenAI
            class CrmAgent:
                base = "https://crm.example.com/api"
                def __init__(self):
                    self.client = OpenAI()
                def find_contact(self, email):
                    return requests.get(f"{self.base}/contacts", params={"email": email}).json()
                def delete_contact(self, contact_id):  # expect: RDY201
                    return requests.delete(f"{self.base}/contacts/{contact_id}").status_code
                def run(self, text):
                    reply = self.client.chat.completions.create(model="gpt-4o-mini-2024-07-18", max_tokens=300,
                        messages=[{"role": "system", "content": 'Answer {"action": ..., "args": {...}}'}, {"role": "user", "content": text}])
                    plan = json.loads(reply.choices[0].message.content)
                    return getattr(self, plan["action"])(**plan["args"])
        """),
        Example(files={
            "shop/store.py": '''
                import asyncpg
                class Store:
                    def __init__(self, pool: asyncpg.Pool):
                        self.pool = pool
                    async def set_status(self, order_id: int, status: str):
                        query = f"UPDATE orders SET status = $1 WHERE id = $2 RETURNING *"
                        async with self.pool.acquire() as conn:
                            return await conn.fetch(query, status, order_id)
            ''',
            "shop/server.py": '''
                from mcp.server.fastmcp import FastMCP
                from shop.store import Store
                mcp = FastMCP("shop")
                store = Store(None)
                @mcp.tool()
                async def set_order_status(order_id: int, status: str) -> str:  # expect: RDY201
                    """Change an order's status."""
                    return str(await store.set_status(order_id, status))
            ''',
        }),
        Example(files={
            "todo/store.py": '''
                import sqlite3
                class Store:
                    def __init__(self, path):
                        self.conn = sqlite3.connect(path)
                    def remove_all_done(self, owner):
                        self.conn.execute("DELETE FROM todos WHERE done = 1 AND owner = ?", (owner,))
                        self.conn.commit()
                store = Store("todo.db")
            ''',
            "todo/server.py": '''
                from fastmcp import FastMCP
                from todo.store import store
                mcp = FastMCP("todo")
                @mcp.tool
                def clear_done(owner: str) -> str:  # expect: RDY201
                    """Clear finished items."""
                    store.remove_all_done(owner)
                    return "cleared"
            ''',
        }),
        Example("""
            from langchain_google_community import GmailToolkit
            from langchain_google_community.gmail.utils import build_resource_service, get_gmail_credentials
            toolkit = GmailToolkit()
            creds = get_gmail_credentials(token_file="token.json", scopes=["https://www.googleapis.com/auth/gmail.send"])
            toolkit = GmailToolkit(api_resource=build_resource_service(credentials=creds))  # expect: RDY201
            from langgraph.prebuilt import create_react_agent
            agent = create_react_agent("openai:gpt-4o-2024-08-06", toolkit.get_tools())
        """),
        Example(files=_review_graph(gated="schedule_meeting_tool", mark="  # expect: RDY201")),
        Example("""
            import boto3
            from mcp.server import Server
            app = Server("cloud")
            s3 = boto3.client("s3")
            async def delete_bucket_tool(args: dict) -> str:  # expect: RDY201
                s3.delete_bucket(Bucket=args["bucket"])
                return "gone"
            async def list_buckets_tool(args: dict) -> str:
                return str(s3.list_buckets())
            @app.call_tool()
            async def handle_call_tool(name: str, arguments: dict):
                if name == "delete_bucket":
                    return await delete_bucket_tool(arguments)
                return await list_buckets_tool(arguments)
        """),
        Example("""
            import smtplib
            from langchain.tools import Tool
            def send_email(recipient):  # expect: RDY201
                with smtplib.SMTP_SSL("smtp.example.com", 465) as server:
                    server.sendmail("bot@example.com", [recipient], "Welcome aboard")
                return "sent"
            email_tool = Tool(name="email_tool", func=lambda recipient: send_email(recipient), description="Email someone")
        """),
        Example("""
            import os
            from twilio.rest import Client
            from agents import function_tool
            SID = os.getenv("TWILIO_SID")
            twilio = Client(SID, os.getenv("TWILIO_TOKEN")) if SID else None
            @function_tool
            def text_customer(phone: str, body: str) -> str:  # expect: RDY201
                twilio.messages.create(to=phone, from_="+15550100", body=body)
                return "sent"
        """),
        Example("""
            import requests
            from pydantic_ai import Agent
            agent = Agent("openai:gpt-4.1-2025-04-14")
            @agent.tool_plain
            def remove_member(member_id: str) -> str:  # expect: RDY201
                \"\"\"Take a member off the team.\"\"\"
                requests.delete(f"https://crm.example.com/members/{member_id}", timeout=10)
                return "ok"
        """),
        Example("""
            import httpx
            from agents import function_tool
            SLACK = "https://hooks.slack.com/services/T000/B000/XXXX"
            @function_tool
            def notify_channel(text: str) -> str:  # expect: RDY201
                httpx.post(SLACK, json={"text": text})
                return "posted"
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/db.py": '''
                import sqlite3
                DB = sqlite3.connect("desk.db")
                def delete_account(user_id: str) -> None:
                    DB.execute("DELETE FROM accounts WHERE id = ?", (user_id,))
            ''',
            "desk/tools.py": '''
                from langchain_core.tools import tool
                from desk.db import delete_account
                @tool
                def close_account(user_id: str) -> str:  # expect: RDY201
                    \"\"\"Close a customer's account.\"\"\"
                    delete_account(user_id)
                    return "closed"
            ''',
        }),
        Example("""
            from agents import function_tool
            @function_tool
            async def cancel_flight(confirmation: str) -> str:  # expect: RDY201
                return "cancelled"
        """),
        Example("""
            import shutil
            from crewai.tools import tool
            @tool("Cleanup")
            def cleanup(folder: str) -> str:  # expect: RDY201
                \"\"\"Remove a working folder.\"\"\"
                shutil.rmtree(folder)
                return "done"
        """),
        Example("""
            from google.adk.agents import Agent
            from ops.cloud import CloudClient
            def release_server(account: str, instance_id: str) -> dict:  # expect: RDY201
                client = CloudClient.for_account(account)
                return client.call("ECS_DeleteInstances", {"InstanceId": [instance_id], "Force": True})
            def resize_server(instance_id: str, size: str) -> dict:  # expect: RDY201
                return CloudClient.default().call("ModifyInstanceSpec", {"InstanceId": instance_id, "Type": size})
            def list_servers(region: str) -> dict:
                return CloudClient.default().call("DescribeInstances", {"RegionId": region})
            ops = Agent(name="ops", model="gemini-2.0-flash-001", tools=[release_server, resize_server, list_servers])
        """),
        Example("""
            import boto3
            from strands import tool
            lam = boto3.client("lambda")
            @tool
            def set_memory(function_name: str, megabytes: int) -> str:  # expect: RDY201
                lam.update_function_configuration(FunctionName=function_name, MemorySize=megabytes)
                return "updated"
        """),
        Example("""
            from mcp.server.fastmcp import FastMCP
            from slack_sdk.web.async_client import AsyncWebClient
            mcp = FastMCP("slack")
            def _client(ctx) -> AsyncWebClient:
                return ctx.lifespan_context.slack
            async def delete_message(channel: str, ts: str, ctx=None) -> str:  # expect: RDY201
                await _client(ctx).chat_delete(channel=channel, ts=ts)
                return "deleted"
            async def list_channels(ctx=None) -> str:
                return str(await _client(ctx).conversations_list())
            for name, doc, func in [("delete_message", "Delete a message", delete_message),
                                    ("list_channels", "List channels", list_channels)]:
                mcp.tool(name=name, description=doc)(func)
        """),
        Example("""
            from googleapiclient.discovery import build
            from langchain_core.tools import tool
            @tool
            def email_customer(to: str, raw_message: str) -> str:  # expect: RDY201
                \"\"\"Email a customer.\"\"\"
                service = build("gmail", "v1")
                service.users().messages().send(userId="me", body={"raw": raw_message}).execute()
                return "sent"
            @tool
            def invite(attendee: str, start: str) -> str:  # expect: RDY201
                \"\"\"Invite someone to a meeting.\"\"\"
                event = {"attendees": [{"email": attendee}], "start": {"dateTime": start}}
                build("calendar", "v3").events().insert(calendarId="primary", body=event, sendUpdates="all").execute()
                return "invited"
        """),
        Example("""
            import boto3
            from langchain_core.tools import BaseTool
            class DropBucketTool(BaseTool):
                name: str = "drop_bucket"
                description: str = "Delete an S3 bucket"
                def _describe(self) -> str:
                    return self.description
                def _run(self, bucket: str) -> str:  # expect: RDY201
                    boto3.client("s3").delete_bucket(Bucket=bucket)
                    return "gone"
        """),
        Example("""
            import os, shutil
            import mcp.types as types
            from mcp.server import Server
            server = Server("files")
            @server.list_tools()
            async def list_tools():
                return [types.Tool(name="read-file", description="Read", inputSchema={}),
                        types.Tool(name="delete-file", description="Delete", inputSchema={})]  # expect: RDY201
            @server.call_tool()
            async def call_tool(name: str, arguments: dict):
                if name == "read-file":
                    return open(os.path.join("/srv/docs", arguments["path"])).read()
                if name == "delete-file":
                    shutil.rmtree(os.path.join("/srv/docs", arguments["path"]))
                    return "deleted"
        """),
    ]

    def check_file(self, ctx) -> None:
        if ctx.kind == "json":
            for _, name, command, args, where in _mcp.config_servers(ctx):
                self._write_enabled_server(ctx, where, name, args)
            for doc, where, name, spec in _mcp.config_server_specs(ctx):
                self._writes_by_default(ctx, doc.line_of(where), name, spec)
                self._acting_service(ctx, doc.line_of(where), name, spec)
            return
        if ctx.tree is None:
            return
        if "-" in ctx.text:
            for _, name, command, args, where in _mcp.stdio_servers(ctx):
                self._write_enabled_server(ctx, where, name, args)
        if any(entry["match"] in ctx.text for entry in _WRITE_BY_DEFAULT) and not _reads_only_filter(ctx) \
                and _reaches_a_model(ctx):
            for at, name, spec in _mcp.code_server_specs(ctx):
                self._writes_by_default(ctx, at, name, spec)
        if _ACTING_SERVICE.search(ctx.text) and not _reads_only_filter(ctx) and _reaches_a_model(ctx):
            for at, name, spec in _mcp.code_server_specs(ctx):
                self._acting_service(ctx, at, name, spec)
        tools = _tools.find_tools(ctx)
        for tool in tools:
            reasons = sorted(set(tool.destructive()))
            gate = tool.approval or _tools.confirmation_in_body(tool, ctx)
            if not reasons and not gate:
                continue
            ctx.fact("destructive-tool", tool.action_line(), f"{tool.name}|{','.join(reasons)}|{gate}")
        if ctx.role == "prod":
            self._named_for_acting(ctx, {id(t.node) for t in tools})
            if "fastapi" in ctx.text or "from_openapi" in ctx.text:
                self._routes_as_tools(ctx)
        for call in ctx.calls():
            self._approval_facts(call, ctx)
            self._prebuilt(call, ctx)
            self._review_node(call, ctx)
        if _GATE_LIST.search(ctx.text):
            self._approval_lists(ctx)

    def _routes_as_tools(self, ctx) -> None:
        """``FastMCP.from_fastapi(app)`` / ``from_openapi(...)`` (fastmcp 2.x, fastmcp/server/server.py)
        turns every route of a web app into an MCP tool: ``routes-as-tools`` where it is called, and
        ``route-handler`` (``name|METHOD|reasons``) for each route that changes or deletes
        (``@router.delete``, ``@app.put`` / ``patch``, or a POST named for an act)."""
        for call in ctx.calls():
            if (ctx.qualname(call.func) or "").split(".")[-1] in ("from_fastapi", "from_openapi") and \
                    "FastMCP" in (ctx.qualname(call.func) or ""):
                ctx.fact("routes-as-tools", call, ctx.qualname(call.func))
        if "fastapi" not in ctx.imported_modules:
            return
        for func in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
            for dec in func.decorator_list:
                method = dec.func.attr.upper() if isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) else ""
                if method not in ("DELETE", "PUT", "PATCH", "POST"):
                    continue
                named = [r for r in _tools.ToolDef(func.name, func, "route").destructive() if r.startswith("name:")]
                if method != "POST" or named:
                    why = named[0] if named and method == "POST" else f"{method} route"
                    ctx.fact("route-handler", func.lineno, f"{func.name}|{method}|{why}")

    def _named_for_acting(self, ctx, tools: set[int]) -> None:
        """``func-named-act``: ``module.function|reasons`` for a module-level function named for an act
        (``place_order``, ``cancel_booking``) that this file does not declare as a tool: another
        module may hand it to an agent (``tools=[place_order]``), and the project pass judges it then.
        Its confirmation (a ``confirm`` parameter checked in the body) is read here."""
        for func in ctx.tree.body:
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or id(func) in tools:
                continue
            stand_in = _tools.ToolDef(func.name, func, "function")
            named = [r for r in stand_in.destructive() if r.startswith("name:")]
            if named and not _tools.confirmation_in_body(stand_in, ctx):
                ctx.fact("func-named-act", func.lineno, f"{ctx.module_name}.{func.name}|{','.join(named)}")

    def _write_enabled_server(self, ctx, where: list, name: str, args: list[str]) -> None:
        """An MCP server started with its write tools switched on (``--allow-write``), reported at
        that flag (``where`` holds the line or node of each argument)."""
        for arg, at in zip(args, where):
            if arg.lower() in _WRITE_FLAGS:
                ctx.fact("destructive-tool", at, f"{name}|MCP server with write tools on: {arg}|")
                return

    def _writes_by_default(self, ctx, at, name: str, spec: dict) -> None:
        """An MCP server whose write tools are on unless its config turns them off
        (``actions.yaml`` ``mcp_write_by_default``: the GitHub server without read-only mode)."""
        args = [a for a in spec.get("args") or [] if isinstance(a, str)] if isinstance(spec.get("args"), list) else []
        words = [str(spec.get("command") or ""), str(spec.get("url") or ""), *args]
        for entry in _WRITE_BY_DEFAULT:
            if not any(entry["match"] in w for w in words):
                continue
            off = entry.get("read_only") or {}
            env = spec.get("env") if isinstance(spec.get("env"), dict) else {}
            headers = spec.get("headers") if isinstance(spec.get("headers"), dict) else {}
            if any(a in args for a in off.get("args", ())) or any(u in str(spec.get("url") or "") for u in off.get("url", ())) \
                    or any(_truthy(env.get(k)) for k in off.get("env", ())) or any(_truthy(headers.get(h)) for h in off.get("headers", ())):
                return
            ctx.fact("destructive-tool", at, f"{name}|MCP server with write tools on by default: {entry['what'].replace(',', ';')}|")
            return

    def _acting_service(self, ctx, at, name: str, spec: dict) -> None:
        """An MCP server named for a messaging or payment service (``actions.yaml``
        ``mcp_acting_services``): its tools send or pay for the model. A server the table of
        write-by-default servers already judges, or one marked read-only, is left to that."""
        args = [a for a in spec.get("args") or [] if isinstance(a, str)] if isinstance(spec.get("args"), list) else []
        words = " ".join([name, str(spec.get("command") or ""), str(spec.get("url") or ""), *args])
        if any(entry["match"] in words for entry in _WRITE_BY_DEFAULT) or re.search(r"read[-_]?only", words, re.I):
            return
        if "-m" in args[:-1] and ctx.is_local_module(args[args.index("-m") + 1].split(".")[0]):
            return  # ``python -m twilio_sms_mcp.boot``: this project's own server, whose tools are judged where defined
        called = _mcp.client_name(at, ctx) if isinstance(at, ast.Call) else ""
        if called:
            name, words = called, f"{called} {words}"  # ``MCPServerStdio(name="Telegram MCP Server", ...)``
        found = _ACTING_SERVICE.search(words)
        if found:
            service = found.group(0).lower()
            ctx.fact("destructive-tool", at, f"{name}|MCP server for {service}: its tools {_SERVICE_KIND[service]} for the model|")

    def _approval_lists(self, ctx) -> None:
        """A hand-written list of the tools a person must approve (``DESTRUCTIVE_TOOLS =
        frozenset({"ban_user", ...})``, ``TOOLS_NEEDING_APPROVAL = [...]``): its names, and the
        membership tests that use it (``if tool_name in DESTRUCTIVE_TOOLS:``). The project pass
        counts a list only when some file tests membership in it."""
        for node in ctx.nodes_of(ast.Assign, ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            var = next((t.id for t in targets if isinstance(t, ast.Name) and _GATE_LIST.search(t.id)), "")
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("set", "frozenset", "list", "tuple") \
                    and value.args:
                value = value.args[0]
            if var and isinstance(value, (ast.Set, ast.List, ast.Tuple)) and value.elts and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isidentifier() for e in value.elts):
                ctx.fact("approval-list", node, f"{var}|{','.join(e.value for e in value.elts)}")
        for node, operand in _membership_operands(ctx):
            name = operand.id if isinstance(operand, ast.Name) else operand.attr if isinstance(operand, ast.Attribute) else ""
            if name and _GATE_LIST.search(name):
                ctx.fact("approval-list-used", node, name)

    def _review_node(self, call: ast.Call, ctx) -> None:
        """A LangGraph node that asks a person (``interrupt(...)``) and then runs the model's tool
        call (``tool.invoke(tool_call["args"])``): the tools it names in its branches
        (``if tool_call["name"] == "send_email_tool"``) are gated, or every tool when it names none."""
        qn = ctx.qualname(call.func) or ""
        if not (qn.endswith(".interrupt") and "langgraph" in qn):
            return
        func = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)
        if func is None or not any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("invoke", "ainvoke")
                and any(isinstance(s, ast.Subscript) and isinstance(s.slice, ast.Constant) and s.slice.value == "args"
                        for a in n.args for s in walk(a))
                for n in walk(func)):
            return
        names = {c.value for n in walk(func) if isinstance(n, ast.Compare)
                 and any(isinstance(s, ast.Subscript) and isinstance(s.slice, ast.Constant) and s.slice.value == "name"
                         for s in walk(n.left))
                 for c in walk(n) if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value != "name"}
        for name in names:
            ctx.fact("approval-tool", call, name)
        if not names:
            ctx.fact("approval-all", call, f"interrupt() before the tool calls in `{func.name}`")

    def _prebuilt(self, call: ast.Call, ctx) -> None:
        """Prebuilt tools and toolkits that send, delete or pay (profiles' ``prebuilt`` sites):
        constructed here, or handed to an agent by name in ``tools=[...]``."""
        table = frameworks.tables().prebuilt_tools
        hit = _sdk.lookup_qualname(ctx, call.func, table)
        if hit is not None:
            if _acts(call, hit[1], ctx) and not _sdk.overwritten_unused(call, ctx):
                gate = next((kw.arg for kw in call.keywords if kw.arg in _tools.APPROVAL_KEYWORDS
                             and not (isinstance(kw.value, ast.Constant) and not kw.value.value)
                             and not (isinstance(kw.value, (ast.List, ast.Tuple)) and not kw.value.elts)), "")
                self._prebuilt_fact(call, hit, ctx, gate)
            return
        listed = _sdk.keyword_value(call, "tools")
        for element in listed.elts if isinstance(listed, (ast.List, ast.Tuple)) else ():
            if isinstance(element, (ast.Name, ast.Attribute)):
                found = _sdk.lookup_qualname(ctx, element, table)
                if found is not None:
                    self._prebuilt_fact(element, found, ctx)

    def _prebuilt_fact(self, at: ast.AST, hit: tuple[str, dict], ctx, gate: str = "") -> None:
        qn, spec = hit
        name = qn.rsplit(".", 1)[-1]
        short = spec["what"].split(" (", 1)[0].strip()  # the profile's note on defaults stays in the profile
        what = f"{spec['does']}: {short}" if short else spec["does"]
        ctx.fact("destructive-tool", at, f"{name}|{what.replace('|', '/').replace(',', ';')}|{gate}")

    def _approval_facts(self, call: ast.Call, ctx) -> None:
        qn = ctx.qualname(call.func) or ""
        last = qn.split(".")[-1]
        if last == "HumanInTheLoopMiddleware":
            interrupt_on = _sdk.resolve_node(_sdk.keyword_value(call, "interrupt_on"), ctx, call)
            for key in _sdk.dict_keys(interrupt_on) or ():
                ctx.fact("approval-tool", call, key)
        elif last == "HumanApprovalCallbackHandler":
            ctx.fact("approval-all", call, "HumanApprovalCallbackHandler")
        if (last == "compile" and isinstance(call.func, ast.Attribute) or last == "create_react_agent") \
                and "langgraph" in ctx.imported_modules \
                and not any(kw.arg in ("interrupt_before", "interrupt_after") for kw in call.keywords) \
                and not ctx.mentions("interrupt("):
            # a graph of this project that runs its tools with no pause: a gate on another graph
            # (``interrupt_before=["tools"]`` in a second script) does not cover this one
            ctx.fact("ungated-graph", call, qn or last)
        for kw in call.keywords:
            if kw.arg == "interrupt_before" and isinstance(kw.value, (ast.List, ast.Tuple)):
                names = {e.value for e in kw.value.elts if isinstance(e, ast.Constant)}
                if "tools" in names:
                    ctx.fact("approval-all", call, "interrupt_before tools")
                for name in names:
                    ctx.fact("approval-tool", call, str(name))
            elif kw.arg == "human_input_mode" and isinstance(kw.value, ast.Constant) and kw.value.value == "ALWAYS":
                ctx.fact("approval-all", call, 'human_input_mode="ALWAYS"')

    def check_project(self, ctx) -> None:
        from readiness.tool_inventory import approved_tool_names

        # A whole-agent gate covers every tool only when no graph of the project runs tools ungated.
        gated_all = [] if ctx.facts("ungated-graph", roles=("prod",)) else ctx.facts("approval-all", roles=("prod",))
        gated = approved_tool_names([f for name in ("approval-tool", "approval-list", "approval-list-used")
                                     for f in ctx.facts(name, roles=("prod",))])
        for fact in ctx.facts("destructive-tool", roles=("prod",)) + _via_helpers(ctx):
            name, reasons, gate = fact.value.split("|", 2)
            if gate:
                ctx.credit(fact, f"tool `{name}` gated by {gate}", kind="confirm")
            elif name in gated:
                ctx.credit(fact, f"tool `{name}` listed for human approval", kind="confirm")
            elif gated_all:
                ctx.credit(fact, f"tool `{name}` covered by {gated_all[0].value}", kind="confirm")
            else:
                why = ", ".join(r.replace("name:", "named for ") for r in reasons.split(","))
                ctx.report(f"tool `{name}` ({why}) runs without human confirmation", fact, subject=f"{fact.path}:{name}")


_WRITE_FLAGS = {flag.lower() for flag in data("actions")["mcp_write_flags"]}
_WRITE_BY_DEFAULT = list(data("actions")["mcp_write_by_default"])
_SERVICE_KIND = {word: ("send messages" if kind == "message" else "move money")
                 for kind, words in data("actions")["mcp_acting_services"].items() for word in words}
_ACTING_SERVICE = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(_SERVICE_KIND)) + r")(?![a-z])", re.I)


def _reaches_a_model(ctx) -> bool:
    """A file that starts an MCP server and hands its tools on: it imports a model SDK or agent
    framework, or calls the server's tools itself. A script that starts the server only to list its
    tools (``session.list_tools()``) gives a model nothing."""
    heads = {prefix.split(".")[0] for prefix in frameworks.tables().framework_of_import}
    return bool(ctx.imported_modules & heads) or "call_tool" in ctx.text


def _reads_only_filter(ctx) -> bool:
    """``create_static_tool_filter(allowed_tool_names=["get_file_contents", "list_issues"])``: the
    agent gets only tools named for reading (``LOOKUP_VERBS``)."""
    for call in ctx.calls():
        for kw in call.keywords:
            if kw.arg == "allowed_tool_names":
                names = _sdk.resolve_node(kw.value, ctx, call)
                if isinstance(names, (ast.List, ast.Tuple, ast.Set)) and names.elts and all(
                        isinstance(e, ast.Constant) and isinstance(e.value, str)
                        and re.split(r"[_\W]+", e.value.lower())[0] in _tools.LOOKUP_VERBS for e in names.elts):
                    return True
    return False


def _truthy(value) -> bool:
    """Read-only switches count when set to anything but an empty or false-like value."""
    return value is not None and str(value).strip().lower() not in ("", "false", "f", "no", "n", "0", "off")
# Names of hand-written lists of tools that need a person's approval.
_GATE_LIST = re.compile(r"(?i)approv|confirm|destructive|dangerous|sensitive|risky|need[s_]*review|human")


_SET_TESTS = frozenset({"intersection", "isdisjoint", "issubset", "issuperset"})


def _membership_operands(ctx):
    """Every expression some code tests tool names against: ``name in VAR``, ``names & VAR``,
    ``names.intersection(VAR)`` / ``VAR.isdisjoint(names)`` — each a way of asking whether a
    call is on the list."""
    for node in ctx.nodes_of(ast.Compare):
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            for right in node.comparators:
                yield node, right
    for node in ctx.nodes_of(ast.BinOp):
        if isinstance(node.op, ast.BitAnd):
            yield node, node.left
            yield node, node.right
    for node in ctx.nodes_of(ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in _SET_TESTS:
            yield node, node.func.value
            for arg in node.args:
                yield node, arg


def _via_helpers(ctx) -> list:
    """Tools whose destructive power sits in a helper in another module of the project."""
    from readiness.context import Fact
    from readiness.tool_inventory import callee_index, helper_capabilities, tool_callees

    facts = [f for name in ("tool", "tool-callee", "func-caps", "func-callee") for f in ctx.facts(name, roles=("prod",))]
    helpers = helper_capabilities(facts)
    callees = callee_index(facts)
    known = {(f.path, f.value.split("|", 1)[0]) for f in ctx.facts("destructive-tool", roles=("prod",))}
    # Calls that carry the tool's own arguments into the helper. An UPDATE helper called with values
    # the tool fixed (``set_field(user, "onboarded", True)``) records a state; the model does not
    # choose what is overwritten.
    steered = {(f.path, f.line, *f.value.split("|", 2)[:2]) for f in ctx.facts("tool-callee", roles=("prod",))
               if f.value.count("|") >= 3 and f.value.split("|", 3)[2:] != ["", ""]}
    found = []
    for tool in ctx.facts("tool", roles=("prod",)):
        name, _, _, gate = tool.value.split("|", 3)
        if (tool.path, name) in known:
            continue
        reached = [(callee, c) for callee in tool_callees(callees, tool) for c in helpers.get(callee, ())]
        reasons = sorted({f"{c['kind']} in {callee.rsplit('.', 1)[-1]}()" for callee, c in reached
                          if c["kind"] in _tools.DESTRUCTIVE_KINDS
                          and (c["detail"] != "UPDATE" or (tool.path, tool.line, name, callee) in steered)})
        if not reasons and (verb := _tools.write_verb(_tools.name_words(name))):
            # ``jira_add_comment`` -> ``JiraRestClient.add_comment`` -> ``self._request("POST", ...)``
            reasons = sorted({f"change: {verb} + HTTP POST in {callee.rsplit('.', 1)[-1]}()" for callee, c in reached
                              if c["kind"] == "http" and _tools.posts(c["detail"])})
        if reasons:
            found.append(Fact("destructive-tool", tool.path, tool.line, f"{name}|{','.join(reasons)}|{gate}", tool.role, tool.project))
    # Functions defined in one module and handed to an agent as tools in another (``tools=[crm.delete_lead]``).
    referenced = {f.value for f in ctx.facts("tool-ref", roles=("prod",))}
    declared = {(f.path, f.line) for f in ctx.facts("tool", roles=("prod",))}
    for fact in ctx.facts("func-caps", roles=("prod",)):
        qual = fact.value.split("|", 1)[0]
        if qual not in referenced or (fact.path, fact.line) in declared:
            continue
        reasons = sorted({c["kind"] for c in helpers.get(qual, ()) if c["kind"] in _tools.DESTRUCTIVE_KINDS})
        if reasons:
            name = qual.rsplit(".", 1)[-1]
            found.append(Fact("destructive-tool", fact.path, fact.line, f"{name}|{','.join(reasons)}|", fact.role, fact.project))
    judged = {(f.path, f.line) for f in found}
    served = ctx.facts("routes-as-tools", roles=("prod",))
    for fact in ctx.facts("route-handler", roles=("prod",)) if served else ():
        name, method, why = fact.value.split("|", 2)
        judged.add((fact.path, fact.line))
        found.append(Fact("destructive-tool", fact.path, fact.line,
                          f"{name}|{why} served as an MCP tool by `{served[0].value.rsplit('.', 1)[-1]}`|", fact.role, fact.project))
    for fact in ctx.facts("func-named-act", roles=("prod",)):
        qual, reasons = fact.value.split("|", 1)
        if qual in referenced and (fact.path, fact.line) not in declared | judged:
            judged.add((fact.path, fact.line))
            found.append(Fact("destructive-tool", fact.path, fact.line, f"{qual.rsplit('.', 1)[-1]}|{reasons}|",
                              fact.role, fact.project))
    return found


def _acts(call: ast.Call, spec: dict, ctx) -> bool:
    """Whether this construction of a prebuilt toolkit includes its acting tools: flags that switch
    them on or off, a ``selected_tools`` list, or an actions configuration."""
    def passed(name: str):
        head, *rest = name.split(".")
        value = _sdk.passed_keyword(call, head, ctx)
        return _sdk.setting_at(value, rest, ctx, call) if value is not None and rest else value

    def literal(value, wanted) -> bool:
        value = _sdk.resolve_node(value, ctx, call) if isinstance(value, ast.expr) else None
        return isinstance(value, ast.Constant) and value.value is wanted

    if spec["only_if_true"] and not any(literal(passed(k), True) for k in spec["only_if_true"]):
        return False
    if any(literal(passed(k), False) for k in spec["unless_false"]):
        return False
    if spec["selected_kw"]:
        chosen = _sdk.resolve_node(passed(spec["selected_kw"]), ctx, call) if passed(spec["selected_kw"]) is not None else None
        if isinstance(chosen, (ast.List, ast.Tuple)):
            names = {e.value for e in chosen.elts if isinstance(e, ast.Constant)}
            return bool(names & set(spec["action_tools"])) or len(names) < len(chosen.elts)
    if spec["actions_kw"]:
        actions = passed(spec["actions_kw"])
        actions = _sdk.resolve_node(actions, ctx, call) if isinstance(actions, ast.expr) else None
        if isinstance(actions, ast.Dict):
            return any(isinstance(k, ast.Constant) and k.value in spec["action_tools"]
                       and any(isinstance(n, ast.Constant) and n.value is True for n in walk(v))
                       for k, v in zip(actions.keys, actions.values))
    return True
