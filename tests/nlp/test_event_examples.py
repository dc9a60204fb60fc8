"""Rule `examples_stand_for_group` (nlp/events/arguments.py): the countries a group noun gives as
its examples ("allies such as Germany") are the participants the group stands for. Our own
sentences, through the whole pipeline."""
from __future__ import annotations

import pytest
from event_sides import countries

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, expected", [
    # the examples of a group object are its targets: "such as", "including" ...
    ("The US has been encouraging allies such as Spain to restrict the airline's flights.",
     [({"USA"}, {"ESP"})]),
    ("Beijing sells weapons to states such as Iran and Syria.", [({"CHN"}, {"IRN", "SYR"})]),
    ("Washington criticised Western nations, including France, for the deal.",
     [({"USA"}, {"FRA"})]),
    ("The EU urged countries including Brazil and India to cut emissions.",
     [(set(), {"BRA", "IND"})]),
    ("The UN asked donors such as Japan and Norway to send aid.", [(set(), {"JPN", "NOR"})]),
    ("Moscow criticised Western governments, including the British government.",
     [({"RUS"}, {"GBR"})]),
    ("Iran supplied arms to groups such as Hezbollah.", [({"IRN"}, {"LBN"})]),
    # ... of a group subject, its doers
    ("Countries such as France and Germany have criticised the US.", [({"FRA", "DEU"}, {"USA"})]),
    # not the parts of a name: the EU acts, not France
    ("The EU, including France, criticised the US.", [(set(), {"USA"})]),
    # "like" also compares: no examples
    ("Washington criticised Western nations like France for the deal.", [({"USA"}, set())]),
    ("She called for the decriminalization of drugs like Portugal.", []),
    # examples that are no actors change nothing
    ("Russia sold missiles such as the S-300 to Iran.", [({"RUS"}, {"IRN"})]),
    ("Ministers discussed issues like Iraq and trade.", []),
])
def test_examples_stand_for_group(nlp, text, expected):
    assert countries(nlp, text) == expected
