"""The constraints of a lexicon entry, as named predicates: the matcher of the trigger lexicon.

Each predicate takes (entry, arguments) — `arguments` is the token with its dependency
arguments read once (arguments.py) — and says whether the entry's constraint of that kind holds
(True when the entry sets none). A token matches an entry when every predicate holds. Curated
and mined entries (data/event_lexicon.yml, data/event_verbs.yml) are matched alike: a CAMEO
phrase pattern is data, read through these predicates, never code of its own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from entente.nlp.events.arguments import (NOUN_POS, OBJ_DEPS, VERB_POS, Arguments, states_a_fact,
                                          to_infinitive)

if TYPE_CHECKING:
    from entente.nlp.events.lexicon import Entry


def part_of_speech_fits(e: Entry, a: Arguments) -> bool:
    pos = a.token.pos_
    if e.pos == "VERB":
        return pos in VERB_POS
    if e.pos == "NOUN":
        return pos in NOUN_POS
    return e.pos is not None or pos != "ADJ"


def particle_fits(e: Entry, a: Arguments) -> bool:
    """`prep`: "call *on*", "pull *out*", "work *with*" (any one of them)."""
    return not e.prep or bool(a.particles & e.prep)


def phrases_fit(e: Entry, a: Arguments) -> bool:
    """`pp`: every prepositional phrase the entry names, with one of its nouns when it names
    any ("met *for talks*", "signed a treaty *on defence*", "put *on alert*")."""
    for prep, nouns in e.pp:
        found = a.phrases.get(prep)
        if found is None or (nouns and not found & nouns):
            return False
    return True


def modifier_fits(e: Entry, a: Arguments) -> bool:
    """`mod`: "*hunger* strike"; with `obj`, the modifier may sit on the object ("provide
    *engineering* support")."""
    if not e.mod:
        return True
    return bool((a.object_modifiers if e.obj else a.modifiers) & e.mod)


def governor_fits(e: Entry, a: Arguments) -> bool:
    """`obj_of`: the verb an event noun hangs from."""
    return not e.obj_of or a.governor_lemma in e.obj_of


def object_fits(e: Entry, a: Arguments) -> bool:
    """`obj`: one of the objects' lemmas (with `direct`, of the direct objects only);
    ACTOR = an actor mention as the object ("handed over to Britain"; with `direct`, as the
    direct object: "released Kuwaiti prisoners", not "released a summary ... to Zelensky") —
    after a bare preposition on a verb it is a place ("returned to Thailand"); a noun's objects
    are phrases ("recognition *of Palestine*")."""
    if not e.obj or (a.direct_object_lemmas if e.direct else a.object_lemmas) & e.obj:
        return True
    if "ACTOR" not in e.obj:
        return False
    if e.direct:
        return any(o.i in a.actors for o in a.direct_objects)
    objs = a.objects
    if a.token.pos_ not in NOUN_POS and not any(c.dep_ in OBJ_DEPS or c.dep_ == "prt"
                                               for c in a.token.children):
        objs = [o for o in objs if o.dep_ != "pobj"]   # a noun's object is a phrase: "recognition of X"
    return any(o.i in a.actors for o in objs)


def subject_fits(e: Entry, a: Arguments) -> bool:
    return not e.subj or bool(a.subject_lemmas & e.subj)


def no_excluded_object(e: Entry, a: Arguments) -> bool:
    """`not_obj`: "released a *book*" is no release; MONEY = a sum of money."""
    if not e.not_obj:
        return True
    return not (a.object_lemmas & e.not_obj or "MONEY" in e.not_obj and any(
        o.ent_type_ == "MONEY" for o in a.objects))


def no_excluded_modifier(e: Entry, a: Arguments) -> bool:
    """`not_mod`: "a *campaign* rally"."""
    return not (e.not_mod and a.modifiers & e.not_mod)


def no_statement_fits(e: Entry, a: Arguments) -> bool:
    """`no_statement`: not with a "that" clause that only states a fact."""
    return not (e.no_statement and any(c.dep_ == "ccomp" and states_a_fact(c)
                                       for c in a.token.children))


def to_clause_fits(e: Entry, a: Arguments) -> bool:
    """`to_clause`: only with a "to" + verb complement ("ordered X to appear")."""
    return not e.to_clause or any(c.dep_ in ("xcomp", "ccomp", "advcl") and to_infinitive(c)
                                  for c in a.token.children)


def no_object_fits(e: Entry, a: Arguments) -> bool:
    return not (e.no_obj and any(c.dep_ in ("dobj", "ccomp") for c in a.token.children))


# The most selective first: most entries of a lemma fail on their object words.
CONSTRAINTS = (part_of_speech_fits, object_fits, particle_fits, phrases_fit, modifier_fits,
               subject_fits, governor_fits, no_excluded_object, no_excluded_modifier,
               no_statement_fits, to_clause_fits, no_object_fits)
