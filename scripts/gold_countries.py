"""Which countries a text names: the fixed rule that picks the interstate gold articles.

It deliberately does not use Entente (its gazetteer, model or coder): the sample it selects must
not depend on what the system under test recognises. A country is named when the text contains,
case-sensitively and as whole words,

- one of its pycountry names: `name`, `common_name` or `official_name` (names holding a comma,
  "Korea, Republic of", are skipped: their `common_name` covers them; a bracketed part is
  dropped: "Holy See (Vatican City State)" -> "Holy See");
- or one of SHORT_NAMES, written here because pycountry has no demonyms and not every short
  form the news uses ("US", "Britain", "Russia", "Turkey", "Soviet").

Names that are mostly something else in English news are not counted (AMBIGUOUS: Georgia, a US
state; Jordan and Chad, given names; Jersey) and nor is a name right after "New " (New Mexico,
New Guinea). Longer names win over names inside them ("South Sudan" is not "Sudan").
"""
from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Short forms, demonyms and historical states pycountry does not give (ISO 3166 alpha-3 codes;
# SUN, YUG, CSK, DDR are ISO 3166-3 codes of former states).
SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "America", "American", "Americans"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "British", "Briton", "Britons"),
    "RUS": ("Russia", "Russian", "Russians"),
    "TUR": ("Turkey", "Turkish", "Turk", "Turks"),
    "CZE": ("Czech Republic", "Czech"),
    "MMR": ("Burma", "Burmese"),
    "CIV": ("Ivory Coast",),
    "PSE": ("Palestine", "Palestinian", "Palestinians"),
    "VAT": ("Vatican",),
    "KOR": ("South Korean", "South Koreans"),
    "PRK": ("North Korean", "North Koreans"),
    "CHN": ("Chinese",), "FRA": ("French",), "DEU": ("German", "Germans"),
    "IRN": ("Iranian", "Iranians"), "IRQ": ("Iraqi", "Iraqis"), "SYR": ("Syrian", "Syrians"),
    "ISR": ("Israeli", "Israelis"), "JPN": ("Japanese",), "IND": ("Indian", "Indians"),
    "PAK": ("Pakistani", "Pakistanis"), "AFG": ("Afghan", "Afghans"), "SAU": ("Saudi", "Saudis"),
    "EGY": ("Egyptian", "Egyptians"), "LBY": ("Libyan", "Libyans"), "YEM": ("Yemeni", "Yemenis"),
    "UKR": ("Ukrainian", "Ukrainians"), "POL": ("Polish", "Pole", "Poles"),
    "ITA": ("Italian", "Italians"), "ESP": ("Spanish",), "GRC": ("Greek", "Greeks"),
    "IRL": ("Irish",), "NLD": ("Dutch",), "CHE": ("Swiss",), "SWE": ("Swedish",),
    "CAN": ("Canadian", "Canadians"), "AUS": ("Australian", "Australians"),
    "MEX": ("Mexican", "Mexicans"), "BRA": ("Brazilian", "Brazilians"),
    "SUN": ("Soviet Union", "Soviet", "USSR"), "YUG": ("Yugoslavia",),
    "CSK": ("Czechoslovakia",), "DDR": ("East Germany",),
}
AMBIGUOUS = frozenset({"Georgia", "Jordan", "Chad", "Jersey"})


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every counted name -> its alpha-3 code (pycountry's names, then SHORT_NAMES)."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[re.sub(r"\s*\(.*\)", "", value)] = country.alpha_3
    for code, short in SHORT_NAMES.items():
        names.update(dict.fromkeys(short, code))
    return {name: code for name, code in names.items() if name not in AMBIGUOUS}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    longest_first = sorted(country_names(), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, longest_first))
    return re.compile(rf"(?<!New )(?<![\w.])({alternatives})(?!\w)")


def countries_named(text: str) -> set[str]:
    """The alpha-3 codes of the countries a text names (rule in the module docstring)."""
    names = country_names()
    return {names[match.group(1)] for match in _pattern().finditer(text)}
