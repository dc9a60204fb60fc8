"""Selective syntax: only sentences that may hold an event or a date are tagged and parsed."""
from __future__ import annotations

from pathlib import Path

import pytest

from entente.nlp.events.lexicon import token_lemma
from entente.nlp.syntax.inflection import lemma_candidates, trigger_candidates
from entente.nlp.pipeline import build_nlp
from entente.settings import Settings
from locations import EVAL

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "articles"


@pytest.fixture(scope="module")
def selective():
    return build_nlp(Settings(selective_syntax=True))


@pytest.fixture(scope="module")
def full():
    return build_nlp(Settings(selective_syntax=False))


def annotate(nlp, text, dct="2022-07-20"):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def parsed(sent) -> bool:
    return any(tok.dep_ for tok in sent)


@pytest.mark.parametrize("form, lemma", [
    ("signed", "sign"), ("agreeing", "agree"), ("supplies", "supply"), ("banned", "ban"),
    ("committed", "commit"), ("met", "meet"), ("held", "hold"), ("fought", "fight"),
    ("withdrew", "withdraw"), ("crises", "crisis"), ("closest", "close"), ("talks", "talk"),
    ("was", "be"), ("said", "say"), ("best", "good")])
def test_lemma_candidates_contain_the_lemma(form, lemma):
    assert lemma in lemma_candidates(form)


def test_lemma_candidates_cover_every_lemma_the_model_gives_in_our_samples(full):
    """The selection is only sound if no trigger hides behind a form we cannot undo: the
    constraint words behind `lemma_candidates`, the trigger lemmas behind the narrower
    `trigger_candidates` (or the irregular forms the CAMEO dictionary lists)."""
    lexicon = full.get_pipe("entente_events").lex
    words = set(lexicon.index) | lexicon.reporting_verbs | {"must"}
    for entries in lexicon.index.values():
        for entry in entries:
            words |= entry.obj | entry.prep | entry.mod | entry.obj_of | entry.subj
            words |= {w for prep, nouns in entry.pp for w in {prep, *nouns}}
    missed = set()
    for path in sorted(SAMPLES.glob("*.txt")):
        for tok in annotate(full, path.read_text(encoding="utf-8")):
            lemma = token_lemma(tok)
            if lemma in words and lemma not in lemma_candidates(tok.lower_):
                missed.add((tok.text, lemma))
            if lemma in lexicon.index and tok.pos_ in ("VERB", "NOUN", "PROPN") and \
                    lemma not in trigger_candidates(tok.lower_) | {lexicon.forms.get(tok.lower_)}:
                missed.add((tok.text, lemma))
    assert not missed


def test_trigger_candidates_undo_no_derivation():
    assert "fight" not in trigger_candidates("fighters")
    assert "settle" not in trigger_candidates("settlement")
    assert {"fight", "fighter"} <= lemma_candidates("fighters")
    assert "high" in lemma_candidates("higher") and "sign" in trigger_candidates("signed")


@pytest.mark.parametrize("text, selected", [
    # a verb entry's word after a determiner is a noun ("the search"); the verb itself selects
    ("Police in Germany and France continued the search.", False),
    ("Police in Germany and France searched the area.", True),
    # an entry mined from CAMEO codes a dyad: one named party alone selects nothing
    ("Police in Germany searched the area.", False),
    # a word inside a name is no trigger ("Fund" of the IMF); the verb is
    ("The International Monetary Fund is based in Washington.", False),
    ("Germany will fund schools in Kenya.", True),
    # a form the CAMEO dictionary lists ("overflew" of "overfly")
    ("Russian warplanes overflew the presidential palace of Georgia.", True),
])
def test_selection_reads_word_classes_names_and_parties(selective, text, selected):
    assert [parsed(s) for s in annotate(selective, text).sents] == [selected]


def test_sentences_without_event_or_date_are_not_parsed(selective):
    doc = annotate(selective, "Roscosmos and NASA agreed on July 15, 2022 to share flights to the "
                              "station. The weather in Houston was mild and dry. The crew enjoyed "
                              "the view.")
    sents = list(doc.sents)
    assert [parsed(s) for s in sents] == [True, False, False]
    assert [e["type"] for e in doc._.events] == ["AGREE"]
    assert doc._.events[0]["date"] == "2022-07-15"
    unparsed = sents[1]
    assert all(tok.tag_ == "" and tok.lemma_ == "" and tok.head == tok for tok in unparsed)
    assert doc.ents                     # entities are found everywhere, parsed or not


def test_a_trigger_without_a_linked_actor_needs_no_parse(selective):
    doc = annotate(selective, "The neighbours support the plan and agreed to share the garden. "
                              "Nobody objected.")
    assert not any(parsed(s) for s in doc.sents)
    assert doc._.events == []


def test_date_sentences_are_parsed_for_tense(selective):
    doc = annotate(selective, "The committee met on Tuesday.", dct="2022-07-21")
    assert all(parsed(s) for s in doc.sents)
    assert [t["value"] for t in doc._.timexes] == ["2022-07-19"]   # past tense: the last Tuesday


@pytest.mark.parametrize("text, selected", [
    # the tense decides which Tuesday, which March
    ("The committee met on Tuesday.", True),
    ("The plant closes in March.", True),
    ("The plant will close this weekend.", True),
    # a written year, a written direction, a full date: the same value whatever the verb
    ("The plant opened in 2004.", False),
    ("Sales rose by a fifth last year.", False),
    ("The plant opened on July 15, 2022.", False),
    ("The plant has been closed for three weeks.", False),
    # the year filter reads the parse: a name ("Euro 2004"), a count ("2000 troops")
    ("Euro 2004 was a success.", True),
    ("About 2000 soldiers arrived.", True),
    # "soon" needs the tense, "current" its part of speech
    ("The plant will reopen soon.", True),
    ("The current plan is unpopular.", True),
    ("The plant is now closed.", False),
    # a candidate the text alone rejects ("may" the modal) needs nothing
    ("The plant may close.", False),
])
def test_date_sentences_are_parsed_when_a_value_may_depend_on_it(selective, text, selected):
    assert [parsed(s) for s in annotate(selective, text).sents] == [selected]


BBC_POLITICS = EVAL / "articles" / "bbc" / "politics"


@pytest.mark.parametrize("source", ["samples", "bbc"])
def test_dates_are_the_same_as_with_every_date_sentence_parsed(selective, monkeypatch, source):
    """timex/reads_parse leaves a date sentence unparsed only when no filter or normalizer of
    its candidates reads the parse: on our samples and on 80 BBC politics articles (when
    ../shared is there) the TIMEX3 values are the same as when every sentence with a date
    candidate is parsed."""
    from entente.nlp.syntax import component
    from entente.nlp.timex.grammar import candidates

    def every_date_candidate(doc):
        return [(start, end) for start, end, _ in candidates(doc.text)]

    if source == "bbc" and not BBC_POLITICS.is_dir():
        pytest.skip(f"{BBC_POLITICS} is absent")
    paths = sorted(SAMPLES.glob("*.txt")) if source == "samples" else sorted(BBC_POLITICS.glob("*.txt"))[:80]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]

    def timexes():
        return [[(t["start"], t["end"], t["type"], t["value"]) for t in annotate(selective, text)._.timexes]
                for text in texts]

    def parsed_count():
        return sum(parsed(s) for text in texts for s in annotate(selective, text).sents)

    chosen, chosen_parsed = timexes(), parsed_count()
    monkeypatch.setattr(component, "dates_reading_parse", every_date_candidate)
    assert timexes() == chosen
    assert parsed_count() > chosen_parsed


def test_parsed_sentences_match_the_model_parsing_them_alone(selective, full):
    text = ("The weather was mild. France and Germany signed a treaty on energy in Berlin. "
            "Fans cheered.")
    doc = annotate(selective, text)
    sent = [s for s in doc.sents if parsed(s)][0]
    alone = annotate(full, sent.text)
    assert [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i - sent.start) for t in sent] == \
        [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in alone]


def test_sentence_boundaries_are_the_senters_and_blank_lines(selective):
    text = "Russia and the US agreed on a plan in 2022. It was cold. Talks resumed on Monday."
    doc = annotate(selective, text)
    with selective.select_pipes(enable=["senter"]):
        split = selective(text)
    assert [s.text for s in doc.sents] == [s.text for s in split.sents]
    titled = annotate(selective, "Space agencies extend their cooperation\n\nNASA and ESA signed "
                                 "a deal in Paris on Monday.")
    assert [s.text.strip() for s in titled.sents] == [
        "Space agencies extend their cooperation", "NASA and ESA signed a deal in Paris on Monday."]


def test_seed_events_are_the_same_with_and_without_selective_syntax(selective, full):
    from locations import seed_text

    keys = [sorted((e["trigger"], e["type"], e["date"], e["modality"],
                    tuple(a["code"] for a in e["actors"])) for e in annotate(nlp, seed_text())._.events)
            for nlp in (selective, full)]
    assert keys[0] == keys[1]


@pytest.mark.parametrize("text, sentences", [
    # quote_closes_sentence: two spaces after a closing quote hide the boundary from the senter
    ('Trump hailed the agreements as the "dawn of a new Middle East."  Meanwhile, the conflict '
     'between Armenia and Azerbaijan escalated.',
     ['Trump hailed the agreements as the "dawn of a new Middle East."',
      "Meanwhile, the conflict between Armenia and Azerbaijan escalated."]),
    # an opening quote starts its sentence whole
    ('The minister left. "We will win," he said.',
     ["The minister left.", '"We will win," he said.']),
])
def test_sentence_boundaries_at_closing_quotes(selective, text, sentences):
    assert [s.text.strip() for s in selective(text).sents] == sentences
