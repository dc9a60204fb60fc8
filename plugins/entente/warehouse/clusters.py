"""Cross-article event clustering, recomputed over the whole warehouse at every publish, and
the derived rows that depend on it."""
from __future__ import annotations

from pathlib import Path

import duckdb


def assign_clusters(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Set events.cluster_id from sql/derived/event_clusters.sql, then rebuild the stored dyad
    rows (which carry the cluster_id); returns the cluster count."""
    query = (sql_dir / "derived" / "event_clusters.sql").read_text(encoding="utf-8")
    con.execute(f"CREATE OR REPLACE TEMP TABLE assigned_clusters AS {query}")
    con.execute("""
        UPDATE events SET cluster_id = coalesce(assigned.cluster_id, events.event_id)
        FROM (SELECT e.event_id, a.cluster_id
              FROM events e LEFT JOIN assigned_clusters a USING (event_id)) AS assigned
        WHERE events.event_id = assigned.event_id
          AND events.cluster_id IS DISTINCT FROM coalesce(assigned.cluster_id, events.event_id)""")
    refresh_event_dyads(con, sql_dir)
    return con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()[0][0]


def refresh_event_dyads(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    """Rebuild event_dyad_rows (the rows of the event_dyads view) from
    sql/derived/event_dyads.sql, inside the caller's transaction."""
    query = (sql_dir / "derived" / "event_dyads.sql").read_text(encoding="utf-8")
    con.execute("DELETE FROM event_dyad_rows")
    con.execute(f"INSERT INTO event_dyad_rows BY NAME {query}")
