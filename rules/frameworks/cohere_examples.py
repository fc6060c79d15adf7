"""Knowledge-base answerer on the Cohere SDK: what readiness must report, and look-alikes it must not."""
import cohere

co = cohere.ClientV2()
aco = cohere.AsyncClientV2()
legacy = cohere.Client()
QUESTION = [{"role": "user", "content": "How do I reset my router?"}]
LIMITS = {"max_tokens": 350, "temperature": 0.2}


def answer() -> object:
    return co.chat(model="command-r-plus", messages=QUESTION)  # expect: RDY101 RDY301


def answer_pinned() -> object:
    return co.chat(model="command-a-03-2025", messages=QUESTION, max_tokens=500)  # ok


def answer_shared_limits() -> object:
    return co.chat(model="command-a-03-2025", messages=QUESTION, **LIMITS)  # ok


def answer_streamed() -> object:
    return co.chat_stream(model="command-r-08-2024", messages=QUESTION, temperature=0.1)  # expect: RDY301


async def answer_async() -> object:
    return await aco.chat(model="command-r7b-12-2024", messages=QUESTION, max_tokens=300)  # ok


def answer_v1(text: str) -> object:
    return legacy.chat(message=text, model="command-r", max_tokens=300)  # expect: RDY101
