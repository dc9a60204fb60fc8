"""Derived rows: cross-article event clusters (events.cluster_id), the stored dyad rows
(event_dyad_rows), event rows (counted_event_rows) and participant lists (event_country_lists),
from sql/derived/event_clusters.sql, event_dyads.sql, counted_events.sql and
event_countries.sql.

A publish recomputes only what it touches (`DerivedRows`): the clusters of its articles'
events, old and new, and of the events dated near them; the dyad rows of the events whose
rows or cluster changed; the event rows of every cluster such an event left or joined; the
participant lists of the events it loaded. The
SQL files stay whole-warehouse queries; an incremental run gives them `events`,
`event_participants`, `event_dyad_rows`, `articles` and `report_status` restricted to that
region (`entente.warehouse.scope.scoped`). The region is made of whole clusters, which is
why the result equals a full recomputation (tests/warehouse/test_derived_rows.py checks it):

- a cluster (an island of one cluster key: same participants, quad class and date precision,
  dates chained by gaps of at most `GAP_DAYS`) changes only if one of its events was
  reloaded, or a new event of its key is dated within `GAP_DAYS` of one of its events;
- so the region is every cluster holding a reloaded event, every cluster with an event of the
  same key within `GAP_DAYS` of a new event (the keys are stored, events.cluster_key, so this
  is an equality join on key and date: the region stays the size of the batch, not of the
  warehouse), and the new events; an island outside the region keeps its members, and
  its cluster_id (the earliest event_id) is what a full run computes for it.

A full recomputation (`assign_clusters`) runs when the warehouse has no record of the derived
SQL it was computed with, or the files changed since (table derived_versions).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from entente.warehouse.scope import over_loaded, region_copies, scoped

# The widest date gap event_clusters.sql chains events over (day precision: 3 days; coarser
# precisions need the same date). Raise this with the rule, never lower it; a test runs the
# file and fails when the two differ (test_the_clustering_sql_chains_no_gap_wider_than_gap_days).
GAP_DAYS = 3
DERIVED_FILES = ("event_cluster_keys.sql", "event_clusters.sql", "event_dyads.sql",
                 "counted_events.sql", "event_countries.sql")
# Stored derived tables and the file whose rows they hold (after the clusters).
STORED_ROWS = (("event_dyad_rows", "event_dyads.sql"),
               ("counted_event_rows", "counted_events.sql"),
               ("event_country_lists", "event_countries.sql"))


def assign_clusters(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> int:
    """Set events.cluster_id over the whole warehouse from sql/derived/event_clusters.sql, then
    rebuild every stored dyad and event row; returns the cluster count."""
    _assign_cluster_keys(con, _derived_sql(sql_dir, "event_cluster_keys.sql"))
    query = _derived_sql(sql_dir, "event_clusters.sql")
    con.execute(f"CREATE OR REPLACE TEMP TABLE assigned_clusters AS {query}")
    con.execute("""
        UPDATE events SET cluster_id = coalesce(assigned.cluster_id, events.event_id)
        FROM (SELECT e.event_id, a.cluster_id
              FROM events e LEFT JOIN assigned_clusters a USING (event_id)) AS assigned
        WHERE events.event_id = assigned.event_id
          AND events.cluster_id IS DISTINCT FROM coalesce(assigned.cluster_id, events.event_id)""")
    for table, name in STORED_ROWS:         # in this order: the event rows read the dyad rows
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} BY NAME {_derived_sql(sql_dir, name)}")
    _record_versions(con, sql_dir)
    return con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()[0][0]


def _assign_cluster_keys(con: duckdb.DuckDBPyConnection, keys_query: str) -> None:
    """Set every event's cluster_key from the key query (NULL for the events it leaves out:
    not clusterable)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE derived_keys AS {keys_query}")
    con.execute("""
        UPDATE events SET cluster_key = keyed.cluster_key
        FROM (SELECT e.event_id, k.cluster_key FROM events e
              LEFT JOIN derived_keys k USING (event_id)) AS keyed
        WHERE events.event_id = keyed.event_id
          AND events.cluster_key IS DISTINCT FROM keyed.cluster_key""")


class DerivedRows:
    """Keeps the derived rows current through one publish: `before_load(article_ids)` notes
    the events about to be replaced, `refresh()` after the load (entente.warehouse.load, whose
    temp tables loaded_<table> hold the rows it inserted) recomputes the region."""

    def __init__(self, con: duckdb.DuckDBPyConnection, sql_dir: Path):
        self.con = con
        self.sql_dir = sql_dir

    def before_load(self, article_ids: list[str]) -> None:
        self.con.execute("CREATE OR REPLACE TEMP TABLE derived_articles (article_id VARCHAR)")
        if article_ids:
            self.con.execute("INSERT INTO derived_articles SELECT DISTINCT unnest(?::VARCHAR[])",
                             [article_ids])
        # The events a reload replaces; none when no article is known yet (the usual case),
        # which a look at `articles` tells for less than reading `events`.
        known = self.con.execute("SELECT count(*) FROM articles WHERE article_id IN "
                                 "(SELECT article_id FROM derived_articles)").fetchone()[0]
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE derived_old_events AS
            SELECT event_id, cluster_id FROM events
            WHERE {'true' if known else 'false'}
              AND article_id IN (SELECT article_id FROM derived_articles)""")

    def refresh(self) -> str:
        """Recompute what the load touched ("incremental"), or everything ("full") when the
        derived SQL changed; returns which."""
        if derived_sql_changed(self.con, self.sql_dir):
            assign_clusters(self.con, self.sql_dir)
            return "full"
        self._key_new_events()
        self._find_region()
        self._assign_region_clusters()
        sources = region_copies(self.con, "derived_reassigned")
        self._refresh_region_dyads(sources)         # adds the region's dyad rows to sources
        self._refresh_region_counted_events(sources)
        self._refresh_event_country_lists()
        return "incremental"

    def _key_new_events(self) -> None:
        """The loaded events (derived_new_events) and their cluster keys (derived_keys),
        computed over the rows the load kept (no scan of the warehouse); stored with the
        clusters, in one UPDATE."""
        con = self.con
        con.execute("CREATE OR REPLACE TEMP TABLE derived_new_events AS "
                    "SELECT DISTINCT event_id FROM loaded_events")
        keys = over_loaded(_derived_sql(self.sql_dir, "event_cluster_keys.sql"))
        con.execute(f"CREATE OR REPLACE TEMP TABLE derived_keys AS {keys}")

    def _find_region(self) -> None:
        con = self.con
        # Dates near each new event, by key, as equality keys (a hash join, not a range join).
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE derived_near AS
            SELECT DISTINCT k.cluster_key, (e.event_date + shift::INTEGER)::DATE AS event_date
            FROM derived_keys k JOIN loaded_events e USING (event_id),
                 range({-GAP_DAYS}, {GAP_DAYS + 1}) AS shifts(shift)""")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_region AS
            WITH seeds AS (
                SELECT e.cluster_id FROM events e
                JOIN derived_near n USING (cluster_key, event_date)
                UNION
                SELECT cluster_id FROM derived_old_events
            )
            SELECT event_id, cluster_id AS old_cluster_id, event_date, cluster_key FROM events
            WHERE cluster_id IN (SELECT cluster_id FROM seeds)
               OR event_id IN (SELECT event_id FROM derived_new_events)""")

    def _assign_region_clusters(self) -> None:
        # The clustering reads the region's dates and keys (the new events' keys are not
        # stored yet), which derived_region already holds: no read of the events table.
        query = ("WITH events AS (SELECT r.event_id, r.event_date, "
                 "coalesce(k.cluster_key, r.cluster_key) AS cluster_key "
                 "FROM derived_region r LEFT JOIN derived_keys k USING (event_id))\n"
                 f"SELECT * FROM (\n{_derived_sql(self.sql_dir, 'event_clusters.sql')}\n)")
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE derived_assigned AS {query}")
        # Each region event's cluster before and after, and a new event's key: what the rest
        # of the refresh reads instead of the events table.
        self.con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_reassigned AS
            SELECT r.event_id, r.old_cluster_id,
                   coalesce(a.cluster_id, r.event_id) AS cluster_id, k.cluster_key AS new_key
            FROM derived_region r LEFT JOIN derived_assigned a USING (event_id)
            LEFT JOIN derived_keys k USING (event_id)""")
        # The new events' keys and every changed cluster_id in one UPDATE: on a DuckLake an
        # UPDATE reads the table and rewrites the rows it changes.
        self.con.execute("""
            UPDATE events SET cluster_id = assigned.cluster_id,
                              cluster_key = coalesce(assigned.new_key, events.cluster_key)
            FROM derived_reassigned AS assigned
            WHERE events.event_id = assigned.event_id
              AND (events.cluster_id IS DISTINCT FROM assigned.cluster_id
                   OR assigned.new_key IS NOT NULL)""")

    def _refresh_region_dyads(self, sources: dict[str, str]) -> None:
        """The dyad rows of every region event, from copies of the region's rows (the event
        rows read them too); the stored rows change for the events whose rows or cluster
        changed (an unchanged event's rows come out as stored)."""
        con = self.con
        query = scoped(con, _derived_sql(self.sql_dir, "event_dyads.sql"), "derived_reassigned",
                       self.sql_dir, sources)
        con.execute(f"CREATE OR REPLACE TEMP TABLE region_dyad_rows AS {query}")
        sources["event_dyad_rows"] = "region_dyad_rows"
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_dyad_events AS
            SELECT event_id FROM derived_reassigned
            WHERE cluster_id IS DISTINCT FROM old_cluster_id
            UNION SELECT event_id FROM derived_old_events
            UNION SELECT event_id FROM derived_new_events""")
        con.execute("DELETE FROM event_dyad_rows "
                    "WHERE event_id IN (SELECT event_id FROM derived_dyad_events)")
        con.execute("INSERT INTO event_dyad_rows BY NAME SELECT * FROM region_dyad_rows "
                    "WHERE event_id IN (SELECT event_id FROM derived_dyad_events)")

    def _refresh_event_country_lists(self) -> None:
        """An event's lists depend on its own participants only: the loaded events'."""
        con = self.con
        # The new events have no rows yet (just loaded): only replaced events have some.
        if con.execute("SELECT count(*) FROM derived_old_events").fetchone()[0]:
            con.execute("DELETE FROM event_country_lists WHERE event_id IN "
                        "(SELECT event_id FROM derived_old_events)")
        query = over_loaded(_derived_sql(self.sql_dir, "event_countries.sql"))
        con.execute(f"INSERT INTO event_country_lists BY NAME {query}")

    def _refresh_region_counted_events(self, sources: dict[str, str]) -> None:
        """An event row depends on its cluster's members and their dyad rows: recompute the
        rows of every cluster an event of the region, or a replaced event, was or is in. The
        region holds whole clusters, so the events now in those clusters are its events."""
        con = self.con
        con.execute("""
            CREATE OR REPLACE TEMP TABLE derived_touched_clusters AS
            SELECT old_cluster_id AS cluster_id FROM derived_reassigned
            WHERE old_cluster_id IS NOT NULL
            UNION SELECT cluster_id FROM derived_old_events WHERE cluster_id IS NOT NULL
            UNION SELECT cluster_id FROM derived_reassigned""")
        con.execute("DELETE FROM counted_event_rows "
                    "WHERE cluster_id IN (SELECT cluster_id FROM derived_touched_clusters)")
        query = scoped(con, _derived_sql(self.sql_dir, "counted_events.sql"),
                       "derived_reassigned", self.sql_dir, sources)
        con.execute(f"INSERT INTO counted_event_rows BY NAME {query}")


def derived_sql_changed(con: duckdb.DuckDBPyConnection, sql_dir: Path) -> bool:
    """Whether the stored derived rows were computed with other sql/derived files than these
    (or never): then only a full recomputation makes them right."""
    return _stored_versions(con) != _file_versions(sql_dir)


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
