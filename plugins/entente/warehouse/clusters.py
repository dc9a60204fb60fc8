"""Derived rows: cross-article event clusters (events.cluster_id) and the stored dyad rows
(event_dyad_rows), from sql/derived/event_clusters.sql and sql/derived/event_dyads.sql.

A publish recomputes only what it touches (`DerivedRows`): the clusters of its articles'
events, old and new, and of the events dated near them, and the dyad rows of the events whose
rows or cluster changed. The SQL files stay whole-warehouse queries; an incremental run gives
them `events`, `event_participants` and `articles` restricted to that region (CTEs of the
same names in front of the file's query). The region is made of whole clusters, which is
why the result equals a full recomputation (tests/warehouse/test_derived_rows.py checks it):

- a cluster (an island of one cluster key: same participants, quad class and date precision,
  dates chained by gaps of at most `GAP_DAYS`) changes only if one of its events was
  reloaded, or a new event of its key is dated within `GAP_DAYS` of one of its events;
- so the region is every cluster holding a reloaded event, every cluster with an event of the
  same quad class and date precision within `GAP_DAYS` of a new event (a superset of those of
  the same key), and the new events; an island outside the region keeps its members, and
  its cluster_id (the earliest event_id) is what a full run computes for it.

A full recomputation (`assign_clusters`) runs when the warehouse has no record of the derived
SQL it was computed with, or the files changed since (table derived_versions).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

# The widest date gap event_clusters.sql chains events over (day precision: 3 days; coarser
# precisions need the same date). Raise this with the rule, never lower it; a test runs the
# file and fails when the two differ (test_the_clustering_sql_chains_no_gap_wider_than_gap_days).
GAP_DAYS = 3
DERIVED_FILES = ("event_clusters.sql", "event_dyads.sql")


def assign_clusters(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Set events.cluster_id over the whole warehouse from sql/derived/event_clusters.sql, then
    rebuild every stored dyad row; returns the cluster count."""
    query = _derived_sql(sql_dir, "event_clusters.sql")
    con.execute(f"CREATE OR REPLACE TEMP TABLE assigned_clusters AS {query}")
    con.execute("""
        UPDATE events SET cluster_id = coalesce(assigned.cluster_id, events.event_id)
        FROM (SELECT e.event_id, a.cluster_id
              FROM events e LEFT JOIN assigned_clusters a USING (event_id)) AS assigned
        WHERE events.event_id = assigned.event_id
          AND events.cluster_id IS DISTINCT FROM coalesce(assigned.cluster_id, events.event_id)""")
    refresh_event_dyads(con, sql_dir)
    _record_versions(con, sql_dir)
    return con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()[0][0]


def refresh_event_dyads(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    """Rebuild every row of event_dyad_rows (the rows of the event_dyads view) from
    sql/derived/event_dyads.sql, inside the caller's transaction."""
    con.execute("DELETE FROM event_dyad_rows")
    con.execute(f"INSERT INTO event_dyad_rows BY NAME {_derived_sql(sql_dir, 'event_dyads.sql')}")


class DerivedRows:
    """Keeps clusters and dyad rows current through one publish: `before_load(article_ids)`
    notes the events about to be replaced, `refresh()` after the load recomputes the region."""

    def __init__(self, con: duckdb.DuckDBPyConnection, sql_dir: Path):
        self.con = con
        self.sql_dir = sql_dir

    def before_load(self, article_ids: list[str]) -> None:
        self.con.execute("CREATE OR REPLACE TEMP TABLE derived_articles (article_id VARCHAR)")
        if article_ids:
            self.con.execute("INSERT INTO derived_articles SELECT DISTINCT unnest(?::VARCHAR[])",
                             [article_ids])
        self.con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_old_events AS
            SELECT event_id, cluster_id FROM events
            WHERE article_id IN (SELECT article_id FROM derived_articles)""")

    def refresh(self) -> str:
        """Recompute what the load touched ("incremental"), or everything ("full") when the
        derived SQL changed; returns which."""
        if _stored_versions(self.con) != _file_versions(self.sql_dir):
            assign_clusters(self.con, self.sql_dir)
            return "full"
        self._find_region()
        self._assign_region_clusters()
        self._refresh_region_dyads()
        return "incremental"

    def _find_region(self) -> None:
        con = self.con
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_new_events AS
            SELECT event_id, event_date, quad_class, date_precision FROM events
            WHERE article_id IN (SELECT article_id FROM derived_articles)""")
        # Dates near each new event as equality keys (a hash join, not a range join).
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE derived_near AS
            SELECT DISTINCT quad_class, date_precision, (event_date + shift::INTEGER)::DATE AS event_date
            FROM derived_new_events, range({-GAP_DAYS}, {GAP_DAYS + 1}) AS shifts(shift)
            WHERE event_date IS NOT NULL""")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_region AS
            WITH seeds AS (
                SELECT e.cluster_id FROM events e
                JOIN derived_near n USING (quad_class, date_precision, event_date)
                UNION
                SELECT cluster_id FROM derived_old_events
            )
            SELECT event_id, cluster_id AS old_cluster_id FROM events
            WHERE cluster_id IN (SELECT cluster_id FROM seeds)
               OR event_id IN (SELECT event_id FROM derived_new_events)""")

    def _assign_region_clusters(self) -> None:
        query = scoped(self.con, _derived_sql(self.sql_dir, "event_clusters.sql"),
                       "derived_region")
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE derived_assigned AS {query}")
        self.con.execute("""
            UPDATE events SET cluster_id = assigned.cluster_id
            FROM (SELECT r.event_id, coalesce(a.cluster_id, r.event_id) AS cluster_id
                  FROM derived_region r LEFT JOIN derived_assigned a USING (event_id))
                 AS assigned
            WHERE events.event_id = assigned.event_id
              AND events.cluster_id IS DISTINCT FROM assigned.cluster_id""")

    def _refresh_region_dyads(self) -> None:
        con = self.con
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_dyad_events AS
            SELECT r.event_id FROM derived_region r JOIN events e USING (event_id)
            WHERE e.cluster_id IS DISTINCT FROM r.old_cluster_id
            UNION SELECT event_id FROM derived_old_events
            UNION SELECT event_id FROM derived_new_events""")
        con.execute("DELETE FROM event_dyad_rows "
                    "WHERE event_id IN (SELECT event_id FROM derived_dyad_events)")
        query = scoped(con, _derived_sql(self.sql_dir, "event_dyads.sql"), "derived_dyad_events")
        con.execute(f"INSERT INTO event_dyad_rows BY NAME {query}")


def scoped(con: duckdb.DuckDBPyConnection, query: str, scope: str) -> str:
    """`query` (a whole-warehouse derived query) over the events listed in the temp table
    `scope` only: CTEs named events, event_participants and articles shadow the tables."""
    db = '"' + con.execute("SELECT current_database()").fetchone()[0].replace('"', '""') + '"'
    in_scope = f"event_id IN (SELECT event_id FROM {scope})"
    return (f"WITH events AS (SELECT * FROM {db}.main.events WHERE {in_scope}), "
            f"event_participants AS (SELECT * FROM {db}.main.event_participants "
            f"WHERE {in_scope}), "
            f"articles AS (SELECT * FROM {db}.main.articles WHERE article_id IN "
            f"(SELECT article_id FROM {db}.main.events WHERE {in_scope}))\n"
            f"SELECT * FROM (\n{query}\n)")


def _derived_sql(sql_dir: Path, name: str) -> str:
    return (sql_dir / "derived" / name).read_text(encoding="utf-8")


def _file_versions(sql_dir: Path) -> dict[str, str]:
    return {name: hashlib.sha256(_derived_sql(sql_dir, name).encode()).hexdigest()
            for name in DERIVED_FILES}


def _stored_versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT name, sha256 FROM derived_versions").fetchall())


def _record_versions(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> None:
    """Note which derived SQL the stored rows were computed with (a later change of a file
    makes the next publish recompute everything)."""
    con.execute("DELETE FROM derived_versions")
    con.executemany("INSERT INTO derived_versions VALUES (?, ?, current_timestamp)",
                    [[name, sha] for name, sha in _file_versions(sql_dir).items()])
