"""Where a model's answer goes: text a model wrote, followed through names and functions.

Hand-written agents rarely use a framework's executor: they ask a model for code or a query,
clean the reply up in a helper, and run it. Rules that judge "model-written X runs here" (code
in RDY414, SQL in RDY404) share this module to tell which names hold a model's answer:

- a request to a profiled model client (``client.chat.completions.create(...)``,
  ``model.generate_content(...)``) or an answer method on an object built from a profiled model
  class (``llm.invoke(...)``);
- a call to a function of the same file that returns such an answer (``sql = generate_sql(q)``),
  itself found the same way, two levels deep;
- any name computed from those (``sql = extract_sql(reply.content).strip()``).
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache

from readiness import frameworks
from readiness.analysis import sdk as _sdk, tools as _tools
from readiness.walk import walk

# Calls on a model client or chat model that return the model's answer.
ANSWER_METHODS = {"create", "generate_content", "invoke", "ainvoke", "predict", "generate", "complete", "acomplete",
                  "chat", "achat", "completion", "acompletion", "run", "arun", "send_message", "query"}


def model_answer(expr: ast.expr, ctx) -> bool:
    """Whether ``expr`` holds a model's answer: a request to a profiled model client
    (``client.chat.completions.create(...)``, ``model.generate_content(...)``) or a method that
    returns an answer on an object built from a profiled model class (``llm.invoke(...)``)."""
    for call in (n for n in walk(expr) if isinstance(n, ast.Call)):
        if not isinstance(call.func, ast.Attribute) or call.func.attr not in ANSWER_METHODS:
            continue
        if _sdk.model_site(call, ctx) is not None:
            return True
        receiver = call.func.value
        built = _sdk.resolve_node(receiver, ctx, call) if isinstance(receiver, ast.Name) else None
        if isinstance(built, ast.Call) and _sdk.model_site(built, ctx) is not None:
            return True
        if isinstance(receiver, ast.Name) and built is None and _imported_model(receiver.id, ctx):
            return True
        if isinstance(built, ast.BinOp) and isinstance(built.op, ast.BitOr) and _pipes_a_model(built, ctx, call):
            return True
        if call.func.attr in ("invoke", "ainvoke") and _chain_factory(built if isinstance(built, ast.Call) else receiver):
            return True
    return False


_FACTORY = re.compile(r"^(?:get|build|make|create|load|init|new)_?\w*?_?(?:chain|llm|model|agent|runnable)$", re.I)


def _chain_factory(expr: ast.expr | None) -> bool:
    """``get_server_manager_chain().invoke(...)``, ``build_llm().invoke(...)``: a LangChain runnable
    made by a function named for making one (here or in another module); what it returns is the
    model's answer."""
    if not isinstance(expr, ast.Call):
        return False
    name = expr.func.id if isinstance(expr.func, ast.Name) else expr.func.attr if isinstance(expr.func, ast.Attribute) else ""
    return bool(_FACTORY.match(name))


def _pipes_a_model(chain: ast.BinOp, ctx, at: ast.AST) -> bool:
    """A LangChain pipe with a model in it (``prompt | llm | StrOutputParser()``): invoking it returns
    that model's answer, however the output is parsed."""
    for part in walk(chain):
        if isinstance(part, ast.Call) and _sdk.model_site(part, ctx) is not None:
            return True
        if isinstance(part, ast.Name):
            bound = _sdk.resolve_node(part, ctx, at)
            if isinstance(bound, ast.Call) and _sdk.model_site(bound, ctx) is not None \
                    or bound is None and _imported_model(part.id, ctx):
                return True
    return False


def _imported_model(name: str, ctx) -> bool:
    """``from utils.connections import LLM``: a name another module of the project binds to a model
    class a profile knows (``LLM = GoogleGenerativeAI(...)``), read from that module's text."""
    match = _sdk.imported_binding(name, ctx, r"([\w.]+)\(")
    return bool(match) and match.group(1).rsplit(".", 1)[-1] in _model_classes()


@lru_cache(maxsize=1)
def _model_classes() -> frozenset[str]:
    """Last parts of the model constructors the profiles know (``ChatOpenAI``, ``GoogleGenerativeAI``)."""
    return frozenset(q.rsplit(".", 1)[-1] for q in frameworks.tables().qualnames if q.rsplit(".", 1)[-1][:1].isupper())


def asks_a_model(ctx) -> bool:
    """Whether any call in the file asks a model for an answer (the cheap test before the rest)."""
    return ctx.memo("answers-asks", lambda: any(
        isinstance(c.func, ast.Attribute) and c.func.attr in ANSWER_METHODS and model_answer(c, ctx) for c in ctx.calls()))


def answer_functions(ctx) -> set[str]:
    """Names of the file's functions that return a model's answer (or text computed from one)."""
    def build() -> set[str]:
        found: set[str] = set()
        funcs = ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)
        for _ in range(2):  # a function returning what another answer function returned
            for func in funcs:
                if func.name in found:
                    continue
                tainted = answer_names(func, ctx, found)
                if any(isinstance(r, ast.Return) and r.value is not None and (
                        _tools.uses_any(r.value, tainted) or _is_answer(r.value, ctx, found))
                       for r in walk(func)):
                    found.add(func.name)
        return found
    return ctx.memo("answers-functions", build)


def answer_names(scope: ast.AST, ctx, functions: set[str] | None = None) -> set[str]:
    """Local names of ``scope`` that hold a model's answer or text computed from one."""
    functions = answer_functions(ctx) if functions is None else functions
    seeds = set()
    for node in own_nodes(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and _is_answer(node.value, ctx, functions):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            seeds |= {n.id for t in targets for n in walk(t) if isinstance(n, ast.Name)}
    return _tools.propagate(scope, seeds) if seeds else set()


def _is_answer(expr: ast.expr, ctx, functions: set[str]) -> bool:
    return model_answer(expr, ctx) or any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in functions for c in walk(expr))


def own_nodes(scope: ast.AST):
    """Nodes of a function, or of the module outside its functions and classes."""
    if not isinstance(scope, ast.Module):
        yield from walk(scope)
        return
    stack = list(scope.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))
