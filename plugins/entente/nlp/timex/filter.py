"""Reject regex candidates that are not temporal, using capitalization, the tagger/parser and the
model's entities as hints ("May" the verb, "2000 troops", "the fall of Rome", "a second")."""
from __future__ import annotations

import re

from entente.nlp.timex.tense import tense_of

AMBIGUOUS_MONTHS = re.compile(r"^(may|march|mar|jan|feb|apr|jun|jul|aug|sep|oct|nov|dec)$", re.I)
MONTH_CUE = re.compile(r"(?:\b(?:in|since|until|till|by|of|for|last|this|next|past|early|late|mid|during|through|"
                       r"from|to|between|and|before|after|or|throughout|end|beginning|start|each|every)\s*-?)$",
                       re.I)
NOT_TIME_ENTS = {"MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
# capitalised words before a year that do not make it part of a name ("March 2004", "Fiscal 1989")
YEAR_PREFIX_WORD = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|fiscal|fy")


def _first_alpha_upper(s: str) -> bool:
    m = re.search(r"[A-Za-z]", s)
    return bool(m) and m.group(0).isupper()


def keep(doc, text: str, s: int, e: int, kind: str) -> bool:
    frag = text[s:e]
    check = CHECKS.get(kind)
    return check(doc, text, s, e, frag) if check else True


def _month_ok(doc, text, s, e, frag):
    m = re.search(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", frag)
    if not m or not _first_alpha_upper(m.group(0)):
        return False
    word = m.group(0).rstrip(".")
    if m.group(0).endswith(".") or len(word) > 4 or word.lower() in ("june", "july"):
        ambiguous = word.lower() in ("may", "march")
    else:
        ambiguous = True
    if frag == "Jan" and re.match(r"\s+[A-Z][a-z]", text[e:e + 3]) and \
            not re.search(r"(?i)\b(?:in|since|until|by|from|of|through)\s*$", text[max(0, s - 8):s]):
        return False   # the first name: "Jan Kavan"
    if not ambiguous:
        return True
    before = text[max(0, s - 20):s + m.start()]
    if re.search(r"(?i)\b(?:the|its|their|this|last|next)\s*$", before) and frag == m.group(0) and \
            re.match(r"\s+[a-z]{4,}\b", text[e:e + 16]) and \
            not re.match(r"\s+(?:(?:of|on|to|and|for|with|from|into|against|through|toward|towards|past|"
                         r"was|were|is|are|has|had|will|would|came|began|ended|continued)\b)", text[e:e + 14]):
        return True    # prenominal: "the March accession", "last May's election" is caught by MONTH_CUE
    return bool(MONTH_CUE.search(before.rstrip())) and not re.match(r"\s+(?:be|have|not|also)\b", text[e:e + 6])


def _date_ok(doc, text, s, e, frag):
    if re.search(r"\d{4}-\d\d-\d\d|/", frag):
        return True
    m = re.search(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", frag)
    return bool(m) and _first_alpha_upper(m.group(0))


def _weekday_ok(doc, text, s, e, frag):
    m = re.search(r"(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*", frag)
    return bool(m) and m.group(0)[0].isupper()


def _year_ok(doc, text, s, e, frag):
    if not re.search(r"\d{4}", frag):
        # spoken years: "nineteen ninety-four"; "two thousand" only as "the year two thousand"
        return "thousand" not in frag.lower() or "year" in frag.lower()
    y = int(re.search(r"\d{4}", frag).group(0))
    if re.match(r"\s*(?:-|–|to)\s*\d", text[e:e + 5]) and y < 1900:
        return False
    span = doc.char_span(s, e, alignment_mode="expand")
    tok = next((t for t in span if t.like_num), None) if span is not None else None
    if tok is None:
        return True
    if re.fullmatch(r"\d{4}", frag) and tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and \
            doc[tok.i - 1].is_title and not _sentence_initial(text, doc[tok.i - 1].idx) and \
            not YEAR_PREFIX_WORD.fullmatch(doc[tok.i - 1].text):
        return False   # a year inside a name: "a venture called Orion 1980", "Euro 2004", "Windows 2000"
    if tok.ent_type_ in NOT_TIME_ENTS:
        return False
    has_cue = re.search(r"(?i)\b(in|since|until|by|of|from|to|during|before|after|year|fiscal|and|through)\s*$",
                        text[max(0, s - 12):s]) or frag[:1].isalpha()
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i:
        # "2000 troops" is a count; "fiscal 1989 sales", "1990 BellSouth earnings" are years (NER DATE)
        # when a determiner/possessive precedes or a modifier intervenes ("2000 troops" stays out)
        if frag[:1].isalpha():
            return True
        return tok.ent_type_ == "DATE" and (tok.head.i > tok.i + 1 or bool(
            re.search(r"(?i)(?:\b(?:the|its|their|his|her|our|this|that)|'s|’s)\s*$", text[max(0, s - 8):s])))
    return bool(has_cue or tok.ent_type_ == "DATE" or 1900 <= y <= 2099)


def _season_ok(doc, text, s, e, frag):
    low = frag.lower()
    if re.search(r"\d{4}", frag):
        return True
    det = re.search(r"\b(the|this|last|next|past|coming|that|early|late|mid|end|beginning)\b", low)
    if not det:
        return False
    if re.match(r"\s+of\b", text[e:e + 4]) or re.match(r"the\s+(fall|spring)$", low) and \
            re.match(r"\s*(?:of|in|from|to|and)\b", text[e:e + 6]):
        return False
    return True


RATE_BEFORE = re.compile(r"(?i)(?:\d|\b(?:million|billion|thousand|hundred|percent|shares|flights|seats|"
                         r"units|barrels|tons|times|dollars|cents|hours|miles|people|jobs|calls|visitors))\s*$")


def _duration_ok(doc, text, s, e, frag):
    low = frag.lower()
    if re.search(r"(?:quarters?|half|thirds?)$", low) and re.match(r"\s+of\b", text[e:e + 4]) and \
            not re.search(r"\d{4}|year", text[e:e + 16]):
        return False   # a fraction: "three-quarters of its food", "more than a quarter of the market"
    if re.search(r"\b(?:first|last|final)\s+(?:two|three|2|3)\s+quarters$", low) and \
            re.match(r"\s+of\s+(?:\d{4}|this|last|next|the\s+(?:current|previous|same|fiscal))", text[e:e + 20]):
        return False   # "the first two quarters of 1990" is one DATE (the quarter family)
    if re.fullmatch(r"\d+\s+(?:Minutes|Hours|Days|Years)", frag) and (not _sentence_initial(text, s) or
                                                                      _quoted_title(text, s)):
        return False   # a title: "60 Minutes"
    if re.fullmatch(r"(?:an?|per)\s+(?:year|month|week|day|night|hour|minute|second|quarter)", low) and \
            RATE_BEFORE.search(text[max(0, s - 12):s]) and \
            not re.match(r"\s+(?:ago|earlier|later|before|after|or\s)", text[e:e + 10]):
        return False  # a rate: "$2 million a year", "four flights a week", "24 hours a day"
    if re.fullmatch(r"an?\s+(second|minute)", low):
        return False
    if re.search(r"\bold$", low):
        return False
    return not re.match(r"\s*-?\s*(?:old)\b", text[e:e + 5])


def _quarter_ok(doc, text, s, e, frag):
    m = re.search(r"\b([qh])[1-4]\b", frag, re.I)
    return not m or m.group(1).isupper()


def _time_ok(doc, text, s, e, frag):
    # "High Noon", "CBS's 60 Minutes": a capitalized time word inside a title
    if re.fullmatch(r"(?i)noon", frag) and re.search(r"(?i)\bhigh\s+$", text[max(0, s - 6):s]):
        return False   # the idiom "high noon" (a decisive moment)
    return not re.fullmatch(r"(?:Noon|Midnight|Midday)", frag) or _sentence_initial(text, s)


def _quoted_title(text, s) -> bool:
    """An opening quote right after a word, not after a sentence end: CBS's ''60 Minutes.''"""
    return bool(re.search(r"[A-Za-z,]\s*(?:''|\"|``|“)\s*$", text[max(0, s - 8):s]))


def _sentence_initial(text, s) -> bool:
    return not text[:s].strip() or bool(re.search(r"[.!?:\"'`]\s*$", text[max(0, s - 4):s]))


GENERIC_AFTER_TODAY = re.compile(r"(?:'s|’s)\s+(?:world|youth|society|generation|children|economy|culture|"
                                 r"technology|standards|(?:[a-z]+\s+)?[a-z]+[^s]s\b)", re.I)


def _deictic_ok(doc, text, s, e, frag):
    low = frag.lower()
    if low in ("today", "tomorrow"):
        if frag[0].isupper() and not _sentence_initial(text, s) and not _headline(text, s):
            return False   # a programme title: "This is VOA Today"
        if GENERIC_AFTER_TODAY.match(text, e) and not re.match(r"(?:'s|’s)\s+(?:editions|papers|issues)", text[e:e + 14]):
            return False   # generic: "today's youth", "today's personal computers"
        if re.search(r"(?i)\b[a-z]+\s+of\s*$", text[max(0, s - 16):s]) and not re.match(r"\s*(?:'s|’s)", text[e:e + 3]):
            return False   # "the people of tomorrow"
    return True


def _headline(text, s) -> bool:
    """The line holding s is in title case (a headline: "... Missions Today")."""
    a, b = text.rfind("\n", 0, s) + 1, text.find("\n", s)
    words = re.findall(r"[A-Za-z]+", text[a:b if b >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _rel_ok(doc, text, s, e, frag):
    return not re.fullmatch(r"This\s+Week", frag) or _sentence_initial(text, s) and \
        not re.match(r"\s+With\b", text[e:e + 6]) and \
        not re.search(r"[A-Za-z,']\s*(?:''|\"|``|“)\s*$", text[max(0, s - 8):s])   # ABC News' "This Week"


def _decade_ok(doc, text, s, e, frag):
    if re.search(r"\d{4}|'\d0", frag) or re.search(r"(?i)[a-z]{5}", frag):
        return True
    return bool(re.search(r"(?i)\bthe\b", text[max(0, s - 12):e]))


def _ref_ok(doc, text, s, e, frag):
    low = frag.lower()
    if low in ("former",):
        return False
    if low == "soon":
        # the adverb in a present or future clause ("may soon seek an indictment") is FUTURE_REF; not the
        # signals "as soon as" / "soon after", "too soon", nor a past clause ("was soon released")
        if re.search(r"(?i)\b(?:as|too|so|how)\s*$", text[max(0, s - 5):s]) or \
                re.match(r"(?i)\s*(?:after|afterwards?|before|thereafter|as|enough|to\s+be|-)", text[e:e + 12]):
            return False
        span = doc.char_span(s, e, alignment_mode="expand")
        return span is not None and tense_of(span) >= 0
    if low in ("current", "recent", "future"):
        nxt = re.match(r"\s+([a-z]+)", text[e:e + 20])
        if nxt and nxt.group(1) in ("years", "months", "weeks", "days", "times", "generations", "decades",
                                    "period", "periods"):
            return True
        if low == "current":
            # the attributive adjective ("the current talks", "its current position") is PRESENT_REF in
            # TimeBank more often than not (9 of 16); not "current account(s)" (economics), "then current"
            span = doc.char_span(s, e, alignment_mode="expand")
            return bool(nxt) and span is not None and len(span) == 1 and span[0].pos_ == "ADJ" and \
                span[0].dep_ == "amod" and not re.match(r"accounts?\b", nxt.group(1)) and \
                not re.search(r"(?i)\bthen\s*$", text[max(0, s - 6):s])
        return not nxt
    return True


CHECKS = {"month": _month_ok, "month_year": _month_ok, "date": _date_ok, "weekday": _weekday_ok,
          "year": _year_ok, "season": _season_ok, "duration": _duration_ok, "quarter": _quarter_ok,
          "decade": _decade_ok, "ref": _ref_ok, "time": _time_ok, "deictic": _deictic_ok, "rel": _rel_ok}
