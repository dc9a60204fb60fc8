"""Hand-made staged articles and extractions, as ingest and the NLP stage would write them,
for tests of the warehouse, the reports and the CLI that need no spaCy."""
from __future__ import annotations

from datetime import datetime, timezone

from entente import EXTRACTOR_VERSION
from entente.extract import extraction_tables
from entente.ingest.frames import article_frame
from entente.sources.article import Article

TEXT = ("On April 8, 2010, the United States and Russia signed the New START treaty in Prague. "
        "Both sides praised the deal.")
TABLES = ("entity_mentions", "timexes", "events", "event_participants", "actors")


def stage_article(warehouse, text=TEXT, event_type="AGREE", quad_class=1, end=None,
                  event_date="2010-04-08"):
    """Stage one article and an extraction of it as the NLP stage would write it."""
    article = Article(source="test", title="New START signed", text=text,
                      published_at=datetime(2010, 4, 9, tzinfo=timezone.utc))
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables(
        extraction_of(article, text, event_type, quad_class, end, event_date)))
    return article, batch_id


def extraction_of(article, text, event_type, quad_class, end, event_date) -> dict:
    sentence = text[:text.index(".") + 1]
    event = f"e-{article.article_id}"
    return {
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


def empty_events():
    return extraction_tables({k: [] for k in TABLES})["events"]


def table_counts(warehouse) -> dict[str, int]:
    with warehouse.reader() as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entity_mentions", "timexes", "events",
                          "event_participants", "actors")}
