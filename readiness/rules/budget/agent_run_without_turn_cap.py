"""RDY302: an agent run, executor or graph that relies on the framework's default loop limit."""
from __future__ import annotations

import ast
import posixpath

from readiness import records
from readiness.model import Severity
from readiness.rule import Example, FixExample, Rule
from readiness.analysis import sdk as _sdk
from readiness.walk import walk


class AgentRunWithoutTurnCap(Rule):
    """
    ## What it finds
    An agent loop with no explicit iteration, turn, step or recursion cap, at every agent-run site
    the framework profiles declare (`rules/frameworks/`, each with the cap's keys, where they live
    and the framework's default, read from its source): for example OpenAI Agents SDK
    `Runner.run` without `max_turns` (default 10); PydanticAI `agent.run` without `usage_limits`
    (50 requests); LangChain `AgentExecutor` without `max_iterations` (15); CrewAI `Agent` without
    `max_iter` (25); smolagents `CodeAgent` without `max_steps` (20); Google ADK runs without
    `run_config=RunConfig(max_llm_calls=...)` (500); a LangGraph graph invoked, or served by
    `langgraph.json`, without `recursion_limit` (10,007 in current LangGraph); loops with no limit
    at all (Agno agents with tools and no `tool_call_limit`, OpenAI Swarm, AutoGen teams whose only
    termination is a word the model may never say, Strands agents, which offer no cap). Agent
    objects built in one module and run in another are followed.

    ## Why it matters
    A confused agent that keeps calling tools burns tokens on every turn until the loop limit
    stops it. The framework's default is a safety net sized for demos, not a budget you chose:
    it may be far too high for your task, and it changes between releases.

    ## How to fix
    Set the cap explicitly, sized to the longest legitimate run (for example `max_turns=6`,
    `max_iterations=5`, `config={"recursion_limit": 12}`), and handle the error the framework
    raises when it is hit.

    ## Example
    ```python
    result = await Runner.run(agent, task)                # framework default
    result = await Runner.run(agent, task, max_turns=6)   # explicit cap
    ```
    """

    id = "RDY302"
    name = "agent-run-without-turn-cap"
    severity = Severity.WARNING
    summary = "Agent loop relies on the framework's default turn limit"
    fix_hint = "Set an explicit turn/iteration/recursion cap sized to the task"
    # The framework's default, written out (the profile's number, read from its source; `cap.value`
    # where the profile describes it in words): the run behaves as before and the limit becomes
    # reviewable. Defaults with no number get no fix.
    fix_examples = [
        FixExample("""
            from agents import Agent, Runner

            agent = Agent(name="support", instructions="Answer billing questions.", model="gpt-4o-2024-08-06")

            async def answer(question: str) -> str:
                result = await Runner.run(agent, question)  # one support turn
                return result.final_output
        """, """
            from agents import Agent, Runner

            agent = Agent(name="support", instructions="Answer billing questions.", model="gpt-4o-2024-08-06")

            async def answer(question: str) -> str:
                result = await Runner.run(agent, question, max_turns=10)  # one support turn
                return result.final_output
        """),
        FixExample("""
            from autogen.agentchat import run_group_chat

            def plan(pattern, task):
                return run_group_chat(
                    pattern=pattern,
                    messages=task,
                )
        """, """
            from autogen.agentchat import run_group_chat

            def plan(pattern, task):
                return run_group_chat(
                    pattern=pattern,
                    messages=task,
                    max_rounds=20,
                )
        """),
        FixExample("""
            from langgraph.prebuilt import create_react_agent
            from langchain_classic.agents import AgentExecutor

            graph = create_react_agent("openai:gpt-4o-2024-08-06", tools=[search])
            first = graph.invoke({"messages": [("user", question)]})
            again = graph.invoke(
                {"messages": [("user", question)]},
                config={"configurable": {"thread_id": thread}},  # resume
            )
            legacy = AgentExecutor(agent=runnable, tools=[search])
        """, """
            from langgraph.prebuilt import create_react_agent
            from langchain_classic.agents import AgentExecutor

            graph = create_react_agent("openai:gpt-4o-2024-08-06", tools=[search])
            first = graph.invoke({"messages": [("user", question)]}, config={"recursion_limit": 10007})
            again = graph.invoke(
                {"messages": [("user", question)]},
                config={"configurable": {"thread_id": thread}, "recursion_limit": 10007},  # resume
            )
            legacy = AgentExecutor(agent=runnable, tools=[search], max_iterations=15)
        """),
    ]
    kinds = frozenset({"python", "json"})  # json: servers' config that runs agent objects (langgraph.json)

    valid = [
        Example("""
            from agents import Agent, Runner
            async def go(agent, task):
                return await Runner.run(agent, task, max_turns=4)
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            RUN_CONFIG = {"recursion_limit": 12}
            graph = create_react_agent(model, tools)
            def run(q):
                return graph.invoke({"messages": [q]}, config=RUN_CONFIG)
        """),
        Example("""
            from crewai import Agent
            analyst = Agent(role="Analyst", goal="g", backstory="b", max_iter=5)
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            graph = create_react_agent(model, tools).with_config(recursion_limit=10)
            graph.invoke({"messages": []})
        """),
    ]
    invalid = [
        Example("""
            from agents import Runner
            async def go(agent, task):
                return await Runner.run(agent, task)  # expect: RDY302
        """),
        Example("""
            from langchain.agents import AgentExecutor
            executor = AgentExecutor(agent=agent, tools=tools)  # expect: RDY302
        """),
        Example("""
            from crewai import Agent
            reviewer = Agent(role="Reviewer", goal="g", backstory="b")  # expect: RDY302
        """),
        Example("""
            from langgraph.prebuilt import create_react_agent
            graph = create_react_agent(model, tools)
            def run(q):
                return graph.invoke({"messages": [q]})  # expect: RDY302
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        hit = _sdk.turn_cap_spec(node, ctx)
        if hit is not None:
            self._judge_keywords(node, _display(node.func), hit[1], ctx)
            return
        if isinstance(node.func, ast.Attribute) and node.func.attr in _sdk.run_method_names():
            self._judge_run_method(node, ctx)

    def _judge_keywords(self, node: ast.Call, display: str, spec: dict, ctx) -> None:
        if isinstance(spec["default"], int) and spec["default"] <= 1:
            return  # one model turn by default: no loop unless the caller raises the cap
        if any(kw.arg is None for kw in node.keywords):
            return  # **kwargs may carry the cap
        if spec["only_with"] and not _has_any(node, spec["only_with"], ctx):
            return  # e.g. an agent given no tools makes one request: no loop to cap
        if not spec["caps"]:
            ctx.report(node, f"`{display}` loops until the model stops calling tools and offers no cap; "
                             "bound it with your own step limit")
            return
        if spec["in"]:
            self._judge_container(node, display, spec, ctx)
            return
        cap = next((kw.arg for kw in node.keywords if kw.arg in spec["caps"] and _bounds(kw, spec, ctx)), None)
        if cap is None and any(_bounds(kw, spec, ctx) is None for kw in node.keywords if kw.arg in spec["caps"]):
            return  # a condition built elsewhere: cannot tell
        if cap is None and spec["pos"] is not None and len(node.args) > spec["pos"]:
            cap = f"{spec['caps'][0]} (argument {spec['pos'] + 1})"  # ``ReAct(signature, tools, 4)``
        if cap is not None:
            ctx.credit(node, f"`{display}` sets {cap}")
        elif not _capped_elsewhere(node, spec["caps"], ctx):
            ctx.report(node, f"`{display}` has no {spec['caps'][0]}; {_default_text(spec)}", edit=_default_edit(node, spec, ctx))

    def visit_Module(self, node: ast.Module, ctx) -> None:
        """Agent objects other modules may run: ``github_agent = Agent(...)`` at module level."""
        for name, value in ctx.module_assignments.items():
            index = _sdk.built_run_object(value, ctx)
            if index is not None and not _sdk.provably_acyclic(value, _sdk.run_method_site(index), ctx):
                ctx.fact("run-object", value, records.RunObject(f"{ctx.module_name}.{name}", index))

    def check_file(self, ctx) -> None:
        """A server that runs the project's agent objects itself (LangGraph Platform's
        ``langgraph.json`` ``graphs``: ``"./src/agent/graph.py:graph"``), per the profiles."""
        if ctx.kind != "json":
            return
        name = ctx.path.rsplit("/", 1)[-1]
        folder = ctx.path[: -len(name)]
        for spec in _sdk.served_run_sites(name):
            for doc in ctx.parsed.docs:
                served = doc.data.get(spec["served_by"]["key"]) if isinstance(doc.data, dict) else None
                for target in (served or {}).values() if isinstance(served, dict) else ():
                    if isinstance(target, str) and ":" in target:
                        path, _, var = target.rpartition(":")
                        path = posixpath.normpath(posixpath.join(folder, path))
                        ctx.fact("served-object", doc.line_of((spec["served_by"]["key"],)), records.ServedObject(path, var))

    def check_project(self, ctx) -> None:
        """``agent.run(...)`` where ``agent`` was built in another module of the project, and
        agent objects a server runs with the framework's default limit."""
        objects = {}
        served = {(f.value.path, f.value.var) for f in ctx.facts("served-object")}
        for fact in ctx.facts("run-object"):
            qual, index = fact.value
            objects[qual] = index
            spec = _sdk.run_method_site(index)
            if spec.get("served_by") and (fact.path, qual.rsplit(".", 1)[-1]) in served:
                ctx.report(f"`{qual.rsplit('.', 1)[-1]}` is served by {spec['served_by']['file']} with no "
                           f"{spec['caps'][0]}; {_default_text(spec)}", fact)
        for fact in ctx.facts("run-call"):
            qual, method, keywords = fact.value
            # ``src/app/agent.py`` is module ``src.app.agent`` here and ``app.agent`` in its imports
            index = next((i for q, i in objects.items() if q == qual or q.endswith("." + qual)), None)
            if index is None:
                continue
            spec = _sdk.run_method_site(index)
            passed = set(keywords)
            if method not in spec["methods"] or "**" in passed:
                continue
            if passed & set(spec["caps"]) or (spec["in"] and spec["in"].split(".")[0] in passed):
                continue  # capped, or settings passed whose contents this pass cannot see
            what = f"no {spec['in']} with {spec['caps'][0]}" if spec["in"] else f"no {spec['caps'][0]}"
            ctx.report(f"`{qual.rsplit('.', 1)[-1]}.{method}` has {what}; {_default_text(spec)}", fact)

    def _judge_run_method(self, node: ast.Call, ctx) -> None:
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in ctx.imports and ctx.scope_assignments(node).get(receiver.id) is None:
            keywords = tuple(kw.arg or "**" for kw in node.keywords)  # judged with the object's module
            ctx.fact("run-call", node, records.RunCall(ctx.imports[receiver.id], node.func.attr, keywords))
            return
        target = _sdk.resolve_node(receiver, ctx, node) if isinstance(receiver, ast.Name) else receiver
        if _with_config_limit(target):
            ctx.credit(node, "agent configured with a loop limit (.with_config)")
            return
        if isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute) and target.func.attr == "with_config":
            target = target.func.value  # ``graph.with_config(tags=...)`` is still the graph
            target = _sdk.resolve_node(target, ctx, node) if isinstance(target, ast.Name) else target
        spec = _sdk.run_method_spec(node, target, ctx)
        if spec is None or any(kw.arg is None for kw in node.keywords) or _sdk.provably_acyclic(target, spec, ctx):
            return
        self._judge_container(node, f"{node.func.attr}", spec, ctx) if spec["in"] else self._judge_keywords(
            node, _display(node.func), {**spec, "only_with": []}, ctx)

    def _judge_container(self, node: ast.Call, display: str, spec: dict, ctx) -> None:
        """The cap lives inside a dict or settings object passed as ``spec['in']`` (or at ``pos``)."""
        caps = set(spec["caps"])
        direct = next((kw for kw in node.keywords if kw.arg in caps), None)
        if direct is not None:  # ``graph.with_config(recursion_limit=...)`` style keywords on the call itself
            ctx.credit(node, f"`{display}` sets {direct.arg}")
            return
        config, found = _sdk.container_setting(node, spec["in"], caps, ctx, spec["pos"])
        if config is None:
            ctx.report(node, f"`{display}` has no {spec['in']} with {spec['caps'][0]}; {_default_text(spec)}",
                       edit=_default_edit(node, spec, ctx))
            return
        if found:
            ctx.credit(node, f"{spec['caps'][0]} set in {spec['in']}")
        elif found is False:
            ctx.report(node, f"`{display}` {spec['in']} has no {spec['caps'][0]}; {_default_text(spec)}",
                       edit=_default_edit(node, spec, ctx, config))


def _bounds(kw: ast.keyword, spec: dict, ctx) -> bool | None:
    """Is this cap keyword a real bound? Keywords the profile qualifies (``termination_condition``)
    count only when the value uses one of the bounding callees (``MaxMessageTermination(10)``,
    also inside ``a | b``); None when the value is built where it cannot be seen."""
    wanted = spec["bounded_only_by"].get(kw.arg)
    if not wanted:
        return True
    value = _sdk.resolve_node(kw.value, ctx, kw.value) if isinstance(kw.value, ast.Name) else kw.value
    if value is None:
        return None
    names = set()
    for node in walk(value):
        if isinstance(node, ast.Name):
            resolved = _sdk.resolve_node(node, ctx, node)
            if isinstance(resolved, ast.Call):  # ``stop = MaxMessageTermination(8)`` then ``stop | text``
                names |= {n.attr if isinstance(n, ast.Attribute) else n.id for n in walk(resolved.func)
                          if isinstance(n, (ast.Name, ast.Attribute))}
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return bool(names & set(wanted))


def _has_any(node: ast.Call, names: list[str], ctx) -> bool:
    """One of ``names`` is passed: a keyword (``tools``), or a setting inside one (``config.tools``:
    passed, or possibly passed by settings built elsewhere)."""
    for name in names:
        container, _, key = name.rpartition(".")
        if not container:
            if _sdk.keyword_value(node, key) is not None:
                return True
            continue
        given, found = _sdk.container_setting(node, container, {key}, ctx)
        if given is not None and found is not False:
            return True
    return False


def _default_edit(node: ast.Call, spec: dict, ctx, config: ast.expr | None = None):
    """Write the cap the framework applies silently (``max_turns=10``, ``config={"recursion_limit":
    10007}``): the run behaves exactly as before, and the limit is now in the diff for review. Only
    where the profile gives the default as a number (``cap.value``); a default described only in
    words, or none at all, is for a person to choose. In a container: a new ``config=`` keyword, or a
    new entry in a dict literal passed there."""
    value, caps = spec.get("value"), spec["caps"]
    if value is None or not caps:
        return None
    if not spec["in"]:
        return ctx.keyword_insertion(node, f"{caps[0]}={value}")
    if "." in spec["in"]:
        return None  # a setting nested in an object: no one obvious place to write it
    if config is None:
        return ctx.keyword_insertion(node, f'{spec["in"]}={{"{caps[0]}": {value}}}')
    if isinstance(config, ast.Dict) and None not in config.keys:
        return ctx.entry_insertion(config, f'"{caps[0]}": {value}')
    return None


def _default_text(spec: dict) -> str:
    if spec["infinite"]:
        return "the framework sets no limit, so the loop can run forever"
    return f"it relies on the default of {spec['default']}"


def _display(func: ast.expr) -> str:
    """The callee as the user wrote it (``Runner.run``, ``AgentExecutor``)."""
    text = ast.unparse(func)
    return text if len(text) <= 60 else text[-60:]


def _with_config_limit(expr) -> bool:
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "with_config"
            and any(kw.arg == "recursion_limit" for kw in expr.keywords))


def _capped_elsewhere(node: ast.Call, caps: list[str], ctx) -> bool:
    """smolagents and similar accept the cap on ``.run(...)`` of the object built here."""
    parent = ctx.parent(node)
    if not isinstance(parent, ast.Assign) or not all(isinstance(t, ast.Name) for t in parent.targets):
        return False
    names = {t.id for t in parent.targets}
    def receiver(call: ast.Call) -> str:  # ``agent.run(..., max_steps=)`` or ``react(..., max_iters=)``
        func = call.func.value if isinstance(call.func, ast.Attribute) else call.func
        return func.id if isinstance(func, ast.Name) else ""
    return any(receiver(c) in names and any(kw.arg in caps for kw in c.keywords) for c in ctx.calls())
