"""RDY405: a tool writes or deletes files at a path the model chose, with no confinement."""
from __future__ import annotations

import ast
import re

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import tools as _tools

# Any of these in the tool's body means it checks where the path leads.
CONFINEMENT = {"is_relative_to", "relative_to", "commonpath", "commonprefix", "secure_filename", "basename"}


def _path_expr(call: ast.Call, kind: str) -> ast.expr | None:
    """The path a file-writing or deleting call acts on."""
    if isinstance(call.func, ast.Attribute) and call.func.attr in _tools.FS_WRITE_METHODS | {"unlink", "rmdir", "rmtree"}:
        qn_root = call.func.value
        if not (isinstance(qn_root, ast.Name) and qn_root.id in ("os", "shutil")):
            return qn_root  # path.write_text(...), path.unlink()
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
    judges_tool_bodies = True
    name = "unconfined-file-access"
    severity = Severity.WARNING
    summary = "Agent tool writes or deletes files at a model-chosen path without confinement"
    fix_hint = "Resolve the path and refuse anything outside the tool's directory (is_relative_to)"

    valid = [
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
        for tool in _tools.find_tools(ctx):
            body_calls = {id(n) for n in ast.walk(tool.node) if isinstance(n, ast.Call)}
            names = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                     for n in ast.walk(tool.node) if isinstance(n, ast.Call)}
            if names & CONFINEMENT or _prefix_check_on_resolved_path(tool.node):
                continue
            candidates = [c for c in tool.capabilities if c.kind in ("fs-write", "delete") and id(c.node) in body_calls
                          and not (c.kind == "fs-write" and isinstance(c.node.func, ast.Attribute)
                                   and c.node.func.attr in ("mkdir", "makedirs", "touch"))]
            if not candidates:
                continue
            tainted = _tools.tainted_names(tool) - _tools.temp_names(tool.node, ctx, _tools.tool_params(tool))
            if _checked_by_helper(tool.node, tainted, ctx):
                continue
            risky = [cap for cap in candidates if _tools.uses_any(_path_expr(cap.node, cap.kind), tainted)]
            if risky:  # one finding per tool, at its first unconfined write or delete (a class tool's entry method first)
                entry = [m for m in getattr(tool.node, "body", []) if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and m.name in _tools.TOOL_METHODS] if isinstance(tool.node, ast.ClassDef) else []
                def in_entry(cap) -> bool:
                    return any(m.lineno <= cap.node.lineno <= m.end_lineno for m in entry)
                first = min(risky, key=lambda c: (not in_entry(c), c.node.lineno, c.node.col_offset))
                verbs = " and ".join(sorted({"deletes" if c.kind == "delete" else "writes" for c in risky}))
                more = f" ({len(risky)} places)" if len(risky) > 1 else ""
                ctx.report(first.node, f"tool `{tool.name}` {verbs} files at a path from its arguments, with no check "
                                       f"that the path stays inside a directory{more}")


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
    for call in (n for n in ast.walk(func) if isinstance(n, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if not PATH_CHECKER.match(name or "") or not _tools.call_uses(call, tainted):
            continue
        helper = local.get(name)
        if helper is None:
            return True
        called = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                  for n in ast.walk(helper) if isinstance(n, ast.Call)}
        if called & CONFINEMENT or _prefix_check_on_resolved_path(helper):
            return True
    return False


def _prefix_check_on_resolved_path(func: ast.AST) -> bool:
    """``str(target.resolve()).startswith(str(base))`` (or ``realpath`` / ``abspath``) in an ``if``
    (or returned by a path-checking helper):
    the path is normalised before its prefix is compared, which confines it to the base folder."""
    calls = [n for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, (ast.Attribute, ast.Name))]
    normalised = any((n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id) in ("resolve", "realpath", "abspath")
                     for n in calls)
    checked = any(isinstance(node, (ast.If, ast.Return)) and any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "startswith"
        for c in ast.walk(node.test if isinstance(node, ast.If) else node.value or node)) for node in ast.walk(func))
    return normalised and checked
