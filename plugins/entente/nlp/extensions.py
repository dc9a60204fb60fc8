"""The `Doc._` / `Span._` attributes Entente's pipeline components read and write.

All values are plain dicts, lists and strings so that docs survive `nlp.pipe(n_process=2)`
(spaCy serializes `user_data` with msgpack between processes).

- `Doc._.dct`: the anchor for relative dates, an ISO date "YYYY-MM-DD" (publication date,
  else fetch date). Set by the caller on `nlp.make_doc(text)` before `nlp.pipe(docs)`.
- `Span._.actor` on each of `doc.ents`: set by `entente_actors`; None when unlinked, else
  {"actor_id", "name", "actor_type", "country_code", "code"}.
- `Doc._.timexes`: set by `entente_timex`; a list of
  {"start", "end", "text", "type", "value", "range_start", "range_end", "granularity", "anchor",
   "sentence_index"}.
- `Doc._.events`: set by `entente_events`; a list of event dicts (see events.py).
"""
from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """Register the attributes once; safe to call from every component factory."""
    for name in ("dct", "timexes", "events"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("actor"):
        Span.set_extension("actor", default=None)


register_extensions()
