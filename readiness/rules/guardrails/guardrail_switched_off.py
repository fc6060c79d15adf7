"""RDY205: a safety switch the framework ships, turned off in code."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import guardrails as _guardrails, sdk as _sdk, switches as _switches, tools as _tools
from readiness.walk import walk

# Environment flags that switch a moderation / safety / PII check on ("ENABLE_MODERATION",
# "CONTENT_FILTER") or off ("DISABLE_GUARDRAILS"): read with a default that leaves the check off,
# the check does not run unless someone remembers to set the variable in production.
# Confirmation modes of agents that act count too: one that ships off ("REQUIRE_APPROVAL=false",
# "confirm_commands: bool = False") leaves actions running unreviewed. Not "sandbox": payment
# SDKs call their test environment a sandbox (PAYPAL_SANDBOX), which guards nothing.
_GUARD_FLAG = re.compile(r"MODERAT|CONTENT_?FILTER|GUARDRAIL|SAFETY_?(?:CHECK|FILTER)|PII_?(?:FILTER|REDACT|SCRUB|DETECT)"
                         r"|PROMPT_?INJECTION|JAILBREAK|REQUIRE_?(?:APPROVAL|CONFIRM)"
                         r"|CONFIRM_?(?:BEFORE|COMMANDS?|ACTIONS?|EXEC)|HUMAN_?(?:APPROVAL|IN_?THE_?LOOP)", re.I)
_NEGATED = re.compile(r"DISABLE|SKIP|BYPASS|NO_|AUTO_?(?:APPROV|CONFIRM|ACCEPT)|YOLO", re.I)
# Confirmation switches named other ways (``confirm_need = 0``, ``NEED_APPROVAL = False``,
# ``AUTO_APPROVE = True``, ``yolo_mode = True``): judged only when set to a boolean or a number, and
# not about accounts or e-mail (``REQUIRE_EMAIL_CONFIRMATION`` confirms an address, not an action).
_CONFIRM_SWITCH = re.compile(r"(?:NEED|REQUIRE|ASK|ENABLE|USE)_?\w*(?:CONFIRM|APPROV)|(?:CONFIRM|APPROV)\w*?_?(?:NEED|REQUIRED|MODE|ENABLED)"
                             r"|AUTO_?(?:APPROV|CONFIRM|ACCEPT)|YOLO", re.I)
_NOT_AN_ACTION = re.compile(r"EMAIL|ACCOUNT|SIGNUP|SIGN_UP|REGISTRATION|PASSWORD|ORDER|DELIVERY|BOOKING_?CONFIRM", re.I)
# ``--safe``: a confirmation switch only when its help says it asks first (a library's ``safe_mode``
# field, such as Mistral's safe prompt, is the provider's own default, not an app's choice).
_SAFE_ONLY = re.compile(r"^safe_?mode$|^safe$", re.I)
# Lists of tools kept from the agent (``EXCLUDED_GITHUB_TOOLS``, ``BLOCKED_TOOLS``, ``TOOL_DENYLIST``).
_DENY_LIST = re.compile(r"(?:EXCLUDED?|DISABLED?|BLOCKED|BLOCK|DENIED|DENY|FORBIDDEN|DANGEROUS)_?(?:\w+_)?TOOLS?\b"
                        r"|TOOLS?_?(?:DENY|BLOCK)_?LIST|TOOLS?_?(?:EXCLUDE|BLACKLIST)", re.I)
_OFF = {"false", "0", "off", "no", "", "disabled"}
_ON = {"true", "1", "on", "yes", "enabled"}


def _permission_gate(on_failure: str, mark: str) -> str:
    """A tool runner that asks a permission check first; what its ``except`` does decides whether
    the check fails closed (returns) or open (logs and runs the tool)."""
    return f"""
        def run_tool(tool, args, permissions):
            try:
                allowed = permissions.check(tool.name, args)
                if not allowed:
                    return "denied"
            except Exception as exc:{mark}
                {on_failure}
            return tool.execute(**args)
    """


# Flags that start a coding-agent CLI with its approvals / sandbox off: OpenAI Codex CLI
# (``--dangerously-bypass-approvals-and-sandbox``, alias ``--yolo``; codex-rs/exec/src/cli.rs),
# Claude Code (``--dangerously-skip-permissions``), Gemini CLI (``--yolo``). Checked 2026-12-01.
_BYPASS_FLAGS = ("--dangerously-bypass-approvals-and-sandbox", "--dangerously-skip-permissions", "--yolo")
_AGENT_CLI_RUNNERS = {"subprocess.run", "subprocess.Popen", "subprocess.call", "subprocess.check_call",
                      "subprocess.check_output", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
                      "os.system", "os.popen", "pexpect.spawn"}


class GuardrailSwitchedOff(Rule):
    """
    ## What it finds
    A guardrail the framework provides, switched off where the agent is configured: Gemini
    `safety_settings` with a `BLOCK_NONE` / `OFF` threshold (one finding per settings object, at
    the object, however many calls pass it),
    LangChain's `allow_dangerous_code=True`, `allow_dangerous_requests=True` and
    `allow_dangerous_deserialization=True` and smolagents `additional_authorized_imports=["*"]`;
    guardrail libraries told to let failures through (guardrails-ai `on_fail="noop"`), and
    moderation or guardrail flags that default to off, read from the environment
    (`os.getenv("ENABLE_MODERATION", "false")`) or declared as settings
    (`enable_content_filter: bool = False`), confirmation flags that default to off, a guardrail
    check whose verdict is never read (NeMo rails, moderation, llm-guard), and a permission or
    approval check whose failure a broad `except` swallows before the action runs (fails open),
    an authentication check that lets every request through while its secret is unset
    (`if not expected_key: return True`), and a namespace handed to `exec` with the full
    builtins (`{"__builtins__": __builtins__}`), which keeps `__import__` for the code it runs.
    (Code executors that run on the host, AG2's `use_docker: False` among them, are RDY414's.)
    The switches and what "off" means come from the framework profiles (`rules/frameworks/`,
    `guardrail: disabled_by`). A switch set to its safe value is credited as a guardrail in place.

    ## Why it matters
    These switches exist because the framework's authors judged the default dangerous to drop:
    content filters stop harmful output reaching users; sandboxes and import allow-lists stop
    model-written code (or a prompt injection) from reaching the host. Turning one off to make a
    demo work is easy to forget when the agent ships.

    ## How to fix
    Leave the switch at its safe value. If a filter blocks legitimate traffic, raise its threshold
    for that category only (`BLOCK_ONLY_HIGH`) rather than disabling it; run generated code in a
    container or a remote sandbox, and list the imports it really needs.

    ## Example
    ```python
    types.GenerateContentConfig(safety_settings=[types.SafetySetting(
        category="HARM_CATEGORY_HATE_SPEECH", threshold="BLOCK_NONE")])   # filter off
    CodeAgent(tools=[], model=model, additional_authorized_imports=["*"])  # any import
    ```
    """

    id = "RDY205"
    security_severity = "7.0"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "guardrail-switched-off"
    severity = Severity.ERROR
    summary = "A framework's safety switch is turned off"
    fix_hint = "Leave the safety switch on; loosen one category or list the imports you need instead"

    valid = [
        # Only chosen builtins reach the code; and a fixed script is not model code.
        Example("""
            SAFE = {"len": len, "sum": sum, "print": print}
            def run_analysis(code: str, df):
                env = {"__builtins__": SAFE, "df": df}
                exec(code, env)
                return env.get("result")
            def load_defaults():
                env = {"__builtins__": __builtins__}
                exec("LIMIT = 10", env)
                return env["LIMIT"]
        """),
        # A missing key stops the service (or the request); an optional feature skipped when its
        # token is unset is not an authentication check.
        Example("""
            import os
            from fastapi import Header, HTTPException
            async def verify_token(authorization: str = Header("")) -> bool:
                expected = os.getenv("SERVICE_API_KEY")
                if not expected:
                    raise HTTPException(status_code=503, detail="authentication is not configured")
                if authorization.removeprefix("Bearer ") != expected:
                    raise HTTPException(status_code=403)
                return True
            def post_alert(text: str) -> None:
                token = os.getenv("SLACK_TOKEN")
                if not token:
                    return None
                send(token, text[:500])
        """),
        # Reading a cloud network's security groups is no guard; a guard whose failure stops the
        # start-up is not fail-open.
        Example("""
            import logging
            import boto3
            from app.security import SecurityManager
            logger = logging.getLogger(__name__)
            def groups():
                try:
                    return boto3.client("ec2").describe_security_groups()
                except Exception as e:
                    logger.error("lookup failed: %s", e)
                    return None
            def setup_security(settings):
                try:
                    return SecurityManager(settings)
                except Exception:
                    logger.exception("security manager failed")
                    raise
        """),
        # A record's field says whether one item needs a person; it switches nothing off.
        Example("""
            from dataclasses import dataclass
            @dataclass
            class ValidationResult:
                allowed: bool
                requires_confirmation: bool = False
        """),
        # Confirming an e-mail address is account hygiene, not an approval of the agent's actions;
        # a confirmation switch set to on is credited.
        Example("""
            REQUIRE_EMAIL_CONFIRMATION = False
            confirm_need = 1
        """, path="agent/settings.py"),
        # The refusal stops the action (returns early, or the verdict is read again later).
        Example("""
            import logging, subprocess
            from moderation import is_safe_command
            def run(command: str) -> str:
                ok = is_safe_command(command)
                if not ok:
                    logging.warning("unsafe command: %s", command)
                    return "refused"
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
            def run_checked(command: str) -> None:
                ok = is_safe_command(command)
                if not ok:
                    logging.warning("unsafe command: %s", command)
                else:
                    subprocess.run(command, shell=True)
            def audit(command: str) -> bool:
                valid = is_safe_command(command)
                if not valid:
                    logging.info("flagged: %s", command)
                return valid
        """),
        Example("""
            import subprocess
            def review(prompt: str) -> str:
                return subprocess.run(["codex", "exec", "--sandbox", "read-only", prompt],
                                      capture_output=True, text=True).stdout
        """),
        Example("""
            import socket
            import sqlglot
            from sqlglot.errors import ParseError
            def validate_sql(sql: str) -> bool:
                try:
                    return sqlglot.parse_one(sql, read="postgres").key == "select"
                except ParseError:
                    return False
            def port_in_use(port: int) -> bool:
                try:
                    if socket.create_connection(("localhost", port), timeout=1) is None:
                        return False
                    return True
                except OSError:
                    return True
            def ask(question: str) -> str:
                try:
                    answer = input(question)
                except EOFError:
                    answer = "n"
                return answer
        """),
        Example(_permission_gate(on_failure="return f\"permission check failed, not running {tool.name}: {exc}\"", mark="")),
        Example("""
            import os
            PAYPAL_SANDBOX = os.getenv("PAYPAL_SANDBOX", "false") == "true"
        """),
        Example("""
            from nemoguardrails import LLMRails, RailsConfig
            rails = LLMRails(RailsConfig.from_path("./config"))
            async def answer(user_input: str) -> str:
                checked = await rails.generate_async(messages=[{"role": "user", "content": user_input}])
                if checked["content"].startswith("I'm sorry"):
                    return checked["content"]
                return await executor.ainvoke({"input": user_input})
        """),
        Example("""
            from google.genai import types
            cfg = types.GenerateContentConfig(max_output_tokens=200, safety_settings=[
                types.SafetySetting(category="HARM_CATEGORY_HARASSMENT", threshold="BLOCK_ONLY_HIGH")])
        """),
        Example("""
            from smolagents import CodeAgent
            agent = CodeAgent(tools=[], model=model, max_steps=4, additional_authorized_imports=["pandas", "numpy"])
        """),
        Example("""
            import os
            from guardrails import Guard
            from guardrails.hub import ToxicLanguage
            guard = Guard().use(ToxicLanguage(threshold=0.5, on_fail="exception"))
            BLOCKED = os.getenv("BLOCKED_TOOLS", "delete_repository,merge_pull_request").split(",")
            parser.add_argument("--safe", action="store_true", help="Use the safe tokenizer")
            parser.add_argument("--yes", action="store_true", help="Skip confirmations")
            MODERATE = os.getenv("ENABLE_MODERATION", "true") == "true"
            SKIP = os.getenv("DISABLE_PII_FILTER", "0") == "1"
            MODEL = os.getenv("MODERATION_MODEL", "omni-moderation-2024-09-26")
            class Settings:
                enable_content_filter: bool = True
                moderation_model: str = "omni-moderation-2024-09-26"
            def check(text):
                moderation_hit = False
                return moderation_hit
        """),
        Example("""
            def load(allow_dangerous_code=True):
                return allow_dangerous_code
            load(allow_dangerous_code=True)
        """),
    ]
    invalid = [
        # A "sandbox" namespace for model code that keeps every builtin.
        Example("""
            def run_analysis(code: str, df):
                env = {"__builtins__": __builtins__, "df": df}  # expect: RDY205
                exec(code, env)
                return env.get("result")
        """),
        # The API-key check lets everyone in while its key is unset (a FastAPI dependency and a middleware).
        Example("""
            import os
            from fastapi import Header, HTTPException, Request
            from fastapi.responses import JSONResponse
            from starlette.middleware.base import BaseHTTPMiddleware
            async def verify_token(authorization: str = Header("")) -> bool:
                expected = os.getenv("SERVICE_API_KEY")
                if not expected:
                    return True  # expect: RDY205
                if authorization.removeprefix("Bearer ") != expected:
                    raise HTTPException(status_code=403)
                return True
            class KeyMiddleware(BaseHTTPMiddleware):
                async def dispatch(self, request: Request, call_next):
                    key = os.environ.get("DASHBOARD_TOKEN")
                    if not key:
                        return await call_next(request)  # expect: RDY205
                    if request.headers.get("x-api-key") != key:
                        return JSONResponse({"detail": "forbidden"}, status_code=401)
                    return await call_next(request)
        """),
        # Setting up a guard whose failure is only logged: the agent runs without it.
        Example("""
            import logging
            from app.security import SecurityManager
            logger = logging.getLogger(__name__)
            def setup_security(settings):
                try:
                    return SecurityManager(settings)
                except Exception as e:  # expect: RDY205
                    logger.error("security manager failed: %s", e)
                    return None
        """),
        # Confirmation switches named other ways ship off too.
        Example("""
            confirm_need = 0  # expect: RDY205
            AUTO_APPROVE_TOOLS = True  # expect: RDY205
        """, path="agent/settings.py"),
        Example("""
            import logging
            from langchain.agents.middleware import AgentMiddleware
            log = logging.getLogger(__name__)
            class CommandPolicy(AgentMiddleware):
                def after_model(self, state, runtime):
                    for call in state["messages"][-1].tool_calls:
                        allowed, reason = self.check_command(call["args"]["command"])
                        if not allowed:
                            log.warning("policy violation: %s", reason)
                            return None  # expect: RDY205
                    return None
        """),
        Example("""
            import logging, subprocess
            from moderation import is_safe_command
            def run(command: str) -> str:
                ok = is_safe_command(command)
                if not ok:  # expect: RDY205
                    logging.warning("unsafe command: %s", command)
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
        """),
        Example("""
            import asyncio
            async def review(prompt: str) -> str:
                cmd = ["claude", "-p", "--dangerously-skip-permissions", prompt]  # expect: RDY205
                proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE)
                return (await proc.communicate())[0].decode()
        """),
        Example("""
            import asyncio
            async def fix_incident(prompt: str) -> str:
                proc = await asyncio.create_subprocess_exec(
                    "codex", "exec", "--dangerously-bypass-approvals-and-sandbox", prompt,  # expect: RDY205
                    stdout=asyncio.subprocess.PIPE)
                out, _ = await proc.communicate()
                return out.decode()
        """),
        Example("""
            import sqlglot
            from sqlglot.errors import ParseError
            def validate_sql(sql: str) -> bool:
                try:
                    if sqlglot.parse_one(sql, read="postgres").key != "select":
                        return False
                    return True
                except ParseError:
                    return True  # expect: RDY205
            def run_step(graph, config):
                try:
                    answer = input("Approve these actions? [y/n] ")
                except:
                    answer = "y"  # expect: RDY205
                if answer.strip() == "y":
                    graph.invoke(None, config)
        """),
        Example(_permission_gate(on_failure="print(f\"permission check failed: {exc}\")", mark="  # expect: RDY205")),
        Example("""
            from langchain_google_genai import HarmBlockThreshold, HarmCategory
            DEFAULT_PARAMS = {
                "model": "gemini-2.0-flash-001",
                "max_tokens": 512,
                "safety_settings": {  # expect: RDY205
                    HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT: HarmBlockThreshold.BLOCK_NONE,
                    HarmCategory.HARM_CATEGORY_HARASSMENT: HarmBlockThreshold.BLOCK_NONE,
                },
            }
        """),
        Example("""
            from nemoguardrails import LLMRails, RailsConfig
            rails = LLMRails(RailsConfig.from_path("./config"))
            async def answer(user_input: str) -> str:
                checked = await rails.generate_async(messages=[{"role": "user", "content": user_input}])  # expect: RDY205
                refused = checked["content"].startswith("I'm sorry")
                refused = False
                if refused:
                    return "Sorry."
                return await executor.ainvoke({"input": user_input})
        """),
        Example("""
            from pydantic_settings import BaseSettings
            class ShellSettings(BaseSettings):
                confirm_commands: bool = False  # expect: RDY205
                timeout: int = 30
        """),
        Example("""
            from google.genai import types
            SAFETY = [types.SafetySetting(category="HARM_CATEGORY_HATE_SPEECH", threshold=types.HarmBlockThreshold.BLOCK_NONE)]  # expect: RDY205
            cfg = types.GenerateContentConfig(max_output_tokens=200, safety_settings=SAFETY)
            chat_cfg = types.GenerateContentConfig(max_output_tokens=400, safety_settings=SAFETY)
        """),
        Example("""
            from smolagents import CodeAgent
            agent = CodeAgent(tools=[], model=model, max_steps=4, additional_authorized_imports=["*"])  # expect: RDY205
        """),
        Example("""
            from guardrails import Guard
            from guardrails.hub import ToxicLanguage
            guard = Guard().use(ToxicLanguage(threshold=0.5, on_fail="noop"))  # expect: RDY205
        """),
        Example("""
            import os
            EXCLUDED = os.getenv("EXCLUDED_GITHUB_TOOLS", [])  # expect: RDY205
            parser.add_argument("--safe", action="store_true", help="Confirm before executing code blocks")  # expect: RDY205
            MODERATE = os.getenv("ENABLE_MODERATION", "false") == "true"  # expect: RDY205
            SKIP = os.getenv("DISABLE_PII_FILTER", "1") == "1"  # expect: RDY205
        """),
        Example("""
            from pydantic_settings import BaseSettings
            class Settings(BaseSettings):
                model_name: str = "gpt-4.1-2025-04-14"
                enable_content_filter: bool = False  # expect: RDY205
        """),
        Example("""
            from langchain_experimental.agents import create_pandas_dataframe_agent
            agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)  # expect: RDY205
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        self._fail_open(node, ctx)
        if node.args and (ctx.qualname(node.func) or "") in _AGENT_CLI_RUNNERS:
            self._bypass_flags(node, ctx)
        check = _guardrails.check_call(node, ctx)
        if check and _guardrails.verdict_ignored(node, ctx):
            ctx.report(node, f"the verdict of `{check}` is never read: the request goes on whatever the check says")
        self._flag_default(node, ctx)
        for switch in _switches.switches():
            if switch["callee"]:
                if _sdk.lookup_qualname(ctx, node.func, {switch["callee"]: True}) is None:
                    continue
            elif not ctx.imported_modules & switch["imports"]:
                continue  # a bare keyword switch counts only in a file using that framework
            head, _, path = switch["kw"].partition(".")
            value = _sdk.passed_keyword(node, head, ctx)
            if value is None:
                continue
            off = _switches.is_off(value, path, switch, ctx, node)
            if off:
                # at the settings object itself, once, however many calls pass it (``safety_settings=SAFETY``)
                target = _sdk.resolve_node(value, ctx, node) if isinstance(value, ast.Name) else None
                at = target if isinstance(target, (ast.Dict, ast.List, ast.Tuple, ast.Call)) else value
                ctx.report(at, f"`{switch['kw']}` {switch['why']}")
            elif off is False:
                ctx.credit(value, f"`{switch['kw']}` left on ({switch['framework']})")

    def _bypass_flags(self, node: ast.Call, ctx) -> None:
        """A coding-agent CLI started with its approvals and sandbox switched off (``codex exec
        --dangerously-bypass-approvals-and-sandbox``, ``claude -p --dangerously-skip-permissions``,
        ``gemini --yolo``): every command the agent decides on runs, unreviewed, on this machine."""
        # ``cmd = ["codex", "exec", "--dangerously-...", prompt]`` ... ``create_subprocess_exec(*cmd)``
        held = [_sdk.resolve_node(a.value if isinstance(a, ast.Starred) else a, ctx, node)
                for a in node.args if isinstance(a.value if isinstance(a, ast.Starred) else a, ast.Name)]
        for root in [node, *filter(None, held)]:
            for part in walk(root):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    flag = next((f for f in _BYPASS_FLAGS if f in part.value.split() or part.value == f), None)
                    if flag:
                        ctx.report(part, f"`{flag}` starts a coding agent with its command approvals and sandbox off")
                        return

    def visit_If(self, node: ast.If, ctx) -> None:
        """A check whose "no" changes nothing: ``allowed, why = self._validate_command(cmd)`` /
        ``if not allowed: log.warning(...)`` and nothing else reads ``allowed``. The branch only logs
        (or, in an agent middleware hook where returning None means "carry on", returns None), so
        what the check refused goes ahead."""
        negated = node.test.operand if isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not) else None
        self._unset_secret_allows(node, negated, ctx)
        if not isinstance(negated, ast.Name):
            return
        func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        checker = _verdict_source(negated.id, func) if func is not None else ""
        if not checker or not _CHECKER_NAME.search(checker):
            return
        reads = sum(1 for n in walk(func) if isinstance(n, ast.Name) and n.id == negated.id and isinstance(n.ctx, ast.Load))
        hook = func.name in _NONE_CONTINUES
        if reads != 1 or not _only_notes(node.body, hook) or not _only_notes(node.orelse, hook):
            return  # an ``else`` that does the work means the verdict does pick a path
        # where the refusal is dropped: the first ``return None`` of a hook, else the branch itself
        dropped = next((n for n in walk(ast.Module(body=node.body, type_ignores=[])) if isinstance(n, ast.Return)), node)
        ctx.report(dropped, f"when `{checker}` says no, the code only logs it and the action goes on: the check fails open")

    @staticmethod
    def _unset_secret_allows(node: ast.If, negated, ctx) -> None:
        """An auth check that lets everyone in while its secret is unset: ``expected =
        os.getenv("A2A_API_KEY")`` / ``if not expected: return True`` / ``if token != expected: raise
        HTTPException(403)``. A deployment that forgets the variable runs with no authentication."""
        func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        if func is None or negated is None or not _AUTH_CHECK_NAME.search(func.name) or node.orelse:
            return
        key = _secret_key(negated, func, ctx)
        if not key or any(isinstance(n, ast.Raise) for stmt in node.body for n in walk(stmt)):
            return
        allowed = node.body[-1] if node.body else None
        passes = isinstance(allowed, ast.Return) and (
            isinstance(allowed.value, ast.Constant) and allowed.value.value in (True, None)
            or allowed.value is None
            or isinstance(allowed.value, (ast.Call, ast.Await)) and "call_next" in ast.unparse(allowed.value))
        if not passes:
            return
        # the function refuses other callers (raise, ``return False``, a 401/403 response) by comparing the secret
        secret = ast.unparse(negated)
        compared = any(isinstance(n, (ast.Compare, ast.Call)) and n is not node.test and secret in ast.unparse(n)
                       and n.lineno > node.lineno for n in walk(func))
        refuses = any(isinstance(n, ast.Raise) or isinstance(n, ast.Return) and isinstance(n.value, ast.Constant)
                      and n.value.value is False or isinstance(n, ast.Constant) and n.value in (401, 403)
                      for n in walk(func) if getattr(n, "lineno", 0) > node.lineno)
        if compared and refuses:
            ctx.report(allowed, f"when `{key}` is not set, `{func.name}` lets every request through: "
                                "the authentication check fails open")

    def visit_Try(self, node: ast.Try, ctx) -> None:
        """A gate that fails open: the ``try`` asks a permission / approval / moderation check and
        stops when it says no, but a broad ``except`` that neither returns nor raises lets the
        action go on when the check itself fails."""
        func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        checker = func is not None and bool(_CHECKER_NAME.search(func.name))
        for handler in node.handlers if checker or ctx.mentions("input(") else ():
            why, where = _passes_on_failure(node, handler, checker)
            if why:
                ctx.report(where, why)  # at the statement that says yes
                return
        gate = _refusing_gate(node)
        if gate is None:
            self._guard_setup_swallowed(node, ctx)
            return
        for handler in node.handlers:
            broad = handler.type is None or isinstance(handler.type, ast.Name) and handler.type.id in ("Exception", "BaseException")
            if broad and not any(isinstance(n, (ast.Return, ast.Raise)) for n in walk(handler)):
                ctx.report(handler, f"a failure of `{gate}` is caught and the action goes on: the check fails open")

    @staticmethod
    def _guard_setup_swallowed(node: ast.Try, ctx) -> None:
        """Setting up a guard whose failure is only logged (``try: manager = setup_security(...)`` /
        ``except Exception: logger.error(...); return None``): the agent then runs without it."""
        guard = next((name for n in walk(ast.Module(body=node.body, type_ignores=[])) if isinstance(n, ast.Call)
                      for name in [n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")]
                      if name and _GUARD_SETUP.search(name) and not _GROUPS.search(name)
                      and name.split("_")[0].lower() not in _tools.LOOKUP_VERBS), None)
        if guard is None:
            return
        broad_first = sorted(node.handlers, key=lambda h: not (h.type is None or isinstance(h.type, ast.Name)
                                                               and h.type.id in ("Exception", "BaseException")))
        for handler in broad_first:
            if handler.body and _only_notes(handler.body, True) and any(
                    isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) for s in handler.body):
                ctx.report(handler, f"if `{guard}` fails, the error is only logged and the agent goes on without "
                                    "it: the guard fails open")
                return

    def visit_Dict(self, node: ast.Dict, ctx) -> None:
        """A keyword switch written as a dict entry (``default_params = {"safety_settings": {...:
        BLOCK_NONE}}``) for a framework this file imports: the dict is handed to a model as
        ``**default_params``, often from another module, where no call in this file shows it."""
        self._full_builtins(node, ctx)
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            for switch in _switches.switches():
                head, _, path = switch["kw"].partition(".")
                if key.value != head or switch["callee"] or not ctx.imported_modules & switch["imports"]:
                    continue
                if _switches.is_off(value, path, switch, ctx, node):
                    target = _sdk.resolve_node(value, ctx, node) if isinstance(value, ast.Name) else value
                    ctx.report(target if isinstance(target, (ast.Dict, ast.List, ast.Tuple, ast.Call)) else value,
                               f"`{switch['kw']}` {switch['why']}")

    @staticmethod
    def _full_builtins(node: ast.Dict, ctx) -> None:
        """``env = {"__builtins__": __builtins__, "df": df}`` handed to ``exec(code, env)``: the namespace
        looks like a sandbox, but the full builtins keep ``__import__`` and ``open``, so the code it
        runs can import ``os`` and do anything the process can."""
        entry = next((v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)
                      and k.value == "__builtins__"), None)
        if entry is None or not (isinstance(entry, ast.Name) and entry.id in ("__builtins__", "builtins")
                                 or ast.unparse(entry) in ("builtins.__dict__", "vars(builtins)", "__builtins__.__dict__")):
            return
        func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        scope = func if func is not None else ctx.tree
        names = {t.id for n in walk(scope) if isinstance(n, ast.Assign) and n.value is node
                 for t in n.targets if isinstance(t, ast.Name)}
        runs = any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in ("exec", "eval")
                   and len(c.args) > 1 and any(a is node or isinstance(a, ast.Name) and a.id in names for a in c.args[1:])
                   and not isinstance(c.args[0], ast.Constant) for c in walk(scope))
        if runs:
            ctx.report(entry, "the namespace handed to `exec` keeps the full builtins (`__import__`, `open`): the code "
                              "it runs can import anything")

    def _fail_open(self, node: ast.Call, ctx) -> None:
        for kw in node.keywords:
            entry = _guardrails.fail_open_keyword(kw, ctx)
            if entry:
                ctx.report(kw.value, f"`{kw.arg}={ast.unparse(kw.value)}` {entry['why']}")

    def _flag_default(self, node: ast.Call, ctx) -> None:
        """``os.getenv("ENABLE_MODERATION", "false")``: a guardrail flag whose default is off."""
        if isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
            self._cli_switch(node, ctx)
            return
        if ctx.qualname(node.func) not in ("os.getenv", "os.environ.get") or len(node.args) < 2:
            return
        name = node.args[0]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            self._judge_flag(name.value, node.args[1], ctx)
            self._judge_deny_list(name.value, node.args[1], ctx)

    def _cli_switch(self, node: ast.Call, ctx) -> None:
        """``parser.add_argument("--safe", action="store_true", help="Confirm before executing code")``:
        the confirmation an agent CLI offers is off unless the user remembers the flag."""
        action = _sdk.keyword_value(node, "action")
        if not (isinstance(action, ast.Constant) and action.value == "store_true"):
            return
        flags = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        help_text = _sdk.keyword_value(node, "help")
        said = help_text.value if isinstance(help_text, ast.Constant) and isinstance(help_text.value, str) else ""
        for flag in flags:
            name = flag.lstrip("-").replace("-", "_")
            asks = re.search(r"\bconfirm|\bapprov|ask (?:before|first)", said, re.I)
            if (_GUARD_FLAG.search(name) or _SAFE_ONLY.match(name) and asks) and not _NEGATED.search(name):
                ctx.report(node, f"the confirmation switch `{flag}` is off unless the user passes it: by default "
                                 "the agent acts without asking")
                return

    def _judge_deny_list(self, name: str, default: ast.expr, ctx) -> None:
        """``os.getenv("EXCLUDED_GITHUB_TOOLS", [])``: the list of tools kept from the agent is empty
        unless someone sets it, so by default every tool (the dangerous ones too) is handed over."""
        if not _DENY_LIST.search(name):
            return
        empty = isinstance(default, ast.Constant) and (default.value is None or str(default.value).strip() in ("", "[]")) \
            or isinstance(default, (ast.List, ast.Tuple, ast.Set)) and not default.elts
        if empty:
            ctx.report(default, f"tool deny list `{name}` defaults to empty: every tool is handed to the agent "
                                "unless someone remembers to set it")
        elif isinstance(default, ast.Constant) and isinstance(default.value, str) or isinstance(default, (ast.List, ast.Tuple)):
            ctx.credit(default, f"tool deny list `{name}` has a default")

    def visit_AnnAssign(self, node: ast.AnnAssign, ctx) -> None:
        """``enable_moderation: bool = False`` on a settings class or dataclass."""
        if isinstance(node.target, ast.Name) and node.value is not None:
            self._judge_flag(node.target.id, node.value, ctx)

    def visit_Assign(self, node: ast.Assign, ctx) -> None:
        """``ENABLE_CONTENT_FILTER = False`` at module or class level (not a local variable)."""
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                isinstance(ctx.parent(node), (ast.Module, ast.ClassDef)):
            self._judge_flag(node.targets[0].id, node.value, ctx)

    def _judge_flag(self, name: str, default: ast.expr, ctx) -> None:
        if not isinstance(default, ast.Constant) or not isinstance(default.value, (str, bool, int)):
            return
        if not _GUARD_FLAG.search(name) and not (
                _CONFIRM_SWITCH.search(name) and not _NOT_AN_ACTION.search(name) and isinstance(default.value, (bool, int))
                and _settings_scope(default, ctx)):
            return
        said = str(default.value).strip().lower()
        negated = bool(_NEGATED.search(name))
        what = "guardrail flag" if _GUARD_FLAG.search(name) and not re.search(r"CONFIRM|APPROV|HUMAN", name, re.I) \
            else "confirmation switch"
        if (said in _ON) if negated else (said in _OFF):
            effect = "the check runs only where someone remembers to set it" if what == "guardrail flag" \
                else "actions run without asking unless someone changes it"
            ctx.report(default, f"{what} `{name}` defaults to off ({default.value!r}): {effect}")
        elif (said in _OFF) if negated else (said in _ON):
            ctx.credit(default, f"{what} `{name}` defaults to on")


# Calls whose answer lets an action go ahead: permission, approval, confirmation, moderation.
_GATE_CALL = re.compile(r"permission|approv|confirm|authori[sz]|allowed|guard|moderat|is_safe|policy", re.I)


_YES = {"y", "yes", "approve", "approved", "allow", "ok"}
# LangChain 1.x AgentMiddleware hooks (langchain/agents/middleware/types.py): returning None means
# "no change, carry on"; stopping takes a ``jump_to`` or new messages.
_NONE_CONTINUES = {"before_model", "after_model", "abefore_model", "aafter_model", "before_agent", "after_agent",
                   "abefore_agent", "aafter_agent"}
_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"}


# Functions that authenticate a caller (a FastAPI dependency, a middleware's ``dispatch``, a webhook check).
_AUTH_CHECK_NAME = re.compile(r"verif|auth|check|require|valid|guard|dispatch|middleware|api_?key|token|signature", re.I)
_SECRET_NAME = re.compile(r"api_?key|token|secret|password|passwd|signing_?key|credential", re.I)


def _secret_key(expr: ast.AST, func, ctx) -> str:
    """The setting ``expr`` holds when it is a credential read from the environment or from
    settings (``expected = os.getenv("A2A_API_KEY")``, ``settings.api_key``), else ""."""
    if isinstance(expr, ast.Attribute) and _SECRET_NAME.search(expr.attr):
        return ast.unparse(expr)
    if not isinstance(expr, ast.Name):
        return ""
    value = next((n.value for n in walk(func) if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == expr.id for t in n.targets)), None)
    if value is None:
        value = ctx.module_assignments.get(expr.id)
    if isinstance(value, ast.BoolOp):  # ``os.getenv("API_KEY") or settings.api_key``
        value = value.values[0]
    if isinstance(value, ast.Call):
        name = _sdk.attr_chain(value.func)[-1] if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", "")
        key = value.args[0] if value.args else None
        from_env = name == "getenv" or name == "get" and "environ" in ast.unparse(value.func)
        if from_env and isinstance(key, ast.Constant) and isinstance(key.value, str) and _SECRET_NAME.search(key.value):
            return key.value
    if isinstance(value, ast.Subscript) and "environ" in ast.unparse(value.value) and isinstance(value.slice, ast.Constant) \
            and _SECRET_NAME.search(str(value.slice.value)):
        return str(value.slice.value)
    if isinstance(value, ast.Attribute) and _SECRET_NAME.search(value.attr):
        return ast.unparse(value)
    return ""


def _verdict_source(name: str, func) -> str:
    """The call ``name`` was assigned from in ``func`` (``allowed, reason = self._validate(cmd)``:
    its first target), by its last attribute or name; "" when it was not a call's result."""
    for node in walk(func):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
            target = node.targets[0]
            first = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
            if isinstance(first, ast.Name) and first.id == name:
                callee = node.value.func
                return callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
    return ""


def _only_notes(body: list, none_continues: bool) -> bool:
    """Statements that log, build values read only by the log, or (where None means "carry on")
    return None."""
    read_here = {n.id for stmt in body for n in walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    for stmt in body:
        if isinstance(stmt, ast.Pass) or isinstance(stmt, ast.Assign) and all(
                isinstance(t, ast.Name) and t.id in read_here for t in stmt.targets):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in _LOG_METHODS:
                continue
            return False
        if isinstance(stmt, ast.Return) and none_continues and (stmt.value is None or
                                                                  isinstance(stmt.value, ast.Constant) and stmt.value.value is None):
            continue
        if isinstance(stmt, ast.If) and _only_notes(stmt.body, none_continues) and _only_notes(stmt.orelse, none_continues):
            continue
        return False
    return True


# Calls that set up or apply a guard (``SecurityManager(...)``, ``apply_enforcement_to_toolkit``,
# ``load_guardrails``, ``init_moderation``).
_GUARD_SETUP = re.compile(r"secur|enforc|guardrail|moderat|safety_?(?:check|filter)|content_?filter", re.I)
_GROUPS = re.compile(r"security_?groups?", re.I)  # AWS EC2 security groups are network settings, not a guard

# Functions named for a check whose True lets an action through.
_CHECKER_NAME = re.compile(r"valid|check|verif|safe|allow|permit|guard|approv|moderat|polic|saniti", re.I)


def _passes_on_failure(node: ast.Try, handler: ast.ExceptHandler, checker: bool) -> tuple[str, ast.AST | None]:
    """Checks whose failure counts as a yes: a confirmation prompt whose ``except`` sets the
    answer to yes (``try: answer = input(...)`` / ``except: answer = "y"``), and a check that
    says no with ``return False`` in its ``try`` but ``return True`` when it raises (a SQL
    validator that lets through what it cannot parse; only in functions named for a check:
    ``is_port_open`` may well answer True on an error).""" 
    asked = {t.id for stmt in node.body for n in walk(stmt) if isinstance(n, ast.Assign)
             and isinstance(n.value, ast.Call) and getattr(n.value.func, "id", "") == "input"
             for t in n.targets if isinstance(t, ast.Name)}
    for stmt in walk(ast.Module(body=handler.body, type_ignores=[])):
        if asked and isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id in asked for t in stmt.targets) \
                and (isinstance(stmt.value, ast.Constant) and (stmt.value.value is True or
                                                               str(stmt.value.value).strip().lower() in _YES)):
            return "a failure of the confirmation prompt is taken as a yes: the approval fails open", stmt
    refuses = any(isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) and n.value.value is False
                  for stmt in node.body for n in walk(stmt))
    passes = next((n for stmt in handler.body for n in walk(stmt)
                   if isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) and n.value.value is True), None)
    if checker and refuses and passes is not None:
        return "the check answers no with `return False` but `return True` when it fails: it fails open", passes
    return "", None


def _refusing_gate(node: ast.Try) -> str | None:
    """The check in ``try`` whose "no" stops the action (``ok = perms.check(...)``; ``if not ok:
    return``), by the name of the call it comes from; None when the ``try`` holds no such gate."""
    verdicts: dict[str, str] = {}
    for stmt in walk(ast.Module(body=node.body, type_ignores=[])):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            name = ".".join(_sdk.attr_chain(func)[-2:]) if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if _GATE_CALL.search(name or ""):
                verdicts.update({t.id: name for t in stmt.targets if isinstance(t, ast.Name)})
    for stmt in walk(ast.Module(body=node.body, type_ignores=[])):
        if isinstance(stmt, ast.If) and any(isinstance(n, (ast.Return, ast.Raise)) for n in stmt.body):
            used = {n.id for n in walk(stmt.test) if isinstance(n, ast.Name)} & verdicts.keys()
            if used:
                return verdicts[sorted(used)[0]]
    return None


_SETTINGS_CLASS = re.compile(r"Settings|Config|Cfg|Options|Preferences|Flags|Policy|Env$", re.I)


def _settings_scope(node: ast.AST, ctx) -> bool:
    """A value set at module level or in a settings class: a switch. A field of any other class
    (``ValidationResult.requires_confirmation: bool = False``) is one item's state, not a policy."""
    cls = ctx.enclosing(node, ast.ClassDef)
    if cls is None:
        return True
    bases = " ".join(ast.unparse(b) for b in cls.bases)
    return bool(_SETTINGS_CLASS.search(cls.name) or "BaseSettings" in bases)

