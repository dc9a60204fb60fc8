"""Whole-warehouse queries run over a few events: what keeps a publish's cost from growing
with the warehouse.

The derived SQL files and the views are written over the whole warehouse, as an analyst reads
them. A publish needs their rows for the events it touched only; `scoped` puts CTEs named
like the tables in front of such a query, each holding the rows of the events listed in a
temp table, so the file's own text runs unchanged over that region. `report_status` is a
view, which would still read every event and article: it is scoped by inlining its file
(sql/views/report_status.sql, the one definition of what counts) over the scoped tables.
"""
from __future__ import annotations

from pathlib import Path

import duckdb


def scoped(con: duckdb.DuckDBPyConnection, query: str, scope: str, sql_dir: Path) -> str:
    """`query` over the events listed in the temp table `scope` (column event_id) only: CTEs
    named events, event_participants, event_dyad_rows, articles and report_status shadow the
    tables and the view."""
    db = '"' + con.execute("SELECT current_database()").fetchone()[0].replace('"', '""') + '"'
    in_scope = f"event_id IN (SELECT event_id FROM {scope})"
    report_status = (sql_dir / "views" / "report_status.sql").read_text(encoding="utf-8")
    return (f"WITH events AS (SELECT * FROM {db}.main.events WHERE {in_scope}), "
            f"event_participants AS (SELECT * FROM {db}.main.event_participants "
            f"WHERE {in_scope}), "
            f"event_dyad_rows AS (SELECT * FROM {db}.main.event_dyad_rows WHERE {in_scope}), "
            f"articles AS (SELECT * FROM {db}.main.articles WHERE article_id IN "
            f"(SELECT article_id FROM events)), "
            f"report_status AS (\n{report_status}\n)\n"
            f"SELECT * FROM (\n{query}\n)")


def over_loaded(query: str, sql_dir: Path | None = None) -> str:
    """`query` over the rows the current load inserted (the temp tables loaded_<table> kept
    by entente.warehouse.load), for what depends on the load's own rows only: CTEs named
    events, event_participants and articles (and report_status, given `sql_dir`)."""
    status = ""
    if sql_dir is not None:
        report_status = (sql_dir / "views" / "report_status.sql").read_text(encoding="utf-8")
        status = f", report_status AS (\n{report_status}\n)"
    return ("WITH events AS (SELECT * FROM loaded_events), "
            "event_participants AS (SELECT * FROM loaded_event_participants), "
            f"articles AS (SELECT * FROM loaded_articles){status}\n"
            f"SELECT * FROM (\n{query}\n)")
