"""A support-answering program on DSPy: what readiness must report, and look-alikes it must not."""
import dspy

draft_lm = dspy.LM("openai/gpt-4o-mini")  # expect: RDY101 RDY301
answer_lm = dspy.LM("anthropic/claude-opus-4-6", max_tokens=2000)  # ok
judge_lm = dspy.LM(model="openai/gpt-4.1-2025-04-14", temperature=0.0)  # expect: RDY301
dspy.configure(lm=answer_lm)


def search_docs(query: str) -> str:
    """Search the product documentation."""
    return f"docs about {query}"


def order_status(order_id: str) -> str:
    """Look up an order."""
    return f"order {order_id}: shipped"


support = dspy.ReAct("question -> answer", tools=[search_docs])  # expect: RDY302
bounded = dspy.ReAct("question -> answer", tools=[search_docs, dspy.Tool(order_status)], max_iters=6)  # ok
compact = dspy.ReAct("question -> answer", [search_docs], 4)  # ok
per_call = dspy.ReAct("question -> answer", tools=[order_status])  # ok
planner = dspy.ReActV2("goal -> plan", tools=[search_docs], max_iters=8)  # ok
coder = dspy.CodeAct("task -> result", tools=[search_docs])  # expect: RDY302
calculator = dspy.ProgramOfThought("question -> answer", max_iters=2)  # ok
solver = dspy.ProgramOfThought("question -> answer")  # expect: RDY302
reader = dspy.RLM("context, query -> answer")  # expect: RDY302
skimmer = dspy.RLM("context, query -> answer", max_iters=5, max_llm_calls=10)  # ok


def answer(question: str) -> str:
    with dspy.context(lm=draft_lm):
        first = support(question=question).answer
    checked = per_call(question=first, max_iters=3).answer
    return bounded(question=checked).answer
