"""RDY405: a tool writes or deletes files at a path the model chose, with no confinement."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness import frameworks
from readiness.analysis import sdk as _sdk, tools as _tools
from readiness.walk import walk

# Any of these in the tool's body means it checks where the path leads.
CONFINEMENT = {"is_relative_to", "relative_to", "commonpath", "commonprefix", "secure_filename", "basename"}


def _path_expr(call: ast.Call, kind: str) -> ast.expr | None:
    """The path a file-writing or deleting call acts on."""
    if isinstance(call.func, ast.Attribute) and call.func.attr in _tools.FS_WRITE_METHODS | {"unlink", "rmdir", "rmtree", "open"}:
        qn_root = call.func.value
        if not (isinstance(qn_root, ast.Name) and qn_root.id in ("os", "shutil", "io", "codecs", "aiofiles", "gzip")):
            return qn_root  # path.write_text(...), path.unlink(), path.open("w")
    name = _sdk.attr_chain(call.func)[-1] if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name in ("copy", "copyfile", "copy2", "copytree") and len(call.args) > 1:
        return call.args[1]  # a copy reads its source and writes only its destination
    if name in ("move", "rename", "replace") and len(call.args) > 1:
        return ast.Tuple(elts=call.args[:2], ctx=ast.Load())  # a move removes the source and writes the destination
    return call.args[0] if call.args else None


class UnconfinedFileAccess(Rule):
    """
    ## What it finds
    An agent tool that writes, moves or deletes a file at a path taken from its arguments, with
    no check that the path stays inside a directory: no `Path.resolve()` plus
    `is_relative_to(base)`, no `os.path.commonpath`, no `basename` / `secure_filename`.

    ## Why it matters
    The model picks the path, and a prompt injection picks it for the model. Without
    confinement, `../../.ssh/authorized_keys`, the agent's own source or `/etc/...` are one tool
    call away, with the permissions of the process running the agent.

    ## How to fix
    Resolve the path and refuse anything outside the tool's working directory:
    `target = (BASE / name).resolve(); if not target.is_relative_to(BASE): raise ...`. Run the
    agent as a user that can only write there.

    ## Example
    ```python
    Path(path).write_text(content)                                  # anywhere on disk
    target = (WORKDIR / path).resolve()
    if not target.is_relative_to(WORKDIR): raise ValueError(path)   # confined
    ```

    A normalised path (`resolve()`, `realpath`, `abspath`) whose prefix is compared in an `if`
    (`str(target).startswith(str(base))`) counts as confined.

    ## Limits
    Only the tool's own body is checked. A check done in a helper function is recognised when
    the helper is called `basename`, `secure_filename` or uses `commonpath` / `is_relative_to`
    inside the tool.
    """

    id = "RDY405"
    security_severity = "7.5"  # GitHub ranks it as a security alert (CVSS-style 0-10)
    judges_tool_bodies = True
    name = "unconfined-file-access"
    needs_project = True
    severity = Severity.WARNING
    summary = "Agent tool writes or deletes files at a model-chosen path without confinement"
    fix_hint = "Resolve the path and refuse anything outside the tool's directory (is_relative_to)"

    valid = [
        # The argument sits inside a file name the code starts itself: ``report_../../x`` names a
        # folder ``report_..``, not the parent, so the write stays in REPORTS.
        Example("""
            from pathlib import Path
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("billing")
            REPORTS = Path("reports")
            @mcp.tool()
            def export_invoice(invoice_id: str, body: str) -> str:
                target = REPORTS / f"report_{invoice_id}.txt"
                target.write_text(body)
                return str(target)
        """),
        # A store's save() persists a record, not a file at a path the model picked.
        Example("""
            from agents import function_tool
            @function_tool
            def move_booking(booking_id: str, new_time: str) -> str:
                booking = STORE.get(booking_id)
                booking["time"] = new_time
                STORE.save(booking)
                return "moved"
        """),
        Example("""
            from langchain_community.agent_toolkits import FileManagementToolkit
            from langchain_community.tools import WriteFileTool
            workspace = FileManagementToolkit(root_dir="/srv/agent-workspace").get_tools()
            reader = FileManagementToolkit(selected_tools=["read_file", "list_directory"]).get_tools()
            notes = WriteFileTool(root_dir="/srv/notes")
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'coach'\n",
            "coach/store.py": '''
                import json, os
                BASE = "memory_store"
                def save_profile(user_id: str, profile: dict):
                    with open(os.path.join(BASE, user_id, "profile.json"), "w") as f:
                        json.dump(profile, f)
            ''',
            "coach/tools.py": '''
                import os
                from agents import function_tool
                from coach.store import save_profile
                @function_tool
                def update_profile(user_id: str, key: str, value: str) -> str:
                    save_profile(os.path.basename(user_id), {key: value})  # one folder name, never a path
                    return "saved"
            ''',
        }),
        Example("""
            import os
            from agents import function_tool
            @function_tool
            def create_file(path: str, file_text: str) -> str:
                \"\"\"Create a file inside the working folder.\"\"\"
                base = os.path.abspath(os.getcwd())
                target = os.path.abspath(path)
                if os.path.commonpath([base, target]) != base:
                    raise ValueError("outside the working folder")
                with open(target, "w") as out:
                    out.write(file_text)
                return "created"
        """),
        Example("""
            import os, subprocess, tempfile
            from pathlib import Path
            from langchain_core.tools import tool
            @tool
            def run_script(source: str, suffix: str = ".sh") -> str:
                \"\"\"Run a script from a scratch file.\"\"\"
                fd, path = tempfile.mkstemp(suffix=suffix)
                os.close(fd)
                Path(path).write_text(source)
                return "saved"
        """),
        Example("""
            import os
            from pathlib import Path
            from fastmcp import FastMCP
            mcp = FastMCP("files")
            SANDBOX = Path(os.environ.get("SANDBOX_DIR", "/tmp/sandbox")).resolve()
            def _get_safe_path(path: str) -> Path:
                target = (SANDBOX / path).resolve()
                if not target.is_relative_to(SANDBOX):
                    raise ValueError("outside the sandbox")
                return target
            @mcp.tool()
            def write_file(path: str, content: str) -> str:
                \"\"\"Write a file in the sandbox.\"\"\"
                _get_safe_path(path).write_text(content)
                return "ok"
        """),
        Example(files={
            "files/base.py": '''
                from pathlib import Path
                from langchain_core.tools import BaseTool
                class WorkspaceTool(BaseTool):
                    root: str = "/srv/work"
                    def _validate_path(self, relative: str):
                        target = (Path(self.root) / relative).resolve()
                        target.relative_to(self.root)
                        return target
            ''',
            "files/delete.py": '''
                from files.base import WorkspaceTool
                class DeleteFileTool(WorkspaceTool):
                    name: str = "delete_file"
                    description: str = "Delete a file in the workspace"
                    def _run(self, file_path: str) -> str:
                        target = self._validate_path(file_path)
                        target.unlink()
                        return "deleted"
            ''',
        }),
        Example("""
            from pathlib import Path
            from langchain_core.tools import tool
            WORKDIR = Path("/srv/agent/work").resolve()
            @tool
            def save_note(name: str, text: str) -> str:
                \"\"\"Save a note.\"\"\"
                target = (WORKDIR / name).resolve()
                if not target.is_relative_to(WORKDIR):
                    raise ValueError("outside the work directory")
                target.write_text(text)
                return "saved"
        """),
        Example("""
            from pathlib import Path
            from agents import function_tool
            @function_tool
            def write_log(text: str) -> str:
                Path("/var/log/agent/notes.log").open("a").write(text)
                return "ok"
        """),
        Example("""
            from pathlib import Path
            from crewai.tools import tool
            WORKDIR = Path("workdir").resolve()
            @tool("Write a page")
            def write_page(name: str, html: str) -> str:
                \"\"\"Write an HTML page.\"\"\"
                target = (WORKDIR / name).resolve()
                if not str(target).startswith(str(WORKDIR)):
                    return "outside the work directory"
                target.write_text(html)
                return "written"
        """),
    ]
    invalid = [
        # A copy writes its destination: the model picks where the file lands.
        Example("""
            import shutil
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("files")
            @mcp.tool()
            def publish_report(destination: str) -> str:
                shutil.copyfile("build/report.pdf", destination)  # expect: RDY405
                return destination
        """),
        # One tool, several actions picked by the model's first word: each action that writes or
        # deletes is judged on its own, at its first write (also inside a helper it calls).
        Example("""
            import os
            from langchain_core.tools import tool
            def append_text(path: str, text: str) -> str:
                with open(path, "a") as f:  # expect: RDY405
                    f.write(text)
                return "appended"
            @tool
            def files(command: str) -> str:
                \"\"\"write <path> <text> | append <path> <text> | delete <path> | read <path>\"\"\"
                verb, path, *rest = command.split(" ", 2)
                if verb == "write":
                    with open(path, "w") as f:  # expect: RDY405
                        f.write(rest[0])
                    return "written"
                elif command.startswith("append "):
                    return append_text(path, rest[0])
                elif verb == "delete":
                    os.remove(path)  # expect: RDY405
                    return "deleted"
                with open(path) as f:
                    return f.read()
        """),
        # A vector store saved to a folder named by the model's argument.
        Example("""
            import os
            from agents import function_tool
            @function_tool
            def remember(user_id: str, text: str) -> str:
                store = load_store(user_id)
                store.add_texts([text])
                store.save_local(os.path.join("memory", user_id))  # expect: RDY405
                return "saved"
        """),
        Example("""
            from pathlib import Path
            from agno.tools import tool
            @tool
            def create_file(path: str, content: str) -> str:
                \"\"\"Create a file.\"\"\"
                target = Path(path)
                with target.open("w", encoding="utf-8") as handle:  # expect: RDY405
                    handle.write(content)
                return "created"
        """),
        Example("""
            from langchain_community.agent_toolkits import FileManagementToolkit
            from langgraph.prebuilt import create_react_agent
            tools = FileManagementToolkit().get_tools()  # expect: RDY405
            agent = create_react_agent("openai:gpt-4.1-2025-04-14", tools)
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'exporter'\n",
            "exporter/files.py": '''
                import os
                def save_csv(csv_content: str, filename: str = "export.csv") -> dict:
                    """Save the CSV the agent wrote."""
                    path = os.path.join(os.getcwd(), filename)  # "../../home/me/.bashrc" leaves the folder
                    with open(path, "w") as handle:  # expect: RDY405
                        handle.write(csv_content)
                    return {"saved": path}
            ''',
            "exporter/agent.py": '''
                from google.adk.agents import Agent
                from exporter.files import save_csv
                root_agent = Agent(name="exporter", model="gemini-2.0-flash-001", tools=[save_csv])
            ''',
        }),
        Example(files={
            "pyproject.toml": "[project]\nname = 'coach'\n",
            "coach/store.py": '''
                import json, os
                BASE = "memory_store"
                def save_profile(user_id: str, profile: dict):
                    with open(os.path.join(BASE, user_id, "profile.json"), "w") as f:  # expect: RDY405
                        json.dump(profile, f)
            ''',
            "coach/tools.py": '''
                from agents import function_tool
                from coach.store import save_profile
                @function_tool
                def update_profile(user_id: str, key: str, value: str) -> str:
                    save_profile(user_id, {key: value})  # the model picks user_id: "../../etc"
                    return "saved"
            ''',
        }),
        Example("""
            import os
            from agents import function_tool
            @function_tool
            def create_file(path: str, file_text: str) -> str:
                \"\"\"Create a file inside the working folder.\"\"\"
                base = os.getcwd()
                if not os.path.commonpath([os.path.abspath(base), os.path.abspath(path)]):  # always a non-empty string
                    raise ValueError("outside the working folder")
                with open(path, "w") as out:  # expect: RDY405
                    out.write(file_text)
                return "created"
        """),
        Example("""
            from agents import function_tool
            def write_file(path: str, text: str) -> None:
                with open(path, "w", encoding="utf-8") as out:  # expect: RDY405
                    out.write(text)
            @function_tool
            def create_file(path: str, file_text: str) -> str:
                \"\"\"Create a file with the given text.\"\"\"
                write_file(path, file_text)
                return "created"
            @function_tool
            def save_note(text: str) -> str:
                \"\"\"Save a note in the notes file.\"\"\"
                write_file("notes.md", text)
                return "saved"
        """),
        Example("""
            import os, tempfile
            from langchain_core.tools import tool
            @tool
            def save_upload(filename: str, data: str) -> str:
                \"\"\"Save an upload in the scratch folder.\"\"\"
                scratch = tempfile.mkdtemp()
                target = os.path.join(scratch, filename)  # "../../home/me/.bashrc" leaves the folder
                with open(target, "w") as out:  # expect: RDY405
                    out.write(data)
                return target
        """),
        Example("""
            from strands import tool
            @tool
            def write_file(file_name: str, content: str, file_write_mode: str = "w") -> str:
                \"\"\"Write or append to a file.\"\"\"
                mode = file_write_mode.strip()
                if mode not in ("w", "a"):
                    return "mode must be w or a"
                with open(file_name, mode, encoding="utf-8") as out:  # expect: RDY405
                    out.write(content)
                return "written"
        """),
        Example("""
            import os
            from langchain_core.tools import tool
            def safe_path(path: str) -> str:
                return os.path.normpath(path)
            @tool
            def save(path: str, text: str) -> str:
                \"\"\"Save a note.\"\"\"
                with open(safe_path(path), "w") as f:  # expect: RDY405
                    f.write(text)
                return "saved"
        """),
        Example("""
            from pathlib import Path
            from langchain_core.tools import tool
            @tool
            def save_file(path: str, content: str) -> str:
                \"\"\"Write content to a file.\"\"\"
                Path(path).write_text(content)  # expect: RDY405
                return "saved"
        """),
        Example("""
            import os
            from crewai.tools import tool
            @tool("Delete file")
            def delete_file(filename: str) -> str:
                \"\"\"Delete a file from the workspace.\"\"\"
                os.remove(os.path.join("/srv/workspace", filename))  # expect: RDY405
                return "deleted"
        """),
    ]

    def check_file(self, ctx) -> None:
        if ctx.tree is not None and ctx.role in ("prod", "example"):
            self._helper_writes(ctx)
        if ctx.tree is not None and "Tool" in ctx.text:
            self._prebuilt_file_tools(ctx)
        for tool in _tools.find_tools(ctx):
            body_calls = {id(n) for n in walk(tool.node) if isinstance(n, ast.Call)}
            names = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                     for n in walk(tool.node) if isinstance(n, ast.Call) and not _truthiness_only(n, ctx)}
            if names & CONFINEMENT or _prefix_check_on_resolved_path(tool.node):
                ctx.fact("fs-confined-tool", tool.node, tool.name.replace("|", "/"))
                continue
            candidates = [c for c in tool.capabilities if _writes(c) and id(c.node) in body_calls]
            helpers = [c for c in tool.capabilities if _writes(c) and id(c.node) not in body_calls]
            if not candidates and not helpers:
                continue
            tainted = _path_taint(tool) - _tools.temp_names(tool.node, ctx, _tools.tool_params(tool))
            if _checked_by_helper(tool.node, tainted, ctx):
                ctx.fact("fs-confined-tool", tool.node, tool.name.replace("|", "/"))
                continue
            risky = [cap for cap in candidates if _tools.uses_any(_path_expr(cap.node, cap.kind), tainted)
                     and not _inside_own_file_name(_path_expr(cap.node, cap.kind), tainted)]
            called_at: dict[int, ast.AST] = {}  # a helper's write belongs to the action that calls the helper
            for cap, call in _through_helpers(tool, tainted, ctx) if helpers else ():
                risky.append(cap)
                called_at[id(cap)] = call
            if risky:  # one finding per action of the tool, at its first unconfined write or delete
                entry = [m for m in getattr(tool.node, "body", []) if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and m.name in _tools.TOOL_METHODS] if isinstance(tool.node, ast.ClassDef) else []
                def in_entry(cap) -> bool:
                    return any(m.lineno <= cap.node.lineno <= m.end_lineno for m in entry)
                actions: dict[int, list] = {}
                for cap in risky:
                    actions.setdefault(_action_branch(called_at.get(id(cap), cap.node), tool.node, tainted, ctx), []).append(cap)
                for group in sorted(actions.values(), key=lambda g: min(c.node.lineno for c in g)):
                    first = min(group, key=lambda c: (not in_entry(c), c.node.lineno, c.node.col_offset))
                    verbs = " and ".join(sorted({"deletes" if c.kind == "delete" else "writes" for c in group}))
                    more = f" ({len(group)} places)" if len(group) > 1 else ""
                    if id(first) in called_at:
                        helper = first.detail.rsplit(" in ", 1)[-1]
                        more += f" (in {helper}, called by the tool at line {called_at[id(first)].lineno})"
                    ctx.report(first.node, f"tool `{tool.name}` {verbs} files at a path from its arguments, with no check "
                                           f"that the path stays inside a directory{more}")

    def _prebuilt_file_tools(self, ctx) -> None:
        """A framework's file tools built without the keyword that roots them in a folder
        (LangChain ``FileManagementToolkit()`` / ``WriteFileTool()`` without ``root_dir``): every
        path the model names is used as given. With it, the tools refuse paths outside the root."""
        table = frameworks.tables().file_tools
        for call in ctx.calls():
            hit = _sdk.lookup_qualname(ctx, call.func, table)
            if hit is None:
                continue
            qn, spec = hit
            name = qn.rsplit(".", 1)[-1]
            if spec["selected_kw"]:
                chosen = _sdk.resolve_node(_sdk.keyword_value(call, spec["selected_kw"]), ctx, call) \
                    if _sdk.keyword_value(call, spec["selected_kw"]) is not None else None
                if isinstance(chosen, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in chosen.elts) \
                        and not {e.value for e in chosen.elts} & set(spec["writers"]):
                    continue  # only the reading tools (read_file, list_directory, file_search) are taken
            if not spec["confined_by"]:  # the toolkit has no setting that roots it (agno MoviePyVideoTools)
                ctx.report(call, f"`{name}` ({spec['what']}) writes wherever the model says: the toolkit has no "
                                 f"setting that roots it in a folder ({spec['framework']})")
                continue
            root = _sdk.keyword_value(call, spec["confined_by"])
            if root is not None and not (isinstance(root, ast.Constant) and root.value is None):
                ctx.credit(call, f"`{name}` is confined to `{spec['confined_by']}`")
            else:
                ctx.report(call, f"`{name}` ({spec['what']}) writes wherever the model says: no "
                                 f"`{spec['confined_by']}` roots it in a folder ({spec['framework']})")

    def _helper_writes(self, ctx) -> None:
        """``func-fswrite``: ``module.function|param:index,...`` for each module-level function that
        writes or deletes at a path built from its parameters with no confinement
        (``save_profile(user_id, profile)`` opening ``os.path.join(BASE, user_id, "profile.json")``),
        so a tool in another module that hands it the model's value is judged in the project pass."""
        tools = {id(t.node) for t in _tools.find_tools(ctx)}
        candidates = [(f"{ctx.module_name}.{f.name}", f, False) for f in ctx.tree.body
                      if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and id(f) not in tools]
        # Methods of the project's own classes (``self.tools.update_tasks(action, name)`` from a
        # dispatcher): keyed ``~method.<name>``, resolved when one class defines the method.
        candidates += [(f"~method.{m.name}", m, True) for c in ctx.tree.body if isinstance(c, ast.ClassDef) and id(c) not in tools
                       for m in c.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and not m.name.startswith("_")]
        # Only functions that call something able to write are worth the path analysis below.
        writing = {id(ctx.enclosing(call, ast.FunctionDef, ast.AsyncFunctionDef)) for call in ctx.calls()
                   if (call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")) in _WRITE_NAMES}
        for qual, func, method in candidates:
            if id(func) not in writing:
                continue
            static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in func.decorator_list)
            params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)][1 if method and not static else 0:]
            if not params or _checked_by_helper(func, set(params), ctx) or _prefix_check_on_resolved_path(func) or {
                    n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                    for n in walk(func) if isinstance(n, ast.Call) and not _truthiness_only(n, ctx)} & CONFINEMENT:
                continue
            writes = [c for c in _tools.capabilities(func, ctx, {}) if _writes(c)]
            reaching = []
            for index, param in enumerate(params):
                reach = _path_derived(func, {param}) - _tools.temp_names(func, ctx, {param})
                hits = [c for c in writes if _tools.uses_any(_path_expr(c.node, c.kind), reach)]
                if hits:
                    reaching.append((f"{param}:{index}", min(hits, key=lambda c: (c.node.lineno, c.node.col_offset))))
            if reaching:
                first = min((cap for _, cap in reaching), key=lambda c: (c.node.lineno, c.node.col_offset))
                ctx.fact("func-fswrite", first.node,
                         f"{qual}|{'delete' if first.kind == 'delete' else 'write'}|"
                         f"{','.join(r for r, _ in reaching)}")

    def check_project(self, ctx) -> None:
        """Tools that hand their own (model-chosen) argument to a helper of another module where it
        becomes the path of a write: reported at that write, once however many tools reach it."""
        roles = ("prod", "example")
        writers = {}
        for fact in ctx.facts("func-fswrite", roles=roles):
            qual, verb, reaching = fact.value.split("|", 2)
            writers[qual] = (fact, verb, {i.rsplit(":", 1)[1]: i.rsplit(":", 1)[0] for i in reaching.split(",") if i})
        if not writers:
            return
        confined = {(f.path, f.line, f.value) for f in ctx.facts("fs-confined-tool", roles=roles)}
        reported = set()
        # Functions of one module handed to an agent as tools in another (``tools=[save_csv]``): every
        # parameter is the model's, so a write at a path from any of them is the tool's own.
        for target in sorted({f.value for f in ctx.facts("tool-ref", roles=roles)} & writers.keys()):
            at, verb, _ = writers[target]
            if (at.path, at.line) not in reported:
                reported.add((at.path, at.line))
                ctx.report(f"tool `{target.rsplit('.', 1)[-1]}` {verb}s files at a path from its arguments, with no "
                           f"check that the path stays inside a directory", at, subject=f"{at.path}:{at.line}")
        for fact in ctx.facts("tool-callee", roles=roles):
            name, target, positions, keywords = (fact.value.split("|", 3) + ["", ""])[:4]
            if target not in writers or (fact.path, fact.line, name) in confined:
                continue
            at, verb, reaching = writers[target]
            carried = set(filter(None, positions.split(","))) & set(reaching) or \
                set(filter(None, keywords.split(","))) & set(reaching.values())
            if carried and (at.path, at.line) not in reported:
                reported.add((at.path, at.line))
                ctx.report(f"tool `{name}` {verb}s files at a path from its arguments, with no check that the path "
                           f"stays inside a directory (in {target.rsplit('.', 1)[-1]}(), called by the tool at "
                           f"{fact.path}:{fact.line})", at, subject=f"{at.path}:{at.line}")


# Names of the calls that can write or delete a file (``_tools.capabilities`` decides which really do).
_WRITE_NAMES = frozenset({"open", "remove", "unlink", "rmdir", "removedirs", "rmtree", "copy", "copyfile", "copy2",
                          "copytree", "move", "rename", "replace", "makedirs", "mkdir", "write_text", "write_bytes",
                          "touch"}) | _tools.SAVE_METHODS


def _path_taint(tool) -> set[str]:
    """The tool's parameters and the local names computed from them, except names built by putting
    an argument inside a file name the code starts itself (``EXPORTS / f"invoice_{invoice_id}.pdf"``)
    or handed back by a download or staging helper."""
    return _tools.propagate(tool.node, set(_tools.tool_params(tool)),
                            stops=lambda value, tainted: _inside_own_file_name(value, tainted) or _made_by_a_helper(value))


def _made_by_a_helper(value: ast.expr) -> bool:
    """``folder, files = await _download_drive_files(config, ids)``: what a download or staging helper
    hands back is a place it chose (a fresh temp folder), not the caller's path, even when the
    caller's arguments said what to fetch. Path arithmetic (``os.path.join``, ``Path(...)``) and
    plain conversions pass the caller's path on; an unpacked call result does not."""
    value = value.value if isinstance(value, ast.Await) else value
    if not isinstance(value, ast.Call):
        return False
    name = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", "")
    return name not in _PATH_OPS and bool(re.match(r"_?(download|fetch|stage|save|export|materiali[sz]e)", name))


def _inside_own_file_name(expr: ast.AST | None, tainted: set[str]) -> bool:
    """Every argument in ``expr`` sits in an f-string after literal text of the same path component
    (``f"invoice_{inv_id}.pdf"``): ``invoice_../../x`` names a folder ``invoice_..`` that is not the
    parent, so the argument cannot climb out of the directory the code chose."""
    uses = [n for n in walk(expr) if isinstance(n, ast.Name) and n.id in tainted] if expr is not None else []
    if not uses:
        return False
    covered: set[int] = set()
    for joined in (n for n in walk(expr) if isinstance(n, ast.JoinedStr)):
        before = ""
        for part in joined.values:
            if isinstance(part, ast.Constant):
                before += str(part.value)
                continue
            component = re.split(r"[/\\]", before)[-1].replace("\0", "")
            if component:
                covered |= {id(n) for n in walk(part) if isinstance(n, ast.Name)}
            before += "\0"
    return all(id(n) in covered for n in uses)


def _truthiness_only(call: ast.Call, ctx) -> bool:
    """``if not os.path.commonpath([base, path]):``: a common path is a non-empty string for any two
    absolute paths, so testing it for truth checks nothing; it confines only when compared with
    the base (``commonpath([base, p]) == base``)."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name not in ("commonpath", "commonprefix"):
        return False
    parent = ctx.parent(call)
    return isinstance(parent, (ast.If, ast.UnaryOp, ast.BoolOp, ast.Assert, ast.IfExp)) and not isinstance(parent, ast.Compare)


_PATH_OPS = {"join", "abspath", "realpath", "normpath", "expanduser", "expandvars", "Path", "PurePath", "str", "resolve",
             "absolute", "joinpath", "with_suffix", "with_name", "dirname", "format", "getcwd", "cwd", "home"}


def _path_derived(func: ast.AST, names: set[str]) -> set[str]:
    """``names`` and the names assigned from them by path arithmetic only (``p = Path(base) / name``,
    ``os.path.join(root, name)``): a file named after a response header or a fresh uuid is not the
    caller's path, even when the caller's argument fetched it."""
    def path_arithmetic(value: ast.expr) -> bool:
        return all((c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", "")) in _PATH_OPS
                   for c in walk(value) if isinstance(c, ast.Call))
    return _tools.propagate(func, names, through=path_arithmetic)


def _writes(cap) -> bool:
    """A write or delete that can land anywhere (creating a folder is left out)."""
    return cap.kind in ("fs-write", "delete") and not (
        cap.kind == "fs-write" and isinstance(cap.node.func, ast.Attribute) and cap.node.func.attr in ("mkdir", "makedirs", "touch"))


def _through_helpers(tool, tainted: set[str], ctx) -> list[tuple]:
    """Writes in a module-level function of the same file that the tool hands its path to
    (``write_file(path, file_text)`` in an editor tool, where ``write_file`` opens ``path`` for
    writing): each write, with the tool's call that hands it the path. Reported at the write, as
    the tool's own writes are."""
    functions = {f.name: f for f in ctx.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = []
    for call in walk(tool.node):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions):
            continue
        helper = functions[call.func.id]
        if helper is tool.node:
            continue
        params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)]
        passed = {params[i] for i, a in enumerate(call.args) if i < len(params) and _tools.uses_any(a, tainted)}
        passed |= {kw.arg for kw in call.keywords if kw.arg in params and _tools.uses_any(kw.value, tainted)}
        if not passed or _checked_by_helper(helper, passed, ctx) or _prefix_check_on_resolved_path(helper):
            continue
        reach = _path_derived(helper, passed)
        for cap in _tools.capabilities(helper, ctx, {}):
            if _writes(cap) and _tools.uses_any(_path_expr(cap.node, cap.kind), reach):
                found.append((_tools.Capability(cap.kind, cap.node, f"{cap.detail} in {helper.name}()"), call))
                break
    return found


# Helpers named for checking a path (``self._validate_path(p)``, ``safe_join(base, p)``,
# ``ensure_within_workspace(p)``).
PATH_CHECKER = re.compile(r"^_?(?:(?:validate|saniti[sz]e|check|ensure|confine|secure|safe|verify)_?\w*(?:path|within|inside)\w*"
                          r"|(?:safe|secure)_?(?:join|resolve|open)|is_(?:safe|allowed|within)\w*"
                          r"|(?:get|resolve|make|to|build)_(?:safe|secure|sandbox(?:ed)?|confined|allowed)_\w*path\w*)$", re.I)


def _checked_by_helper(func: ast.AST, tainted: set[str], ctx) -> bool:
    """The tool hands the model's path to a helper named for checking paths. A helper this file
    defines must really confine (``relative_to``, ``is_relative_to``, a prefix check on a resolved
    path); one defined elsewhere (an imported base class) is taken at its name."""
    local = {n.name: n for n in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)}
    for call in (n for n in walk(func) if isinstance(n, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if not PATH_CHECKER.match(name or "") or not _tools.call_uses(call, tainted):
            continue
        helper = local.get(name)
        if helper is None:
            return True
        called = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                  for n in walk(helper) if isinstance(n, ast.Call)}
        if called & CONFINEMENT or _prefix_check_on_resolved_path(helper):
            return True
    return False


def _prefix_check_on_resolved_path(func: ast.AST) -> bool:
    """``str(target.resolve()).startswith(str(base))`` (or ``realpath`` / ``abspath``) in an ``if``
    (or returned by a path-checking helper): the path is normalised before its prefix is compared,
    which confines it to the base folder. The ``startswith`` must be on the normalised path (the
    call itself or a name assigned from it): an unrelated ``line.startswith("***")`` checks nothing."""
    def normalising(expr) -> bool:
        return any(isinstance(n, ast.Call) and (n.func.attr if isinstance(n.func, ast.Attribute) else
                                                 getattr(n.func, "id", "")) in ("resolve", "realpath", "abspath")
                   for n in walk(expr))
    # ``abs_path = p.resolve()``; ``normalized = normalize_path(abs_path)``
    resolved = _tools.propagate(func, {t.id for n in walk(func) if isinstance(n, ast.Assign) and normalising(n.value)
                                       for t in n.targets if isinstance(t, ast.Name)})

    def on_resolved(call: ast.Call) -> bool:
        receiver = call.func.value
        return normalising(receiver) or any(isinstance(n, ast.Name) and n.id in resolved for n in walk(receiver))
    return any(isinstance(node, (ast.If, ast.Return)) and any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "startswith" and on_resolved(c)
        for c in walk(node.test if isinstance(node, ast.If) else node.value or node)) for node in walk(func))


def _action_branch(node: ast.AST, tool: ast.AST, tainted: set[str], ctx) -> int:
    """The action of a multi-action tool that ``node`` belongs to: the branch of the innermost
    ``if action == "write":`` / ``elif action == "delete":`` (a test of the model's argument against
    a literal) around it, so each action the model can pick is judged on its own; 0 outside any."""
    child, parent = node, ctx.parent(node)
    while parent is not None and parent is not tool:
        if isinstance(parent, ast.If) and child in parent.body and _picks_an_action(parent.test, tainted):
            return id(parent)
        if isinstance(parent, ast.match_case) and isinstance(parent.pattern, ast.MatchValue):
            return id(parent)
        child, parent = parent, ctx.parent(parent)
    return 0


def _picks_an_action(test: ast.expr, tainted: set[str]) -> bool:
    """``action == "write"``, ``cmd in ("rm", "del")``, ``parts[0].lower() == "delete"``,
    ``command.startswith("write ")``."""
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith":
        return _tools.uses_any(test.func.value, tainted) and bool(test.args) and isinstance(test.args[0], ast.Constant)
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In)) \
        and _tools.uses_any(test.left, tainted) and all(
            isinstance(c, ast.Constant) and isinstance(c.value, str)
            or isinstance(c, (ast.Tuple, ast.List, ast.Set)) and all(isinstance(e, ast.Constant) for e in c.elts)
            for c in test.comparators)

