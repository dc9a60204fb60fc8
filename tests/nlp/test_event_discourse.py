"""Rule `pronoun_from_previous_sentence` (nlp/events/discourse.py) and the trigger senses it
made visible: a table of our own two-sentence texts, run through the whole pipeline."""
from __future__ import annotations

import pytest
from event_sides import events, sides

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, trigger, expected", [
    # a person pronoun: the person who is the previous sentence's subject
    ("Iran's foreign minister Mohammad Javad Zarif arrived in Moscow on Monday. "
     "He met Vladimir Putin on Tuesday.", "met", ({"IRN"}, {"RUS"})),
    ("Chancellor Angela Merkel flew to Washington. She urged Joe Biden to lift the tariffs.",
     "urged", ({"DEU"}, {"USA"})),
    # a group pronoun: the country or body
    ("Germany banned the airline on Monday. It also accused Iran of supplying weapons to Syria.",
     "accused", ({"DEU"}, {"IRN"})),
    # he is no country, it is no person: the pronoun stays unresolved
    ("Germany banned the airline on Monday. He also accused Iran of lying.",
     "accused", (set(), {"IRN"})),
    ("Angela Merkel banned the airline on Monday. It also accused Iran of lying.",
     "accused", (set(), {"IRN"})),
    # a paragraph break starts a new topic
    ("Angela Merkel spoke in Berlin on Monday.\n\nHe met Vladimir Putin on Tuesday.",
     "met", (set(), {"RUS"})),
    # a subject of its own above the pronoun is the likelier antecedent
    ("India's economy is booming. The country's need for gas is so great that it has asked "
     "Russia for more.", "asked", (set(), {"RUS"})),
    # quoted speech: its pronouns are the quotation's people, not the previous subject
    ('Vladimir Putin wrote to Harare on Monday. "He fought against Britain for years."',
     "fought", (set(), {"GBR"})),
    # ... except that "we" is its speaker's side, and "he said" the previous subject
    # (speaker_of_the_quotation, test_event_quotation.py)
    ('Vladimir Putin wrote to Harare on Monday. "We will fight against Britain," he said.',
     "fight", ({"RUS"}, {"GBR"})),
    # an unparsed sentence before: its opening name, if linked, is its subject
    ("Yukos maintains that it filed for bankruptcy in the US. It also accused Russia of theft.",
     "accused", (set(), {"RUS"})),
    ("Six members of the committee will be in Scotland. They will also criticise the French "
     "government.", "criticise", (set(), {"FRA"})),
    # an antecedent in the pronoun's own sentence still wins
    ("Russia spoke on Monday. France said it would send troops to Mali.", "send",
     ({"FRA"}, {"MLI"})),
    # pronoun_agrees_with_antecedent: in its own sentence too, "it" is no person (nor the
    # places that describe one), "he" no country
    ('"It will pay compensation to Georgia," said Paris-based British lawyer Ann Hart.', "pay",
     (set(), {"GEO"})),
    ("Iran said he had met the British ambassador.", "met", (set(), {"GBR"})),
    # where_clause_is_no_antecedent: the place a "where" clause hangs from is not "they" ...
    ("The leaders of France and Germany met in Berlin, where they signed a defence treaty.",
     "signed", ({"FRA", "DEU"}, set())),
    # ... while a relative pronoun's head is its antecedent
    ("Russia, which signed the treaty with Ukraine in 1997, has withdrawn from it.", "signed",
     ({"RUS"}, {"UKR"})),
    # possessor_is_no_part_of_its_noun: a possessive pronoun is somebody outside its noun's
    # phrase, the speaker of the quotation here
    ("Their talks with Iran were useful, the British minister said.", "talks",
     ({"GBR"}, {"IRN"})),
    ('"Our work with the French government has been hugely successful," said the British '
     "foreign secretary.", "work", ({"GBR"}, {"FRA"})),
])
def test_a_subject_pronoun_stands_for_the_previous_sentences_subject(nlp, text, trigger,
                                                                      expected):
    found = [sides(e) for e in events(nlp, text) if e["trigger"] == trigger]
    assert found == [expected], found


@pytest.mark.parametrize("text, trigger, expected", [
    # the_two_countries: the two countries the text named last (not a city of one of them)
    ("Russia and China held talks in Beijing on Monday. The two countries signed an agreement "
     "on gas supplies.", "signed", ({"CHN", "RUS"}, set())),
    # (a mutual act: "criticised" would give one event each, rules.separate_doers)
    ("France and Germany will breach the rules this year. Both countries have signed an "
     "agreement with the European Commission.", "signed", ({"DEU", "FRA"}, {"IGO"})),
    # three countries named: which two is a guess, and no party is left
    ("India, Pakistan and China met in Delhi. The two countries signed an agreement.", "signed",
     None),
    # ... and "between the two countries" anywhere in a sentence that names no party
    ("The US wants a closer link with India. Relations between the two countries have "
     "improved a lot.", "improved", ({"IND"}, {"USA"})),
    ("Japan and South Korea met in Seoul. Ministers said a trade deal between the two countries "
     "was close.", "deal", ({"KOR"}, {"JPN"})),
    # definite_description: the latest mention of the same body
    ("The chief constable wrote to the US Embassy in London. The embassy declined the request "
     "and criticised Britain.", "criticised", ({"USA"}, {"GBR"})),
    ("The Iraqi government met the US ambassador. The government then expelled American "
     "diplomats.", "expelled", ({"IRQ"}, {"USA"})),
    # an object too: the body the text named before, never the doer itself
    ("Nick Adderley wrote to the US Embassy in London. Foreign Secretary Dominic Raab urged the "
     "embassy to reconsider.", "urged", ({"GBR"}, {"USA"})),
    ("The Iraqi government met the US ambassador. The government then criticised the "
     "government.", "criticised", ({"IRQ"}, set())),
    # no such body named before: nobody
    ("The US ambassador met Iraqi officials. The army then attacked Syria.", "attacked",
     (set(), {"SYR"})),
])
def test_a_description_stands_for_what_the_text_named(nlp, text, trigger, expected):
    found = [sides(e) for e in events(nlp, text) if e["trigger"] == trigger]
    assert found == ([expected] if expected else []), found


@pytest.mark.parametrize("text, expected", [
    # administrative sanctions on a party's papers (CAMEO's dictionary: CANCEL LICENCE, 160)
    ("Germany has suspended the permit of Iran's Mahan Air.", "SANCTION"),
    ("Russia revoked the accreditation of two BBC journalists.", "SANCTION"),
    ("China cancelled the visas of American reporters.", "SANCTION"),
    # meeting a rule or a test is no meeting; talking of something is no talk with anybody
    ("Gordon Brown said Britain would meet its fiscal rule.", None),
    # ... nor is meeting a reaction ("met a cool reception", "met with criticism")
    ("The French proposal met a cool reception from the German chancellor.", None),
    ("The French president met the German chancellor in Berlin.", "CONSULT"),
    # the best part of an hour is a time, not taking part (CAMEO's TAKE PART)
    ("The visit of the German chancellor to Russia took the best part of a week.", None),
    ("Tony Blair talked of a new era for Britain.", None),
    ("Tony Blair talked with Chinese leaders about trade.", "CONSULT"),
])
def test_trigger_senses(nlp, text, expected):
    types = {e["type"] for e in events(nlp, text)}
    assert types == ({expected} if expected else set()), types
