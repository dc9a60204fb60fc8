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

SCOPED_TABLES = ("events", "event_participants", "event_dyad_rows", "articles")
# What region_copies keeps of an event and of an article: the columns the derived queries
# (sql/derived/event_dyads.sql, counted_events.sql) and report_status read, no texts.
REGION_EVENT_COLUMNS = ("event_id, cluster_id, article_id, event_type, quad_class, intensity, "
                        "context, modality, event_date, date_precision, is_multilateral")
REGION_ARTICLE_COLUMNS = "article_id, source, published_at"


def scoped(con: duckdb.DuckDBPyConnection, query: str, scope: str, sql_dir: Path,
           sources: dict[str, str] | None = None) -> str:
    """`query` over the events listed in the temp table `scope` (column event_id) only: CTEs
    named events, event_participants, event_dyad_rows, articles and report_status shadow the
    tables and the view. `sources`: table → a temp table holding (at least) the scope's rows
    of it (`region_copies`), read instead of the table."""
    db = '"' + con.execute("SELECT current_database()").fetchone()[0].replace('"', '""') + '"'
    source = {table: f"{db}.main.{table}" for table in SCOPED_TABLES} | (sources or {})
    in_scope = f"event_id IN (SELECT event_id FROM {scope})"
    return (f"WITH events AS (SELECT * FROM {source['events']} WHERE {in_scope}), "
            f"event_participants AS (SELECT * FROM {source['event_participants']} "
            f"WHERE {in_scope}), "
            f"event_dyad_rows AS (SELECT * FROM {source['event_dyad_rows']} WHERE {in_scope}), "
            f"articles AS (SELECT * FROM {source['articles']} WHERE article_id IN "
            f"(SELECT article_id FROM events)), "
            f"{_report_status(sql_dir)}\n"
            f"SELECT * FROM (\n{query}\n)")


def region_copies(con: duckdb.DuckDBPyConnection, region: str) -> dict[str, str]:
    """Temp copies of the rows of the events listed in `region`: their events, participants
    and articles (the columns REGION_EVENT_COLUMNS, REGION_ARTICLE_COLUMNS). Each query that
    reads a table of millions of rows pays about 0.1 s per million rows and table even for a
    few columns, so several derived queries over one region read the tables once, here. A
    derived query that needs a column left out fails ("column not found"), never silently.
    Returns the `sources` for `scoped`."""
    in_region = f"event_id IN (SELECT event_id FROM {region})"
    con.execute("CREATE OR REPLACE TEMP TABLE region_events AS "
                f"SELECT {REGION_EVENT_COLUMNS} FROM events WHERE {in_region}")
    con.execute("CREATE OR REPLACE TEMP TABLE region_event_participants AS "
                f"SELECT * FROM event_participants WHERE {in_region}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE region_articles AS "
                f"SELECT {REGION_ARTICLE_COLUMNS} FROM articles "
                "WHERE article_id IN (SELECT article_id FROM region_events)")
    return {"events": "region_events", "event_participants": "region_event_participants",
            "articles": "region_articles"}


def over_loaded(query: str, sql_dir: Path | None = None) -> str:
    """`query` over the rows the current load inserted (the temp tables loaded_<table> kept
    by entente.warehouse.load), for what depends on the load's own rows only: CTEs named
    events, event_participants and articles (and report_status, given `sql_dir`)."""
    status = f", {_report_status(sql_dir)}" if sql_dir is not None else ""
    return ("WITH events AS (SELECT * FROM loaded_events), "
            "event_participants AS (SELECT * FROM loaded_event_participants), "
            f"articles AS (SELECT * FROM loaded_articles){status}\n"
            f"SELECT * FROM (\n{query}\n)")


def _report_status(sql_dir: Path) -> str:
    """A CTE named report_status holding the view's own text (sql/views/report_status.sql),
    which then reads the CTEs named events and articles before it."""
    text = (sql_dir / "views" / "report_status.sql").read_text(encoding="utf-8")
    return f"report_status AS (\n{text}\n)"
