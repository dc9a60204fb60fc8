"""Articles → the rows of the extraction tables (entity mentions, timexes, events, participants,
actors), screened so that every row the audit will see is sound, plus the quarantine rows of what
could not be extracted."""
from __future__ import annotations

import hashlib
import logging
from collections import Counter

import pandas as pd

from entente import EXTRACTOR_VERSION
from entente.nlp import serialize
from entente.nlp.timex.timex3 import TIMEX3_TYPES, valid_value
from entente.settings import EVENT_YEARS
from entente.sources.rejects import QUARANTINE_COLUMNS, QuarantineRecord, sample_of

log = logging.getLogger(__name__)

MENTION_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "label",
                   "actor_id"]
TIMEX_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "timex_type",
                 "value", "range_start", "range_end", "granularity", "anchor"]
EVENT_COLUMNS = ["event_id", "article_id", "sentence_index", "start_char", "end_char", "sentence",
                 "trigger", "event_type", "cameo_code", "quad_class", "intensity", "context",
                 "modality", "event_date", "date_precision", "date_source", "confidence",
                 "extractor_version", "location_text", "location_country", "latitude",
                 "longitude", "is_multilateral"]
PARTICIPANT_COLUMNS = ["event_id", "role", "actor_id", "country_code", "code", "text"]
ACTOR_COLUMNS = ["actor_id", "name", "actor_type", "country_code", "code"]


def event_id(article_id: str, event: dict, by_doer: bool = False) -> str:
    """Stable across reruns: the same sentence, trigger and category give the same id; with
    `by_doer`, the doers' countries too (one trigger coded as each doer's own act:
    nlp/events/rules.separate_doers)."""
    key = f"{article_id}|{event['sentence_index']}|{event.get('trigger_start')}|{event['type']}"
    if by_doer:
        key += "|" + ",".join(sorted({p.get("country") or "" for p in event.get("actors", [])}))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _act_key(event: dict) -> tuple:
    return event["sentence_index"], event.get("trigger_start"), event["type"]


def extract_articles(articles: pd.DataFrame, nlp, processes: int = 1) -> dict[str, pd.DataFrame]:
    """Extraction tables for a batch, plus a `quarantine` table of what could not be extracted."""
    return extraction_tables(extraction_rows(articles, nlp, processes))


def extraction_rows(articles: pd.DataFrame, nlp, processes: int = 1) -> dict[str, list[dict]]:
    """The rows of every extraction table for some articles (see `extract_articles`).

    One bad article never costs the batch: if the pipeline raises, the batch is redone one
    article at a time and the failing article is stored without extraction (quarantined with
    the error). Rows that break a rule the audit enforces (offsets outside the text, an event
    date outside 1900..2100) are dropped or repaired here, recorded, and never block a load.
    """
    rows = empty_rows()
    english = articles[articles["language"].fillna("en") == "en"]
    todo = []
    for article in english.itertuples():
        if len(article.text) > nlp.max_length:
            rows["quarantine"].append(_quarantine_row(
                article, "too_long", f"{len(article.text):,} characters is over the pipeline's "
                f"max_length ({nlp.max_length:,}); stored without extraction", "not_extracted"))
            continue
        todo.append(article)
    try:
        collected = []
        for article, doc in zip(todo, nlp.pipe((_make_doc(nlp, a) for a in todo), batch_size=32,
                                               n_process=processes)):
            collected.append(_article_rows(article, doc))
    except Exception as exc:  # find the article(s) at fault; the others are extracted
        log.warning("extract: pipeline failed on the batch (%s: %s); retrying article by "
                    "article", type(exc).__name__, exc)
        collected = [_extract_one(nlp, article) for article in todo]
    for article_rows in collected:
        merge_rows(rows, article_rows)
    return rows


def merge_rows(into: dict[str, list[dict]], rows: dict[str, list[dict]]) -> None:
    for name, values in rows.items():
        into[name].extend(values)


def empty_rows() -> dict[str, list[dict]]:
    return {"entity_mentions": [], "timexes": [], "events": [], "event_participants": [],
            "actors": [], "quarantine": []}


def _make_doc(nlp, article):
    doc = nlp.make_doc(article.text)
    doc._.dct = str(article.anchor_date)
    return doc


def _extract_one(nlp, article) -> dict[str, list[dict]]:
    try:
        return _article_rows(article, nlp(_make_doc(nlp, article)))
    except Exception as exc:
        return {"quarantine": [_quarantine_row(
            article, "extraction_failed", f"the NLP pipeline failed on this article: "
            f"{type(exc).__name__}: {str(exc)[:300]}; stored without extraction",
            "not_extracted")]}


def _article_rows(article, doc) -> dict[str, list[dict]]:
    rows = empty_rows()
    _collect_rows(article.article_id, doc, rows, pd.notna(article.published_at))
    _screen_rows(article, rows)
    return rows


def _screen_rows(article, rows: dict[str, list[dict]]) -> None:
    """Drop rows whose offsets do not index the article text and timexes whose value is not
    TIMEX3; undate events outside the audited year range. Each case is quarantined."""
    text = article.text

    def spans(row, column) -> bool:
        start, end = row["start_char"], row["end_char"]
        return (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                and text[start:end] == row[column])

    for table, column in (("entity_mentions", "text"), ("timexes", "text"), ("events", "sentence")):
        kept = []
        for row in rows[table]:
            if spans(row, column):
                kept.append(row)
            else:
                rows["quarantine"].append(_quarantine_row(
                    article, "bad_offsets", f"{table} row [{row['start_char']}:{row['end_char']}] "
                    f"does not index its text {str(row[column])[:80]!r} in the article; row "
                    "dropped (an NLP bug)", "row_dropped",
                    where=f"{table}[{row['start_char']}:{row['end_char']}]"))
        rows[table] = kept
    kept = []
    for row in rows["timexes"]:
        if valid_value(row["value"]) and row["timex_type"] in TIMEX3_TYPES:
            kept.append(row)
        else:
            rows["quarantine"].append(_quarantine_row(
                article, "invalid_timex", f"timex {row['text']!r} has type {row['timex_type']!r} "
                f"and value {row['value']!r}, not valid TIMEX3; row dropped (an NLP bug)",
                "row_dropped", where=f"timexes[{row['start_char']}:{row['end_char']}]"))
    rows["timexes"] = kept
    events = {row["event_id"] for row in rows["events"]}
    rows["event_participants"] = [p for p in rows["event_participants"] if p["event_id"] in events]
    for row in rows["events"]:
        year = _year(row.get("event_date"))
        if year is not None and not EVENT_YEARS[0] <= year <= EVENT_YEARS[1]:
            rows["quarantine"].append(_quarantine_row(
                article, "implausible_event_date", f"event date {row['event_date']} is outside "
                f"{EVENT_YEARS[0]}..{EVENT_YEARS[1]}; event kept undated", "repaired",
                where=f"events[{row['start_char']}:{row['end_char']}]"))
            row.update(event_date=None, date_precision=None, date_source=None)


def _year(value) -> int | None:
    if not value:
        return None
    try:
        return int(str(value)[:4])
    except ValueError:
        return None


def _quarantine_row(article, code: str, reason: str, action: str, where: str = "") -> dict:
    location = getattr(article, "origin", None) or getattr(article, "url", None) or ""
    record = QuarantineRecord(
        source=article.source, location=f"{location}#{where}" if where else str(location),
        reason_code=code, reason=reason, action=action, stage="extract",
        article_id=article.article_id, content_hash=getattr(article, "content_hash", None),
        size_bytes=len(article.text.encode("utf-8", "replace")), sample=sample_of(article.text))
    return record.as_row()


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
    events = serialize.event_records(doc)
    acts = Counter(_act_key(event) for event in events)
    for event in events:
        if event.get("date_source") == "publication" and not has_date:
            # The anchor of an undated article is its fetch date: no evidence of when the
            # event happened, so the event stays undated rather than dated "today".
            event = {**event, "date": None, "date_precision": None, "date_source": None}
        _collect_event(article_id, event, rows, by_doer=acts[_act_key(event)] > 1)


def _collect_event(article_id: str, event: dict, rows: dict[str, list[dict]],
                   by_doer: bool = False) -> None:
    identifier = event_id(article_id, event, by_doer)
    rows["events"].append({
        "event_id": identifier, "article_id": article_id,
        "sentence_index": event["sentence_index"], "start_char": event["start"],
        "end_char": event["end"], "sentence": event["sentence"], "trigger": event.get("trigger"),
        "event_type": event["type"], "cameo_code": event.get("cameo"),
        "quad_class": event["quad_class"], "intensity": event.get("intensity"),
        "context": event.get("context"), "modality": event.get("modality"),
        "event_date": event.get("date"), "date_precision": event.get("date_precision"),
        "date_source": event.get("date_source"), "confidence": event.get("confidence"),
        "extractor_version": EXTRACTOR_VERSION, **location_columns(event.get("location")),
        "is_multilateral": bool(event.get("multilateral"))})
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for participant in event.get(key, []):
            rows["event_participants"].append({
                "event_id": identifier, "role": role, "actor_id": participant.get("actor_id"),
                "country_code": participant.get("country"), "code": participant.get("code"),
                "text": participant.get("text")})


def location_columns(location: dict | None) -> dict:
    location = location or {}
    return {"location_text": location.get("text"), "location_country": location.get("country"),
            "latitude": location.get("latitude"), "longitude": location.get("longitude")}


def extraction_tables(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    columns = {"entity_mentions": MENTION_COLUMNS, "timexes": TIMEX_COLUMNS,
               "events": EVENT_COLUMNS, "event_participants": PARTICIPANT_COLUMNS,
               "actors": ACTOR_COLUMNS, "quarantine": list(QUARANTINE_COLUMNS)}
    frames = {name: pd.DataFrame(rows.get(name, []), columns=columns[name]) for name in columns}
    frames["quarantine"] = frames["quarantine"].drop_duplicates("quarantine_id")
    frames["quarantine"]["size_bytes"] = frames["quarantine"]["size_bytes"].astype("Int64")
    frames["quarantine"]["detected_at"] = pd.to_datetime(frames["quarantine"]["detected_at"],
                                                         utc=True)
    frames["actors"] = frames["actors"].drop_duplicates("actor_id")
    # Two events from one sentence with the same trigger, category (and doers) are one event.
    frames["events"] = frames["events"].drop_duplicates("event_id").astype(
        {"latitude": "Float64", "longitude": "Float64", "is_multilateral": "boolean"})
    frames["events"]["is_multilateral"] = frames["events"]["is_multilateral"].fillna(False)
    frames["event_participants"] = frames["event_participants"].drop_duplicates()
    for name, frame in frames.items():  # empty object columns would stage as NULL-typed
        frames[name] = frame.astype({c: "string" for c in frame.columns
                                     if frame[c].dtype == object})
    return frames
