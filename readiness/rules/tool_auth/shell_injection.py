"""RDY410: a tool pastes its arguments into a shell command line, through helpers in any module."""
from __future__ import annotations

import ast

from readiness.context import function_params
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import sdk as _sdk, tools as _tools
from readiness.walk import walk

QUOTERS = {"shlex.quote", "pipes.quote", "quote"}


def _latest_value(name: str, func, before: int, ctx) -> ast.expr | None:
    """The value last assigned to ``name`` in ``func`` on a line before ``before`` (source order)."""
    def index():
        table: dict[str, list[tuple[int, ast.expr]]] = {}
        for node in walk(func):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        table.setdefault(target.id, []).append((node.lineno, node.value))
        return table
    best = None
    for lineno, value in ctx.memo(f"assigned:{id(func)}", index).get(name, ()):
        if lineno < before and (best is None or lineno > best[0]):
            best = (lineno, value)
    return best[1] if best else None


NUMERIC = {"int", "float", "bool", "len", "round", "abs"}


def _carriers(expr: ast.AST | None, ctx):
    """Names whose text can end up in the value of ``expr`` (conditions and numbers cannot)."""
    if expr is None:
        return
    if isinstance(expr, ast.Name):
        yield expr
    elif isinstance(expr, ast.IfExp):
        yield from _carriers(expr.body, ctx)
        yield from _carriers(expr.orelse, ctx)
    elif isinstance(expr, (ast.Compare, ast.Constant, ast.Lambda)):
        return
    elif isinstance(expr, ast.Call):
        name = ctx.qualname(expr.func) or ""
        last = name.rsplit(".", 1)[-1]
        if name in QUOTERS or name in NUMERIC or last.startswith(("validate", "sanitize", "parse_int")):
            return  # quoted, numeric, or the result of a validation helper
        if isinstance(expr.func, ast.Attribute):
            yield from _carriers(expr.func.value, ctx)
        for arg in [*expr.args, *(kw.value for kw in expr.keywords)]:
            yield from _carriers(arg, ctx)
    elif isinstance(expr, ast.FormattedValue):
        yield from _carriers(expr.value, ctx)
    else:
        for child in ast.iter_child_nodes(expr):
            yield from _carriers(child, ctx)


def _safe_params(func, ctx) -> set[str]:
    """Parameters typed as numbers, booleans or ``Literal[...]`` choices cannot carry shell syntax."""
    return ctx.memo(f"safe-params:{id(func)}", lambda: _compute_safe_params(func, ctx))


def _compute_safe_params(func, ctx) -> set[str]:
    safe = set()
    a = func.args
    for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs):
        ann = arg.annotation
        if isinstance(ann, ast.Name) and isinstance(ctx.module_assignments.get(ann.id), ast.Subscript):
            ann = ctx.module_assignments[ann.id]
        text = ast.unparse(ann) if ann is not None else ""
        parts = {p.strip() for p in text.replace("|", ",").replace("Optional[", "").rstrip("]").split(",")}
        if text.startswith("Literal[") or parts and parts <= {"int", "float", "bool", "None"}:
            safe.add(arg.arg)
    return safe


def injects(expr: ast.AST | None, params: set[str], func, ctx, depth: int = 0) -> bool:
    """Does ``expr`` carry unquoted text from ``params`` (following local assignments by line)?"""
    if expr is None or depth > 4:
        return False
    params = params - _safe_params(func, ctx)
    for node in _carriers(expr, ctx):
        if node.id in params:
            return True
        value = _latest_value(node.id, func, getattr(expr, "lineno", 10**9) + 1, ctx)
        if value is not None and value is not expr and injects(value, params, func, ctx, depth + 1):
            return True
    return False


def _terminal_sink(qual: str, sinks: dict[str, set[str]], shell_at: dict, depth: int = 0):
    """The fact where a helper chain starting at ``qual`` runs the shell, when one can be told."""
    if qual in shell_at:
        return shell_at[qual]
    if depth > 3:
        return None
    for via in sorted(sinks.get(qual, ())):
        found = _terminal_sink(via, sinks, shell_at, depth + 1)
        if found is not None:
            return found
    return None


def _first_paste(qual: str, sinks: dict[str, set[str]], pastes: dict, aliases: dict, depth: int = 0):
    """The first call down a helper chain from ``qual`` that pastes its parameter into a command."""
    if qual in pastes:
        return pastes[qual]
    if depth > 3:
        return None
    for via in sorted(sinks.get(qual, ())):
        if via != "direct" and (found := _first_paste(aliases.get(via, via), sinks, pastes, aliases, depth + 1)) is not None:
            return found
    return None


def _method_owner(ctx, func) -> str | None:
    parent = ctx.parent(func)
    return parent.name if isinstance(parent, ast.ClassDef) else None


class ShellInjection(Rule):
    """
    ## What it finds
    An agent tool that pastes one of its arguments, unquoted, into a command line that reaches a
    shell: directly (`subprocess.run(f"grep {pattern} log", shell=True)`) or through helper
    functions and methods anywhere in the project (`self.shell(f"xdotool key -- {text}")` where
    `shell` calls a `run(cmd)` helper in another module that uses `create_subprocess_shell`).
    Text passed through `shlex.quote` is safe and is not reported. Where three tools or more paste
    into the commands of one shared runner (`run_kubectl(f"kubectl get pods -n {namespace}")`), the
    runner's shell is one problem: it is reported once, at the runner, naming the tools.

    ## Why it matters
    Even when a tool is meant to run one fixed program, an argument pasted into the command line
    lets the model, or whoever steers it, append `; curl ... | sh`. The tool's narrow purpose is
    gone and the agent runs arbitrary commands.

    ## How to fix
    Pass arguments as a list without a shell (`subprocess.run(["xdotool", "key", "--", text])`),
    or quote every inserted value with `shlex.quote`, and validate it against what the tool
    expects (a key name, a file under one directory).

    ## Example
    ```python
    await self.shell(f"xdotool key -- {text}")                   # injectable
    await self.shell(f"xdotool key -- {shlex.quote(text)}")      # quoted
    ```

    A tool whose whole argument becomes the command line through a helper only it uses is
    reported where the shell runs; a runner several tools share, and an argument pasted into a
    template, are reported at each tool's call.

    ## Limits
    Helpers are followed through direct calls, `self.<method>` calls, methods of the project's
    own classes (`desktop.run_command(command)`, when one class defines that method) and imports
    of the project's own modules, two levels deep.
    """

    id = "RDY410"
    judges_tool_bodies = True
    supersedes = ("RDY402",)  # pasting arguments into a shell is the specific form of running one
    name = "shell-injection"
    severity = Severity.ERROR
    judges_tools = True
    summary = "Agent tool pastes its arguments unquoted into a shell command"
    needs_project = True
    security_severity = "8.5"
    fix_hint = "Pass an argument list without a shell, or shlex.quote every inserted value"

    valid = [
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/run.py": '''
                import asyncio
                async def run(cmd: str):
                    proc = await asyncio.create_subprocess_shell(cmd)
                    return await proc.communicate()
            ''',
            "desk/tools.py": '''
                import shlex
                from langchain_core.tools import BaseTool
                from desk.run import run
                class KeyTool(BaseTool):
                    name = "key"
                    async def __call__(self, text: str):
                        return await run(f"xdotool key -- {shlex.quote(text)}")
            ''',
        }),
        Example("""
            import subprocess
            from langchain_core.tools import tool
            @tool
            def disk_usage() -> str:
                \"\"\"Report disk usage.\"\"\"
                return subprocess.run("df -h", shell=True, capture_output=True, text=True).stdout
        """),
    ]
    invalid = [
        # ``shell=`` a flag that a fallback branch turns on.
        Example("""
            import shlex
            import subprocess
            from agents import Agent, function_tool
            @function_tool
            def run_command(command: str) -> str:
                shell_mode = False
                try:
                    parts = shlex.split(command)
                except ValueError:
                    parts = command
                    shell_mode = True
                return subprocess.run(parts, shell=shell_mode, capture_output=True, text=True).stdout  # expect: RDY410
            ops = Agent(name="ops", tools=[run_command])
        """),
        # Three tools or more pasting into one runner's shell: one finding, at the runner.
        Example("""
            import subprocess
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("k8s")
            def run_kubectl(command: str) -> str:
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout  # expect: RDY410
            @mcp.tool()
            def get_pods(namespace: str) -> str:
                return run_kubectl(f"kubectl get pods -n {namespace}")
            @mcp.tool()
            def describe_pod(namespace: str, pod: str) -> str:
                return run_kubectl(f"kubectl describe pod {pod} -n {namespace}")
            @mcp.tool()
            def pod_logs(namespace: str, pod: str) -> str:
                return run_kubectl(f"kubectl logs {pod} -n {namespace}")
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'redteam'\n",
            "redteam/session.py": '''
                import pexpect
                class Shell:
                    def __init__(self):
                        self.child = pexpect.spawn("/bin/bash", encoding="utf-8")
                    def run(self, command: str) -> str:
                        self.child.sendline(command)
                        self.child.expect(r"[$#] ")
                        return self.child.before
                SHELL = Shell()
                def get_shell() -> Shell:
                    return SHELL
            ''',
            "redteam/runner.py": '''
                from redteam.session import get_shell
                def run_command(cmd: str) -> str:
                    shell = get_shell()
                    return shell.run(cmd)
            ''',
            "redteam/tools.py": '''
                from crewai.tools import BaseTool
                from redteam.runner import run_command
                class ListFiles(BaseTool):
                    name: str = "List files"
                    description: str = "List a directory."
                    def _run(self, path: str) -> str:
                        cmd = f"ls -la {path}"
                        return run_command(cmd)  # expect: RDY410
            ''',
        }),
        Example("""
            import subprocess
            from langchain_core.tools import tool
            @tool
            def powershell(command: str) -> str:
                \"\"\"Run a PowerShell command.\"\"\"
                return subprocess.run(["powershell", "-Command"] + command.split(), capture_output=True, text=True).stdout  # expect: RDY410
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/run.py": '''
                import asyncio
                async def run(cmd: str):
                    proc = await asyncio.create_subprocess_shell(cmd)
                    return await proc.communicate()
            ''',
            "desk/tools.py": '''
                from langchain_core.tools import BaseTool
                from desk.run import run
                class BaseDesktopTool(BaseTool):
                    async def shell(self, command: str):
                        return await run(command)
                class KeyTool(BaseDesktopTool):
                    name = "key"
                    async def __call__(self, text: str):
                        parts = ["xdotool", f"key -- {text}"]
                        return await self.shell(" ".join(parts))  # expect: RDY410
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'desk'\n",
            "desk/tools.py": '''
                import subprocess
                from langchain_core.tools import tool
                @tool
                def grep_logs(pattern: str) -> str:
                    \"\"\"Search the logs.\"\"\"
                    return subprocess.run(f"grep {pattern} /var/log/app.log", shell=True, capture_output=True).stdout  # expect: RDY410
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'deskbot'\n",
            "deskbot/desktop.py": '''
                import subprocess
                class Desktop:
                    def run_command(self, command: str):
                        return subprocess.run(["powershell", "-Command"] + command.split(), capture_output=True)  # expect: RDY410
            ''',
            "deskbot/tools.py": '''
                from langchain_core.tools import tool
                from deskbot.desktop import Desktop
                @tool
                def shell(command: str, desktop: Desktop = None) -> str:
                    \"\"\"Run a PowerShell command.\"\"\"
                    return str(desktop.run_command(command))  # the shell runs in Desktop: reported there
            ''',
        }),
    ]

    def check_file(self, ctx) -> None:
        if ctx.tree is None:
            return
        module = ctx.module_name
        # 1. Functions and methods whose parameter reaches a shell, here or through a callee.
        for call in ctx.calls():
            if not call.args:
                continue
            func = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)
            if func is None:
                continue
            direct = bool(_tools.shell_call(call, ctx))
            callee = "" if direct else self._callee(call, ctx, func)
            if not direct and not callee:
                continue  # cheap checks first: only shell calls and project helpers can be sinks
            params = set(function_params(func)) - {"self", "cls"}
            if not injects(call.args[0], params, func, ctx):
                continue
            owner = _method_owner(ctx, func)
            qual = f"{module}.{owner}.{func.name}" if owner else f"{module}.{func.name}"
            how = "whole" if _whole_argument(call.args[0], params, call, ctx) else "pasted"
            ctx.fact("shell-sink", call, f"{qual}|{'direct' if direct else callee}|{how}")
            if owner:
                ctx.fact("shell-sink-method", call, f"{func.name}|{qual}")
        # 2. Tools passing their own arguments on, unquoted.
        local = {n.name: n for n in ctx.nodes_of(ast.ClassDef) if isinstance(ctx.parent(n), ast.Module)}
        for tool in _tools.find_tools(ctx):
            bodies = [tool.node]
            if isinstance(tool.node, ast.ClassDef):  # methods inherited from a base class in this file
                bodies += [local[b.id] for b in tool.node.bases if isinstance(b, ast.Name) and b.id in local]
            params = set().union(*(_tools.tool_params(_tools.ToolDef(tool.name, b, tool.framework)) for b in bodies))
            for call in (n for body in bodies for n in walk(body) if isinstance(n, ast.Call)):
                func = ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)
                if func is None or func is not tool.node and func.name not in _tools.TOOL_METHODS \
                        and tool.framework != "dispatch":  # a dispatcher's branch runs in the dispatcher
                    continue  # helper methods are followed as sinks, from the entry method's call
                arg = call.args[0] if call.args else None
                if arg is None or not injects(arg, params, func, ctx):
                    continue
                # The model's whole argument as the command line, or pasted into a command template.
                how = "whole" if _whole_argument(arg, params, call, ctx) else "pasted" if _template(arg, call, ctx) \
                    else "derived"  # ``Path(path)``: the tool hands on a value a helper may paste into text
                if _tools.shell_call(call, ctx):
                    ctx.fact("shell-tool-call", call, f"{tool.name}|direct|{how}")
                else:
                    callee = self._callee(call, ctx, func, tool)
                    if callee:
                        ctx.fact("shell-tool-call", call, f"{tool.name}|{callee}|{how}")

    def _callee(self, call: ast.Call, ctx, func, tool=None) -> str:
        """Qualified name of a project function or method the call invokes, when it can be told."""
        f = call.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self":
            cls = ctx.enclosing(call, ast.ClassDef)
            classes = [cls] if cls is not None else []
            if cls is not None:  # a method inherited from a base class in the same file
                local = {n.name: n for n in ctx.nodes_of(ast.ClassDef)}
                classes += [local[b.id] for b in cls.bases if isinstance(b, ast.Name) and b.id in local]
            for c in classes:
                if any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == f.attr for s in c.body):
                    return f"{ctx.module_name}.{c.name}.{f.attr}"
            return ""
        if isinstance(f, ast.Name):
            if f.id in ctx.imports:  # only the project's own modules can hold a helper worth following
                target = ctx.imports[f.id]
                head = target.split(".")[0]
                return target if head == ctx.module_name.split(".")[0] or ctx.is_local_module(head) else ""
            defined = any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == f.id for s in ctx.tree.body)
            return f"{ctx.module_name}.{f.id}" if defined else ""
        if _tools.method_on_project_object(call, ctx):
            # ``desktop.execute_command(command)`` on an object of one of the project's classes (in a
            # tool, or in a helper a tool calls: ``shell.run_command(cmd)``): resolved in the project
            # pass when one class's method of that name is a sink
            return f"~method.{f.attr}"
        return ""

    def check_project(self, ctx) -> None:
        sinks: dict[str, set[str]] = {}
        pastes: dict[str, object] = {}  # qual -> the first call where it pastes a parameter into a command
        for fact in sorted(ctx.facts("shell-sink"), key=lambda f: (f.path, f.line)):
            qual, via, how = (fact.value.split("|", 2) + ["whole"])[:3]
            sinks.setdefault(qual, set()).add(via)
            if how == "pasted":
                pastes.setdefault(qual, fact)
        owners: dict[str, set[str]] = {}  # method name -> the classes' methods of that name that are sinks
        for fact in ctx.facts("shell-sink-method"):
            name, qual = fact.value.split("|", 1)
            owners.setdefault(name, set()).add(qual)
        aliases = {f"~method.{name}": next(iter(quals)) for name, quals in owners.items() if len(quals) == 1}
        dangerous = {q for q, vias in sinks.items() if "direct" in vias}
        for _ in range(4):  # helpers calling helpers (``tool -> run_command -> shell.run_command -> sendline``)
            dangerous |= {q for q, vias in sinks.items() if {aliases.get(v, v) for v in vias} & dangerous}
        dangerous |= {alias for alias, qual in aliases.items() if qual in dangerous}
        shell_at = {}  # qual -> where it runs the shell itself
        for fact in ctx.facts("shell-sink"):
            qual, via = fact.value.split("|", 2)[:2]
            if via == "direct":
                shell_at.setdefault(qual, fact)
        calls = [(fact, *fact.value.split("|", 2)) for fact in ctx.facts("shell-tool-call")]
        calls = [(fact, name, via, how) for fact, name, via, how in calls if via == "direct" or via in dangerous]
        # The model's whole argument as the command through a helper only this tool uses: the helper
        # is the tool's own shell, found where the shell runs. A runner several tools share, or an
        # argument pasted into a template, is found at each tool's call.
        ends = {id(fact): _terminal_sink(aliases.get(via, via), sinks, shell_at)
                for fact, _, via, how in calls if how == "whole" and via != "direct"}
        users: dict[str, set] = {}  # helper -> the functions and tools that hand it a command
        sink_calls = set()
        for fact in ctx.facts("shell-sink"):
            qual, via = fact.value.split("|", 2)[:2]
            if via != "direct":
                users.setdefault(aliases.get(via, via), set()).add(qual)
                sink_calls.add((fact.path, fact.line))
        for fact, name, via, _ in calls:
            if (fact.path, fact.line) not in sink_calls:  # a tool class's entry method, not a function already counted
                users.setdefault(aliases.get(via, via), set()).add(f"tool:{fact.path}:{name}")
        # Many tools pasting their arguments into command text for one shared runner: one problem,
        # the runner's shell, reported once there with the tools that feed it.
        shared: dict[int, tuple] = {}  # runner -> (its shell fact, the tool calls that paste into it)
        for fact, name, via, how in calls:
            if how == "pasted" and via != "direct":
                runner = _terminal_sink(aliases.get(via, via), sinks, shell_at)
                if runner is not None:
                    shared.setdefault(id(runner), (runner, []))[1].append((fact, name))
        seen = set()
        for runner, fed in shared.values():
            names = sorted({name for _, name in fed})
            if len(names) <= SHARED_RUNNER:
                continue
            first = min(fed, key=lambda item: (item[0].path, item[0].line))[0]
            seen |= {(fact.path, fact.line) for fact, _ in fed}
            ctx.report(f"{len(names)} tools paste their arguments unquoted into commands that this runner hands to a "
                       f"shell ({', '.join(f'`{n}`' for n in names[:3])}{', ...' if len(names) > 3 else ''}; first at "
                       f"{first.path}:{first.line})", runner, subject=f"{runner.path}:shared-runner")
            seen.add((runner.path, runner.line))
        for fact, name, via, how in calls:
            if (fact.path, fact.line) in seen and how == "pasted" and via != "direct":
                continue
            end = ends.get(id(fact))
            at = end if end is not None and len(users.get(aliases.get(via, via), ())) == 1 else fact
            # the tool hands a path on (``self.view(Path(path))``) and a helper down the chain builds the
            # command around it (``run(f"find {path} -maxdepth 2")``): found where the text is pasted
            paste = _first_paste(aliases.get(via, via), sinks, pastes, aliases) if via != "direct" and how == "derived" else None
            if paste is not None:
                at, how = paste, "pasted"
            if (at.path, at.line) not in seen:
                seen.add((at.path, at.line))
                what = "runs the model's argument as a shell command line" if how == "whole" else \
                    "pastes its arguments unquoted into a shell command"
                where = f" (called at {fact.path}:{fact.line})" if at is not fact else ""
                ctx.report(f"tool `{name}` {what}{where}", at, subject=f"{fact.path}:{name}")


# More tools than this pasting into one runner's commands make one finding at the runner.
SHARED_RUNNER = 2


def _template(arg: ast.expr, at: ast.AST, ctx) -> bool:
    """Command text written around the argument here (``f"test -f {path}"``, ``"ls " + path``,
    ``"rm {}".format(p)``), as opposed to a value merely converted (``Path(path)``)."""
    value = _sdk.resolve_node(arg, ctx, at) if isinstance(arg, ast.Name) else arg
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mod)):
        return any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in walk(value))
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in ("format", "join")


def _whole_argument(arg: ast.expr, params: set[str], at: ast.AST, ctx) -> bool:
    """The model's argument as it came, not text around it: a parameter (``command``), or a name
    bound to one field of the call's arguments (``command = block.input["command"]``)."""
    if isinstance(arg, ast.Name) and arg.id in params:
        return True
    value = _sdk.resolve_node(arg, ctx, at) if isinstance(arg, ast.Name) else arg
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" and value.args \
            and isinstance(value.args[0], ast.Constant):
        value = value.func.value  # ``args.get("command")``: one field of the call's arguments
        return isinstance(value, ast.Name) and value.id in params or _whole_argument(value, params, at, ctx)
    if not isinstance(value, (ast.Subscript, ast.Attribute)):
        return False
    root = value
    while isinstance(root, (ast.Subscript, ast.Attribute)):
        root = root.value
    return isinstance(root, ast.Name) and root.id in params
