"""Which temporal expressions read the parse, so that the selective parse (nlp/syntax) tags and
parses a sentence for its dates only when their TIMEX3 values may depend on it.

The grammar's candidates are filtered (timex/filter.py), the longest kept ones chosen
(`grammar.select`) and normalized (normalize.py, relative.py, duration.py). Most of that reads the
text alone; the parse is read in two filters and in the clause's tense:

- the year filter, for a written year after a capitalised word (a part of a name, "Euro 2004":
  the word's part of speech) or before a word (a count, "2000 troops": its dependency);
- the "ref" filter, for "soon" (tense) and "current" (an attributive adjective);
- the clause's tense (timex/tense.py), for the kinds in `NEEDS_TENSE` where the value is not
  written out: "on Tuesday" and "in March" are the last or the next one by the verb's tense,
  "on July 15, 2022", "this week" and "last year" are what they say.

`dates_reading_parse` runs the filters that read only the text and the choice of the longest
candidates as the timex component does, so a sentence without such a span has the same timexes
parsed or not (tests/nlp/test_syntax.py checks that on our sample articles).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from entente.nlp.timex.filter import YEAR_PREFIX_WORD, keep
from entente.nlp.timex.grammar import candidates, select
from entente.nlp.timex.normalize import written_year
from entente.nlp.timex.squeeze import SqueezedDoc, squeeze

NEEDS_TENSE = {"date", "week_of", "month", "quarter", "quarter_rel", "period_rel", "season", "weekday", "time",
               "holiday", "rel"}
FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
NUMERIC_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}")
# "this/last/next week", "the past month" write their direction; "the weekend" and "the latest
# year" take it from the clause (relative.norm_rel, normalize._direction)
REL_WITH_TENSE = re.compile(r"(?i)weekend|latest")


def dates_reading_parse(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) character offsets in `doc.text` of the date candidates whose filter
    reads the parse, and of the chosen candidates whose value depends on the clause's tense."""
    text, original = squeeze(doc.text)
    view = doc if original is None else SqueezedDoc(doc, original)
    spans, settled = [], []
    for start, end, kind in candidates(text):
        if filter_reads_parse(view, text, start, end, kind):
            spans.append((start, end))
        elif keep(view, text, start, end, kind):
            settled.append((start, end, kind))
    spans += [(start, end) for start, end, kind in select(settled)
              if value_reads_tense(text[start:end], kind)]
    if original is None:
        return spans
    return [(original[start], original[end - 1] + 1) for start, end in spans]


def filter_reads_parse(doc, text: str, start: int, end: int, kind: str) -> bool:
    """The candidate's filter (filter.CHECKS) reads tags or dependencies."""
    frag = text[start:end]
    if kind == "year":
        return _year_filter_reads_parse(doc, start, end, frag)
    if kind == "ref":
        return frag.lower() in ("soon", "current")
    return False


def value_reads_tense(frag: str, kind: str) -> bool:
    """The normalizer of a chosen candidate reads the clause's tense (component.NEEDS_TENSE):
    not for a written-out date ("July 15, 2022", "2022-07-15") or a relative one whose
    direction is written ("this week", "last month")."""
    if kind == "date":
        return not NUMERIC_DATE.search(frag) and written_year(frag) is None
    if kind == "rel":
        return bool(REL_WITH_TENSE.search(frag))
    return kind in NEEDS_TENSE


def _year_filter_reads_parse(doc, start: int, end: int, frag: str) -> bool:
    """filter._year_ok reads the parse for a written year (not "the year 2004", "fiscal 1989")
    after a capitalised word other than a month (is it a proper noun?) or before a word (is it
    the number of a plural noun?)."""
    if not FOUR_DIGITS.search(frag) or frag[:1].isalpha():
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    tok = next((t for t in span if t.like_num), None) if span is not None else None
    if tok is None:
        return False
    real = tok.doc
    before = real[tok.i - 1] if tok.i > 0 else None
    after = real[tok.i + 1] if tok.i + 1 < len(real) else None
    named = before is not None and before.is_title and not YEAR_PREFIX_WORD.fullmatch(before.text)
    return named or (after is not None and after.is_alpha)

