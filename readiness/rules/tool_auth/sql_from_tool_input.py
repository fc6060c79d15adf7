"""RDY404: a tool builds SQL text from what the model passed in."""
from __future__ import annotations

import ast

from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.rules import _tools

SQL_METHODS = {"execute", "executemany", "executescript", "exec_driver_sql", "raw", "text", "read_sql", "read_sql_query"}


def _built_text(expr: ast.expr) -> bool:
    """An f-string, ``+`` / ``%`` concatenation or ``.format(...)``: text assembled at run time."""
    if isinstance(expr, ast.JoinedStr) or isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mod)):
        return True
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "format"


class SqlFromToolInput(Rule):
    """
    ## What it finds
    An agent tool that assembles SQL from its own arguments (f-strings, `+`, `%` or `.format`)
    and runs it: `cursor.execute(f"SELECT * FROM orders WHERE id = {order_id}")`,
    `session.execute(text("DELETE FROM t WHERE " + condition))`.

    ## Why it matters
    Tool arguments are written by the model, and the model writes what the conversation, a
    retrieved document or a web page told it to. Text pasted into SQL lets any of them read other
    users' rows, change data or drop tables: prompt injection becomes SQL injection.

    ## How to fix
    Pass values as query parameters (`execute("... WHERE id = %s", (order_id,))`), and keep
    identifiers (table or column names) to a fixed allow-list in code. Give the tool a database
    role that can only do what the tool is for.

    ## Example
    ```python
    cur.execute(f"SELECT * FROM orders WHERE id = {order_id}")            # injectable
    cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))         # parameterised
    ```

    ## Limits
    Only the tool's own body is checked; SQL built in a helper in another module is not followed.
    """

    id = "RDY404"
    name = "sql-from-tool-input"
    severity = Severity.ERROR
    summary = "Agent tool builds SQL from model-supplied arguments"
    needs = ("execute", "text(", "read_sql", "raw(")
    security_severity = "8.0"
    fix_hint = "Use query parameters for values and a fixed allow-list for identifiers"

    valid = [
        Example("""
            import sqlite3
            from langchain_core.tools import tool
            DB = sqlite3.connect("shop.db")
            @tool
            def order_status(order_id: str) -> str:
                \"\"\"Look up an order.\"\"\"
                row = DB.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
                return row[0] if row else "unknown"
        """),
        Example("""
            import sqlite3
            TABLE = "orders"
            def report(db: sqlite3.Connection, limit: int):
                return db.execute(f"SELECT * FROM {TABLE} LIMIT 10").fetchall()
        """),
    ]
    invalid = [
        Example("""
            import sqlite3
            from langchain_core.tools import tool
            DB = sqlite3.connect("shop.db")
            @tool
            def order_status(order_id: str) -> str:
                \"\"\"Look up an order.\"\"\"
                return DB.execute(f"SELECT status FROM orders WHERE id = '{order_id}'").fetchone()  # expect: RDY404
        """),
        Example("""
            from sqlalchemy import text
            from agents import function_tool
            @function_tool
            def purge(engine, condition: str) -> str:
                query = "DELETE FROM sessions WHERE " + condition
                with engine.begin() as conn:
                    conn.execute(text(query))  # expect: RDY404
                return "ok"
        """),
    ]

    def check_file(self, ctx) -> None:
        for tool in _tools.find_tools(ctx):
            tainted = _tools.tainted_names(tool)
            built = set()  # local names holding SQL text assembled from the arguments
            for assign in ast.walk(tool.node):
                if isinstance(assign, ast.Assign) and _built_text(assign.value) and _tools.uses_any(assign.value, tainted):
                    built |= {t.id for t in assign.targets if isinstance(t, ast.Name)}
            for node in ast.walk(tool.node):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name not in SQL_METHODS:
                    continue
                arg = node.args[0]
                if isinstance(arg, ast.Call) and arg.args and getattr(arg.func, "id", getattr(arg.func, "attr", "")) == "text":
                    arg = arg.args[0]  # sqlalchemy text(...)
                direct = _built_text(arg) and _tools.uses_any(arg, tainted)
                if direct or isinstance(arg, ast.Name) and arg.id in built:
                    ctx.report(node, f"tool `{tool.name}` runs SQL assembled from its arguments")
