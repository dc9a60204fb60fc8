"""Normalizers for expressions resolved against the DCT or an earlier expression:
quarters, seasons, "last year", "two weeks ago", "that day", weekdays, "yesterday", holidays."""
from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter

from entente.nlp.timex import values as tv
from entente.nlp.timex.lexicon import HOLIDAYS, PARTS_OF_DAY, SEASONS, WEEKDAYS, number_value
from entente.nlp.timex.normalize import (
    _direction, _dct, _month, _near_year, _rel_year, written_year, months_in_focus, norm_date,
    quarter_in_focus)

QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 2}


def _shift_value(value: str, unit: str, n: int) -> str | None:
    """Shift a DATE value (any granularity) by n units, keeping its granularity."""
    start, _, gran = tv.value_range(value)
    if start is None:
        return None
    d = tv.shift(dt.date.fromisoformat(start), unit, n)
    if gran == "season":
        return f"{d.year:04d}{value[4:]}"
    return tv.value_at(d, gran) if gran in ("day", "week", "month", "quarter", "half", "year",
                                            "decade", "century") else None


def norm_quarter(text, ctx):
    t = text.lower()
    m = re.search(r"\b([qh])([1-4])\b", t)
    several = re.search(r"\b(first|last|final)\s+(two|three|2|3)\s+(?:fiscal\s+)?quarters", t)
    if several:
        if several.group(2) in ("three", "3"):
            return "DURATION", "P9M", False   # "the first three quarters (of 1989)": nine months
        # "the first two quarters of 1990" = the first half
        return norm_quarter(t[:several.start()] + ("first" if several.group(1) == "first" else "second") +
                            " half" + t[several.end():], ctx)
    if m:
        kind, n = m.group(1).upper(), int(m.group(2))
    else:
        w = re.search(r"(first|second|third|fourth|1st|2nd|3rd|4th|last(?=\s+half))[\s-]+(?:fiscal[\s-]+)?"
                      r"(quarter|half)", t)
        if not w:
            return None
        kind, n = ("Q" if w.group(2) == "quarter" else "H"), QORD[w.group(1)]
    year = _rel_year(text, ctx)
    if year is None and ("year-ago" in t or "year-earlier" in t) and ctx.dct:
        year = ctx.dct.year - 1
    anchored = year is None or not written_year(text)
    if year is None:
        base = _dct(ctx)
        if base is None:
            return "DATE", f"XXXX-{kind}{n}", False
        cur = tv.quarter_of(base) if kind == "Q" else (1 if base.month <= 6 else 2)
        year = base.year - 1 if (ctx.tense < 0 and n > cur) else base.year
    elif anchored:
        _dct(ctx)
    return "DATE", f"{year:04d}-{kind}{n}", anchored


def norm_quarter_rel(text, ctx):
    """'the quarter', 'the latest quarter', 'last quarter', 'the year-ago quarter', 'the latest period'."""
    t = text.lower()
    half = "half" in t and "quarter" not in t
    unit = "half" if half else "quarter"
    recent = quarter_in_focus(ctx, half)
    latest = "latest" in t or "most recent" in t
    if recent and latest and ctx.dct and tv.value_range(recent)[1] >= ctx.dct.isoformat():
        recent = None   # "the latest quarter" has ended: not the current/coming quarter under discussion
    year_back = re.search(r"year-ago|year-earlier|last year|a year (earlier|ago)", t)
    if "period" in t and year_back and months_in_focus(ctx) and ctx.dct:
        # "In the first nine months, net rose ... from $5 million in the year-earlier period": those
        # months of the previous year; a DATE can only say which year
        _dct(ctx)
        return "DATE", str(ctx.dct.year - 1), True
    named_year = written_year(text) if re.search(r"(1\d{3}|20\d\d)", t) else None
    if named_year and not recent:
        recent = ctx.quarter   # "the 1988 period": the quarter under discussion, in that year
        if not recent or half != ("-H" in recent):
            return "DATE", str(named_year) + ("" if "period" in t or half else "-QX"), False
    ended = _period_end(ctx)
    if ended is not None and unit == "quarter" and not year_back and not recent:
        # "the quarter ended Sept. 30": the calendar quarter holding most of the three months
        _dct(ctx)
        return "DATE", tv.value_at(ended - dt.timedelta(days=45), "quarter"), True
    if recent and not re.search(r"\b(last|previous|prior|next|this|current)\b", t):
        base_val, ctx.anchor = recent, recent
    else:
        base = _dct(ctx)
        if base is None:
            return None
        base_val = tv.value_at(base, unit)
        d = _direction(text, ctx) if re.search(r"\b(last|previous|prior|next)\b", t) else 0
        if d == 0 and (latest or (t.strip() in ("the quarter", "the period") and ctx.tense < 0)):
            d = -1   # the latest (reported) quarter is the last completed one
        base_val = _shift_value(base_val, unit, d) if d else base_val
    if year_back:
        base_val = _shift_value(base_val, "year", -1)
    if named_year:
        base_val = str(named_year) + base_val[4:]
    return ("DATE", base_val, True) if base_val else None


PERIOD_END = re.compile(r"\s+(?:ended|ending)\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\b")


def _period_end(ctx):
    """The date in "... ended Sept. 30" right after the expression (year nearest the DCT, past)."""
    m = PERIOD_END.match(ctx.following)
    if not m or ctx.dct is None:
        return None
    month = _month(m.group(1))
    if month is None:
        return None
    day = int(m.group(2))
    try:
        return dt.date(_near_year(ctx.dct, month, day, -1), month, day)
    except ValueError:
        return None


def norm_season(text, ctx):
    code = SEASONS[re.search(r"(spring|summer|fall|autumn|winter)", text, re.I).group(1).lower()]
    year = written_year(text)
    if year:
        return "DATE", f"{year:04d}-{code}", False
    base = _dct(ctx)
    if base is None:
        return "DATE", f"XXXX-{code}", False
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    cur_year = base.year - 1 if code == "WI" and base.month <= 2 else base.year
    in_season = start <= (base.month if base.month > 2 or code != "WI" else base.month + 12) < start + 3
    d = _direction(text, ctx)
    if d < 0:
        year = cur_year if (base.month >= start + 3 and code != "WI") else cur_year - 1
    elif d > 0:
        year = cur_year if (base.month < start and not in_season) else cur_year + 1
    else:
        year = cur_year
    return "DATE", f"{year:04d}-{code}", True


def norm_rel(text, ctx):
    """'last year', 'this week', 'next month', 'earlier this year', 'the past decade'."""
    t = text.lower()
    unit = re.search(r"(weekend|week|month|year|decade|century)\b", t).group(1)
    if re.search(r"\bthe\s+(next|coming)\s", t) or re.match(r"past\s", t):
        if unit != "weekend" and not re.search(r"\b(early|late|end|beginning|start|mid)", t):
            return "DURATION", "P" + {"week": "1W", "month": "1M", "year": "1Y", "decade": "10Y",
                                      "century": "100Y"}[unit], False
    if re.search(r"\bthe\s+same\s", t) and ctx.ref:
        ctx.anchor = ctx.ref
        return "DATE", ctx.ref, True
    base = _dct(ctx)
    if base is None:
        return "DATE", {-1: "PAST_REF", 1: "FUTURE_REF"}.get(_direction(text, ctx), "PRESENT_REF"), False
    d = _direction(text, ctx) if re.search(r"\b(last|past|previous|next|coming|following|upcoming)\b", t) else 0
    if re.search(r"\b(latest|most\s+recent)\b", t):
        d = -1   # "the latest fiscal year": the last completed one (as "the latest quarter")
    if unit == "weekend":
        return "DATE", _weekend(base, d, ctx.tense) if d == 0 else tv.week_value(tv.shift(base, "week", d)) + "-WE", True
    return "DATE", tv.value_at(tv.shift(base, unit, d), unit), True


def _weekend(base, d, tense) -> str:
    """'the weekend' / 'this weekend' from a weekday DCT: the one just past in a past (or
    unmarked) clause, the coming one in a future clause; from a Saturday/Sunday, that weekend."""
    if base.weekday() < 5 and tense <= 0 and not (tense == 0 and base.weekday() >= 3):
        base = base - dt.timedelta(days=7)
    return tv.week_value(base) + "-WE"


def norm_bare(text, ctx):
    """'the end of the year', 'year-end', 'the weekend', 'year-ago' → the DCT's unit (or a year back)."""
    t = text.lower()
    base = _dct(ctx)
    if base is None:
        return None
    if "weekend" in t:
        return "DATE", _weekend(base, 0, ctx.tense), True
    if "year-ago" in t or "year-earlier" in t:
        recent = ctx.quarter if ctx.quarter and ctx.sent - ctx.quarter_sent <= 8 else None
        return "DATE", (_shift_value(recent, "year", -1) if recent else str(base.year - 1)), True
    if "full year" in t:
        return "DATE", str(base.year), True
    unit = re.search(r"(week|month|year|decade|century|day)", t).group(1)
    return "DATE", tv.value_at(base, unit), True


def norm_ago(text, ctx):
    t = text.lower()
    um = re.search(r"(second|minute|hour|day|night|fortnight|week|month|quarter|year|decade|centur)", t)
    n = number_value(re.sub(r"^(about|around|approximately|nearly|almost|roughly|more than|less than|"
                            r"some|just|only|at least|up to|well over)\s+", "", t[:um.start()].strip(" -")))
    sign = -1 if re.search(r"\b(ago|earlier|before|back)\b", t) else 1
    if n is None or n == "X":
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False
    unit = {"centur": "century", "night": "day", "fortnight": "week"}.get(um.group(1), um.group(1))
    n = n * 2 if um.group(1) == "fortnight" else n
    if unit in ("second", "minute", "hour"):
        base = _dct(ctx)
        return ("DATE", base.isoformat(), True) if base else None
    if not float(n).is_integer():
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False
    n = int(n)
    relative_to_ref = re.search(r"\b(earlier|later|before|after)\b", t)
    recent_q = ctx.quarter if ctx.quarter and ctx.sent - ctx.quarter_sent <= 3 else None
    gran = {"decade": "year", "century": "year"}.get(unit, unit)
    if unit == "year" and n == 1 and ctx.ref and len(ctx.ref) == 10 and ctx.sent - ctx.ref_sent <= 0 and \
            ctx.ref_kind == "date" and \
            (not recent_q or ctx.ref_pos > ctx.quarter_pos):
        # "... for the quarter ended Sept. 30, up from $100 million a year earlier": that day a year back
        ctx.anchor = ctx.ref
        return "DATE", _shift_value(ctx.ref, "year", sign), True
    if unit == "year" and n == 1 and recent_q:
        ctx.anchor = recent_q
        return "DATE", _shift_value(recent_q, "year", sign), True
    if relative_to_ref and ctx.ref and _finer_or_equal(ctx.ref, unit):
        ctx.anchor = ctx.ref
        start = dt.date.fromisoformat(tv.value_range(ctx.ref)[0])
        return "DATE", tv.value_at(tv.shift(start, unit, sign * n), gran), True
    base = _dct(ctx)
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", False
    return "DATE", tv.value_at(tv.shift(base, unit, sign * n), gran), True


ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "season": 3, "year": 4, "decade": 5,
         "century": 6}


def _order(g):
    return ORDER.get(g, 9)


def _finer_or_equal(value, unit):
    g = tv.value_range(value)[2]
    return g is not None and _order(g) <= _order(unit)


def norm_anaphor(text, ctx):
    """'that day', 'the next day', 'earlier that day', 'later that year', 'the day before'."""
    t = text.lower()
    part = re.search(r"(morning|afternoon|evening|night)", t)
    unit = "day" if part else re.search(r"(day|weekend|week|month|year)\b", t).group(1)
    d = -1 if re.search(r"previous|preceding|prior|before", t) else 1 if re.search(r"next|following|after", t) else 0
    ref = ctx.ref if ctx.ref and _finer_or_equal(ctx.ref, "week" if unit == "weekend" else unit) else None
    if ref and unit == "day" and not part and ctx.ref_sent == ctx.sent and len(ref) == 10 and \
            re.match(r"the\s+day\s+(?:before|after)\b", t) and APPOSITION.search(ctx.preceding or ""):
        # "last seen Nov. 3, the day before authorities issued a warrant": an appositive restating the date
        ctx.anchor = ref
        return "DATE", ref, True
    if not ref and re.match(r"(?:(?:early|late|earlier|later)\s+)?(?:that|the\s+same)\s", t):
        return None   # "strong redemptions that day" with no day named before: nothing to resolve against
    if ref:
        ctx.anchor = ref
        start = dt.date.fromisoformat(tv.value_range(ref)[0])
    else:
        start = _dct(ctx)
        if start is None:
            return None
    u = "week" if unit == "weekend" else unit
    day = tv.shift(start, u, d)
    if part:
        return "TIME", day.isoformat() + "T" + PARTS_OF_DAY[part.group(1)], True
    val = tv.value_at(day, u) + ("-WE" if unit == "weekend" else "")
    return "DATE", val, True


APPOSITION = re.compile(r"(?:\b\d{1,2}|\b\d{4}|day)\s*,\s*$")


def norm_deictic(text, ctx):
    t = text.lower()
    base = _dct(ctx)
    if base is None:
        return "DATE", "PRESENT_REF", False
    off = -2 if "day before yesterday" in t else 2 if "day after tomorrow" in t else \
        -1 if "yesterday" in t else 1 if "tomorrow" in t else 0
    part = re.search(r"(morning|afternoon|evening|night|tonight|overnight)", t)
    if part and part.group(1) == "night" and re.search(r"\blast\b", t):
        off = -1
    day = base + dt.timedelta(days=off)
    if part:
        code = "NI" if part.group(1) == "tonight" else PARTS_OF_DAY[part.group(1)]
        return "TIME", day.isoformat() + "T" + code, True
    return "DATE", day.isoformat(), True


def norm_weekday(text, ctx):
    t = text.lower()
    w = re.search(r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*", t)
    wd = WEEKDAYS.get(w.group(0).rstrip("."), None) if w else None
    if wd is None:
        wd = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}[w.group(1)]
    base = _dct(ctx)
    part = re.search(r"(morning|afternoon|evening|night)", t)
    if base is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", False
    shift = -1 if re.match(r"the\s+day\s+before\b", t) else 1 if re.match(r"the\s+day\s+after\b", t) else 0
    t = re.sub(r"^the\s+day\s+(?:before|after)\s+", "", t)
    if shift:
        r = norm_weekday(t, ctx)   # "the day before last Tuesday('s hearing)"
        if r is None or not re.match(r"\d{4}-\d\d-\d\d", r[1]):
            return r
        return "DATE", (dt.date.fromisoformat(r[1][:10]) + dt.timedelta(days=shift)).isoformat(), True
    anaphoric = re.match(r"the\s+(previous|preceding|prior|following|next)\s", t)
    if anaphoric and ctx.ref and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.ref):
        # "down 4.5% from the previous Friday": relative to the day under discussion
        ref = dt.date.fromisoformat(ctx.ref)
        ctx.anchor = ctx.ref
        if anaphoric.group(1) in ("previous", "preceding", "prior"):
            day = tv.weekday_near(ref - dt.timedelta(days=1), wd, -1)
        else:
            day = tv.weekday_near(ref + dt.timedelta(days=1), wd, 1)
        return "DATE", day.isoformat(), True
    if re.search(r"\b(last|past|previous)\b", t):
        day = tv.weekday_near(base - dt.timedelta(days=1), wd, -1)
    elif re.search(r"\b(next|coming)\b", t):
        day = tv.weekday_near(base + dt.timedelta(days=1), wd, 1)
    elif re.search(r"\bthis\b", t):
        day = tv.weekday_near(base, wd, 1 if ctx.tense >= 0 else -1)
    else:
        day = tv.weekday_near(base, wd, 1 if ctx.tense > 0 else -1)
    if part:
        return "TIME", day.isoformat() + "T" + PARTS_OF_DAY[part.group(1)], True
    return "DATE", day.isoformat(), True


def norm_holiday(text, ctx):
    t = " ".join(text.lower().split())
    year = written_year(text)
    base = ctx.dct
    if year is None and base is None:
        return None
    def on(y):
        if "thanksgiving" in t:
            nov1 = dt.date(y, 11, 1)
            return tv.weekday_near(nov1, 3, 1) + dt.timedelta(weeks=3)
        if "easter" in t or "good friday" in t:
            e = easter(y)
            return e - dt.timedelta(days=2) if "good friday" in t else e
        if "memorial day" in t:
            return tv.weekday_near(dt.date(y, 5, 31), 0, -1)
        if "labor day" in t:
            return tv.weekday_near(dt.date(y, 9, 1), 0, 1)
        for name, (mo, d) in sorted(HOLIDAYS.items(), key=lambda kv: -len(kv[0])):
            if name in t:
                return dt.date(y, mo, d)
        return dt.date(y, 1, 1)
    week = bool(re.search(r"\bweek$", t))   # "Easter week": the ISO week that ends on Easter Sunday
    out = (lambda d: tv.value_at(d, "week")) if week else (lambda d: d.isoformat())
    if year:
        return "DATE", out(on(year)), False
    _dct(ctx)
    d = _direction(text, ctx)
    cands = [on(y) for y in (base.year - 1, base.year, base.year + 1)]
    near = min(cands, key=lambda c: abs((c - base).days))
    if abs((near - base).days) <= HOLIDAY_SLACK and not re.match(r"(last|next|this)\s", t):
        pick = near   # a holiday within two weeks is that one, whatever the tense ("as Easter week began")
    elif d < 0:
        pick = max([c for c in cands if c <= base])
    elif d > 0:
        pick = min([c for c in cands if c >= base])
    else:
        pick = near
    return "DATE", out(pick), True


HOLIDAY_SLACK = 14


def norm_part_of_day(text, ctx):
    """'in the morning', 'by mid afternoon', 'later in the day': a part of the day under
    discussion (the last explicit day in this or the previous sentence), else of the DCT."""
    t = text.lower()
    if ctx.ref and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.ref) and ctx.sent - ctx.ref_sent <= 1:
        day, ctx.anchor = ctx.ref, ctx.ref
    else:
        base = _dct(ctx)
        if base is None:
            return None
        day = base.isoformat()
    part = re.search(r"(morning|afternoon|evening)", t)
    if not part:
        return "DATE", day, True
    return "TIME", day + "T" + PARTS_OF_DAY[part.group(1)], True


def norm_week_of(text, ctx):
    """'the week of March 6' → the ISO week holding that day."""
    r = norm_date(re.sub(r"(?i)^the\s+week\s+of\s+", "", text), ctx)
    if r is None:
        return None
    return "DATE", tv.week_value(dt.date.fromisoformat(r[1][:10])), r[2]


def norm_the_unit(text, ctx):
    """'for the year' → the DCT's year; 'the year ended/ending ...' is a DURATION (fiscal period)."""
    t = text.lower()
    unit = re.search(r"(year|week|month)", t).group(1)
    if ctx.following and re.match(r"\s+(ended|ending|through|to)\b", ctx.following):
        return "DURATION", "P1" + unit[0].upper(), False
    base = _dct(ctx)
    if base is None:
        return None
    return "DATE", tv.value_at(base, unit), True
