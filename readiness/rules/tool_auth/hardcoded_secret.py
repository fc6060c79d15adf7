"""RDY401: a provider API key, token or private key committed to the repository."""
from __future__ import annotations

import ast
import bisect
import re

from readiness.discover import is_template
from readiness.model import Location, Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk
from readiness.analysis.prompts import literal_text, prompt_literals, secrets_in
from readiness.analysis.secrets import (SECRET_NAME, _HOST_LOCAL, _url_pattern, find_credentials, is_placeholder,
                                      looks_generated, named_values, redact)

TEXT_KINDS = frozenset({"python", "notebook", "yaml", "json", "toml", "dotenv", "tsjs", "markdown", "shell",
                        "dockerfile", "ini", "text", "other"})
def _prompt_lines(ctx) -> set[int]:
    """Lines of prompt literals that hold a credential (those are RDY403's to report)."""
    if ctx.kind != "python" or ctx.tree is None:
        return set()
    lines: set[int] = set()
    for node in prompt_literals(ctx):
        if any(True for _ in secrets_in(literal_text(node))):
            lines |= set(range(node.lineno, getattr(node, "end_lineno", node.lineno) + 1))
    return lines


# Cookie names that carry a login session (Google, generic frameworks, LinkedIn, GitHub ...).
SESSION_COOKIE = re.compile(r"^(?:__Secure-\d?P?SID\w*|__Host-\w+|SID|HSID|SSID|APISID|SAPISID|LSID|sessionid|session|"
                            r"_session\w*|\w*_session|connect\.sid|sid|auth_token|li_at|user_session|_gh_sess|JSESSIONID|"
                            r"PHPSESSID|SSESS\w+|sessiontoken|__Secure-next-auth\.session-token)$", re.I)
COOKIE_KEYS = {"domain", "name", "value"}
COOKIE_MARKERS = {"httpOnly", "expirationDate", "expires", "secure", "hostOnly", "sameSite", "path"}


def _session_cookie(ctx):
    """The first exported browser cookie (``{"domain", "name", "value", "httpOnly", ...}``, as
    browser extensions export them) whose name is a login session and whose value is not a
    placeholder: (where its value is, name). One per file: the whole jar is one problem."""
    records = []
    if ctx.kind == "python" and ctx.tree is not None:
        for node in ctx.nodes_of(ast.Dict):
            keys = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
            if COOKIE_KEYS <= keys.keys() and keys.keys() & COOKIE_MARKERS:
                name, value = keys["name"], keys["value"]
                if isinstance(name, ast.Constant) and isinstance(value, ast.Constant):
                    records.append((node.lineno, value, str(name.value), str(value.value)))  # at the value
    elif ctx.kind in ("json", "yaml"):
        for doc in ctx.parsed.docs:
            stack = [((), doc.data)]
            while stack and len(records) < 1000:
                path, item = stack.pop()
                if isinstance(item, dict):
                    if COOKIE_KEYS <= item.keys() and item.keys() & COOKIE_MARKERS:
                        records.append((doc.line_of(path), doc.line_of((*path, "value")), str(item["name"]), str(item["value"])))
                    stack += [((*path, k), v) for k, v in item.items()]
                elif isinstance(item, list):
                    stack += [((*path, i), v) for i, v in enumerate(item)]
    for _, at, name, value in sorted(records, key=lambda r: r[0]):
        if SESSION_COOKIE.match(name) and len(value) >= 16 and not is_placeholder(value):
            return at, name
    return None


_PLIST_PAIR = re.compile(r"<key>\s*([A-Za-z0-9_.-]{1,60})\s*</key>\s*<string>\s*([A-Za-z0-9_\-+/=.~]{16,1200})\s*</string>")
_TYPING = re.compile(r"\.(?:fill|type|send_keys|press_sequentially)\(")
_PASSWORD_FIELD = re.compile(r"pass(?:word|wd)?\b|passw|pwd|密码|contrase|mot de passe|passwort", re.I)


def _typed_passwords(ctx):
    """(node, value) for a literal a browser script types into a password field: Playwright
    ``password_input.fill("...")`` / ``page.fill("#password", "...")``, Selenium
    ``find_element(By.ID, "password").send_keys("...")``. The field says what the value is, so no
    entropy test applies; placeholders still do not count."""
    for call in ctx.calls():
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in ("fill", "type", "send_keys", "press_sequentially")):
            continue
        args = [a for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if not args:
            continue
        value = args[-1].value
        receiver = call.func.value
        field = ast.unparse(receiver) + (" " + call.args[0].value if len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
                                         and isinstance(call.args[0].value, str) else "")
        if isinstance(receiver, ast.Name):  # ``password_input = page.get_by_label("Password")``
            bound = _sdk.resolve_node(receiver, ctx, call)
            field += " " + (ast.unparse(bound) if bound is not None else "")
        if len(value) >= 6 and _PASSWORD_FIELD.search(field) and not is_placeholder(value) \
                and not value.startswith(("$", "{", "<", "%")) and value is args[-1].value and args[-1] is call.args[-1]:
            yield args[-1], value


def _joined_literals(ctx):
    """String expressions built from literal parts (``"sk-proj-" + "abc..."``, ``f"sk-{PART}"``
    with ``PART`` a literal): the joined value, which no single literal shows."""
    def compose(expr, depth=0):
        if depth > 20:
            return None
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return expr.value
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = compose(expr.left, depth + 1), compose(expr.right, depth + 1)
            return left + right if left is not None and right is not None else None
        if isinstance(expr, (ast.JoinedStr, ast.Name)):
            resolved = _sdk.resolve_str(expr, ctx, expr)
            return resolved[0] if resolved else None
        return None

    for node in ctx.nodes_of(ast.BinOp, ast.JoinedStr):
        parent = ctx.parent(node)
        if isinstance(node, ast.BinOp) and (not isinstance(node.op, ast.Add) or isinstance(parent, ast.BinOp)):
            continue
        if isinstance(node, ast.JoinedStr) and not any(isinstance(v, ast.FormattedValue) for v in node.values):
            continue
        value = compose(node)
        if value and len(value) <= 4096:
            yield node, value



_SECRET_HINT = re.compile(r"(?i)token|key|secret|passw|credential")


class HardcodedSecret(Rule):
    """
    ## What it finds
    Credentials written into files: OpenAI, Anthropic, Google, AWS, GitHub, GitLab, Slack,
    Stripe (live), Hugging Face, Groq, xAI, Replicate, LangSmith, Langfuse, NVIDIA, Perplexity,
    OpenRouter, Tavily, Pinecone, Vault, Doppler, npm and Databricks keys in their published
    formats, private keys, database and broker URLs with a password for a non-local host, and
    high-entropy values assigned to secret-like names (`COHERE_API_KEY=...`, `api_key="..."`,
    `client_secret: ...`, for keys with no recognisable prefix) - in any text file (Python,
    notebooks, YAML, JSON, TOML, `.env`, shell, Dockerfiles, Markdown, TS/JS).
    Placeholders (`sk-...`, `your-api-key`, AWS's documented example key, masked or low-entropy
    values) and template files (`.env.example`) are skipped. Reports show only a short prefix
    and the length of a value, never the value.

    ## Why it matters
    A key in a repository is a key for everyone who can read it, its forks, its CI logs and every
    laptop with a clone. An agent's keys usually spend money and reach user data.

    ## How to fix
    Revoke the key at the provider now (removing it from the file does not remove it from git
    history), then load it at run time from the environment or a secrets manager (AWS Secrets
    Manager, Vault, GCP Secret Manager, Azure Key Vault, Doppler, 1Password).
    """

    id = "RDY401"
    name = "hardcoded-secret"
    severity = Severity.ERROR
    summary = "Credential committed to the repository"
    kinds = TEXT_KINDS
    roles = frozenset({"prod", "test", "eval", "example"})
    precision = "very-high"
    security_severity = "9.0"
    fix_hint = "Revoke the key, then load it from the environment or a secrets manager"

    valid = [
        # Where a secret is kept (an AWS Secrets Manager ARN, whose last part is the secret's name)
        # is not the secret.
        Example("""
            variable "openai_key_arn" {
              type    = string
              default = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prodOpenAiApiKeyValue-Q7x2Lm"
            }
        """, path="terraform/variables.tf"),
        # Slugs and paths in a property list are not secrets.
        Example("""
            <plist version="1.0"><dict>
                <key>SERVICE_TOKEN_NAME</key>
                <string>prod-mail-agent-eu-west</string>
                <key>WorkingDirectory</key>
                <string>/opt/mail-agent</string>
            </dict></plist>
        """, path="com.example.mail-agent.plist"),
        # The password comes from the environment; the search box gets ordinary text.
        Example("""
            import os
            def login(page):
                page.fill("#password", os.environ["SITE_PASSWORD"])
                page.fill("#search", "quarterly report")
                page.get_by_label("Password").fill("<your-password>")
        """),
        # Samples a person typed for a test: an alphabet run in a token, a key header with no key.
        Example("""
            SAMPLES = [
                "token ghp_abcdefghijklmnopqrstuvwxyz1234567890",
                "-----BEGIN RSA PRIVATE KEY-----\\nMIIE...",
            ]
        """, path="guard/redaction_samples.py"),
        Example("""
            SCHEDULE = {"standup": "09:30", "ratio": "16:9"}
            LOG_LINE = "2026-11-30 12:00:AA retry"
            SHORT = "12345:ABCDEF"
        """),
        Example("""
            import os
            OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
            EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"
        """),
        Example("""
            OPENAI_API_KEY=sk-...
            ANTHROPIC_API_KEY=your-api-key
        """, path=".env"),
    ]
    valid += [
        Example("""
            DATABASE_URL = "postgresql://app:app@localhost:5432/app"
            CACHE_URL = "redis://:${REDIS_PASSWORD}@cache.internal:6379/0"
            BROKER = "amqp://guest:guest@rabbitmq:5672//"
        """),
        Example("""
            max_tokens = 4096
            token_url = "https://auth.example.com/oauth2/token"
            api_key = settings.openai_api_key
            secret_name = "prod/agent/openai-key-2024"
        """),
        Example("""
            services:
              agent:
                environment:
                  OPENAI_API_KEY: ${OPENAI_API_KEY}
                  DB_PASSWORD: <set-in-vault>
        """, path="compose.yaml"),
        Example("""
            import os
            os.environ["OPENAI_API_KEY"] = settings.openai_api_key
            NEEDED = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "TAVILY_API_KEY"]
            model = os.getenv("MODEL_NAME", "gpt-4.1-2025-04-14")
        """),
    ]
    invalid = [
        # A launchd property list committed with the service's API token in its environment.
        Example("""
            <plist version="1.0"><dict>
                <key>EnvironmentVariables</key>
                <dict>
                    <key>MAIL_API_TOKEN</key>
                    <string>fmu1-7c2e9a41-5b3d""" + """-4f08-9e6a-1d2c3b4a5f60-0a9b8c7d6e5f4a3b</string>  <!-- expect: RDY401 -->
                </dict>
            </dict></plist>
        """, path="com.example.mail-agent.plist"),
        # A browser script that logs in with the account's password written out.
        Example("""
            from playwright.sync_api import sync_playwright
            def login(page):
                page.fill("#email", "ops@example.org")
                password_box = page.get_by_label("Password")
                password_box.fill("Rq7!vLm2xT9p")  # expect: RDY401
        """),
        # A 32-character hex key (sixteen symbols: lower entropy than a mixed token, still random) and
        # a Google app password (four groups of four letters) set in the environment at import.
        Example("NEWS_API_KEY = \"" + "c3f19a07e5b2" + "48d6a1f0c7e93b5d284e\"  # expect: RDY401\n"),
        Example("import os\nos.environ[\"GMAIL_APP_PASSWORD\"] = \"" + "qmzt wrhd" + " kfpl xsvn\"  # expect: RDY401\n"),
        # Tokens of messaging and mail APIs agents send through (split so this file holds none whole).
        Example("import telebot\nbot = telebot.TeleBot(\"7012345678:AA" + "riGp-58WAm_dX3a5IDnOdcdbWB2dC4-DS\")  # expect: RDY401\n"),
        Example("SENDGRID = \"SG." + "kQ2mZ7xW4vR9tL1pN6bY3c" + ".Hs8dJ5fG0aK2lQ7wE4rT9yU1iO6pZ3xC8vB5nM0qW2e\"  # expect: RDY401\n"),
        Example("""
            storage:
              connection: "DefaultEndpointsProtocol=https;AccountName=agentdocs;EndpointSuffix=core.windows.net"
              AccountKey: "q8Zr2mVt5XwPn3Lk7Hd9Jf4Bs6Gc1Ye0Ua8Ri2Oo5Mm3Nn7Pp9Qq4Ww6Ee1Tt0Yy8Uu2Ii5Aa3Ss7Dd9Ff4Gg=="  # expect: RDY401
        """, path="config/storage.yaml"),
        Example("""
            {"mcpServers": {"telegram": {"command": "mcp-telegram", "args": ["start"],
              "env": {"API_ID": "28230035",
                      "API_HASH": "4f1c9e07b2d84a6c93e5a0f7d21b6c8e"}}}}  // expect: RDY401
        """, path="mcp.json"),
        Example("""
            JAR = [
                {"domain": ".example.org", "name": "theme", "value": "dark", "httpOnly": False, "path": "/"},
                {"domain": ".example.org", "name": "__Secure-3PSID", "value": "g.a000" + "kq7Zr2Lm9XwTnB4cJ8dHs6fYa3gUe5iKo0", "httpOnly": True, "path": "/"},
            ]
            SESSION = {"domain": ".example.org", "name": "sessionid", "value": "Qm9vb3Rz7x2LpZ4kR8wV1nT6yH3cJ5sD", "httpOnly": True}  # expect: RDY401
        """),
        Example("""
            GROQ_API_KEY = "gsk_" + "Wq3ZpLx8Tn2Rb7Vc5Yd9" + "Hf4Jk6Ms1Qa0Ue3Ig8Ow2Pr5St7XzAb3"  # expect: RDY401
        """),
        # A key set in the process environment or kept as a fallback is still committed.
        Example("import os\nos.environ[\"SERPER_API_KEY\"] = \"" + "e4b9c1d7a2f8" + "3c6e0b5d9a1f7c2e8b4d6a0f3\"  # expect: RDY401\n"),
        Example("import os\nos.environ.setdefault(\"TAVILY_API_KEY\", \"tvly-" + "Qw7eR2tY9uI4oP1" + "aS6dF3gH8jK5l\")  # expect: RDY401\n"),
        Example("import os\nkey = os.getenv(\"SEARCH_API_KEY\", \"" + "9d4f7a2c8e1b" + "6f3a0d5c9e2b7a4f1c8d\")  # expect: RDY401\n"),
        Example("const key = process.env.SEARCH_API_KEY ?? \"" + "9d4f7a2c8e1b" + "6f3a0d5c9e2b7a4f1c8d\";  // expect: RDY401\n",
                path="src/search.ts"),
        Example("DATABASE_URL = \"postgresql://agent:" + "Vq8rT2mXw9LpZ4" + "@db.prod.example.net:5432/agent\"  # expect: RDY401\n"),
        Example("COHERE_API_KEY=" + "pX7vQ2mL9sT4wZ8rK3nB6yH1cF5gJ0dA" + "Ue4i  # expect: RDY401\n", path=".env"),
        Example("import cohere\nco = cohere.ClientV2(api_key='" + "q9W2e8R4t6Y1u3I5o7P0a2S4d6F8g1H3j5K7" + "')  # expect: RDY401\n"),
        # Built by concatenation so this source file holds no credential-shaped literal.
        Example("GITHUB_TOKEN = \"ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3gH5\"  # expect: RDY401\n"),
        Example("HF_TOKEN=hf_" + "QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi  # expect: RDY401\n", path=".env"),
    ]

    def visit_Call(self, node, ctx) -> None:
        if ctx.qualname(node.func) in ("os.getenv", "os.environ.get") and node.args:
            self._env_read(node.args[0], node, ctx)

    def visit_Subscript(self, node, ctx) -> None:
        if ctx.qualname(node.value) == "os.environ" and isinstance(node.ctx, ast.Load):  # not ``os.environ[k] = ...``
            self._env_read(node.slice, node, ctx)

    def _env_read(self, key, node, ctx) -> None:
        """A credential read from the environment is the control this rule wants in place."""
        if ctx.role == "prod" and isinstance(key, ast.Constant) and isinstance(key.value, str) and SECRET_NAME.search(key.value):
            ctx.credit(node, f"`{key.value}` read from the environment")

    def _template(self, ctx) -> None:
        """A template (``.env.example``) shows the shape of a configuration; its values are meant to
        be replaced. A long random value there (32 characters and more, not a placeholder) is a real
        key someone copied from their own ``.env``: that one is reported."""
        found = [(start, value, f"{label} `{redact(value, prefix)}`") for start, value, label, prefix in find_credentials(ctx.text)
                 if not is_placeholder(value)]
        found += [(start, value, f"high-entropy value `{redact(value, 3)}` assigned to `{name}`")
                  for name, start, value in named_values(ctx.text) if looks_generated(value)]
        seen = set()
        for start, value, what in sorted(found):
            line = ctx.text.count("\n", 0, start) + 1
            if len(value) >= 32 and len(set(value)) >= 12 and line not in seen:
                seen.add(line)
                ctx.report(line, f"{what} is committed in this template: template values are copied as they are, "
                                 "and this one looks like a real key", sensitive=True)

    def check_file(self, ctx) -> None:
        name = ctx.path.rsplit("/", 1)[-1].lower()
        if not any(c in ctx.text for c in "-_:") and not _SECRET_HINT.search(ctx.text):
            return  # no provider key format, URL or ``name: value`` can be in it; ``TOKEN = "..."`` still can
        if is_template(name):
            self._template(ctx)
            return
        text = ctx.text
        line_starts: list[int] = []
        taken: list[tuple[int, int]] = []

        in_prompts = _prompt_lines(ctx)

        def report(start: int, value: str, message: str) -> None:
            if not line_starts:
                line_starts.extend([0] + [i + 1 for i, c in enumerate(text) if c == "\n"])
            number = bisect.bisect_right(line_starts, start)
            taken.append((start, start + len(value)))
            if number in in_prompts:
                return  # RDY403 reports a credential inside a prompt, at a higher severity
            column = start - line_starts[number - 1] + 1
            ctx.report(Location(ctx.path, number, column, number, column + len(value)), message, sensitive=True)

        for start, value, label, prefix in find_credentials(text):
            if label != "private key" and is_placeholder(value):
                continue
            report(start, value, f"{label} `{redact(value, prefix)}` is committed in this file")
        cookie = _session_cookie(ctx) if '"domain"' in text or "'domain'" in text or "domain:" in text else None
        if cookie is not None:
            at, name = cookie
            ctx.report(at, f"browser session cookie `{name}` (value withheld) is committed in this file: whoever "
                           "reads the repository is logged in as that user", sensitive=True)
        if ctx.kind == "python" and ctx.tree is not None and ("+" in text or 'f"' in text or "f'" in text):
            for node, value in _joined_literals(ctx):
                for _, found, label, prefix in find_credentials(value):
                    if not is_placeholder(found) and len(found) > 12:
                        loc = ctx.location(node)
                        ctx.report(loc, f"{label} `{redact(found, prefix)}` is committed in this file, split into parts",
                                   sensitive=True)
                        break
        if "://" in text:
            for m in _url_pattern().finditer(text):
                password, host = m.group("password"), m.group("host")
                if _HOST_LOCAL.match(host) or not looks_generated(password) and len(password) < 12 or is_placeholder(password) \
                        or password.startswith(("$", "{", "<", "%")):
                    continue
                shown = f"{m.group('scheme')}://{m.group('user')}:"
                report(m.start("password"), password,
                       f"connection URL `{shown}… ({len(password)}-char password)` with a password is committed in this file")
        if ctx.role in ("prod", "example") and ctx.kind == "python" and ctx.tree is not None and _TYPING.search(text):
            for node, value in _typed_passwords(ctx):
                ctx.report(node, f"a password (`{redact(value, 1)}`) typed into a login form is committed in this file",
                           sensitive=True)
        if ctx.role in ("prod", "example") and "<key>" in text:
            # a property list (launchd ``.plist``, macOS app config): ``<key>NAME</key><string>value</string>``
            for m in _PLIST_PAIR.finditer(text):
                name, value = m.group(1), m.group(2)
                if SECRET_NAME.search(name) and looks_generated(value) and not any(a <= m.start(2) < b for a, b in taken):
                    report(m.start(2), value, f"high-entropy value `{redact(value, 3)}` assigned to `{name}`")
        if ctx.role in ("prod", "example"):
            for name, start, value in named_values(text):
                if any(a <= start < b for a, b in taken) or not looks_generated(value):
                    continue
                report(start, value, f"high-entropy value `{redact(value, 3)}` assigned to `{name}`")
