"""The selection filter of the interstate gold sample (scripts/gold_sample_interstate.py)."""
from __future__ import annotations

import pytest

from gold_scripts import gold_sample_interstate as gsi

POLITICAL = "The government, the minister and the president met at the summit for talks. "


@pytest.mark.parametrize("text, count", [
    ("Germany banned an Iranian airline. The US agreed.", 1),
    ("Germany and France met. Iran and Iraq talked. Spain waited.", 2),
    ("Germany and Germany's German ministers met.", 0),      # one country, however named
    ("The UK talked.\nThe US listened.", 0),                  # two countries, never in one sentence
])
def test_two_country_sentences(text, count):
    assert gsi.two_country_sentences(text) == count


@pytest.mark.parametrize("text, international", [
    (POLITICAL + "Germany and France met. Iran and Iraq talked.", True),
    (POLITICAL + "Germany and France met.", False),              # one two-country sentence
    ("Germany and France met. Iran and Iraq talked.", False),    # not political enough
    (POLITICAL + "Germany and France met. Iran and Iraq talked." + " x" * 2500, False),  # too long
])
def test_is_international(text, international):
    assert gsi.is_international(text) is international
