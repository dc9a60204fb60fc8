"""Places are not parties, joint and multilateral events, the event's own date.

Our own newswire-style sentences. Each table row names the rule it exercises
(nlp/events/location.py, rules.venue_is_no_party, candidate.multilateral,
modality.background_date)."""
from __future__ import annotations

import pytest

from entente.nlp.events.location import find_dateline

pytestmark = pytest.mark.slow


def events(nlp, text: str, dct: str = "2022-07-15") -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)._.events


def countries(event: dict) -> set[str]:
    return {p["country"] for p in event["actors"] + event["recipients"] if p.get("country")}


@pytest.mark.parametrize("text, place", [
    ("MOSCOW, July 15 (Reuters) - Russia and China signed a deal.", "MOSCOW"),
    ("GENEVA - Talks resumed on Monday.", "GENEVA"),
    ("UNITED NATIONS (AP) — The Security Council met.", "UNITED NATIONS"),
    ("KABUL, Afghanistan — Officials said on Monday.", "KABUL"),
    ("NEW YORK, Jan. 5 (AFP) – Oil prices rose.", "NEW YORK"),
    ("Moscow, July 15 (Reuters) - Russia said.", "Moscow"),
    ("WASHINGTON -- The president spoke.", "WASHINGTON"),
])
def test_wire_datelines_are_found(text, place):
    dateline = find_dateline(text)
    assert dateline is not None and text[dateline.place_start:dateline.place_end] == place


@pytest.mark.parametrize("text", [
    "Friday, January 4, 2019\n\nAn apartment building collapsed.",     # a date line, no dash
    "Russia and China signed a deal - officials said.",                  # a dash mid-sentence
    "The EU - and its members - agreed.",
])
def test_ordinary_openings_are_no_datelines(text):
    assert find_dateline(text) is None


def test_a_dateline_and_a_credit_are_never_parties(nlp):
    text = ("MOSCOW, July 15 (Reuters) - Russia and China signed a gas supply agreement on "
            "Friday, officials said in Beijing.")
    [event] = [e for e in events(nlp, text) if e["cameo"] == "057"]    # sign formal agreement
    assert countries(event) == {"RUS", "CHN"}
    assert event["cameo"] == "057" and event["date"] == "2022-07-15"
    assert event["location"]["country"] == "RUS"                 # filed in Moscow


@pytest.mark.parametrize("text, category, parties, location", [
    # venue_is_no_party: a meeting, talks, a signing happen somewhere; the place is no partner
    ("The foreign ministers of France and Germany met in Tokyo on Tuesday.", "CONSULT",
     {"FRA", "DEU"}, "JPN"),
    ("Iran and the United States held talks in Vienna.", "CONSULT", {"IRN", "USA"}, "AUT"),
    ("Armenia and Azerbaijan signed a ceasefire agreement in Moscow.", "SUPPORT",   # 057
     {"ARM", "AZE"}, "RUS"),
    # ... so is the place of a statement: where one criticises is not whom
    ("In London on Thursday, the Indian finance minister criticised the trade policies of "
     "rich nations.", "DISAPPROVE", {"IND"}, "GBR"),
    # ... while a visit, aid and an attack keep their place as target, and so does a request
    ("The Indian prime minister arrived in Kabul on Monday.", "CONSULT", {"IND", "AFG"}, "AFG"),
    ("Thousands of Syrian Kurds sought refuge in Germany last month.", "DEMAND",
     {"SYR", "DEU"}, "DEU"),
])
def test_venues_are_locations(nlp, text, category, parties, location):
    found = [e for e in events(nlp, text) if e["type"] == category]
    assert found, events(nlp, text)
    assert countries(found[0]) == parties
    assert (found[0]["location"] or {}).get("country") == location


@pytest.mark.parametrize("text, category, parties", [
    # topic_is_no_counterpart: what a consultation is about is no party to it
    ("The Egyptian foreign minister and his Greek and French counterparts met on Wednesday to "
     "discuss Libya–Turkey relations.", "CONSULT", {"EGY", "GRC", "FRA"}),
    ("China and Britain resumed talks on the future of Hong Kong on Tuesday.", "CONSULT",
     {"CHN", "GBR"}),
    ("France and Germany discussed the crisis in Mali.", "CONSULT", {"FRA", "DEU"}),
    # ... while "with" names a counterpart, also inside the topic phrase
    ("The Japanese prime minister discussed trade with China.", "CONSULT", {"JPN", "CHN"}),
    ("The foreign ministers of Britain and France held talks with Iran on its nuclear programme.",
     "CONSULT", {"GBR", "FRA", "IRN"}),
    ("The FBI director held a press conference on Friday discussing concerns about Iranian and "
     "Russian interference in the election.", "CONSULT", {"USA"}),
    # said_content_is_no_party: what a letter says names no party of the signing
    ("The Polish and Czech ministers signed a letter saying the report bore the marks of a "
     "Russian operation.", "SUPPORT", {"POL", "CZE"}),
    # announced_between: the parties of an announced act are those it is between
    ("The US administration announced additional deals between Israel and Bahrain.", "AGREE",
     {"ISR", "BHR"}),
])
def test_topics_and_announcers_are_no_parties(nlp, text, category, parties):
    found = [countries(e) for e in events(nlp, text) if e["type"] == category]
    assert found == [parties], events(nlp, text)


def test_capitals_for_governments_stay_parties(nlp):
    [event] = events(nlp, "Washington warned Moscow against sending troops to Ukraine.")
    assert countries(event) == {"USA", "RUS"} and event["location"] is None


@pytest.mark.parametrize("text, multilateral", [
    ("Britain, France and Germany urged Iran to return to the talks.", True),
    ("Britain and France urged Iran to return to the talks.", False),
    ("Russia and China signed an energy agreement.", False),
])
def test_three_countries_on_one_side_make_a_multilateral_event(nlp, text, multilateral):
    [event] = [e for e in events(nlp, text)]
    assert event["multilateral"] is multilateral


@pytest.mark.parametrize("text, date, source", [
    # background_date: a noun's date or another clause's is not the event's
    ("Russia and Ukraine signed a gas deal based on the 1994 treaty.", "2022-07-15",
     "publication"),
    ("The United States sanctioned Iran over bonds issued in 1911.", "2022-07-15", "publication"),
    # a date inside what someone says is not the date of the act
    ("Canadian police seized the drugs, stating \"this has been an emergency since April "
     "2016\".", "2022-07-15", "publication"),
    # the event's own clause
    ("Russia and Ukraine signed a gas deal on July 1.", "2022-07-01", "timex"),
    # participle_shares_its_verbs_time: a present participle on the verb's object, or on the
    # verb with no subject or conjunction of its own, is done when the verb is ...
    ("On Monday, France issued a statement condemning Russia.", "2022-07-11", "timex"),
    ("Germany sent a letter on Tuesday urging Iran to return to the talks.", "2022-07-12",
     "timex"),
    # ... not a past participle, nor a clause with a conjunction of its own
    ("On Monday, Britain published a report criticised by Russia.", "2022-07-15",
     "publication"),
    ("Russia on Monday released a video after attacking Ukraine.", "2022-07-15", "publication"),
    # a statement's date when the reported event has none of its own
    ("Iran said on Wednesday that it had rejected the proposal of the European Union.",
     "2022-07-13", "timex"),
    # dateline_date: the clause's own date wins over the date the story was filed ...
    ("NICOSIA, July 14 (Reuters) - Iraqi warplanes attacked an Iranian oil terminal on "
     "Tuesday, the Iraqi news agency said.", "2022-07-12", "timex"),
    # ... which dates a lede that has none of its own
    ("PARIS, July 14 (Reuters) - France expelled three Russian diplomats for spying, the "
     "Foreign Ministry said.", "2022-07-14", "dateline"),
])
def test_the_event_date_comes_from_its_own_clause(nlp, text, date, source):
    [event] = events(nlp, text)
    assert (event["date"], event["date_source"]) == (date, source)


@pytest.mark.parametrize("text, trigger, date, source", [
    # when_clause_shares_its_time: a "when"/"while" clause on a dated verb or on a date ...
    ("In 2003, when the US invaded Iraq, France opposed the war.", "invaded", "2003-01-01",
     "timex"),
    ("On Monday, while Russia attacked Ukraine, France condemned Iran.", "attacked",
     "2022-07-11", "timex"),
    ("Davos fans still hark back to 1994, when talks between Yassir Arafat and Shimon Peres "
     "came close to a peace deal.", "talks", "1994-01-01", "timex"),
    # ... not a clause of another time
    ("In 2003, after the US invaded Iraq, France opposed the war.", "invaded", "2022-07-15",
     "publication"),
])
def test_a_when_clause_shares_its_time(nlp, text, trigger, date, source):
    [event] = [e for e in events(nlp, text) if e["trigger"] == trigger]
    assert (event["date"], event["date_source"]) == (date, source)


@pytest.mark.parametrize("text, trigger, target", [
    # background_place_is_no_target: the act's own place may stand for its target ...
    ("Japan sent aid to refugees in Liberia.", "sent", {"LBR"}),
    ("The minister arrived in Amman on Monday.", "arrived", {"JOR"}),
    ("The United States carried out the airstrike at Baghdad International Airport.",
     "airstrike", {"IRQ"}),
    # nationality_is_no_place: a nationality on a noun says whose, not where
    ("In a Swiss chess tournament at Basel, the Iranian Foreign Ministry refused to let its "
     "players take part.", "refused", set()),
    # ... a place behind a phrase of time, cause or topic does not
    ("Republicans have blamed the size of the deficit on slow economic conditions after the "
     "attacks and ongoing military operations in Iraq and Afghanistan.", "blamed", set()),
    ("Senator John McCain criticised the budget because of the war in Iraq.", "criticised",
     set()),
    # stated_place_is_no_target: nor the place of a clause the act states or agrees to
    ('"We agreed that in Afghanistan there is some cause for optimism," said Mr Blair.',
     "agreed", set()),
    ("The Commission alleged the firms were abusing their position in the German market.",
     "alleged", set()),
    # report_source_is_no_party: "according to X" says who reports the act
    ("According to the Kremlin, the rebels are backed by Iran.", "backed", set()),
    ("Donor nations have promised to give $717m in disaster relief, according to the Japanese "
     "government.", "promised", set()),
    ("Federal authorities are investigating the shooting as terrorism, according to the U.S. "
     "Attorney for Texas.", "investigating", set()),
    # war_name_is_no_party: a country naming a war is no party to what is done about it
    ("Tony Blair has rejected calls for the publication of advice on the legality of the Iraq "
     "war amid growing calls for an investigation.", "rejected", set()),
    # principal_is_no_target: whom the doer acts for is not whom the act is done to
    ("Joe Biden called on the President to demand that Turkey stop interfering on Azerbaijan's "
     "behalf.", "called", set()),
    ("In August, Kushner, on behalf of the White House, helped broker a deal establishing "
     "diplomatic relations between Israel and the United Arab Emirates.", "broker",
     {"ISR", "ARE"}),
    # reason_is_no_target: whom a "for" + gerund reason names is no party to the act
    ("The US agrochemical giant Monsanto has agreed to pay a $1.5m fine for bribing an "
     "Indonesian official.", "agreed", set()),
    ("Britain praised France for helping Iraq.", "praised", {"FRA"}),
    # topic_phrase_is_no_party: what the act is about names no party to it
    ('"In respect of Iraq, we agreed that the strategy must be seen through," said the British '
     "prime minister.", "agreed", set()),
    ("Britain signed an agreement regarding Iraq.", "signed", set()),
    ("With regard to Iran, the EU imposed sanctions on Syria.", "sanctions", {"SYR"}),
    # stated_content_is_no_target: what an act states says what is said, not to whom ...
    ("The German chancellor raised concerns that the merger could cost French jobs.", "raised",
     set()),
    ("The European Union pledged that its economy would outstrip that of the United States by "
     "2010.", "pledged", set()),
    # ... but its subject may be the one asked to act
    ("Iran demanded that the United States lift its sanctions.", "demanded", {"USA"}),
])
def test_background_place_is_no_target(nlp, text, trigger, target):
    found = [{p["country"] for p in e["recipients"] if p.get("country")}
             for e in events(nlp, text) if e["trigger"] == trigger]
    # with no target and no named doer there is no event at all
    assert found == [target] if target else found in ([], [set()]), found


@pytest.mark.parametrize("text, expected", [
    # place_names_a_treaty: a city in a treaty's name is no party to it
    ("So far the US has refused to sign up to the Kyoto treaty.", {"USA"}),
    ("Russia violated the Minsk agreements, Ukraine said.", {"RUS"}),
    ("The United States withdrew from the Paris climate agreement.", {"USA"}),
    # a country in the name keeps its part; a city where a treaty is signed is its venue
    ("The United States withdrew from the Iran nuclear deal.", {"USA", "IRN"}),
    ("Russia and Belarus signed an agreement in Minsk.", {"RUS", "BLR"}),
    # a city after a treaty's capitalised name too; a capital's consent is its government's
    ("Britain signed the Treaty of Amsterdam in 1997.", {"GBR"}),
    ("France sought the agreement of Moscow to the plan.", {"FRA", "RUS"}),
])
def test_place_names_a_treaty(nlp, text, expected):
    found = [countries(e) for e in events(nlp, text)]
    assert found == [expected], found


@pytest.mark.parametrize("text, trigger, expected, location", [
    # place_names_a_meeting: a city before a meeting noun is where it met, no party
    ("Leaving a Brussels summit, the British prime minister criticised France.", "summit",
     None, None),
    ("Russia and Ukraine met at the Minsk summit.", "met", {"RUS", "UKR"}, "BLR"),
    ("Iran and the United States held the Geneva talks on Monday.", "talks", {"IRN", "USA"},
     "CHE"),
    # a possessive still stands for a government; a country keeps its part
    ("Beijing's talks with Taipei collapsed in March.", "talks", {"CHN", "TWN"}, None),
    ("The Iran talks with France resumed on Monday.", "talks", {"IRN", "FRA"}, None),
])
def test_place_names_a_meeting(nlp, text, trigger, expected, location):
    found = [(countries(e), (e["location"] or {}).get("country"))
             for e in events(nlp, text) if e["trigger"] == trigger]
    assert found == ([(expected, location)] if expected else []), found


@pytest.mark.parametrize("text, doers", [
    # separate_doers: several doers and no target did a mutual act together ...
    ("Russia and China signed a gas supply agreement on Friday.", [{"CHN", "RUS"}]),
    ("India and Pakistan fought a brief war in 1999.", [{"IND", "PAK"}]),
    # ... and any other act each on its own
    ("The Netherlands, Portugal and the Czech Republic have announced their withdrawal.",
     [{"NLD"}, {"PRT"}, {"CZE"}]),
    ("France and Germany criticised the decision on Monday.", [{"FRA"}, {"DEU"}]),
    # with a target country the doers stay together, each paired with it; a target without
    # one (an organisation) pairs nobody: the doers are separated as without a target
    ("Britain, France and Germany urged Iran to stop enrichment.", [{"GBR", "FRA", "DEU"}]),
    ("Britain, France and Germany urged the IAEA to act.", [{"GBR"}, {"FRA"}, {"DEU"}]),
    ("France and Germany vowed to keep their deficits below the EU limit.", [{"FRA"}, {"DEU"}]),
    ("Indonesia, Sri Lanka and the Seychelles accepted the Paris Club offer.",
     [{"IDN"}, {"LKA"}, {"SYC"}]),
    # pledge_is_each_doers_own: pledges, vows, offers and acceptances are each one's own ...
    ("China, Iran and Russia have pledged funds for the reconstruction.", [{"CHN"}, {"IRN"}, {"RUS"}]),
    ("France and Germany vowed to cut their budget deficits.", [{"FRA"}, {"DEU"}]),
    ("Indonesia and Sri Lanka accepted the offer.", [{"IDN"}, {"LKA"}]),
    ("Britain and France offered help to the refugees.", [{"GBR"}, {"FRA"}]),
    # ... unless what is promised is reciprocal; an agreement is always mutual
    ("Russia and China pledged to deepen their cooperation.", [{"RUS", "CHN"}]),
    ("India and Pakistan promised to work together against terrorism.", [{"IND", "PAK"}]),
    ("Japan and South Korea pledged closer ties.", [{"JPN", "KOR"}]),
    ("Israel and Egypt pledged to respect each other's borders.", [{"ISR", "EGY"}]),
    ("Russia and China agreed to build a pipeline.", [{"RUS", "CHN"}]),
])
def test_separate_doers(nlp, text, doers):
    found = [{p["country"] for p in e["actors"] if p.get("country")} for e in events(nlp, text)]
    assert sorted(map(sorted, found)) == sorted(map(sorted, doers)), found
