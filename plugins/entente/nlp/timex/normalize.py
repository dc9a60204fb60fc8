"""Normalize one matched expression to (TIMEX3 type, value, anchored?) given the document context.

`anchored` is True when the value was computed from the DCT or an earlier expression (the
component then records the anchor). Returns None to reject a match."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


from entente.nlp.timex.lexicon import (
    DECADE_WORDS, MONTHS, ORDINALS, spoken_year)


@dataclass
class Context:
    dct: dt.date | None
    tense: int = 0               # -1 past, 0 present/unknown, +1 future
    ref: str | None = None       # last absolute DATE value mentioned (for "a year earlier", "that day")
    quarter: str | None = None   # last quarter/half mentioned, and the sentence it was in
    quarter_sent: int = -99
    quarter_pos: int = -1
    ref_sent: int = -99          # sentence and position of the last absolute date (ref)
    ref_pos: int = -1
    ref_kind: str = ""           # grammar family of that expression ("date" = an explicit calendar date)
    topic_quarter: str | None = None   # the document's reporting quarter: the first completed one it names
    period: str | None = None    # the last reporting period named: a quarter/half value or a months DURATION
    period_sent: int = -99
    sent: int = 0
    anchor: str | None = None    # set by a normalizer to the value it resolved against
    following: str = ""          # a few characters of text after the expression
    preceding: str = ""          # ... and before it


def _word(rx: str, text: str):
    m = re.search(rx, text, re.I)
    return m.group(0).lower() if m else None


def _month(text):
    m = re.search(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", text, re.I)
    return MONTHS[m.group(1).lower()] if m else None


def written_year(text):
    """The year written in a temporal expression (1990, '90, nineteen ninety), else None."""
    m = re.search(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"'(\d\d)\b", text)
    if m:
        return 1900 + int(m.group(1)) if int(m.group(1)) > 30 else 2000 + int(m.group(1))
    return spoken_year(text)


def _direction(text, ctx):
    t = text.lower()
    if re.search(r"\b(last|past|previous|preceding|prior)\b", t):
        return -1
    if re.search(r"\b(next|coming|following|upcoming)\b", t):
        return 1
    if re.search(r"\b(this|current|present)\b", t):
        return 0
    return ctx.tense


def _dct(ctx):
    ctx.anchor = ctx.dct.isoformat() if ctx.dct else None
    return ctx.dct


def _rel_year(text, ctx):
    """Year named in the text, else relative ("last year's") to the DCT, else None."""
    y = written_year(text)
    if y:
        return y
    d = ctx.dct
    if d is None:
        return None
    t = text.lower()
    if re.search(r"\blast year|previous year|year-ago|year-earlier|a year (earlier|ago)", t):
        return d.year - 1
    if re.search(r"\bnext year", t):
        return d.year + 1
    return None


# ---------------------------------------------------------------- calendar dates

def norm_date(text, ctx):
    m = re.search(r"(\d{4})-(\d\d)-(\d\d)(T\d\d:\d\d)?", text)
    if m:
        return ("TIME" if m.group(4) else "DATE"), m.group(0), False
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
    if m:
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + (1900 if y > 30 else 2000) if y < 100 else y
        return _day_value(y, mo, d, False)
    month = _month(text)
    dm = re.search(r"(?<![\d'])([0-3]?\d)(?:st|nd|rd|th)?(?!\d)", re.sub(r"(1\d{3}|20\d\d)", "", text))
    if month is None or dm is None:
        return None
    day, year = int(dm.group(1)), written_year(text)
    if year is None:
        base = _dct(ctx)
        if base is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", False
        year = _near_year(base, month, day, ctx.tense)
        return _day_value(year, month, day, True)
    return _day_value(year, month, day, False)


def _near_year(base, month, day, tense, slack=None):
    slack = DAY_SLACK if slack is None else slack
    """Year for a month/day without a year: by tense, else the one nearest the DCT."""
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            cands.append(dt.date(y, month, min(day, 28 if month == 2 else day)))
        except ValueError:
            continue
    near = min(cands, key=lambda c: abs((c - base).days))
    if tense < 0 and (near - base).days > slack:
        return max(c for c in cands if c <= base).year
    if tense > 0 and (base - near).days > slack:
        return min(c for c in cands if c >= base).year
    return near.year


MONTH_SLACK = 1   # months: an adjacent month is taken whatever the tense ("until mid-November")
DAY_SLACK = 61    # days: month + day nearest the DCT unless the tense says otherwise beyond this


def _near_month_year(base, month, tense, slack=None):
    """Year for a month named without a year: the nearest such month to the DCT's month, unless
    the clause's tense points the other way and the nearest is more than `slack` months off."""
    slack = MONTH_SLACK if slack is None else slack
    here = base.year * 12 + base.month
    cands = [(y, y * 12 + month - here) for y in (base.year - 1, base.year, base.year + 1)]
    year, dist = min(cands, key=lambda c: (abs(c[1]), -c[1] if tense < 0 else c[1]))
    if tense < 0 and dist > slack:
        return max(y for y, d in cands if d <= 0)
    if tense > 0 and dist < -slack:
        return min(y for y, d in cands if d >= 0)
    return year


def _day_value(y, mo, d, anchored):
    try:
        return "DATE", dt.date(y, mo, d).isoformat(), anchored
    except ValueError:
        return None


def norm_month_year(text, ctx):
    month, year = _month(text), written_year(text)
    if month and year is None and ctx.dct:
        year = _rel_year(text, ctx) or ctx.dct.year
        _dct(ctx)
        return "DATE", f"{year:04d}-{month:02d}", True
    if month is None or year is None:
        return None
    return "DATE", f"{year:04d}-{month:02d}", False


def norm_month(text, ctx):
    month = _month(text)
    if month is None:
        return None
    base = _dct(ctx)
    if base is None:
        return "DATE", f"XXXX-{month:02d}", False
    t = text.lower()
    if re.search(r"\b(last|past|previous)\b", t):
        # "last February" in a March article is a year back: the month just ended is "last month"
        this_past = re.search(r"\bthis\s+past\b", t) or (re.match(r"past\b", t) and
                                                           re.search(r"(?i)\bthis\s*$", ctx.preceding or ""))
        gap = 0 if this_past else 1   # "this past March" is the latest March
        year = base.year - 1 if month >= base.month - gap else base.year
    elif re.search(r"\b(next|coming)\b", t):
        year = base.year + 1 if month <= base.month else base.year
    elif re.search(r"\b(this|current)\b", t):
        year = base.year
    else:
        year = _near_month_year(base, month, ctx.tense)
    return "DATE", f"{year:04d}-{month:02d}", True


def norm_year(text, ctx):
    y = written_year(text)
    if not y:
        return None
    if re.search(r"(?i)\bperiod$", text) and not months_in_focus(ctx):
        # "the 1988 period": the quarter under discussion, in that year ("1988-Q3"); right after
        # "the first nine months" it is that stretch of the year, i.e. the year itself
        q = quarter_in_focus(ctx)
        if q:
            ctx.anchor = q
            return "DATE", f"{y:04d}{q[4:]}", True
    return "DATE", f"{y:04d}", False


def quarter_in_focus(ctx, half=None):
    """The quarter (or half) under discussion: the last one named in this or the previous sentence,
    else the document's reporting quarter (the first completed one it names: earnings news opens
    with it), else the last one named within 8 sentences. `half` True/False restricts the kind."""
    cands = []
    if ctx.quarter and ctx.sent - ctx.quarter_sent <= 1:
        cands.append(ctx.quarter)
    if ctx.topic_quarter:
        cands.append(ctx.topic_quarter)
    if ctx.quarter and ctx.sent - ctx.quarter_sent <= 8:
        cands.append(ctx.quarter)
    for q in cands:
        if half is None or half == ("-H" in q):
            return q
    return None


def months_in_focus(ctx):
    """A span of months ("the first nine months", DURATION P9M) named after the last quarter and
    within two sentences: "the year-earlier period" / "the 1988 period" then refer to it."""
    p = ctx.period
    return p if p and p.startswith("P") and ctx.sent - ctx.period_sent <= 2 else None


def norm_decade(text, ctx):
    m = re.search(r"(\d{2})?(\d)0'?s", text)
    if m and m.group(1):
        return "DATE", m.group(1) + m.group(2), False
    if m:
        return "DATE", "19" + m.group(2), False
    w = _word(r"(" + "|".join(DECADE_WORDS) + r")", text)
    return ("DATE", f"19{DECADE_WORDS[w]}", False) if w else None


def norm_century(text, ctx):
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
    n = int(m.group(1)) if m else None
    if n is None:
        for w, v in ORDINALS.items():
            if re.search(r"\b" + w + r"\b", text, re.I) and w not in ("last", "final"):
                n = v
    return ("DATE", f"{n - 1:02d}", False) if n else None
