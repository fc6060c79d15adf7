"""A market-research crew on CrewAI: what readiness must report, and look-alikes it must not."""
from crewai import LLM, Agent, Crew, Process, Task
from crewai.tools import tool


@tool("Competitor prices")
def competitor_prices(product: str) -> str:
    """Look up the listed prices of a product at known competitors."""
    return f"{product}: 19.99 / 21.50"


fast = LLM(model="gpt-4o", temperature=0.3)  # expect: RDY101 RDY301
steady = LLM(model="openai/gpt-4.1-2025-04-14", max_tokens=800)  # ok
careful = LLM(model="anthropic/claude-sonnet-4-6", max_completion_tokens=1200)  # ok
local = LLM(model="ollama/llama3.1:8b")  # expect: RDY301

analyst = Agent(role="Analyst", goal="Compare prices", backstory="Retail analyst", llm=steady, tools=[competitor_prices], max_iter=6)  # ok
writer = Agent(role="Writer", goal="Write the brief", backstory="Editor", llm=careful)  # expect: RDY302
intern = Agent(role="Intern", goal="Collect links", backstory="New hire", max_iter=3)  # expect: RDY102
scout = Agent(role="Scout", goal="Find competitors", backstory="Field researcher", llm="gpt-4o-mini", max_execution_time=120)  # expect: RDY101
checker = Agent(role="Checker", goal="Check numbers", backstory="Auditor", llm=local, max_iter=4)  # ok

compare = Task(description="Compare our price for {product}", expected_output="A table", agent=analyst)
brief = Task(description="Write a one-page brief", expected_output="Markdown", agent=writer, human_input=True)

crew = Crew(agents=[analyst, writer], tasks=[compare, brief], process=Process.sequential)  # ok
managed = Crew(agents=[analyst, writer, checker], tasks=[compare, brief], process=Process.hierarchical, manager_llm="gpt-4o")  # expect: RDY101
planned = Crew(agents=[analyst, writer], tasks=[compare, brief], planning=True, planning_llm="openai/gpt-4.1-2025-04-14")  # ok


def run(product: str):
    return crew.kickoff(inputs={"product": product})
