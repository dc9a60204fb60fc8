"""The grammar of English temporal expressions as compiled regexes, one per rule family.

Each family names its normalizer (see timex_normalize). Spans follow TimeML: leading prepositions
stay outside; determiners, modifiers ("early", "the end of", "about") and "ago" are inside."""
from __future__ import annotations

import re
from functools import lru_cache

from entente.nlp.timex.lexicon import (
    APPROX_RE, DAY_RE, DECADE_WORDS, MONTH_RE, NUM_RE, NUMWORD, ORDINAL_RE, PART_RE, PRE_RE, SEASON_RE,
    UNIT1_RE, UNIT_RE, WEEKDAY_RE, YEAR_RE, SPOKEN_YEAR_RE, alt, HOLIDAYS)

REL = r"(?:this|last|next|past|previous|coming|current|upcoming|present)"
THE_REL = r"(?:the\s+(?:past|last|next|previous|coming|current|present|latest))"
YEAR_REF = (r"(?:(?:the\s+)?(?:fiscal\s+|calendar\s+)?(?:year\s+)?" + YEAR_RE +
            r"|(?:this|last|next|the\s+current|the\s+previous|the\s+same)\s+(?:fiscal\s+)?year)")
QMOD = (r"(?:fiscal|calendar|year-ago|year-earlier|latest|current|recent|previous|prior|past|same|"
        r"comparable|corresponding|flat|final|" + YEAR_RE + r"|" + YEAR_RE + r"'s|(?:this|last|next)\s+year's)")
QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last(?=\s+half(?!\s+of\s+the\b)))"
TZ = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|local\s+time))?"
DAYWORD = r"(?:today|yesterday|tomorrow|tonight)"
HOLIDAY_RE = (alt(list(HOLIDAYS) + ["thanksgiving day", "thanksgiving", "easter sunday", "easter",
                                    "memorial day", "labor day", "good friday", "new year"]))
NOT_AFTER = r"(?![\w-]*\d)"

FAMILIES: list[tuple[str, str]] = [
    ("date", PRE_RE + r"?(?:(?:last|this|next)\s+)?(?:" + WEEKDAY_RE + r",?\s+)?" + MONTH_RE + r"\s+" + DAY_RE +
     r"(?!\d|:\d)(?:,?\s+" + YEAR_RE + r"\b)?"),
    ("date", r"(?:" + WEEKDAY_RE + r",?\s+)?(?:the\s+)?" + DAY_RE + r"(?:\s+of)?\s+" + MONTH_RE +
     r"(?:,?\s+" + YEAR_RE + r"\b)?"),
    ("date", r"(?<![\d/.-])(?:" + YEAR_RE + r"-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d)?|[01]?\d/[0-3]?\d/(?:\d{4}|\d{2}))(?![\d/])"),
    ("month_year", PRE_RE + r"?" + MONTH_RE + r",?\s+(?:of\s+)?(?:" + YEAR_RE + r"|'\d\d)\b"),
    ("month_year", PRE_RE + r"?" + MONTH_RE + r",?\s+(?:of\s+)?" + SPOKEN_YEAR_RE),
    ("month", PRE_RE + r"?(?:(?:this\s+past|" + REL + r")\s+)?" + MONTH_RE + r"(?![\w'’]|\.\w)"),
    ("month_year", PRE_RE + r"?" + MONTH_RE + r"\s+(?:of\s+)?(?:this|last|next)\s+year\b"),
    ("year", PRE_RE + r"?(?:the\s+)?(?:(?:fiscal|calendar|model)(?:\s+year)?\s+|FY\s*|the\s+year\s+)?" +
     r"(?<![\d$£€.,])" + YEAR_RE + r"(?:\s+(?:period|fiscal\s+year))?(?![\d%]|\.\d|,\d|\s*(?:%|percent))"),
    ("year", PRE_RE + r"?(?:the\s+year\s+)?" + SPOKEN_YEAR_RE),
    ("decade", PRE_RE + r"?(?:the\s+)?" + PRE_RE + r"?(?:(?:1\d|20)?\d0'?s|'\d0s|(?:nineteen[\s-]+)?" +
     alt(DECADE_WORDS) + r")\b"),
    ("decade", r"the\s+(?:first|second|last|latter)\s+half\s+of\s+the\s+(?:(?:1\d|20)?\d0'?s|'\d0s|" +
     alt(DECADE_WORDS) + r")\b"),
    ("century", PRE_RE + r"?(?:the\s+)?" + PRE_RE + r"?(?:" + ORDINAL_RE +
     r"|\d{1,2}(?:st|nd|rd|th))[\s-]+century"),
    ("quarter", PRE_RE + r"?(?:(?:the|this|that|its|a|an|last|next)\s+)?(?:" + QMOD + r"\s+){0,3}" + QORD +
     r"[\s-]+(?:fiscal[\s-]+)?(?:quarter|half)(?![a-z])(?:\s+of\s+" + YEAR_REF + r"|\s+" + YEAR_RE + r")?"),
    ("quarter", r"(?:the\s+)?(?:first|last|final)\s+(?:two|three|2|3)\s+(?:fiscal\s+)?quarters(?:\s+of\s+" + YEAR_REF +
     r"|\s+" + YEAR_RE + r")?"),
    ("quarter", r"(?:the\s+)?\b[QH][1-4](?:\s+|-)?(?:" + YEAR_RE + r"|'\d\d)?|" + YEAR_RE + r"\s*[-/]?\s*[QH][1-4]"),
    ("quarter_rel", PRE_RE + r"?(?:the|this|that|its|last|next|(?:last|this|next)\s+year's)\s+(?:" + QMOD +
     r"\s+){0,3}(?:quarter|half)"
     r"(?:\s+(?:last|a)\s+year(?:\s+(?:earlier|ago))?)?(?![\w-])"),
    ("period_rel", r"(?:the|this|that)\s+(?:" + QMOD + r"\s+){1,3}period(?:\s+(?:last|a)\s+year(?:\s+(?:earlier|ago))?)?"),
    ("season", PRE_RE + r"?(?:(?:the|this|last|next|past|coming|that|early|late)\s+)?" + SEASON_RE +
     r"(?:\s+(?:of\s+)?" + YEAR_RE + r")?\b"),
    ("season", YEAR_RE + r"(?:'s)?\s+" + SEASON_RE + r"\b"),
    ("season", PRE_RE + r"?(?:the\s+)?" + SEASON_RE + r"\s+(?:of\s+)?" + SPOKEN_YEAR_RE),
    ("rel", PRE_RE + r"?(?:" + REL + r"|" + THE_REL + r")\s+(?:fiscal\s+|calendar\s+)?(?:week|weekend|month|year|"
     r"decade|century|fiscal\s+year)\b(?!-)(?:\s+or\s+so\b)?"),
    ("bare", PRE_RE + r"(?:the\s+)?(?:week|month|year|decade|century|day)\b(?!-)"),
    ("bare", r"(?:the|this)\s+(?:weekend)\b|year-end|year[\s-]end\b|year's\s+end|year-earlier|year-ago|mid-?year|"
     r"(?:the\s+)?full\s+year"),
    ("ago", APPROX_RE + r"?" + NUM_RE + r"[\s-]+" + UNIT_RE + r"(?:\s+or\s+so)?\s+(?:ago|earlier|later|"
     r"hence|from\s+now|back|(?:before|after)(?=\s*[,.;:!?)]))"),
    ("ago", r"(?:years|months|weeks|days|decades)\s+ago"),
    ("week_of", r"the\s+week\s+of\s+(?:" + MONTH_RE + r"\s+" + DAY_RE + r"|(?:the\s+)?" + DAY_RE + r"(?:\s+of)?\s+" +
     MONTH_RE + r")(?:,?\s+" + YEAR_RE + r")?(?!\d)"),
    ("anaphor", r"(?:(?:early|late|earlier|later)\s+)?(?:that|the\s+same|the\s+previous|the\s+next|the\s+following|"
     r"the\s+preceding|the\s+prior)\s+(?:day|morning|afternoon|evening|night|week|weekend|month|year)\b(?!-)"
     r"|(?<!in\s)the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow))\b"),
    ("duration", APPROX_RE + r"?(?:(?:the|a|an|its|their|his|her|our)\s+)?(?:(?:past|last|next|previous|coming|first|"
     r"final|latest|recent|following|remaining|preceding|full|entire|whole|initial|same|other|additional|extra)\s+)?" +
     APPROX_RE + r"?" + NUM_RE + r"[\s-]+(?:(?:more|additional|further|extra)\s+)?" + UNIT_RE + r"(?:\s+and\s+a\s+half\b|\s+or\s+so\b|[\s-]+(?:long|old)\b)?\b"),
    ("duration", r"(?:(?:the\s+)?(?:past|last|next|coming|following|first)\s+)?" + APPROX_RE + r"?(?<![$£€])"
     r"\b(?:\d+|" + NUMWORD + r")\s*(?:\bto\b|\bor\b|-|–)\s*(?:\d+|" + NUMWORD + r")[\s-]+" + UNIT_RE + r"\b(?![\s-]+(?:old|ago)\b)"),
    ("duration", r"the\s+(?:year-earlier|year-ago|comparable|same)\s+(?:" + NUM_RE + r")\s+months\b"),
    ("duration", r"(?:an?\s+)(?:additional|extra|further)\s+" + UNIT1_RE + r"\b|the\s+(?:days|weeks|months|years)\s+ahead"),
    ("duration", r"(?:the\s+)?(?:(?:past|last|next|recent|coming)\s+(?:few\s+|several\s+)?|recent\s+)(?!night\b)" + UNIT_RE +
     r"\b(?!-)|half\s+an?\s+" + UNIT1_RE + r"|an?\s+half[\s-]+" + UNIT1_RE +
     r"|(?:(?<=for )|(?<=over )|(?<=within )|(?<=took ))(?:years|months|decades|centuries|weeks|days|hours|minutes)\b"
     r"|(?<=for )a\s+while\b"
     r"|(?:decades|years|months|weeks|days|hours)-long"),
    ("set", r"\b(?:daily|weekly|monthly|yearly|hourly|nightly|biweekly)\b"),
    ("set", r"(?:every|each|per)\s+(?:other\s+)?(?:" + NUM_RE + r"\s+)?(?:" + UNIT_RE + r"|" + WEEKDAY_RE +
     r"|" + PART_RE + r"|" + MONTH_RE + r"|" + SEASON_RE + r")\b"),
    ("set", r"(?:once|twice|thrice|" + NUM_RE + r"\s+times)\s+(?:a|an|per|every|each)\s+" + UNIT1_RE + r"\b"),
    ("set", r"(?<=on )(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b(?:\s+" + PART_RE + r"s?)?"
     r"|\b(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\s+(?:and|or)\s+\w+days\b"),
    ("ref", r"\b(?:now|currently|nowadays|presently|these\s+days|the\s+present|soon|"
     r"recently|lately|formerly|the\s+past|the\s+future|future|current|recent|"
     r"the\s+(?:near|distant|foreseeable|immediate)\s+future)\b"),
    ("deictic", PRE_RE + r"?(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|" + DAYWORD +
     r")(?:\s+" + PART_RE + r")?(?!\w)|(?:(?:early|late|earlier|later)\s+)?(?:this|last|yesterday|tomorrow)\s+" +
     PART_RE + r"\b|(?:mid[\s-]?|early\s+|late\s+)?(?:morning|afternoon|evening)\s+(?:yesterday|today|tomorrow)\b"),
    ("weekday", PRE_RE + r"?(?:the\s+(?:previous|preceding|prior|following|next)\s+|"
     r"(?:the\s+day\s+(?:before|after)\s+)?(?:(?:this\s+)?(?:last|this|next|past|coming|previous|early|late|earlier|"
     r"later)\s+)?)" +
     WEEKDAY_RE + r"(?![\w-])(?:\s+" + PART_RE + r"\b)?"),
    ("time", APPROX_RE + r"?(?:around\s+)?(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.\s?m\b\.?|p\.\s?m\b\.?|am\b|pm\b)|"
     r"(?<![\d:.,$])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:.,])|(?:[01]?\d)\s+o'clock|noon|midnight|midday|"
     r"(?<=at )(?:[1-9]|1[0-2])(?=\s+in\s+the\s+(?:morning|afternoon|evening)))" + TZ +
     r"(?:,?\s+(?:" + WEEKDAY_RE + r"|" + DAYWORD + r"|" + MONTH_RE + r"\s+" + DAY_RE + r"))?"
     r"(?:\s+in\s+the\s+(?:morning|afternoon|evening))?"),
    ("part_of_day", r"(?:(?<=in )|(?<=during )|(?<=by ))the\s+(?:morning|afternoon|evening)\b(?!\s+(?:of|after|before)\b)"
     r"|mid[\s-]?(?:morning|afternoon)\b(?!\s+(?:yesterday|today|tomorrow|on|\w+day)\b)"
     r"|(?:(?<=later in )|(?<=earlier in ))the\s+day\b"),
    ("the_unit", r"(?:(?<=for )|(?<=in )|(?<=during )|(?<=of )|(?<=over ))the\s+(?:fiscal\s+)?(?:year|week|month)(?![\w-])"),
    ("holiday", r"(?:(?:last|this|next)\s+)?" + HOLIDAY_RE + r"(?:\s+" + YEAR_RE + r")?\b(?:\s+week\b)?"),
]

COMPILED: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(r"(?<![\w-])(?:" + rx + r")", re.IGNORECASE)) for kind, rx in FAMILIES]


# A family runs only when one of its trigger substrings occurs in the lowercased text (cheap).
TRIGGERS = {
    "century": ("centur",), "decade": ("0s", "ties"), "quarter": ("quarter", "half", "q1", "q2", "q3", "q4",
                                                                  "h1", "h2"),
    "quarter_rel": ("quarter", "half"), "period_rel": ("period",),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "ago": ("ago", "earlier", "later", "hence", "from now", "back", "before", "after"),
    "anaphor": ("that ", "same", "previous", "next", "following", "preceding", "prior", "day before", "day after"),
    "set": ("daily", "weekly", "monthly", "yearly", "hourly", "nightly", "every", "each", "per ", "once", "twice",
            "thrice", "times", "days"),
    "holiday": ("christmas", "new year", "halloween", "independence", "valentine", "boxing", "thanksgiving",
                "easter", "memorial", "labor day", "good friday"),
    "time": (":", "a.m", "p.m", "am", "pm", "o'clock", "noon", "midnight", "midday"),
    "the_unit": ("the year", "the week", "the month", "the fiscal"),
    "week_of": ("week of",),
    "part_of_day": ("morning", "afternoon", "evening", "the day"),
}


def candidates(text: str) -> list[tuple[int, int, str]]:
    """Every family match as (start, end, kind), overlaps included."""
    return list(_candidates(text))


@lru_cache(maxsize=128)     # entente_syntax, then entente_timex, ask for each text
def _candidates(text: str) -> tuple[tuple[int, int, str], ...]:
    out = []
    low = text.lower()
    for kind, rx in COMPILED:
        trig = TRIGGERS.get(kind)
        if trig and not any(w in low for w in trig):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in " \t\n,;:":
                e -= 1
            if e > s:
                out.append((s, e, kind))
    return tuple(out)


def select(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest-first, non-overlapping; returned in text order."""
    chosen: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for s, e, k in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if all(e <= a or s >= b for a, b in taken):
            chosen.append((s, e, k))
            taken.append((s, e))
    return sorted(chosen)
