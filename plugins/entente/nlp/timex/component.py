"""`entente_timex`: find temporal expressions and normalize them to TIMEX3 (see docs/timex.md).

Runs after the model's parser and ner. Candidates come from the regex grammar over doc.text
(timex_grammar), are filtered with the tagger/parser/NER as hints (timex_filter), then
normalized in text order so that anaphoric expressions ("a year earlier", "the quarter",
"that day") see the expressions before them (timex_normalize, timex_relative, timex_duration)."""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from entente.nlp import extensions  # noqa: F401  (registers Doc._.dct / Doc._.timexes)
from entente.nlp.timex import values as tv
from entente.nlp.timex.duration import norm_duration, norm_ref, norm_set, norm_time
from entente.nlp.timex.filter import keep
from entente.nlp.timex.grammar import candidates, select
from entente.nlp.timex.normalize import (
    Context, norm_century, norm_date, norm_decade, norm_month, norm_month_year, norm_year)
from entente.nlp.timex.relative import (
    norm_ago, norm_anaphor, norm_bare, norm_deictic, norm_holiday, norm_quarter, norm_quarter_rel,
    norm_part_of_day, norm_rel, norm_season, norm_the_unit, norm_week_of, norm_weekday)
from entente.nlp.timex.reads_parse import NEEDS_TENSE
from entente.nlp.timex.squeeze import SqueezedDoc, squeeze
from entente.nlp.timex.tense import tense_of

NORMALIZERS = {
    "date": norm_date, "month_year": norm_month_year, "month": norm_month, "year": norm_year,
    "decade": norm_decade, "century": norm_century, "quarter": norm_quarter,
    "quarter_rel": norm_quarter_rel, "period_rel": norm_quarter_rel, "season": norm_season,
    "rel": norm_rel, "bare": norm_bare, "ago": norm_ago, "anaphor": norm_anaphor,
    "duration": norm_duration, "set": norm_set, "ref": norm_ref, "deictic": norm_deictic,
    "weekday": norm_weekday, "time": norm_time, "holiday": norm_holiday, "the_unit": norm_the_unit,
    "week_of": norm_week_of, "part_of_day": norm_part_of_day,
}


def find_timexes(doc: Doc) -> list[dict]:
    text, original = squeeze(doc.text)
    if original is None:
        return _find_timexes(doc, text)
    found = _find_timexes(SqueezedDoc(doc, original), text)
    for timex in found:
        timex["start"], timex["end"] = original[timex["start"]], original[timex["end"] - 1] + 1
        timex["text"] = doc.text[timex["start"]:timex["end"]]
    return found


def _find_timexes(doc, text: str) -> list[dict]:
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [s.start_char for s in sents]
    original = doc.original if isinstance(doc, SqueezedDoc) else None
    ctx = Context(dct=tv.parse_iso(doc._.dct))
    out = []
    for s, e, kind in select([c for c in candidates(text) if keep(doc, text, *c)]):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        ctx.sent = bisect.bisect_right(starts, original[s] if original else s) - 1
        ctx.tense = tense_of(span, sents[ctx.sent]) if kind in NEEDS_TENSE else 0
        ctx.anchor = None
        ctx.following = text[e:e + 24]
        ctx.preceding = text[max(0, s - 24):s]
        s = _trim_determiner(text, s, e, kind)
        try:
            res = NORMALIZERS[kind](text[s:e], ctx)
        except (ValueError, KeyError, AttributeError, IndexError, TypeError):
            res = None
        if res is None:
            continue
        if kind == "anaphor":
            e = _signal_end(text, s, e)
        out.append(_record(text, s, e, res, ctx))
        if kind == "date" and out[-1]["granularity"] == "day":
            _coordinated_day(text, e, out, ctx)
        if kind not in ("ago", "bare") and not re.search(r"(?i)year-(ago|earlier)|last year|a year", text[s:e]):
            _remember(out[-1], ctx, kind)
        if kind == "duration" and re.fullmatch(r"P(?:[2-9]|1[0-2])M", out[-1]["value"]) and \
                re.search(r"(?i)months$", text[s:e]):
            ctx.period, ctx.period_sent = out[-1]["value"], ctx.sent   # "the first nine months"
    return out


SIGNAL_TAIL = re.compile(r"(?i)\s+(?:before|after)$")


def _signal_end(text, s, e) -> int:
    """TimeML: in "the day after his death" / "the day before authorities issued a warrant" the
    "after"/"before" is a signal introducing an event, outside the timex: the span is "the day".
    At the end of a clause ("the day before, he had ...") it stays inside."""
    m = SIGNAL_TAIL.search(text, s, e)
    if m and re.match(r"\s+[\w$]", text[e:e + 2]):
        return m.start()
    return e


COORD_DAY = re.compile(r"\s+(?:and|or|&)\s+((?:3[01]|[12][0-9]|0?[1-9]))(?:st|nd|rd|th)?"
                       r"(?=\s*(?:$|[.,;:)!?\n]|(?:in|at|on|when|with|as|for|to|and|that|but|while|after|before)\b))")


def _coordinated_day(text, e, out, ctx) -> None:
    """'April 24 and [25]': the bare second day is a DATE of the same month (TimeML tags each day)."""
    m = COORD_DAY.match(text, e)
    first = out[-1]
    if not m or not re.fullmatch(r"\d{4}-\d\d-\d\d", first["value"]):
        return
    day = int(m.group(1))
    if day <= int(first["value"][8:]):
        return
    try:
        value = tv.parse_iso(first["value"][:8] + f"{day:02d}").isoformat()
    except (ValueError, AttributeError, TypeError):
        return
    s2, e2 = m.start(1), m.end(1)
    out.append(_record(text, s2, e2, ("DATE", value, first["anchor"] is not None), ctx))


LEAD_DET = re.compile(r"(?i)(?:a|an|the|its|their|his|her|our|that|this)\s+(?=\S*-)")
PRENOMINAL = re.compile(r"(?i)(?:quarter|half|year|month|week|day|hour|minute|second|decade|century)s?$")


def _trim_determiner(text, s, e, kind) -> int:
    """TimeML: in "a third-quarter loss" / "the 1996 election" the determiner belongs to the noun."""
    m = LEAD_DET.match(text, s)
    if m and kind in ("quarter", "duration") and PRENOMINAL.search(text[s:e]) and "-" in text[m.end():e] \
            and not re.search(r"\s", text[m.end():e]):
        return m.end()
    if kind in ("month", "month_year") and re.match(r"(?i)the\s+(?:early|late|mid)-", text[s:e]) and \
            re.match(r"\s+[a-z]", text[e:e + 3]):
        return s + 4   # "the [late-November] trip"
    if kind == "year" and re.match(r"(?i)the\s+\d{4}$", text[s:e]) and re.match(r"\s+[A-Za-z]", text[e:e + 3]) \
            and not re.match(r"\s+(?:and|or|to|through|until|when|as|with|for|in|on|at|of|is|was)\b", text[e:e + 10]):
        return s + 4   # "the [1996] Olympic bombing"
    if kind == "duration" and PRENOMINAL_N.match(text, s, e) and re.match(r"\s+[a-z]{3,}", text[e:e + 5]) \
            and not re.match(r"\s+(?:ago|earlier|later|before|after|and|or|of|in|to|from|long|old)\b", text[e:e + 10]):
        return s + PRENOMINAL_N.match(text, s, e).end(1) - s   # "a [four year] low", "the [two day] rally"
    return s


PRENOMINAL_N = re.compile(r"(?i)((?:a|an|the)\s+)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"\d+)\s+(?:year|month|week|day|hour|minute)$")


def _record(text, s, e, res, ctx) -> dict:
    typ, value, anchored = res
    rs, re_, _ = tv.value_range(value) if typ in ("DATE", "TIME") else (None, None, None)
    return {"start": s, "end": e, "text": text[s:e], "type": typ, "value": value,
            "range_start": rs, "range_end": re_, "granularity": tv.granularity_of(value, typ),
            "anchor": (ctx.anchor or (ctx.dct.isoformat() if ctx.dct else None)) if anchored else None,
            "sentence_index": ctx.sent}


def _remember(t: dict, ctx: Context, kind: str) -> None:
    """Keep the last absolute date (and quarter) for anaphoric expressions that follow."""
    if t["type"] not in ("DATE", "TIME") or t["range_start"] is None:
        return
    ctx.ref = t["value"][:10] if t["type"] == "TIME" else t["value"]
    ctx.ref_sent, ctx.ref_pos, ctx.ref_kind = ctx.sent, t["start"], kind
    if t["granularity"] in ("quarter", "half") and (t["anchor"] == t["value"] or
                                                     not re.fullmatch(r"\d{4}-[QH]\d", t["anchor"] or "")):
        # (a quarter resolved against the one under discussion, "the 1988 period", does not replace it)
        ctx.quarter, ctx.quarter_sent, ctx.quarter_pos = t["value"], ctx.sent, t["start"]
        ctx.period, ctx.period_sent = t["value"], ctx.sent
        if ctx.topic_quarter is None and kind == "quarter" and ctx.dct and t["range_end"] < ctx.dct.isoformat():
            ctx.topic_quarter = t["value"]   # the reporting quarter: the first completed one named


class TimexTagger:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = find_timexes(doc)
        return doc


@Language.factory("entente_timex")
def make_timex(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger(nlp, name)
