"""Receiving: who receives a thing another gives undergoes the giver's act
(rules.receiver_is_the_target); receiving a visitor is hosting, the receiver's own act, and
needs the visitor as the object. Our own sentences; the real pipeline."""
from __future__ import annotations

import pytest

from tests.event_sides import events, sides

pytestmark = pytest.mark.slow


def coded(nlp, text: str, trigger: str) -> list[tuple[str, tuple[set[str], set[str]]]]:
    """(category, (doers, targets)) of each event of `text` whose trigger is `trigger`."""
    return [(e["type"], sides(e)) for e in events(nlp, text, "2005-01-08")
            if e["trigger"] == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    # receiver_is_the_target: the giver acts, in the "from" phrase or owning the thing given
    ("Egypt received military aid from the United States.", "received",
     [("AID", ({"USA"}, {"EGY"}))]),
    ("Egypt received US military aid.", "received", [("AID", ({"USA"}, {"EGY"}))]),
    ("Pakistan received a loan from Saudi Arabia.", "received", [("AID", ({"SAU"}, {"PAK"}))]),
    ("Britain got a loan from the United States in 1946.", "got", [("AID", ({"USA"}, {"GBR"}))]),
    ("Indonesia accepted a loan from the IMF.", "accepted", [("AID", ({"IGO"}, {"IDN"}))]),
    # a passive: its agent is the receiver
    ("Direct Iranian assistance is received by the Houthis.", "received",
     [("AID", ({"IRN"}, {"YEM"}))]),
    # no giver named: the receiver is still the target
    ("Indonesia has received foreign assistance.", "received", [("AID", (set(), {"IDN"}))]),
    # receiving people is the receiver's own act: hosting a visitor, sheltering refugees
    ("Putin received the Iranian foreign minister in the Kremlin.", "received",
     [("CONSULT", ({"RUS"}, {"IRN"}))]),
    ("The Iranian minister was received by Putin.", "received", [("CONSULT", ({"RUS"}, {"IRN"}))]),
    ("Kenya received a delegation from China.", "received", [("CONSULT", ({"KEN"}, {"CHN"}))]),
    ("Turkey accepted 5,000 Syrian refugees.", "accepted", [("AID", ({"TUR"}, {"SYR"}))]),
    # hosting needs the visitor as the object: what comes *from* someone is no visit
    ("Sir Alan received his decoration in Paris from the French culture minister.", "received",
     []),
    ("The IAEA has only received $11m from the US and the UK.", "received", []),
])
def test_receiver_is_the_target(nlp, text, trigger, expected):
    assert coded(nlp, text, trigger) == expected
