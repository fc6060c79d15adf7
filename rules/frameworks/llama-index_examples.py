"""Docs assistant on LlamaIndex: the lines readiness must report (expect) and their look-alikes (ok)."""
from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent, ReActAgent
from llama_index.core.tools import FunctionTool
from llama_index.llms.anthropic import Anthropic
from llama_index.llms.azure_openai import AzureOpenAI
from llama_index.llms.gemini import Gemini
from llama_index.llms.google_genai import GoogleGenAI
from llama_index.llms.mistralai import MistralAI
from llama_index.llms.ollama import Ollama
from llama_index.llms.openai import OpenAI


def search_docs(query: str) -> str:
    """Search the product documentation."""
    return f"3 pages about {query}"


search_tool = FunctionTool.from_defaults(fn=search_docs)

default_llm = OpenAI(temperature=0)  # expect: RDY102 RDY301
alias_llm = OpenAI(model="gpt-4o", max_tokens=512)  # expect: RDY101
llm = OpenAI(model="gpt-4o-2024-08-06", max_tokens=512)  # ok
writer_llm = Anthropic(model="claude-sonnet-4-6")  # ok
old_claude = Anthropic(temperature=0.2)  # expect: RDY102
mistral = MistralAI()  # expect: RDY102
azure_llm = AzureOpenAI(engine="docs-chat", api_version="2024-10-21")  # expect: RDY301
genai_llm = GoogleGenAI(model="gemini-3.7-flash")  # expect: RDY301
genai_capped = GoogleGenAI(model="gemini-3.7-flash", max_tokens=600)  # ok
gemini_llm = Gemini(model="models/gemini-1.5-flash", max_tokens=400)  # expect: RDY101 RDY301
gemini_capped = Gemini(model="models/gemini-3.7-flash", generation_config={"max_output_tokens": 400})  # ok
local_llm = Ollama(model="llama3.1:8b", additional_kwargs={"num_predict": 300})  # ok

agent = FunctionAgent(tools=[search_tool], llm=llm, system_prompt="Answer from the docs.")
react = ReActAgent(tools=[search_tool], llm=writer_llm)
workflow = AgentWorkflow.from_tools_or_functions([search_docs], llm=llm)


async def answer(question: str) -> str:
    first = await agent.run(user_msg=question)  # expect: RDY302
    second = await agent.run(user_msg=question, max_iterations=6)  # ok
    third = await react.run(user_msg=question, max_iterations=4)  # ok
    fourth = await workflow.run(user_msg=question)  # expect: RDY302
    return "\n".join(str(r) for r in (first, second, third, fourth))


# Pandas query engines evaluate the pandas code the model writes, in this process.
import pandas as _pd  # noqa: E402
from llama_index.experimental.query_engine import PandasQueryEngine  # noqa: E402

population = PandasQueryEngine(df=_pd.DataFrame({"city": ["Oslo"]}), verbose=True)  # expect: RDY414
