"""Where an event happened: wire datelines and venues are locations, never participants.

- A *dateline* opens a wire story: `MOSCOW, July 15 (Reuters) - `, `GENEVA - `,
  `UNITED NATIONS (AP) — `, `KABUL, Afghanistan — `. It says where the story was filed; its
  place, and the agency credit in brackets, take no part in any event. It is the location of
  the events of its own sentence when they name no venue.
- A *venue* is a place in a locative phrase of the event's predicate or event noun: `met in
  Tokyo`, `talks in Geneva`, `at the summit in Brussels`, `signed … at Camp David`.

Capitals used for their government (`Washington warned Moscow`) are subjects and objects, not
locative phrases: they stay participants.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from entente.nlp.events.arguments import entity_of, modified_nouns

# The place: words in capitals (`NEW YORK`, `UNITED NATIONS`), optionally `, Country` or
# `, State` in capitals or title case; then an optional date, an optional credit in brackets,
# and a dash. A mixed-case place (`Moscow, July 15 (Reuters) -`) needs the date or the credit.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_UPPER_PLACE = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’\-]+(?: [A-Z][a-z.'’\-]+){0,3}"
_QUALIFIER = rf"(?:, (?:{_UPPER_PLACE}|{_TITLE_PLACE}))?"
_DATE = rf"(?:,? {_MONTH} \d{{1,2}})"
_CREDIT = r"(?:\([A-Za-z][A-Za-z .&'-]{0,30}\))"
_DASH = r"(?:-{1,2}|–|—)"
DATELINE = re.compile(
    rf"^\s*(?:(?P<upper>{_UPPER_PLACE}){_QUALIFIER}\s*{_DATE}?\s*{_CREDIT}?"
    rf"|(?P<title>{_TITLE_PLACE}){_QUALIFIER}\s*(?:{_DATE}\s*{_CREDIT}?|{_CREDIT}))"
    rf"\s*{_DASH}\s+")
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}
VENUE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Dateline:
    start: int              # character offsets of the whole dateline, dash included
    end: int
    place_start: int
    place_end: int

    def covers(self, span: Span) -> bool:
        return self.start <= span.start_char < self.end


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a story, or None."""
    match = DATELINE.match(text[:200])
    if match is None:
        return None
    group = "upper" if match.group("upper") else "title"
    return Dateline(match.start(group) if match.start(group) >= 0 else 0, match.end(),
                    match.start(group), match.end(group))


@dataclass(frozen=True)
class Location:
    text: str
    country: str | None
    latitude: float | None = None
    longitude: float | None = None

    def record(self) -> dict:
        return {"text": self.text, "country": self.country, "latitude": self.latitude,
                "longitude": self.longitude}


def location_of(mention: Span, text: str | None = None) -> Location:
    """A place mention as a location: its country and coordinates from the actor linker."""
    actor = mention._.actor or {}
    place = actor.get("place") or {}
    return Location(text or mention.text, place.get("country_code") or actor.get("country_code"),
                    place.get("latitude"), place.get("longitude"))


def venue(trigger: Token, predicate: Token, actors: dict[int, Span]) -> Span | None:
    """The place mention in a locative phrase of the predicate or the event noun ("met in
    Tokyo", "talks in Geneva", "at the summit in Brussels"), nearest the trigger; else the city
    naming the meeting (`names_a_meeting`)."""
    found = []
    heads = _venue_heads(trigger, predicate)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
                continue
            found.extend(_places_under(prep, actors))
    if not found:
        # "met at the Minsk summit", "the Geneva talks": the city that names the meeting
        return next((place for head in heads if (place := meeting_place(head)) is not None), None)
    return min(found, key=lambda span: abs(span.root.i - trigger.i))


def _venue_heads(trigger: Token, predicate: Token) -> list[Token]:
    """The predicate, the trigger, their objects ("signed an agreement in Moscow": the parser
    hangs the place on the agreement), and a noun the locative phrase may hang from ("at the
    summit in Brussels": the summit's own "in")."""
    heads = [predicate] if predicate == trigger else [predicate, trigger]
    for head in list(heads):
        heads.extend(c for c in head.children if c.dep_ in ("dobj", "attr")
                     and c.ent_type_ not in VENUE_LABELS and c not in heads)
    for head in list(heads):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
                heads.extend(g for g in prep.children if g.dep_ == "pobj"
                             and g.ent_type_ not in VENUE_LABELS)
    return heads


def _places_under(prep: Token, actors: dict[int, Span]) -> list[Span]:
    places = []
    for obj in (g for g in prep.children if g.dep_ == "pobj"):
        for tok in [obj, *obj.conjuncts]:
            mention = actors.get(tok.i)
            if mention is not None and mention.label_ in VENUE_LABELS:
                places.append(mention)
    return places


# Nouns a city gives its name to ("the Kyoto Protocol", "the Minsk agreements", "the Paris
# climate agreement", "the Geneva Conventions").
TREATY_NOUNS = {"treaty", "protocol", "accord", "agreement", "convention", "declaration",
                "charter", "pact", "deal", "process", "format", "consensus", "framework"}
# Meetings a city before the noun places ("a Brussels summit", "the Geneva talks").
MEETING_NOUNS = {"summit", "talk", "talks", "conference", "meeting", "negotiation", "forum"}
CITY_KINDS = {"city", "capital", "region"}
NAME_DEPS = ("amod", "compound", "poss", "nmod")


def place_kind(mention: Span) -> str | None:
    return ((mention._.actor or {}).get("place") or {}).get("kind")


def names_a_treaty(mention: Span) -> bool:
    """Rule `place_names_a_treaty`: a city in the name of a treaty or process is no party to it
    ("refused to sign the Kyoto treaty", "violated the Minsk agreements", "withdrew from the
    Paris climate agreement"), nor after a treaty's capitalised name ("the Treaty of Amsterdam";
    not "with the agreement of Moscow", the government's consent). Countries keep their part
    ("the Iran nuclear deal")."""
    if place_kind(mention) not in CITY_KINDS:
        return False
    root = mention.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        name = root.head.head
        return name.lemma_.lower() in TREATY_NOUNS and name.text[:1].isupper()
    return any(noun.lemma_.lower() in TREATY_NOUNS
               for noun in modified_nouns(root, NAME_DEPS, 3))


def names_a_meeting(mention: Span) -> bool:
    """Rule `place_names_a_meeting`: a city before a meeting noun is where it met, no party to
    it ("leaving a Brussels summit", "the Geneva talks on Syria"); a possessive still stands
    for a government ("Beijing's talks with Taipei"), and a country keeps its part ("the
    Iran talks")."""
    root = mention.root
    return (place_kind(mention) in CITY_KINDS and root.dep_ in ("amod", "compound", "nmod")
            and root.head.lemma_.lower() in MEETING_NOUNS
            and not mention.start <= root.head.i < mention.end)


def meeting_place(trigger: Token) -> Span | None:
    """The city that names the meeting noun `trigger` (`names_a_meeting`), as its venue."""
    for child in trigger.children:
        mention = entity_of(child)
        if mention is not None and names_a_meeting(mention):
            return mention
    return None


def dateline_of(doc: Doc) -> Dateline | None:
    """The document's dateline (computed once, kept on the doc)."""
    return find_dateline(doc.text)
