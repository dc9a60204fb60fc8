"""Turn an annotated Doc into plain records: the annotate JSON and the warehouse rows share them."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:       # annotations only: `entente annotate`'s front door imports this early
    from spacy.tokens import Doc


def sentence_index_of(doc: Doc) -> list[int]:
    """Sentence number of each token, computed once per doc."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def entity_records(doc: Doc) -> list[dict]:
    sentence_of = sentence_index_of(doc) if len(doc) else []
    records = []
    for ent in doc.ents:
        actor = ent._.actor or {}
        records.append({
            "start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_,
            "sentence_index": sentence_of[ent.start],
            "actor_id": actor.get("actor_id"), "code": actor.get("code"),
            "country": actor.get("country_code"),
        })
    return records


def timex_records(doc: Doc) -> list[dict]:
    return list(doc._.timexes or [])


def event_records(doc: Doc) -> list[dict]:
    return list(doc._.events or [])


def participant_view(participant: dict) -> dict:
    """The contract's participant shape: text, code, country (plus offsets when known)."""
    return {"text": participant.get("text"), "code": participant.get("code"),
            "country": participant.get("country"),
            "start": participant.get("start"), "end": participant.get("end")}


def event_view(event: dict) -> dict:
    """An event as `entente annotate` reports it."""
    return {
        "start": event["start"], "end": event["end"], "type": event["type"],
        "cameo": event.get("cameo"), "quad_class": event["quad_class"],
        "intensity": event.get("intensity"), "context": event.get("context"),
        "trigger": event.get("trigger"),
        "actors": [participant_view(p) for p in event.get("actors", [])],
        "recipients": [participant_view(p) for p in event.get("recipients", [])],
        "date": event.get("date"), "date_precision": event.get("date_precision"),
        "date_source": event.get("date_source"), "modality": event.get("modality"),
        "confidence": event.get("confidence"), "location": event.get("location"),
        "multilateral": bool(event.get("multilateral")),
    }


def timex_view(timex: dict) -> dict:
    keys = ("start", "end", "text", "type", "value", "range_start", "range_end",
            "granularity", "anchor")
    return {key: timex.get(key) for key in keys}
