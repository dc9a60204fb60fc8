"""Participles and passive relative clauses: who did the act and to whom when the parser hangs
it on a noun (participants.participle_patient, participle_agents; triggers.
modifies_a_participant; arguments.passive_participle). Our own sentences; the real pipeline."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def coded(nlp, text: str, trigger: str) -> list[tuple[set, set, str]]:
    """(doers' countries, targets' countries, category) of each event of `trigger`."""
    doc = nlp.make_doc(text)
    doc._.dct = "2022-07-15"
    out = []
    for event in nlp(doc)._.events:
        if event["trigger"] == trigger:
            out.append(({p["country"] for p in event["actors"] if p.get("country")},
                        {p["country"] for p in event["recipients"] if p.get("country")},
                        event["type"]))
    return out


@pytest.mark.parametrize("text, trigger, doers, targets", [
    # participle_names_its_patient: the noun a passive participle or relative clause modifies
    # is the one the act was done to
    ("An Iraqi civilian allegedly killed by UK troops was buried on Monday.", "killed",
     {"GBR"}, {"IRQ"}),
    ("Hungarian diplomats expelled by Russia returned to Budapest on Friday.", "expelled",
     {"RUS"}, {"HUN"}),
    ("Northern Cyprus, which is recognised only by Turkey, held elections on Sunday.",
     "recognised", {"TUR"}, {"CYP"}),
    # ... and so is the noun of a relative clause whose pronoun is the object
    ("The Iranian diplomats whom Argentina expelled have left Buenos Aires.", "expelled",
     {"ARG"}, {"IRN"}),
    ("The four Britons, whom the US released in January, returned home.", "released",
     {"USA"}, {"GBR"}),
    # ... nor the one a stative passive describes: it takes the stance itself
    ("The decision damaged relations with the US, which is opposed to ending the ban.",
     "opposed", {"USA"}, set()),
    # ... but not the thing the act is done with: a country before it is its owner
    ("The Chinese tariffs imposed by Beijing hurt American farmers.", "imposed", {"CHN"}, set()),
    # participle_is_its_own_act: on a noun that is no event, the participle is an act of its own
    ("The Iraqi government, backed by the United States, rejected the plan.", "backed",
     {"USA"}, {"IRQ"}),
    # participle_agent_did_the_noun: the agent of a participle on an event noun is its doer
    ("The sanctions imposed by the European Union on Russia were extended.", "sanctions",
     set(), {"RUS"}),
    ("The treaty signed by Russia and China in 2001 expires next year.", "treaty",
     {"RUS", "CHN"}, set()),
])
def test_a_participle_names_its_doer_and_its_patient(nlp, text, trigger, doers, targets):
    [(found_doers, found_targets, _)] = coded(nlp, text, trigger)
    assert (found_doers, found_targets) == (doers, targets)


def test_the_agent_of_a_participle_on_an_event_noun_is_the_doer_not_a_target(nlp):
    doc = nlp("The sanctions imposed by the European Union on Russia were extended.")
    [event] = [e for e in doc._.events if e["trigger"] == "sanctions"]
    assert [p["code"] for p in event["actors"]] == ["IGOEUR"]
    assert [p["country"] for p in event["recipients"]] == ["RUS"]


def test_a_participle_on_an_event_noun_is_no_event_of_its_own(nlp):
    assert coded(nlp, "Talks hosted by Egypt ended without an agreement.", "hosted") == []


def test_a_past_tense_with_an_object_is_no_passive_participle(nlp):
    """The tagger reads "donated" as a participle on "groups"; its conjunct has an object, so
    the groups did the giving and are not its target."""
    text = "Doctors from two American aid groups donated and delivered medicine to a hospital in Baghdad."
    assert [targets for _, targets, _ in coded(nlp, text, "donated")] in ([], [set()])


@pytest.mark.parametrize("text, trigger, category", [
    # a participle's object is the noun it modifies, so the lexicon's object constraints read it:
    # crimes are committed, not pledged; a bill signed is no agreement; laws are not martial law
    ("Serbia opened an inquiry into crimes committed by Croat forces.", "committed", None),
    ("The Kenyan president praised a bill signed by the Ugandan minister.", "signed", None),
    ("European firms say US laws introduced after the scandal are too costly.", "introduced",
     None),
    ("The martial law imposed by President Ferdinand Marcos ended in 1981.", "imposed", "COERCE"),
    ("Prisoners released by Iran returned home on Friday.", "released", "RETREAT"),
    # ... and a relative pronoun's is the noun it stands for: Britons are freed, not published
    ("Mr Mubanga was one of four Britons who were released from the US camp in January.",
     "released", "RETREAT"),
    ("He read the report, which Iran released on Monday.", "released", None),
])
def test_the_noun_a_participle_modifies_is_its_object(nlp, text, trigger, category):
    found = {c for _, _, c in coded(nlp, text, trigger)}
    assert found == ({category} if category else set())
