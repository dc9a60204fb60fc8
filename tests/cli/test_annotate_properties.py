"""Property-based tests (hypothesis) of the annotator, with the real pipeline loaded once: whatever
the string, `entente annotate` answers without an exception, every offset indexes the text, and
every timex value is a valid TIMEX3 value."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from entente.cli.annotate import annotate_lines
from entente.nlp.timex.timex3 import TIMEX3_TYPES, TIMEX3_VALUE



@pytest.mark.parametrize("value", ["2022-07-15", "2022-07", "2022", "199", "19", "2022-Q3",
                                   "2022-H1", "2022-W05", "2022-W05-WE", "2022-SU", "XXXX-07-15",
                                   "2022-07-15T14:30", "2022-07-15TEV", "P3Y", "P1DT2H", "PT30M",
                                   "P2DE", "PXY", "PAST_REF", "FUTURE_REF", "XXXX-WXX-1"])
def test_validator_accepts_timex3_values(value):
    assert TIMEX3_VALUE.match(value)


@pytest.mark.parametrize("value", ["", "2022-13", "2022-07-32", "July 2022", "P", "3Y", "20222",
                                   "2022-Q5", "NOW", "2022/07/15"])
def test_validator_rejects_other_strings(value):
    assert not TIMEX3_VALUE.match(value)


# Text that looks like news: words, numbers, dates, names, punctuation, whitespace, and noise.
WORDS = st.sampled_from([
    "the", "United States", "Russia", "China", "signed", "agreed", "an agreement", "on",
    "in", "last year", "next month", "July 15, 2022", "2021", "the 1990s", "Q3", "Monday",
    "three years", "by 2028", "since 1945", "every week", "NASA", "Roscosmos", "Baikonur",
    "will", "not", "may", "cooperate", "talks", ".", ",", ";", "\n", "\n\n", "  ", "\t",
    "'s", "\"", "(", ")", "-", "—", "€5bn", "10:30", "a.m.", "yesterday", "today", "ago",
    "Q", "W", "X", "PT", "décembre", "北京", "🙂", "\u200b", "\x00", "\x1f", "\x7f"])
NEWSY = st.lists(WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)   # JSON carries no
LONG_TOKEN = st.builds(lambda ch, n: ch * n,                                  # lone surrogates
                       st.sampled_from(["a", "1", "-", ".", "X", "é", " "]),
                       st.integers(1000, 20000))
# Every article in the warehouse has an anchor date (publication, else fetch): always give one.
DATES = st.one_of(st.dates().map(str), st.sampled_from(["2100-01-01", "1900-02-28T23:59:59Z"]))
SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def annotate_one(nlp, text: str, published_at=None) -> dict:
    request = {"id": 1, "text": text}
    if published_at is not None:
        request["published_at"] = published_at
    [response] = list(annotate_lines([json.dumps(request)], nlp))
    assert "error" not in response, response
    return response


def check_response(text: str, response: dict) -> None:
    assert response["text"] == text
    for entity in response["entities"]:
        assert 0 <= entity["start"] < entity["end"] <= len(text)
        assert text[entity["start"]:entity["end"]] == entity["text"]
    for timex in response["timexes"]:
        assert 0 <= timex["start"] < timex["end"] <= len(text)
        assert text[timex["start"]:timex["end"]] == timex["text"]
        assert timex["type"] in TIMEX3_TYPES, timex
        assert isinstance(timex["value"], str) and TIMEX3_VALUE.match(timex["value"]), timex
    for event in response["events"]:
        assert 0 <= event["start"] < event["end"] <= len(text)
        for participant in event["actors"] + event["recipients"]:
            if participant.get("start") is not None:
                assert 0 <= participant["start"] < participant["end"] <= len(text)


@SETTINGS
@given(text=NEWSY, published_at=DATES)
def test_newsy_text_offsets_inside_and_values_valid(nlp, text, published_at):
    check_response(text, annotate_one(nlp, text, published_at))


@SETTINGS
@given(text=ANY_TEXT, published_at=st.one_of(st.none(), DATES))
def test_any_string_is_annotated_without_exception(nlp, text, published_at):
    check_response(text, annotate_one(nlp, text, published_at))


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.tuples(NEWSY, LONG_TOKEN, NEWSY).map(" ".join), published_at=DATES)
def test_very_long_tokens_do_not_break_the_annotator(nlp, text, published_at):
    check_response(text, annotate_one(nlp, text, published_at))


@pytest.mark.parametrize("text", ["10:30 yesterday", "at 9 p.m. on Friday", "noon today"])
def test_time_of_day_without_a_document_date_has_a_valid_value(nlp, text):
    check_response(text, annotate_one(nlp, text))


def test_surrogates_and_bad_lines_get_an_error_and_the_stream_goes_on(nlp):
    lines = ['{"id": 1, "text": "\\ud800 lone surrogate"}', "{not json", '{"id": 3, "text": 5}',
             json.dumps({"id": 4, "text": "Russia and China signed an accord in 2021."})]
    responses = list(annotate_lines(lines, nlp))
    assert [r["id"] for r in responses] == [1, None, 3, 4]
    assert "error" in responses[1] and "error" in responses[2]
    assert "error" not in responses[3]


def test_validator_accepts_every_value_in_the_tempeval_gold(eval_dir):
    values = set()
    for path in (eval_dir / "timeml" / "TBAQ-cleaned").rglob("*.tml"):
        values |= set(re.findall(r'value="([^"]*)"', path.read_text(encoding="utf-8")))
    assert len(values) > 300
    assert sorted(v for v in values if not TIMEX3_VALUE.match(v)) == []
