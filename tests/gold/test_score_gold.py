"""The gold scorer's metric functions, on small hand-made examples with hand-computed answers."""
from __future__ import annotations

import pytest

from gold_scripts import score_gold as sg

QUADS = {"AGREE": 1, "CONSULT": 1, "COOPERATE": 2, "AID": 2, "DISAPPROVE": 3, "DEMAND": 3,
         "REQUEST": 3, "REJECT": 3, "THREATEN": 3, "ASSAULT": 4, "FIGHT": 4, "SANCTION": 4}


def gold(category, *codes, date=None, modality="asserted", location=None):
    return {"category": category, "countries": sorted(codes), "date": date,
            "modality": modality, "location": location}


def party(code, country=None, text="x"):
    return {"text": text, "code": code, "country": country}


def system(type_, actors, recipients=(), quad=None, date=None, precision=None, source=None,
           modality="asserted", location=None, start=0, end=10, trigger=None):
    return {"type": type_, "quad_class": quad if quad is not None else QUADS.get(type_),
            "actors": list(actors), "recipients": list(recipients), "date": date,
            "date_precision": precision, "date_source": source, "modality": modality,
            "location_country": location, "start": start, "end": end, "trigger": trigger}


@pytest.mark.parametrize("event, pairs", [
    (gold("AGREE", "CHN", "RUS"), {("CHN", "RUS")}),
    (gold("COERCE", "FRA", "FRA"), {("FRA", "FRA")}),
    (gold("ASSAULT", "YEM"), {("YEM",)}),
    ({"category": "DEMAND", "countries": None, "side_a": ["GBR", "FRA", "DEU"], "side_b": ["IRN"]},
     {("DEU", "IRN"), ("FRA", "IRN"), ("GBR", "IRN")}),
    ({"category": "AGREE", "countries": None, "side_a": ["GBR", "FRA", "DEU"], "side_b": []},
     {("DEU", "FRA"), ("DEU", "GBR"), ("FRA", "GBR")}),
])
def test_gold_pairs(event, pairs):
    assert sg.gold_pairs(event) == pairs


@pytest.mark.parametrize("event, pairs", [
    # source x target, unordered
    (system("DEMAND", [party("USA", "USA")], [party("IRQGOV", "IRQ")]), {("IRQ", "USA")}),
    # a joint act: the sources with each other
    (system("AGREE", [party("RUS", "RUS"), party("CHN", "CHN")]), {("CHN", "RUS")}),
    # one country alone; IGO codes without a country are IGO; unlinked mentions count for nothing
    (system("ASSAULT", [party(None, None)], [party("YEM", "YEM")]), {("YEM",)}),
    (system("DISAPPROVE", [party("IGOEUR", None)], [party("IRN", "IRN")]), {("IGO", "IRN")}),
    (system("CONSULT", [party(None)], [party(None)]), set()),
    # the same country on both sides is a domestic pair
    (system("COERCE", [party("FRACOP", "FRA")], [party("FRAOPP", "FRA")]), {("FRA", "FRA")}),
])
def test_system_pairs(event, pairs):
    assert sg.system_pairs(event) == pairs


@pytest.mark.parametrize("pair, interstate", [
    (("CHN", "RUS"), True), (("FRA", "FRA"), False), (("IGO", "IRN"), False), (("YEM",), False)])
def test_interstate_needs_two_different_states(pair, interstate):
    assert sg.is_interstate(pair) is interstate


@pytest.mark.parametrize("gold_date, event, correct", [
    ("2019-09-24", {"date": "2019-09-24", "date_precision": "day"}, True),
    ("2019-09-24", {"date": "2019-09-23", "date_precision": "day"}, False),
    ("2019-09", {"date": "2019-09-24", "date_precision": "day"}, True),
    ("2019", {"date": "2019-01-01", "date_precision": "year"}, True),
    # a year-precise system date is no month, even if its first day falls in it
    ("2019-01", {"date": "2019-01-01", "date_precision": "year"}, False),
    ("2019-09-24", {"date": None, "date_precision": None}, False),
    ("2019-09", {"date": "2019-09-02", "date_precision": "week"}, True),
])
def test_date_correct_at_the_gold_precision(gold_date, event, correct):
    assert sg.date_correct(gold_date, event) is correct


def test_tally_prf_and_recall():
    tally = sg.Tally()
    tally.add({("A", "B"), ("C", "D")}, {("A", "B"), ("E", "F"), ("G",)})
    tally.add(set(), {("H", "H")})
    assert (tally.tp, tally.system, tally.gold) == (1, 4, 2)
    assert tally.prf() == [0.25, 0.5, 0.3333]
    assert tally.recall() == 0.5
    assert sg.Tally().prf() == [0.0, 0.0, 0.0] and sg.Tally().recall() is None


def test_match_events_prefers_same_category_then_quad():
    g = [gold("DISAPPROVE", "IRQ", "USA"), gold("COOPERATE", "IRQ", "USA")]
    s = [system("AGREE", [party("IRQ", "IRQ")], [party("USA", "USA")]),
         system("DEMAND", [party("USA", "USA")], [party("IRQ", "IRQ")]),
         system("CONSULT", [party("CHN", "CHN")], [party("USA", "USA")])]
    scorer = sg.GoldScore(QUADS)
    matches = sg.match_events(g, s, scorer.gold_category, scorer.gold_quad, scorer.system_quad)
    # DISAPPROVE takes the conflict DEMAND (same quad); COOPERATE the remaining AGREE (any)
    assert [(m[0]["category"], m[1]["type"]) for m in matches] == [("DISAPPROVE", "DEMAND"),
                                                                   ("COOPERATE", "AGREE")]


def line(events, places=(), start=0, end=10):
    return {"doc": "d", "start": start, "end": end, "text": "t", "events": events,
            "places": list(places)}


def test_gold_score_on_a_three_sentence_example():
    """Computed by hand: see the comments."""
    scorer = sg.GoldScore(QUADS)
    # 1: a Russia-China agreement with a Moscow dateline; the system found RUS alone, MOSCOW as a
    #    party, and dated it from the publication date
    scorer.add_sentence(
        line([gold("AGREE", "CHN", "RUS", date="2022-07-15", location="RUS")], places=()),
        [system("AGREE", [party("RUS", "RUS", "MOSCOW")], date="2022-07-17", precision="day",
                source="publication")])
    # 2: an EU-Iran criticism, found right; the Tokyo venue is a place
    scorer.add_sentence(
        line([gold("DISAPPROVE", "IGO", "IRN", date="2022-07", modality="asserted")], places=["JPN"]),
        [system("DISAPPROVE", [party("IGOEUR")], [party("IRN", "IRN")], date="2022-07-16",
                precision="day", source="timex", modality="asserted"),
         system("CONSULT", [party("IGOEUR")], [party("JPN", "JPN", "Tokyo")])])
    # 3: no event, but the system made one
    scorer.add_sentence(line([]), [system("FIGHT", [party("FRA", "FRA")], [party("DEU", "DEU")])])
    r = scorer.result()
    # pairs: gold {CHN-RUS}, {IGO-IRN}; system {RUS}, {IGO-IRN, IGO-JPN}, {DEU-FRA}
    assert r["pair_prf"] == [0.25, 0.5, 0.3333]
    assert r["pair_cooperation_prf"] == [0.0, 0.0, 0.0]          # gold CHN-RUS; system RUS, IGO-JPN
    assert r["pair_conflict_prf"] == [0.5, 1.0, 0.6667]          # gold IGO-IRN; system IGO-IRN, DEU-FRA
    assert r["pair_category_prf"] == [0.25, 0.5, 0.3333]
    assert r["interstate_recall"] == 0.0 and r["interstate_gold_pairs"] == 1
    assert r["quad_recall"] == 0.5
    # one matched event (the EU-Iran criticism): date right at month precision, modality right,
    # location null = null
    assert (r["matched"], r["date_acc"], r["modality_acc"], r["location_acc"]) == (1, 1.0, 1.0, 1.0)
    assert r["location_found"] is None
    assert r["publication_date_share"] == 0.25                    # 1 of 4 system events
    assert r["place_party_share"] == 0.25                         # Tokyo's JPN as a party
    assert (r["no_event_sentences"], r["events_on_no_event_sentences"],
            r["no_event_sentences_with_events"]) == (1, 1, 1)


def test_plover2021_scheme_renames_gold_categories():
    scorer = sg.GoldScore(QUADS, scheme="plover2021")
    scorer.add_sentence(line([gold("DISAPPROVE", "IRN", "USA")]),
                        [system("ACCUSE", [party("USA", "USA")], [party("IRN", "IRN")], quad=3)])
    assert scorer.result()["pair_category_prf"] == [1.0, 1.0, 1.0]


def test_events_are_placed_by_trigger_then_by_overlap():
    text = "Iran protested. The EU criticised Iran. Nothing."
    sentences = [{"start": 0, "end": 15}, {"start": 16, "end": 39}, {"start": 40, "end": 48}]
    spanning = system("DISAPPROVE", [], start=0, end=39, trigger="criticised")
    ambiguous = system("PROTEST", [], start=0, end=39, trigger="Iran")      # twice in the span
    overlap = system("PROTEST", [], start=10, end=48)
    outside = system("PROTEST", [], start=60, end=70)
    placed = sg.place_events(sentences, {"text": text,
                                         "events": [spanning, ambiguous, overlap, outside]})
    assert placed[1] == [spanning, ambiguous, overlap]
    assert 0 not in placed and 2 not in placed


def test_dump_shows_gold_system_and_pairs(tmp_path):
    compared = [(dict(line([gold("AGREE", "CHN", "RUS")]), text="Russia and China signed."),
                 [system("AGREE", [party("RUS", "RUS", "Russia")], trigger="signed")]),
                (dict(line([]), text="Rain fell."), [])]
    out = tmp_path / "dump.txt"
    sg.write_dump(out, compared)
    dump = out.read_text()
    assert "Russia and China signed." in dump and "Rain fell." not in dump
    assert "gold   AGREE CHN-RUS" in dump and "system AGREE [signed] Russia=RUS -> -" in dump
    assert "missed: CHN-RUS" in dump and "extra: RUS" in dump


@pytest.mark.parametrize("event, category", [
    (gold("SANCTION", "IRQ", "USA", modality="planned"), "THREATEN"),
    (gold("AID", "GBR", "UKR", modality="planned"), "AGREE"),
    (gold("REJECT", "GBR", "GBR", modality="planned"), "REJECT"),       # verbal conflict keeps its own
    (gold("SANCTION", "IRQ", "USA", modality="hypothetical"), "SANCTION"),
    (gold("SANCTION", "IRQ", "USA", modality="negated"), "SANCTION"),
])
def test_planned_events_follow_the_cameo_intent_convention(event, category):
    assert sg.intent_category(event, QUADS) == category


def test_a_planned_expulsion_matches_a_threat():
    scorer = sg.GoldScore(QUADS)
    scorer.add_sentence(line([gold("SANCTION", "IRQ", "USA", modality="planned")]),
                        [system("THREATEN", [party("IRQLEG", "IRQ")], [party("USA", "USA")],
                                quad=3, modality="planned")])
    r = scorer.result()
    assert r["pair_category_prf"] == [1.0, 1.0, 1.0] and r["quad_recall"] == 1.0
    assert r["pair_conflict_prf"] == [1.0, 1.0, 1.0]


def test_gsr_scheme_files_appeals_under_demand():
    scorer = sg.GoldScore(QUADS)
    scorer.add_sentence(line([gold("REQUEST", "IRQ", "USA")]),
                        [system("DEMAND", [party("USA", "USA")], [party("IRQ", "IRQ")])])
    assert scorer.result()["pair_category_prf"] == [1.0, 1.0, 1.0]
