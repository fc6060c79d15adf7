"""RDY406: a tool fetches whatever URL the model passes it."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import tools as _tools
from readiness.walk import walk

# Any of these in the tool's body means it looks at where the URL points before fetching.
URL_CHECKS = {"urlparse", "urlsplit", "netloc", "hostname", "startswith", "ip_address", "is_private", "match", "fullmatch"}


def _url_arg(call: ast.Call) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == "url":
            return kw.value
    if isinstance(call.func, ast.Attribute) and call.func.attr == "request" and len(call.args) > 1:
        return call.args[1]
    return call.args[0] if call.args else None


class ModelChosenUrl(Rule):
    """
    ## What it finds
    An agent tool that passes one of its arguments straight to an HTTP client as the URL
    (`requests.get(url)`, `httpx.post(url, ...)`, `urllib.request.urlopen(url)`) and never looks
    at the URL first: no `urlparse(...).hostname` check against an allow-list, no `startswith`.

    ## Why it matters
    The model chooses the URL, and so does whoever can put text in front of the model. A fetch
    tool without an allow-list reaches internal services and cloud metadata endpoints
    (`169.254.169.254`), and it can carry conversation data out in a query string.

    ## How to fix
    Parse the URL and allow only the hosts the tool is for; refuse private, loopback and
    link-local addresses; or take an ID instead of a URL and build the URL in code.

    ## Example
    ```python
    requests.get(url, timeout=10)                                   # any host
    if urlparse(url).hostname not in ALLOWED_HOSTS: raise ValueError(url)
    ```

    ## Limits
    URLs built from a fixed base (`f"https://api.example.com/items/{item_id}"`) are not reported:
    the model picks the path, not the host.
    """

    id = "RDY406"
    security_severity = "6.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    judges_tool_bodies = True
    name = "model-chosen-url"
    severity = Severity.WARNING
    summary = "Agent tool fetches a model-chosen URL with no host allow-list"
    needs = ("requests", "httpx", "urllib", "aiohttp")
    fix_hint = "Check urlparse(url).hostname against an allow-list before fetching"

    valid = [
        Example("""
            import requests
            from urllib.parse import urlparse
            from langchain_core.tools import tool
            ALLOWED = {"docs.example.com"}
            @tool
            def fetch_doc(url: str) -> str:
                \"\"\"Fetch a documentation page.\"\"\"
                if urlparse(url).hostname not in ALLOWED:
                    return "not allowed"
                return requests.get(url, timeout=10).text
        """),
        Example("""
            import httpx
            from agents import function_tool
            @function_tool
            def get_item(item_id: str) -> str:
                return httpx.get(f"https://api.example.com/items/{item_id}", timeout=5).text
        """),
    ]
    invalid = [
        Example("""
            import requests
            from langchain_core.tools import tool
            @tool
            def fetch(url: str) -> str:
                \"\"\"Fetch any web page.\"\"\"
                return requests.get(url, timeout=10).text  # expect: RDY406
        """),
        Example("""
            import urllib.request
            from crewai.tools import tool
            @tool("Download")
            def download(link: str) -> str:
                \"\"\"Download a file.\"\"\"
                with urllib.request.urlopen(link) as response:  # expect: RDY406
                    return response.read().decode()
        """),
    ]

    def check_file(self, ctx) -> None:
        for tool in _tools.find_tools(ctx):
            names = set()
            for n in walk(tool.node):
                if isinstance(n, ast.Call):
                    names.add(n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", ""))
                elif isinstance(n, ast.Attribute):
                    names.add(n.attr)
            if names & URL_CHECKS:
                continue
            params = _tools.tool_params(tool)
            body = {id(n) for n in walk(tool.node)}
            for cap in tool.capabilities:
                if not cap.http or id(cap.node) not in body:
                    continue
                url = _url_arg(cap.node)
                if isinstance(url, ast.Name) and url.id in params:
                    ctx.report(cap.node, f"tool `{tool.name}` fetches the URL the model passes in `{url.id}`, "
                                         "with no host allow-list")
