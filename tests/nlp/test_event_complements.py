"""Who does the act of a "to" complement (participants.object_controller, rule
`object_does_the_complement`). Our own sentences; the real pipeline."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def doers(nlp, text: str, trigger: str) -> list[set[str]]:
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    return [{p["country"] for p in event["actors"] if p.get("country")}
            for event in nlp(doc)._.events if event["trigger"] == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    # the object of a verb of persuading or making does what the complement says
    ("Japan persuaded South Korea to join the pact.", "pact", {"KOR"}),
    ("Britain persuaded Ireland to sign the agreement.", "sign", {"IRL"}),
    ("China invited Vietnam to join the talks.", "talks", {"VNM"}),
    ("Washington pushed Seoul to sign the deal.", "sign", {"KOR"}),
    # the subject does it when the verb has no object, or is a trigger of its own
    ("Japan agreed to join the defence pact.", "agreed", {"JPN"}),
    ("Germany pressured Greece to cut spending.", "pressured", {"DEU"}),
])
def test_the_object_of_a_verb_of_persuading_does_the_complement(nlp, text, trigger, expected):
    assert doers(nlp, text, trigger) == [expected]


def test_an_object_with_no_actor_leaves_the_complement_without_the_subject(nlp):
    """"prosecutors are forcing the sale ... to help pay": the sale, not the prosecutors, would
    help; no aid by Russia."""
    text = "Russian prosecutors are forcing the sale of the company to help pay its tax bill."
    assert doers(nlp, text, "help") in ([], [set()])
