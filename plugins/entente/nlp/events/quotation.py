"""Quoted speech: where a quotation runs in a document, and who is speaking it.

News quotes its actors over several sentences and names the speaker once, in a reporting
clause ("X said", "said X", "X told reporters") before, inside or after the quotation, or in
the paragraph before it when the quotation opens a paragraph of its own. Whose "I" and "we"
the quotation's are follows from that (discourse.quoted_speaker); a pronoun inside it is never
the previous sentence's subject.

Quotation marks are read by direction: curly marks say which they are; a straight mark with a
space before it and none after opens, any other closes. An opening mark while a quotation is
open, and a paragraph break, end it (news copy drops closing marks: '"We are stating a
principle. "On the contrary, ...'), and the quotation that follows continues its speaker. A
closing mark with no quotation open closes one that began with its paragraph.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

OPENING_MARKS = {"“"}
CLOSING_MARKS = {"”"}
STRAIGHT_MARK = '"'
# Verbs that report speech, as lemmas (parsed sentences) and as forms (the selective parse skips
# most attributions: "said" triggers no event).
REPORTING_VERBS = {"say", "tell", "add", "continue", "insist", "warn", "declare", "state",
                   "write", "tweet", "explain", "stress", "argue", "note", "claim", "reply",
                   "remark", "admit", "announce", "ask", "acknowledge", "conclude"}
REPORTING_FORMS = {"said", "says", "say", "told", "tells", "added", "adds", "continued",
                   "insisted", "insists", "warned", "warns", "declared", "stated", "wrote",
                   "writes", "tweeted", "explained", "stressed", "argued", "noted", "claimed",
                   "replied", "remarked", "admitted", "announced", "asked", "acknowledged",
                   "concluded"}
SPEAKER_PRONOUNS = {"he", "she", "they", "it"}
SPEAKER_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# An unparsed attribution: how far from the reporting verb its speaker's name may start.
SPEAKER_WINDOW = 5
# How many quotations back an unattributed one may inherit its speaker.
INHERIT_DEPTH = 3
CACHE_KEY = "entente_quotations"


class Quotation(NamedTuple):
    start: int                 # first token inside the marks
    end: int                   # one past the last token inside
    continues: bool            # opened where another quotation had just ended unclosed


def quotations(doc: Doc) -> list[Quotation]:
    """The document's quotations in order, cached on the doc as plain lists (`user_data` goes
    through msgpack when `nlp.pipe` runs in several processes)."""
    return [Quotation(*q) for q in _cached(doc)]


def _cached(doc: Doc) -> list[list]:
    """[start, end, continues] of each quotation, scanned once per doc."""
    if CACHE_KEY not in doc.user_data:
        doc.user_data[CACHE_KEY] = [list(q) for q in _scan(doc)]
    return doc.user_data[CACHE_KEY]


def _scan(doc: Doc) -> list[Quotation]:
    found: list[Quotation] = []
    start, continues = None, False
    carried, paragraph = False, 0     # the paragraph before ended inside a quotation
    for tok in doc:
        if _paragraph_break(tok):
            if start is not None:
                found.append(Quotation(start, tok.i, continues))
            carried, start, paragraph = start is not None, None, tok.i + 1
        elif _opens(tok):
            if start is not None:
                found.append(Quotation(start, tok.i, continues))
            continues = start is not None or (carried and tok.i == _first_word(doc, paragraph))
            start = tok.i + 1
        elif _closes(tok):
            if start is None:
                start, continues = paragraph, False
            found.append(Quotation(start, tok.i, continues))
            start = None
    if start is not None:
        found.append(Quotation(start, len(doc), continues))
    return found


def _paragraph_break(tok: Token) -> bool:
    return tok.is_space and tok.text.count("\n") >= 2


def _first_word(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _opens(tok: Token) -> bool:
    if tok.text in OPENING_MARKS:
        return True
    if tok.text != STRAIGHT_MARK:
        return False
    before = tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_) or tok.doc[tok.i - 1].is_space
    return before and not tok.whitespace_


def _closes(tok: Token) -> bool:
    return tok.text in CLOSING_MARKS or (tok.text == STRAIGHT_MARK and not _opens(tok))


def quotation_of(tok: Token) -> Quotation | None:
    """The quotation the token is inside, if any (read off the cache: every token of a
    reporting clause asks)."""
    found = _cached(tok.doc)
    i = bisect_right(found, tok.i, key=lambda q: q[0]) - 1
    return Quotation(*found[i]) if i >= 0 and tok.i < found[i][1] else None


def in_quotation(tok: Token) -> bool:
    """The token is inside quoted speech: "he", "we" and "I" there stand for people of the
    quotation or its speaker, not for the previous sentence's subject."""
    return quotation_of(tok) is not None


def speaker_token(quotation: Quotation, doc: Doc) -> Token | None:
    """The head of the quotation's speaker: the subject of a reporting clause in a sentence
    the quotation touches ("X said: ...", "..., said X", "..., X told reporters"); else, for a
    quotation continuing an unclosed one or following one in its paragraph, that one's speaker;
    for one opening its paragraph, the last reporting clause of the paragraph before. None when
    the text names none."""
    for _ in range(INHERIT_DEPTH):
        found = _attribution(quotation, doc)
        if found is not None:
            return found
        previous = _previous_in_paragraph(quotation, doc)
        if previous is None:
            return _last_attribution_before(quotation, doc)
        quotation = previous
    return None


def _attribution(quotation: Quotation, doc: Doc) -> Token | None:
    first = doc[max(quotation.start - 1, 0)].sent
    last = doc[max(quotation.end - 1, quotation.start)].sent
    for sent in (first, last) if first != last else (first,):
        found = reporting_speaker(sent)
        if found is not None:
            return found
    return _introducing_subject(quotation, doc)


def _introducing_subject(quotation: Quotation, doc: Doc) -> Token | None:
    """A quotation opened after a colon or comma is the words of the subject of the clause that
    introduces it, whatever its verb ('Trump defended his decision, "As I have stated ...'):
    the subject of the last verb before the quotation with one."""
    mark = quotation.start - 1
    before = mark - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if mark <= 0 or doc[before].text not in (":", ","):
        return None
    for verb in reversed(doc[doc[mark].sent.start:mark]):
        subject = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
        if verb.pos_ in ("VERB", "AUX") and subject is not None:
            return subject if not in_quotation(subject) else None
    return None


def _previous_in_paragraph(quotation: Quotation, doc: Doc) -> Quotation | None:
    """The quotation before this one when nothing but a reporting clause, or no paragraph
    break, lies between them."""
    before = [q for q in quotations(doc) if q.end <= quotation.start]
    if not before:
        return None
    previous = before[-1]
    if quotation.continues and previous.end >= quotation.start - 2:
        return previous
    between = doc[previous.end:quotation.start]
    return None if any(_paragraph_break(t) for t in between) else previous


def _last_attribution_before(quotation: Quotation, doc: Doc) -> Token | None:
    """For a quotation that opens its paragraph: the last reporting clause of the paragraph
    before (journalists attribute a paragraph of quotation once, just before it)."""
    opening = _first_word(doc, _paragraph_start(doc, quotation.start))
    if quotation.start - 1 != opening:
        return None
    end = _paragraph_start(doc, quotation.start) - 1
    if end <= 0:
        return None
    begin = _paragraph_start(doc, end - 1)
    for sent in reversed(list(doc[begin:end].sents)):
        found = reporting_speaker(sent)
        if found is not None:
            return found
    return None


def _paragraph_start(doc: Doc, i: int) -> int:
    """The index after the paragraph break before token i (0 when there is none)."""
    while i > 0 and not _paragraph_break(doc[i - 1]):
        i -= 1
    return i


def reporting_speaker(sent: Span) -> Token | None:
    """The head of the speaker of a reporting clause outside quotation marks in the sentence:
    the subject of a reporting verb when the sentence is parsed, else the name or pronoun next
    to a reporting verb form — after it when the verb follows the quotation ('", said Mr Blair'),
    before it otherwise ('Mr Blair said', 'the Ukrainian foreign minister said')."""
    parsed = any(t.dep_ for t in sent)
    for verb in sent:
        if in_quotation(verb) or verb.ent_type_:
            continue
        if parsed and verb.lemma_.lower() in REPORTING_VERBS and verb.pos_ in ("VERB", "AUX"):
            subject = next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None)
            if subject is not None and not in_quotation(subject):
                return subject
        elif not parsed and verb.lower_ in REPORTING_FORMS:
            found = _unparsed_speaker(sent, verb)
            if found is not None:
                return found
    return None


def _unparsed_speaker(sent: Span, verb: Token) -> Token | None:
    doc = sent.doc
    inverted = verb.i > sent.start and doc[verb.i - 1].text in {",", STRAIGHT_MARK} | CLOSING_MARKS
    step = 1 if inverted else -1
    i = verb.i + step
    for _ in range(SPEAKER_WINDOW):
        if not sent.start <= i < sent.end:
            return None
        tok = doc[i]
        if tok.is_punct or in_quotation(tok):
            return None
        if tok.lower_ in SPEAKER_PRONOUNS or tok.ent_type_ in SPEAKER_ENTITY_LABELS:
            return tok
        i += step
    return None
