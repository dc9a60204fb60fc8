"""Name keys: how an alias or a mention becomes a dictionary key (quotes, case, accents, dots)."""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")     # two spaces in a row, or a tab, newline, nbsp ...
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")


def normalize(text: str) -> str:
    """Surface form used as the case-sensitive key: quotes unified, 'the' and possessive dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    if _ODD_SPACE.search(text):             # the regexes only where needed: keys are built often
        text = _SPACES.sub(" ", text)
    text = text.strip()
    if text[:4].lower() == "the ":
        text = _LEADING_THE.sub("", text)
    if text.endswith("'") or text.endswith("'s"):
        text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:")


def fold(text: str) -> str:
    """Case-, accent-, dot- and hyphen-insensitive key ("Élysée" == "elysee", "U.K." == "uk")."""
    text = normalize(text)
    if not text.isascii():       # ASCII has no accents to strip (and most names are ASCII)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace(".", "").replace("-", " ")
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()


def is_acronym(alias: str) -> bool:
    """ALL-CAPS short forms ("WHO", "US", "U.S.") match only in capitals: "who" is not the WHO."""
    letters = alias.replace(".", "").replace("-", "").replace(" ", "")
    return alias.isupper() and len(letters) <= 5
