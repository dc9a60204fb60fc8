"""Rule `mediator_is_no_party` (events/mediation.py): an act brokered between others is theirs,
and its broker mediates between them. Our own sentences; the real pipeline."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def coded(nlp, text: str) -> list[tuple[str, str, set, set, str]]:
    """(category, CAMEO code, doers' countries, targets' countries, trigger) of each event."""
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    return [(e["type"], e["cameo"], {p["country"] for p in e["actors"] if p.get("country")},
             {p["country"] for p in e["recipients"] if p.get("country")}, e["trigger"])
            for e in nlp(doc)._.events]


@pytest.mark.parametrize("text, expected", [
    # the parties are named "between" on the act ...
    ("The US brokered a deal between Israel and the UAE.",
     [("AGREE", "031", {"ISR"}, {"ARE"}, "deal"),
      ("CONSULT", "045", {"USA"}, {"ISR", "ARE"}, "brokered")]),
    ("Egypt brokered a ceasefire between Israel and Hamas.",
     [("RETREAT", "0871", {"ISR"}, {"PSE"}, "ceasefire"),
      ("CONSULT", "045", {"EGY"}, {"ISR", "PSE"}, "brokered")]),
    # ... on the verb of brokering that describes it ...
    ("The ceasefire mediated by Egypt between Israel and Hamas held on Sunday.",
     [("RETREAT", "0871", {"ISR"}, {"PSE"}, "ceasefire"),
      ("CONSULT", "045", {"EGY"}, {"ISR", "PSE"}, "mediated")]),
    # ... or on the relations it sets up; a mediator only a pronoun names is left out
    ("The White House announced a deal it brokered to normalize relations between Sudan and "
     "Israel.",
     [("AGREE", "031", {"SDN"}, {"ISR"}, "deal")]),
    # ... and a mediated act under a verb of mediating is an act of its own
    ("Qatar mediated talks between the US and the Taliban.",
     [("CONSULT", "045", {"QAT"}, {"USA", "AFG"}, "mediated"),
      ("CONSULT", "040", {"USA"}, {"AFG"}, "talks")]),
    # helping to broker is brokering, no aid to the parties
    ("Norway helped broker a ceasefire between the Sri Lankan government and the Tamil Tigers.",
     [("RETREAT", "0871", {"LKA"}, {"LKA"}, "ceasefire"),
      ("CONSULT", "045", {"NOR"}, {"LKA"}, "broker")]),
    # no parties named: the broker's own agreement, as before; help without brokering is aid
    ("Russia brokered a cease-fire agreement on Friday.",
     [("AGREE", "031", {"RUS"}, set(), "agreement")]),
    ("Britain helped Iraq rebuild its army.", [("AID", "070", {"GBR"}, {"IRQ"}, "helped")]),
    ("The Australian medical mission will stay until January to help facilitate the transition.",
     [("AID", "070", {"AUS"}, set(), "help")]),
])
def test_mediator_is_no_party(nlp, text, expected):
    assert coded(nlp, text) == expected
