"""Load → audit → publish on real DuckDB files, with hand-made extractions (no spaCy)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from builders import TEXT, empty_events, extraction_of, stage_article, table_counts
from entente.extract import extraction_tables
from entente.ingest.frames import article_frame
from entente.sources.article import Article
from entente import stages
from entente.settings import Settings
from entente.warehouse import DuckDBFileWarehouse, WarehouseBusy, schema_of
from entente.warehouse.audit import FRAMES, scope_audit
from entente.warehouse.migrate import migrate

# Tests of the audit's rules or of the file backend's own mechanics run on the DuckDB file only;
# the rest run on both backends (tests/warehouse/conftest.py).
FILE_ONLY = pytest.mark.parametrize("settings", ["duckdb"], indirect=True)


def test_migrations_apply_once_and_views_resolve(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    schema = schema_of(Settings())
    assert migrate(con, schema)  # first time: applies
    assert migrate(con, schema) == []  # second time: nothing new
    views = {p.stem for p in schema.view_files()}
    assert {"cooperation_events", "cooperation_dyads_monthly", "cooperation_dyads_yearly",
            "country_cooperation_yearly", "event_provenance"} <= views
    for view in views:
        con.execute(f"SELECT * FROM {view}").fetchall()


def test_the_event_categories_seed_table_is_the_data_file(tmp_path):
    settings = Settings()
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con, schema_of(settings))
    rows = con.execute("SELECT category, quad_class, cameo FROM event_categories "
                       "ORDER BY category").fetchall()
    lines = settings.event_categories.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == len(lines) == 20
    assert ("AGREE", 1, "030") in rows and ("FIGHT", 4, "190") in rows


def test_publish_loads_validates_and_builds_dyads(settings, warehouse):
    stage_article(warehouse)
    result = stages.publish(settings, warehouse)
    assert result.published
    assert table_counts(warehouse) == {"articles": 1, "entity_mentions": 2, "timexes": 1,
                                       "events": 1, "event_participants": 2, "actors": 2}
    with warehouse.reader() as con:
        dyads = con.execute("SELECT period, country_a, country_b, events, articles "
                            "FROM cooperation_dyads_yearly").fetchall()
        provenance = con.execute("SELECT title, sentence FROM event_provenance").fetchone()
        runs = con.execute("SELECT count(*), bool_and(success) FROM quality_runs").fetchone()
    assert dyads == [(2010, "RUS", "USA", 1, 1)]
    assert provenance[0] == "New START signed" and provenance[1].startswith("On April 8, 2010")
    assert runs == (len(FRAMES), True)
    assert warehouse.staging.pending_batches() == []  # published batches leave staging


def test_publish_says_where_its_time_went(settings, warehouse, caplog):
    stage_article(warehouse)
    with caplog.at_level("INFO", logger="entente.warehouse.publish"):
        result = stages.publish(settings, warehouse)
    assert list(result.seconds) == ["load", "derived", "audit", "record", "publish"]
    assert all(value >= 0 for value in result.seconds.values())
    assert sum(result.seconds.values()) > 0
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("publish ")]
    assert logged == [f"publish {result.run_id}: " + ", ".join(
        f"{step} {value:.2f} s" for step, value in result.seconds.items())]


@FILE_ONLY
def test_a_participant_of_no_loaded_event_blocks_the_load(settings, warehouse):
    # The audit validates the rows the load inserted: a participant row whose event the
    # extraction does not have (a broken extractor) is caught, not filtered away.
    article = Article(source="test", title="Orphan", text=TEXT)
    rows = extraction_of(article, TEXT, "AGREE", 1, None, "2010-04-08")
    rows["event_participants"].append({**rows["event_participants"][0], "event_id": "e-none"})
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables(rows))
    with pytest.raises(stages.PublicationBlocked, match="_event_exists"):
        stages.publish(settings, warehouse)


def test_loading_the_same_article_again_adds_nothing(settings, warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    before = table_counts(warehouse)
    stage_article(warehouse)  # a retried task stages the same article again
    stages.publish(settings, warehouse)
    assert table_counts(warehouse) == before


def test_failed_audit_publishes_nothing_and_names_the_expectation(settings, warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    before = table_counts(warehouse)
    other = TEXT.replace("Prague", "Geneva")
    _, batch_id = stage_article(warehouse, text=other, end=10_000)  # offsets past the text
    with pytest.raises(stages.PublicationBlocked) as blocked:
        stages.publish(settings, warehouse)
    assert "_offsets_ok" in str(blocked.value)
    assert table_counts(warehouse) == before
    assert warehouse.staging.pending_batches() == [batch_id]  # kept for a fixed rerun
    with warehouse.reader() as con:
        failed = con.execute("SELECT suite, details FROM quality_runs WHERE NOT success").fetchall()
    assert [suite for suite, _ in failed] == ["events"]
    details = json.loads(failed[0][1])
    assert any("_offsets_ok" in f["expectation"] and f["sample_rows"] for f in details)


@FILE_ONLY
@pytest.mark.parametrize("event_type, quad_class, expectation", [
    ("FIGHT", 1, "_quad_matches_type"),          # a category's quad class comes from the seed
    ("ALLY", 1, "_category_known"),              # not a category at all
])
def test_an_event_must_have_a_known_category_and_its_quad_class(settings, warehouse, event_type,
                                                                quad_class, expectation):
    stage_article(warehouse, event_type=event_type, quad_class=quad_class)
    with pytest.raises(stages.PublicationBlocked, match=expectation):
        stages.publish(settings, warehouse)


@FILE_ONLY
def test_event_years_outside_the_plausible_range_block_the_load(settings, warehouse):
    stage_article(warehouse, event_date="1850-01-01")
    with pytest.raises(stages.PublicationBlocked, match="_event_year"):
        stages.publish(settings, warehouse)


READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
sys.stdin.readline()                      # the writer publishes meanwhile
print(con.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
con.close()
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
"""


@FILE_ONLY
def test_reader_in_another_process_sees_old_then_new_state_without_lock_errors(settings,
                                                                              warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse.path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    stage_article(warehouse, text=TEXT.replace("Prague", "Vienna"))
    stages.publish(settings, warehouse)  # must not fail on the reader's open connection
    reader.stdin.write("\n")
    reader.stdin.flush()
    out, _ = reader.communicate(timeout=60)
    assert out.split() == ["1", "2"]  # old snapshot while open, new one after reconnecting
    assert reader.returncode == 0


@FILE_ONLY
def test_second_writer_waits_then_gives_up_with_a_clear_message(settings, warehouse):
    impatient = DuckDBFileWarehouse(warehouse.path, schema_of(settings), lock_timeout=1)
    with warehouse.writer_lock():
        start = time.monotonic()
        with pytest.raises(WarehouseBusy, match="another Entente process"):
            with impatient.writer_lock():
                pass
        assert time.monotonic() - start >= 1


def test_reports_of_one_event_in_several_articles_count_once(settings, warehouse):
    stage_article(warehouse)
    stage_article(warehouse, text=TEXT.replace("Prague", "the Czech capital"))
    stage_article(warehouse, text=TEXT.replace("Both", "Later both"), event_date="2010-04-10")
    stage_article(warehouse, text=TEXT.replace("Both", "Years later both"),
                  event_date="2011-02-05")  # a later event between the same pair
    stages.publish(settings, warehouse)
    with warehouse.reader() as con:
        yearly = con.execute("SELECT period, events, reports, articles "
                             "FROM cooperation_dyads_yearly ORDER BY period").fetchall()
        clusters = con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()
    assert yearly == [(2010, 1, 3, 3), (2011, 1, 1, 1)]
    assert clusters == [(2,)]


def test_re_extraction_waits_while_a_publish_may_be_reading_the_batch(warehouse):
    """Two runs extracting the same batch: the second may not swap the folder under a load."""
    _, batch_id = stage_article(warehouse)
    folder = warehouse.staging.extracted_dir(batch_id)
    first = sorted(p.name for p in folder.iterdir())
    tables = {"events": empty_events()}
    with warehouse.writer_lock():                    # a publish is loading
        writer = threading.Thread(target=warehouse.staging.write_extracted,
                                  args=(batch_id, tables))
        writer.start()
        writer.join(timeout=2)
        assert writer.is_alive()
        assert sorted(p.name for p in folder.iterdir()) == first
    writer.join(timeout=60)
    assert sorted(p.name for p in folder.iterdir()) == ["events.parquet"]
    assert not list(folder.parent.glob(".*.partial"))


@FILE_ONLY
def test_a_late_extraction_of_a_published_batch_is_swept_not_loaded_again(settings, warehouse):
    _, batch_id = stage_article(warehouse)
    stages.publish(settings, warehouse)
    warehouse.staging.write_extracted(batch_id, {"events": empty_events()})
    assert warehouse.staging.extracted_dir(batch_id).exists()     # a slow extractor's copy
    stage_article(warehouse, text=TEXT.replace("Prague", "Geneva"))
    stages.publish(settings, warehouse)
    assert not warehouse.staging.extracted_dir(batch_id).exists()
    assert table_counts(warehouse)["articles"] == 2


def stage_event(warehouse, text, event_type, doers, targets, multilateral):
    """One article with one event of the given sides, staged as extract would write it."""
    from builders import extraction_of
    from entente.extract import extraction_tables
    from entente.ingest.frames import article_frame
    from entente.sources.article import Article

    article = Article(source="test", title=text[:30], text=text)
    rows = extraction_of(article, text, event_type, 1, None, "2010-04-08")
    event = rows["events"][0]["event_id"]
    rows["events"][0].update(is_multilateral=multilateral, location_text="Vienna",
                             location_country="AUT", latitude=48.2, longitude=16.37)
    rows["event_participants"] = [
        {"event_id": event, "role": role, "actor_id": code, "country_code": code, "code": code,
         "text": code} for role, codes in (("actor", doers), ("recipient", targets))
        for code in codes]
    rows["actors"] += [{"actor_id": code, "name": code, "actor_type": "country",
                        "country_code": code, "code": code} for code in doers + targets]
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables(rows))


def test_dyads_pair_opposite_sides_and_count_multilateral_events_apart(settings, warehouse):
    stage_event(warehouse, TEXT.replace("Prague", "Vienna. Three states praised Iran."),
                "SUPPORT", ["GBR", "FRA", "DEU"], ["IRN"], True)
    stage_event(warehouse, TEXT.replace("Prague", "Vienna. Two states praised Iran."),
                "SUPPORT", ["GBR", "FRA"], ["IRN"], False)
    stages.publish(settings, warehouse)
    with warehouse.reader() as con:
        pairs = con.execute("SELECT country_a, country_b, is_multilateral FROM event_dyads "
                            "ORDER BY ALL").fetchall()
        yearly = con.execute("SELECT country_a, country_b, events, multilateral_events "
                             "FROM cooperation_dyads_yearly ORDER BY ALL").fetchall()
        located = con.execute("SELECT DISTINCT location_country, latitude FROM dyad_evidence"
                              ).fetchall()
    assert pairs == [("DEU", "IRN", True), ("FRA", "IRN", False), ("FRA", "IRN", True),
                     ("GBR", "IRN", False), ("GBR", "IRN", True)]      # none among the doers
    assert yearly == [("DEU", "IRN", 0, 1), ("FRA", "IRN", 1, 1), ("GBR", "IRN", 1, 1)]
    assert located == [("AUT", 48.2)]


def test_a_countrys_top_partner_among_tied_partners_is_the_first_by_code(settings, warehouse):
    for target, place in (("IRN", "Tehran"), ("CHN", "Beijing"), ("FRA", "Paris")):
        stage_event(warehouse, TEXT.replace("Prague", f"{place}. Britain praised them."),
                    "SUPPORT", ["GBR"], [target], False)
    stage_event(warehouse, TEXT.replace("Prague", "Beijing. Iran praised China."),
                "SUPPORT", ["IRN"], ["CHN"], False)
    stages.publish(settings, warehouse)
    with warehouse.reader() as con:
        top = con.execute("SELECT country_code, partners, top_partner "
                          "FROM country_cooperation_yearly ORDER BY country_code").fetchall()
    assert top == [("CHN", 2, "GBR"),            # GBR and IRN, one event each
                   ("FRA", 1, "GBR"), ("GBR", 3, "CHN"), ("IRN", 2, "CHN")]


@FILE_ONLY
def test_the_audit_frames_hold_the_rows_of_the_load_only(settings, warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    article, _ = stage_article(warehouse, text=TEXT.replace("Prague", "Geneva"))
    stages.publish(settings, warehouse)
    con = duckdb.connect(str(settings.warehouse))
    scope_audit(con, [article.article_id], settings.sql_dir)
    frames = {name: con.execute(FRAMES[name]).df()
              for name in ("articles", "events", "event_participants")}
    assert {name: len(frame) for name, frame in frames.items()} == \
        {"articles": 1, "events": 1, "event_participants": 2}
    assert frames["events"]["_key_count"].tolist() == [1]
    assert frames["event_participants"]["_event_exists"].all()
