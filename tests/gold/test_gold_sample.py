"""The sentence splitter and the selection filter the gold sample is built with."""
from __future__ import annotations

import pytest

from gold_scripts import gold_sample


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in gold_sample.split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Iran protested. The EU replied.", ["Iran protested.", "The EU replied."]),
    ("Friday, January 4, 2019 \n\n\nA building fell.  ", ["Friday, January 4, 2019", "A building fell."]),
    ("Mr. Brown spoke. U.S. troops left.", ["Mr. Brown spoke.", "U.S. troops left."]),
    ("The U.S. President met Mr. Brown.", ["The U.S. President met Mr. Brown."]),
    ("President George W. Bush met Gen. Smith.", ["President George W. Bush met Gen. Smith."]),
    ('He said: "We will go." Then he left.', ['He said: "We will go."', "Then he left."]),
    ("Is it over? 2019 was hard! \u201cYes,\u201d she said.",
     ["Is it over?", "2019 was hard!", "\u201cYes,\u201d she said."]),
    ("It fell 3.5 percent. prices rose.", ["It fell 3.5 percent. prices rose."]),
    ("Line one\nline two.", ["Line one", "line two."]),
])
def test_split_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, candidate", [
    ("The government and the minister met police at the court; the president spoke.", True),
    ("A study of penguins finds they pine for partners.", False),
    ("The government said " + "x" * 5000, False),     # too long, whatever it is about
])
def test_is_candidate(text, candidate):
    assert gold_sample.is_candidate(text) is candidate
