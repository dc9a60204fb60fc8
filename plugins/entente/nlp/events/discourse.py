"""Antecedents across sentences: who "he", "it" or "they" is when its own sentence does not say.

News tells an act over several sentences and names the actor once: "Iran's foreign minister
arrived in Moscow on Monday. He met Putin ...". Centering theory's preferred antecedent for a
subject pronoun is the subject of the sentence before it, and wire copy keeps to it, so rule
`pronoun_from_previous_sentence` reads the pronoun as that subject, and only when it is a linked
actor of the right kind: a person for "he", "she" and "I"; a country, body or group for "it",
"they" and "we". Nothing is guessed across a paragraph break (a new paragraph may start a new
topic), from a sentence whose subject is no linked actor, for a pronoun below a clause with a
subject of its own (that subject is the likelier antecedent), or inside quoted speech (its "he"
is somebody of the quotation, its "we" the speaker's side).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

PERSON_PRONOUNS = {"he", "she", "i"}
GROUP_PRONOUNS = {"it", "they", "we"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def previous_subject(pronoun: Token, actors: dict[int, Span]) -> list[Span]:
    """Rule `pronoun_from_previous_sentence`: the linked actor mentions of the previous
    sentence's subject that a subject pronoun can stand for; [] when there is none."""
    kind = pronoun.lower_
    if kind not in PERSON_PRONOUNS | GROUP_PRONOUNS or pronoun.dep_ not in SUBJECT_DEPS:
        return []
    if _subject_above(pronoun) or in_quotation(pronoun):
        return []
    previous = _previous_sentence(pronoun)
    if previous is None:
        return []
    mentions = _subject_mentions(previous, actors)
    return [m for m in mentions if _fits(kind, m)]


OPENING_QUOTES = {'"', "“"}
CLOSING_QUOTES = {'"', "”"}


def in_quotation(tok: Token) -> bool:
    """The token is inside quoted speech: an odd number of quote marks before it in its sentence,
    or a closing mark after it with none before (a quotation continued from the sentence
    before). Quoted "he", "we" and "I" stand for people of the quotation or its speaker, not for
    the previous sentence's subject."""
    sent = tok.sent
    before = [t.text for t in tok.doc[sent.start:tok.i] if t.text in OPENING_QUOTES | CLOSING_QUOTES]
    if before:
        straight = before.count('"')
        return straight % 2 == 1 or before.count("“") > before.count("”")
    return any(t.text in CLOSING_QUOTES for t in tok.doc[tok.i:sent.end])


def _subject_above(pronoun: Token) -> bool:
    """A clause above the pronoun's has a subject of its own, not a pronoun: the pronoun more
    likely stands for it ("the country's thirst for oil is so strong that it has helped ...")
    than for anything in the sentence before."""
    cur = pronoun.head
    while cur.head != cur:
        cur = cur.head
        subject = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return True
    return False


def _previous_sentence(tok: Token) -> Span | None:
    """The sentence before tok's, unless a paragraph break (a blank line) lies between."""
    sent = tok.sent
    i = sent.start - 1
    while i >= 0 and tok.doc[i].is_space:
        if tok.doc[i].text.count("\n") >= 2:
            return None
        i -= 1
    if i < 0:
        return None
    return tok.doc[i].sent


def _subject_mentions(sent: Span, actors: dict[int, Span]) -> list[Span]:
    """The linked mentions in the subject of the sentence's main verb. An unparsed sentence
    (the selective parse skipped it) counts by its first linked mention, the subject of most
    news sentences."""
    if not any(t.dep_ for t in sent):
        first = next((actors[t.i] for t in sent if t.i in actors
                      and actors[t.i]._.actor is not None), None)
        return [first] if first is not None else []
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return []
    out, seen = [], set()
    for t in subject.subtree:
        mention = actors.get(t.i)
        if mention is not None and mention._.actor is not None and mention.start not in seen:
            seen.add(mention.start)
            out.append(mention)
    return out


def _fits(pronoun: str, mention: Span) -> bool:
    """He/she/I stand for a person; it/they/we for a country, a body or a group."""
    person = mention.label_ == "PERSON" or (mention._.actor or {}).get("actor_type") == "person"
    return person if pronoun in PERSON_PRONOUNS else not person
