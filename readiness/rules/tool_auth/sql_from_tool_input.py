"""RDY404: a tool builds SQL text from what the model passed in."""
from __future__ import annotations

import ast
import re

from readiness import frameworks
from readiness.model import Severity
from readiness.rule import Example, Rule
from readiness.analysis import answers as _answers, sdk as _sdk, tools as _tools
from readiness.walk import walk

SQL_METHODS = {"execute", "executemany", "executescript", "exec_driver_sql", "raw", "text", "read_sql", "read_sql_query",
               "sql"}
# A method named for running SQL (``db.execute_sql(sql)``, ``warehouse.run_query(query)``; not
# ``validate_sql`` / ``format_sql``, which read the text without running it) on an
# object the file cannot see into (a dependency, a wrapper from another module): handing it the
# model's whole query is running that query.
SQL_HELPER = re.compile(r"^a?(?:execute|run|exec|perform)_?(?:\w+_)?(?:sql|query|queries|statements?)$|^sql$|^query_?sql$",
                        re.I)
# Text a module must hold for one of its functions to run SQL (the cross-module pass's prefilter).
SQL_HINTS = ("execute", "sql", "SQL", ".query(", "run_no_throw")
# ``client.query(sql)`` / ``db.run(sql)`` count only on clients of these SQL-running libraries.
WAREHOUSE_METHODS = {"query", "run", "run_no_throw", "run_sql"}
WAREHOUSE_CLIENTS = ("google.cloud.bigquery", "snowflake", "duckdb", "langchain_community.utilities", "langchain.utilities",
                     "langchain.sql_database", "llama_index.core.utilities.sql_wrapper", "llama_index.core.SQLDatabase",
                     # graph databases: Cypher the model writes runs the same way (``Neo4jGraph.query``,
                     # langchain-neo4j 0.4 langchain_neo4j/graphs/neo4j_graph.py; ``session.run``, neo4j 5.x)
                     "langchain_neo4j", "langchain_community.graphs", "neo4j")
_SQL_NAME = re.compile(r"(?:^|_)(?:sql|query|queries|statement|stmt|script)(?:_|$)", re.I)
# The database refuses writes, or statements are parsed and held to an allow-list before they run.
_READ_ONLY = [
    (re.compile(r"mode=ro\b"), "a read-only connection (mode=ro)"),
    (re.compile(r"\bread_?only\s*=\s*True"), "a read-only connection (read_only=True)"),
    (re.compile(r"postgresql_readonly\s*=\s*True"), "a read-only transaction (postgresql_readonly)"),
    (re.compile(r"SET\s+(?:SESSION\s+CHARACTERISTICS\s+AS\s+)?TRANSACTION\s+READ\s+ONLY|default_transaction_read_only", re.I),
     "a read-only transaction"),
    (re.compile(r"PRAGMA\s+query_only", re.I), "SQLite query_only"),
    (re.compile(r"READ_ACCESS|RoutingControl\.READ|\.execute_read\("), "a read-only Neo4j session"),
    (re.compile(r"(?:sqlglot|sqlparse)\.parse(?:_one)?\((?:.|\n)*?(?:get_type\(\)|exp\.(?:Select|Insert|Update|Delete|Drop))"),
     "a statement allow-list that parses the SQL"),
]


def _built_text(expr: ast.expr) -> bool:
    """An f-string, ``+`` / ``%`` concatenation or ``.format(...)``: text assembled at run time.
    Literal text only appended to a query (``sql + " LIMIT 100"``) leaves the query as the model
    wrote it: that is a whole query handed over, not one assembled from arguments."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        head, tail = expr, []
        while isinstance(head, ast.BinOp) and isinstance(head.op, ast.Add):
            head, tail = head.left, [head.right, *tail]
        return not (isinstance(head, ast.Name) and all(map(_literal_part, tail)))
    if isinstance(expr, ast.JoinedStr) or isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
        return True
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "format"


def _literal_part(expr: ast.expr) -> bool:
    """A constant, a module constant (``MAX_ROWS``) or ``str()`` of one."""
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", "") == "str" and len(expr.args) == 1:
        expr = expr.args[0]
    return isinstance(expr, ast.Constant) or isinstance(expr, ast.Name) and expr.id.isupper()


class SqlFromToolInput(Rule):
    """
    ## What it finds
    An agent tool that runs SQL the model wrote or assembled: text built from the tool's
    arguments (f-strings, `+`, `%` or `.format`) as in
    `cursor.execute(f"SELECT * FROM orders WHERE id = {order_id}")`, or a whole query argument
    handed to the database (`execute(query)`, `executescript(sql)`, `execute(text(query))`,
    `pd.read_sql(query, conn)`, `bigquery.Client().query(sql)`, `duckdb.sql(sql)`, Cypher through
    `Neo4jGraph.query(query)`), followed into helper functions of the same file, functions of
    other modules (also when a package re-exports them) and methods of the project's classes
    (`db.delete_rows(table, condition)`), where the finding points at the line that assembles or
    runs the statement. Prebuilt SQL tools, toolkits and query engines that execute
    whatever SQL the model writes (LangChain `SQLDatabaseToolkit`, LlamaIndex
    `NLSQLTableQueryEngine`, Agno `SQLTools` ...) come from the framework profiles
    (`rules/frameworks/`, `tool: sql_tool`). A read-only connection (`mode=ro`, `read_only=True`,
    a read-only transaction, SQLite `query_only`) or a statement allow-list that parses the SQL
    (sqlglot / sqlparse) is credited for model-written queries; a `startswith("SELECT")` check is
    not, since it does not stop a second, stacked statement.

    ## Why it matters
    Tool arguments are written by the model, and the model writes what the conversation, a
    retrieved document or a web page told it to. Text pasted into SQL lets any of them read other
    users' rows, change data or drop tables: prompt injection becomes SQL injection.

    ## How to fix
    Pass values as query parameters (`execute("... WHERE id = %s", (order_id,))`), and keep
    identifiers (table or column names) to a fixed allow-list in code. Give the tool a database
    role that can only do what the tool is for.

    SQL assembled into a variable is reported where it is assembled (as bandit's B608 does);
    a whole query handed over is reported where it runs.

    ## Example
    ```python
    cur.execute(f"SELECT * FROM orders WHERE id = {order_id}")            # injectable
    cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))         # parameterised
    ```

    ## Limits
    The tool's body and the functions it calls in the same file are read; SQL run by a helper in
    another module is not followed. Read-only evidence is looked for in the tool's file.
    """

    id = "RDY404"
    judges_tool_bodies = True
    name = "sql-from-tool-input"
    severity = Severity.ERROR
    judges_tools = True
    summary = "Agent tool runs SQL the model wrote or built from its arguments"
    needs = ("execute", "text(", "read_sql", "raw(", "sql", "SQL", "query(", "run(", "run_no_throw", "QAChain")
    security_severity = "8.0"
    fix_hint = "Use query parameters for values and a fixed allow-list for identifiers"

    valid = [
        # Identifiers sanitised and values held to a fixed list before they are pasted in.
        Example("""
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("pg")
            VALID_LEVELS = ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"]
            async def maintenance_handler(params: dict, conn) -> str:
                table = sanitize_identifier(params.get("table"))
                await conn.execute(f"VACUUM {table}")
                level = params.get("level")
                if level.upper() not in VALID_LEVELS:
                    raise ValueError(level)
                await conn.execute(f"BEGIN ISOLATION LEVEL {level.upper()}")
                return "done"
            ADMIN_ACTIONS = {"maintenance": maintenance_handler}
            @mcp.tool()
            async def pg_admin(action: str, table: str, level: str) -> str:
                return await ADMIN_ACTIONS[action]({"table": table, "level": level}, CONN)
        """),
        # A database function with a fixed statement, given a value.
        Example("""
            from supabase import create_client
            from langchain_core.tools import tool
            supabase = create_client(SUPABASE_URL, SUPABASE_KEY)
            @tool
            def order_status(order_id: str) -> str:
                return str(supabase.rpc("get_order_status", {"order_id": order_id}).execute().data)
        """),
        Example("""
            import sqlite3
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("inbox")
            DB = sqlite3.connect("inbox.db")
            @mcp.tool()
            def read_flags(message_ids: list[str]) -> dict:
                \"\"\"Which messages were read.\"\"\"
                placeholders = ", ".join(["?"] * len(message_ids))
                rows = DB.execute(f"SELECT id, read FROM inbox WHERE id IN ({placeholders})", message_ids).fetchall()
                return dict(rows)
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'askdb'\n",
            "askdb/llm.py": '''
                from langchain_google_genai import ChatGoogleGenerativeAI
                LLM = ChatGoogleGenerativeAI(model="gemini-2.0-flash-001", max_output_tokens=400)
            ''',
            "askdb/nodes.py": '''
                import sqlite3
                from askdb.llm import LLM
                def summarise(state: dict) -> dict:
                    return {"summary": LLM.invoke(f"Summarise: {state['rows']}").content}
                def run_report(state: dict) -> dict:
                    conn = sqlite3.connect("shop.db")
                    return {"rows": conn.execute(state["report_sql"]).fetchall()}  # the SQL a person chose, not the model
            ''',
        }),
        Example("""
            import sqlite3
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=500)
            conn = sqlite3.connect("file:shop.db?mode=ro", uri=True)  # the database refuses writes
            def answer(question: str):
                query = llm.invoke(f"Write one SQLite query for: {question}").content
                return conn.execute(query).fetchall()
        """),
        Example("""
            import sqlite3
            from openai import OpenAI
            client = OpenAI()
            conn = sqlite3.connect("chat.db")
            def chat(question: str) -> str:
                reply = client.chat.completions.create(model="gpt-4o-2024-08-06", max_tokens=500,
                                                       messages=[{"role": "user", "content": question}])
                text = reply.choices[0].message.content
                conn.execute("INSERT INTO history VALUES (?, ?)", (question, text))  # the answer is a bound value
                return text
        """),
        Example("""
            import sqlglot
            from pydantic_ai import Agent
            agent = Agent("openai:gpt-4o-2024-08-06")
            def validate_sql(sql: str) -> list[str]:
                try:
                    sqlglot.parse_one(sql, read="postgres")
                    return []
                except sqlglot.errors.ParseError as e:
                    return [str(e)]
            @agent.tool_plain
            def check_query(sql: str) -> list[str]:
                \"\"\"Check a query's syntax without running it.\"\"\"
                return validate_sql(sql)
        """),
        Example(files={
            "pgmcp/manager.py": '''
                class PostgresManager:
                    def __init__(self, pool):
                        self.pool = pool
                    async def delete_rows(self, table: str, condition: str):
                        query = f"DELETE FROM {table} WHERE {condition}"
                        async with self.pool.acquire() as conn:
                            return await conn.execute(query)
            ''',
            "pgmcp/server.py": '''
                from mcp.server.fastmcp import Context, FastMCP
                mcp = FastMCP("postgres")
                @mcp.tool()
                async def purge_expired_sessions(ctx: Context) -> str:
                    """Remove expired sessions (the table and the condition are fixed here)."""
                    db = ctx.request_context.lifespan_context.db
                    return str(await db.delete_rows("sessions", "expires_at < now()"))
            ''',
        }),
        Example("""
            import httpx
            from langchain_core.tools import tool
            @tool
            async def fetch_page(url: str) -> str:
                \"\"\"Fetch a web page.\"\"\"
                return await CLIENT.fetch(f"{url}?format=text")
        """),
        Example("""
            from langchain_community.agent_toolkits import SQLDatabaseToolkit
            def table_names(db, llm) -> str:
                tools = SQLDatabaseToolkit(db=db, llm=llm).get_tools()
                lister = next(t for t in tools if t.name == "sql_db_list_tables")
                return lister.invoke("")
        """),
        Example("""
            import sqlite3
            from agents import function_tool
            DB = sqlite3.connect("file:shop.db?mode=ro", uri=True)
            @function_tool
            def run_sql(query: str) -> str:
                \"\"\"Run a read-only SQL query.\"\"\"
                return str(DB.execute(query).fetchall())
        """),
        Example("""
            from agents import function_tool
            from duckduckgo_search import DDGS
            @function_tool
            def search_docs(query: str) -> str:
                \"\"\"Search the web.\"\"\"
                hits = DDGS().text(query, max_results=3)
                return INDEX.query(query).text + str(hits)
        """),
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
        # A project's own tool record (name, JSON schema, handler) makes the handler a tool; the
        # resources a dispatcher hands it (``db``) are not the model's.
        Example("""
            from dataclasses import dataclass
            from typing import Callable
            from mcp.server import Server
            @dataclass
            class Tool:
                name: str
                input_schema: dict
                handler: Callable
            async def handle_describe_table(arguments, db, *_):
                table = arguments["table_name"]
                return db.execute_query(f"DESC TABLE {table}")  # expect: RDY404
            async def handle_list_tables(arguments, db, *_):
                return db.execute_query(f"SHOW TABLES IN {db.workspace}")
            TOOLS = [Tool(name="describe_table", input_schema={"type": "object"}, handler=handle_describe_table),
                     Tool(name="list_tables", input_schema={"type": "object"}, handler=handle_list_tables)]
        """),
        # The model's answer goes to the second parameter: judged where that parameter runs, not at
        # the first statement of the helper (which pastes the caller's own query).
        Example(files={
            "pyproject.toml": "[project]\nname = 'dba'\n",
            "dba/db.py": '''
                import psycopg
                def try_index(original: str, index_sql: str) -> dict:
                    with psycopg.connect("dbname=app") as conn, conn.cursor() as cur:
                        cur.execute(f"EXPLAIN {original}")
                        before = cur.fetchone()
                        cur.execute(index_sql)  # expect: RDY404
                        conn.rollback()
                        return {"before": before}
            ''',
            "dba/advisor.py": '''
                import json
                from openai import OpenAI
                from dba.db import try_index
                client = OpenAI()
                def advise(query: str) -> dict:
                    reply = client.chat.completions.create(model="gpt-4o-2024-08-06", max_tokens=300,
                                                           messages=[{"role": "user", "content": query}])
                    index_sql = json.loads(reply.choices[0].message.content)["index"]
                    return try_index(query, index_sql)
            ''',
        }),
        # An MCP tool that picks its handler from a table by the action the model names.
        Example("""
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("pg")
            async def read_handler(params: dict, conn) -> str:
                sql: str = params.get("sql")
                return str(await conn.fetch(sql))  # expect: RDY404
            QUERY_ACTIONS = {"read": read_handler}
            @mcp.tool()
            async def pg_query(action: str, sql: str) -> str:
                return await QUERY_ACTIONS[action]({"sql": sql}, CONN)
        """),
        # A graph node stores what a prompt | model | parser pipe answered; the next node runs it.
        Example("""
            import sqlite3
            from langchain_core.output_parsers import StrOutputParser
            from langchain_core.prompts import ChatPromptTemplate
            from langchain_openai import ChatOpenAI
            def write_sql(state):
                llm = ChatOpenAI(model="gpt-4.1-2025-04-14")
                chain = ChatPromptTemplate.from_template("SQL for: {q}") | llm | StrOutputParser()
                return {"sql_query": chain.invoke({"q": state["question"]})}
            def run_sql(state):
                conn = sqlite3.connect("shop.db")
                return {"rows": conn.execute(state["sql_query"]).fetchall()}  # expect: RDY404
        """),
        # Supabase has no raw SQL call, so the project adds a database function that runs any statement.
        Example("""
            from supabase import create_client
            from langchain_core.tools import tool
            supabase = create_client(SUPABASE_URL, SUPABASE_KEY)
            @tool
            def run_sql(query: str) -> str:
                return str(supabase.rpc("execute_sql", {"p_query": query}).execute().data)  # expect: RDY404
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'askdb'\n",
            "askdb/llm.py": '''
                from langchain_google_genai import ChatGoogleGenerativeAI
                LLM = ChatGoogleGenerativeAI(model="gemini-2.0-flash-001", max_output_tokens=400)
            ''',
            "askdb/nodes.py": '''
                import sqlite3
                from askdb.llm import LLM
                def write_sql(state: dict) -> dict:
                    reply = LLM.invoke(f"SQLite query for: {state['question']}")
                    return {"sql_query": reply.content.strip("`")}
                def run_sql(state: dict) -> dict:
                    conn = sqlite3.connect("shop.db")
                    return {"rows": conn.execute(state["sql_query"]).fetchall()}  # expect: RDY404
            ''',
        }),
        Example("""
            from langchain_neo4j import GraphCypherQAChain, Neo4jGraph
            from langchain_openai import ChatOpenAI
            graph = Neo4jGraph(url=URL, username="neo4j", password=PASSWORD)
            chain = GraphCypherQAChain.from_llm(  # expect: RDY404
                ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=500), graph=graph, allow_dangerous_requests=True)
        """),
        Example("""
            import sqlite3
            from langchain_openai import ChatOpenAI
            llm = ChatOpenAI(model="gpt-4o-2024-08-06", max_tokens=500)
            conn = sqlite3.connect("shop.db")
            def answer(question: str):
                query = llm.invoke(f"Write one SQLite query for: {question}").content.strip("`")
                return conn.execute(query).fetchall()  # expect: RDY404
        """),
        Example(files={
            "pyproject.toml": "[project]\nname = 'bi'\n",
            "bi/llm.py": '''
                from openai import OpenAI
                client = OpenAI()
                def generate_sql(question: str) -> str:
                    reply = client.chat.completions.create(model="gpt-4o-2024-08-06", max_tokens=400,
                                                           messages=[{"role": "user", "content": question}])
                    return reply.choices[0].message.content
            ''',
            "bi/db.py": '''
                import psycopg
                def run_query(sql: str):
                    with psycopg.connect("dbname=bi") as conn, conn.cursor() as cur:
                        cur.execute(sql)  # expect: RDY404
                        return cur.fetchall()
            ''',
            "bi/main.py": '''
                from bi.db import run_query
                from bi.llm import generate_sql
                def report(question: str):
                    sql = generate_sql(question)  # a model writes the statement ...
                    return run_query(sql)         # ... and it runs with the app's rights
            ''',
        }),
        Example("""
            import pandas as pd
            from sqlalchemy import text
            from langchain_core.tools import StructuredTool
            def make_compare_tool(engine):
                def _compare(*, table: str, key: str) -> str:
                    query = f"SELECT {key}, COUNT(*) FROM {table} GROUP BY {key}"  # expect: RDY404
                    return pd.read_sql(text(query), engine).to_markdown()
                return StructuredTool(name="compare_tables", description="Compare tables.", func=_compare)
        """),
        Example(files={
            "pgmcp/manager.py": '''
                class PostgresManager:
                    def __init__(self, pool):
                        self.pool = pool
                    async def run_query(self, query: str):
                        async with self.pool.acquire() as conn:
                            return await conn.fetch(query)  # expect: RDY404
                    async def delete_rows(self, table: str, condition: str):
                        query = f"DELETE FROM {table} WHERE {condition}"  # expect: RDY404
                        async with self.pool.acquire() as conn:
                            return await conn.execute(query)
                    async def count_rows(self, table: str):
                        async with self.pool.acquire() as conn:
                            return await conn.fetchval("SELECT count(*) FROM audit")
            ''',
            "pgmcp/server.py": '''
                from mcp.server.fastmcp import Context, FastMCP
                mcp = FastMCP("postgres")
                @mcp.tool()
                async def execute_query(ctx: Context, query: str) -> str:
                    """Run a SQL query."""
                    db = ctx.request_context.lifespan_context.db
                    return str(await db.run_query(query))
                @mcp.tool()
                async def delete_data(ctx: Context, table: str, condition: str) -> str:
                    """Delete the rows of a table that match a condition."""
                    db = ctx.request_context.lifespan_context.db
                    return str(await db.delete_rows(table, condition))
            ''',
        }),
        Example(files={
            "graphdb/__init__.py": "from .store import query_graph\n",
            "graphdb/store.py": '''
                from langchain_neo4j import Neo4jGraph
                graph = Neo4jGraph(url="bolt://localhost:7687")
                def query_graph(query: str):
                    return graph.query(query)  # expect: RDY404
            ''',
            "agent/tools.py": '''
                from langchain_core.tools import tool
                from graphdb import query_graph
                @tool
                def query_db(query: str) -> str:
                    """Run a Cypher statement on the knowledge graph."""
                    return str(query_graph(query))
            ''',
        }),
        Example("""
            import re
            from google.cloud import bigquery
            from google.adk.agents import Agent
            def run_report(sql: str) -> str:
                if re.search(r"(?i)(update|delete|drop|insert|create|alter|truncate|merge)", sql):
                    return "refused: write statements are not allowed"
                return str(bigquery.Client().query(sql + " LIMIT " + str(MAX_ROWS)).result())  # expect: RDY404
            analyst = Agent(name="analyst", model="gemini-2.0-flash-001", tools=[run_report])
        """),
        Example("""
            from mcp.server.fastmcp import FastMCP
            from pydantic import BaseModel
            mcp = FastMCP("pg")
            class QueryInput(BaseModel):
                query: str
            @mcp.tool()
            async def run_query(params: QueryInput) -> list:
                async with POOL.acquire() as conn:
                    return [dict(r) for r in await conn.fetch(params.query)]  # expect: RDY404
            @mcp.tool()
            async def sample(schema: str, table: str) -> list:
                async with POOL.acquire() as conn:
                    return await conn.fetch(f"SELECT * FROM {schema}.{table} LIMIT 5")  # expect: RDY404
        """),
        Example(files={
            "fit/db.py": '''
                import psycopg2
                def update_goal_db(user_id, goal_id, field, value):
                    query = f"UPDATE goals SET {field} = %s WHERE user_id = %s AND id = %s"  # expect: RDY404
                    with psycopg2.connect("dbname=fit") as conn:
                        conn.cursor().execute(query, (value, user_id, goal_id))
            ''',
            "fit/tools.py": '''
                from langchain_core.tools import tool
                from fit.db import update_goal_db
                @tool
                def update_goal(goal_id: str, field: str, value: str) -> str:
                    """Change one field of a goal."""
                    update_goal_db(CURRENT_USER, goal_id, field, value)
                    return "updated"
            ''',
        }),
        Example(files={
            "src/chatdb/database.py": '''
                from sqlalchemy import create_engine, text
                class Database:
                    def __init__(self, url):
                        self.engine = create_engine(url)
                    def execute_sql(self, sql_query: str):
                        with self.engine.connect() as conn:
                            return list(conn.execute(text(sql_query)))  # expect: RDY404
            ''',
            "src/chatdb/tools.py": '''
                def run_sql(ctx, sql: str):
                    """Run a query for the user."""
                    return ctx.deps.database.execute_sql(sql)
            ''',
            "src/chatdb/agent.py": '''
                from pydantic_ai import Agent
                from chatdb.tools import run_sql
                agent = Agent("openai:gpt-4o-2024-08-06", tools=[run_sql])
            ''',
        }),
        Example("""
            from langchain_community.agent_toolkits import SQLDatabaseToolkit
            def execute(db, llm, generated: str):
                tools = SQLDatabaseToolkit(db=db, llm=llm).get_tools()
                query_tool = next(t for t in tools if t.name == "sql_db_query")
                return query_tool.invoke(generated)  # expect: RDY404
        """),
        Example("""
            from google.cloud import bigquery
            def execute_bqml_code(bqml_code: str, project_id: str) -> str:
                client = bigquery.Client(project=project_id)
                return str(client.query(bqml_code).result())  # expect: RDY404
            TOOLS = [execute_bqml_code]
            from google.adk.agents import Agent
            ml = Agent(name="ml", model="gemini-2.0-flash-001", tools=TOOLS)
        """),
        Example("""
            from pydantic_ai import Agent, RunContext
            agent = Agent("openai:gpt-4.1-2025-04-14", deps_type=dict)
            @agent.tool
            def run_query(ctx: RunContext[dict], sql: str) -> str:
                \"\"\"Run SQL on the analytics database.\"\"\"
                return str(ctx.deps["database"].execute_sql(sql))  # expect: RDY404
        """),
        Example("""
            import sqlite3
            from agents import function_tool
            DB = sqlite3.connect("shop.db")
            @function_tool
            def run_sql(query: str) -> str:
                \"\"\"Run a SQL query against the shop database.\"\"\"
                if not query.strip().upper().startswith("SELECT"):
                    return "only SELECT"
                return str(DB.executescript(query).fetchall())  # expect: RDY404
        """),
        Example("""
            import pandas as pd
            from sqlalchemy import create_engine
            from langchain_core.tools import tool
            ENGINE = create_engine("postgresql://app@db/shop")
            def _fetch(sql: str):
                return pd.read_sql(sql, ENGINE)
            @tool
            def query_database(sql_query: str) -> str:
                \"\"\"Answer a question with SQL.\"\"\"
                return _fetch(sql_query).to_markdown()  # expect: RDY404
        """),
        Example("""
            from google.cloud import bigquery
            from google.adk.tools import FunctionTool
            client = bigquery.Client()
            def run_bigquery(sql: str) -> list:
                return [dict(r) for r in client.query(sql).result()]  # expect: RDY404
            bq_tool = FunctionTool(run_bigquery)
        """),
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
                query = "DELETE FROM sessions WHERE " + condition  # expect: RDY404
                with engine.begin() as conn:
                    conn.execute(text(query))
                return "ok"
        """),
    ]

    def check_file(self, ctx) -> None:
        if ctx.tree is None:
            return
        guard = _read_only_guard(ctx)
        functions = {n.name: n for n in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef)}
        tools = _tools.find_tools(ctx)
        for tool in tools:
            tainted = _tools.tainted_names(tool)
            sinks = list(_sql_sinks(tool.node, tainted, ctx, functions))
            if sinks:  # one finding per tool, at its first SQL call
                node, how = min(sinks, key=lambda s: (s[1] != "built", s[0].lineno, s[0].col_offset))
                if "@" in how:  # handed whole to a project method: judged where that method runs it
                    ctx.fact("tool-sql-method", node, f"{tool.name}|{how}|{guard}|{_weak(tool.node, ctx)}")
                else:
                    _judge(ctx, node, tool.name, how, guard, _weak(tool.node, ctx))
        # Module-level functions another module may register as tools or call from a tool: remember
        # their SQL sinks and which parameters reach them (``update_goal_db(user, goal, field, value)``
        # pastes ``field`` into its UPDATE; ``value`` goes as a bound parameter and is harmless).
        declared = {id(t.node) for t in tools}
        if "state" in ctx.text and ctx.imported_modules and _answers.asks_a_model(ctx):
            self._answer_state_keys(ctx)
        if not any(hint in ctx.text for hint in SQL_HINTS):
            return
        if "state" in ctx.text:
            self._state_sinks(ctx, guard)
        self._method_sinks(ctx, guard, functions)
        if ctx.imported_modules and (_answers.asks_a_model(ctx) or self._imports_project_functions(ctx)):
            self._model_written_sql(ctx, guard, functions, declared)
        for func in ctx.tree.body:
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and id(func) not in declared:
                params = [a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)]
                sinks = list(_sql_sinks(func, set(params) - _tools.INJECTED_PARAMS, ctx, functions))
                if not sinks:
                    continue
                # One fact per place SQL is built or run, best first, each with the parameters that
                # reach it: a caller that hands a model's answer to the second parameter is judged
                # where that parameter lands (``dry_run_index(index_sql, original_query)``).
                by_node: dict[int, tuple[ast.AST, str, list[str]]] = {}
                for i, p in enumerate(params):
                    if p in _tools.INJECTED_PARAMS:
                        continue
                    for node, how in _sql_sinks(func, {p}, ctx, functions):
                        by_node.setdefault(id(node), (node, how, []))[2].append(f"{p}:{i}") \
                            if f"{p}:{i}" not in by_node.get(id(node), (0, 0, []))[2] else None
                ranked = sorted(by_node.values(), key=lambda s: (s[1] != "built", s[0].lineno, s[0].col_offset))
                for rank, (node, how, reaching) in enumerate(ranked):
                    if how == "raw" and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                            and "." in ctx.imports.get(node.func.id, ""):
                        how = f"raw>{ctx.imports[node.func.id]}"  # ``run_query(sql)`` of another module: it runs there
                    ctx.fact("func-sql", node, f"{ctx.module_name}.{func.name}|{func.name}|{how}|{guard}|"
                                               f"{','.join(reaching)}|{rank}|{_weak(func, ctx)}")

    @staticmethod
    def _project_function(target: str, ctx, top: str) -> bool:
        """A function of another module of this project (``app.db.run_query``)."""
        return "." in target and (target.split(".")[0] == top or ctx.is_local_module(target.split(".")[0]))

    def _imports_project_functions(self, ctx) -> bool:
        top = ctx.module_name.split(".")[0]
        return any(self._project_function(t, ctx, top) for t in ctx.imports.values())

    def _model_written_sql(self, ctx, guard: str, functions: dict, declared: set[int]) -> None:
        """Pipelines that ask a model for a query and run it, no tool involved: text-to-SQL apps
        (``sql = generate_sql(question)`` ... ``cursor.execute(sql)``). The model writes every
        statement, so it has the same power over the database as a raw SQL tool. Judged here when
        the query runs in this file (directly or in a helper of this file); ``answer-callee``
        facts hand the rest to the project pass (an executor or a generator in another module)."""
        top = ctx.module_name.split(".")[0]
        in_tools = {id(n) for t in _tools.find_tools(ctx) for n in walk(t.node)}
        scopes = [f for f in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef) if id(f) not in in_tools]
        reported: set[int] = set()
        for scope in [*scopes, ctx.tree]:
            label = "the module" if isinstance(scope, ast.Module) else f"`{scope.name}()`"
            local = _answers.answer_names(scope, ctx)
            imported = self._imported_results(scope, ctx, top)
            if not local and not imported:
                continue
            weak = _weak(scope, ctx)
            for node, how in _sql_sinks(scope, local, ctx, {}) if local else ():
                callee = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
                if callee and self._project_function(ctx.imports.get(callee, ""), ctx, top):
                    continue  # ``run_query(sql)`` of another module: the project pass finds where it runs
                if "@" in how:
                    ctx.fact("tool-sql-method", node, f"answer:{label}|{how}|{guard}|{weak}")
                elif id(node) not in reported:
                    reported.add(id(node))
                    _judge(ctx, node, f"answer:{label}", how, guard, weak)
            for call in (n for n in _answers.own_nodes(scope) if isinstance(n, ast.Call)):
                callee = call.func.id if isinstance(call.func, ast.Name) else ""
                if local and callee in functions and functions[callee] is not scope and id(functions[callee]) not in declared:
                    target = functions[callee]
                    params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
                    passed = {params[i] for i, a in enumerate(call.args) if i < len(params) and _tools.uses_any(a, local)}
                    passed |= {k.arg for k in call.keywords if k.arg in params and _tools.uses_any(k.value, local)}
                    for node, how in (_sql_sinks(target, passed, ctx, {}, 1) if passed else ()):
                        if id(node) not in reported:  # where the helper runs it, as a reviewer would point
                            reported.add(id(node))
                            _judge(ctx, node, f"answer:{label}", how, guard, weak)
                target = ctx.imports.get(callee, "") if callee else ""
                if not target and isinstance(call.func, ast.Attribute) and _tools.method_on_project_object(call, ctx):
                    target = f"~method.{call.func.attr}"
                elif not self._project_function(target, ctx, top):
                    target = ""
                if not target:
                    continue
                for sources, names in [("*", local), *imported.items()]:
                    positions = ",".join(str(i) for i, a in enumerate(call.args) if names and _tools.uses_any(a, names))
                    keywords = ",".join(k.arg for k in call.keywords if k.arg and names and _tools.uses_any(k.value, names))
                    if positions or keywords:
                        ctx.fact("answer-callee", call, f"answer:{label}|{target}|{positions}|{keywords}|{sources}")
        for name in sorted(_answers.answer_functions(ctx)):
            if name in functions and isinstance(ctx.parent(functions[name]), ast.Module):
                ctx.fact("answer-func", functions[name], f"{ctx.module_name}.{name}")

    @staticmethod
    def _imported_results(scope: ast.AST, ctx, top: str) -> dict[str, set[str]]:
        """Names holding what a function of another project module returned (``sql =
        nl_to_sql(q)``), keyed by that function: whether it returns a model's answer is known only
        in the project pass."""
        seeds: dict[str, set[str]] = {}
        for node in _answers.own_nodes(scope):
            if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Call, ast.Await)):
                call = node.value.value if isinstance(node.value, ast.Await) else node.value
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                    continue
                target = ctx.imports.get(call.func.id, "")
                if SqlFromToolInput._project_function(target, ctx, top):
                    seeds.setdefault(target, set()).update(
                        n.id for t in node.targets for n in walk(t) if isinstance(n, ast.Name))
        return {target: _tools.propagate(scope, names) for target, names in seeds.items()}

    def _method_sinks(self, ctx, guard: str, functions: dict) -> None:
        """``method-sql``: ``method|how|guard|weak|param:index,...`` for each method of a
        module-level class whose parameters reach a SQL call, with the parameters (and their
        positions after ``self``) that do: ``Database.execute_sql(self, sql)`` runs what it is
        handed, ``Manager.delete_data(self, table, condition)`` pastes both into its DELETE. A tool
        in another module that calls ``db.delete_data(table, where)`` with its own arguments in those
        places is judged where the statement is assembled or runs."""
        for cls in (c for c in ctx.tree.body if isinstance(c, ast.ClassDef)):
            for method in (m for m in cls.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))):
                if method.name.startswith("__"):
                    continue
                static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in method.decorator_list)
                params = [a.arg for a in (*method.args.args[0 if static else 1:], *method.args.kwonlyargs)]
                params = [p for p in params if p not in _tools.INJECTED_PARAMS]
                if not params:
                    continue
                sinks = [(n, h) for n, h in _sql_sinks(method, set(params), ctx, functions, 1) if "@" not in h]
                if not sinks:
                    continue
                node, how = min(sinks, key=lambda s: (s[1] != "built", s[0].lineno, s[0].col_offset))
                reaching = [f"{p}:{i}" for i, p in enumerate(params)
                            if any("@" not in h for _, h in _sql_sinks(method, {p}, ctx, functions, 1))]
                ctx.fact("method-sql", node, f"{method.name}|{how}|{guard}|{_weak(method, ctx)}|{','.join(reaching)}")

    def _answer_state_keys(self, ctx) -> None:
        """``state-answer-key``: keys of a graph's state that a node fills with a model's answer
        (``return {"sql_query": response.content}``, ``state["sql"] = llm.invoke(...).content``)."""
        for func in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
            local = _answers.answer_names(func, ctx)
            for node in walk(func):
                pairs = []
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Dict):
                    pairs = list(zip(node.value.keys, node.value.values))
                elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
                    pairs = [(node.targets[0].slice, node.value)]
                for key, value in pairs:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str) and (
                            _tools.uses_any(value, local) or _answers.model_answer(value, ctx)):
                        ctx.fact("state-answer-key", node, key.value)

    def _state_sinks(self, ctx, guard: str) -> None:
        """``state-sql-sink``: a graph node that runs the SQL held under a key of its state
        (``cursor.execute(state["sql_query"])``); the project pass reports it when some node stores
        a model's answer under that key."""
        for func in ctx.nodes_of(ast.FunctionDef, ast.AsyncFunctionDef):
            params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
            state = next((p for p in params if p == "state" or p.endswith("_state")), None)
            if state is None:
                continue
            top = ctx.module_name.split(".")[0]
            for node in (n for n in walk(func) if isinstance(n, ast.Call) and n.args):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                target = ctx.imports.get(name, "") if isinstance(node.func, ast.Name) else ""
                if target and self._project_function(target, ctx, top):
                    # ``execute_query(state["sql_query"])`` of another module: judged where it runs
                    for index, arg in enumerate(node.args):
                        if (key := _state_key(arg, state, ctx, node)):
                            ctx.fact("state-sql-call", node, f"{key}|{func.name}|{target}|{index}")
                    continue
                if name not in SQL_METHODS - {"text", "raw"} and not _warehouse_query(node, name, ctx):
                    continue
                arg = node.args[0]
                if isinstance(arg, ast.Call) and arg.args and getattr(arg.func, "id", getattr(arg.func, "attr", "")) == "text":
                    arg = arg.args[0]  # sqlalchemy ``text(state["sql"])``
                key = _state_key(arg, state, ctx, node)
                if key:
                    ctx.fact("state-sql-sink", node, f"{key}|{func.name}|{guard}|{_weak(func, ctx)}")

    def check_project(self, ctx) -> None:
        """Functions defined in one module and handed to an agent as tools in another, or called by a
        tool of another module with the tool's arguments in the parameters that reach the SQL."""
        roles = ("prod", "example")
        answer_keys = {f.value for f in ctx.facts("state-answer-key", roles=roles)}
        for fact in ctx.facts("state-sql-sink", roles=roles):
            key, node, guard, weak = fact.value.split("|", 3)
            if key in answer_keys:
                _judge(ctx, fact, f"answer:graph node `{node}()` (state `{key}`)", "raw", guard, weak, project=True)
        referenced = {f.value for f in ctx.facts("tool-ref", roles=roles)}
        callers: dict[str, list[tuple[str, set[str], set[str]]]] = {}
        for fact in ctx.facts("state-sql-call", roles=roles):
            key, node, target, index = fact.value.split("|", 3)
            if key in answer_keys:
                callers.setdefault(target, []).append((f"answer:graph node `{node}()` (state `{key}`)", {index}, set()))
        for fact in ctx.facts("tool-callee", roles=roles):
            name, target, positions, keywords = (fact.value.split("|", 3) + ["", ""])[:4]
            callers.setdefault(target, []).append((name, set(filter(None, positions.split(","))),
                                                   set(filter(None, keywords.split(",")))))
        # Pipelines handing a model's answer (or what a project function returned, when that
        # function returns a model's answer) to a SQL helper of another module.
        answering = {f.value for f in ctx.facts("answer-func", roles=roles)}
        for fact in ctx.facts("answer-callee", roles=roles):
            name, target, positions, keywords, sources = fact.value.split("|", 4)
            if sources == "*" or sources in answering:
                callers.setdefault(target, []).append((name, set(filter(None, positions.split(","))),
                                                       set(filter(None, keywords.split(",")))))
        methods: dict[str, list] = {}
        for fact in ctx.facts("method-sql", roles=roles):
            methods.setdefault(fact.value.split("|", 1)[0], []).append(fact)
        judged: set[tuple[str, int]] = set()
        # Tools that hand their whole query to a project method (``db.execute_query(query)``).
        for fact in ctx.facts("tool-sql-method", roles=roles):
            name, how, guard, weak = fact.value.split("|", 3)
            method = how.split("@", 1)[1]
            at = fact
            if len(methods.get(method, ())) == 1:
                at = methods[method][0]
                _, how, guard, weak = at.value.split("|", 4)[:4]
            if (at.path, at.line) not in judged:
                judged.add((at.path, at.line))
                _judge(ctx, at, name, how.split("@", 1)[0], guard, weak, project=True)
        # Methods of the project's objects handed over as tools (``Tool(func=self.db.execute_query)``):
        # every parameter is the model's.
        for ref in sorted(r for r in referenced if r.startswith("~method.")):
            method = ref[len("~method."):]
            if len(methods.get(method, ())) == 1:
                at = methods[method][0]
                _, how, guard, weak, reaching = (at.value.split("|", 4) + [""])[:5]
                if reaching and (at.path, at.line) not in judged:
                    judged.add((at.path, at.line))
                    _judge(ctx, at, method, how, guard, weak, project=True)
        # Tools that call a method of a project class with their arguments where it builds SQL.
        for target, calls in sorted(callers.items()):
            method = target[len("~method."):] if target.startswith("~method.") else ""
            if not method or len(methods.get(method, ())) != 1:
                continue  # two classes define it: which one runs is not known
            at = methods[method][0]
            _, how, guard, weak, reaching = (at.value.split("|", 4) + [""])[:5]
            params = [item.rsplit(":", 1) for item in filter(None, reaching.split(","))]
            for tool, positions, keywords in sorted(calls):
                if (at.path, at.line) not in judged and any(index in positions or param in keywords
                                                            for param, index in params):
                    judged.add((at.path, at.line))
                    _judge(ctx, at, tool, how, guard, weak, project=True, via=method)
                    break
        sql_facts = sorted(ctx.facts("func-sql", roles=roles), key=lambda f: int(f.value.split("|", 6)[5]))
        by_qual = {}
        for fact in sql_facts:
            by_qual.setdefault(fact.value.split("|", 1)[0], fact)  # the best place of each function
        chosen: set[tuple[str, str]] = set()  # (function, caller) pairs already judged at one place
        for fact in sql_facts:
            qual, name, how, guard, reaching, rank, weak = fact.value.split("|", 6)
            for _ in range(3):  # ``safe_sql_executor(sql)`` -> ``run_query(sql)`` in another module: where it runs
                deeper = by_qual.get(how.split(">", 1)[1]) if ">" in how else None
                if deeper is None:
                    how = how.split(">", 1)[0]
                    break
                _, _, how, guard, _, _, deeper_weak = deeper.value.split("|", 6)
                weak, fact = weak or deeper_weak, deeper
            if "@" in how:  # handed whole to a project method: judged where that method runs it
                how, method = how.split("@", 1)
                if len(methods.get(method, ())) == 1:
                    target = methods[method][0]
                    _, how, guard, weak = target.value.split("|", 4)[:4]
                    fact = target
            if (fact.path, fact.line) in judged:
                continue  # one finding per place the statement is built or run
            if qual in referenced:
                if rank == "0":  # a registered tool: every parameter is the model's, judged at its best place
                    judged.add((fact.path, fact.line))
                    _judge(ctx, fact, name, how, guard, weak, project=True)
                continue
            params = [item.rsplit(":", 1) for item in filter(None, reaching.split(","))]
            for tool, positions, keywords in sorted(callers.get(qual, ())):
                if (qual, tool) not in chosen and any(index in positions or param in keywords for param, index in params):
                    chosen.add((qual, tool))
                    judged.add((fact.path, fact.line))
                    _judge(ctx, fact, tool, how, guard, weak, project=True, via=name)
                    break

    def visit_Call(self, node: ast.Call, ctx) -> None:
        """Prebuilt tools, toolkits and query engines that run whatever SQL the model writes."""
        hit = _sdk.lookup_qualname(ctx, node.func, frameworks.tables().sql_tools) or _vendored_copy(node, ctx)
        if hit is None:
            return
        qn, spec = hit
        if spec.get("given_by") and _sdk.keyword_value(node, spec["given_by"]) is not None:
            return  # handed a toolkit built elsewhere: that construction is the one judged
        name = qn.removesuffix(".from_llm").rsplit(".", 1)[-1]
        mode = spec["default"]
        if spec["kw"]:
            head, *rest = spec["kw"].split(".")
            value = _sdk.keyword_value(node, head)
            if value is not None:
                value = _sdk.setting_at(value, rest, ctx, node)
                value = _sdk.resolve_node(value, ctx, node) if isinstance(value, ast.expr) else None
                said = value.value if isinstance(value, ast.Constant) else value.attr if isinstance(value, ast.Attribute) else None
                if said is None:
                    return  # chosen at run time: nothing to judge
                mode = "reads" if str(said) in spec["reads"] else "writes" if str(said) in spec["writes"] else mode
        guard = _read_only_guard(ctx)
        picked = _picked_tools(node, ctx)
        if picked is not None:  # the code takes tools out of the toolkit by name and calls them itself
            runs = [call for tool_name, call in picked if "query" in tool_name and "checker" not in tool_name]
            if not runs:
                return  # only the read-only helpers (list tables, schema) are used
            node = runs[0]
        language = spec.get("language", "SQL")
        if mode == "reads" or guard:
            ctx.credit(node, f"`{name}` runs model-written {language} read-only ({guard or 'the library refuses writes'})")
        else:
            ctx.report(node, f"`{name}` lets the model run any {language} it writes on this database ({spec['framework']}), "
                             "with nothing limiting it to reads")


def _vendored_copy(node: ast.Call, ctx) -> tuple[str, dict] | None:
    """``from app.common.arangodb import ArangoGraphQAChain``: a copy of a library's graph QA chain
    that the project keeps in its own tree (often beside the scanned folder), under the library's
    class name. Names this specific (``...GraphQAChain``) are not reused for anything else."""
    parts = (ctx.qualname(node.func) or "").split(".")
    tail = ".".join(parts[-2:]) if parts[-1] == "from_llm" else parts[-1]
    if len(parts) < 2 or not tail.split(".")[0].endswith("QAChain"):
        return None
    for site, spec in frameworks.tables().sql_tools.items():
        if site.endswith("." + tail) and spec.get("language", "SQL") != "SQL":
            return site, spec
    return None


def _picked_tools(node: ast.Call, ctx) -> list[tuple[str, ast.AST]] | None:
    """``toolkit.get_tools()`` filtered by name (``next(t for t in tools if t.name == "sql_db_query")``)
    in the function that builds the toolkit: (tool name, where the picked tool is called, else the
    pick) for each tool taken; None when the tools are not picked by name (handed to an agent)."""
    func = ctx.enclosing(node, ast.FunctionDef, ast.AsyncFunctionDef)
    if func is None:
        return None
    picks = []
    for assign in (n for n in walk(func) if isinstance(n, ast.Assign) and len(n.targets) == 1
                   and isinstance(n.targets[0], ast.Name)):
        names = [c.comparators[0].value for c in walk(assign.value) if isinstance(c, ast.Compare)
                 and isinstance(c.left, ast.Attribute) and c.left.attr == "name" and len(c.comparators) == 1
                 and isinstance(c.comparators[0], ast.Constant) and isinstance(c.comparators[0].value, str)]
        if len(names) == 1:
            var = assign.targets[0].id
            call = next((c for c in walk(func) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                         and isinstance(c.func.value, ast.Name) and c.func.value.id == var
                         and c.func.attr in ("invoke", "ainvoke", "run", "arun", "_run")), assign)
            picks.append((names[0], call))
    if not picks:
        return None
    handed = any(isinstance(n, ast.keyword) and n.arg == "tools" for n in walk(func))
    return None if handed else picks


def _judge(ctx, at, name: str, how: str, guard: str, weak: str, project: bool = False, via: str = "") -> None:
    """Report (or credit) one SQL sink; file and project contexts take (at, message) in turn.
    ``via``: the helper of another module through which the tool reaches the sink."""
    through = f" (through `{via}()`)" if via else ""
    if name.startswith("answer:"):  # a pipeline running what a model answered, no tool involved
        who, built, written = name[len("answer:"):] + through, "pastes a model's answer into SQL text", "SQL a model wrote"
    else:
        who, built, written = f"tool `{name}`{through}", "runs SQL assembled from its arguments", "SQL the model wrote"
    if how == "built":
        message = f"{who} {built}"
    elif guard:
        ctx.credit(at, f"{who} runs {written}, limited by {guard}")
        return
    else:
        message = f"{who} runs {written}, on a connection that can change data{weak}"
    if project:
        ctx.report(message, at, subject=f"{at.path}:{at.line}")
    else:
        ctx.report(at, message)


_PLACEHOLDERS = {"?", "%s", "%d", "%(", "$"}


def _placeholder_list(expr: ast.AST) -> bool:
    """``", ".join(["?"] * len(ids))``, ``",".join("%s" for _ in ids)``: bound-parameter markers, as
    many as there are values. The values' count shapes the text; the values never enter it."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "join"
            and len(expr.args) == 1):
        return False
    arg = expr.args[0]
    if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
        marker = arg.elt
    elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mult):
        marker = arg.left if isinstance(arg.left, (ast.List, ast.Constant)) else arg.right
        marker = marker.elts[0] if isinstance(marker, ast.List) and len(marker.elts) == 1 else marker
    else:
        return False
    return isinstance(marker, ast.Constant) and isinstance(marker.value, str) and marker.value.strip(" ,()") in _PLACEHOLDERS


# Calls that make a value safe to paste as an identifier (``sanitize_identifier(table)``,
# psycopg ``sql.Identifier``, ``quote_ident``): what they return is not the model's text any more.
_SANITISER = re.compile(r"saniti[sz]e|quote_?ident|escape_?ident|(?:^|_)identifier$|validate_?ident", re.I)


def _sanitised(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and bool(_SANITISER.search(
        value.func.attr if isinstance(value.func, ast.Attribute) else getattr(value.func, "id", "")))


def _allow_listed(func: ast.AST) -> set[str]:
    """Names held to a fixed list before use: ``if level.upper() not in VALID_LEVELS: raise ...``."""
    held = set()
    for node in walk(func):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 \
                and isinstance(node.test.ops[0], ast.NotIn) and any(isinstance(n, (ast.Raise, ast.Return)) for n in node.body):
            subject = node.test.left
            while isinstance(subject, ast.Call) and isinstance(subject.func, ast.Attribute):
                subject = subject.func.value  # ``level.upper().strip()``
            if isinstance(subject, ast.Name):
                held.add(subject.id)
    return held


def _uses_outside_placeholders(expr: ast.AST, names: set[str]) -> bool:
    """``names`` used in ``expr`` other than to count bound-parameter markers."""
    if _placeholder_list(expr):
        return False
    if isinstance(expr, ast.Name):
        return expr.id in names
    return any(_uses_outside_placeholders(child, names) for child in ast.iter_child_nodes(expr))


def _state_key(arg: ast.expr, state: str, ctx, at: ast.AST) -> str:
    """The state key ``arg`` reads whole: ``state["sql"]``, ``state.get("sql")``, ``state.sql``, or a
    name assigned from one of them."""
    if isinstance(arg, ast.Name) and arg.id != state:
        arg = _sdk.resolve_node(arg, ctx, at) or arg
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name) and arg.value.id == state \
            and isinstance(arg.slice, ast.Constant) and isinstance(arg.slice.value, str):
        return arg.slice.value
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "get" \
            and isinstance(arg.func.value, ast.Name) and arg.func.value.id == state and arg.args \
            and isinstance(arg.args[0], ast.Constant) and isinstance(arg.args[0].value, str):
        return arg.args[0].value
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == state:
        return arg.attr
    return ""


def _sql_sinks(func: ast.AST, tainted: set[str], ctx, functions: dict, depth: int = 0):
    """(call, "built" | "raw") for each SQL call in ``func`` whose text comes from ``tainted`` names:
    assembled from them (f-string, ``+``, ``%``, ``.format``) or handed over whole. Calls to
    functions of the same file pass the taint on to the parameters they fill (one level)."""
    built: dict[str, ast.AST] = {}  # local names holding SQL text assembled from the arguments -> where
    raw = set()  # local names holding an argument as it came (``sql = query.strip()``)
    # ``sql: Optional[str] = params.get("sql")`` binds as surely as ``sql = params.get("sql")``
    assigns = [a if isinstance(a, ast.Assign) else ast.Assign(targets=[a.target], value=a.value, lineno=a.lineno)
               for a in walk(func) if isinstance(a, ast.Assign) or isinstance(a, ast.AnnAssign) and a.value is not None]
    markers = {t.id for a in assigns if _placeholder_list(a.value) for t in a.targets if isinstance(t, ast.Name)}
    tainted = tainted - {m for m in markers if all(_placeholder_list(a.value) for a in assigns
                                                   if any(isinstance(t, ast.Name) and t.id == m for t in a.targets))}
    held = _allow_listed(func)
    # names every assignment of which is a sanitiser's result (``table = sanitize_identifier(name)``)
    held |= {t.id for a in assigns if _sanitised(a.value) for t in a.targets if isinstance(t, ast.Name)
             and all(_sanitised(b.value) for b in assigns if any(isinstance(u, ast.Name) and u.id == t.id for u in b.targets))}
    tainted = tainted - held
    assigns = [a for a in assigns if not _sanitised(a.value)
               and not all(isinstance(t, ast.Name) and t.id in held for t in a.targets)]
    for _ in range(3):  # names computed from names computed from the arguments
        for assign in assigns:
            if _uses_outside_placeholders(assign.value, tainted | raw):
                for target in (t.id for t in assign.targets if isinstance(t, ast.Name)):
                    if _built_text(assign.value):
                        built.setdefault(target, assign.value)
                    else:
                        raw.add(target)
    raw -= built.keys()
    tainted = tainted | raw
    for node in walk(func):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        arg = node.args[0]
        warehouse = _warehouse_query(node, name, ctx)  # its query() takes only SQL, whatever the argument is called
        if name == "rpc" and (statement := _sql_rpc_argument(node)) is not None:
            arg, warehouse = statement, True
        fetch = name in ASYNC_FETCH and _looks_like_sql(arg, ctx, node)  # asyncpg ``conn.fetch(query)``
        if name in SQL_METHODS or warehouse or fetch or SQL_HELPER.search(name) and depth == 0:
            if isinstance(arg, ast.Call) and arg.args and getattr(arg.func, "id", getattr(arg.func, "attr", "")) == "text":
                arg = arg.args[0]  # sqlalchemy text(...)
            if isinstance(arg, ast.BinOp) and not _built_text(arg):  # ``sql + " LIMIT 100"``: the query as written
                while isinstance(arg, ast.BinOp):
                    arg = arg.left
            if _built_text(arg) and _uses_outside_placeholders(arg, tainted):
                yield node, "built"
            elif isinstance(arg, ast.Name) and arg.id in built:
                yield built[arg.id], "built"  # where the text is assembled, as bandit's B608 points
            elif isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id in tainted \
                    and _SQL_NAME.search(arg.attr):
                yield node, "raw"  # a field of the tool's input model: ``conn.fetch(params.query)``
            elif isinstance(arg, ast.Name) and arg.id in tainted | raw and (warehouse or _sql_param(arg.id, name)) \
                    and (name not in ("text", "raw") or (ctx.qualname(node.func) or "").startswith("sqlalchemy")):
                # ``ddgs.text(query)`` is a web search, ``sqlalchemy.text(query)`` is SQL; a project
                # method named for SQL (``db.execute_sql(sql)``) is followed in the project pass
                helper = name not in SQL_METHODS and isinstance(node.func, ast.Attribute) and SQL_HELPER.search(name)
                yield node, f"raw@{name}" if helper else "raw"
        elif depth == 0 and isinstance(node.func, ast.Name) and node.func.id in functions:
            target = functions[node.func.id]
            params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
            passed = {params[i] for i, a in enumerate(node.args) if i < len(params) and _tools.uses_any(a, tainted)}
            passed |= {kw.arg for kw in node.keywords if kw.arg in params and _tools.uses_any(kw.value, tainted)}
            if passed and target is not func:
                for inner, how in _sql_sinks(target, passed, ctx, functions, depth + 1):
                    yield node, how


def _sql_rpc_argument(call: ast.Call) -> ast.expr | None:
    """Supabase ``client.rpc("execute_sql", {"p_query": query})``: a database function the project
    wrote to run whatever statement it is handed (supabase-py has no raw SQL call, so agents add
    one); the statement is the parameter value."""
    if len(call.args) < 2 or not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                                  and SQL_HELPER.search(call.args[0].value)) or not isinstance(call.args[1], ast.Dict):
        return None
    values = list(call.args[1].values)
    named = [v for k, v in zip(call.args[1].keys, values) if isinstance(k, ast.Constant) and _SQL_NAME.search(str(k.value))]
    return (named or values or [None])[0]


# asyncpg's query methods; ``fetch`` is a common name, so the argument must read as SQL.
ASYNC_FETCH = {"fetch", "fetchrow", "fetchval"}
_SQL_START = re.compile(r"^\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\b", re.I)


def _looks_like_sql(arg: ast.expr, ctx, at: ast.AST) -> bool:
    """A query argument: named for SQL (``query``, ``sql``), or text that starts like a statement."""
    if isinstance(arg, ast.Name):
        return bool(_SQL_NAME.search(arg.id))
    if isinstance(arg, ast.Attribute):
        return bool(_SQL_NAME.search(arg.attr))
    head = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else \
        "".join(v.value for v in arg.values if isinstance(v, ast.Constant)) if isinstance(arg, ast.JoinedStr) else ""
    return bool(_SQL_START.match(head))


def _sql_param(name: str, method: str) -> bool:
    """A whole argument handed to ``execute`` is model-written SQL when the call can only take SQL
    (``executescript``, ``read_sql``) or the argument is named for it (``query``, ``sql``)."""
    return method in ("executescript", "read_sql", "read_sql_query", "exec_driver_sql") or bool(_SQL_NAME.search(name))


def _warehouse_query(node: ast.Call, name: str, ctx) -> bool:
    """``client.query(sql)`` on a client built from a SQL-running library (BigQuery, DuckDB ...)."""
    if name not in WAREHOUSE_METHODS or not isinstance(node.func, ast.Attribute):
        return False
    receiver = node.func.value
    if isinstance(receiver, ast.Name):  # any assignment of the name (``client = bigquery.Client()`` in a try)
        return any(qn.startswith(WAREHOUSE_CLIENTS) for qn in _sdk.constructed_by(ctx).get(receiver.id, ()))
    if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) and receiver.value.id == "self":
        return any(qn.startswith(WAREHOUSE_CLIENTS) for qn in _sdk.constructed_by(ctx).get("self." + receiver.attr, ()))
    if isinstance(receiver, ast.Call):
        receiver = receiver.func
    return (ctx.qualname(receiver) or "").startswith(WAREHOUSE_CLIENTS)



def _read_only_guard(ctx) -> str:
    """Evidence in the file that the database refuses writes, or that statements are parsed and
    held to an allow-list before they run. A keyword deny-list is not one (see ``_weak``)."""
    return ctx.memo("sql-read-only", lambda: next((label for pattern, label in _READ_ONLY if pattern.search(ctx.text)), ""))


_WRITE_WORDS = {"insert", "update", "delete", "drop"}


def _write_keyword_denylist(ctx) -> str:
    """``re.search(r"(?i)(update|delete|drop|insert|...)", sql)`` or a literal set of the write
    keywords that ``any(word in sql.upper() ...)`` tests. A prompt that asks the model not to
    write ("never use INSERT, UPDATE ...") is neither: it is prose, not an alternation or a list."""
    if ctx.tree is None or not all(w in ctx.lower_text for w in _WRITE_WORDS):
        return ""
    for call in ctx.calls():
        if (ctx.qualname(call.func) or "") in ("re.search", "re.match", "re.findall", "re.compile", "re.fullmatch") \
                and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            words = {w.lower() for w in re.findall(r"[A-Za-z]+", call.args[0].value)}
            if "|" in call.args[0].value and _WRITE_WORDS <= words:
                return _DENYLIST_NOTE
    for node in ctx.nodes_of(ast.List, ast.Tuple, ast.Set):
        words = [e.value.strip().lower() for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(node.elts) and _WRITE_WORDS <= set(words) and all(w.isalpha() for w in words):
            return _DENYLIST_NOTE
    return ""


_DENYLIST_NOTE = (" (a deny-list of write keywords is not a read-only guard: statements it does not name, such as "
                  "COPY ... TO PROGRAM, GRANT or SELECT INTO, still change the database)")


def _weak(func: ast.AST, ctx) -> str:
    """Checks that look like guards and are not, said in the message."""
    return _weak_check(func) or _write_keyword_denylist(ctx)


def _weak_check(func: ast.AST) -> str:
    for node in walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith" \
                and any(isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.strip().upper().startswith("SELECT")
                        for a in node.args):
            return ' (a `startswith("SELECT")` check does not stop a second, stacked statement)'
    return ""
