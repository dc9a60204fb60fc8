"""`entente annotate`: the JSONL contract that accuracy is measured through."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from locations import PROJECT, seed_text

pytestmark = pytest.mark.slow

HTML = ("<html><head><title>Treaty signed</title>"
        "<meta property='article:published_time' content='2010-04-09T10:00:00Z'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Treaty signed</h1>"
        + "".join(f"<p>Paragraph {i}. On April 8, 2010, the United States and Russia signed "
                  "the New START treaty in Prague.</p>" for i in range(3))
        + "</article><footer>Copyright Example News</footer></body></html>")


def annotate_process(lines: list[str], *options: str, env: dict | None = None):
    return subprocess.run([str(PROJECT / ".venv" / "bin" / "entente"), "annotate", *options],
                          input="".join(line + "\n" for line in lines), cwd=PROJECT,
                          capture_output=True, text=True, timeout=300, env=env)


def run_annotate(lines: list[str], *options: str) -> list[dict]:
    done = annotate_process(lines, *options)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def responses():
    requests = [
        json.dumps({"id": "seed", "text": seed_text(), "published_at": "2023-02-01"}),
        "{not json",
        json.dumps({"id": 7, "html": HTML, "url": "https://example.org/treaty"}),
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "nothing"}),
    ]
    return run_annotate(requests)


def test_one_response_per_request_in_order(responses):
    assert [r.get("id") for r in responses] == ["seed", None, 7, "empty", "nothing"]
    assert "invalid JSON" in responses[1]["error"] and "line 2" in responses[1]["error"]
    assert "needs a 'text' or 'html'" in responses[4]["error"]
    assert responses[3]["entities"] == [] and responses[3]["events"] == []


def test_offsets_index_the_text(responses):
    for response in (responses[0], responses[2]):
        text = response["text"]
        for item in response["entities"] + response["timexes"]:
            assert text[item["start"]:item["end"]] == item["text"]
        for event in response["events"]:
            assert 0 <= event["start"] < event["end"] <= len(text)


def test_seed_response_has_codes_timex_values_and_events(responses):
    seed = responses[0]
    codes = {e["text"]: e["code"] for e in seed["entities"] if e["code"]}
    assert codes["Roscosmos"].startswith("RUS") and codes["NASA"].startswith("USA")
    values = {t["text"]: t["value"] for t in seed["timexes"]}
    assert values["July 15, 2022"] == "2022-07-15" and values["last year"] == "2022"
    agreement = [e for e in seed["events"] if e["date"] == "2022-07-15"]
    assert agreement and agreement[0]["quad_class"] in (1, 2)
    assert agreement[0]["date_precision"] == "day" and agreement[0]["modality"] == "asserted"
    codes_in_event = {p["code"] for p in agreement[0]["actors"] + agreement[0]["recipients"]}
    assert {"RUS", "USA"} <= {c[:3] for c in codes_in_event if c}
    for event in seed["events"]:
        assert set(event) >= {"start", "end", "type", "quad_class", "actors", "recipients",
                              "date", "date_precision", "modality"}


def test_html_request_returns_main_text_title_and_date(responses):
    page = responses[2]
    assert page["title"] == "Treaty signed" and page["published_at"] == "2010-04-09"
    assert "New START" in page["text"] and "Home | World" not in page["text"]
    assert any(e["date"] == "2010-04-08" for e in page["events"])


SCHEME_SENTENCES = [json.dumps({"id": 1, "text": "Iran accused the United States of spying on its nuclear sites."}),
                    json.dumps({"id": 2, "text": "Moscow demanded that Kyiv withdraw its troops."})]


def event_types(responses: list[dict]) -> list[list[str]]:
    return [[event["type"] for event in response["events"]] for response in responses]


def test_scheme_names_the_categories_as_the_gold_data_does():
    assert event_types(run_annotate(SCHEME_SENTENCES)) == [["DISAPPROVE"], ["DEMAND"]]
    assert event_types(run_annotate(SCHEME_SENTENCES, "--scheme", "plover2021")) == [["ACCUSE"], ["REQUEST"]]
    from_env = annotate_process(SCHEME_SENTENCES, env={**os.environ, "ENTENTE_EVENT_SCHEME": "plover2021"})
    assert from_env.returncode == 0, from_env.stderr[-2000:]
    assert event_types([json.loads(line) for line in from_env.stdout.splitlines()]) == [["ACCUSE"], ["REQUEST"]]


def test_an_unknown_scheme_is_a_clear_error():
    done = annotate_process(SCHEME_SENTENCES, "--scheme", "cameo2")
    assert done.returncode == 2 and "--scheme must be one of gsr, plover2021" in done.stderr
    env = {**os.environ, "ENTENTE_EVENT_SCHEME": "polecat"}
    done = annotate_process(SCHEME_SENTENCES, env=env)
    assert done.returncode == 2 and "ENTENTE_EVENT_SCHEME must be one of" in done.stderr
