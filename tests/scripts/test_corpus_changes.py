"""scripts/corpus_changes.py: which events a change adds and removes on the real-news corpus, the
corpus leaving out every gold document, and bad run files named by file and line."""
from __future__ import annotations

import json

import pytest
from locations import load_script

cc = load_script("corpus_changes")
TEXT = "Russia and China signed a deal. Iraq was criticised in London."


def event(kind, actors, recipients, start, end, trigger):
    def part(text, country):
        return {"text": text, "country": country, "code": country}
    return {"type": kind, "trigger": trigger, "start": start, "end": end,
            "actors": [part(*a) for a in actors], "recipients": [part(*r) for r in recipients]}


SIGNED = event("SUPPORT", [("Russia", "RUS"), ("China", "CHN")], [], 0, 31, "signed")
CRITICISED_LONDON = event("DISAPPROVE", [], [("London", "GBR")], 32, 62, "criticised")
CRITICISED_IRAQ = event("DISAPPROVE", [], [("Iraq", "IRQ")], 32, 62, "criticised")


def test_the_events_only_one_run_has_are_listed_with_their_sentence():
    old = {"wikinews:2019:1": {"id": "wikinews:2019:1", "events": [SIGNED, CRITICISED_LONDON]}}
    new = {"wikinews:2019:1": {"id": "wikinews:2019:1", "events": [SIGNED, CRITICISED_IRAQ]},
           "wikinews:2019:2": {"id": "wikinews:2019:2", "events": [SIGNED]}}  # in one run only
    lines, added, removed = cc.changes(old, new, lambda doc: TEXT)
    assert (added, removed) == (1, 1)
    assert lines == [
        "+ wikinews:2019:1 DISAPPROVE [criticised]  -> Iraq=IRQ | Iraq was criticised in London.",
        "- wikinews:2019:1 DISAPPROVE [criticised]  -> London=GBR | Iraq was criticised in London.",
    ]


def test_the_same_events_in_another_order_are_no_change():
    old = {"d": {"events": [SIGNED, CRITICISED_IRAQ]}}
    new = {"d": {"events": [CRITICISED_IRAQ, SIGNED]}}
    assert cc.changes(old, new, lambda doc: TEXT) == ([], 0, 0)


def test_a_bad_run_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "run.jsonl"
    path.write_text(json.dumps({"id": "a", "events": []}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"run\.jsonl:2: not a JSON line"):
        cc.read_run(path)


def test_no_gold_document_is_in_the_corpus():
    gold = cc.gold_docs()
    assert len(gold) == 48          # the 48 articles of data/gold/README.md
    eval_dir = cc.DEFAULT_EVAL
    if not (eval_dir / "articles").is_dir():
        pytest.skip("the shared articles are not beside the project")
    requests = cc.corpus_requests(eval_dir)
    assert requests and not {r["id"] for r in requests} & gold
    assert all(r["text"].strip() for r in requests)


@pytest.mark.parametrize("actors, recipients, expected", [
    # doers with targets: each doer's country with each target's, never doers together
    ([("Britain", "GBR"), ("France", "FRA")], [("Iran", "IRN")], {("GBR", "IRN"), ("FRA", "IRN")}),
    # no target country: the doers of a joint act with each other
    ([("Russia", "RUS"), ("China", "CHN")], [("the IAEA", None)], {("CHN", "RUS")}),
    # one country only, or the same on both sides: no pair
    ([("Russia", "RUS")], [], set()),
    ([("Russia", "RUS")], [("Moscow", "RUS")], set()),
])
def test_pairs_are_those_of_the_dyad_views(actors, recipients, expected):
    assert cc.pairs(event("AGREE", actors, recipients, 0, 10, "agreed")) == expected


def test_a_sample_draws_paired_asserted_or_planned_events_by_seed():
    paired = [{**SIGNED, "modality": modality} for modality in ("asserted", "planned", "negated")]
    run = {f"d{n}": {"events": [e, {**CRITICISED_IRAQ, "modality": "asserted"}]}
           for n, e in enumerate(paired)}
    lines = cc.sample(run, seed=3, count=5, text_of=lambda doc: TEXT)
    assert lines[0] == "2 paired events; 2 drawn with seed 3"   # negated and one-country left out
    assert sorted(line.split()[1] for line in lines[1::2]) == ["d0", "d1"]
    assert all("pairs=CHN-RUS" in line for line in lines[1::2])
    assert lines[2].strip().startswith("SUPPORT [signed] Russia=RUS, China=CHN ->")
    assert cc.sample(run, seed=3, count=1, text_of=lambda doc: TEXT) == \
        cc.sample(run, seed=3, count=1, text_of=lambda doc: TEXT)


def entity(text, country, sentence):
    start = TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text), "label": "GPE",
            "sentence_index": sentence, "country": country}


def test_sentences_naming_two_countries_are_drawn_with_the_pairs_the_run_makes():
    entities = [entity("Russia", "RUS", 0), entity("China", "CHN", 0),
                entity("Iraq", "IRQ", 1), entity("London", "GBR", 1)]
    run = {"d": {"entities": entities, "events": [{**SIGNED, "modality": "asserted"},
                                                  {**CRITICISED_IRAQ, "modality": "asserted"}]},
           "e": {"entities": entities[:1], "events": []}}            # one country: not drawn
    lines = cc.sentences(run, seed=1, count=5, text_of=lambda doc: TEXT)
    assert lines[0] == ("2 sentences name two or more countries, 1 with a paired event; "
                        "2 drawn with seed 1")
    drawn = {(head.split(". ", 1)[1], sentence.strip())
             for head, sentence in zip(lines[1::2], lines[2::2])}
    assert drawn == {("d countries=CHN,RUS pairs=CHN-RUS", "Russia and China signed a deal."),
                     ("d countries=GBR,IRQ pairs=none", "Iraq was criticised in London.")}
