"""Rule `mediator_is_no_party`: who brokers an act between others is its mediator, not a party.

"The US brokered a deal between Israel and the UAE" is an agreement between Israel and the UAE
and a mediation (CAMEO 045, PLOVER CONSULT) by the US between them — not an agreement of the US
with either. The parties are named "between" (or "among") on the act, on the verb of brokering
("the deals the administration brokered between Israel and Bahrain") or on the relations its
purpose clause restores ("a deal it brokered to normalize relations between Sudan and Israel").
The mediator is the subject of the verb of brokering; its mediation is a second event with the
same sentence, date and modality (coder.py adds it).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from entente.nlp.events.candidate import Candidate
from entente.nlp.events.lexicon import token_lemma
from entente.nlp.events.participants import PARTY_PREPS, between_pairs, find_sources

MEDIATING_VERBS = {"broker", "mediate", "facilitate"}
# Verbs of brokering that "helped" takes as the brokering itself; not "facilitate", which is as
# often aid ("to help facilitate the transition").
BROKERING_VERBS = MEDIATING_VERBS - {"facilitate"}
HELPING_VERBS = {"help", "assist"}
# What a brokered act sets up between its parties ("to normalize relations between A and B").
RELATION_NOUNS = {"relation", "tie", "relationship", "peace", "ceasefire", "truce"}
MEDIATION_CAMEO = "045"


def helps_to_broker(tok: Token) -> bool:
    """"Kushner helped broker a deal between Israel and the UAE": the help is the brokering,
    not aid to the parties — no trigger of its own. Not helping to facilitate, which is as often
    aid ("to help facilitate the transition")."""
    return token_lemma(tok) in HELPING_VERBS and any(
        c.dep_ in ("xcomp", "ccomp") and token_lemma(c) in BROKERING_VERBS for c in tok.children)


def brokered_act(tok: Token) -> bool:
    """"Qatar mediated talks between the US and the Taliban": talks the object of a verb of
    brokering names the parties of are an act of their own, not governed by the mediation
    (a pact "the Chadian team is trying to broker" names none and stays part of the effort)."""
    return tok.dep_ == "dobj" and token_lemma(tok.head) in MEDIATING_VERBS and any(
        c.dep_ == "prep" and c.lower_ in PARTY_PREPS for c in tok.children)


def mediating_verb(c: Candidate) -> Token | None:
    """The verb of brokering that carries the act ("brokered a deal", "facilitated talks") or
    describes it ("a deal it brokered", "the ceasefire mediated by Egypt"), else None."""
    if c.predicate != c.trigger and token_lemma(c.predicate) in MEDIATING_VERBS:
        return c.predicate
    if brokered_act(c.trigger):
        return c.trigger.head      # "mediated talks between ...": no light verb
    return next((v for v in c.trigger.children if v.dep_ in ("relcl", "acl")
                 and token_lemma(v) in MEDIATING_VERBS), None)


def mediated_parties(c: Candidate) -> tuple[list[Span], Token] | None:
    """The parties between whom a brokered act is and the verb of brokering; None when the act
    is not brokered or names fewer than two parties."""
    verb = mediating_verb(c)
    if verb is None:
        return None
    heads = [c.trigger, verb]
    for head in list(heads):
        for clause in head.children:
            if clause.dep_ in ("xcomp", "acl", "advcl"):
                heads.extend(o for o in clause.children
                             if o.dep_ == "dobj" and token_lemma(o) in RELATION_NOUNS)
    for head in heads:
        parties = between_pairs(head, c.actors)
        if len(parties) >= 2:
            return parties, verb
    return None


def mediators(verb: Token, c: Candidate, parties: list[Span]) -> list[Span]:
    """Who brokered: the subject of the verb of brokering, or its "by" agent, not a party."""
    found, _ = find_sources(verb, c.actors)
    taken = {e.start for e in parties}
    return [e for e in found if e.start not in taken]


def mediation_records(c: Candidate, event: dict, rename: dict) -> list[dict]:
    """The mediation of a brokered act (the lexicon's entry for "mediate"): the mediators
    towards the act's parties; none when nobody is named as the mediator."""
    if not c.mediator_parts:
        return []
    entry = next((e for e in c.lex.index.get("mediate", ()) if e.cameo == MEDIATION_CAMEO), None)
    if entry is None:
        return []
    verb = mediating_verb(c)
    return [{**event, "trigger": verb.text, "trigger_start": verb.idx,
             "trigger_end": verb.idx + len(verb.text),
             "type": rename.get(entry.type, entry.type), "cameo": entry.cameo,
             "quad_class": c.lex.categories[entry.type]["quad"], "intensity": entry.intensity,
             "actors": c.mediator_parts, "recipients": event["actors"] + event["recipients"],
             "multilateral": False}]
