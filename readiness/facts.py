"""Project facts every project-level rule relies on, gathered during the file pass."""
from __future__ import annotations

import ast

from readiness.context import FileContext

# Importing any of these means the file talks to a model or runs an agent.
AGENT_MODULES = {
    "openai", "anthropic", "langchain", "langchain_core", "langchain_openai", "langchain_anthropic", "langchain_community",
    "langchain_google_genai", "langchain_google_vertexai", "langchain_aws", "langchain_mistralai", "langchain_groq",
    "langchain_ollama", "langchain_classic", "langgraph", "crewai", "agents", "pydantic_ai", "smolagents", "llama_index",
    "autogen", "autogen_agentchat", "autogen_ext", "autogen_core", "dspy", "litellm", "mistralai", "cohere", "groq",
    "ollama", "vertexai", "semantic_kernel", "haystack", "claude_agent_sdk", "strands", "instructor", "knowledge_storm",
}
GOOGLE_AGENT_PREFIXES = ("google.genai", "google.generativeai", "google.adk", "google.cloud.aiplatform")


def collect_core_facts(ctx: FileContext) -> None:
    """Record ``agent-code`` once per Python file that imports an LLM SDK or agent framework."""
    if ctx.tree is None:
        return
    for node in ctx.nodes_of(ast.Import, ast.ImportFrom):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in AGENT_MODULES or name.startswith(GOOGLE_AGENT_PREFIXES):
                ctx.fact("agent-code", node, name.split(".")[0])
                return
