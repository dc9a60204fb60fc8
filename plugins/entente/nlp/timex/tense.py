"""Tense of the clause a temporal expression modifies: -1 past, +1 future, 0 present/unknown.

Reads the parser's heads and the tagger's fine-grained tags: walk up from the expression to the
nearest verb, then look at that verb's tag and its auxiliaries. The past perfect ("had been due to
expire Friday") is past; otherwise lexical futurity ("planned to leave on Thursday", "is scheduled
to meet", "set to resume Monday") is future even in a past-tense clause, as news uses it. A few prepositions look forward whatever the verb ("until Tuesday", "as soon
as Monday")."""
from __future__ import annotations

import re

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would",
              # present modals look forward: "may meet Tuesday", "should end in March" ("could" is also a past)
              "may", "might", "can", "ca", "should", "must"}
FUTURE_LEMMAS = {"plan", "schedule", "expect", "intend", "aim", "hope", "due", "set", "prepare", "suppose",
                 "ready", "likely", "poised"}
PRESENT_AUX = {"is", "are", "am", "'s", "'re", "be", "has", "have", "do", "does"}
REPORTING = {"say", "tell", "report", "announce", "add", "note", "claim", "write", "be", "have",
             # reporting and cognition verbs: their present tense is the state now, not a future
             "estimate", "believe", "think", "know", "feel", "show", "suggest", "indicate", "argue", "insist",
             "acknowledge", "admit", "deny", "confirm", "contend", "maintain", "recall", "say"}
# present-tense forms that are identical to the past tense: no evidence either way
AMBIGUOUS_PRESENT = {"hurt", "set", "put", "cut", "hit", "let", "quit", "shut", "cost", "read", "spread",
                     "cast", "bid", "split", "upset", "beat", "burst"}
BACKWARD_CUE = re.compile(r"(?i)\b(?:ever\s+)?since\s+(?:(?:shortly|just|soon|right)\s+(?:after|before)\s+)?"
                          r"(?:(?:the|its|their|his|her|last)\s+)?$")
FORWARD_CUE = re.compile(r"(?i)(?:\buntil|\btill|\bas\s+soon\s+as|\bas\s+early\s+as|\bno\s+later\s+than|"
                         r"\bfrom\s+now\s+until)\s+(?:on\s+|at\s+)?$")


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


def _auxes(tok):
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _past_perfect(tok, up: int = 2) -> bool:
    """'had' + participle on the verb or the predicate it depends on ("had been due to expire")."""
    for _ in range(up + 1):
        if any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "acomp", "attr") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _past_marked(tok) -> bool:
    """Finite past: a VBD verb, or a VBD auxiliary ("was scheduled", "had been")."""
    return tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in _auxes(tok))


def _lexical_future(tok) -> bool:
    """'plans to', 'is scheduled to', 'due to', 'expected to' in a present or non-finite clause."""
    if tok.lemma_ not in FUTURE_LEMMAS or _past_perfect(tok):
        return False
    if tok.lemma_ == "set" and not any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "a record high set on Aug. 6", "set Friday as the deadline"; "set to resume" counts
    return True


def verb_tense(verb) -> int:
    """-1/+1 when the verb group marks past or future, else 0."""
    auxes = _auxes(verb)
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX and "have" in words:
        return -1   # a modal perfect is about the past: "may have been responsible on Wednesday"
    if words & FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return 1
    if _past_perfect(verb):
        return -1
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head is not verb:
            if _past_perfect(head):
                return -1
            if _lexical_future(head):
                return 1
            if head.tag_ in ("VBD", "VBN") or _past_marked(head):
                return -1
            if head.pos_ == "ADJ" and _finite_above(verb) < 0:
                return -1   # "made it difficult to meet demand well into the summer": the finite clause is past
        return 1
    if _lexical_future(verb):
        return 1
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN":
        if any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes):
            return 0   # present passive: "when the case is heard in May"
        return -1
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in REPORTING and verb.lower_ not in AMBIGUOUS_PRESENT:
        return 1
    return 0


def _finite_above(tok, hops: int = 4) -> int:
    """Tense of the first verb above `tok` (through prepositions and nouns) that marks one."""
    for _ in range(hops):
        if tok.head.i == tok.i:
            return 0
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            t = verb_tense(tok)
            if t or tok.tag_ not in ("VBG", "VBN"):
                return t
    return 0


def _main_verb_tense(tok, hops: int = 3) -> int:
    """Tense of the first verb above `tok` (the clause an adverbial clause depends on)."""
    for _ in range(hops):
        if tok.head.i == tok.i:
            return 0
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return verb_tense(tok)
    return 0


def tense_of(span, sent=None) -> int:
    """Tense for a timex span; falls back to any past-tense verb in the sentence (`sent`, the
    sentence span when the caller has it: `span.sent` walks the whole document)."""
    doc = span.doc
    if re.search(r"(?i)\beffective\s+(?:on\s+|from\s+)?$", doc[max(0, span.start - 3):span.start].text_with_ws):
        return 0   # "effective Feb. 1": no tense evidence; the date nearest the DCT
    if FORWARD_CUE.search(doc[max(0, span.start - 6):span.start].text_with_ws):
        verb = governing_verb(span)
        return -1 if verb is not None and _past_perfect(verb) else 1
    if BACKWARD_CUE.search(doc[max(0, span.start - 6):span.start].text_with_ws):
        return -1   # "since Oct. 23", "since shortly after the Oct. 23 slaying": a starting point in the past
    if span.root.dep_ == "poss" or (span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN"):
        return -1
    verb = governing_verb(span)
    if verb is not None and verb.tag_ == "VBD" and verb.lemma_ in FUTURE_LEMMAS and not _auxes(verb) and \
            span.end <= verb.i and \
            (span.root.head.i == verb.i or span.root.head.head.i == verb.i and span.root.head.dep_ == "prep"):
        # "On Friday, the government planned to pay ...": a fronted time of the (past) planning itself;
        # after the verb it is the planned event's ("planned a demonstration on Saturday")
        return -1
    if verb is not None:
        t = verb_tense(verb)
        if t < 0 and verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBN") and not _auxes(verb) and \
                any(c.dep_ == "mark" and c.lower_ in ("as", "once", "when", "until", "till", "before")
                    for c in verb.children) and _main_verb_tense(verb) > 0:
            return 1   # a backshifted temporal clause of a future one: "likely to buy as soon as trading opened Monday"
        if t:
            return t
        if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl") and verb.head.pos_ in ("VERB", "AUX"):
            t = verb_tense(verb.head)
            if t:
                return t
        if verb.tag_ in ("VBG", "VBN") and not _auxes(verb):
            # a bare participle ("with the third departing each Thursday from August 6") has no tense of
            # its own: take the nearest finite verb above it ("would leave")
            t = _finite_above(verb)
            if t:
                return t
    sent = sent if sent is not None else span.sent
    if any(t.lower_ in ("will", "'ll", "shall") for t in sent):
        return 1
    if any(t.tag_ == "VBD" for t in sent):
        return -1
    return 0
