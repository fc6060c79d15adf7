"""RDY505: a trace or log records a secret or sensitive personal data in full."""
from __future__ import annotations

import ast
import re

from readiness.context import function_params
from readiness.model import Severity
from readiness.rule import Example, Rule

# Names whose values must never reach a trace backend or a log in full.
SENSITIVE = re.compile(
    r"(^|_)(api_?key|secret|password|passwd|token|access_key|private_key|credentials?|ssn|social_security(_number)?|"
    r"card_number|credit_card|cvv|cvc|iban|passport(_number)?)$", re.I)
# Decorators that record every argument of the function they wrap, and the keyword that stops it.
RECORDING_DECORATORS = {
    "langsmith.traceable": ("process_inputs", "hide_inputs"),
    "langsmith.run_helpers.traceable": ("process_inputs", "hide_inputs"),
    "langfuse.observe": ("capture_input",),
    "langfuse.decorators.observe": ("capture_input",),
    "weave.op": ("postprocess_inputs",),
    "opik.track": ("capture_input", "ignore_arguments"),
    "mlflow.trace": (),
    "traceloop.sdk.decorators.workflow": (),
    "traceloop.sdk.decorators.task": (),
}
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "msg"}
SPAN_METHODS = {"set_attribute", "set_attributes", "add_event", "log_metadata", "update_current_span", "update"}


def _sensitive_names(expr: ast.AST) -> list[str]:
    """Names (or attributes) with a sensitive name whose full value ``expr`` shows; masked parts skipped."""
    if _masked(expr):
        return []
    name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
    if name and SENSITIVE.search(name) and not name.isupper():
        return [name]
    found = []
    for child in ast.iter_child_nodes(expr):
        if isinstance(expr, ast.Call) and child is expr.func:
            continue
        found += _sensitive_names(child)
    return found


LOGGER = re.compile(r"(^|_)(log|logger|logging|structlog|logfire)$", re.I)


class SecretInTrace(Rule):
    """
    ## What it finds
    - A function traced with a decorator that records all of its arguments (`@traceable`,
      `@observe`, `@weave.op`, `@opik.track`, `@mlflow.trace`) which takes a secret or sensitive
      personal value as a parameter (`api_key`, `password`, `token`, `ssn`, `card_number` ...),
      when the decorator is not told to hide inputs (`process_inputs=` / `hide_inputs=`,
      `capture_input=False`).
    - A span attribute, span event or log call whose value is such a variable
      (`span.set_attribute("user.password", password)`, `logger.info("key %s", api_key)`).

    ## Why it matters
    Trace backends and log stores keep everything for weeks, are read by many people and are
    exported to third parties. A key in a trace is a leaked key; a card number in one puts the
    whole observability stack in PCI scope.

    ## How to fix
    Pass credentials through the client or context, not as traced arguments; hide inputs on
    the decorator (`@traceable(process_inputs=redact)`, `@observe(capture_input=False)`); log and
    trace an identifier or a masked form (`card_number[-4:]`), never the value.

    ## Limits
    Recognised by parameter and variable names; a secret held in a variable called `value` is
    not seen, and a name such as `token_count` is not a secret (only names ending in the
    sensitive word count). Constants in capitals (`API_KEY_HEADER`) are not reported.
    """

    id = "RDY505"
    name = "secret-in-trace"
    severity = Severity.WARNING
    summary = "Trace or log records a secret or sensitive value"
    roles = frozenset({"prod", "example"})
    needs = ("trace", "observe", "weave", "opik", "mlflow", "span", "log")
    fix_hint = "Hide inputs on the tracing decorator or trace a masked form; never the value"

    valid = [
        Example("""
            from langsmith import traceable
            @traceable(process_inputs=lambda inputs: {k: v for k, v in inputs.items() if k != "api_key"})
            def search(query: str, api_key: str) -> list:
                return []
        """),
        Example("""
            import logging
            log = logging.getLogger(__name__)
            def charge(card_number: str, amount: int) -> None:
                log.info("charging card ending %s", card_number[-4:])
        """),
        Example("""
            from langfuse import observe
            @observe()
            def answer(question: str, token_count: int) -> str:
                return question
        """),
    ]
    invalid = [
        Example("""
            from langsmith import traceable
            @traceable  # expect: RDY505
            def search(query: str, api_key: str) -> list:
                return []
        """),
        Example("""
            from langfuse import observe
            @observe(name="verify")  # expect: RDY505
            def verify_identity(name: str, ssn: str) -> bool:
                return True
        """),
        Example("""
            import logging
            log = logging.getLogger(__name__)
            def connect(user: str, password: str) -> None:
                log.debug("connecting %s with %s", user, password)  # expect: RDY505
        """),
        Example("""
            from opentelemetry import trace
            tracer = trace.get_tracer(__name__)
            def call(api_key: str) -> None:
                with tracer.start_as_current_span("call") as span:
                    span.set_attribute("api.key", api_key)  # expect: RDY505
        """),
    ]

    def visit_FunctionDef(self, node, ctx) -> None:
        for dec in node.decorator_list:
            call = dec if isinstance(dec, ast.Call) else None
            qn = ctx.qualname(call.func if call else dec) or ""
            hides = RECORDING_DECORATORS.get(qn)
            if hides is None:
                continue
            if call is not None and any(kw.arg in hides or kw.arg is None for kw in call.keywords):
                continue
            secret = [p for p in function_params(node) if SENSITIVE.search(p)]
            if secret:
                ctx.report(dec, f"`@{qn.rsplit('.', 1)[-1]}` records every argument of `{node.name}`, "
                                f"including `{secret[0]}`")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call, ctx) -> None:
        if not isinstance(node.func, ast.Attribute):
            return
        method = node.func.attr
        receiver = ast.unparse(node.func.value).lower()
        last = receiver.rsplit(".", 1)[-1]
        if method in LOG_METHODS and LOGGER.search(last):
            values = list(node.args[1:]) + [kw.value for kw in node.keywords if kw.arg not in ("exc_info", "extra")]
            if node.args and isinstance(node.args[0], ast.JoinedStr):
                values.append(node.args[0])
            what = "log call"
        elif method in SPAN_METHODS and "span" in last:
            values = list(node.args[1:]) + [kw.value for kw in node.keywords]
            if method == "set_attributes" and node.args:
                values.append(node.args[0])
            what = "span attribute"
        else:
            return
        for value in values:
            names = _sensitive_names(value)
            if names:
                ctx.report(node, f"{what} records `{names[0]}` in full")
                return


def _masked(value: ast.expr) -> bool:
    """``card_number[-4:]``, ``mask(token)``, ``len(password)``, ``bool(api_key)`` show no secret."""
    if isinstance(value, ast.Subscript):
        return True
    return isinstance(value, ast.Call) and not isinstance(value.func, ast.Attribute) and \
        getattr(value.func, "id", "") in ("len", "bool", "mask", "redact", "hash", "fingerprint", "type")
