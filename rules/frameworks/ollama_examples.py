"""Local note summariser on the Ollama SDK: what readiness must report, and look-alikes it must not."""
import ollama
from ollama import AsyncClient, Client, Options

local = Client(host="http://127.0.0.1:11434")
remote = AsyncClient(host="http://127.0.0.1:11434")
NOTE = [{"role": "user", "content": "Summarise today's meeting notes."}]
BRIEF = Options(num_predict=300, temperature=0.2)


def word_count(text: str) -> int:
    """Count the words in a note."""
    return len(text.split())


def summarise() -> object:
    return ollama.chat(model="llama3.1", messages=NOTE)  # expect: RDY101 RDY301


def summarise_pinned() -> object:
    return ollama.chat("llama3.1:8b", messages=NOTE, options={"num_predict": 400})  # ok


def summarise_with_options() -> object:
    return local.chat(model="qwen2.5:7b-instruct", messages=NOTE, options=BRIEF)  # ok


def summarise_with_tools() -> object:
    return local.chat(model="qwen2.5:7b-instruct", messages=NOTE, tools=[word_count], options={"temperature": 0})  # expect: RDY301


def complete(prompt: str) -> object:
    return ollama.generate(model="gemma3", prompt=prompt, options={"num_predict": 200})  # expect: RDY101


async def complete_async(prompt: str) -> object:
    return await remote.generate("phi3:3.8b-mini-4k-instruct-q4_K_M", prompt)  # expect: RDY301
