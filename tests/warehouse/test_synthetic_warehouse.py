"""The synthetic warehouse of scripts/bench_views.py (the analyst query benchmark) at a small
size: it must pass our own Great Expectations audit and give rows in every view, so the
generator cannot drift from the schema unnoticed. No timing here (see docs/performance.md)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from entente.settings import Settings
from entente.warehouse import open_warehouse
from entente.warehouse.audit import audit
from entente.warehouse.migrate import view_files

PROJECT = Path(__file__).resolve().parents[2]
EVENTS = 5000


def reader(path: Path):
    return open_warehouse(Settings(warehouse=str(path))).reader()


def _bench_views():
    """scripts/bench_views.py as a module (registered: it defines dataclasses)."""
    if "bench_views" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_views",
                                                      PROJECT / "scripts" / "bench_views.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_views"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_views"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("bench_views") / "warehouse.duckdb"
    info = _bench_views().generate(path, events=EVENTS, seed=11)
    return path, info


def test_generator_makes_the_requested_shape(synthetic):
    path, info = synthetic
    rows = info["rows"]
    assert rows["events"] == EVENTS
    assert EVENTS / 7 <= rows["articles"] <= EVENTS / 2          # 1-7 events per article
    assert 2 * EVENTS <= rows["event_participants"] <= 4 * EVENTS
    assert 0 < rows["article_duplicates"] < rows["articles"] / 10
    assert info["countries"] >= 249 and info["organisations"] > 100
    with reader(path) as con:
        quads = dict(con.execute("SELECT quad_class, count(*) FROM events GROUP BY ALL").fetchall())
        modalities = {m for (m,) in con.execute("SELECT DISTINCT modality FROM events").fetchall()}
        years = con.execute("SELECT min(year(event_date)), max(year(event_date)) "
                            "FROM events").fetchall()[0]
        top = con.execute("SELECT country_code FROM event_participants WHERE country_code "
                          "IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchall()
        multi = con.execute("SELECT count(*) FROM events WHERE cluster_id <> event_id").fetchall()
    assert set(quads) == {1, 2, 3, 4}
    assert modalities == {"asserted", "planned", "negated", "hypothetical"}
    assert years[0] >= 1990 and years[1] <= 2026
    assert top == [("USA",)]                  # skewed popularity: top dyads exist
    assert multi[0][0] > 0                    # syndicated copies cluster with their original


def test_generator_is_reproducible(synthetic, tmp_path):
    path, _ = synthetic
    again = tmp_path / "again.duckdb"
    _bench_views().generate(again, events=EVENTS, seed=11)
    digest = ("SELECT count(*), sum(hash(event_id, cluster_id, sentence, event_date)) "
              "FROM events")
    with reader(path) as first, reader(again) as second:
        assert first.execute(digest).fetchall() == second.execute(digest).fetchall()


def test_synthetic_warehouse_passes_our_audit(synthetic, tmp_path):
    import duckdb

    path, _ = synthetic
    copy = tmp_path / "audited.duckdb"
    copy.write_bytes(path.read_bytes())
    con = duckdb.connect(str(copy))
    try:
        article_ids = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]
        outcome = audit(con, article_ids, Settings().expectations_dir, tmp_path / "quality",
                        Settings().sql_dir)
    finally:
        con.close()
    assert outcome.success, outcome.failure_message()
    assert {r.suite for r in outcome.results} >= {"articles", "events", "event_participants",
                                                  "entity_mentions", "timexes", "actors",
                                                  "article_duplicates"}


def test_every_view_returns_rows_and_every_timed_query_runs(synthetic):
    bench_views = _bench_views()
    path, _ = synthetic
    views = view_files(Settings().sql_dir)
    with reader(path) as con:
        for view in views:
            count = con.execute(f"SELECT count(*) FROM {view.stem}").fetchall()[0][0]
            assert count > 0, view.stem
    queries = bench_views.analyst_queries(path)
    assert {q.view for q in queries} == {v.stem for v in views}
    for query in queries:
        result = bench_views.time_query(path, query, runs=1)
        assert result["rows"] > 0, (query.view, query.sql)
