"""Normalizers for durations ("the past three years" → P3Y), sets ("every Monday" →
XXXX-WXX-1), document-relative references ("now" → PRESENT_REF) and clock times."""
from __future__ import annotations

import re

from entente.nlp.timex.lexicon import NUMWORD, PARTS_OF_DAY, SEASONS, WEEKDAYS, number_value
from entente.nlp.timex.normalize import _dct, _month, norm_date
from entente.nlp.timex.relative import norm_deictic, norm_weekday

UNIT_CODE = {"second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
             "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
             "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
             "year": ("Y", 1, False), "decade": ("Y", 10, False), "centur": ("Y", 100, False),
             "weekend": ("D", 2, False)}
SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "MT": ("S", 60)}
APPROX = re.compile(r"^(?:about|around|approximately|nearly|almost|roughly|more\s+than|less\s+than|"
                    r"fewer\s+than|at\s+least|at\s+most|up\s+to|some|just|only|barely|well\s+over|"
                    r"no\s+more\s+than|no\s+less\s+than|the\s+better\s+part\s+of)\s+")
LEAD = re.compile(r"^(?:(?:the|a|an|its|their|his|her|our)\s+)?(?:(?:past|last|next|previous|coming|first|"
                  r"final|latest|recent|following|remaining|preceding|full|entire|whole|initial|same|other|"
                  r"additional|extra|year-earlier|year-ago|comparable)\s+)?")
UNIT_FIND = re.compile(r"(second|minute|hour|day|night|fortnight|weekend|week|month|quarter|year|decade|centur)")


def duration_value(n, unit_word: str) -> str | None:
    code, mult, is_time = UNIT_CODE[unit_word]
    if n == "X":
        return ("PT" if is_time else "P") + "X" + code
    n = n * mult
    if not float(n).is_integer():
        whole, frac = int(n), n - int(n)
        small, k = SMALLER["MT" if (is_time and code == "M") else code]
        parts = (f"{whole}{code}" if whole else "") + f"{round(frac * k)}{small}"
        time_small = is_time or small in ("H",) and code == "D"
        if is_time:
            return "PT" + parts
        return ("P" + f"{whole}D" * bool(whole) + f"T{round(frac * k)}H") if time_small else "P" + parts
    return ("PT" if is_time else "P") + f"{int(n)}{code}"


RANGE = re.compile(r"\b(?:\d+|" + NUMWORD + r")\s*(?:\bto\b|\bor\b|-|–)\s*(?:\d+|" + NUMWORD + r")[\s-]+"
                   r"(second|minute|hour|day|night|fortnight|week|month|quarter|year|decade|centur)")


def norm_duration(text, ctx):
    t = " ".join(text.lower().split())
    if t == "recent years":
        return "DATE", "PAST_REF", False
    if re.fullmatch(r"(the\s+)?(past|last|next|recent|coming)\s+(few\s+|several\s+)?\w+|recent\s+\w+|"
                    r"\w+-long|years|months|decades|centuries|weeks|days|hours|minutes|the\s+\w+\s+ahead", t):
        um = UNIT_FIND.search(t)
        return "DURATION", duration_value("X", um.group(1)), False
    rng = RANGE.search(t)
    if rng:   # "two to three weeks", "the next 12 to 18 months": a range of lengths, no single quantity
        return "DURATION", duration_value("X", rng.group(1)), False
    if t == "a while":
        return "DURATION", "PXX", False
    if t == "one day" and re.search(r"(?i)\b(?:will|would|could|may|might|can|shall|should|to|hope|hopes|hoped)\s*$",
                                    ctx.preceding):
        return "DATE", "FUTURE_REF", False   # "Islam will one day be ...": an unspecified future day
    t = re.sub(r"\b(?:more|additional|further|extra)\s+(?=\w)", "", t) if re.search(r"\d|\b(?:an?|one|two|three|four|"
                                                                              r"five|six|seven|eight|nine|ten|twenty)\s+(?:more|additional|further|extra)\b", t) else t
    half = re.fullmatch(r"half\s+an?\s+(\w+)|an?\s+half[\s-]+(\w+)", t)
    if half:
        um = UNIT_FIND.search(t)
        return "DURATION", duration_value(0.5, um.group(1)), False
    body = APPROX.sub("", LEAD.sub("", APPROX.sub("", t)))
    um = UNIT_FIND.search(body)
    if um and not body[:um.start()].strip(" -"):
        body = APPROX.sub("", t)
        um = UNIT_FIND.search(body)
    if not um:
        return None
    n = number_value(body[:um.start()].strip(" -"))
    if n is None or n == 0:
        return None
    if n != "X" and re.match(r"s?\s+and\s+a\s+half\b", body[um.end():]):
        n += 0.5   # "a minute and a half", "two years and a half"
    return "DURATION", duration_value(n, um.group(1)), False


SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
             "semiannually": "P6M", "semi-annually": "P6M"}


def norm_set(text, ctx):
    t = " ".join(text.lower().split())
    if t in SET_WORDS:
        return "SET", SET_WORDS[t], False
    w = re.search(r"(mon|tues|wednes|thurs|fri|satur|sun)day", t)
    if w:
        wd = WEEKDAYS[w.group(0)] + 1
        part = re.search(r"(morning|afternoon|evening|night)", t)
        return "SET", f"XXXX-WXX-{wd}" + ("T" + PARTS_OF_DAY[part.group(1)] if part else ""), False
    part = re.search(r"\b(morning|afternoon|evening|night)\b", t)
    if part and "every" in t or part and "each" in t:
        return "SET", "XXXX-XX-XXT" + PARTS_OF_DAY[part.group(1)], False
    mo = _month(t) if re.search(r"(every|each)\s+[a-z]+\.?$", t) else None
    if mo:
        return "SET", f"XXXX-{mo:02d}", False
    s = re.search(r"(spring|summer|fall|autumn|winter)", t)
    if s:
        return "SET", "XXXX-" + SEASONS[s.group(1)], False
    um = UNIT_FIND.search(t)
    if not um:
        return None
    n = 2 if "every other" in t else 1
    m = re.search(r"(?:every|each|per)\s+(?:other\s+)?(.+?)\s+\w+$", t)
    if m and re.match(r"(every|each)", t):
        k = number_value(m.group(1))
        n = k if isinstance(k, (int, float)) and k else n
    return "SET", duration_value(n, um.group(1)), False


REFS = {"PRESENT_REF": r"now|currently|nowadays|presently|these days|the present|the moment|current|right now",
        "PAST_REF": r"recently|lately|previously|formerly|the past|recent|former",
        "FUTURE_REF": r"soon|future|the future|shortly|.*future"}


def norm_ref(text, ctx):
    t = " ".join(text.lower().split())
    t = re.sub(r"^in\s+", "", t)
    for value, rx in REFS.items():
        if re.fullmatch(rx, t):
            return "DATE", value, False
    return None


def norm_time(text, ctx):
    t = " ".join(text.lower().split())
    m = re.search(r"\b([01]?\d|2[0-3])(?::([0-5]\d))?\s*(a\.?\s?m|p\.?\s?m|o'clock)?", t)
    if "noon" in t or "midday" in t:
        hh, mm = 12, 0
    elif "midnight" in t:
        hh, mm = 0, 0
    elif m:
        hh, mm = int(m.group(1)), int(m.group(2) or 0)
        ap = (m.group(3) or "").replace(".", "").replace(" ", "")
        if ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
        if "evening" in t or "afternoon" in t:
            hh = hh + 12 if hh < 12 else hh
    else:
        return None
    day = _time_day(t, ctx)
    if day is None:
        return "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", False
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", True


def _time_day(t, ctx):
    if re.search(r"(mon|tues|wednes|thurs|fri|satur|sun)day", t):
        r = norm_weekday(t, ctx)
    elif re.search(r"today|yesterday|tomorrow|tonight", t):
        r = norm_deictic(re.search(r"today|yesterday|tomorrow|tonight", t).group(0), ctx)
    elif _month(t):
        r = norm_date(t[re.search(r"[a-z]{3}", t).start():], ctx)
    else:
        # "at 10:35 a.m. (0735 GMT) Friday": a weekday just after the clock time names the day
        m = re.match(r"\s*(?:\([^)]{0,20}\)\s*)?(?:on\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|"
                     r"tomorrow)\b", ctx.following, re.I)
        if m:
            return _time_day(m.group(1).lower(), ctx)
        if ctx.ref and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.ref) and ctx.ref_sent == ctx.sent:
            ctx.anchor = ctx.ref   # the day named earlier in the sentence
            return ctx.ref
        base = _dct(ctx)
        return base.isoformat() if base else None
    # Without a document date "yesterday" is only PRESENT_REF: no day a clock time can sit on.
    return r[1][:10] if r and re.match(r"(\d{4}|XXXX)-", r[1]) else None
