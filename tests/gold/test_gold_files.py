"""data/gold/events_*.jsonl and interstate_*.jsonl are well formed, point at the texts they were
coded on, and are the articles the documented selection procedures pick."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

from locations import PROJECT
from entente.sources.inbox import read_inbox_file
from gold_scripts import gold_corpus, gold_sample, gold_sample_interstate, score_gold

GOLD = PROJECT / "data" / "gold"
FILES = {name: GOLD / f"{name}.jsonl"
         for name in ("events_dev", "events_test", "interstate_dev", "interstate_test")}
SELECTIONS = {"events": gold_sample, "interstate": gold_sample_interstate}
HISTORICAL = {"SUN", "DDR", "YUG", "CSK"}
KNOWN_CODES = {c.alpha_3 for c in pycountry.countries} | HISTORICAL | {score_gold.IGO}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
EVENT_KEYS = {"category", "countries", "side_a", "side_b", "date", "modality", "location"}


def lines_of(name: str) -> list[dict]:
    return [json.loads(raw) for raw in FILES[name].read_text(encoding="utf-8").splitlines()]


@pytest.fixture(params=sorted(FILES))
def gold_file(request) -> str:
    return request.param


def test_historical_codes_are_iso_3166_3():
    assert HISTORICAL <= {c.alpha_3 for c in pycountry.historic_countries}


def test_lines_are_json_with_the_documented_keys(gold_file):
    for line in lines_of(gold_file):
        assert set(line) == {"doc", "start", "end", "sha1", "published", "events", "places"}
        assert re.fullmatch(r"wikinews:(2019|2020):\d+|bbc:(politics|business|tech)/\d{3}\.txt",
                            line["doc"])
        assert 0 <= line["start"] < line["end"] and re.fullmatch(r"[0-9a-f]{40}", line["sha1"])
        assert line["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["published"])
        assert line["places"] == sorted(set(line["places"])) and set(line["places"]) <= KNOWN_CODES


def test_events_use_known_categories_codes_dates_and_modalities(gold_file):
    categories = score_gold.load_quads()
    for line in lines_of(gold_file):
        for event in line["events"]:
            assert {"category", "date", "modality", "location"} <= set(event) <= EVENT_KEYS, event
            assert event["category"] in score_gold.GSR_CATEGORIES and event["category"] in categories
            assert event["modality"] in score_gold.MODALITIES
            assert event["date"] is None or DATE.fullmatch(event["date"])
            assert event["location"] is None or event["location"] in KNOWN_CODES
            assert set(_codes(event)) <= KNOWN_CODES, event


def _codes(event: dict) -> list[str]:
    if event.get("side_a"):
        assert event.get("countries") is None
        assert len(event["side_a"]) >= 3 or len(event.get("side_b") or []) >= 3
        return event["side_a"] + (event.get("side_b") or [])
    assert 1 <= len(event["countries"]) <= 2 and event["countries"] == sorted(event["countries"])
    return event["countries"]


def test_places_are_no_parties_of_their_sentence(gold_file):
    for line in lines_of(gold_file):
        parties = {c for e in line["events"] for c in _codes(e)}
        assert not parties & set(line["places"]), line


def test_sizes_and_held_out_articles_are_separate():
    dev, test = lines_of("events_dev"), lines_of("events_test")
    assert len(dev) >= 300 and len(test) >= 120
    docs = [{line["doc"] for line in lines_of(name)} for name in FILES]
    assert sum(map(len, docs)) == len(set().union(*docs)), "an article is in two gold files"


def interstate_or_igo(event: dict) -> bool:
    """Two different countries, or a country and an IGO, on the two sides of one pair."""
    return any(len(pair) == 2 and pair[0] != pair[1] for pair in score_gold.gold_pairs(event))


@pytest.mark.parametrize("name, sentences, events", [("interstate_dev", 250, 100),
                                                      ("interstate_test", 100, 40)])
def test_interstate_files_hold_enough_interstate_and_igo_events(name, sentences, events):
    lines = lines_of(name)
    assert len(lines) >= sentences
    assert sum(interstate_or_igo(e) for line in lines for e in line["events"]) >= events


@pytest.mark.parametrize("event, counted", [
    ({"category": "AGREE", "countries": ["IGO", "TUR"]}, True),
    ({"category": "AGREE", "countries": ["GBR", "USA"]}, True),
    ({"category": "COERCE", "countries": ["GBR", "GBR"]}, False),
    ({"category": "ASSAULT", "countries": ["IRQ"]}, False),
    ({"category": "SUPPORT", "countries": ["IGO", "IGO"]}, False),
    ({"category": "DEMAND", "countries": None, "side_a": ["DEU", "FRA", "GBR"], "side_b": ["IRN"]},
     True),
])
def test_interstate_or_igo_counts_two_different_parties(event, counted):
    assert interstate_or_igo(event) is counted


def test_offsets_and_sha1_match_the_texts(gold_file, eval_dir):
    for line in lines_of(gold_file):
        text = gold_corpus.article_text(line["doc"], eval_dir)
        assert line["end"] <= len(text)
        assert gold_corpus.sentence_sha1(text[line["start"]:line["end"]]) == line["sha1"], line
        assert line["published"] == gold_corpus.published_date(line["doc"], eval_dir)


def test_every_sentence_of_every_article_is_annotated(gold_file, eval_dir):
    """No sentence is left out (a no-event sentence counts too)."""
    lines = lines_of(gold_file)
    for doc in dict.fromkeys(line["doc"] for line in lines):
        spans = [(line["start"], line["end"]) for line in lines if line["doc"] == doc]
        assert spans == gold_sample.split_sentences(gold_corpus.article_text(doc, eval_dir))


@pytest.mark.parametrize("sample", sorted(SELECTIONS))
def test_the_articles_are_the_documented_random_selection(sample, eval_dir):
    chosen = SELECTIONS[sample].select(eval_dir)
    for split in ("dev", "test"):
        docs = list(dict.fromkeys(line["doc"] for line in lines_of(f"{sample}_{split}")))
        assert docs == chosen[split]


def test_bbc_text_is_what_the_inbox_reader_keeps(eval_dir):
    docs = {line["doc"] for name in FILES for line in lines_of(name) if line["doc"].startswith("bbc:")}
    assert docs
    for doc in docs:
        path = eval_dir / "articles" / "bbc" / doc.partition(":")[2]
        [article] = read_inbox_file(path, "gold")
        assert gold_corpus.article_text(doc, eval_dir) == article.text


def test_a_drifted_text_stops_the_scorer(tmp_path, eval_dir):
    line = lines_of("events_dev")[0]
    line["sha1"] = "0" * 40
    path = tmp_path / "drifted.jsonl"
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(SystemExit, match="no longer matches its sha1"):
        score_gold.load_gold(path, eval_dir)
