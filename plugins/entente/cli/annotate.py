"""`entente annotate`: JSONL requests in, one JSONL response per request out, same order.

Request:  {"id", "text", "published_at"?}  or  {"id", "html", "url"?}
Response: {"id", "text", "title"?, "published_at"?, "entities", "timexes", "events"}
A bad request gets {"id", "error"} and the stream goes on.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator, TextIO

from entente.nlp import serialize
from entente.sources.pages import extract_page, parse_datetime

BATCH_LINES = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Prepared:
    """A request ready for the pipeline, or the error it earned."""
    id: object
    text: str = ""
    title: str | None = None
    published_at: str | None = None
    error: str | None = None


def prepare_request(line: str, number: int) -> Prepared:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as exc:
        return Prepared(id=None, error=f"line {number}: invalid JSON: {exc.msg}")
    if not isinstance(request, dict):
        return Prepared(id=None, error=f"line {number}: a request must be a JSON object")
    request_id = request.get("id")
    for key in ("text", "html"):
        if isinstance(request.get(key), str) and _SURROGATE.search(request[key]):
            return Prepared(request_id, error=f"line {number}: '{key}' holds unpaired surrogate "
                                              "code points (\\ud800-\\udfff): not valid Unicode")
    if isinstance(request.get("text"), str):
        return Prepared(request_id, text=request["text"],
                        published_at=_date_only(request.get("published_at")))
    if isinstance(request.get("html"), str):
        page = extract_page(request["html"], url=request.get("url"))
        published = page.published_at.date().isoformat() if page.published_at else None
        return Prepared(request_id, text=page.text, title=page.title, published_at=published)
    return Prepared(request_id, error=f"line {number}: a request needs a 'text' or 'html' string")


def _date_only(value) -> str | None:
    if not value:
        return None
    parsed = parse_datetime(str(value))
    return parsed.date().isoformat() if parsed else None


def annotate_lines(lines: Iterable[str], nlp) -> Iterator[dict]:
    """Responses for request lines, in order; batches go through one nlp.pipe call."""
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    while batch := list(islice(numbered, BATCH_LINES)):
        prepared = [prepare_request(line, n) for n, line in batch]
        yield from _annotate_batch(prepared, nlp)


def _annotate_batch(prepared: list[Prepared], nlp) -> Iterator[dict]:
    good = [p for p in prepared if p.error is None and len(p.text) <= nlp.max_length]
    try:
        done = {id(item): doc for item, doc in zip(good, nlp.pipe(_make_doc(nlp, p) for p in good))}
    except Exception as exc:  # one request broke the pipeline: find it, answer the others
        logging.getLogger(__name__).warning("annotate: pipeline failed on a batch (%s: %s); "
                                            "retrying one request at a time",
                                            type(exc).__name__, exc)
        done = {}
        for item in good:
            try:
                done[id(item)] = nlp(_make_doc(nlp, item))
            except Exception as item_exc:
                item.error = f"the pipeline failed on this text: {type(item_exc).__name__}: {item_exc}"
    for item in prepared:
        if item.error is None and id(item) not in done:
            item.error = f"text longer than {nlp.max_length} characters"
        yield {"id": item.id, "error": item.error} if item.error else _response(item, done[id(item)])


def _make_doc(nlp, item: Prepared):
    doc = nlp.make_doc(item.text)
    doc._.dct = item.published_at
    return doc


def _response(item: Prepared, doc) -> dict:
    response = {"id": item.id, "text": item.text}
    if item.title:
        response["title"] = item.title
    if item.published_at:
        response["published_at"] = item.published_at
    response["entities"] = serialize.entity_records(doc)
    response["timexes"] = [serialize.timex_view(t) for t in serialize.timex_records(doc)]
    response["events"] = [serialize.event_view(e) for e in serialize.event_records(doc)]
    return response


def annotate_stream(source: TextIO, sink: TextIO, nlp) -> int:
    """Copy responses to `sink` as they are made; returns the number written."""
    written = 0
    for response in annotate_lines(source, nlp):
        sink.write(json.dumps(response, ensure_ascii=False) + "\n")
        sink.flush()
        written += 1
    return written
