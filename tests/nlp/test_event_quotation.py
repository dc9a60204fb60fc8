"""Quoted speech (nlp/events/quotation.py) and rule `speaker_of_the_quotation`
(discourse.quoted_speaker): where quotations run, and whose "I" and "we" they hold — tables of
our own texts."""
from __future__ import annotations

import pytest
import spacy
from event_sides import events, sides
from spacy.tokens import Doc

from entente.nlp.events.quotation import Quotation, quotations

BLANK = spacy.blank("en")


def quoted(text: str) -> list[tuple[str, bool]]:
    doc = BLANK(text)
    return [(doc[q.start:q.end].text, q.continues) for q in quotations(doc)]


@pytest.mark.parametrize("text, expected", [
    # straight marks by direction: a space before and none after opens
    ('Mr Blair said: "We will help." Then he left.', [("We will help.", False)]),
    ('"We will help," he said, "and soon."',
     [("We will help,", False), ("and soon.", False)]),
    # curly marks say which they are
    ("He said “we will help” and left.", [("we will help", False)]),
    # an opening mark while one is open: the copy dropped a closing mark, and the quotation
    # that follows continues the same speaker
    ('He said: "We are stating a principle. "On the contrary, we can work together."',
     [("We are stating a principle.", False), ("On the contrary, we can work together.", True)]),
    # a paragraph break ends a quotation; one opening the next paragraph continues it
    ('He said: "We will help.\n\n"We will also pay."',
     [("We will help.", False), ("We will also pay.", True)]),
    # ... but not when the one before was closed
    ('He said: "We will help."\n\n"We will also pay," she said.',
     [("We will help.", False), ("We will also pay,", False)]),
    # a closing mark with none open: the quotation began with its paragraph
    ('I do not think that it can be right." Johnson left.',
     [("I do not think that it can be right.", False)]),
    # no marks: no quotation
    ("Russia and China signed an agreement.", []),
])
def test_quotations_are_read_by_the_direction_of_their_marks(text, expected):
    assert quoted(text) == expected


def test_a_doc_with_its_quotations_read_still_serializes():
    # nlp.pipe(n_process=2) sends docs, user_data and all, back through msgpack
    doc = BLANK('He said: "We will help.\n\n"We will also pay."')
    found = quotations(doc)
    again = Doc(BLANK.vocab).from_bytes(doc.to_bytes())
    assert quotations(again) == found == [Quotation(4, 8, False), Quotation(10, 15, True)]


MINISTER = "The Ukrainian foreign minister"
minister = "the Ukrainian foreign minister"


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expected", [
    # the speaker in the sentence that opens a quotation of several sentences ...
    (f'{MINISTER} said: "We reject the plan. We have asked Germany to send tanks."', "asked",
     ({"UKR"}, {"DEU"})),
    # ... in the one that closes it
    (f'"We reject the plan. We have asked Germany to send tanks," {minister} said.',
     "asked", ({"UKR"}, {"DEU"})),
    # a second quotation of the paragraph continues the first one's speaker
    (f'"We reject the plan," said {minister}. "We have asked Germany to send tanks."',
     "asked", ({"UKR"}, {"DEU"})),
    # a paragraph of quotation is the speaker's of the paragraph before
    (f"{MINISTER} said his country was ready.\n\n\"We have asked Germany to send tanks.\"",
     "asked", ({"UKR"}, {"DEU"})),
    # a speaker named by a pronoun: the subject before the quotation, across its paragraph break
    (f'{MINISTER} spoke in Kiev.\n\n"We have asked Germany to send tanks," he said.', "asked",
     ({"UKR"}, {"DEU"})),
    # "I" too, and a quotation introduced by any verb after a comma or colon
    ('Donald Trump defended his decision: "I will destroy the economy of Turkey."', "destroy",
     ({"USA"}, {"TUR"})),
    # in a quotation's own sentence the speaker wins over a subject above the pronoun
    (f'"Russia knows that we will sign the treaty with Turkey," {minister} said.', "sign",
     ({"UKR"}, {"TUR"})),
    # "our" too, in a subject and as a noun's owner
    (f'"Our troops will withdraw from Iraq next year," {minister} said.', "withdraw",
     ({"UKR"}, {"IRQ"})),
    (f'"Our talks with Germany were useful," {minister} said.', "talks", ({"UKR"}, {"DEU"})),
    # a relative clause on the speaker is not the speaker
    (f'"We have asked Germany to send tanks," said {minister}, who will travel to England on '
     "Tuesday.", "asked", ({"UKR"}, {"DEU"})),
    # no speaker named: nobody
    ('"We have asked Germany to send tanks."', "asked", (set(), {"DEU"})),
    # not quoted: the rule does not apply
    ("We have asked Germany to send tanks.", "asked", (set(), {"DEU"})),
])
def test_i_and_we_in_quoted_speech_are_its_speaker(nlp, text, trigger, expected):
    found = [sides(e) for e in events(nlp, text) if e["trigger"] == trigger]
    assert found == [expected], found
