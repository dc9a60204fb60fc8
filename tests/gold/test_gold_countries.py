"""The fixed rule that says which countries a text names (scripts/gold_countries.py)."""
from __future__ import annotations

import pycountry
import pytest

from gold_scripts import gold_countries


@pytest.mark.parametrize("text, codes", [
    # pycountry names, common names and official names
    ("Germany banned an Iranian airline.", {"DEU", "IRN"}),
    ("Talks in the Syrian Arab Republic and in Syria.", {"SYR"}),
    ("The Federal Republic of Germany and the French Republic.", {"DEU", "FRA"}),
    ("The Holy See spoke.", {"VAT"}),
    # the short list: short forms, demonyms, historical states
    ("The US and the U.K. met; American and British troops left.", {"USA", "GBR"}),
    ("Russia, Turkey and the Soviet Union.", {"RUS", "TUR", "SUN"}),
    ("A Palestinian and an Israeli leader.", {"PSE", "ISR"}),
    # longer names win over the names inside them
    ("South Sudan and Papua New Guinea.", {"SSD", "PNG"}),
    ("Guinea-Bissau, not Guinea.", {"GNB", "GIN"}),
    ("American Samoa is a territory.", {"ASM"}),
    # ambiguous names and places after "New" are not counted
    ("Governor of Georgia, Michael Jordan and Chad met in New Mexico and New Jersey.", set()),
    # case-sensitive whole words: no "us", no "turkey", no "Indiana"
    ("Let us roast a turkey in Indiana.", set()),
    ("Niger and Nigeria.", {"NER", "NGA"}),
])
def test_countries_named(text, codes):
    assert gold_countries.countries_named(text) == codes


def test_comma_names_are_left_to_common_names():
    names = gold_countries.country_names()
    assert "Korea, Republic of" not in names and names["South Korea"] == "KOR"
    assert names["Iran"] == "IRN" and names["Türkiye"] == "TUR" and names["Turkey"] == "TUR"


def test_short_names_use_iso_codes():
    known = ({c.alpha_3 for c in pycountry.countries}
             | {c.alpha_3 for c in pycountry.historic_countries})
    assert set(gold_countries.SHORT_NAMES) <= known
