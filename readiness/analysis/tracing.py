"""Which model calls a project's tracing records: the tracing coverage map.

Each tracing setup is classified (``rules/data/tracing.yaml`` ``coverage``) as tracing every library
(``all``), some library families, ``scoped`` (decorators, manual spans: only what the code wraps) or
``weak`` (logs). Each model call site belongs to one library family. A site is traced when its
family is covered; when a scoped setup exists, uncovered sites are "unknown", never "untraced".
"""
from __future__ import annotations

import ast

from readiness.pack import data
from readiness.analysis import sdk as _sdk

# Library family of a model site, by the top-level package of its qualified name.
FAMILY_OF_PACKAGE = {
    "openai": "openai", "anthropic": "anthropic", "agents": "openai_agents", "crewai": "crewai",
    "pydantic_ai": "pydantic_ai", "llama_index": "llama_index", "smolagents": "smolagents", "dspy": "dspy",
    "litellm": "litellm", "mistralai": "mistralai", "cohere": "cohere", "groq": "groq", "ollama": "ollama",
    "autogen": "autogen", "autogen_agentchat": "autogen", "autogen_ext": "autogen", "autogen_core": "autogen",
    "boto3": "bedrock", "haystack": "haystack", "claude_agent_sdk": "claude_agent_sdk", "instructor": "instructor",
    "vertexai": "google_genai", "strands": "strands",
}
# Family of method-chain sites (``client.chat.completions.create``) by their sdk label.
FAMILY_OF_SDK = {
    "openai": "openai", "openai-responses": "openai", "azure": "openai", "anthropic": "anthropic",
    "google-genai": "google_genai", "google": "google_genai", "mistral": "mistralai", "cohere": "cohere",
    "bedrock": "bedrock", "litellm": "litellm", "ollama": "ollama", "groq": "groq",
}


def site_family(site: "_sdk.ModelSite", ctx) -> str:
    qn = site.qualname or ctx.qualname(site.call.func) or ""
    root = qn.split(".")[0]
    if root.startswith(("langchain", "langgraph")):
        return "langchain"
    if qn.startswith("google.adk"):
        return "adk"
    if qn.startswith(("google.genai", "google.generativeai")):
        return "google_genai"
    if root in FAMILY_OF_PACKAGE and "." in qn:
        return FAMILY_OF_PACKAGE[root]
    return FAMILY_OF_SDK.get(site.sdk, site.sdk)




def coverage(qn: str, label: str) -> str:
    """``all``, ``scoped``, ``weak`` or a comma-separated list of families for one tracing setup."""
    tables = data("tracing")
    for marker in ("opentelemetry.instrumentation.", "openinference.instrumentation."):
        if qn.startswith(marker):
            name = qn[len(marker):].split(".")[0]
            family = tables["instrumented_families"].get(name)
            return family or "scoped"
    found = _sdk.nearest_prefix(qn, tables["coverage"]) if qn else tables["coverage"].get(label)
    if found is None:
        return "scoped"
    return ",".join(found) if isinstance(found, list) else found


def auto_instrumenting(node: ast.Call, qn: str) -> bool:
    """``phoenix.otel.register(auto_instrument=True)`` instruments every installed library."""
    return qn == "phoenix.otel.register" and isinstance(_sdk.keyword_value(node, "auto_instrument"), ast.Constant) \
        and _sdk.keyword_value(node, "auto_instrument").value is True


def summarise(covers) -> tuple[str, set[str], list[str]]:
    """(mode, families, labels) from ``trace-cover`` facts."""
    if not covers:
        return "none", set(), []
    labels = sorted({c.value.rsplit("|", 1)[0] for c in covers})
    kinds = [c.value.rsplit("|", 1)[1] for c in covers]
    if "all" in kinds:
        return "all", set(), labels
    families = {family for kind in kinds if kind not in ("scoped", "weak") for family in kind.split(",")}
    if "scoped" in kinds:
        return "scoped", families, labels
    if not families:
        return "weak", set(), labels
    return "families", families, labels


def coverage_summary(ctx) -> tuple[str, set[str], list[str]]:
    """(mode, families, labels) of the project's tracing: mode is none | weak | scoped | all | families."""
    return summarise(ctx.facts("trace-cover", roles=("prod",)))
