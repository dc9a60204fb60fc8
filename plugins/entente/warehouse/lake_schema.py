"""Migrations on a DuckLake: the same sql/migrations files, translated where DuckLake differs.

DuckLake keeps tables as Parquet files plus catalog rows, and some DuckDB DDL has no meaning
there: it refuses PRIMARY KEY/UNIQUE constraints, column defaults that are expressions
(`ADD COLUMN ... DEFAULT false`), and type changes other than widening (`DATE` → `VARCHAR`).
Rather than fork the migrations, each CREATE TABLE and ALTER TABLE statement is first applied
to a scratch in-memory DuckDB holding empty copies of the lake's tables; the difference it
makes (new tables, new, dropped or retyped columns, a new column's default) is then applied
to the lake in the forms DuckLake has:

- a new table: its columns and types, without constraints (the audit checks keys anyway);
- a new column with a default: the column, then its existing rows set to the default (what
  DuckDB does for them), new rows name it explicitly;
- a retyped column: the table rewritten with the column cast (DuckLake widens in place only);
- renames, views, data statements: run on the lake as written.
"""
from __future__ import annotations

import re

import duckdb

LAKE = "lake"
# Statements that shape tables: replayed on the scratch database, their effect applied.
_LEADING_COMMENTS = re.compile(r"\A(\s*--[^\n]*\n)*")
_TABLE_DDL = re.compile(r"\s*(CREATE\s+(OR\s+REPLACE\s+)?TABLE|ALTER\s+TABLE)\b", re.I)


def execute_on_lake(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run one migration file's statements on the lake attached as `lake` (see module doc)."""
    scratch = duckdb.connect()
    try:
        _copy_tables(con, scratch)
        for statement in duckdb.extract_statements(sql):
            text = statement.query
            if _TABLE_DDL.match(_LEADING_COMMENTS.sub("", text)) and "RENAME" not in text.upper():
                before = table_columns(scratch, "memory")
                scratch.execute(text)
                apply_difference(con, before, table_columns(scratch, "memory"),
                                 _defaults(scratch))
            else:
                con.execute(text)
                _copy_tables(con, scratch)
    finally:
        scratch.close()


def table_columns(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, dict[str, str]]:
    """table → {column: type}, in column order, of one database's main schema."""
    tables: dict[str, dict[str, str]] = {}
    for table, column, data_type in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = ? AND schema_name = 'main' AND NOT internal "
            "ORDER BY table_name, column_index", [database]).fetchall():
        tables.setdefault(table, {})[column] = data_type
    return tables


def apply_difference(con: duckdb.DuckDBPyConnection, before: dict, after: dict,
                     defaults: dict[tuple[str, str], str]) -> None:
    """Make the lake's tables go from `before` to `after` (see the module docstring)."""
    for table, columns in after.items():
        if table not in before:
            body = ", ".join(f"{_name(c)} {t}" for c, t in columns.items())
            con.execute(f"CREATE TABLE IF NOT EXISTS {_name(table)} ({body})")
            continue
        old = before[table]
        for column, data_type in columns.items():
            if column not in old:
                _add_column(con, table, column, data_type, defaults.get((table, column)))
            elif old[column] != data_type:
                _retype_column(con, table, column, data_type)
        for column in old:
            if column not in columns:
                con.execute(f"ALTER TABLE {_name(table)} DROP COLUMN {_name(column)}")
    for table in before:
        if table not in after:
            con.execute(f"DROP TABLE IF EXISTS {_name(table)}")


def _add_column(con, table: str, column: str, data_type: str, default: str | None) -> None:
    con.execute(f"ALTER TABLE {_name(table)} ADD COLUMN IF NOT EXISTS {_name(column)} "
                f"{data_type}")
    if default is not None:
        con.execute(f"UPDATE {_name(table)} SET {_name(column)} = {default}")


def _retype_column(con, table: str, column: str, data_type: str) -> None:
    rewritten = _name(f"{table}__retyped")
    con.execute(f"CREATE TABLE {rewritten} AS SELECT * REPLACE "
                f"(CAST({_name(column)} AS {data_type}) AS {_name(column)}) FROM {_name(table)}")
    con.execute(f"DROP TABLE {_name(table)}")
    con.execute(f"ALTER TABLE {rewritten} RENAME TO {_name(table)}")


def _copy_tables(lake: duckdb.DuckDBPyConnection, scratch: duckdb.DuckDBPyConnection) -> None:
    """Empty copies of the lake's tables in the scratch database (dropping older copies)."""
    for (table,) in scratch.execute("SELECT table_name FROM duckdb_tables() "
                                    "WHERE database_name = 'memory'").fetchall():
        scratch.execute(f"DROP TABLE {_name(table)}")
    for table, columns in table_columns(lake, LAKE).items():
        body = ", ".join(f"{_name(c)} {t}" for c, t in columns.items())
        scratch.execute(f"CREATE TABLE {_name(table)} ({body})")


def _defaults(scratch: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    return {(table, column): default for table, column, default in scratch.execute(
        "SELECT table_name, column_name, column_default FROM duckdb_columns() "
        "WHERE database_name = 'memory' AND column_default IS NOT NULL").fetchall()}


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
