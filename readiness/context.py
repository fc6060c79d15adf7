"""What a rule sees: the file (or project) it is checking, and ``report`` / ``credit`` / ``fact``."""
from __future__ import annotations

import ast
import os
import re
import warnings
from collections import deque
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from readiness.model import Edit, Evidence, Finding, Location, _by_fields
from readiness.walk import child_nodes, know_children, walk

if TYPE_CHECKING:
    from readiness.discover import FileEntry, Project
    from readiness.parse import Parsed
    from readiness.rule import Rule


@dataclass(frozen=True, slots=True)
class Fact:
    """Something a file hook noticed for a project-level rule to weigh later."""

    name: str
    path: str
    line: int
    value: Any = ""  # a typed record (readiness/records.py) or, for older analyses, a string
    role: str = "prod"
    project: str = "."

    __reduce__ = _by_fields


def _char_column(line: str, byte_offset: int) -> int:
    """ast columns are UTF-8 byte offsets; reports count code points (1-based)."""
    if line.isascii():
        return byte_offset + 1
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "replace")) + 1


class FileContext:
    """Per-file state handed to rule hooks. Collects findings, evidence and facts."""

    def __init__(self, entry: "FileEntry", parsed: "Parsed"):
        self.entry = entry
        self.path = entry.path
        self.kind = entry.kind
        self.role = entry.role
        self.project = entry.project
        self.parsed = parsed
        self.text = parsed.text
        self.lines = parsed.lines
        self.tree = parsed.tree
        self.rule: type[Rule] | None = None
        self.findings: list[Finding] = []
        self.evidence: list[Evidence] = []
        self.facts: list[Fact] = []
        self._seen: set[tuple] = set()
        self._memo: dict = {}

    @cached_property
    def lower_text(self) -> str:
        """The file's text in lower case, made once (rules test it for words case-blind)."""
        return self.text.lower()

    def mentions(self, word: str, ignore_case: bool = False) -> bool:
        """Does the file's text contain ``word`` anywhere (``word`` in lower case when
        ``ignore_case``)? Answered once per word: rules ask it for every node they visit, and a
        search of a half-megabyte file is not free."""
        seen = self._memo.setdefault("mentions", {})
        key = (word, ignore_case)
        if key not in seen:
            seen[key] = word in (self.lower_text if ignore_case else self.text)
        return seen[key]

    def memo(self, key: str, compute):
        """Compute a per-file fact once and share it between rules and calls."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def _index(self) -> tuple[list[ast.AST], dict[type, list[ast.AST]], dict[int, ast.AST]]:
        """One walk of the tree, shared by the engine and every rule: all nodes in walk order,
        nodes by type, and each node's parent."""
        nodes: list[ast.AST] = []
        by_type: dict[type, list[ast.AST]] = {}
        parents: dict[int, ast.AST] = {}
        if self.tree is None:
            return nodes, by_type, parents
        children: dict[int, tuple[ast.AST, list]] = {}
        todo = deque([self.tree])
        while todo:
            node = todo.popleft()
            nodes.append(node)
            by_type.setdefault(type(node), []).append(node)
            kids = child_nodes(node)
            children[id(node)] = (node, kids)
            for child in kids:
                parents[id(child)] = node
            todo.extend(kids)
        know_children(children)
        return nodes, by_type, parents

    @property
    def nodes(self) -> list[ast.AST]:
        return self._index[0]

    def nodes_of(self, *types: type) -> list:
        """Every node of the given types, in walk order (types in the order given)."""
        table = self._index[1]
        if len(types) == 1:
            return table.get(types[0], [])
        return [n for t in types for n in table.get(t, [])]

    def calls(self) -> list[ast.Call]:
        """Every call in the file."""
        return self.nodes_of(ast.Call)

    # -- locations ---------------------------------------------------------------------------
    def location(self, at: Any) -> Location:
        """A Location from an ast node, a line number, or a Location."""
        if isinstance(at, Location):
            return at
        if isinstance(at, int):
            return Location(self.path, max(at, 1), 1, max(at, 1))
        line = getattr(at, "lineno", 1) or 1
        end_line = getattr(at, "end_lineno", None) or line
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = _char_column(text, getattr(at, "col_offset", 0) or 0)
        end_col = None
        if getattr(at, "end_col_offset", None) is not None:
            end_text = self.lines[end_line - 1] if 0 < end_line <= len(self.lines) else ""
            end_col = _char_column(end_text, at.end_col_offset)
        return Location(self.path, line, col, end_line, end_col)

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    # -- outcomes ----------------------------------------------------------------------------
    def report(self, at: Any, message: str, *, fix: str = "", sensitive: bool = False, edit: Any = None) -> None:
        """Record a failed outcome (a finding) of the current rule at ``at``; ``edit`` is the
        mechanical fix the rule declares for it (readiness.model.Edit), if any."""
        rule = self.rule
        loc = self.location(at)
        key = ("F", rule.id, loc.line, loc.column, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.findings.append(Finding(
            rule=rule.id, area=rule.area(), severity=rule.severity, message=message, location=loc,
            project=self.project, fix=fix or rule.fix_hint, sensitive=sensitive,
            snippet="" if sensitive else " ".join(self.source_line(loc.line).split()), edit=edit,
        ))

    def replacement(self, line: int, old: str, new: str):
        """An Edit that turns the one ``old`` on ``line`` (as a whole token: ``command-r`` is not
        the start of ``command-r-plus``) into ``new``; None when it is not there exactly once."""
        text = self.source_line(line) if 0 < line <= len(self.lines) else ""
        hits = [m.start() for m in re.finditer(rf"(?<![\w.-]){re.escape(old)}(?![\w.-])", text)]
        if len(hits) != 1:
            return None
        return Edit(line, hits[0] + 1, hits[0] + 1 + len(old), old, new)

    def keyword_insertion(self, call: ast.Call, keyword: str):
        """An Edit that adds ``keyword`` (``name=value``) as the last argument of ``call``, in the
        call's own layout: after the last argument on its line (``f(a, b, k=v)``), or as a line of
        its own when the arguments are one per line with a trailing comma. None when the source
        is not where the tree says (a notebook cell, a generated line)."""
        return self._append_item(call, [*call.args, *call.keywords], ")", keyword)

    def entry_insertion(self, mapping: ast.Dict, entry: str):
        """The same for a dict display: ``entry`` (``"key": value``) after its last entry."""
        return self._append_item(mapping, list(mapping.values), "}", entry)

    def _append_item(self, node: ast.AST, items: list, closer: str, text: str):
        end_line = node.end_lineno or node.lineno
        closing = self.source_line(end_line)
        at = _char_column(closing, node.end_col_offset or 0) - 2  # 0-based index of the closer
        if not (0 <= at < len(closing) and closing[at] == closer):
            return None
        if not items:
            if node.lineno != end_line:
                return None
            return Edit(end_line, at + 1, at + 1, "", text)
        last = max(items, key=lambda a: (a.end_lineno or 0, a.end_col_offset or 0))
        last_line = self.source_line(last.end_lineno)
        after_last = _char_column(last_line, last.end_col_offset or 0)
        between = "\n".join([last_line[after_last - 1:]] + [self.source_line(n) for n in range(last.end_lineno + 1, end_line + 1)])
        if end_line > last.end_lineno and between.lstrip().startswith(",") and not closing[:at].strip():
            start = self.source_line(last.lineno)
            indent = start[:len(start) - len(start.lstrip())]
            return Edit(end_line, 1, 1, "", f"{indent}{text},\n")
        return Edit(last.end_lineno, after_last, after_last, "", f", {text}")

    def credit(self, at: Any, note: str, kind: str = "") -> None:
        """Record a passed outcome: a control in place, shown as evidence."""
        rule = self.rule
        loc = self.location(at)
        key = ("E", rule.id, loc.line, loc.column, note)
        if key in self._seen:
            return
        self._seen.add(key)
        self.evidence.append(Evidence(rule.id, rule.area(), loc, note, self.project, kind))

    def fact(self, name: str, at: Any = None, value: Any = "") -> None:
        """Note something for project-level rules (which run after every file is read)."""
        line = self.location(at).line if at is not None else 1
        key = ("X", name, line, value)
        if key in self._seen:
            return
        self._seen.add(key)
        self.facts.append(Fact(name, self.path, line, value, self.role, self.project))

    # -- Python helpers shared by rules (computed once per file, on first use) ---------------
    @cached_property
    def module_name(self) -> str:
        """Dotted module path from the file path (``pkg/sub/mod.py`` -> ``pkg.sub.mod``), relative to
        the project the file belongs to, without the ``src/`` of a src layout: the name the
        project's own imports use (``from dbdex.tools import ...`` for ``src/dbdex/tools.py``)."""
        path = self.path
        if self.project not in ("", ".") and path.startswith(self.project + "/"):
            path = path[len(self.project) + 1:]
        parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
        if parts and parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1 and parts[0] == "src":
            parts = parts[1:]
        return ".".join(parts)

    def _absolute(self, module: str | None, level: int) -> str:
        if level == 0:
            return module or ""
        package = self.module_name.split(".")
        if not self.path.endswith("__init__.py"):
            package = package[:-1]
        base = package[: len(package) - (level - 1)] if level > 1 else package
        return ".".join([*base, module] if module else base)

    @cached_property
    def imports(self) -> dict[str, str]:
        """Local name -> fully qualified name, from every import in the file (relative ones resolved)."""
        table: dict[str, str] = {}
        stars: list[str] = []
        if self.tree is None:
            return table
        for node in self.nodes_of(ast.Import, ast.ImportFrom):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        table[alias.asname] = _without_src(alias.name)
                    else:
                        top = alias.name.split(".")[0]
                        table.setdefault(top, top)
            elif isinstance(node, ast.ImportFrom):
                module = _without_src(self._absolute(node.module, node.level))
                if not module:
                    continue
                if node.level == 0 and "." in module:
                    module = self._inside_root_package(module)
                for alias in node.names:
                    if alias.name == "*":
                        stars.append(module)
                    else:
                        table[alias.asname or alias.name] = f"{module}.{alias.name}"
        for module in stars:  # ``from agent.tools import *``: the names a project module defines at its top
            for name in self._star_names(module):
                table.setdefault(name, f"{module}.{name}")
        return table

    def _star_names(self, module: str) -> tuple[str, ...]:
        """Top-level public names of a project module, read from its text (never imported)."""
        path = self._module_path(module)
        return _top_level_names(path) if path else ()

    def _module_path(self, module: str) -> str:
        return module_file(self._import_roots, module)

    def module_text(self, module: str) -> str:
        """The source text of a project module (``utils.connections``), read, never imported; empty
        when the project does not define it."""
        path = self._module_path(module)
        return _module_source(path) if path else ""

    def module_tree(self, module: str) -> ast.Module | None:
        """The syntax tree of a project module, parsed once per scan however many files ask."""
        path = self._module_path(module)
        return _module_syntax(path) if path else None

    def _inside_root_package(self, module: str) -> str:
        """``from nl2sql.tools.bigquery_tools import run`` in a project whose scan root is itself the
        package (an ADK agent folder with its ``__init__.py``, a package checked out under another
        folder name): the import names the root by a package name the scan cannot see. When the
        first part is no module of the project, the standard library or a profiled framework, and
        the rest is a module at the root, the import means that module."""
        head, _, rest = module.partition(".")
        root = self._scan_root
        if not is_file(root / "__init__.py") or head in _known_libraries() or self.is_local_module(head):
            return module
        parts = rest.split(".")
        return rest if defines_module(str(root), parts[0], parts[1] if len(parts) > 1 else "") else module

    def is_local_module(self, top: str, name: str = "") -> bool:
        """Does the project itself define top-level module ``top`` (and ``top.name``, when given)
        where an absolute import would find it: on the import root of this file's package (the
        first folder above it that is not a package; the file's own folder for a script), at the
        scan root or in its ``src/``? Then ``from agents import Agent`` is the project's own
        class, not the SDK's. A local ``agents/`` folder that defines no ``Agent`` is not what
        the import means (an example app inside the SDK's repository, say)."""
        answers = self.memo("local-modules", dict)
        if (top, name) not in answers:
            answers[(top, name)] = any(defines_module(place, top, name) for place in self._import_roots)
        return answers[(top, name)]

    @cached_property
    def _scan_root(self) -> Path:
        """The folder the scan started from: the repository root (the file's absolute path without
        its relative one) and the scanned folder below it."""
        root = Path(self.entry.abspath[: len(self.entry.abspath) - len(self.path)] or ".")
        return root / self.entry.base if self.entry.base else root

    @cached_property
    def _import_roots(self) -> tuple[str, ...]:
        root = self._scan_root
        folder = Path(self.entry.abspath).parent
        while is_file(folder / "__init__.py") and folder != root and root in folder.parents:
            folder = folder.parent
        # folders without ``__init__.py`` are namespace packages: the app runs from an ancestor
        # (``python-backend/`` holding ``tools/`` and ``db/``), so every ancestor up to the scan root
        # is where ``from db.orders import ...`` may be found
        ancestors = {str(p) for p in folder.parents if p == root or root in p.parents}
        return tuple(sorted({str(folder), str(root), str(root / "src")} | ancestors))

    @cached_property
    def imported_modules(self) -> frozenset[str]:
        """Top-level packages this file imports (``langchain_openai``, ``openai`` ...)."""
        return frozenset(q.split(".")[0] for q in self.imports.values())

    def qualname(self, expr: ast.AST) -> str | None:
        """Dotted name of ``expr`` with its first part resolved through the file's imports."""
        cache = self._memo.setdefault("qualname", {})
        key = id(expr)
        if key not in cache:
            cache[key] = self._qualname(expr)
        return cache[key]

    def _qualname(self, expr: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        head = self.imports.get(expr.id, expr.id)
        return ".".join([head, *reversed(parts)])

    @property
    def parents(self) -> dict[int, ast.AST]:
        return self._index[2]

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node))

    def ancestors(self, node: ast.AST) -> Iterable[ast.AST]:
        current = self.parent(node)
        while current is not None:
            yield current
            current = self.parent(current)

    def enclosing(self, node: ast.AST, *types: type) -> ast.AST | None:
        for anc in self.ancestors(node):
            if isinstance(anc, types):
                return anc
        return None

    @cached_property
    def module_assignments(self) -> dict[str, ast.expr]:
        """Module-level ``NAME = value`` (last one wins), for resolving constants."""
        table: dict[str, ast.expr] = {}
        if self.tree is None:
            return table
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        table[target.id] = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                table[stmt.target.id] = stmt.value
        return table

    def scope_assignments(self, node: ast.AST) -> dict[str, ast.expr]:
        """Assignments visible at ``node``: its function's local ``NAME = value``, then module ones."""
        func = self.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
        if func is None:
            return self.module_assignments
        line = getattr(node, "lineno", 0)
        key = (id(func), line)
        cache = self._memo.setdefault("scope", {})
        if key not in cache:
            table = dict(self.module_assignments)
            for name in function_params(func):  # a parameter shadows a module constant of that name
                table.pop(name, None)
            for lineno, name, value in self._local_assignments(func):
                if lineno <= line:
                    table[name] = value
            cache[key] = table
        return cache[key]

    def _local_assignments(self, func) -> list[tuple[int, str, ast.expr]]:
        """``NAME = value`` statements inside ``func``, in walk order (computed once per function)."""
        cache = self._memo.setdefault("locals", {})
        if id(func) not in cache:
            found = []
            for sub in walk(func):
                if isinstance(sub, ast.Assign):
                    found += [(sub.lineno, t.id, sub.value) for t in sub.targets if isinstance(t, ast.Name)]
                elif isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Name) and sub.value is not None:
                    found.append((sub.lineno, sub.target.id, sub.value))
            cache[id(func)] = found
        return cache[id(func)]


# -- What a file's results depend on besides its own text ------------------------------------
# Rules read other project modules (an imported helper's source, whether ``agents`` is a local
# package). Every such look is noted while a file is checked, so a cached result is reused only
# while each look would still see the same thing (readiness/cache.py).
_TRACE: set | None = None


def trace_start() -> None:
    global _TRACE
    _TRACE = set()


def trace_stop() -> tuple:
    """The looks noted since :func:`trace_start`, in a stable order."""
    global _TRACE
    noted, _TRACE = _TRACE or set(), None
    return tuple(sorted(noted, key=repr))


def _note(record: tuple) -> None:
    if _TRACE is not None:
        _TRACE.add(record)


def file_signature(path: str) -> tuple[int, int] | None:
    """(size, modification time) of a file, None when it is missing: cheap, and changes on any edit."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def is_file(path: Path) -> bool:
    found = path.is_file()
    _note(("is-file", str(path), found))
    return found


def module_file(roots: tuple[str, ...], module: str) -> str:
    """The file that defines ``module`` under the first import root that has it, or ""."""
    found = _module_file(roots, module)
    _note(("module", roots, module, found, file_signature(found) if found else None))
    return found


@lru_cache(maxsize=65536)
def _module_file(roots: tuple[str, ...], module: str) -> str:
    parts = module.split(".")
    if not all(parts):
        return ""
    for place in roots:
        base = os.path.join(place, *parts)
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    return ""


def defines_module(folder: str, top: str, name: str = "") -> bool:
    found = _defines_module(folder, top, name)
    _note(("defines", folder, top, name, found))
    return found


def still_true(looks: tuple) -> bool:
    """Would each look noted for a file see the same thing today?"""
    for look in looks:
        kind = look[0]
        if kind == "is-file":
            if os.path.isfile(look[1]) != look[2]:
                return False
        elif kind == "module":
            _, roots, module, found, signature = look
            if _module_file(roots, module) != found or (found and file_signature(found) != signature):
                return False
        elif kind == "defines":
            _, folder, top, name, found = look
            if _defines_module(folder, top, name) != found:
                return False
        else:
            return False
    return True


def reset_caches() -> None:
    """Forget what the file system looked like (one scan must not see the previous scan's tree)."""
    _defines_module.cache_clear()
    _module_file.cache_clear()
    _top_level_names.cache_clear()
    _module_source.cache_clear()
    _module_syntax.cache_clear()


_TOP_LEVEL_NAME = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z]\w*)|^([A-Za-z]\w*)\s*(?::[^=\n]*)?=(?!=)", re.M)


@lru_cache(maxsize=256)
def _module_source(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(1_000_000)
    except OSError:
        return ""


@lru_cache(maxsize=256)
def _module_syntax(path: str) -> ast.Module | None:
    text = _module_source(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning on odd escapes in scanned code
            return ast.parse(text) if text else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


@lru_cache(maxsize=256)
def _top_level_names(path: str) -> tuple[str, ...]:
    return tuple(sorted({a or b for a, b in _TOP_LEVEL_NAME.findall(_module_source(path))}))


@lru_cache(maxsize=1)
def _known_libraries() -> frozenset[str]:
    """Top-level names that are never the project's own package: the standard library and every
    framework a profile describes."""
    import sys
    from readiness import frameworks

    heads = {prefix.split(".")[0] for prefix in frameworks.tables().framework_of_import}
    return frozenset(getattr(sys, "stdlib_module_names", ())) | heads | {"google", "langchain", "openai", "anthropic"}


@lru_cache(maxsize=65536)
def _defines_module(folder: str, top: str, name: str = "") -> bool:
    """Does ``folder`` hold module or package ``top`` (defining ``name``, when given)? Plain
    ``os.path`` calls: a warm scan asks this thousands of times to check its cache."""
    module, package = os.path.join(folder, f"{top}.py"), os.path.join(folder, top)
    try:
        if os.path.isfile(module):
            return not name or _mentions(module, name)
        if not os.path.isdir(package) or not any(p.endswith(".py") and p != ".py" for p in os.listdir(package)):
            return False
        if not name or os.path.isfile(os.path.join(package, f"{name}.py")) or os.path.isdir(os.path.join(package, name)):
            return True
        init = os.path.join(package, "__init__.py")
        return os.path.isfile(init) and _mentions(init, name)
    except OSError:
        return False


def _mentions(path: str, name: str) -> bool:
    """The module defines or imports ``name`` (a word match is enough to say "maybe")."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(200_000)
    except OSError:
        return False
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def function_params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Every parameter name of a function, in declaration order."""
    a = func.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    names += [x.arg for x in (a.vararg, a.kwarg) if x is not None]
    return names


class ProjectContext:
    """Per-project state for ``check_project``: the project's facts and files."""

    def __init__(self, project: "Project", files: list["FileEntry"], facts: list[Fact], settings: Any):
        self.project = project
        self.path = project.path
        self.files = files
        self.settings = settings
        self._facts: dict[str, list[Fact]] = {}
        for fact in with_alias_names(facts):
            self._facts.setdefault(fact.name, []).append(fact)
        self.rule: type[Rule] | None = None
        self.findings: list[Finding] = []
        self.evidence: list[Evidence] = []

    def facts(self, name: str, roles: Iterable[str] | None = None) -> list[Fact]:
        found = self._facts.get(name, [])
        if roles is not None:
            allowed = set(roles)
            found = [f for f in found if f.role in allowed]
        return found

    def has(self, name: str, roles: Iterable[str] | None = None) -> bool:
        return bool(self.facts(name, roles))

    @property
    def is_agent_project(self) -> bool:
        """Project-level rules judge only projects whose production code talks to a model."""
        return self.has("agent-code", roles=("prod", "example"))

    def anchor(self) -> Location:
        """Where a project-level finding points: the project's manifest, else its first agent file."""
        for marker in ("pyproject.toml", "langgraph.json", "setup.py", "setup.cfg", "requirements.txt", "package.json"):
            rel = marker if self.path == "." else f"{self.path}/{marker}"
            if any(f.path == rel for f in self.files):
                return Location(rel, 1, 1, 1)
        agent = sorted(f.path for f in self.facts("agent-code"))
        if agent:
            return Location(agent[0], 1, 1, 1)
        first = self.files[0].path if self.files else (self.path if self.path != "." else ".")
        return Location(first, 1, 1, 1)

    def _loc(self, at: Any) -> Location:
        if at is None:
            return self.anchor()
        if isinstance(at, Location):
            return at
        if isinstance(at, Fact):
            return Location(at.path, at.line, 1, at.line)
        return Location(str(at), 1, 1, 1)

    def report(self, message: str, at: Any = None, *, subject: str = "", fix: str = "") -> None:
        rule = self.rule
        self.findings.append(Finding(
            rule=rule.id, area=rule.area(), severity=rule.severity, message=message, location=self._loc(at),
            project=self.path, fix=fix or rule.fix_hint, subject=subject or rule.id,
        ))

    def credit(self, at: Any, note: str, kind: str = "") -> None:
        rule = self.rule
        self.evidence.append(Evidence(rule.id, rule.area(), self._loc(at), note, self.path, kind))


# Facts keyed by a function's qualified name (their first ``|`` field).
_QUALIFIED_FACTS = ("func-caps", "func-sql", "func-callee", "func-named-act")


def with_alias_names(facts: list[Fact]) -> list[Fact]:
    """``facts`` plus copies of the function facts under the other names the function is called by:
    a package re-exports it (``from .graph import query_neo4j`` in ``__init__.py``; called as
    ``neo4j_db.query_neo4j``), or the code imports its module from the module's own folder (``from
    github_integration import post_comment`` for ``main/python/Server/github_integration.py``, whose
    name from the scan root is longer): every re-export, and each shorter dotted tail of the module
    path that no other function shares. The project rules and the tool inventory read the same."""
    aliases: dict[str, list[str]] = {}
    for fact in facts:
        if fact.name == "reexport":
            alias, _, target = fact.value.partition("=")
            aliases.setdefault(target, []).append(alias)
    named = [f for f in facts if f.name in _QUALIFIED_FACTS]
    quals = {f.value.partition("|")[0] for f in named if not f.value.startswith("~")}
    tails: dict[str, set[str]] = {}
    for qual in quals:
        parts = qual.split(".")
        for i in range(1, len(parts) - 1):  # keep at least ``module.function``
            tails.setdefault(".".join(parts[i:]), set()).add(qual)
    for tail, owners in tails.items():
        if len(owners) == 1 and tail not in quals:
            aliases.setdefault(next(iter(owners)), []).append(tail)
    if not aliases:
        return facts
    extra = []
    for fact in named:
        qual, _, rest = fact.value.partition("|")
        extra += [Fact(fact.name, fact.path, fact.line, f"{alias}|{rest}", fact.role, fact.project)
                  for alias in aliases.get(qual, ())]
    return facts + extra


def _without_src(module: str) -> str:
    """``src.dbdex.tools`` -> ``dbdex.tools``: a src layout's folder is not part of the module name
    (``module_name`` drops it too), whether the project imports through it or not."""
    return module[4:] if module.startswith("src.") else module
