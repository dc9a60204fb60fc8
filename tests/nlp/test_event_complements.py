"""Who does the act when the verb's object takes part in it: the doer of a "to" complement
(participants.object_controller, rule `object_does_the_complement`; of a noun's: rule
`owner_does_what_it_intends`) and a country its leader takes somewhere
(rules.own_country_is_carried). Our own sentences; the real pipeline."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def doers(nlp, text: str, trigger: str) -> list[set[str]]:
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    return [{p["country"] for p in event["actors"] if p.get("country")}
            for event in nlp(doc)._.events if event["trigger"] == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    # the object of a verb of persuading or making does what the complement says
    ("Japan persuaded South Korea to join the pact.", "pact", {"KOR"}),
    ("Britain persuaded Ireland to sign the agreement.", "sign", {"IRL"}),
    ("China invited Vietnam to join the talks.", "talks", {"VNM"}),
    ("Washington pushed Seoul to sign the deal.", "sign", {"KOR"}),
    # the subject does it when the verb has no object, or is a trigger of its own
    ("Japan agreed to join the defence pact.", "agreed", {"JPN"}),
    ("Germany pressured Greece to cut spending.", "pressured", {"DEU"}),
])
def test_the_object_of_a_verb_of_persuading_does_the_complement(nlp, text, trigger, expected):
    assert doers(nlp, text, trigger) == [expected]


@pytest.mark.parametrize("text, trigger, expected", [
    # owner_does_what_it_intends: the owner of a decision, plan or bid does its "to" clause
    ("Japan's decision to impose tariffs on South Korea hurt trade.", "impose",
     ({"JPN"}, {"KOR"}, "asserted")),
    ("The decision by Russia to impose tariffs on Georgia hurt trade.", "impose",
     ({"RUS"}, {"GEO"}, "asserted")),
    # failed_act: a failure's or an unwillingness' "to" clause did not happen
    ("Britain's failure to stop the arms shipments to Iran angered Washington.", "stop",
     ({"GBR"}, {"IRN"}, "negated")),
    # the one asked acts, not the owner of the asking
    ("China's call for the United States to lift its sanctions went unanswered.", "lift",
     ({"USA"}, set(), "asserted")),
])
def test_owner_does_what_it_intends(nlp, text, trigger, expected):
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    found = [({p["country"] for p in e["actors"] if p.get("country")},
              {p["country"] for p in e["recipients"] if p.get("country")}, e["modality"])
             for e in nlp(doc)._.events if e["trigger"] == trigger]
    assert found == [expected], found


def test_an_object_with_no_actor_leaves_the_complement_without_the_subject(nlp):
    """"prosecutors are forcing the sale ... to help pay": the sale, not the prosecutors, would
    help; no aid by Russia."""
    text = "Russian prosecutors are forcing the sale of the company to help pay its tax bill."
    assert doers(nlp, text, "help") in ([], [set()])


def parties(nlp, text: str, trigger: str) -> list[tuple[set[str], set[str]]]:
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    return [({p["country"] for p in e["actors"] if p.get("country")},
             {p["country"] for p in e["recipients"] if p.get("country")})
            for e in nlp(doc)._.events if e["trigger"] == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    # own_country_is_carried: a leader takes his own country into or out of something
    ("Last year President Trump withdrew the US from the nuclear treaty with Iran.", "withdrew",
     ({"USA"}, {"IRN"})),
    ("Tony Blair took Britain into the war with Iraq.", "war", ({"GBR"}, {"IRQ"})),
    # not a country taken by someone else, nor a city
    ("Russia expelled Britain from the council.", "expelled", ({"RUS"}, {"GBR"})),
    ("French farmers said they would blockade Paris from Monday night.", "blockade",
     ({"FRA"}, {"FRA"})),
])
def test_own_country_is_carried(nlp, text, trigger, expected):
    assert parties(nlp, text, trigger) == [expected]


@pytest.mark.parametrize("text, trigger, expected", [
    # meeting_of_the_clause_subject: a meeting or visit named as the clause's time is the
    # subject's, with the counterpart its "to" or "with" names
    ("During a visit to Britain, President Musharraf said that women should not hide.", "visit",
     [({"PAK"}, {"GBR"})]),
    ("The Palestinian leader said after talks with Tony Blair that the conference would help.",
     "talks", [({"PSE"}, {"GBR"})]),
    ("At a news conference following talks with Tony Blair, the Palestinian leader said he was "
     "hopeful.", "talks", [({"PSE"}, {"GBR"})]),
    ("The Indian oil minister said during a trip to Moscow that the plans were sound.", "trip",
     [({"IND"}, {"RUS"})]),
    # ... and one that names its own doer is that doer's
    ("The topic came up during Vladimir Putin's visit to New Delhi.", "visit", [({"RUS"}, {"IND"})]),
    # no doer: a subject that is no actor, or an act of another kind than a meeting
    ("The radio reported after a week of talks with Iran that the deal was close.", "talks", []),
    ("Prices of oil rose sharply after talks with Iran.", "talks", []),
    ("Turkey protested after attacks on its embassy in Syria.", "attacks", []),
])
def test_meeting_of_the_clause_subject(nlp, text, trigger, expected):
    assert parties(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, modality", [
    # planned_noun: a noun standing alone that its modifier says is still to come
    ("Donald Trump's planned trip to Poland drew protests.", "trip", "planned"),
    ("The proposed visit by Vladimir Putin to India drew criticism.", "visit", "planned"),
    # a verb that carries the noun has its own tense; without the modifier the noun happened
    ("China and Japan held the planned summit on Monday.", "summit", "asserted"),
    ("Vladimir Putin's visit to India was a success.", "visit", "asserted"),
])
def test_planned_noun(nlp, text, trigger, modality):
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    assert [e["modality"] for e in nlp(doc)._.events if e["trigger"] == trigger] == [modality]


@pytest.mark.parametrize("text, trigger, expected", [
    # adverbial_clause_is_its_own_act: a clause of time or cause with its own subject
    ("Kurdish forces signed an agreement with the government of Syria after Turkey began a "
     "military offensive into Syria.", "offensive", [({"TUR"}, {"SYR"})]),
    ("Japan agreed to a ceasefire after China withdrew its troops from the border.", "withdrew",
     [({"CHN"}, set())]),
    ("Two Palestinian suicide bombers killed 23 people late Sunday when they blew themselves up "
     "in Tel Aviv.", "blew", [({"PSE"}, {"ISR"})]),
    # one without a subject of its own serves the act above it, and a condition is part of
    # the threat
    ("Japan agreed to the talks to ease tensions with China.", "ease", []),
    ("Iran threatened to attack if Israel refused to withdraw.", "refused", []),
])
def test_adverbial_clause_is_its_own_act(nlp, text, trigger, expected):
    assert parties(nlp, text, trigger) == expected
