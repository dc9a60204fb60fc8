"""Word lists for temporal expressions and the regex fragments built from them."""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "single": 1, "couple": 2, "dozen": 12, "half": 0.5,
}
VAGUE = ("several", "a few", "few", "many", "some", "a couple of", "couple of", "numerous",
         "the past few", "a number of")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
            "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "final": 4, "last": 4}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}
# unit word → (TIMEX3 duration letter, time part?, calendar unit for shifting)
UNITS = {
    "second": ("S", True, None), "minute": ("M", True, None), "hour": ("H", True, None),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "weekend": ("WE", False, "week"), "season": ("M", False, None),
}
UNIT_PLURAL = {"century": "centuries"}
HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
            "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
            "independence day": (7, 4), "valentine's day": (2, 14), "boxing day": (12, 26)}


def alt(words, plural=False) -> str:
    """Regex alternation of words, longest first; abbreviations accept a trailing dot."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w).replace(r"\ ", r"\s+")
        if plural:
            e = re.escape(UNIT_PLURAL[w]) + "|" + e + "s?" if w in UNIT_PLURAL else e + "s?"
        out.append(e)
    return "(?:" + "|".join(out) + ")"


MONTH_RE = r"(?:" + "|".join(
    (re.escape(w) + (r"\.?" if len(w) <= 4 and w not in ("may", "june", "july") else "")) for w in
    sorted(MONTHS, key=len, reverse=True)) + r")"
WEEKDAY_RE = r"(?:" + "|".join(
    (re.escape(w) + (r"\.?" if len(w) <= 5 and not w.endswith("day") else "")) for w in
    sorted(WEEKDAYS, key=len, reverse=True) if len(w) > 3 or w in ("mon", "tue", "wed", "thu", "fri")) + r")"
SEASON_RE = alt(SEASONS)
PART_RE = alt(PARTS_OF_DAY)
NUMWORD = alt([w for w in NUMBERS if w not in ("a", "an", "half", "couple", "single")])
NUM_RE = (r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|an?\s+(?:hundred|thousand)|" + NUMWORD + r"(?:[\s-]+" + NUMWORD + r")?(?:\s+and\s+a\s+half)?"
          r"|an?(?:\s+single)?|" + alt(VAGUE) + r"|a\s+dozen|dozens\s+of|hundreds\s+of)")
UNIT_RE = alt([u for u in UNITS if u not in ("weekend", "season")], plural=True)
UNIT1_RE = alt([u for u in UNITS if u not in ("weekend", "season")])
ORDINAL_RE = alt(ORDINALS)
YEAR_RE = r"(?:1[0-9]{3}|20[0-9]{2})"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# years as spoken in broadcast transcripts: "nineteen ninety-four", "two thousand and one"
SPOKEN_YEAR_RE = (r"(?:nineteen[\s-]+(?:" + _TENS + r"(?:[\s-]+" + _ONES + r")?|ten|eleven|twelve|thirteen|fourteen|"
                  r"fifteen|sixteen|seventeen|eighteen|nineteen|o[\s-]+" + _ONES + r")|two\s+thousand(?:\s+and)?"
                  r"(?:\s+" + _ONES + r"|\s+ten|\s+eleven|\s+twelve)?)(?![\w-])")
YEAR_ANY_RE = r"(?:" + YEAR_RE + r"\b|" + SPOKEN_YEAR_RE + r")"


def spoken_year(text: str):
    """'nineteen ninety-four' → 1994, 'two thousand and one' → 2001; None if there is none."""
    m = re.search(SPOKEN_YEAR_RE, text, re.I)
    if not m:
        return None
    words = re.findall(r"[a-z]+", m.group(0).lower())
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        n = number_value(" ".join(rest)) if rest else 0
        return 2000 + n if isinstance(n, int) else None
    rest = [w for w in words[1:] if w != "o"]
    n = number_value(" ".join(rest))
    return 1900 + n if isinstance(n, int) and 0 < n < 100 else None
DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
APPROX_RE = (r"(?:(?:nearly|almost|more\s+than|less\s+than|"
             r"fewer\s+than|at\s+least|at\s+most|up\s+to|barely|well\s+over|"
             r"no\s+more\s+than|no\s+less\s+than|the\s+better\s+part\s+of)\s+)")
# "early", "the end of", "the close of the" ... placed before a calendar unit (kept in the span)
PRE_RE = (r"(?:(?:the\s+)?(?:very\s+)?(?:(?:early|late|mid|middle|earlier|later)(?:\s+part)?(?:\s+of(?:\s+the)?)?|"
          r"(?:end|close|start|beginning|turn|outset|dawn|remainder|rest|balance|middle)(?:\s+part)?\s+of"
          r"(?:\s+the)?)\s+|mid-|mid\s*-\s*|(?:the\s+)?(?:early|late)-(?=[A-Z0-9]))")


def number_value(text: str):
    """'two' → 2, '5 1/2' → 5.5, 'twenty-five' → 25, 'several' → 'X'; None if not a number."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    for v in sorted(VAGUE, key=len, reverse=True):
        if t == v:
            return 2 if "couple" in v else "X"
    if t in ("dozens of", "hundreds of"):
        return "X"
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    try:
        f = float(t) + half
        return int(f) if f == int(f) else f
    except ValueError:
        pass
    total = 0
    for w in t.split():
        if w == "a" and total == 0 and len(t.split()) > 1:
            continue
        if w not in NUMBERS:
            return None
        n = NUMBERS[w]
        total = total * n if n in (100, 1000) and total else n if n in (100, 1000) else total + n
    total += half
    return int(total) if total == int(total) else total
