#!/usr/bin/env python3
"""Generate a synthetic tree of AI-agent Python code to benchmark `readiness` against.

The tree imitates what real agent repositories look like: OpenAI / Anthropic SDK calls,
LangChain, LangGraph, CrewAI, OpenAI Agents SDK and smolagents setups, tool functions that
shell out or delete files, unbounded loops, dataclasses and long docstrings.  Output is fully
determined by (--files, --seed): every module gets its own RNG, so file i is identical no
matter how many files are generated.

Usage: python bench/generate_tree.py OUT_DIR [--files N] [--seed S]
"""

from __future__ import annotations

import argparse
import base64
import random
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACKAGES = (
    "research_agent", "support_bot", "billing_tools", "code_review", "data_pipeline",
    "sales_assistant", "triage", "doc_qa", "scheduler", "web_scout", "ops_copilot",
    "claims_processing", "hr_helpdesk", "legal_summarizer", "shopping_assistant",
    "incident_bot", "translation", "memory_store", "evaluation", "orchestrator",
)

# (framework, weight): which agent stack a module is written against; None = plain helpers.
FRAMEWORKS = (
    ("openai", 22), ("anthropic", 16), ("langchain", 14), ("langgraph", 10),
    ("crewai", 10), ("agents", 14), ("smolagents", 6), (None, 8),
)

OPENAI_PINNED = ("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-4.1-2025-04-14",
                 "gpt-4.1-mini-2025-04-14", "o3-mini-2025-01-31")
OPENAI_FLOATING = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "chatgpt-4o-latest")
ANTHROPIC_PINNED = ("claude-sonnet-4-20250514", "claude-3-5-haiku-20241022",
                    "claude-opus-4-1-20250805", "claude-3-7-sonnet-20250219")
ANTHROPIC_FLOATING = ("claude-sonnet-4-0", "claude-3-5-sonnet-latest", "claude-3-7-sonnet-latest",
                      "claude-opus-4-1")

VERBS = ("fetch", "load", "parse", "rank", "summarize", "route", "classify", "extract", "merge",
         "score", "render", "resolve", "sync", "plan", "draft", "review", "lookup", "index",
         "normalize", "enrich", "dispatch", "collect", "validate", "archive")
NOUNS = ("ticket", "invoice", "document", "query", "customer", "order", "report", "message",
         "record", "chunk", "account", "lead", "claim", "policy", "event", "task", "note",
         "contract", "profile", "receipt", "article", "alert", "session", "snippet")
ADJECTIVES = ("pending", "raw", "cached", "latest", "primary", "stale", "remote", "local",
              "draft", "final", "urgent", "shared")
ROLES = ("Researcher", "Analyst", "Support Specialist", "Editor", "Planner", "Reviewer",
         "Triage Lead", "Data Engineer", "Writer", "Auditor")
SENTENCES = (
    "The caller is responsible for trimming the input before it reaches the model.",
    "Results are cached per session so repeated questions do not cost extra tokens.",
    "This mirrors the behaviour of the legacy service and should stay backwards compatible.",
    "Errors are logged and swallowed because the upstream queue retries on its own.",
    "Large payloads are chunked into windows that fit comfortably in the context window.",
    "The ordering of the returned items is stable, which the dashboard relies on.",
    "Only the first matching record is used; duplicates are reported but ignored.",
    "Timeouts here are deliberately generous because the partner API is slow at night.",
    "Keep this function pure: the evaluation harness calls it thousands of times.",
    "See the runbook for how to rotate the credentials this module reads from the env.",
    "The prompt below was tuned by hand; change it together with the golden examples.",
    "Tool output is truncated so a single noisy tool cannot flood the conversation.",
)


@dataclass
class FileCtx:
    """Per-module generation state: the RNG, chosen framework and names already used."""

    rng: random.Random
    framework: str | None
    also_openai: bool = False
    names: set[str] = field(default_factory=set)
    tools: list[str] = field(default_factory=list)

    def unique(self, base: str) -> str:
        """Return `base`, suffixed if needed, so no two top-level names in a module collide."""
        name, n = base, 2
        while name in self.names:
            name, n = f"{base}_{n}", n + 1
        self.names.add(name)
        return name

    def func_name(self) -> str:
        """A verb_noun identifier such as `rank_pending_ticket`."""
        r = self.rng
        parts = [r.choice(VERBS)] + ([r.choice(ADJECTIVES)] if r.random() < 0.3 else []) + [r.choice(NOUNS)]
        return self.unique("_".join(parts))

    def class_name(self, suffix: str) -> str:
        """A CamelCase identifier such as `InvoiceRouter`."""
        r = self.rng
        return self.unique(r.choice(NOUNS).title() + r.choice(VERBS).title().rstrip("e") + suffix)

    def model(self, vendor: str) -> str:
        """A model ID: dated/pinned about half the time, otherwise a floating alias."""
        pinned, floating = {
            "openai": (OPENAI_PINNED, OPENAI_FLOATING),
            "anthropic": (ANTHROPIC_PINNED, ANTHROPIC_FLOATING),
        }[vendor]
        return self.rng.choice(pinned if self.rng.random() < 0.5 else floating)

    def sentences(self, lo: int, hi: int) -> list[str]:
        """A few prose sentences for docstrings and READMEs."""
        return self.rng.sample(SENTENCES, self.rng.randint(lo, min(hi, len(SENTENCES))))

    def tool_list(self) -> str:
        """Python list literal of tools defined so far in this module."""
        return "[" + ", ".join(self.tools[:4]) + "]"


# --------------------------------------------------------------------------- header

FRAMEWORK_IMPORTS = {
    "openai": (["from openai import OpenAI"], ["import openai"]),
    "anthropic": (["import anthropic"], ["from anthropic import Anthropic"]),
    "langchain": ([
        "from langchain.agents import AgentExecutor, create_tool_calling_agent",
        "from langchain_core.prompts import ChatPromptTemplate",
        "from langchain_core.tools import tool",
        "from langchain_openai import ChatOpenAI",
    ],),
    "langgraph": ([
        "from langchain_core.tools import tool",
        "from langchain_openai import ChatOpenAI",
        "from langgraph.prebuilt import create_react_agent",
    ],),
    "crewai": (["from crewai import Agent, Crew, Process, Task", "from crewai.tools import tool"],),
    "agents": (["from agents import Agent, Runner, function_tool"],),
    "smolagents": (["from smolagents import CodeAgent, LiteLLMModel, ToolCallingAgent, tool"],),
}

TOOL_DECORATOR = {"langchain": "@tool", "langgraph": "@tool", "crewai": "@tool",
                  "smolagents": "@tool", "agents": "@function_tool"}


def synthetic_key(rng: random.Random) -> tuple[str, str]:
    """Assemble a format-valid but obviously synthetic provider key at run time.

    Built from fragments so this generator's own source contains nothing a secret scanner
    would flag; only the generated tree does, which is what the benchmark wants.
    """
    filler = "BenchSynthetic0" * 8
    if rng.random() < 0.5:
        marker = base64.b64encode(b"OpenAI").decode()
        return "OPENAI_API_KEY", "sk-" + "proj-" + filler[:64] + marker + filler[3:67]
    return "ANTHROPIC_API_KEY", "sk-" + "ant-" + "api03-" + filler[:93] + "A" + "A"


def header(ctx: FileCtx, module: str) -> list[str]:
    """Module docstring, imports and module-level client/model setup."""
    r = ctx.rng
    title = module.rsplit("_", 1)[0].replace("_", " ").capitalize()
    doc = [f'"""{title}: {r.choice(SENTENCES)[:-1].lower()}.']
    if r.random() < 0.6:
        doc += [""] + ctx.sentences(1, 4)
    doc += ['"""'] if len(doc) > 1 else []
    if len(doc) == 1:
        doc[0] += '"""'
    lines = doc + ["", "from __future__ import annotations", ""]
    stdlib = ["import json", "import logging", "import os", "import subprocess", "import time"]
    if ctx.framework == "agents":
        stdlib.insert(0, "import asyncio")
    lines += stdlib + ["from dataclasses import dataclass, field", "from typing import Any", "", "import requests"]
    if ctx.framework:
        lines += r.choice(FRAMEWORK_IMPORTS[ctx.framework])
    if ctx.also_openai:
        lines.append("from openai import OpenAI")
    lines += ["", "logger = logging.getLogger(__name__)"]
    if r.random() < 0.5:
        vendor = "anthropic" if ctx.framework == "anthropic" else "openai"
        ctx.names.add("DEFAULT_MODEL")
        lines.append(f'DEFAULT_MODEL = os.getenv("MODEL", "{ctx.model(vendor)}")')
    if r.random() < 0.02:
        var, key = synthetic_key(r)
        lines += ["# synthetic benchmark credential, generated on purpose", f'{var} = "{key}"']
    lines += client_setup(ctx, lines)
    return lines


def client_setup(ctx: FileCtx, imports: list[str]) -> list[str]:
    """Module-level SDK client, constructed the way the chosen import style implies."""
    fw = ctx.framework
    if fw == "openai" or ctx.also_openai:
        ctor = "openai.OpenAI" if "import openai" in imports else "OpenAI"
        args = ctx.rng.choice(["", "", "timeout=30.0", "max_retries=2", 'api_key=os.environ["OPENAI_API_KEY"]'])
        ctx.names.add("client")
        return [f"client = {ctor}({args})"]
    if fw == "anthropic":
        ctor = "Anthropic" if "from anthropic import Anthropic" in imports else "anthropic.Anthropic"
        args = ctx.rng.choice(["", "", "max_retries=3", "timeout=60.0"])
        ctx.names.add("client")
        return [f"client = {ctor}({args})"]
    return []


# --------------------------------------------------------------------------- generic blocks

def block_dataclass(ctx: FileCtx) -> list[str]:
    """A settings dataclass, sometimes with an env-driven model field."""
    r = ctx.rng
    name = ctx.class_name(r.choice(["Config", "Settings", "State", "Result"]))
    lines = ["", "", "@dataclass", f"class {name}:", f'    """{r.choice(SENTENCES)}"""', ""]
    if r.random() < 0.5:
        lines.append(f'    model: str = os.getenv("MODEL", "{ctx.model("openai")}")')
    fields = [
        f"    temperature: float = {r.choice(['0.0', '0.2', '0.7'])}",
        f"    max_retries: int = {r.randint(1, 6)}",
        "    tags: list[str] = field(default_factory=list)",
        "    metadata: dict[str, Any] = field(default_factory=dict)",
        f"    {r.choice(NOUNS)}_id: str = \"\"",
        f"    timeout_s: float = {r.randint(5, 120)}.0",
        "    enabled: bool = True",
    ]
    lines += r.sample(fields, r.randint(2, len(fields)))
    if r.random() < 0.5:
        lines += ["", "    def as_dict(self) -> dict[str, Any]:",
                  '        """Serialise for logging; drops empty values."""',
                  "        return {k: v for k, v in self.__dict__.items() if v not in (None, \"\", [], {})}"]
    return lines


def block_helper_class(ctx: FileCtx) -> list[str]:
    """A small stateful helper with a few methods, comprehensions and try/except."""
    r = ctx.rng
    name = ctx.class_name(r.choice(["Store", "Router", "Cache", "Client", "Registry", "Buffer"]))
    noun = r.choice(NOUNS)
    lines = ["", "", f"class {name}:", f'    """{r.choice(SENTENCES)}"""', "",
             "    def __init__(self, capacity: int = %d) -> None:" % r.choice([16, 64, 256, 1024]),
             "        self.capacity = capacity",
             "        self._items: dict[str, dict[str, Any]] = {}",
             "        self.hits = 0"]
    methods = [
        ["", f"    def add(self, key: str, {noun}: dict[str, Any]) -> None:",
         "        if len(self._items) >= self.capacity:",
         "            oldest = next(iter(self._items))",
         f"            logger.debug(f\"evicting {{oldest}} from {name}\")",
         "            del self._items[oldest]",
         f"        self._items[key] = {noun}"],
        ["", "    def get(self, key: str, default: Any = None) -> Any:",
         "        try:",
         "            value = self._items[key]",
         "        except KeyError:",
         "            return default",
         "        self.hits += 1",
         "        return value"],
        ["", "    def matching(self, needle: str) -> list[str]:",
         f'        """Keys whose {noun} mentions `needle`, case-insensitively."""',
         "        needle = needle.lower()",
         "        return sorted(k for k, v in self._items.items() if needle in json.dumps(v).lower())"],
        ["", "    def summary(self) -> str:",
         "        sizes = [len(json.dumps(v)) for v in self._items.values()]",
         "        total = sum(sizes)",
         f"        return f\"{name}: {{len(sizes)}} items, {{total}} bytes, {{self.hits}} hits\""],
        ["", "    def dump(self, path: str) -> None:",
         '        with open(path, "w", encoding="utf-8") as fh:',
         "            json.dump(self._items, fh, indent=2, sort_keys=True)"],
    ]
    for m in r.sample(methods, r.randint(2, len(methods))):
        lines += m
    return lines


def block_function(ctx: FileCtx) -> list[str]:
    """A plain data-munging function: comprehensions, f-strings, try/except."""
    r = ctx.rng
    name, noun = ctx.func_name(), r.choice(NOUNS)
    lines = ["", "", f"def {name}(items: list[dict[str, Any]], limit: int = {r.randint(3, 50)}) -> list[dict[str, Any]]:",
             f'    """{r.choice(SENTENCES)}"""',
             "    out: list[dict[str, Any]] = []",
             "    for item in items[:limit]:",
             "        try:",
             f'            score = float(item.get("score", 0)) * {r.choice(["1.0", "0.5", "2.0", "1.25"])}',
             "        except (TypeError, ValueError) as exc:",
             f'            logger.warning(f"bad {noun} score in {{item!r}}: {{exc}}")',
             "            continue",
             f'        out.append({{**item, "score": score, "label": f"{noun}-{{item.get(\'id\', \'?\')}}"}})']
    if r.random() < 0.5:
        lines += ['    seen = {o["label"] for o in out}',
                  '    logger.info("kept %d unique of %d", len(seen), len(items))']
    lines.append(f'    return sorted(out, key=lambda o: o["score"], reverse={r.choice(["True", "False"])})')
    return lines


def block_long_doc(ctx: FileCtx) -> list[str]:
    """A function that is mostly docstring, as real agent glue code often is."""
    r = ctx.rng
    name = ctx.func_name()
    body = ctx.sentences(3, 8)
    lines = ["", "", f"def {name}(payload: dict[str, Any]) -> dict[str, Any]:",
             f'    """{r.choice(SENTENCES)}', ""]
    lines += [f"    {s}" for s in body]
    lines += ["", "    Args:", "        payload: the raw request body.", "",
              "    Returns:", "        A normalised copy of the payload.", '    """',
              "    return {str(k).strip().lower(): v for k, v in payload.items() if v is not None}"]
    return lines


def block_constants(ctx: FileCtx) -> list[str]:
    """Prompt templates and a settings dict at module level."""
    r = ctx.rng
    const = ctx.unique(f"{r.choice(NOUNS).upper()}_PROMPT")
    lines = ["", f'{const} = """You are a {r.choice(ROLES).lower()} working on {r.choice(NOUNS)}s.',
             r.choice(SENTENCES), "Answer in JSON with keys: summary, confidence, next_step.", '"""']
    if r.random() < 0.6:
        settings = ctx.unique(f"{r.choice(NOUNS).upper()}_SETTINGS")
        lines += ["", f"{settings} = {{",
                  f'    "batch_size": {r.choice([8, 16, 32])},',
                  f'    "retry_delay": {r.choice([0.5, 1.0, 2.0])},',
                  f'    "region": os.getenv("REGION", "{r.choice(["us-east-1", "eu-west-1"])}"),',
                  "}"]
    return lines


def block_while_loop(ctx: FileCtx) -> list[str]:
    """A polling / worker loop; some have a break, some only return from inside."""
    r = ctx.rng
    name, noun = ctx.func_name(), r.choice(NOUNS)
    lines = ["", "", f"def {name}(queue: Any, handler: Any) -> int:",
             f'    """Drain {noun}s from the queue until it is empty."""',
             "    processed = 0",
             "    while True:",
             f"        {noun} = queue.get()",
             f"        if {noun} is None:"]
    lines += ["            break"] if r.random() < 0.6 else ["            return processed"]
    lines += ["        try:",
              f"            handler({noun})",
              "        except Exception:",
              f'            logger.exception("failed to handle {noun}")',
              f"            time.sleep({r.choice(['0.5', '1', '2.5'])})",
              "        processed += 1",
              "    return processed"]
    return lines


TOOL_BODIES = (
    ("lookup", ["key: str"], "str", [
        "    table = {%s}",
        "    return table.get(key, \"unknown\")"]),
    ("shell", ["cmd: str"], "str", [
        "    result = subprocess.run(cmd, shell=True, capture_output=True, text=True)",
        "    return result.stdout[-4000:]"]),
    ("delete", ["path: str"], "str", [
        "    if not os.path.exists(path):",
        '        return f"no such file: {path}"',
        "    os.remove(path)",
        '    return f"deleted {path}"']),
    ("http", ["url: str"], "str", [
        "    resp = requests.get(url, timeout=10)",
        "    resp.raise_for_status()",
        "    return resp.text[:2000]"]),
    ("read", ["path: str"], "str", [
        '    with open(path, encoding="utf-8") as fh:',
        "        return fh.read(8000)"]),
    ("post", ["url: str", "body: str"], "str", [
        "    resp = requests.post(url, json=json.loads(body), timeout=%d)",
        "    return json.dumps(resp.json())[:2000]"]),
)


def block_tool(ctx: FileCtx) -> list[str]:
    """A tool function; the decorator matches the module's framework."""
    r = ctx.rng
    kind, params, ret, body = r.choice(TOOL_BODIES)
    name = ctx.unique(f"{kind}_{r.choice(NOUNS)}")
    deco = TOOL_DECORATOR.get(ctx.framework)
    lines = ["", ""]
    if deco:
        lines.append(deco if not (ctx.framework == "crewai" and r.random() < 0.5)
                     else f'@tool("{name.replace("_", " ").title()}")')
    lines += [f"def {name}({', '.join(params)}) -> {ret}:",
              f'    """{kind.title()} helper exposed to the agent.', "", "    Args:"]
    lines += [f"        {p.split(':')[0]}: {r.choice(['input from the model', 'the target', 'what to act on'])}."
              for p in params]
    lines.append('    """')
    for line in body:
        if "%s" in line:
            pairs = ", ".join(f'"{n}": "{r.choice(ADJECTIVES)}"' for n in r.sample(NOUNS, 3))
            line = line % pairs
        elif "%d" in line:
            line = line % r.choice([5, 10, 30])
        lines.append(line)
    ctx.tools.append(name)
    if not deco:
        registry = "TOOLS"
        if registry not in ctx.names:
            ctx.names.add(registry)
            lines += ["", f"{registry}: dict[str, Any] = {{}}"]
        lines.append(f'{registry}["{name}"] = {name}')
    return lines


# --------------------------------------------------------------------------- framework blocks

def block_openai_chat(ctx: FileCtx) -> list[str]:
    """A Chat Completions call, sometimes with a token cap, sometimes env-driven model."""
    r = ctx.rng
    name = ctx.func_name()
    model = "DEFAULT_MODEL" if "DEFAULT_MODEL" in ctx.names and r.random() < 0.4 else f'"{ctx.model("openai")}"'
    extra = r.choice(["", "", ", max_completion_tokens=800", ", max_tokens=512", ", temperature=0.1",
                      ", max_completion_tokens=%d, timeout=30" % r.choice([256, 1024])])
    return ["", "", f"def {name}(msgs: list[dict[str, str]]) -> str:",
            f'    """{r.choice(SENTENCES)}"""',
            f"    response = client.chat.completions.create(model={model}, messages=msgs{extra})",
            "    return response.choices[0].message.content or \"\""]


def block_openai_loop(ctx: FileCtx) -> list[str]:
    """The classic hand-rolled tool-calling loop: `while True` until no tool calls."""
    r = ctx.rng
    name = ctx.unique(f"run_{r.choice(NOUNS)}_agent")
    cap = r.choice(["", ", max_completion_tokens=800"])
    guard = r.random() < 0.4
    lines = ["", "", f"def {name}(task: str, tools: list[dict[str, Any]] | None = None) -> str:",
             f'    """Run the {r.choice(ROLES).lower()} agent until it stops calling tools."""',
             '    msgs: list[dict[str, Any]] = [{"role": "user", "content": task}]']
    if guard:
        lines += ["    for _turn in range(%d):" % r.choice([5, 8, 12])]
    else:
        lines += ["    while True:"]
    lines += [f'        resp = client.chat.completions.create(model="{ctx.model("openai")}", messages=msgs, tools=tools or []{cap})',
              "        choice = resp.choices[0]",
              "        if not choice.message.tool_calls:",
              '            return choice.message.content or ""',
              "        msgs.append(choice.message)",
              "        for call in choice.message.tool_calls:",
              "            args = json.loads(call.function.arguments)",
              '            fn = globals().get(call.function.name)',
              '            output = fn(**args) if fn else f"unknown tool {call.function.name}"',
              '            msgs.append({"role": "tool", "tool_call_id": call.id, "content": str(output)})']
    if guard:
        lines += ['    raise RuntimeError("agent did not finish")']
    return lines


def block_openai_responses(ctx: FileCtx) -> list[str]:
    """A Responses API call."""
    r = ctx.rng
    name = ctx.func_name()
    cap = r.choice(["", ", max_output_tokens=500"])
    return ["", "", f"def {name}(prompt: str) -> str:",
            f'    resp = client.responses.create(model="{ctx.model("openai")}", input=prompt{cap})',
            "    return resp.output_text"]


def block_anthropic_call(ctx: FileCtx) -> list[str]:
    """A Messages API call with the mandatory max_tokens."""
    r = ctx.rng
    name = ctx.func_name()
    model = "DEFAULT_MODEL" if "DEFAULT_MODEL" in ctx.names and r.random() < 0.4 else f'"{ctx.model("anthropic")}"'
    system = [f'        system="{r.choice(SENTENCES)}",'] if r.random() < 0.5 else []
    return ["", "", f"def {name}(messages: list[dict[str, Any]]) -> str:",
            f'    """{r.choice(SENTENCES)}"""',
            "    message = client.messages.create(",
            f"        model={model},",
            f"        max_tokens={r.choice([256, 1024, 2048, 4096])},",
            *system,
            "        messages=messages,",
            "    )",
            '    return "".join(block.text for block in message.content if block.type == "text")']


def block_anthropic_loop(ctx: FileCtx) -> list[str]:
    """Anthropic tool-use loop: `while True` until stop_reason != tool_use."""
    r = ctx.rng
    name = ctx.unique(f"run_{r.choice(NOUNS)}_loop")
    return ["", "", f"def {name}(task: str, tools: list[dict[str, Any]]) -> str:",
            '    messages: list[dict[str, Any]] = [{"role": "user", "content": task}]',
            "    while True:",
            f'        reply = client.messages.create(model="{ctx.model("anthropic")}", max_tokens=1024, tools=tools, messages=messages)',
            '        messages.append({"role": "assistant", "content": reply.content})',
            '        if reply.stop_reason != "tool_use":',
            '            return "".join(b.text for b in reply.content if b.type == "text")',
            "        results = []",
            "        for block in reply.content:",
            '            if block.type == "tool_use":',
            "                fn = globals()[block.name]",
            '                results.append({"type": "tool_result", "tool_use_id": block.id, "content": str(fn(**block.input))})',
            '        messages.append({"role": "user", "content": results})']


def block_langchain(ctx: FileCtx) -> list[str]:
    """ChatOpenAI + AgentExecutor wiring."""
    r = ctx.rng
    name = ctx.unique(f"build_{r.choice(NOUNS)}_executor")
    llm_args = f'model="{ctx.model("openai")}"' + r.choice(["", ", max_tokens=300", ", temperature=0", ", max_tokens=800, timeout=30"])
    limit = r.choice(["", ", max_iterations=5", ", max_iterations=10, max_execution_time=60"])
    return ["", "", f"def {name}() -> AgentExecutor:",
            f"    llm = ChatOpenAI({llm_args})",
            f"    tools = {ctx.tool_list()}",
            "    prompt = ChatPromptTemplate.from_messages([",
            f'        ("system", "You are a careful {r.choice(ROLES).lower()}."),',
            '        ("human", "{input}"),',
            '        ("placeholder", "{agent_scratchpad}"),',
            "    ])",
            "    agent = create_tool_calling_agent(llm, tools, prompt)",
            f"    return AgentExecutor(agent=agent, tools=tools{limit})",
            "",
            "",
            f"def ask_{name[6:]}(question: str) -> str:",
            f'    return {name}().invoke({{"input": question}})["output"]']


def block_langgraph(ctx: FileCtx) -> list[str]:
    """A prebuilt ReAct graph, invoked with or without a recursion limit."""
    r = ctx.rng
    graph = ctx.unique(f"{r.choice(NOUNS)}_graph")
    cfg = r.choice(["", ', config={"recursion_limit": 12}'])
    return ["", "", f'{graph} = create_react_agent(ChatOpenAI(model="{ctx.model("openai")}"), {ctx.tool_list()})',
            "", "",
            f"def {ctx.func_name()}(text: str) -> str:",
            f'    state = {graph}.invoke({{"messages": [("user", text)]}}{cfg})',
            '    return state["messages"][-1].content']


def block_crewai(ctx: FileCtx) -> list[str]:
    """An Agent / Task / Crew trio kicked off synchronously."""
    r = ctx.rng
    noun = r.choice(NOUNS)
    agent, crew = ctx.unique(f"{noun}_agent"), ctx.unique(f"{noun}_crew")
    llm = f'"{ctx.model("openai")}"' if r.random() < 0.7 else f'"anthropic/{ctx.model("anthropic")}"'
    iters = r.choice(["", ", max_iter=5", ", max_iter=10, max_rpm=30"])
    return ["", "", f"{agent} = Agent(",
            f'    role="{r.choice(ROLES)}",',
            f'    goal="Produce an accurate {noun} summary",',
            f'    backstory="{r.choice(SENTENCES)}",',
            f"    llm={llm},",
            f"    tools={ctx.tool_list()},",
            f"    allow_delegation={r.choice(['False', 'True'])}{iters},",
            ")",
            "",
            "",
            f"def {crew}(topic: str) -> str:",
            f'    task = Task(description=f"Research {{topic}}", expected_output="A short report", agent={agent})',
            f"    crew = Crew(agents=[{agent}], tasks=[task], process=Process.sequential)",
            "    return str(crew.kickoff())"]


def block_agents_sdk(ctx: FileCtx) -> list[str]:
    """OpenAI Agents SDK: an Agent and a Runner.run call, with or without max_turns."""
    r = ctx.rng
    agent = ctx.unique(f"{r.choice(NOUNS)}_agent")
    turns = r.choice(["", ", max_turns=5", ", max_turns=10"])
    lines = ["", "", f"{agent} = Agent(",
             f'    name="{r.choice(ROLES)}",',
             f'    instructions="{r.choice(SENTENCES)}",',
             f'    model="{ctx.model("openai")}",',
             f"    tools={ctx.tool_list()},",
             ")", "", ""]
    fn = ctx.func_name()
    if r.random() < 0.6:
        lines += [f"async def {fn}(task: str) -> str:",
                  f"    result = await Runner.run({agent}, task{turns})",
                  "    return str(result.final_output)"]
    else:
        lines += [f"def {fn}(task: str) -> str:",
                  f"    return str(Runner.run_sync({agent}, task{turns}).final_output)"]
    return lines


def block_smolagents(ctx: FileCtx) -> list[str]:
    """smolagents CodeAgent / ToolCallingAgent with a LiteLLM model."""
    r = ctx.rng
    agent = ctx.unique(f"{r.choice(NOUNS)}_runner")
    cls = r.choice(["CodeAgent", "ToolCallingAgent"])
    steps = r.choice(["", ", max_steps=6"])
    return ["", "", f'{agent} = {cls}(tools={ctx.tool_list()}, model=LiteLLMModel(model_id="{ctx.model("openai")}"){steps})',
            "", "",
            f"def {ctx.func_name()}(task: str) -> str:",
            f"    return str({agent}.run(task))"]


GENERIC_BLOCKS = ((block_dataclass, 3), (block_helper_class, 3), (block_function, 4),
                  (block_long_doc, 2), (block_constants, 2), (block_while_loop, 2), (block_tool, 3))
FRAMEWORK_BLOCKS = {
    "openai": ((block_openai_chat, 4), (block_openai_loop, 2), (block_openai_responses, 1)),
    "anthropic": ((block_anthropic_call, 4), (block_anthropic_loop, 2)),
    "langchain": ((block_langchain, 3),),
    "langgraph": ((block_langgraph, 3),),
    "crewai": ((block_crewai, 3),),
    "agents": ((block_agents_sdk, 3),),
    "smolagents": ((block_smolagents, 3),),
    None: (),
}


# --------------------------------------------------------------------------- modules

def target_lines(rng: random.Random) -> int:
    """File length: right-skewed like real code, 40..400 lines, mean around 150."""
    return min(400, 40 + int(rng.gammavariate(2.0, 56.0)))


def pad(ctx: FileCtx, count: int) -> list[str]:
    """Exactly `count` lines of filler constants, so each file hits its target length."""
    if count <= 0:
        return []
    if count < 3:
        return [f"{ctx.unique('_' + ctx.rng.choice(NOUNS).upper() + '_VERSION')} = {i + 1}" for i in range(count)]
    name = ctx.unique(f"_{ctx.rng.choice(NOUNS).upper()}_FIELDS")
    items = [f'    "{ctx.rng.choice(ADJECTIVES)}_{ctx.rng.choice(NOUNS)}",' for _ in range(count - 2)]
    return [f"{name} = ("] + items + [")"]


def render_module(seed: int, index: int, module: str) -> str:
    """Source of one agent module; deterministic in (seed, index)."""
    rng = random.Random(f"{seed}:{index}")
    fws, weights = zip(*FRAMEWORKS)
    fw = rng.choices(fws, weights)[0]
    ctx = FileCtx(rng, fw, also_openai=fw not in ("openai", "anthropic") and rng.random() < 0.12)
    lines = header(ctx, module)
    target = max(target_lines(rng), len(lines) + 1)
    blocks = list(GENERIC_BLOCKS) + list(FRAMEWORK_BLOCKS[fw])
    if ctx.also_openai:
        blocks += list(FRAMEWORK_BLOCKS["openai"][:1])
    funcs, weights = zip(*blocks)
    if fw in TOOL_DECORATOR:  # agent wiring refers to tools, so define a couple first
        for _ in range(rng.randint(1, 3)):
            block = block_tool(ctx)
            if len(lines) + len(block) <= target:
                lines += block
    misses = 0
    while misses < 4:
        block = rng.choices(funcs, weights)[0](ctx)
        if len(lines) + len(block) <= target:
            lines += block
            misses = 0
        else:
            misses += 1
    if len(lines) < target:
        lines.append("")
    lines += pad(ctx, target - len(lines))
    return "\n".join(lines) + "\n"


def module_name(seed: int, index: int) -> str:
    """A readable, unique module file stem such as `ticket_router_0042`."""
    rng = random.Random(f"name:{seed}:{index}")
    return f"{rng.choice(NOUNS)}_{rng.choice(VERBS)}_{index:04d}"


# --------------------------------------------------------------------------- non-Python files

def yaml_config(rng: random.Random, name: str) -> str:
    """An agent config file of the kind readiness reads model IDs from."""
    model = rng.choice(OPENAI_FLOATING + OPENAI_PINNED)
    tools = "\n".join(f"    - {rng.choice(VERBS)}_{rng.choice(NOUNS)}" for _ in range(rng.randint(1, 4)))
    return (f"# {name} agent configuration\nagent:\n  name: {name.replace('_', '-')}\n  model: {model}\n"
            f"  temperature: {rng.choice(['0.0', '0.2', '0.7'])}\n  max_tokens: {rng.choice([256, 800, 2048])}\n"
            f"  tools:\n{tools}\nfallback:\n  model: {rng.choice(ANTHROPIC_FLOATING + ANTHROPIC_PINNED)}\n"
            f"logging:\n  level: {rng.choice(['INFO', 'DEBUG', 'WARNING'])}\n")


def env_example(rng: random.Random) -> str:
    """A .env.example with empty secrets and a model override."""
    return ("OPENAI_API_KEY=\nANTHROPIC_API_KEY=\n"
            f"MODEL={rng.choice(OPENAI_FLOATING)}\nREGION=us-east-1\nLOG_LEVEL=INFO\n")


def readme(rng: random.Random, title: str) -> str:
    """A short README with prose and a usage snippet."""
    body = " ".join(rng.sample(SENTENCES, 4))
    return (f"# {title.replace('_', ' ').title()}\n\n{body}\n\n## Usage\n\n```bash\n"
            f"python -m {title} --model {rng.choice(OPENAI_FLOATING)}\n```\n")


def write_extras(out: Path, seed: int) -> int:
    """About 30 non-Python files: YAML configs, .env.example files and READMEs."""
    rng = random.Random(f"extras:{seed}")
    files: dict[Path, str] = {
        out / "pyproject.toml": '[project]\nname = "bench-agents"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n',
        out / "README.md": readme(rng, "bench_agents"),
        out / ".env.example": env_example(rng),
    }
    for i, pkg in enumerate(PACKAGES):
        kind = i % 4
        if kind in (0, 3):
            files[out / pkg / "agent.yaml"] = yaml_config(rng, pkg)
        elif kind == 1:
            files[out / pkg / "README.md"] = readme(rng, pkg)
        else:
            files[out / pkg / ".env.example"] = env_example(rng)
    for i in range(8):
        files[out / "configs" / f"{PACKAGES[i]}.yaml"] = yaml_config(rng, PACKAGES[i])
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)


TS_MODELS = ["gpt-4o", "gpt-4o-2024-08-06", "gpt-4.1-mini", "claude-3-5-sonnet-latest", "claude-sonnet-4-20250514"]


def render_ts_module(seed: int, index: int) -> str:
    """A TypeScript agent module: provider SDK calls, AI SDK calls and tools, some capped, some not."""
    rng = random.Random(f"ts:{seed}:{index}")
    parts = [
        'import OpenAI from "openai";',
        'import { generateText, tool, stepCountIs } from "ai";',
        'import { openai } from "@ai-sdk/openai";',
        'import { execSync } from "node:child_process";',
        'import { z } from "zod";',
        "",
        "const client = new OpenAI();",
        "",
    ]
    for n in range(rng.randint(4, 9)):
        model = rng.choice(TS_MODELS)
        cap = rng.choice(["", "max_completion_tokens: 300, ", "max_tokens: 200, "])
        kind = rng.randrange(3)
        if kind == 0:
            parts += [f"export async function step{n}(input: string): Promise<string> {{",
                      f'  const reply = await client.chat.completions.create({{ model: "{model}", {cap}messages: [{{ role: "user", content: input }}] }});',
                      '  return reply.choices[0].message.content ?? "";', "}", ""]
        elif kind == 1:
            cap = rng.choice(["", "maxOutputTokens: 400, "])
            parts += [f"export async function ask{n}(prompt: string) {{",
                      f'  return generateText({{ model: openai("{model}"), {cap}stopWhen: stepCountIs(4), prompt }});',
                      "}", ""]
        else:
            command = rng.choice(['"uptime"', "command"])
            parts += [f"export const tool{n} = tool({{",
                      '  description: "Run an operations command",',
                      "  inputSchema: z.object({ command: z.string() }),",
                      f"  execute: async ({{ command }}) => execSync({command}).toString(),",
                      "});", ""]
    return "\n".join(parts)


def write_ts(out: Path, count: int, seed: int) -> tuple[int, int]:
    """``count`` TypeScript modules under web/; returns (files, lines)."""
    lines = 0
    for i in range(count):
        text = render_ts_module(seed, i)
        path = out / "web" / "src" / f"agent_{i:04d}.ts"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        lines += text.count("\n") + 1
    if count:
        (out / "web" / "package.json").write_text('{"name": "bench-web", "dependencies": {"openai": "5", "ai": "5"}}\n',
                                                  encoding="utf-8")
    return count, lines


def generate(out_dir: str | Path, files: int = 1200, seed: int = 0, ts_files: int = 0) -> dict[str, float]:
    """Write the tree and return its stats (files, lines) for the benchmark table."""
    out = Path(out_dir)
    counts: list[int] = []
    for pkg in PACKAGES:
        (out / pkg).mkdir(parents=True, exist_ok=True)
        init = f'"""{pkg.replace("_", " ").capitalize()} package."""\n'
        (out / pkg / "__init__.py").write_text(init, encoding="utf-8")
        counts.append(init.count("\n"))
    modules: list[int] = []
    for i in range(files):
        pkg = PACKAGES[i % len(PACKAGES)]
        text = render_module(seed, i, module_name(seed, i))
        (out / pkg / f"{module_name(seed, i)}.py").write_text(text, encoding="utf-8")
        modules.append(text.count("\n"))
    extras = write_extras(out, seed)
    ts_count, ts_lines = write_ts(out, ts_files, seed)
    return {
        "ts_files": ts_count,
        "ts_lines": ts_lines,
        "modules": files,
        "py_files": files + len(PACKAGES),
        "py_lines": sum(modules) + sum(counts),
        "module_lines_min": min(modules, default=0),
        "module_lines_max": max(modules, default=0),
        "module_lines_mean": round(statistics.fmean(modules), 1) if modules else 0.0,
        "other_files": extras,
    }


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: generate and print a one-line summary."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="directory to write the tree into (created if missing)")
    ap.add_argument("--files", type=int, default=1200, help="number of agent modules [1200]")
    ap.add_argument("--seed", type=int, default=0, help="RNG seed; same seed, same tree [0]")
    ap.add_argument("--ts-files", type=int, default=0, help="TypeScript agent modules under web/ [0]")
    args = ap.parse_args(argv)
    if args.files < 0:
        ap.error("--files must be >= 0")
    stats = generate(args.out_dir, args.files, args.seed, args.ts_files)
    print(f"wrote {stats['py_files']} Python files ({stats['py_lines']} lines; modules "
          f"{stats['module_lines_min']}-{stats['module_lines_max']} lines, mean {stats['module_lines_mean']}) "
          f"and {stats['other_files']} other files to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
