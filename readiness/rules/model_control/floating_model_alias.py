"""RDY101: a model ID that the provider can repoint to a different model."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.rules import _models, _sdk

CONFIG_KINDS = frozenset({"yaml", "toml", "json", "dotenv"})


def _model_context(path: tuple) -> bool:
    """Config values are judged only under a key that names a model (``model``, ``llm`` ...)."""
    return any(isinstance(k, str) and ("model" in k.lower() or "llm" in k.lower() or k.lower() == "engine") for k in path)


class FloatingModelAlias(Rule):
    """
    ## What it finds
    A model ID that is an alias rather than a fixed snapshot: `gpt-4o` instead of
    `gpt-4o-2024-08-06`, `claude-sonnet-4-5` instead of `claude-sonnet-4-5-20250929`, anything
    ending in `-latest`, Gemini 1.x/2.0 bare names, experimental and preview models. It looks at
    the model argument of every SDK and framework call it knows (OpenAI, Anthropic, Google,
    Mistral, Bedrock, LiteLLM, LangChain chat models, CrewAI, the OpenAI Agents SDK, PydanticAI,
    smolagents, DSPy, LlamaIndex, AutoGen), following constants and `os.getenv` defaults in the
    same file, and model keys in YAML, TOML, JSON and `.env` files.

    ## Why it matters
    Providers move aliases to newer snapshots without notice. The agent you evaluated is then not
    the agent you run: prompts that worked start failing, output formats shift, costs change, and
    nothing in your repository shows why.

    ## How to fix
    Use the dated or versioned snapshot ID, and move to a newer one deliberately, after your evals
    pass on it. Claude models from 4.6 on and Gemini models from 2.5 on have no dated form: their
    plain IDs are already fixed, and this rule does not report them.

    ## Example
    ```python
    client.chat.completions.create(model="gpt-4o", messages=msgs)             # floating
    client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs)  # pinned
    ```

    ## Limits
    Azure OpenAI deployment names hide the model version (it is set on the deployment), so they
    are not judged. Values read from attributes, other modules or remote config are not followed yet.
    """

    id = "RDY101"
    name = "floating-model-alias"
    severity = Severity.WARNING
    summary = "Model ID is a floating alias, not a pinned snapshot"
    kinds = frozenset({"python"}) | CONFIG_KINDS
    fix_hint = "Pin the dated or versioned snapshot ID and upgrade deliberately after evals pass"
    roles = frozenset({"prod", "example"})
    precision = "high"

    valid = [
        Example("""
            from openai import OpenAI
            client = OpenAI()
            client.chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_completion_tokens=200)
        """),
        Example("""
            import anthropic
            MODEL = "claude-sonnet-4-6"
            anthropic.Anthropic().messages.create(model=MODEL, max_tokens=512, messages=[])
        """),
        Example("""
            from langchain_openai import ChatOpenAI
            import os
            llm = ChatOpenAI(model=os.environ["CHAT_MODEL"], max_tokens=300)
        """),
        Example("""
            from openai import AzureOpenAI
            client = AzureOpenAI()
            client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=10)
        """),
        Example("""
            import logging
            logging.info("falling back to gpt-4o")
        """),
        Example("""
            models:
              primary: gemini-2.5-flash
              fallback: gpt-4.1-2025-04-14
        """, path="config/models.yaml"),
    ]
    invalid = [
        Example("""
            from openai import OpenAI
            client = OpenAI()
            client.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=200)  # expect: RDY101
        """),
        Example("""
            import os
            from langchain_openai import ChatOpenAI
            CHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")  # expect: RDY101
            llm = ChatOpenAI(model=CHAT_MODEL, max_tokens=300)
        """),
        Example("""
            import anthropic
            FAST = "claude-3-5-sonnet-latest"  # expect: RDY101
            anthropic.Anthropic().messages.create(model=FAST, max_tokens=512, messages=[])
        """),
        Example("""
            from crewai import LLM
            llm = LLM(model="anthropic/claude-sonnet-4-5", max_tokens=800)  # expect: RDY101
        """),
        Example("""
            import google.generativeai as genai
            model = genai.GenerativeModel("gemini-1.5-pro-latest", generation_config={"max_output_tokens": 256})  # expect: RDY101
        """),
        Example("""
            from agents import Agent, ModelSettings
            agent = Agent(name="triage", model="o4-mini", model_settings=ModelSettings(max_tokens=400))  # expect: RDY101
        """),
        Example("""
            llm:
              model: mistral-large-latest  # expect: RDY101
        """, path="config/models.yaml"),
        Example("""
            OPENAI_MODEL=gpt-4.1  # expect: RDY101
        """, path=".env"),
        Example(files={
            "llm/settings.py": '''
                import os
                CHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o")  # expect: RDY101
            ''',
            "llm/provider.py": '''
                from openai import OpenAI
                from .settings import CHAT_MODEL
                def triage(msgs):
                    return OpenAI().chat.completions.create(model=CHAT_MODEL, messages=msgs, max_tokens=50)
            ''',
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        site = _sdk.model_site(node, ctx)
        if site is None:
            return
        expr = site.model_expr()
        resolved = _sdk.resolve_str(expr, ctx, node)
        if resolved is not None:
            value, literal = resolved
            self._judge(value, site.sdk, literal, ctx)
            return
        # A constant from another module of the project: resolved in check_project.
        if isinstance(expr, (ast.Name, ast.Attribute)):
            qn = ctx.qualname(expr)
            if qn and "." in qn and (not isinstance(expr, ast.Name) or expr.id in ctx.imports):
                ctx.fact("model-ref", node, f"{qn}|{site.sdk}")

    def visit_Module(self, node: ast.Module, ctx) -> None:
        """Record the module's string constants so other files' model references can resolve."""
        for name, value in ctx.module_assignments.items():
            resolved = _sdk.resolve_str(value, ctx, value)
            if resolved is not None and len(resolved[0]) <= 200 and "|" not in resolved[0]:
                ctx.fact("const", resolved[1], f"{ctx.module_name}.{name}|{resolved[0]}")

    def check_project(self, ctx) -> None:
        consts: dict[str, tuple[str, object]] = {}
        for fact in ctx.facts("const", roles=("prod", "example")):
            qual, value = fact.value.split("|", 1)
            consts[qual] = (value, fact)
        judged: set[str] = set()
        for ref in ctx.facts("model-ref", roles=("prod", "example")):
            qual, sdk = ref.value.rsplit("|", 1)
            target = consts.get(qual) or next((v for k, v in consts.items() if k.endswith("." + qual)), None)
            if target is None or qual in judged:
                continue
            judged.add(qual)
            value, fact = target
            verdict = _models.classify(value, sdk)
            if verdict is None or verdict.status == _models.OPAQUE:
                continue
            if verdict.status == _models.PINNED:
                ctx.credit(fact, f"pinned model `{value}`")
            else:
                ctx.report(_message(value, verdict), fact, subject=qual, fix=_hint(verdict))

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        if ctx.kind == "dotenv":
            for key, value, line in ctx.parsed.env:
                if _model_context((key,)):
                    self._judge(value, "", line, ctx)
            return
        stem_is_model = _model_context((ctx.path.rsplit("/", 1)[-1],))
        for doc in ctx.parsed.docs:
            for path, value in _strings(doc.data):
                if stem_is_model or _model_context(path):
                    self._judge(value, "", doc.line_of(path), ctx)

    def _judge(self, value: str, sdk: str, at, ctx) -> None:
        verdict = _models.classify(value, sdk)
        if verdict is None or verdict.status == _models.OPAQUE:
            return
        if verdict.status == _models.PINNED:
            ctx.credit(at, f"pinned model `{value}`")
            return
        ctx.report(at, _message(value, verdict), fix=_hint(verdict))


def _message(value: str, verdict) -> str:
    return f"`{value}` is {verdict.reason}"


def _hint(verdict) -> str:
    return f"Pin `{verdict.suggestion}` (or a newer snapshot after evals)" if verdict.suggestion else ""


def _strings(data, limit: int = 50_000):
    """Every string leaf of safe-loaded data with its key path; bounded, so YAML alias bombs stay cheap."""
    stack = [((), data, 0)]
    seen: set[int] = set()
    while stack and limit > 0:
        path, node, depth = stack.pop()
        limit -= 1
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, (dict, list)) and depth < 50 and id(node) not in seen:
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((path + (k,), v, depth + 1) for k, v in reversed(list(items)))
