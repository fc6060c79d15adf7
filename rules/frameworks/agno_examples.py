"""Help-desk agents on Agno: what readiness must report, and look-alikes it must not."""
from agno.agent import Agent
from agno.models.anthropic import Claude
from agno.models.aws import AwsBedrock
from agno.models.google import Gemini
from agno.models.litellm import LiteLLM
from agno.models.ollama import Ollama
from agno.models.openai import OpenAIChat, OpenAIResponses
from agno.team import Team
from agno.tools import tool
from agno.workflow import Loop, Step


@tool(requires_confirmation=True)
def refund(order_id: str) -> str:
    """Refund an order after a human confirms it."""
    return f"refunded {order_id}"


def search_docs(query: str) -> str:
    """Search the help centre."""
    return f"results for {query}"


fast = OpenAIChat(id="gpt-4o-mini")  # expect: RDY101 RDY301
capped = OpenAIChat(id="gpt-4o-2024-08-06", max_completion_tokens=800)  # ok
responses = OpenAIResponses("gpt-4.1-2025-04-14", request_params={"max_output_tokens": 600})  # ok
default_responses = OpenAIResponses(max_output_tokens=600)  # expect: RDY102
claude = Claude(id="claude-sonnet-4-6")  # ok
claude_alias = Claude(id="claude-3-7-sonnet-latest")  # expect: RDY101
gemini = Gemini(id="gemini-3.5-flash")  # expect: RDY301
gemini_capped = Gemini(id="gemini-3.5-flash", max_output_tokens=512)  # ok
local = Ollama(id="llama3.1", options={"num_predict": 512})  # expect: RDY101
bedrock = AwsBedrock(id="anthropic.claude-3-5-haiku-20241022-v1:0", max_tokens=700)  # ok
router = LiteLLM(id="gpt-4o-2024-08-06")  # expect: RDY301

support = Agent(name="support", model=capped, tools=[refund, search_docs])  # expect: RDY302
bounded = Agent(name="bounded", model=claude, tools=[search_docs], tool_call_limit=4)  # ok
writer = Agent(name="writer", model="openai:gpt-4.1")  # expect: RDY101
pinned_writer = Agent(name="pinned", model="anthropic:claude-sonnet-4-6")  # ok
helper = Agent(name="helper", instructions="Say hello.")  # expect: RDY102

desk = Team(name="desk", members=[support, bounded], model=capped)  # expect: RDY302
small_desk = Team(name="small", members=[bounded], model=capped, tool_call_limit=6)  # ok

review = Loop(name="review", steps=[Step(name="draft", agent=pinned_writer)])  # expect: RDY302
short_review = Loop(name="short", steps=[Step(name="draft", agent=pinned_writer)], max_iterations=2)  # ok


def answer(question: str) -> str:
    return bounded.run(question).content


# Prebuilt toolkits that act (prebuilt sites): flags that switch the acting tools on or off.
from agno.tools.email import EmailTools  # noqa: E402
from agno.tools.file import FileTools  # noqa: E402

browse_files = FileTools(base_dir="notes")  # ok (delete_file is off by default)
prune_files = FileTools(base_dir="notes", enable_delete_file=True)  # expect: RDY201
mailer = EmailTools(receiver_email="ops@example.com", sender_email="bot@example.com")  # expect: RDY201
quiet_mailer = EmailTools(receiver_email="ops@example.com", enable_email_user=False)  # ok
asked_mailer = EmailTools(receiver_email="ops@example.com", requires_confirmation_tools=["email_user"])  # ok (a person confirms)

# File-writing toolkits (file_tool sites): FileTools checks every path against base_dir; MoviePyVideoTools
# writes its output wherever the model's output_path says.
from agno.tools.moviepy_video import MoviePyVideoTools  # noqa: E402

any_folder = FileTools()  # ok (paths are checked against base_dir, the working directory by default)
captions = MoviePyVideoTools(process_video=True, generate_captions=True)  # expect: RDY405

# CodingTools runs shell commands unless its run_shell tool is switched off; GithubTools writes to
# GitHub with every tool on by default, and reads only when include_tools names lookups alone.
from agno.tools.coding import CodingTools  # noqa: E402
from agno.tools.github import GithubTools  # noqa: E402

coder_tools = CodingTools(base_dir="repos")  # expect: RDY414
reader_tools = CodingTools(base_dir="repos", enable_run_shell=False, enable_write_file=False)  # ok (no shell tool)
everything = CodingTools(base_dir="repos", enable_run_shell=False, all=True)  # expect: RDY414
triage_github = GithubTools(include_tools=["get_issue", "comment_on_issue", "label_issue"])  # expect: RDY201
read_github = GithubTools(include_tools=["get_issue", "list_issues", "search_code"])  # ok (lookups only)
