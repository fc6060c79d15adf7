"""RDY414: an agent that runs model-written code on the machine it runs on."""
from __future__ import annotations

import ast
import re

from readiness import frameworks
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk, tools as _tools
from readiness.analysis.answers import ANSWER_METHODS, model_answer as _model_answer, own_nodes as _own_nodes
from readiness.walk import walk

# Text a file must hold to run anything: exec/eval, a shell or a subprocess.
SINK_HINTS = ("exec(", "eval(", "subprocess", "os.system", "os.popen", "pty.", "getoutput", "exec_command", "sendline")


class HostCodeExecution(Rule):
    """
    ## What it finds
    A code executor that runs the code a model writes in the agent's own process or a local shell:
    smolagents `CodeAgent` with its default `executor_type="local"`, AutoGen / AG2
    `LocalCommandLineCodeExecutor`, LangChain `PythonREPLTool` / `ShellTool`, Google ADK
    `UnsafeLocalCodeExecutor`, the Agents SDK's `LocalShellTool` and their peers, and
    hand-written agents whose function passes a model's answer (through local names) to `exec`,
    `eval`, a shell or an interpreter. Which executors
    run on the host, which in a sandbox, and the keyword that chooses, come from the framework
    profiles (`rules/frameworks/`, `tool: executor`); the finding points at the keyword that
    chooses (`code_execution_config=`), or at the executor when it is left at its default.
    Executors that run in a container, a VM, a
    hosted interpreter or WebAssembly are credited. When the same call also switches a safety
    switch off (`allow_dangerous_code=True`, `additional_authorized_imports=["*"]`), RDY205 reports
    the switch as well: one is where code runs on the host, the other a guard turned off.

    ## Why it matters
    Model-written code does whatever the model was talked into: a prompt injection in a web page or
    a document becomes a command on your server, with its files, network and credentials.

    ## How to fix
    Run generated code in a sandbox: a Docker or remote executor (`executor_type="docker"` /
    `"e2b"` / `"modal"`, `DockerCommandLineCodeExecutor`, a hosted code interpreter), with no
    credentials mounted and the network restricted.

    ## Example
    ```python
    CodeAgent(tools=[], model=model)                          # runs on the host
    CodeAgent(tools=[], model=model, executor_type="docker")  # sandboxed
    ```
    """

    id = "RDY414"
    security_severity = "8.8"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    name = "host-code-execution"
    severity = Severity.ERROR
    summary = "Agent runs model-written code on the host"
    fix_hint = "Run generated code in a sandbox (container, remote or hosted executor) with no credentials"

    valid = [
        # Looked up in a table of the functions offered: an unknown name is an error, not code.
        Example("""
            from tools import search_web, send_sticker
            TOOLS = {"search_web": search_web, "send_sticker": send_sticker}
            def execute_tool(tool_name, args):
                return TOOLS[tool_name](**args)
            def parse(setting):
                return eval(setting)
        """),
        Example("""
            import subprocess
            from openai import OpenAI
            client = OpenAI()
            def summarise_log(path: str) -> str:
                log = subprocess.run(["tail", "-n", "200", path], capture_output=True, text=True).stdout
                reply = client.chat.completions.create(model="gpt-4.1-2025-04-14", max_tokens=300,
                                                       messages=[{"role": "user", "content": log}])
                return reply.choices[0].message.content
        """),
        Example("""
            from smolagents import CodeAgent
            agent = CodeAgent(tools=[], model=model, max_steps=4, executor_type="e2b")
        """),
        Example("""
            from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor
            executor = DockerCommandLineCodeExecutor(work_dir="out")
        """),
        Example("""
            from crewai import Agent
            analyst = Agent(role="a", goal="b", backstory="c", llm=llm, max_iter=5, allow_code_execution=False,
                            code_execution_mode="unsafe")
        """),
        Example("""
            class CodeAgent:
                pass
            agent = CodeAgent()
        """),
    ]
    invalid = [
        # A chain made by a factory in another module writes a command; an SSH session runs it.
        Example(files={
            "pyproject.toml": "[project]\nname = 'ops'\n",
            "ops/chains.py": '''
                from langchain_core.prompts import ChatPromptTemplate
                from langchain_openai import ChatOpenAI
                llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=300)
                def get_command_chain():
                    return ChatPromptTemplate.from_messages([("user", "{query}")]) | llm
            ''',
            "ops/node.py": '''
                import paramiko
                from ops.chains import get_command_chain
                def run_remote(command: str) -> str:
                    ssh = paramiko.SSHClient()
                    ssh.connect("ops.example.com", username="deploy")
                    _, out, _ = ssh.exec_command(command)  # expect: RDY414
                    return out.read().decode()
                def ops_node(state: dict) -> dict:
                    reply = get_command_chain().invoke({"query": state["query"]})
                    return {"result": run_remote(reply.content.strip())}
            ''',
        }),
        # The model's code is written to a script file by a helper, then an interpreter runs that file.
        Example("""
            import asyncio, os, re, tempfile
            from google import genai
            client = genai.Client()
            async def run_script(code: str) -> str:
                folder = tempfile.mkdtemp()
                path = os.path.join(folder, "job.py")
                with open(path, "w") as f:
                    f.write(code)
                proc = await asyncio.create_subprocess_exec("python", path)  # expect: RDY414
                await proc.wait()
                return "done"
            async def analyse(question: str) -> str:
                reply = client.models.generate_content(model="gemini-2.0-flash-001", contents=question)
                code = re.search(r"```python\\n(.*?)```", reply.text, re.S).group(1)
                return await run_script(code)
        """),
        # The model's tool-call arguments evaluated instead of parsed.
        Example("""
            from openai import OpenAI
            def step(client: OpenAI, messages, tools):
                reply = client.chat.completions.create(model="gpt-4.1-2025-04-14", messages=messages, tools=tools)
                call = reply.choices[0].message.tool_calls[0]
                args = eval(call.function.arguments)  # expect: RDY414
                return args
        """),
        # The tool function is looked up by evaluating the name the model sent.
        Example("""
            from tools import search_web, send_sticker
            def execute_tool(tool_name, args):
                return eval(tool_name)(**args)  # expect: RDY414
        """),
        Example("""
            from langchain_core.tools import tool
            from langchain_experimental.utilities import PythonREPL
            repl = PythonREPL()
            @tool
            def python_repl(code: str) -> str:
                \"\"\"Run Python to draw a chart.\"\"\"
                return repl.run(code)  # expect: RDY414
        """),
        Example("""
            import json
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=800)
            def run_step(code: str, frame):
                scope = {"df": frame}
                exec(code, {"__builtins__": {"len": len}}, scope)  # expect: RDY414
                return scope["df"]
            def analyst(question: str, frame):
                plan = json.loads(llm.invoke(question).content)
                action, body = plan["action"], plan["content"]
                if action == "code":
                    return run_step(body, frame)
                return body
        """),
        Example("""
            import google.generativeai as genai
            from langchain_experimental.tools import PythonREPLTool
            model = genai.GenerativeModel("gemini-2.0-flash-001")
            repl = PythonREPLTool()
            while True:
                request = input("> ")
                code = model.generate_content(f"Write Python for: {request}").text.strip()
                print(repl.run(code))  # expect: RDY414
        """),
        Example("""
            import re
            import subprocess
            from openai import OpenAI
            client = OpenAI()
            def step(task: str) -> str:
                reply = client.chat.completions.create(model="gpt-4.1-2025-04-14", max_tokens=800,
                                                       messages=[{"role": "user", "content": task}])
                text = reply.choices[0].message.content
                command = re.findall(r"```bash\\n(.*?)```", text, re.S)[0]
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # expect: RDY414
        """),
        Example("""
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4.1-2025-04-14", max_tokens=800)
            def solve(question: str):
                code = llm.invoke(f"Write Python that answers: {question}").content
                exec(code)  # expect: RDY414
        """),
        Example("""
            from strands import Agent
            from strands_tools import python_repl, shell, calculator
            coder = Agent(tools=[python_repl, shell, calculator])  # expect: RDY414
        """),
        Example("""
            from smolagents import CodeAgent
            agent = CodeAgent(tools=[], model=model, max_steps=4)  # expect: RDY414
        """),
        Example("""
            from autogen_ext.code_executors.local import LocalCommandLineCodeExecutor
            executor = LocalCommandLineCodeExecutor(work_dir="out")  # expect: RDY414
        """),
        Example("""
            from crewai import Agent
            analyst = Agent(role="a", goal="b", backstory="c", llm=llm, max_iter=5, allow_code_execution=True,
                            code_execution_mode="unsafe")  # expect: RDY414
        """),
        Example("""
            from autogen import UserProxyAgent
            proxy = UserProxyAgent("runner", code_execution_config={"work_dir": "out", "use_docker": False})  # expect: RDY414
            quiet = UserProxyAgent("asker", code_execution_config=False)
        """),
    ]

    def visit_Call(self, node: ast.Call, ctx) -> None:
        self._judge_tool_list(node, ctx)
        self._eval_dispatch(node, ctx)
        self._eval_arguments(node, ctx)
        hit = _sdk.lookup_qualname(ctx, node.func, frameworks.tables().code_executors)
        if hit is None:
            return
        qn, spec = hit
        name = qn.rsplit(".", 1)[-1]
        if spec.get("listed"):
            self._listed(node, name, spec, ctx)
            return
        if spec["only_with"] and not any(_given(_sdk.passed_keyword(node, k, ctx)) for k in spec["only_with"]):
            return  # e.g. an AG2 agent given no code_execution_config executes nothing
        if spec["unless_false"] and all(_literal_false(_sdk.passed_keyword(node, k, ctx)) for k in spec["unless_false"]) \
                and not (spec["all_kw"] and _given(_sdk.passed_keyword(node, spec["all_kw"], ctx))):
            return  # the toolkit's code-running tool switched off (agno ``CodingTools(enable_run_shell=False)``)
        runs, defaulted, at, chosen = spec["runs"], False, node, ""
        if spec["kw"]:
            value, chosen_at = _chosen(node, spec["kw"], ctx)
            if value is _sdk.DISABLED or value is _sdk.UNKNOWN:
                return  # execution switched off, or chosen at run time: nothing to judge
            if value is None:
                runs, defaulted = spec["default"], True
            else:  # reported at the keyword that chooses (``code_execution_config=``), naming the value
                runs = "host" if str(value) in spec["host"] else "sandbox"
                keyword = next((kw for kw in node.keywords if kw.arg == spec["kw"].split(".")[0]), None)
                at = keyword if keyword is not None else node
                line = getattr(chosen_at, "lineno", node.lineno)
                chosen = f" (`{spec['kw']}` = {value!r}" + (f", line {line})" if line != getattr(at, "lineno", line) else ")")
        if runs == "host":
            if _run_on_answers_later(node, ctx):
                return  # one finding per problem: reported where the model's code is handed to it
            how = f" (`{spec['kw']}` left at its default)" if defaulted else chosen
            ctx.report(at, f"`{name}` runs model-written code on this machine{how}")
        else:
            ctx.credit(at, f"`{name}` runs model-written code in a sandbox")


    def _eval_arguments(self, node: ast.Call, ctx) -> None:
        """``eval(tool_calls[0].function.arguments)``: the model's tool-call arguments (JSON text)
        evaluated as Python instead of parsed, so any expression the model writes there runs."""
        if not (isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec") and node.args):
            return
        chain = []
        expr = node.args[0]
        while isinstance(expr, (ast.Attribute, ast.Subscript, ast.Call)):
            if isinstance(expr, ast.Attribute):
                chain.append(expr.attr)
            expr = expr.value if not isinstance(expr, ast.Call) else expr.func
        if chain and chain[0] == "arguments" and {"function", "function_call", "tool_calls", "tool_call"} & set(chain[1:]) \
                or isinstance(expr, ast.Name) and expr.id in ("tool_call", "function_call") and chain[:1] == ["arguments"]:
            ctx.report(node, f"`{node.func.id}` runs the arguments of the model's tool call as Python: parse them "
                             "with json.loads")

    def _eval_dispatch(self, node: ast.Call, ctx) -> None:
        """``eval(tool_name)(**args)``: a tool looked up by evaluating the name the model sent. The
        "name" is an expression, so a model (or an injected prompt) that names
        ``__import__("os").system`` runs it here."""
        inner = node.func
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "eval"
                and len(inner.args) == 1):
            return
        name = inner.args[0]
        func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        params = {a.arg for a in (*func.args.posonlyargs, *func.args.args)} if func is not None else set()
        if _tools.strongly_names_a_tool(name) or isinstance(name, ast.Name) and name.id in params \
                and re.search(r"(?:tool|function|func|fn|action)_?name|^name$", name.id):
            ctx.report(inner, f"the tool to call is found by `eval` of `{ast.unparse(name)}`, the name the model "
                              "sent: any expression in its place runs on this machine")

    def _listed(self, node: ast.Call, name: str, spec: dict, ctx) -> None:
        """Built-in shell tools switched to run without asking by naming them in a list
        (``ClaudeAgentOptions(allowed_tools=["Read", "Bash"])``, ``"Bash(git:*)"`` included)."""
        keyword = next((kw for kw in node.keywords if kw.arg == spec["kw"]), None)
        value = _sdk.resolve_node(keyword.value, ctx, node) if keyword is not None else None
        if not isinstance(value, (ast.List, ast.Tuple)):
            return
        names = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        hit = next((n for n in names for tool in spec["listed"] if n == tool or n.startswith(tool + "(")), None)
        if hit:
            ctx.report(keyword, f"`{name}` lets the model run `{hit}` on this machine without asking (`{spec['kw']}`)")

    def check_file(self, ctx) -> None:
        """Hand-written agents that run the model's answer: the text of a model response flows,
        through local names, into ``exec`` / ``eval``, a shell, an interpreter or a code executor
        object (``PythonREPL().run(answer)``) in the same function or at module level."""
        for call, sink in _answer_runs(ctx):
            where = "on the host it logs in to" if sink.startswith(("paramiko", "fabric", "asyncssh")) else "on this machine"
            ctx.report(call, f"`{sink}` runs code the model wrote {where}, with no sandbox or review")

    def _judge_tool_list(self, node: ast.Call, ctx) -> None:
        """Prebuilt tools handed to an agent by name (``tools=[python_repl, shell]``)."""
        listed = _sdk.keyword_value(node, "tools")
        if not isinstance(listed, (ast.List, ast.Tuple)):
            return
        for element in listed.elts:
            if not isinstance(element, (ast.Name, ast.Attribute)):
                continue
            hit = _sdk.lookup_qualname(ctx, element, frameworks.tables().code_executors)
            if hit is not None and hit[1]["runs"] == "host":
                ctx.report(element, f"tool `{hit[0].rsplit('.', 1)[-1]}` runs model-written code on this machine")
            elif hit is not None and hit[1]["runs"] == "sandbox":
                ctx.credit(element, f"tool `{hit[0].rsplit('.', 1)[-1]}` runs model-written code in a sandbox")


def _chosen(node: ast.Call, path: str, ctx):
    """The constant that chooses where code runs (``executor_type="docker"``, or a key inside a
    settings dict: ``code_execution_config={"use_docker": False}``), and where it is written; None
    when left at its default, DISABLED when the settings switch execution off
    (``code_execution_config=False``), else UNKNOWN."""
    head, *rest = path.split(".")
    value = _sdk.passed_keyword(node, head, ctx)
    if value is None:
        return None, node
    value = _sdk.setting_at(value, rest, ctx, node)
    if value is None or value is _sdk.DISABLED or value is _sdk.UNKNOWN:
        return value, node
    written = value
    value = _sdk.resolve_node(value, ctx, node)
    if isinstance(value, ast.Constant) and isinstance(value.value, (str, bool)):
        return value.value, written
    return _sdk.UNKNOWN, node


def _literal_false(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and value.value is False


def _given(value: ast.expr | None) -> bool:
    """A keyword that turns execution on: present and not a literal False / None / empty."""
    return value is not None and not (isinstance(value, ast.Constant) and not value.value)


def _answer_runs(ctx) -> list[tuple[ast.Call, str]]:
    """(call, what runs it) for each place a model's answer is run as code (memoised per file)."""
    return ctx.memo("rdy414-answer-runs", lambda: _find_answer_runs(ctx))


def _find_answer_runs(ctx) -> list[tuple[ast.Call, str]]:
    executors = frameworks.tables().code_executors
    if ctx.tree is None or not ctx.imported_modules:
        return []
    built = _sdk.constructed_by(ctx)
    # objects this file builds from a host code executor (``repl = PythonREPL()``)
    host_objects = any(executors.get(qn, {}).get("runs") == "host" for qns in built.values() for qn in qns)
    if not host_objects and not any(t in ctx.text for t in SINK_HINTS):
        return []
    # only scopes that themselves ask a model for an answer (cheap test first, per call)
    asking = {id(ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef) or ctx.tree) for call in ctx.calls()
              if isinstance(call.func, ast.Attribute) and call.func.attr in ANSWER_METHODS and _model_answer(call, ctx)}
    scopes = [f for f in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef) if id(f) in asking]
    if id(ctx.tree) in asking:
        scopes.append(ctx.tree)
    functions = {f.name: f for f in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)}
    found = []
    for scope in scopes:
        nodes = list(_own_nodes(scope))
        tainted: set[str] = set()
        for node in sorted((n for n in nodes if isinstance(n, (ast.Assign, ast.AnnAssign))), key=lambda n: n.lineno):
            if node.value is not None and (_model_answer(node.value, ctx) or _tools.uses_any(node.value, tainted)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                tainted |= {n.id for t in targets for n in walk(t) if isinstance(n, ast.Name)}
        if not tainted:
            continue
        script = _writes_into_a_file(scope, tainted)
        for call in (n for n in nodes if isinstance(n, ast.Call)):
            sink = _code_sink(call, ctx, built, executors)
            if sink and (_tools.call_uses(call, tainted) or script and _runs_a_script(call, ctx)):
                found.append((call, sink))
            elif isinstance(call.func, ast.Name) and call.func.id in functions and functions[call.func.id] is not scope:
                # a helper of this file that runs what it is given (``execute_with_retry(code, df)``)
                helper = functions[call.func.id]
                params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)]
                passed = {params[i] for i, a in enumerate(call.args) if i < len(params) and _tools.uses_any(a, tainted)}
                passed |= {k.arg for k in call.keywords if k.arg in params and _tools.uses_any(k.value, tainted)}
                script = bool(passed) and _writes_into_a_file(helper, passed)
                for inner in (n for n in walk(helper) if isinstance(n, ast.Call) and passed):
                    sink = _code_sink(inner, ctx, built, executors)
                    if sink and (any(_tools.uses_any(a, passed) for a in inner.args[:1])
                                 or script and _runs_a_script(inner, ctx)):
                        found.append((inner, sink))
    # A tool that hands its own argument to a host executor object (``repl.run(code)`` in a
    # ``@tool``): the model's code reaches the executor there.
    for tool in _tools.find_tools(ctx) if host_objects else ():
        tainted = _tools.tainted_names(tool)
        for call in (n for n in walk(tool.node) if isinstance(n, ast.Call)):
            sink = _executor_run(call, built, executors)
            if sink and _tools.call_uses(call, tainted):
                found.append((call, sink))
    unique = {id(call): (call, sink) for call, sink in found}
    return sorted(unique.values(), key=lambda item: (item[0].lineno, item[0].col_offset))


def _writes_into_a_file(func: ast.AST, names: set[str]) -> bool:
    """The function writes one of ``names`` into a file (``f.write(code)``, ``path.write_text(code)``):
    an interpreter it then starts on a script runs that text (``["python", script_path]``)."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in ("write", "write_text", "writelines") and n.args and _tools.uses_any(n.args[0], names)
               for n in walk(func))


def _runs_a_script(call: ast.Call, ctx) -> bool:
    """An interpreter started on a script file (not ``-c`` text, judged by what it is given)."""
    return bool(_tools.interpreter_run(call, ctx.qualname(call.func) or "", ctx))


def _code_sink(call: ast.Call, ctx, built: dict, executors: dict) -> str:
    """What runs code in this call: exec/eval, a shell, an interpreter or a host executor object."""
    qn = ctx.qualname(call.func) or ""
    return _tools.shell_call(call, ctx) or (qn if qn in ("exec", "eval", "builtins.exec", "builtins.eval") else "") or \
        _tools.interpreter_run(call, qn, ctx) or _executor_run(call, built, executors)


def _executor_run(call: ast.Call, built: dict, executors: dict) -> str:
    """``repl.run(code)`` / ``.invoke`` on an object built from a host code executor of the profiles."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr in ("run", "arun", "invoke", "ainvoke")
            and isinstance(call.func.value, ast.Name)):
        return ""
    for qn in built.get(call.func.value.id, ()):
        spec = executors.get(qn)
        if spec is not None and spec["runs"] == "host":
            return qn.rsplit(".", 1)[-1]
    return ""


def _run_on_answers_later(node: ast.Call, ctx) -> bool:
    """The executor built here is run on a model's answer in this file (reported there instead)."""
    parent = ctx.parent(node)
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name)):
        return False
    name = parent.targets[0].id
    return any(isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name) and c.func.value.id == name
               for c, _ in _answer_runs(ctx))
