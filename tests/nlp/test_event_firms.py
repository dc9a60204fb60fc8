"""Rule `firm_is_no_country` (nlp/events/rules.py): a company is no state. Our own sentences,
through the whole pipeline."""
from __future__ import annotations

import pytest
from event_sides import countries

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, expected", [
    # the nationality of a firm named next to it is no party ...
    ("Germany's DaimlerChrysler signed a deal with the French government.", [(set(), {"FRA"})]),
    ("The US agrochemical giant Monsanto has agreed to pay a fine to the Indonesian "
     "government.", [(set(), {"IDN"})]),
    ("The Gibraltar-based Menatep Group is suing Russia for damages.", [(set(), {"RUS"})]),
    # ... nor is a company of ours: its act is not its country's, nor its deal
    ("British Airways is to halt its flights to Saudi Arabia.", []),
    ("To modernise its army, Hungary agreed with Airbus to open a helicopter factory.",
     [({"HUN"}, set())]),
    # ... nor a firm the linker reads as its country's business sector ("a US bank": USABUS)
    ("A US bank agreed to pay a fine to Russia.", [(set(), {"RUS"})]),
    # ... also the first of two firms sharing one noun
    ("Iraq has awarded the first oilfield contracts to a Canadian and a Turkish company.", []),
    ("A US bank has said it will donate 8m dollars to victims of Chile's military regime.",
     [(set(), {"CHL"})]),
    # a businessman stays his country's (the PLOVER gold), a firm the target of pressure
    ("A Saudi businessman is suing the United States.", [({"SAU"}, {"USA"})]),
    ("Iranian authorities have been pressuring workers of the United Bus Company of Tehran to "
     "cancel the strike.", [({"IRN"}, {"IRN"})]),
    # a party, a ministry and the country itself stay; a firm stays the target of force
    ("Britain's Labour Party criticised the French government.", [({"GBR"}, {"FRA"})]),
    ("Russia's Foreign Ministry criticised the Polish government.", [({"RUS"}, {"POL"})]),
    ("Germany signed a deal with France on Monday.", [({"DEU"}, {"FRA"})]),
    ("Russian troops raided the offices of Britain's BP in Moscow.", [({"RUS"}, {"GBR"})]),
])
def test_firm_is_no_country(nlp, text, expected):
    assert countries(nlp, text) == expected
