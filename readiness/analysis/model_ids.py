"""Where the project chooses its models: one resolver shared by every model-ID rule and the manifest.

A model ID reaches an SDK in many ways: a literal at the call, a constant in this or another
module, an ``os.getenv`` default, a wrapper function or class of the project (``get_llm(model=
"gpt-4o")``), an AutoGen/AG2 config dict, or a model key in YAML/TOML/JSON/.env. ``ModelIdRule``
walks all of them once per rule and hands each resolved string to the subclass's ``judge``.

File hooks judge what one file settles by itself and record facts for the rest, each carrying a
typed record (readiness/records.py):

* ``const``        ``Const`` at the literal (module-level string constants);
* ``model-ref``    ``ModelRef`` at the call that uses an imported constant;
* ``model-param``  ``ModelParam`` for each wrapper defined in the file;
* ``wrapper-call`` ``WrapperCall`` at the literal (or the call, for an imported constant);
* ``model-use``    ``ModelUse`` at the literal, for each use settled in the file;
* ``unprofiled-callee`` ``UnprofiledCallee`` for a model ID passed to a callee no profile knows.

``project_uses`` turns the cross-file facts into uses; rules judge them in ``check_project`` and
the model manifest (readiness/inventory.py) lists them all.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from readiness.model import Location
from readiness.rule import Rule
from readiness import records
from readiness.analysis import model_settings as _model_settings, models as _models, sdk as _sdk, wrappers as _wrappers

CONFIG_KINDS = frozenset({"yaml", "toml", "json", "dotenv"})
MODEL_ROLES = ("prod", "example")
AG2_MODULES = frozenset({"autogen", "ag2"})
AG2_API_TYPES = {"openai": "openai", "azure": "azure", "anthropic": "anthropic", "bedrock": "bedrock",
                 "google": "google", "mistral": "mistral", "cohere": "cohere", "ollama": "ollama", "groq": "groq"}


@dataclass(frozen=True)
class Verdict:
    """What a rule concludes about one model ID: a finding, or a control in place."""

    passed: bool
    message: str
    fix: str = ""
    pin: str = ""  # the ID to write instead, when the fix is mechanical (``readiness fix``)


@dataclass(frozen=True)
class ModelUse:
    """One resolved model ID: the literal that sets it and the call that uses it."""

    value: str
    sdk: str
    path: str  # where the literal is
    line: int
    site_path: str  # where the model is used (same as path for a literal at the call)
    site_line: int
    subject: str = ""


# Data a program wrote (benchmark results, datasets, logs, traces) names the models it ran with; it
# configures nothing, so its model IDs are not judged.
OUTPUT_DIRS = frozenset({"results", "result", "outputs", "output", "logs", "log", "data", "dataset", "datasets", "runs",
                         "benchmarks", "benchmark", "traces", "artifacts", "cache", ".cache", "predictions", "reports",
                         "transcripts", "history", "responses", "recordings", "cassettes"})
OUTPUT_NAME = re.compile(r"(?:^|[_.-])(?:results?|outputs?|logs?|traces?|datasets?|benchmarks?|predictions?|responses?|"
                         r"history|transcripts?|leaderboard|scores?|reports?|cassettes?|recordings?|runs?)(?:[_.-]|$)", re.I)


def is_output_data(path: str) -> bool:
    """A data file by its place or name: ``results/run1.json``, ``eval_outputs.yaml``, ``logs/x.json``."""
    parts = path.lower().split("/")
    return bool(OUTPUT_DIRS & set(parts[:-1])) or bool(OUTPUT_NAME.search(parts[-1]))


def is_record_list(data) -> bool:
    """A list of three or more records (``[{"model": ..., "score": ...}, ...]``): rows of data, not settings."""
    return isinstance(data, list) and len(data) >= 3 and all(isinstance(item, dict) for item in data)


def config_key_names_model(path: tuple) -> bool:
    """Config values are judged only under a key that names a model (``model``, ``llm`` ...)."""
    return any(isinstance(k, str) and ("model" in k.lower() or "llm" in k.lower() or k.lower() == "engine") for k in path)


class ModelIdRule(Rule):
    """Base for rules that judge model IDs; subclasses define ``judge`` and their metadata."""

    kinds = frozenset({"python"}) | CONFIG_KINDS
    # Eval code too: a judge or grader on a floating model makes the eval itself unreproducible.
    roles = frozenset({*MODEL_ROLES, "eval"})

    def judge(self, value: str, sdk: str) -> Verdict | None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- file hooks --------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call, ctx) -> None:
        site = _sdk.model_site(node, ctx)
        if site is not None:
            self._judge_expr(site.model_expr(ctx), site.sdk, node, ctx)
            return
        wrapper = _wrappers.callee_wrapper(ctx, node)
        if wrapper is not None:
            self._judge_expr(wrapper.argument(node), wrapper.sdk, node, ctx)
            return
        _note_external_call(node, ctx)

    def visit_Dict(self, node: ast.Dict, ctx) -> None:
        """AutoGen / AG2 model configs: ``{"model": "gpt-4o", "api_type": "openai", ...}``."""
        if not ctx.imported_modules & AG2_MODULES:
            return
        entries = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)}
        if "model" not in entries:
            return
        api = entries.get("api_type")
        sdk = AG2_API_TYPES.get(api.value, "") if isinstance(api, ast.Constant) else "openai"
        self._judge_expr(entries["model"], sdk, node, ctx)

    def visit_Module(self, node: ast.Module, ctx) -> None:
        """Record string constants and model wrappers, so other files' calls can resolve."""
        for name, value in ctx.module_assignments.items():
            resolved = _sdk.resolve_str(value, ctx, value)
            if resolved is not None and len(resolved[0]) <= 200:
                ctx.fact("const", resolved[1], records.Const(f"{ctx.module_name}.{name}", resolved[0]))
        for qual, literal, value in _class_constants(ctx):
            ctx.fact("const", literal, records.Const(f"{ctx.module_name}.{qual}", value))
        for wrapper in _wrappers.file_wrappers(ctx).values():
            ctx.fact("model-param", node, records.ModelParam(f"{ctx.module_name}.{wrapper.name}", wrapper.param, wrapper.position, wrapper.sdk))
            default = wrapper.default
            if isinstance(default, ast.Constant) and isinstance(default.value, str):
                self._judge_value(default.value, wrapper.sdk, default, default, ctx)
        # Model IDs in model-setting positions that no profiled site or wrapper judges.
        for literal, callee in _model_settings.settings(ctx):
            if callee:
                ctx.fact("unprofiled-callee", literal, records.UnprofiledCallee(callee, literal.value))
            self._judge_value(literal.value, "", literal, literal, ctx, callee)

    def check_file(self, ctx) -> None:
        if ctx.kind == "python":
            return
        if ctx.kind == "dotenv":
            for key, value, line in ctx.parsed.env:
                if config_key_names_model((key,)):
                    self._judge_value(value, "", line, line, ctx)
            return
        if is_output_data(ctx.path):
            return
        stem_is_model = config_key_names_model((ctx.path.rsplit("/", 1)[-1],))
        for doc in ctx.parsed.docs:
            if is_record_list(doc.data):
                continue
            for path, value in config_strings(doc.data):
                if stem_is_model or config_key_names_model(path):
                    line = doc.line_of(path)
                    self._judge_value(value, "", line, line, ctx)

    def check_project(self, ctx) -> None:
        for use in project_uses(ctx.facts):
            verdict = self.judge(use.value, use.sdk)
            if verdict is None:
                continue
            at = Location(use.path, use.line, 1, use.line)
            if verdict.passed:
                ctx.credit(at, verdict.message)
            else:
                ctx.report(verdict.message, at, subject=use.subject, fix=verdict.fix)

    # -- shared ------------------------------------------------------------------------------
    def _judge_expr(self, expr, sdk: str, node: ast.AST, ctx) -> None:
        resolved = _sdk.resolve_str(expr, ctx, node)
        if resolved is not None:
            value, literal = resolved
            name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
            self._judge_value(value, sdk, literal, node, ctx, name)
            return
        # A constant from another module of the project: resolved in check_project.
        if isinstance(expr, (ast.Name, ast.Attribute)):
            qn = ctx.qualname(expr)
            if qn and "." in qn and (not isinstance(expr, ast.Name) or expr.id in ctx.imports):
                ctx.fact("model-ref", node, records.ModelRef(qn, sdk))

    def _judge_value(self, value: str, sdk: str, at, site, ctx, name: str = "") -> None:
        if _models.classify(value, sdk) is not None:
            site_line = ctx.location(site).line
            ctx.fact("model-use", at, records.ModelUse(sdk, site_line, name, value))
        verdict = self.judge(value, sdk)
        if verdict is None:
            return
        if verdict.passed:
            ctx.credit(at, verdict.message)
        else:
            edit = ctx.replacement(ctx.location(at).line, value, verdict.pin) if verdict.pin else None
            ctx.report(at, verdict.message, fix=verdict.fix, edit=edit)


def _class_constants(ctx):
    """String attributes of module-level classes (``Cls.X``) and of module-level instances
    (``settings = Settings()`` gives ``settings.X``), so other modules can resolve them."""
    if ctx.tree is None:
        return
    classes = {s.name: s for s in ctx.tree.body if isinstance(s, ast.ClassDef)}
    for cls in classes.values():
        for stmt in cls.body:
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else getattr(stmt, "target", None)
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name):
                attr = ast.Attribute(value=ast.Name(id=cls.name, ctx=ast.Load()), attr=target.id, ctx=ast.Load())
                value = _sdk.attribute_value(attr, ctx, stmt)
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and len(value.value) <= 200:
                    yield f"{cls.name}.{target.id}", value, value.value
                    for inst, call in ctx.module_assignments.items():
                        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == cls.name:
                            override = next((k.value for k in call.keywords if k.arg == target.id), None)
                            literal = override if override is not None else value
                            if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                                yield f"{inst}.{target.id}", literal, literal.value


def _note_external_call(node: ast.Call, ctx) -> None:
    """A call into another module that passes a model-like ID: it may be a wrapper defined there."""
    callees = _imported_callees(node, ctx)
    if not callees:
        return
    candidates = [(f"#{i}", arg) for i, arg in enumerate(node.args) if not isinstance(arg, ast.Starred)]
    candidates += [(kw.arg, kw.value) for kw in node.keywords if kw.arg]
    for key, expr in candidates:
        resolved = _sdk.resolve_str(expr, ctx, node)
        if resolved is not None:
            value, literal = resolved
            if _models.classify(value) is not None:
                for callee in callees:
                    ctx.fact("wrapper-call", literal, records.WrapperCall(callee, key, value, ""))
        elif (key in _wrappers.MODEL_PARAM_NAMES or key == "#0") and isinstance(expr, ast.Name) and expr.id in ctx.imports:
            for callee in callees:
                ctx.fact("wrapper-call", node, records.WrapperCall(callee, key, "", ctx.imports[expr.id]))


def _ifexp_names(ctx) -> frozenset[str]:
    """Names assigned a conditional expression anywhere in the file (``Cls = A if c else B``)."""
    return ctx.memo("ifexp-names", lambda: frozenset(
        t.id for n in ctx.nodes_of(ast.Assign) if isinstance(n.value, ast.IfExp) for t in n.targets if isinstance(t, ast.Name)))


def _imported_callees(node: ast.Call, ctx) -> list[str]:
    """Qualified names of what a call may invoke from another module (``Cls = A if c else B`` gives both)."""
    func = node.func
    if isinstance(func, ast.Name) and func.id not in ctx.imports:
        if func.id not in _ifexp_names(ctx):
            return []
        value = ctx.scope_assignments(node).get(func.id)
        branches = [value.body, value.orelse] if isinstance(value, ast.IfExp) else []
        return [ctx.imports[b.id] for b in branches if isinstance(b, ast.Name) and b.id in ctx.imports]
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name) or root.id not in ctx.imports:
        return []
    callee = ctx.qualname(func)
    return [callee] if callee else []


def file_uses(facts: Callable[..., list], roles=MODEL_ROLES) -> list[ModelUse]:
    """Model IDs settled within one file (``model-use`` facts)."""
    uses = []
    for fact in facts("model-use", roles=roles):
        use: records.ModelUse = fact.value
        uses.append(ModelUse(use.value, use.sdk, fact.path, fact.line, fact.path, use.site_line, use.name))
    return uses


def all_uses(facts: Callable[..., list], roles=MODEL_ROLES) -> list[ModelUse]:
    """Every resolved model ID of a project: settled in one file, or across files."""
    return merge_uses(file_uses(facts, roles), list(project_uses(facts, roles)))


def merge_uses(local: list[ModelUse], cross: list[ModelUse]) -> list[ModelUse]:
    """A model setting judged where it is written (``MODEL = "gpt-4o"``) and also followed to the
    call that uses it in another file is one use, at that call."""
    followed = {(u.path, u.line) for u in cross}
    kept = [u for u in local if not ((u.path, u.line) in followed and (u.site_path, u.site_line) == (u.path, u.line))]
    return kept + cross


def project_uses(facts: Callable[..., list], roles=MODEL_ROLES) -> Iterator[ModelUse]:
    """Model IDs that only resolve across files: imported constants and calls to imported wrappers."""
    consts: dict[str, object] = {}
    for fact in facts("const", roles=roles):
        consts[fact.value.qual] = (fact.value.value, fact)
    seen: set = set()

    def from_const(qual: str, sdk: str, site) -> ModelUse | None:
        target = consts.get(qual) or next((v for k, v in consts.items() if k.endswith("." + qual)), None)
        if target is None or (qual, sdk) in seen:
            return None
        seen.add((qual, sdk))
        value, fact = target
        return ModelUse(value, sdk, fact.path, fact.line, site.path, site.line, qual)

    for ref in facts("model-ref", roles=roles):
        use = from_const(ref.value.qual, ref.value.sdk, ref)
        if use is not None:
            yield use
    wrappers: dict[str, records.ModelParam] = {fact.value.qual: fact.value for fact in facts("model-param", roles=roles)}
    for call in facts("wrapper-call", roles=roles):
        passed: records.WrapperCall = call.value
        wrapper = _match(wrappers, passed.callee)
        if wrapper is None or passed.key not in (wrapper.param, f"#{wrapper.position}"):
            continue
        if passed.ref:
            use = from_const(passed.ref, wrapper.sdk, call)
        elif (call.path, call.line, passed.literal) not in seen:
            seen.add((call.path, call.line, passed.literal))
            use = ModelUse(passed.literal, wrapper.sdk, call.path, call.line, call.path, call.line, passed.literal)
        else:
            use = None
        if use is not None:
            yield use


def _match(wrappers: dict, callee: str):
    """A wrapper by qualified name, else by its own name when exactly one wrapper has it (re-exports)."""
    if callee in wrappers:
        return wrappers[callee]
    name = callee.rsplit(".", 1)[-1]
    hits = [w for q, w in wrappers.items() if q.rsplit(".", 1)[-1] == name]
    return hits[0] if len(hits) == 1 else None


def config_strings(data, limit: int = 50_000):
    """Every string leaf of safe-loaded data with its key path; bounded, so YAML alias bombs stay cheap."""
    stack = [((), data, 0)]
    seen: set[int] = set()
    while stack and limit > 0:
        path, node, depth = stack.pop()
        limit -= 1
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, (dict, list)) and depth < 50 and id(node) not in seen:
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((path + (k,), v, depth + 1) for k, v in reversed(list(items)))
