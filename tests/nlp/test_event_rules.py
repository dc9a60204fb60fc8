"""The named rules of the event coder (nlp/events/rules.py) and the named constraints of the
trigger lexicon (nlp/events/constraints.py), each with a table of sentences it applies to and
look-alikes it must leave alone. Sentences are our own; the real pipeline parses them and the
coder's phases run up to the rule."""
from __future__ import annotations

import pytest

from entente.nlp.events import constraints, phases, rules
from entente.nlp.events.arguments import Arguments
from entente.nlp.events.candidate import Candidate
from entente.nlp.events.lexicon import Entry, _phrases, _words
from entente.nlp.events.participants import actor_spans
from entente.nlp.events.triggers import dominated_by, find_triggers
from entente.nlp.pipeline import build_nlp
from entente.settings import Settings

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
    ("A landslide on a Mexican highway killed eleven pilgrims on Sunday.", "accident_without_doer"),
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
    # sport_article: in a sports report every sentence is about sport ...
    ("Wales have won three of their last four matches. Their manager has kept the same squad all "
     "season. The captain scored twice in the final. Wales have beaten France on two of their "
     "last three visits to Paris.", "sport_teams"),
    ("Scotland have lost four games this season. Their manager blamed the players. The team has "
     "a new captain. Scotland meet Italy in Rome on Saturday.", "sport_teams"),
    ("Peace protesters have lost their appeal. Police had stopped three coaches near the base. "
     "The protesters tried to leave. Police tried to stop them. The protesters were supported "
     "by Amnesty International.", None),
    # ... not in a political report with a word of sport here and there
    ("The opposition claimed victory in the vote. Ministers gathered in Brussels on Monday. The "
     "talks were difficult. The Chinese president met the French president in Beijing on "
     "Tuesday. The two leaders discussed trade.", None),
    # one_sided_pattern: a CAMEO pattern with one party alone
    ("Canada held a general election on Monday.", "one_sided_pattern"),
    ("Serbia and Kosovo opened economic ties on Friday.", None),
    ("Pakistan signed a contract with China for six submarines.", None),
    # press_interview: speaking to the press is a statement
    ("Obama spoke to the BBC about Iran on Tuesday.", "press_interview"),
    ("The Chinese premier spoke to Putin by telephone.", None),
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
    # ... nor to be a threat: the negation on the copula counts
    ("The British government promised they would not be a threat to the United States.",
     ("AGREE", "035")),
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


# ------------------------------------------------------------------ constraints

@pytest.fixture(scope="module")
def parser():
    """Every sentence parsed (the constraints read any sentence, not only selected ones)."""
    return build_nlp(Settings(selective_syntax=False))


def entry(**fields) -> Entry:
    """A lexicon entry with the given constraints (YAML-style values)."""
    sets = {k: _words(v) for k, v in fields.items() if k in ("obj", "prep", "mod", "obj_of",
                                                              "subj", "not_obj", "not_mod")}
    rest = {k: v for k, v in fields.items() if k not in sets and k != "pp"}
    return Entry(lemmas=("x",), type="CONSULT", cameo="040", intensity=1.0,
                 pp=_phrases(fields.get("pp")), **sets, **rest)


CONSTRAINT_TABLE = [
    # phrases_fit: every phrase, with one of its nouns; through "of"; not a time phrase
    ("phrases_fit", {"pp": {"for": ["talk"]}}, "The envoys met for talks in Geneva.", "met", True),
    ("phrases_fit", {"pp": {"for": ["talk"]}}, "The envoys met for dinner in Geneva.", "met", False),
    ("phrases_fit", {"pp": {"for": []}}, "The envoys met for hours.", "met", False),
    ("phrases_fit", {"pp": {"on": ["alert"]}}, "Iraq put its army on a state of alert.", "put", True),
    ("phrases_fit", {"pp": {"on": ["alert"], "along": ["border"]}},
     "Iraq put its army on a state of alert.", "put", False),
    # object_fits: any object, or with `direct` the direct objects (passive subjects too)
    ("object_fits", {"obj": ["navy"]},
     "Iran has increased cooperation in recent years with the navies of China.", "increased", True),
    ("object_fits", {"obj": ["navy"], "direct": True},
     "Iran has increased cooperation in recent years with the navies of China.", "increased",
     False),
    ("object_fits", {"obj": ["navy"], "direct": True}, "Russia increased its navy in the Baltic.",
     "increased", True),
    ("object_fits", {"obj": ["sanction"], "direct": True},
     "Sanctions were imposed by the European Union.", "imposed", True),
    # subject_fits
    ("subject_fits", {"subj": ["inspector"]}, "Inspectors visited the plant.", "visited", True),
    ("subject_fits", {"subj": ["inspector"]}, "Ministers visited the plant.", "visited", False),
    # particle_fits
    ("particle_fits", {"prep": ["off"]}, "Iran called off the talks.", "called", True),
    ("particle_fits", {"prep": ["off"]}, "Iran called the talks a failure.", "called", False),
    # modifier_fits
    ("modifier_fits", {"mod": ["hunger"]}, "Workers began a hunger strike.", "strike", True),
    ("modifier_fits", {"mod": ["hunger"]}, "Workers began a general strike.", "strike", False),
    # governor_fits
    ("governor_fits", {"obj_of": ["reach"]}, "They reached an agreement.", "agreement", True),
    ("governor_fits", {"obj_of": ["reach"]}, "They read the agreement.", "agreement", False),
    # no_excluded_object
    ("no_excluded_object", {"not_obj": ["video"]}, "The rebels released a video.", "released",
     False),
    ("no_excluded_object", {"not_obj": ["video"]}, "The rebels released two hostages.",
     "released", True),
    # no_excluded_modifier
    ("no_excluded_modifier", {"not_mod": ["campaign"]}, "Supporters held a campaign rally in Ohio.",
     "rally", False),
    ("no_excluded_modifier", {"not_mod": ["campaign"]}, "Supporters held a mass rally in Ohio.",
     "rally", True),
    # no_statement_fits
    ("no_statement_fits", {"no_statement": True}, "Iran warned that prices were rising.",
     "warned", False),
    ("no_statement_fits", {"no_statement": True}, "Iran warned that it would close the strait.",
     "warned", True),
    # to_clause_fits
    ("to_clause_fits", {"to_clause": True}, "The court ordered him to appear.", "ordered", True),
    ("to_clause_fits", {"to_clause": True}, "The court ordered a review.", "ordered", False),
    # no_object_fits
    ("no_object_fits", {"no_obj": True}, "Thousands protested in Paris.", "protested", True),
    ("no_object_fits", {"no_obj": True}, "Thousands protested the decision.", "protested", False),
    # part_of_speech_fits
    ("part_of_speech_fits", {"pos": "VERB"}, "They talk daily.", "talk", True),
    ("part_of_speech_fits", {"pos": "VERB"}, "The talks ended.", "talks", False),
]


@pytest.mark.parametrize("name, fields, text, word, holds", CONSTRAINT_TABLE)
def test_each_constraint_holds_for_its_cases_and_not_for_look_alikes(parser, name, fields, text,
                                                                      word, holds):
    doc = parser(text)
    token = next(t for t in doc if t.text == word)
    assert getattr(constraints, name)(entry(**fields), Arguments(token, set())) is holds


def test_every_constraint_is_in_the_matcher_and_in_the_table():
    named = {name for name, *_ in CONSTRAINT_TABLE}
    assert named == {c.__name__ for c in constraints.CONSTRAINTS}
