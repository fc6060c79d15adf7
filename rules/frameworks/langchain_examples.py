"""A research assistant on LangChain: what readiness must report, and look-alikes it must not."""
from langchain.agents import create_agent
from langchain.chat_models import init_chat_model
from langchain_anthropic import ChatAnthropic
from langchain_aws import ChatBedrock, ChatBedrockConverse
from langchain_classic.agents import AgentExecutor, create_tool_calling_agent
from langchain_core.tools import tool
from langchain_google_genai import ChatGoogleGenerativeAI
from langchain_mistralai import ChatMistralAI
from langchain_ollama import ChatOllama
from langchain_openai import AzureChatOpenAI, ChatOpenAI

BEDROCK_CLAUDE = "anthropic.claude-sonnet-4-6-v1:0"


@tool
def search_notes(query: str) -> str:
    """Search the team's research notes."""
    return f"no notes about {query}"


drafter = ChatOpenAI(model="gpt-4o", temperature=0)  # expect: RDY101 RDY301
editor = ChatOpenAI(model="gpt-4.1-2025-04-14", max_completion_tokens=800)  # ok
fallback = ChatOpenAI(max_tokens=300)  # expect: RDY102
azure = AzureChatOpenAI(azure_deployment="notes-gpt", api_version="2024-10-21")  # expect: RDY301
claude = ChatAnthropic(model="claude-sonnet-4-5")  # expect: RDY101
reviewer = ChatAnthropic(model_name="claude-sonnet-4-6")  # ok
gemini = ChatGoogleGenerativeAI(model="gemini-3-flash")  # expect: RDY301
gemini_capped = ChatGoogleGenerativeAI(model="gemini-3-flash", max_output_tokens=1024)  # ok
summariser = ChatMistralAI(max_tokens=400)  # expect: RDY102
local = ChatOllama(model="llama3.1", num_predict=256)  # expect: RDY101
local_pinned = ChatOllama(model="llama3.1:8b", num_predict=256)  # ok
bedrock = ChatBedrockConverse(model=BEDROCK_CLAUDE)  # expect: RDY301
bedrock_legacy = ChatBedrock(model_id=BEDROCK_CLAUDE, model_kwargs={"max_tokens": 512})  # ok
router = init_chat_model("openai:gpt-4.1-2025-04-14")  # expect: RDY301
router_capped = init_chat_model("anthropic:claude-sonnet-4-6", max_tokens=700)  # ok

researcher = create_agent(editor, tools=[search_notes], system_prompt="Cite your notes.")
scout = create_agent("openai:gpt-4o-mini", tools=[search_notes])  # expect: RDY101


def ask(question: str) -> dict:
    return researcher.invoke({"messages": [{"role": "user", "content": question}]})  # expect: RDY302


def ask_bounded(question: str) -> dict:
    return researcher.invoke({"messages": [{"role": "user", "content": question}]}, {"recursion_limit": 12})  # ok


def stream_scout(question: str):
    return scout.stream({"messages": [{"role": "user", "content": question}]}, config={"recursion_limit": 8})  # ok


def legacy_executor(prompt):
    agent = create_tool_calling_agent(editor, [search_notes], prompt)
    loose = AgentExecutor(agent=agent, tools=[search_notes])  # expect: RDY302
    bounded = AgentExecutor(agent=agent, tools=[search_notes], max_iterations=5)  # ok
    return loose, bounded


# Prebuilt SQL tools (sql_tool sites): the model writes the SQL and the toolkit runs it.
from langchain_community.agent_toolkits import SQLDatabaseToolkit, create_sql_agent  # noqa: E402
from langchain_community.utilities import SQLDatabase  # noqa: E402


def warehouse_agent():
    db = SQLDatabase.from_uri("postgresql://analyst@warehouse/sales")
    toolkit = SQLDatabaseToolkit(db=db, llm=editor)  # expect: RDY404
    return create_sql_agent(editor, toolkit=toolkit, max_iterations=5)  # ok: the toolkit above is the one reported


def quick_sql_agent():
    return create_sql_agent(editor, db=SQLDatabase.from_uri("sqlite:///shop.db"), max_iterations=5)  # expect: RDY404


# Prebuilt tools that act (prebuilt sites): judged with the toolkit's own selection.
from langchain_community.agent_toolkits import FileManagementToolkit, GmailToolkit  # noqa: E402

mail_tools = GmailToolkit().get_tools()  # expect: RDY201
reader_files = FileManagementToolkit(root_dir="/srv/notes", selected_tools=["read_file", "list_directory"])  # ok
editor_files = FileManagementToolkit(root_dir="/srv/notes", selected_tools=["read_file", "file_delete"])  # expect: RDY201
