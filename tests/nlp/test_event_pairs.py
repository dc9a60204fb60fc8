"""Rules that read both sides of an act off one phrase: `pair_compound_names_both_sides`
(nlp/events/participants.py: two actors joined by a hyphen or a dash before a noun) and
`clause_between_names_both_sides` (nlp/events/phases.py: a clause about what lies between
parties). Our own sentences, through the whole pipeline."""
from __future__ import annotations

import pytest

from tests.event_sides import events, sides

pytestmark = pytest.mark.slow


def pairs(nlp, text: str) -> list[set[str]]:
    """The countries of each event, doers and targets together."""
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    return [{p["country"] for role in ("actors", "recipients") for p in e[role] if p.get("country")}
            for e in nlp(doc)._.events]


@pytest.mark.parametrize("text, expected", [
    # the two sides of talks, a deal, a treaty: hyphen or dash, countries or groups
    ("The India-Pakistan talks resumed on Monday.", [{"IND", "PAK"}]),
    ("Russia-Ukraine talks failed.", [{"RUS", "UKR"}]),
    ("The Chile–Peru treaty on fishing rights was signed in Lima.", [{"CHL", "PER"}]),
    ("The US-China trade deal was signed in January.", [{"USA", "CHN"}]),
    # adjectives of nationality too; a pair is one target
    ("He also commented on the Turkish-Libyan maritime border agreement.", [{"TUR", "LBY"}]),
    ("Greece criticised the Turkish-Libyan maritime agreement.", [{"GRC", "TUR", "LBY"}]),
])
def test_pair_compound_names_both_sides(nlp, text, expected):
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # likeness_is_no_party: a name hyphened to "style", "like", "era" says what something
    # resembles, not who takes part (and leaning_is_no_party below)
    ("Home Secretary Charles Clarke warned that a Madrid-style bombing could happen in Britain.",
     []),
    ("Russia warned of a Chechnya-style crackdown in Georgia.", [{"RUS", "GEO"}]),
    ("France condemned the Soviet-style trial of the Georgian opposition leader.", [{"FRA", "GEO"}]),
    # a pair of two actors still is one
    ("France condemned the Russia-Belarus treaty.", [{"FRA", "RUS", "BLR"}]),
    # leaning_is_no_party: after "pro-" or "non-" a name says whom a stance favours or what
    # something is not
    ("Pro-Russian rebels attacked Ukrainian troops.", [{"UKR"}]),
    ("The Egyptian president opposed the senator's pro-Israel position.", [{"EGY"}]),
    # "anti-" still names whom a protest is against
    ("Thousands joined anti-French demonstrations in Abidjan.", [{"FRA"}]),
])
def test_likeness_is_no_party(nlp, text, expected):
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # clause_between_names_both_sides: a relation between parties, acted on or said to change,
    # is one act of both sides — the first named its doer, as for "talks between X and Y" —
    # not one act of each, nor targets without a doer
    ("Relations between China and Japan have improved.", [({"CHN"}, {"JPN"})]),
    ("Relations between the US and Cuba were restored in 2015.", [({"USA"}, {"CUB"})]),
    ("Diplomatic ties between Russia and Georgia were severed in 2008.", [({"RUS"}, {"GEO"})]),
    ("In 2017, a memorandum of understanding about the pipeline was signed between Cyprus, "
     "Greece and Israel.", [({"CYP"}, {"GRC", "ISR"})]),
    # a doer outside the phrase stays the doer; a subject that only happens to be a relation
    # makes no act of both sides
    ("Turkey mediated between Israel and Syria.", [({"TUR"}, {"ISR", "SYR"})]),
    ("The current tension between China and Australia fuels speculation.",
     [({"CHN"}, set()), ({"AUS"}, set())]),
])
def test_clause_between_names_both_sides(nlp, text, expected):
    assert [sides(e) for e in events(nlp, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # between_noun_is_its_own_event: an event noun that names both its sides stays an event in
    # a phrase of time, cause or manner ...
    ("The US describes this as the most important economic agreement between Egypt and Israel "
     "in two decades.", [({"EGY"}, {"ISR"})]),
    ("After talks between Russia and Ukraine, prices fell.", [({"RUS"}, {"UKR"})]),
    ("During the war between Iran and Iraq, oil prices rose.", [({"IRN"}, {"IRQ"})]),
    # ... where one naming one side, or none, is background
    ("After talks with Russia, prices fell.", []),
    ("After days of battles, the town fell.", []),
])
def test_between_noun_is_its_own_event(nlp, text, expected):
    assert [sides(e) for e in events(nlp, text)] == expected
