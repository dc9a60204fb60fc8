"""Cross-article event clustering, recomputed over the whole warehouse at every publish."""
from __future__ import annotations

import duckdb

from entente import config


def assign_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Set events.cluster_id from sql/derived/event_clusters.sql; returns the cluster count."""
    query = (config.SQL_DIR / "derived" / "event_clusters.sql").read_text(encoding="utf-8")
    con.execute(f"CREATE OR REPLACE TEMP TABLE assigned_clusters AS {query}")
    con.execute("""
        UPDATE events SET cluster_id = coalesce(assigned.cluster_id, events.event_id)
        FROM (SELECT e.event_id, a.cluster_id
              FROM events e LEFT JOIN assigned_clusters a USING (event_id)) AS assigned
        WHERE events.event_id = assigned.event_id
          AND events.cluster_id IS DISTINCT FROM coalesce(assigned.cluster_id, events.event_id)""")
    return con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()[0][0]
