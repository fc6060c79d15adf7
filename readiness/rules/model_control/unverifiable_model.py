"""RDY103: the model comes from an environment variable that nothing in the repository sets."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import env as _env, sdk as _sdk, wrappers as _wrappers
from readiness.analysis.model_ids import MODEL_ROLES


def env_lookup(expr: ast.expr | None, ctx, at) -> str | None:
    """The variable name when ``expr`` reads the environment with no default; else None."""
    expr = _sdk.resolve_node(expr, ctx, at) if isinstance(expr, ast.Name) else expr
    if isinstance(expr, ast.Subscript) and ctx.qualname(expr.value) == "os.environ":
        key = expr.slice
    elif isinstance(expr, ast.Call) and ctx.qualname(expr.func) in _sdk.ENV_GETTERS - {"os.environ.setdefault"}:
        if len(expr.args) != 1 or expr.keywords:
            return None
        key = expr.args[0]
    else:
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


class UnverifiableModel(Rule):
    """
    ## What it finds
    A model call whose model ID is read from an environment variable with no default
    (`model=os.environ["LLM_MODEL"]`, `os.getenv("MODEL")`), when no file in the repository sets
    that variable: no `.env` or `.env.example`, no compose or Kubernetes `environment:`, no
    Dockerfile `ENV`.

    ## Why it matters
    Which model the agent runs is then decided entirely outside the repository, per machine or
    per deployment. A reviewer cannot tell whether production runs a pinned snapshot or a moving
    alias, and two environments can quietly run different models.

    ## How to fix
    Record the intended value where it is reviewed: a pinned default in the code
    (`os.getenv("LLM_MODEL", "gpt-4o-2024-08-06")`), or the deployment config in the repository
    (compose, Helm values, `.env.example`). readiness then checks that value like any other.

    ## Example
    ```python
    client.chat.completions.create(model=os.environ["LLM_MODEL"], ...)        # unverifiable
    client.chat.completions.create(model=os.getenv("LLM_MODEL", "gpt-4o-2024-08-06"), ...)
    ```

    ## Limits
    Azure OpenAI deployment names are skipped: literal or not, the model version is set on the
    deployment. Remote configuration (LaunchDarkly AI Configs, a secrets manager) is not read; suppress the
    finding with that reason when the model is managed there.
    """

    id = "RDY103"
    name = "unverifiable-model"
    severity = Severity.NOTE
    summary = "Model ID read from an environment variable that nothing in the repository sets"
    needs_project = True
    kinds = frozenset({"python", "dotenv", "yaml", "dockerfile"})
    roles = frozenset({"prod", "example", "test", "eval"})
    fix_hint = "Give the lookup a pinned default, or commit the deployment config that sets it"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": '''
                import os
                from openai import OpenAI
                def ask(msgs):
                    return OpenAI().chat.completions.create(model=os.environ["LLM_MODEL"], messages=msgs, max_tokens=100)
            ''',
            ".env.example": "LLM_MODEL=gpt-4o-2024-08-06\n",
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": '''
                import os
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model=os.getenv("CHAT_MODEL"), max_tokens=200)
            ''',
            "deploy/compose.yaml": '''
                services:
                  bot:
                    environment:
                      CHAT_MODEL: gpt-4o-2024-08-06
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": '''
                import os
                from openai import OpenAI
                def ask(msgs):
                    return OpenAI().chat.completions.create(model=os.getenv("LLM_MODEL", "gpt-4o-2024-08-06"), messages=msgs, max_tokens=100)
            ''',
        }),
    ]
    valid.append(Example(files={
        "pyproject.toml": "[project]\nname = 'bot'\n",
        "bot/llm.py": '''
            import os
            from langchain_openai import AzureChatOpenAI
            llm = AzureChatOpenAI(azure_deployment=os.environ["AZURE_DEPLOYMENT"], max_tokens=200)
        ''',
    }))
    invalid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": '''
                import os
                from openai import OpenAI
                MODEL = os.environ["LLM_MODEL"]
                def ask(msgs):
                    return OpenAI().chat.completions.create(model=MODEL, messages=msgs, max_tokens=100)  # expect: RDY103
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bot'\n",
            "bot/llm.py": '''
                import os
                import litellm
                def ask(msgs):
                    return litellm.completion(os.getenv("ROUTER_MODEL"), messages=msgs, max_tokens=100)  # expect: RDY103
            ''',
            ".env.example": "OPENAI_API_KEY=\n",
        }),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        if ctx.role not in MODEL_ROLES:
            return
        site = _sdk.model_site(node, ctx)
        if site is not None and site.sdk == "azure":
            return  # a deployment name hides the model either way; the version lives on the deployment
        expr = site.model_expr(ctx) if site is not None else None
        if site is None:
            wrapper = _wrappers.callee_wrapper(ctx, node)
            expr = wrapper.argument(node) if wrapper is not None else None
        var = env_lookup(expr, ctx, node)
        if var:
            ctx.fact("model-env", node, var)

    def check_file(self, ctx) -> None:
        for setting in _env.env_settings(ctx):
            if setting.value:
                ctx.fact("env-set", setting.node or setting.line, setting.key)

    def check_project(self, ctx) -> None:
        defined = {fact.value for fact in ctx.facts("env-set")}
        for fact in ctx.facts("model-env", roles=MODEL_ROLES):
            if fact.value not in defined:
                ctx.report(f"the model comes from `${fact.value}`, which no file in the repository sets: "
                           "which model runs cannot be reviewed", fact, subject=fact.value)
