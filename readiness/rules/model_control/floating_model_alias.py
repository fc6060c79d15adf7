"""RDY101: a model ID that the provider can repoint to a different model."""
from __future__ import annotations

from readiness.model import Severity
from readiness.rule import Example, FixExample
from readiness.analysis import models as _models
from readiness.analysis.model_ids import ModelIdRule, Verdict


class FloatingModelAlias(ModelIdRule):
    """
    ## What it finds
    A model ID that is an alias rather than a fixed snapshot: `gpt-4o` instead of
    `gpt-4o-2024-08-06`, `claude-sonnet-4-5` instead of `claude-sonnet-4-5-20250929`, anything
    ending in `-latest`, Gemini 1.x/2.0 bare names, experimental and preview models. It looks at
    the model argument of every site the framework profiles declare (`rules/frameworks/`),
    following constants across modules, `os.getenv` defaults and project wrappers, and at model
    IDs wherever they are set: keywords and dict keys named like a model, model-named constants,
    fields and parameter defaults, `.get("model", ...)` defaults, argparse `--model` defaults, and
    model keys in YAML, TOML, JSON and `.env` files (not in data a program wrote: results, logs,
    datasets). Eval code is checked too: a judge on a floating model is not reproducible.

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
    fix_hint = "Pin the dated or versioned snapshot ID and upgrade deliberately after evals pass"
    # Where rules/data/models.yaml maps the alias to a snapshot with no announced shutdown; the table
    # says when it was compiled. Aliases without one (gpt-4o today) get the hint only.
    fix_examples = [
        FixExample("""
            import anthropic

            def ask(client: anthropic.Anthropic, question: str):
                # the cheap model for triage
                return client.messages.create(
                    model = 'claude-haiku-4-5' ,   # keep me
                    max_tokens=300,
                    messages=[{"role": "user", "content": question}],
                )
        """, """
            import anthropic

            def ask(client: anthropic.Anthropic, question: str):
                # the cheap model for triage
                return client.messages.create(
                    model = 'claude-haiku-4-5-20251001' ,   # keep me
                    max_tokens=300,
                    messages=[{"role": "user", "content": question}],
                )
        """),
        FixExample("""
            llm:
              provider: mistral
              model: mistral-large-latest   # production
              temperature: 0
        """, """
            llm:
              provider: mistral
              model: mistral-large-2512   # production
              temperature: 0
        """, path="config/agent.yaml"),
        FixExample("""
            [agent]
            model = "codestral-latest"  # code review
        """, """
            [agent]
            model = "codestral-2508"  # code review
        """, path="settings.toml"),
        FixExample("""
            COHERE_MODEL=command-r
            COHERE_PLUS_MODEL=command-r-plus
        """, """
            COHERE_MODEL=command-r-08-2024
            COHERE_PLUS_MODEL=command-r-plus-08-2024
        """, path=".env"),
    ]
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
        Example("""
            from langchain_openai import ChatOpenAI
            def get_llm(model: str = "gpt-4o-2024-08-06"):
                return ChatOpenAI(model=model, max_tokens=500)
            def label(model="gpt-4o"):  # a parameter that never reaches a model call
                return f"running {model}"
        """),
        Example("""
            from autogen import LLMConfig
            llm_config = LLMConfig({"api_type": "azure", "model": "gpt-4o", "max_tokens": 400})
        """),
        Example("""
            import google.generativeai as genai
            genai.GenerativeModel("models/gemini-1.5-pro-exp-0801", generation_config={"max_output_tokens": 256})
        """),
        # One pinned example per framework the rule reads (the matching invalid ones are below;
        # Bedrock base IDs are always versioned, so Bedrock has no floating example).
        Example("""
            import boto3
            brt = boto3.client("bedrock-runtime")
            brt.converse(modelId="anthropic.claude-3-5-sonnet-20241022-v2:0", messages=[], inferenceConfig={"maxTokens": 300})
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
            from langchain.chat_models import init_chat_model
            llm = init_chat_model("anthropic:claude-sonnet-4-6", max_tokens=400)
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            agent = create_react_agent("openai:gpt-4o-2024-08-06", tools=[])
        """),
        Example("""
            from crewai import Agent
            writer = Agent(role="writer", goal="g", backstory="b", llm="anthropic/claude-sonnet-4-6", max_iter=5)
        """),
        Example("""
            from pydantic_ai import Agent
            agent = Agent("anthropic:claude-opus-4-5-20251101")
        """),
        Example("""
            from llama_index.llms.openai import OpenAI
            llm = OpenAI(model="gpt-4o-mini-2024-07-18", max_tokens=256)
        """),
        Example("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient
            client = OpenAIChatCompletionClient(model="gpt-4.1-2025-04-14", max_tokens=500)
        """),
        Example("""
            from smolagents import LiteLLMModel
            model = LiteLLMModel(model_id="anthropic/claude-3-5-haiku-20241022", max_tokens=500)
        """),
        Example("""
            import dspy
            dspy.configure(lm=dspy.LM("openai/gpt-4o-mini-2024-07-18", max_tokens=300))
        """),
        Example("""
            import litellm
            litellm.completion(model="gemini/gemini-1.5-pro-002", messages=[], max_tokens=100)
        """),
        Example("""
            from openai import OpenAI
            OpenAI().beta.assistants.create(name="helper", model="gpt-4o-2024-08-06", instructions="Help.")
        """),
        Example("""
            from vertexai.generative_models import GenerativeModel
            model = GenerativeModel("gemini-1.5-pro-002", generation_config={"max_output_tokens": 256})
        """),
        Example("""
            from openai import OpenAI
            speech = OpenAI().audio.speech.create(model="gpt-4o-mini-tts", voice="alloy", input="hi")
            text = OpenAI().audio.transcriptions.create(model="gpt-4o-transcribe", file=open("a.wav", "rb"))
            image = OpenAI().images.generate(model="gpt-image-1", prompt="a cat")
        """),
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
            agent = Agent(name="triage", model="gpt-5.1", model_settings=ModelSettings(max_tokens=400))  # expect: RDY101
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
        Example("""
            from langchain_openai import ChatOpenAI
            def get_llm(model: str = "gpt-4.1-mini", temperature: float = 0):  # expect: RDY101
                name = model
                return ChatOpenAI(model=name, temperature=temperature, max_tokens=500)
            fast = get_llm()
            smart = get_llm(model="gpt-4o")  # expect: RDY101
        """),
        Example(files={
            "lib/lm.py": '''
                import litellm
                class ChatModel:
                    def __init__(self, model, max_tokens=500):
                        self.model = model
                        self.max_tokens = max_tokens
                    def __call__(self, messages):
                        return litellm.completion(model=self.model, messages=messages, max_tokens=self.max_tokens)
            ''',
            "run.py": '''
                import os
                from lib.lm import ChatModel
                ModelClass = ChatModel if os.getenv("PROVIDER") == "openai" else None
                writer = ModelClass(model="anthropic/claude-3-5-sonnet-latest")  # expect: RDY101
                editor = ChatModel("openai/gpt-4o-mini-2024-07-18")
            ''',
        }),
        Example("""
            import anthropic
            def sample(client: anthropic.Anthropic, msgs):
                return client.beta.messages.with_raw_response.create(model="claude-3-7-sonnet-latest", max_tokens=900, messages=msgs)  # expect: RDY101
        """),
        Example("""
            from agents import Agent, ModelSettings
            MODEL = "gpt-4.1-mini"  # expect: RDY101
            triage = Agent[dict](name="triage", model=MODEL, model_settings=ModelSettings(max_tokens=200))
        """),
        Example("""
            from autogen import LLMConfig
            llm_config = LLMConfig({"api_type": "openai", "model": "gpt-5-nano", "max_tokens": 400})  # expect: RDY101
        """),
        Example("""
            import google.generativeai as genai
            model = genai.GenerativeModel("models/gemini-1.5-flash", generation_config={"max_output_tokens": 256})  # expect: RDY101
        """),
        Example("""
            from mistralai import Mistral
            Mistral(api_key="k").chat.complete(model="mistral-large-latest", messages=[], max_tokens=200)  # expect: RDY101
        """),
        Example("""
            import cohere
            cohere.ClientV2().chat(model="command-r-plus", messages=[], max_tokens=200)  # expect: RDY101
        """),
        Example("""
            from langchain.chat_models import init_chat_model
            llm = init_chat_model("openai:gpt-4o", max_tokens=400)  # expect: RDY101
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            agent = create_react_agent("anthropic:claude-3-7-sonnet-latest", tools=[])  # expect: RDY101
        """),
        Example("""
            from crewai import Agent
            writer = Agent(role="writer", goal="g", backstory="b", llm="gpt-4o-mini", max_iter=5)  # expect: RDY101
        """),
        Example("""
            from pydantic_ai import Agent
            agent = Agent("openai:gpt-4.1")  # expect: RDY101
        """),
        Example("""
            from llama_index.llms.anthropic import Anthropic
            llm = Anthropic(model="claude-3-5-haiku-latest")  # expect: RDY101
        """),
        Example("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient
            client = OpenAIChatCompletionClient(model="gpt-4o", max_tokens=500)  # expect: RDY101
        """),
        Example("""
            from smolagents import OpenAIServerModel
            model = OpenAIServerModel(model_id="gpt-4o", max_tokens=500)  # expect: RDY101
        """),
        Example("""
            import dspy
            dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", max_tokens=300))  # expect: RDY101
        """),
        Example("""
            import litellm
            litellm.completion("gemini/gemini-1.5-pro", messages=[], max_tokens=100)  # expect: RDY101
        """),
        Example("""
            from openai import OpenAI
            OpenAI().beta.assistants.create(name="helper", model="gpt-4o", instructions="Help.")  # expect: RDY101
        """),
        Example("""
            from vertexai.generative_models import GenerativeModel
            model = GenerativeModel("gemini-1.5-pro", generation_config={"max_output_tokens": 256})  # expect: RDY101
        """),
    ]

    def judge(self, value: str, sdk: str) -> Verdict | None:
        verdict = _models.classify(value, sdk)
        if verdict is None or verdict.status in (_models.OPAQUE, _models.PREVIEW):
            return None
        if verdict.status != _models.PINNED and _models.retired_now(value):
            return None  # RDY105 reports it: pinning a shut-down alias is not the fix, moving is
        if verdict.status == _models.PINNED:
            return Verdict(True, f"pinned model `{value}`")
        hint = f"Pin `{verdict.suggestion}` (or a newer snapshot after evals)" if verdict.suggestion else ""
        return Verdict(False, f"`{value}` is {verdict.reason}", hint, pin=verdict.suggestion)
