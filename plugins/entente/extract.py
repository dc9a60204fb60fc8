"""Extract stage: one batch of staged articles → entity, timex, event and participant tables."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from entente import __version__, config, staging
from entente.nlp import serialize

EXTRACTOR_VERSION = f"entente-{__version__}"

MENTION_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "label",
                   "actor_id"]
TIMEX_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "timex_type",
                 "value", "range_start", "range_end", "granularity", "anchor"]
EVENT_COLUMNS = ["event_id", "article_id", "sentence_index", "start_char", "end_char", "sentence",
                 "trigger", "event_type", "cameo_code", "quad_class", "intensity", "context",
                 "modality", "event_date", "date_precision", "date_source", "confidence",
                 "extractor_version"]
PARTICIPANT_COLUMNS = ["event_id", "role", "actor_id", "country_code", "code", "text"]
ACTOR_COLUMNS = ["actor_id", "name", "actor_type", "country_code", "code"]


def event_id(article_id: str, event: dict) -> str:
    """Stable across reruns: the same sentence, trigger and category give the same id."""
    key = f"{article_id}|{event['sentence_index']}|{event.get('trigger_start')}|{event['type']}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def extract_batch(batch_id: str, warehouse: Path | None = None, nlp=None,
                  processes: int | None = None) -> dict[str, int]:
    """Run the NLP pipeline over one staged batch; returns row counts per table."""
    from entente.nlp.pipeline import shared_nlp

    articles = pd.read_parquet(staging.articles_file(batch_id, warehouse))
    nlp = nlp or shared_nlp()
    tables = extract_articles(articles, nlp, processes or config.nlp_processes())
    staging.write_extracted(batch_id, tables, warehouse)
    return {name: len(frame) for name, frame in tables.items()}


def extract_articles(articles: pd.DataFrame, nlp, processes: int = 1) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {"entity_mentions": [], "timexes": [], "events": [],
                                   "event_participants": [], "actors": []}
    english = articles[articles["language"].fillna("en") == "en"]
    docs = []
    for article in english.itertuples():
        doc = nlp.make_doc(article.text)
        doc._.dct = str(article.anchor_date)
        docs.append(doc)
    dated = english["published_at"].notna()
    for article_id, has_date, doc in zip(english["article_id"], dated,
                                         nlp.pipe(docs, batch_size=32, n_process=processes)):
        _collect_rows(article_id, doc, rows, has_date)
    return _frames(rows)


def _collect_rows(article_id: str, doc, rows: dict[str, list[dict]], has_date: bool) -> None:
    for ent, record in zip(doc.ents, serialize.entity_records(doc)):
        rows["entity_mentions"].append({
            "article_id": article_id, "sentence_index": record["sentence_index"],
            "start_char": record["start"], "end_char": record["end"], "text": record["text"],
            "label": record["label"], "actor_id": record["actor_id"]})
        if ent._.actor:
            rows["actors"].append(dict(ent._.actor))
    for timex in serialize.timex_records(doc):
        rows["timexes"].append({
            "article_id": article_id, "sentence_index": timex.get("sentence_index"),
            "start_char": timex["start"], "end_char": timex["end"], "text": timex["text"],
            "timex_type": timex["type"], "value": timex["value"],
            "range_start": timex.get("range_start"), "range_end": timex.get("range_end"),
            "granularity": timex.get("granularity"), "anchor": timex.get("anchor")})
    for event in serialize.event_records(doc):
        if event.get("date_source") == "publication" and not has_date:
            # The anchor of an undated article is its fetch date: no evidence of when the
            # event happened, so the event stays undated rather than dated "today".
            event = {**event, "date": None, "date_precision": None, "date_source": None}
        _collect_event(article_id, event, rows)


def _collect_event(article_id: str, event: dict, rows: dict[str, list[dict]]) -> None:
    identifier = event_id(article_id, event)
    rows["events"].append({
        "event_id": identifier, "article_id": article_id,
        "sentence_index": event["sentence_index"], "start_char": event["start"],
        "end_char": event["end"], "sentence": event["sentence"], "trigger": event.get("trigger"),
        "event_type": event["type"], "cameo_code": event.get("cameo"),
        "quad_class": event["quad_class"], "intensity": event.get("intensity"),
        "context": event.get("context"), "modality": event.get("modality"),
        "event_date": event.get("date"), "date_precision": event.get("date_precision"),
        "date_source": event.get("date_source"), "confidence": event.get("confidence"),
        "extractor_version": EXTRACTOR_VERSION})
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for participant in event.get(key, []):
            rows["event_participants"].append({
                "event_id": identifier, "role": role, "actor_id": participant.get("actor_id"),
                "country_code": participant.get("country"), "code": participant.get("code"),
                "text": participant.get("text")})


def _frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    columns = {"entity_mentions": MENTION_COLUMNS, "timexes": TIMEX_COLUMNS,
               "events": EVENT_COLUMNS, "event_participants": PARTICIPANT_COLUMNS,
               "actors": ACTOR_COLUMNS}
    frames = {name: pd.DataFrame(rows[name], columns=columns[name]) for name in columns}
    frames["actors"] = frames["actors"].drop_duplicates("actor_id")
    # Two events from one sentence with the same trigger and category are one event.
    frames["events"] = frames["events"].drop_duplicates("event_id")
    frames["event_participants"] = frames["event_participants"].drop_duplicates()
    for name, frame in frames.items():  # empty object columns would stage as NULL-typed
        frames[name] = frame.astype({c: "string" for c in frame.columns
                                     if frame[c].dtype == object})
    return frames
