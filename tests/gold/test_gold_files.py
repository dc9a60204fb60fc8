"""data/gold/events_*.jsonl are well formed, point at the texts they were coded on, and are the
articles the documented selection procedure picks."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

from conftest import PROJECT
from entente.sources.inbox import read_inbox_file
from gold_scripts import gold_corpus, gold_sample, score_gold

GOLD = PROJECT / "data" / "gold"
FILES = {"dev": GOLD / "events_dev.jsonl", "test": GOLD / "events_test.jsonl"}
HISTORICAL = {"SUN", "DDR", "YUG", "CSK"}
KNOWN_CODES = {c.alpha_3 for c in pycountry.countries} | HISTORICAL | {score_gold.IGO}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def lines_of(split: str) -> list[dict]:
    return [json.loads(raw) for raw in FILES[split].read_text(encoding="utf-8").splitlines()]


@pytest.fixture(params=sorted(FILES))
def split(request) -> str:
    return request.param


def test_historical_codes_are_iso_3166_3():
    assert HISTORICAL <= {c.alpha_3 for c in pycountry.historic_countries}


def test_lines_are_json_with_the_documented_keys(split):
    for line in lines_of(split):
        assert set(line) == {"doc", "start", "end", "sha1", "published", "events", "places"}
        assert re.fullmatch(r"wikinews:(2019|2020):\d+|bbc:politics/\d{3}\.txt", line["doc"])
        assert 0 <= line["start"] < line["end"] and re.fullmatch(r"[0-9a-f]{40}", line["sha1"])
        assert line["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["published"])
        assert line["places"] == sorted(set(line["places"])) and set(line["places"]) <= KNOWN_CODES


def test_events_use_known_categories_codes_dates_and_modalities(split):
    categories = score_gold.load_quads()
    for line in lines_of(split):
        for event in line["events"]:
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


def test_places_are_no_parties_of_their_sentence(split):
    for line in lines_of(split):
        parties = {c for e in line["events"] for c in _codes(e)}
        assert not parties & set(line["places"]), line


def test_sizes_and_held_out_articles_are_separate():
    dev, test = lines_of("dev"), lines_of("test")
    assert len(dev) >= 300 and len(test) >= 120
    assert not {line["doc"] for line in dev} & {line["doc"] for line in test}


def test_offsets_and_sha1_match_the_texts(split, eval_dir):
    for line in lines_of(split):
        text = gold_corpus.article_text(line["doc"], eval_dir)
        assert line["end"] <= len(text)
        assert gold_corpus.sentence_sha1(text[line["start"]:line["end"]]) == line["sha1"], line
        assert line["published"] == gold_corpus.published_date(line["doc"], eval_dir)


def test_every_sentence_of_every_article_is_annotated(split, eval_dir):
    """No sentence is left out (a no-event sentence counts too)."""
    lines = lines_of(split)
    for doc in dict.fromkeys(line["doc"] for line in lines):
        spans = [(line["start"], line["end"]) for line in lines if line["doc"] == doc]
        assert spans == gold_sample.split_sentences(gold_corpus.article_text(doc, eval_dir))


def test_the_articles_are_the_documented_random_selection(eval_dir):
    chosen = gold_sample.select(eval_dir)
    for split in FILES:
        assert list(dict.fromkeys(line["doc"] for line in lines_of(split))) == chosen[split]


def test_bbc_text_is_what_the_inbox_reader_keeps(eval_dir):
    docs = {line["doc"] for split in FILES for line in lines_of(split) if line["doc"].startswith("bbc:")}
    assert docs
    for doc in docs:
        path = eval_dir / "articles" / "bbc" / doc.partition(":")[2]
        [article] = read_inbox_file(path, "gold")
        assert gold_corpus.article_text(doc, eval_dir) == article.text


def test_a_drifted_text_stops_the_scorer(tmp_path, eval_dir):
    line = lines_of("dev")[0]
    line["sha1"] = "0" * 40
    path = tmp_path / "drifted.jsonl"
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(SystemExit, match="no longer matches its sha1"):
        score_gold.load_gold(path, eval_dir)
