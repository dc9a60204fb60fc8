"""Incremental derived rows: after each publish, the clusters, dyad rows, event rows and
participant lists recomputed for what the publish touched equal a full recomputation over the
whole warehouse (both backends)."""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import duckdb

from builders import TEXT, extraction_of
from entente.extract import extraction_tables
from entente.ingest.frames import article_frame
from entente.sources.article import Article
from entente.settings import Settings
from entente.warehouse import DuckLakeWarehouse
from entente.warehouse.clusters import GAP_DAYS, DerivedRows, assign_clusters
from entente.warehouse.load import load_batches, staged_article_ids

CLUSTERS = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
DYADS = "SELECT * FROM event_dyad_rows ORDER BY ALL"
COUNTED = "SELECT * FROM counted_event_rows ORDER BY ALL"
LISTS = "SELECT * FROM event_country_lists ORDER BY ALL"
DERIVED = (CLUSTERS, DYADS, COUNTED, LISTS)


def stage(warehouse, place: str, event_date: str, countries=("USA", "RUS")) -> str:
    """One article (its text names `place`) with one event between `countries` on a date."""
    text = TEXT.replace("Prague", place)
    article = Article(source="test", title=place, text=text)
    rows = extraction_of(article, text, "AGREE", 1, None, event_date)
    event = rows["events"][0]["event_id"]
    rows["event_participants"] = [
        {"event_id": event, "role": "actor", "actor_id": code, "country_code": code,
         "code": code, "text": code} for code in countries]
    rows["actors"] = [{"actor_id": code, "name": code, "actor_type": "country",
                       "country_code": code, "code": code} for code in countries]
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables(rows))
    return event


def publish_and_compare(settings, warehouse) -> tuple[str, list]:
    """Load what is staged with incremental derived rows, then recompute everything in the
    same transaction; returns how the increment ran and the clusters, asserting both agree."""
    staging = warehouse.staging
    batches = staging.pending_batches()

    def build(con):
        con.begin()
        derived = DerivedRows(con, settings.sql_dir)
        derived.before_load(staged_article_ids(con, batches, staging))
        load_batches(con, batches, staging)
        how = derived.refresh()
        incremental = [con.execute(query).fetchall() for query in DERIVED]
        assign_clusters(con, settings.sql_dir)
        full = [con.execute(query).fetchall() for query in DERIVED]
        con.commit()
        assert incremental == full
        return how, incremental[0]

    outcome = warehouse.publish(build)
    for batch_id in batches:
        staging.remove_batch(batch_id)
    return outcome


def test_incremental_clusters_and_dyad_rows_equal_a_full_recomputation(settings, warehouse):
    first = stage(warehouse, "Prague", "2010-04-08")
    second = stage(warehouse, "Geneva", "2010-04-14")            # 6 days later: apart
    other_pair = stage(warehouse, "Vienna", "2010-04-09", ("USA", "CHN"))
    how, clusters = publish_and_compare(settings, warehouse)
    # A new DuckDB file has nothing stored to follow; a new lake's schema commit already
    # computed its (empty) derived rows, so that no commit publishes a derived table empty.
    assert how == ("incremental" if isinstance(warehouse, DuckLakeWarehouse) else "full")
    assert dict(clusters) == {first: first, second: second, other_pair: other_pair}

    bridge = stage(warehouse, "Oslo", "2010-04-11")               # 3 days from both: one cluster
    how, clusters = publish_and_compare(settings, warehouse)
    assert how == "incremental"
    assert dict(clusters) == {first: first, second: first, bridge: first,
                              other_pair: other_pair}

    moved = stage(warehouse, "Oslo", "2010-04-25")                # the same article, re-extracted
    assert moved == bridge
    how, clusters = publish_and_compare(settings, warehouse)
    assert how == "incremental"
    assert dict(clusters) == {first: first, second: second, bridge: bridge,
                              other_pair: other_pair}

    earlier = stage(warehouse, "Rome", "2010-04-06")              # a new first event of a cluster
    how, clusters = publish_and_compare(settings, warehouse)
    assert how == "incremental"                   # cluster ids are the earliest event's
    assert dict(clusters) == {first: earlier, earlier: earlier, second: second, bridge: bridge,
                              other_pair: other_pair}


def test_a_changed_derived_query_recomputes_everything_once(settings, warehouse, tmp_path):
    stage(warehouse, "Prague", "2010-04-08")
    publish_and_compare(settings, warehouse)
    stage(warehouse, "Geneva", "2010-04-09")
    assert publish_and_compare(settings, warehouse)[0] == "incremental"
    changed = tmp_path / "sql"
    shutil.copytree(settings.sql_dir, changed)
    for path in changed.glob("derived/*.sql"):
        path.write_text(path.read_text() + "\n-- a new rule\n")
    stage(warehouse, "Vienna", "2010-04-10")
    staging = warehouse.staging
    batches = staging.pending_batches()

    def build(con):
        con.begin()
        derived = DerivedRows(con, changed)
        derived.before_load(staged_article_ids(con, batches, staging))
        load_batches(con, batches, staging)
        how = derived.refresh()
        again = DerivedRows(con, changed)
        again.before_load([])
        con.commit()
        return how, again.refresh()

    assert warehouse.publish(build) == ("full", "incremental")


def test_the_clustering_sql_chains_no_gap_wider_than_gap_days():
    # DerivedRows looks GAP_DAYS around new events: the rule of event_clusters.sql must chain
    # day-precision events over a gap of GAP_DAYS and not one day more.
    start = date(2010, 4, 8)
    dates = {"a": start, "b": start + timedelta(GAP_DAYS),                  # chained to a
             "c": start + timedelta(2 * GAP_DAYS + 1)}                      # one day too far
    con = duckdb.connect()
    con.execute("CREATE TABLE events (event_id VARCHAR, event_date DATE, quad_class INTEGER, "
                "date_precision VARCHAR, modality VARCHAR)")
    con.execute("CREATE TABLE event_participants (event_id VARCHAR, country_code VARCHAR, "
                "code VARCHAR)")
    for event, day in dates.items():
        con.execute("INSERT INTO events VALUES (?, ?, 1, 'day', 'asserted')", [event, day])
        con.execute("INSERT INTO event_participants VALUES (?, 'USA', 'USA'), (?, 'RUS', 'RUS')",
                    [event, event])
    derived = Settings().sql_dir / "derived"
    keys = dict(con.execute(derived.joinpath("event_cluster_keys.sql").read_text()).fetchall())
    assert set(keys.values()) == {"RUS+USA|1|day"}
    con.execute("ALTER TABLE events ADD COLUMN cluster_key VARCHAR")
    con.executemany("UPDATE events SET cluster_key = ? WHERE event_id = ?",
                    [[key, event] for event, key in keys.items()])
    query = derived.joinpath("event_clusters.sql").read_text(encoding="utf-8")
    assert dict(con.execute(query).fetchall()) == {"a": "a", "b": "a", "c": "c"}
