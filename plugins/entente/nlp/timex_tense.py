"""Tense of the clause a temporal expression modifies: -1 past, +1 future, 0 present/unknown.

Reads the parser's heads and the tagger's fine-grained tags: walk up from the expression to the
nearest verb, then look at that verb's tag and its auxiliaries."""
from __future__ import annotations

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
FUTURE_LEMMAS = {"plan", "schedule", "expect", "intend", "aim", "hope", "due", "set", "prepare"}
PAST_AUX_TAGS = {"VBD"}
REPORTING = {"say", "tell", "report", "announce", "add", "note", "claim", "write", "be", "have"}


def governing_verb(span):
    """The nearest VERB/AUX at or above the span's root (None if there is none)."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def verb_tense(verb) -> int:
    """-1/+1 when the verb group marks past or future, else 0."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return 1
    if verb.lemma_ in FUTURE_LEMMAS:
        return 1
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head is not verb and head.tag_ in ("VBD", "VBN") and head.lemma_ not in FUTURE_LEMMAS:
            return -1
        return 1
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in REPORTING:
        return 1
    return 0


def tense_of(span) -> int:
    """Tense for a timex span; falls back to any past-tense verb in the sentence."""
    if span.root.dep_ == "poss" or (span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN"):
        return -1
    verb = governing_verb(span)
    if verb is not None:
        t = verb_tense(verb)
        if t:
            return t
        if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl") and verb.head.pos_ in ("VERB", "AUX"):
            t = verb_tense(verb.head)
            if t:
                return t
    sent = span.sent
    if any(t.lower_ in ("will", "'ll", "shall") for t in sent):
        return 1
    if any(t.tag_ == "VBD" for t in sent):
        return -1
    return 0
