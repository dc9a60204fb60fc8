"""The named rules of the event coder (nlp/events/rules.py), each with a table of sentences it
applies to and look-alikes it must leave alone. Sentences are our own; the real pipeline parses
them and the coder's phases run up to the rule."""
from __future__ import annotations

import pytest

from entente.nlp.events import phases, rules
from entente.nlp.events.candidate import Candidate
from entente.nlp.events.participants import actor_spans
from entente.nlp.events.triggers import dominated_by, find_triggers

pytestmark = pytest.mark.slow


def candidates(nlp, text: str, dct: str = "2023-02-01"):
    """Every undominated trigger of the text as a Candidate with its participants found."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    doc = nlp(doc)
    lex = nlp.get_pipe("entente_events").lex
    actors = actor_spans(doc)
    for si, sent in enumerate(doc.sents):
        triggers = find_triggers(lex, sent, actors)
        dominated = dominated_by(triggers, doc)
        for i, (entry, pred) in sorted(triggers.items()):
            if i in dominated:
                continue
            c = Candidate(doc, sent, si, doc[i], pred, entry,
                          [j for j, d in dominated.items() if d == i], triggers, actors, lex)
            phases.complement_category(c)
            if phases.find_participants(c):
                rules.military_means(c)
                phases.clause_participants(c)
                if phases.party_records(c):
                    yield c


def vetoes(nlp, text: str) -> list[str | None]:
    return [rules.first_veto(c) for c in candidates(nlp, text)]


VETO_TABLE = [
    # accident_without_doer: deaths nobody caused
    ("Nine people were killed in Peru when a bus crashed into a ravine.", "accident_without_doer"),
    ("A bus crash on a Mexican highway killed eleven pilgrims on Sunday.", "accident_without_doer"),
    ("Israeli troops killed two Palestinians in Gaza after a car crash at a checkpoint.", None),
    # no_political_actor: companies, media, clubs
    ("Volkswagen signed a supply agreement with Samsung on Monday.", "no_political_actor"),
    ("Germany signed a supply agreement with South Korea on Monday.", None),
    # everyday_sense: a meeting, a win, a deal where the country is only a place or nationality
    ("The Norwegian skier battled back to claim silver in Austria.", "everyday_sense"),
    ("Ethiopian runner Abebe Tola beat Kenya's Paul Kiptoo by two seconds in Madrid.",
     "everyday_sense"),
    ("The Chinese president met the IOC chief ahead of the Olympics in Beijing.", None),
    # sport_teams: countries and cities are teams in a sentence about sport
    ("England beat France in the Six Nations championship in Paris.", "sport_teams"),
    ("Juventus face a Champions League clash with Madrid at the Bernabeu on Wednesday.",
     "sport_teams"),
    ("Israeli jets attacked Hamas positions in Gaza for a third day.", None),
]


@pytest.mark.parametrize("text, veto", VETO_TABLE)
def test_each_veto_applies_to_its_cases_and_not_to_look_alikes(nlp, text, veto):
    found = vetoes(nlp, text)
    assert found, f"no trigger with participants in {text!r}"
    if veto is None:
        assert None in found, found               # at least one act is coded
    else:
        assert veto in found and None not in found, found


def categories(nlp, text: str, dct: str = "2023-02-01") -> set[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return {(e["type"], e["cameo"]) for e in nlp(doc)._.events}


REWRITE_TABLE = [
    # promise_not_to_act
    ("Israel vowed never to return the Golan Heights to Syria.", ("REJECT", "120")),
    ("Pakistan pledged never to attack India.", ("AGREE", "035")),
    # military_means: conventional force by soldiers, unconventional violence by others
    ("Indian soldiers attacked Pakistani positions in Kashmir.", ("FIGHT", "190")),
    ("Two Chechen suicide bombers killed 20 people in Moscow on Monday.", ("ASSAULT", "1823")),
    # joint_exercise: drills held together are cooperation
    ("India held naval exercises with France in the Arabian Sea.", ("COOPERATE", "062")),
    ("India held naval exercises in the Arabian Sea.", ("MOBILIZE", "150")),
    # conditional_threat
    ("Russia will cut gas supplies to Ukraine unless Kyiv pays its debt.", ("THREATEN", "1312")),
    # planned_protest
    ("The Ukrainian opposition said it would boycott the vote called by the government.",
     ("THREATEN", "133")),
    # announced_refusal
    ("Iran will not accept the proposal of the European Union.", ("REJECT", "120")),
    # intended_cooperation
    ("Japan will provide economic aid to the Philippines next year.", ("AGREE", "033")),
    # intended_force
    ("North Korea said it would attack South Korea.", ("THREATEN", "138")),
    # agreement_to_act_against: what was agreed against a third party, planned
    ("The European Union agreed to impose sanctions on Belarus.", ("SANCTION", "163")),
]


@pytest.mark.parametrize("text, modality", [
    ("The European Union agreed to impose sanctions on Belarus.", "planned"),
    ("The foreign ministers of the Group of Seven agreed to coordinate sanctions against Iran.",
     "planned"),
])
def test_an_agreement_to_act_against_a_third_party_is_that_act_planned(nlp, text, modality):
    doc = nlp.make_doc(text)
    doc._.dct = "2023-02-01"
    [event] = nlp(doc)._.events
    assert (event["type"], event["modality"]) == ("SANCTION", modality)
    assert {p["country"] for p in event["recipients"]} - {None} <= {"BLR", "IRN"}


@pytest.mark.parametrize("text, absent", [
    ("The US Congress agreed to lift embargoes on pharmaceutical sales to Iran.", "SANCTION"),
    ("Bosnia and Slovenia agreed to a ceasefire after two days of fierce fighting.", "FIGHT"),
])
def test_an_agreement_to_undo_or_after_conflict_is_not_conflict(nlp, text, absent):
    assert absent not in {t for t, _ in categories(nlp, text)}


@pytest.mark.parametrize("text, expected", REWRITE_TABLE)
def test_each_rewrite_codes_its_case_as_cameo_does(nlp, text, expected):
    assert expected in categories(nlp, text), categories(nlp, text)
