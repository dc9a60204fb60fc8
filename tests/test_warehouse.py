"""Load → audit → publish on real DuckDB files, with hand-made extractions (no spaCy)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import duckdb
import pytest

from entente import quality, stages, staging
from entente.extract import extraction_tables, EXTRACTOR_VERSION
from entente.sources.article import Article
from entente.warehouse.migrate import migrate, view_files
from entente.warehouse.publish import connect_readonly, writer_lock, WarehouseBusy

TEXT = ("On April 8, 2010, the United States and Russia signed the New START treaty in Prague. "
        "Both sides praised the deal.")


def stage_article(warehouse, text=TEXT, event_type="AGREE", quad_class=1, end=None,
                  event_date="2010-04-08"):
    """Stage one article and an extraction of it as the NLP stage would write it."""
    article = Article(source="test", title="New START signed", text=text,
                      published_at=datetime(2010, 4, 9, tzinfo=timezone.utc))
    batch_id = stages._stage_batch([article], warehouse)
    sentence = text[:text.index(".") + 1]
    event = f"e-{article.article_id}"
    rows = {
        "entity_mentions": [
            {"article_id": article.article_id, "sentence_index": 0, "start_char": 22,
             "end_char": 39, "text": text[22:39], "label": "GPE", "actor_id": "USA"},
            {"article_id": article.article_id, "sentence_index": 0, "start_char": 44,
             "end_char": 50, "text": text[44:50], "label": "GPE", "actor_id": "RUS"}],
        "timexes": [{"article_id": article.article_id, "sentence_index": 0, "start_char": 3,
                     "end_char": 16, "text": text[3:16], "timex_type": "DATE",
                     "value": "2010-04-08", "range_start": "2010-04-08",
                     "range_end": "2010-04-08", "granularity": "day", "anchor": None}],
        "events": [{"event_id": event, "article_id": article.article_id, "sentence_index": 0,
                    "start_char": 0, "end_char": end or len(sentence), "sentence": sentence,
                    "trigger": "signed", "event_type": event_type, "cameo_code": "057",
                    "quad_class": quad_class, "intensity": 6.5, "context": "military",
                    "modality": "asserted", "event_date": event_date,
                    "date_precision": "day", "date_source": "timex", "confidence": 0.9,
                    "extractor_version": EXTRACTOR_VERSION}],
        "event_participants": [
            {"event_id": event, "role": "actor", "actor_id": "USA", "country_code": "USA",
             "code": "USA", "text": "the United States"},
            {"event_id": event, "role": "actor", "actor_id": "RUS", "country_code": "RUS",
             "code": "RUS", "text": "Russia"}],
        "actors": [{"actor_id": "USA", "name": "United States", "actor_type": "country",
                    "country_code": "USA", "code": "USA"},
                   {"actor_id": "RUS", "name": "Russia", "actor_type": "country",
                    "country_code": "RUS", "code": "RUS"}],
    }
    staging.write_extracted(batch_id, extraction_tables(rows), warehouse)
    return article, batch_id


def table_counts(path):
    con = connect_readonly(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entity_mentions", "timexes", "events",
                          "event_participants", "actors")}
    finally:
        con.close()


def test_migrations_apply_once_and_views_resolve(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con)  # first time: applies
    assert migrate(con) == []  # second time: nothing new
    views = {p.stem for p in view_files()}
    assert {"cooperation_events", "cooperation_dyads_monthly", "cooperation_dyads_yearly",
            "country_cooperation_yearly", "event_provenance"} <= views
    for view in views:
        con.execute(f"SELECT * FROM {view}").fetchall()


def test_publish_loads_validates_and_builds_dyads(warehouse):
    stage_article(warehouse)
    result = stages.publish(warehouse=warehouse)
    assert result.published
    assert table_counts(warehouse) == {"articles": 1, "entity_mentions": 2, "timexes": 1,
                                       "events": 1, "event_participants": 2, "actors": 2}
    con = connect_readonly(warehouse)
    dyads = con.execute("SELECT period, country_a, country_b, events, articles "
                        "FROM cooperation_dyads_yearly").fetchall()
    provenance = con.execute("SELECT title, sentence FROM event_provenance").fetchone()
    runs = con.execute("SELECT count(*), bool_and(success) FROM quality_runs").fetchone()
    con.close()
    assert dyads == [(2010, "RUS", "USA", 1, 1)]
    assert provenance[0] == "New START signed" and provenance[1].startswith("On April 8, 2010")
    assert runs == (len(quality.FRAMES), True)
    assert staging.pending_batches(warehouse) == []  # published batches leave staging


def test_loading_the_same_article_again_adds_nothing(warehouse):
    stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    before = table_counts(warehouse)
    stage_article(warehouse)  # a retried task stages the same article again
    stages.publish(warehouse=warehouse)
    assert table_counts(warehouse) == before


def test_failed_audit_publishes_nothing_and_names_the_expectation(warehouse):
    stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    before = table_counts(warehouse)
    other = TEXT.replace("Prague", "Geneva")
    _, batch_id = stage_article(warehouse, text=other, end=10_000)  # offsets past the text
    with pytest.raises(stages.PublicationBlocked) as blocked:
        stages.publish(warehouse=warehouse)
    assert "_offsets_ok" in str(blocked.value)
    assert table_counts(warehouse) == before
    assert staging.pending_batches(warehouse) == [batch_id]  # kept for a fixed rerun
    con = connect_readonly(warehouse)
    failed = con.execute("SELECT suite, details FROM quality_runs WHERE NOT success").fetchall()
    con.close()
    assert [suite for suite, _ in failed] == ["events"]
    details = json.loads(failed[0][1])
    assert any("_offsets_ok" in f["expectation"] and f["sample_rows"] for f in details)


def test_quad_class_must_match_category(warehouse):
    stage_article(warehouse, event_type="FIGHT", quad_class=1)
    with pytest.raises(stages.PublicationBlocked, match="_quad_matches_type"):
        stages.publish(warehouse=warehouse)


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


def test_reader_in_another_process_sees_old_then_new_state_without_lock_errors(warehouse):
    stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    stage_article(warehouse, text=TEXT.replace("Prague", "Vienna"))
    stages.publish(warehouse=warehouse)  # must not fail on the reader's open connection
    reader.stdin.write("\n")
    reader.stdin.flush()
    out, _ = reader.communicate(timeout=60)
    assert out.split() == ["1", "2"]  # old snapshot while open, new one after reconnecting
    assert reader.returncode == 0


def test_second_writer_waits_then_gives_up_with_a_clear_message(warehouse):
    with writer_lock(warehouse):
        start = time.monotonic()
        with pytest.raises(WarehouseBusy, match="another Entente process"):
            with writer_lock(warehouse, timeout=1):
                pass
        assert time.monotonic() - start >= 1


def test_reports_of_one_event_in_several_articles_count_once(warehouse):
    stage_article(warehouse)
    stage_article(warehouse, text=TEXT.replace("Prague", "the Czech capital"))
    stage_article(warehouse, text=TEXT.replace("Both", "Later both"), event_date="2010-04-10")
    stage_article(warehouse, text=TEXT.replace("Both", "Years later both"),
                  event_date="2011-02-05")  # a later event between the same pair
    stages.publish(warehouse=warehouse)
    con = connect_readonly(warehouse)
    yearly = con.execute("SELECT period, events, reports, articles FROM cooperation_dyads_yearly "
                         "ORDER BY period").fetchall()
    clusters = con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchall()
    con.close()
    assert yearly == [(2010, 1, 3, 3), (2011, 1, 1, 1)]
    assert clusters == [(2,)]


def test_re_extraction_waits_while_a_publish_may_be_reading_the_batch(warehouse):
    """Two runs extracting the same batch: the second may not swap the folder under a load."""
    _, batch_id = stage_article(warehouse)
    folder = staging.extracted_dir(batch_id, warehouse)
    first = sorted(p.name for p in folder.iterdir())
    tables = {"events": staging_events_only()}
    with writer_lock(warehouse):                    # a publish is loading
        writer = threading.Thread(target=staging.write_extracted,
                                  args=(batch_id, tables, warehouse))
        writer.start()
        writer.join(timeout=2)
        assert writer.is_alive()
        assert sorted(p.name for p in folder.iterdir()) == first
    writer.join(timeout=60)
    assert sorted(p.name for p in folder.iterdir()) == ["events.parquet"]
    assert not list(folder.parent.glob(".*.partial"))


def test_a_late_extraction_of_a_published_batch_is_swept_not_loaded_again(warehouse):
    _, batch_id = stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    staging.write_extracted(batch_id, {"events": staging_events_only()}, warehouse)
    assert staging.extracted_dir(batch_id, warehouse).exists()     # a slow extractor's copy
    stage_article(warehouse, text=TEXT.replace("Prague", "Geneva"))
    stages.publish(warehouse=warehouse)
    assert not staging.extracted_dir(batch_id, warehouse).exists()
    assert table_counts(warehouse)["articles"] == 2


def staging_events_only():
    return extraction_tables({k: [] for k in ("entity_mentions", "timexes", "events",
                                    "event_participants", "actors")})["events"]
