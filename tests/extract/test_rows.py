"""Articles → extraction rows: one bad article or one bad row never costs the batch (the
article is stored unextracted, the row dropped, both recorded in quarantine)."""
from __future__ import annotations

import pandas as pd
from spacy.language import Language

from entente.extract import extract_articles, rows

TREATY = ("The foreign ministers of Norway and Sweden signed a fisheries agreement in Oslo on "
          "Tuesday, committing both governments to share catch data and patrol the border "
          "waters together. Officials said the accord would be reviewed every year.")


def test_pipeline_failure_on_one_article_quarantines_it_and_keeps_the_batch(nlp):
    """The extract/annotate boundary: an article the pipeline raises on is stored unextracted."""
    class Boom(Exception):
        pass

    def poisoned(doc):
        if "poison" in doc.text:
            raise Boom("component crashed")
        return doc

    frame = pd.DataFrame([
        {"article_id": f"a{i}", "source": "t", "text": text, "language": "en",
         "published_at": None, "anchor_date": "2024-01-01", "origin": f"f{i}.txt", "url": None,
         "content_hash": "h"}
        for i, text in enumerate([TREATY, "A poison pill. " + TREATY, TREATY + " Again."])])
    if not Language.has_factory("entente_test_poison"):
        Language.component("entente_test_poison", func=poisoned)
    nlp.add_pipe("entente_test_poison", last=True)
    try:
        tables = extract_articles(frame, nlp)
    finally:
        nlp.remove_pipe("entente_test_poison")
    quarantine = tables["quarantine"]
    assert list(quarantine["article_id"]) == ["a1"]
    assert list(quarantine["reason_code"]) == ["extraction_failed"]
    assert "component crashed" in quarantine["reason"].iloc[0]
    assert set(tables["entity_mentions"]["article_id"]) == {"a0", "a2"}


def test_an_article_over_the_pipelines_max_length_is_stored_unextracted(nlp):
    """The inbox caps article size before spaCy; if the pipeline's own limit is lower (a smaller
    `max_length` configured), the article is kept without extraction and its neighbours extracted."""
    long_text = TREATY + " " + "More words about the treaty. " * 40
    frame = pd.DataFrame([
        {"article_id": f"a{i}", "source": "t", "text": text, "language": "en",
         "published_at": None, "anchor_date": "2024-01-01", "origin": f"f{i}.txt", "url": None,
         "content_hash": "h"}
        for i, text in enumerate([TREATY, long_text])])
    limit, nlp.max_length = nlp.max_length, len(TREATY) + 10
    try:
        tables = extract_articles(frame, nlp)
    finally:
        nlp.max_length = limit
    quarantine = tables["quarantine"]
    assert list(quarantine["article_id"]) == ["a1"]
    assert list(quarantine["reason_code"]) == ["too_long"]
    assert list(quarantine["action"]) == ["not_extracted"]
    assert f"{len(long_text):,} characters is over the pipeline's max_length" in quarantine["reason"].iloc[0]
    assert set(tables["entity_mentions"]["article_id"]) == {"a0"}


def test_rows_that_break_the_audit_rules_are_dropped_and_recorded(nlp, monkeypatch):
    """An NLP bug (offsets that do not index the text, a value that is not TIMEX3) costs the
    row, recorded in quarantine, never the load: the audit would block the whole batch."""
    text = TREATY + " Two days later Finland and Estonia agreed to hold talks on March 9, 2024."
    frame = pd.DataFrame([{"article_id": "a0", "source": "t", "text": text, "language": "en",
                           "published_at": None, "anchor_date": "2024-03-01", "origin": "f0.txt",
                           "url": None, "content_hash": "h"}])
    sound = extract_articles(frame, nlp)
    assert len(sound["events"]) >= 2 and len(sound["timexes"]) >= 2 and sound["quarantine"].empty

    real_timexes, real_events = rows.serialize.timex_records, rows.serialize.event_records

    def broken_timexes(doc):
        records = real_timexes(doc)
        return [{**records[0], "value": "PRESENT_RET10:30"}] + records[1:]

    def shifted_events(doc):
        records = real_events(doc)
        return [{**records[0], "start": records[0]["start"] + 1}] + records[1:]

    monkeypatch.setattr(rows.serialize, "timex_records", broken_timexes)
    monkeypatch.setattr(rows.serialize, "event_records", shifted_events)
    tables = extract_articles(frame, nlp)
    assert sorted(tables["quarantine"]["reason_code"]) == ["bad_offsets", "invalid_timex"]
    assert set(tables["quarantine"]["action"]) == {"row_dropped"}
    assert len(tables["timexes"]) == len(sound["timexes"]) - 1
    assert len(tables["events"]) == len(sound["events"]) - 1
    assert set(tables["events"]["event_id"]) < set(sound["events"]["event_id"])
    assert set(tables["event_participants"]["event_id"]) == set(tables["events"]["event_id"])


def test_each_doers_own_act_is_its_own_event_row(nlp):
    """rules.separate_doers codes "France and Germany criticised ..." as two acts of one
    trigger: two event rows, each with its own doer, not one row holding both."""
    frame = pd.DataFrame([{
        "article_id": "a0", "source": "t", "language": "en", "published_at": "2024-03-04",
        "anchor_date": "2024-03-04", "origin": "f0.txt", "url": None, "content_hash": "h",
        "text": "France and Germany criticised the decision on Monday."}])
    tables = extract_articles(frame, nlp)
    events = tables["events"]
    assert list(events["event_type"]) == ["DISAPPROVE", "DISAPPROVE"]
    assert events["event_id"].is_unique
    doers = tables["event_participants"].groupby("event_id")["country_code"].apply(set)
    assert sorted(map(sorted, doers)) == [["DEU"], ["FRA"]]
    # the same text gives the same ids again
    assert list(extract_articles(frame, nlp)["events"]["event_id"]) == list(events["event_id"])
