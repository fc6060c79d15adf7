"""RDY301: a model call or chat-model construction that may generate without an upper bound."""
from __future__ import annotations

import ast

from readiness import records
from readiness.model import MAX_OUTPUT_TOKENS, Severity
from readiness.rule import Example, FixExample, Rule
from readiness.analysis import models as _models, sdk as _sdk


class MissingOutputTokenCap(Rule):
    """
    ## What it finds
    A model call, chat-model object or agent with no limit on the tokens the model may generate:
    OpenAI `chat.completions.create` without `max_completion_tokens` / `max_tokens`, the
    Responses API without `max_output_tokens`, Google `generate_content` without
    `max_output_tokens` in its config, LangChain / CrewAI / LiteLLM / DSPy models without
    `max_tokens`, an OpenAI Agents SDK or PydanticAI agent without `model_settings` carrying
    `max_tokens`. Caps passed through a `**kwargs` dict or a settings object built in the same
    file count.

    ## Why it matters
    Without a cap a single answer can run to the model's maximum output. One runaway response, or
    a loop of them, costs many times a normal one, and latency has no ceiling.

    ## How to fix
    Pass the SDK's output cap, sized to the task (2-3x the longest answer you expect). Set it once
    on a shared client or settings object if every call should share it.

    ## Example
    ```python
    client.chat.completions.create(model=M, messages=msgs)                             # uncapped
    client.chat.completions.create(model=M, messages=msgs, max_completion_tokens=800)  # capped
    ```

    ## Limits
    The Anthropic Messages API requires `max_tokens`, so raw Anthropic calls are never reported;
    LangChain's `ChatAnthropic` fills one in. For the OpenAI Agents SDK, a
    `RunConfig(model_settings=ModelSettings(max_tokens=...))` anywhere in the project overrides every
    agent's settings, so agents are then not reported; that check needs the whole project, so
    pre-commit's file mode leaves uncapped agents to the full scan. Other caps set in another
    module (a shared settings dict imported from elsewhere) are not followed yet.
    """

    id = "RDY301"
    name = "missing-output-token-cap"
    severity = Severity.WARNING
    summary = "Model call without an output-token cap"
    roles = frozenset({"prod", "eval"})  # an eval's judge calls cost as much as the agent's
    fix_hint = "Pass the SDK's output-token cap (max_completion_tokens, max_tokens, max_output_tokens ...)"
    # The profile site's first cap key, with the number from `[tool.readiness.fix] max-output-tokens`:
    # no number is right for every call, so without that setting the fix is not offered.
    fix_examples = [
        FixExample("""
            from openai import OpenAI

            client = OpenAI()
            reply = client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs)  # triage
            summary = client.chat.completions.create(
                model="gpt-4o-2024-08-06",
                messages=msgs,   # the whole thread
            )
            draft = client.responses.create(model="gpt-4o-2024-08-06",
                                            input=msgs)
        """, """
            from openai import OpenAI

            client = OpenAI()
            reply = client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, max_completion_tokens=800)  # triage
            summary = client.chat.completions.create(
                model="gpt-4o-2024-08-06",
                messages=msgs,   # the whole thread
                max_completion_tokens=800,
            )
            draft = client.responses.create(model="gpt-4o-2024-08-06",
                                            input=msgs, max_output_tokens=800)
        """, config="[fix]\nmax-output-tokens = 800\n"),
    ]

    valid = [
        Example("""
            from autogen import LLMConfig
            llm_config = LLMConfig(config_list=[{"api_type": "openai", "model": "gpt-5-nano-2025-08-07", "max_tokens": 600}])
        """),
        Example("""
            from autogen import LLMConfig
            def build(entries):
                return LLMConfig(config_list=entries)
        """),
        Example("""
            from openai import OpenAI
            OpenAI().chat.completions.create(model="gpt-4o-2024-08-06", messages=[], max_completion_tokens=800)
        """),
        Example("""
            from openai import OpenAI
            GEN = {"max_tokens": 512, "temperature": 0}
            def ask(client: OpenAI, msgs):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, **GEN)
        """),
        Example("""
            import anthropic
            anthropic.Anthropic().messages.create(model="claude-sonnet-4-6", max_tokens=1024, messages=[])
        """),
        Example("""
            from google import genai
            from google.genai import types
            cfg = types.GenerateContentConfig(max_output_tokens=256)
            genai.Client().models.generate_content(model="gemini-2.5-flash", contents="hi", config=cfg)
        """),
        Example("""
            from agents import Agent, ModelSettings
            agent = Agent(name="a", model="gpt-4.1-2025-04-14", model_settings=ModelSettings(max_tokens=300))
        """),
        Example("""
            from openai import OpenAI
            def ask(client: OpenAI, opts, msgs):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, **opts)
        """),
        Example("""
            import boto3
            boto3.client("bedrock-runtime").converse(modelId="amazon.nova-pro-v1:0", messages=[], inferenceConfig={"maxTokens": 300})
        """),
        Example("""
            from mistralai import Mistral
            Mistral(api_key="k").chat.complete(model="mistral-large-2411", messages=[], max_tokens=200)
        """),
        Example("""
            import cohere
            cohere.ClientV2().chat(model="command-r-plus-08-2024", messages=[], max_tokens=200)
        """),
        Example("""
            import litellm
            litellm.completion(model="openai/gpt-4o-2024-08-06", messages=[], max_tokens=100)
        """),
        Example("""
            from langchain.chat_models import init_chat_model
            llm = init_chat_model("openai:gpt-4o-2024-08-06", max_tokens=400)
        """),
        Example("""
            from crewai import LLM
            llm = LLM(model="openai/gpt-4o-2024-08-06", max_tokens=800)
        """),
        Example("""
            from pydantic_ai import Agent
            agent = Agent("openai:gpt-4o-2024-08-06", model_settings={"max_tokens": 400})
        """),
        Example("""
            from llama_index.llms.openai import OpenAI
            llm = OpenAI(model="gpt-4o-2024-08-06", max_tokens=256)
        """),
        Example("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient
            client = OpenAIChatCompletionClient(model="gpt-4.1-2025-04-14", max_tokens=500)
        """),
        Example("""
            from smolagents import LiteLLMModel
            model = LiteLLMModel(model_id="openai/gpt-4o-2024-08-06", max_tokens=500)
        """),
        Example("""
            import dspy
            lm = dspy.LM("openai/gpt-4o-mini-2024-07-18", max_tokens=300)
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            agent = create_react_agent("openai:gpt-4o-2024-08-06", tools=[])
        """),
        Example("""
            from langchain_openai import AzureChatOpenAI
            llm = AzureChatOpenAI(azure_deployment="support-chat", api_version="2024-10-21", max_tokens=500)
        """),
        Example("""
            from openai import AsyncOpenAI
            async def fetch(client: AsyncOpenAI, settings, build_request_kwargs):
                kwargs = build_request_kwargs(model="gpt-4.1-2025-04-14", settings=settings)
                return await client.responses.create(**kwargs)
        """),
    ]
    valid.append(Example(files={
        "pyproject.toml": "[project]\nname = 'desk'\n",
        "desk/agents_def.py": '''
            from agents import Agent
            triage = Agent(name="triage", model="gpt-4.1-2025-04-14", instructions="Route.")
        ''',
        "desk/run.py": '''
            from agents import ModelSettings, RunConfig, Runner
            from desk.agents_def import triage
            CONFIG = RunConfig(model_settings=ModelSettings(max_tokens=500))
            async def handle(text):
                return await Runner.run(triage, text, run_config=CONFIG, max_turns=6)
        ''',
    }))
    invalid = [
        Example("""
            from autogen import LLMConfig
            llm_config = LLMConfig({"api_type": "openai", "model": "gpt-5-nano-2025-08-07", "temperature": 1})  # expect: RDY301
        """),
        Example("""
            from agents import Agent
            faq = Agent[dict](name="faq", model="gpt-4.1-2025-04-14", instructions="Answer.")  # expect: RDY301
        """),
        Example("""
            from openai import OpenAI
            client = OpenAI()
            client.chat.completions.create(model="gpt-4o-2024-08-06", messages=[])  # expect: RDY301
        """),
        Example("""
            from openai import OpenAI
            CREATIVE = {"temperature": 0.9}
            def draft(client: OpenAI, msgs):
                return client.chat.completions.create(model="gpt-4o-2024-08-06", messages=msgs, **CREATIVE)  # expect: RDY301
        """),
        Example("""
            from openai import OpenAI
            OpenAI().responses.create(model="gpt-4o-mini-2024-07-18", input="hi")  # expect: RDY301
        """),
        Example("""
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4o-2024-08-06", temperature=0)  # expect: RDY301
        """),
        Example("""
            from agents import Agent
            agent = Agent(name="faq", model="gpt-4.1-2025-04-14", instructions="Answer.")  # expect: RDY301
        """),
        Example("""
            import google.generativeai as genai
            model = genai.GenerativeModel("gemini-1.5-flash-002")  # expect: RDY301
        """),
        Example("""
            import boto3
            boto3.client("bedrock-runtime").converse(modelId="amazon.nova-pro-v1:0", messages=[])  # expect: RDY301
        """),
        Example("""
            from mistralai import Mistral
            Mistral(api_key="k").chat.complete(model="mistral-large-2411", messages=[])  # expect: RDY301
        """),
        Example("""
            import cohere
            cohere.ClientV2().chat(model="command-r-plus-08-2024", messages=[])  # expect: RDY301
        """),
        Example("""
            import litellm
            litellm.completion(model="openai/gpt-4o-2024-08-06", messages=[])  # expect: RDY301
        """),
        Example("""
            from langchain.chat_models import init_chat_model
            llm = init_chat_model("openai:gpt-4o-2024-08-06")  # expect: RDY301
        """),
        Example("""
            from crewai import LLM
            llm = LLM(model="openai/gpt-4o-2024-08-06")  # expect: RDY301
        """),
        Example("""
            from pydantic_ai import Agent
            agent = Agent("openai:gpt-4o-2024-08-06")  # expect: RDY301
        """),
        Example("""
            from llama_index.llms.openai import OpenAI
            llm = OpenAI(model="gpt-4o-2024-08-06")  # expect: RDY301
        """),
        Example("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient
            client = OpenAIChatCompletionClient(model="gpt-4.1-2025-04-14")  # expect: RDY301
        """),
        Example("""
            from smolagents import LiteLLMModel
            model = LiteLLMModel(model_id="openai/gpt-4o-2024-08-06")  # expect: RDY301
        """),
        Example("""
            import dspy
            lm = dspy.LM("openai/gpt-4o-mini-2024-07-18")  # expect: RDY301
        """),
        Example("""
            from langchain_openai import AzureChatOpenAI
            llm = AzureChatOpenAI(azure_deployment="support-chat", api_version="2024-10-21")  # expect: RDY301
        """),
        Example("""
            from openai import AzureOpenAI
            AzureOpenAI().chat.completions.create(model="support-chat", messages=[])  # expect: RDY301
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        override = _capping_override(node, ctx)
        if override is not None:
            ctx.fact("run-config-cap", node, override["framework"])
            ctx.credit(node, f"output cap for every agent of the run ({override['callee'].rsplit('.', 1)[-1]})")
            return
        site = _sdk.model_site(node, ctx)
        if site is None or site.spec.get("cap") in ("required", "autofilled", "elsewhere"):
            return
        if _model_is_an_object(site, ctx):
            return  # ``Agent(model=OpenAIChat(...))``: the cap belongs to the model object, judged where built
        if _provider_fills_cap(site, ctx):
            return
        verdict = _cap_verdict(site, ctx)
        if not verdict and _capped_by_user(site, ctx):
            verdict = True
        if verdict is None:
            return
        if verdict:
            ctx.credit(node, f"output cap on `{site.display}`")
        elif site.spec.get("overridden_by"):
            # A run-level object (RunConfig(model_settings=...)) anywhere in the project caps every agent.
            ctx.fact("uncapped-agent", node, records.UncappedAgent(site.spec["framework"], site.display))
        else:
            ctx.report(node, f"`{site.display}` has no output-token cap", edit=_cap_edit(site, ctx))

    def check_project(self, ctx) -> None:
        capped = {fact.value for fact in ctx.facts("run-config-cap")}
        for fact in ctx.facts("uncapped-agent"):
            if fact.value.framework not in capped:
                ctx.report(f"`{fact.value.display}` has no output-token cap", fact)


def _cap_edit(site: _sdk.ModelSite, ctx):
    """The profile site's first cap key (its current name: ``max_completion_tokens`` before the
    legacy ``max_tokens``) added as the call's last keyword, its value left to the project's
    ``[tool.readiness.fix] max-output-tokens`` (readiness.fixer.fill_settings). None where the cap
    lives elsewhere (a container keyword) or the call's text is not where the tree says."""
    caps = site.spec.get("caps") or []
    node = site.call
    if not caps or site.spec.get("cap_in") or site.spec.get("cap_in_dicts") or node.end_lineno is None:
        return None
    return ctx.keyword_insertion(node, f"{caps[0]}={MAX_OUTPUT_TOKENS}")


# Keywords that pass extra parameters through to the provider (a cap among them counts).
EXTRA_PARAMETERS = frozenset({"model_kwargs", "additional_kwargs", "extra_create_args", "generation_kwargs", "extra_body",
                              "completion_args", "model_params", "llm_kwargs", "default_request_params"})


def _capping_override(node: ast.Call, ctx) -> dict | None:
    """A run-level settings object of a profile that caps output for every agent it runs."""
    for override in _sdk.overrides():
        if not override.get("cap_in") or _sdk.lookup_qualname(ctx, node.func, {override["callee"]: True}) is None:
            continue
        keys = set(override.get("cap_keys") or ["max_tokens"])
        if _sdk.container_setting(node, override["cap_in"], keys, ctx)[1]:
            return override
    return None


def _model_is_an_object(site: _sdk.ModelSite, ctx) -> bool:
    """The model argument is a model object that takes its own cap (``Agent(model=OpenAIChat(...))``).
    Model objects that take none (the cap lives on the agent) leave the agent to be judged; so do
    objects that may carry it but do not."""
    expr = site.model_expr(ctx)
    target = _sdk.resolve_node(expr, ctx, site.call) if isinstance(expr, ast.Name) else expr
    inner = _sdk.model_site(target, ctx) if isinstance(target, ast.Call) else None
    if inner is None:
        return False
    if inner.spec.get("cap") != "elsewhere":
        return True
    # An object whose cap may sit on it or on the agent (ADK ``LiteLlm(max_tokens=...)``): capped here?
    return bool(inner.spec["caps"]) and bool(_cap_verdict(inner, ctx))


def _provider_fills_cap(site: _sdk.ModelSite, ctx) -> bool:
    """The framework sends a cap itself for some providers (PydanticAI's ``"anthropic:..."``)."""
    providers = site.spec.get("autofilled_for")
    if not providers:
        return False
    resolved = _sdk.resolve_str(site.model_expr(ctx), ctx, site.call)
    if resolved is None:
        return False
    verdict = _models.classify(resolved[0])
    prefix = resolved[0].split(":", 1)[0].split("/", 1)[0]
    return prefix in providers or (verdict is not None and verdict.provider in providers)


def _capped_by_user(site: _sdk.ModelSite, ctx) -> bool:
    """A model object built inline for a site that carries the cap (``Agent(OpenAIModel(...),
    model_settings={"max_tokens": ...})``): the framework merges the two settings."""
    parent = ctx.parent(site.call)
    if isinstance(parent, ast.keyword):
        parent = ctx.parent(parent)
    if not isinstance(parent, ast.Call):
        return False
    outer = _sdk.model_site(parent, ctx)
    return outer is not None and outer.call is not site.call and bool(_cap_verdict(outer, ctx))


def _cap_verdict(site: _sdk.ModelSite, ctx) -> bool | None:
    """True capped, False uncapped, None cannot tell (never guess)."""
    caps = set(site.spec["caps"])
    node = site.call
    if site.keyword(caps) is not None:
        return True
    container = site.spec.get("cap_in")
    unknown = False
    if container:
        given, found = _sdk.container_setting(node, container, caps, ctx)
        if given is not None and found is None:
            unknown = True
        elif found:
            return True
        container = container.split(".")[0]
    for kw in site.call.keywords:  # ``model_kwargs={...}``: a dict of extra parameters may carry the cap
        if kw.arg and kw.arg != container and (kw.arg in EXTRA_PARAMETERS or kw.arg.endswith("_kwargs")):
            found = _sdk.has_setting(kw.value, caps, ctx, node)
            if found is None:
                unknown = True
            elif found:
                return True
    configurable = site.keyword("configurable_fields")  # LangChain: the cap is chosen per run
    if configurable is not None and not (isinstance(configurable.value, (ast.Tuple, ast.List)) and not any(
            isinstance(e, ast.Constant) and e.value in caps for e in configurable.value.elts)):
        unknown = True
    for star in site.star_kwargs:
        found = _sdk.has_setting(star, caps | ({container} if container else set()), ctx, node)
        if found is None:
            unknown = True
        elif found:
            return True
    if site.spec.get("cap_in_dicts"):  # AG2 ``LLMConfig({...})`` / ``LLMConfig(config_list=[{...}])``
        kw = site.keyword("config_list")
        entries = list(node.args)
        if kw is not None:
            listed = _sdk.resolve_node(kw.value, ctx, node)
            entries += listed.elts if isinstance(listed, (ast.List, ast.Tuple)) else [kw.value]
        for entry in entries:
            found = _sdk.has_setting(entry, caps, ctx, node)
            if found is None:
                unknown = True
            elif found:
                return True
    if _bound_with_cap(node, caps, ctx):
        return True
    return None if unknown else False


def _bound_with_cap(node: ast.Call, caps: set[str], ctx) -> bool:
    """``ChatOpenAI(...).bind(max_tokens=...)`` caps every call made through the bound model."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Attribute) and parent.attr == "bind":
        call = ctx.parent(parent)
        return isinstance(call, ast.Call) and any(kw.arg in caps for kw in call.keywords)
    return False
