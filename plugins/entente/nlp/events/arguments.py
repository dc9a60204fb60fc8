"""What the dependency parse says around a trigger token: its lemma, objects, particles and
prepositional phrases, modifiers, subject and governing verb.

`Arguments(token, actors)` reads each of these once, when a lexicon constraint first asks
(constraints.py): a lemma with many entries ("call" has dozens, mined from CAMEO) is matched
without walking the parse again for every entry.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from spacy.tokens import Span, Token

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
OBJ_DEPS = {"dobj", "nsubjpass", "attr", "dative", "oprd"}
PHRASE_DEPS = {"prep", "prt", "agent", "dative"}
# Prepositions of time and setting: their objects are not the trigger's objects ("broke the record
# *at the meeting*" does not break off a meeting).
SETTING_PREPS = {"at", "during", "after", "before", "since", "until", "near", "inside", "outside", "across",
                 "throughout", "within", "amid", "amidst", "despite", "via", "like", "as", "than", "because"}
TIME_NOUNS = {"time", "moment", "while", "year", "month", "week", "day", "hour", "decade", "season"}
MODALS = {"will", "would", "shall", "should", "could", "can", "may", "might", "must", "'ll", "'d", "ought",
          "wo", "ca"}
# Prepositions that give examples of a group noun ("allies *including* Britain"; "such as": as).
# Not "like", which also compares ("called for the decriminalization of drugs like Portugal").
EXAMPLE_PREPS = {"including"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that"}
# Lemmatizer slips of the model on verbs that matter here ("staged" -> "stag").
VERB_LEMMA_FIXES = {"stag": "stage"}


class Arguments:
    """A token and the actor tokens of its document, with its dependency arguments read lazily
    and kept."""

    def __init__(self, token: Token, actors: set[int]):
        self.token, self.actors = token, actors

    @cached_property
    def objects(self) -> list[Token]:
        return object_tokens(self.token)

    @cached_property
    def object_lemmas(self) -> set[str]:
        return {token_lemma(o) for o in self.objects}

    @cached_property
    def direct_objects(self) -> list[Token]:
        return direct_objects(self.token)

    @cached_property
    def direct_object_lemmas(self) -> set[str]:
        return {token_lemma(o) for o in self.direct_objects}

    @cached_property
    def particles(self) -> set[str]:
        return particles(self.token)

    @cached_property
    def modifiers(self) -> set[str]:
        return modifiers(self.token)

    @cached_property
    def object_modifiers(self) -> set[str]:
        """Modifiers of the token and of its objects ("provide *engineering* support")."""
        out = set(self.modifiers)
        for o in self.objects:
            out |= modifiers(o)
        return out

    @cached_property
    def subject_lemmas(self) -> set[str]:
        return subject_lemmas(self.token)

    @cached_property
    def phrases(self) -> dict[str, set[str]]:
        return phrases(self.token, self.actors)

    @cached_property
    def governor_lemma(self) -> str | None:
        gov = governing_verb(self.token)
        return None if gov is None else token_lemma(gov)


def token_lemma(token: Token) -> str:
    lemma = (token.lemma_ or token.text).lower()
    if token.pos_ == "VERB" and lemma in VERB_LEMMA_FIXES:
        return VERB_LEMMA_FIXES[lemma]
    return lemma


def states_a_fact(clause: Token) -> bool:
    """A complement clause that states a fact ("warned that budget concerns *were clouding* the
    outlook", "insisted his work *did not influence* ...") rather than an act to come or a
    demand: no modal ("will", "must", "going to") and not a bare subjunctive ("insisted that
    he *resign*")."""
    if clause.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
    # "that he resign", "that the US match" (tagged VB or VBP); "did not influence" is no
    # subjunctive, nor "are"/"have" ("insisted the charges are false")
    subjunctive = clause.tag_ in ("VB", "VBP") and not auxes and clause.lemma_ not in ("be", "have")
    going_to = clause.lower_ == "going" and any(c.dep_ == "xcomp" for c in clause.children)
    return not (auxes & MODALS or subjunctive or going_to)


def to_infinitive(clause: Token) -> bool:
    """A "to" + verb complement ("ordered X *to appear*", "allowed X *to participate*")."""
    return clause.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def subject_lemmas(token: Token) -> set[str]:
    """Lemmas of the verb's subject, of the noun behind a quantity or group head ("the first
    deployment of NATO troops", "a contingent of soldiers") and their noun modifiers
    ("peacekeeping troops")."""
    heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    for h in list(heads):
        heads.extend(h.conjuncts)
        for g in h.children:
            if g.dep_ == "prep" and g.lower_ == "of":
                heads.extend(p for p in g.children if p.dep_ == "pobj")
    out = set()
    for h in heads:
        out.add(token_lemma(h))
        out.update(modifiers(h))
    return out


def time_phrase(prep: Token) -> bool:
    """"for years", "for the first time": a preposition whose object is a time."""
    return prep.dep_ == "prep" and any(
        g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in TIME_NOUNS)
        for g in prep.children)


def particles(token: Token) -> set[str]:
    """Lemmas of the token's particles and prepositions ("call on", "pull out", "work with")."""
    out = set()
    for c in token.children:
        if time_phrase(c):
            continue   # "campaigned for years", "pushed ... for the first time": time, not a particle
        if c.dep_ in ("prt", "prep", "agent", "advmod", "mark"):
            out.add(token_lemma(c))
        elif c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children):
            out.update(token_lemma(m) for m in c.children if m.dep_ == "mark")
        elif c.dep_ == "advcl":
            # "pushed for the US to support ...": the parser hangs "for" on the clause
            out.update(token_lemma(m) for m in c.children if m.dep_ == "mark" and m.lower_ == "for")
    return out


def phrases(token: Token, actors: set[int] = frozenset()) -> dict[str, set[str]]:
    """The token's prepositional phrases: preposition → lemmas of its objects, their conjuncts
    and the nouns behind "of" ("met *for talks*", "put *on a state of alert*"), and `ACTOR`
    when one of them is an actor mention ("spoke *with Erdogan*"); time phrases are left
    out."""
    out: dict[str, set[str]] = {}
    for c in token.children:
        if c.dep_ not in PHRASE_DEPS or time_phrase(c):
            continue
        nouns = [g for g in c.children if g.dep_ == "pobj"]
        _look_through(nouns)
        found = out.setdefault(c.lower_, set())
        found.update(token_lemma(n) for n in nouns)
        if any(n.i in actors for n in nouns):
            found.add("ACTOR")
    return out


def modifiers(token: Token) -> set[str]:
    out = set()
    for c in token.children:
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            out.add(token_lemma(c))
            out.update(token_lemma(cc) for cc in c.children if cc.dep_ in ("compound", "amod"))
    # hyphenated "cease-fire", "sit-in" are split by the tokenizer: look one token back
    if token.i >= 2 and token.doc[token.i - 1].text == "-":
        out.add(token_lemma(token.doc[token.i - 2]))
    return out


def example_phrase(prep: Token) -> bool:
    """"such as", "including" on a common noun: the phrase gives examples of the noun
    ("allies *such as Germany*"); not on a name, nor "as" without "such" ("served as envoy")."""
    return (prep.dep_ == "prep" and prep.head.pos_ == "NOUN"
            and (prep.lower_ in EXAMPLE_PREPS
                 or prep.lower_ == "as" and any(g.lower_ == "such" for g in prep.children)))


def group_examples(noun: Token) -> list[Token]:
    """Rule `examples_stand_for_group`: the examples a group noun gives of itself stand for it
    as a participant — an act on "allies such as Germany" is done to Germany, "countries
    including China and India" are China and India, "countries such as France and Germany have
    criticised" are France and Germany criticising. The examples' heads and their conjuncts, or
    none."""
    out = []
    for prep in noun.children:
        if example_phrase(prep):
            for p in prep.children:
                if p.dep_ == "pobj":
                    out.extend([p, *p.conjuncts])
    return out


def _look_through(objs: list[Token]) -> None:
    """Extend `objs` with what stands behind each: conjuncts, the nouns behind quantity heads
    ("a series of talks", "some 200 troops"), a group's examples (group_examples) and the noun
    a relative pronoun stands for ("four Britons *who* were released", "the treaty *that* both
    sides signed")."""
    for o in list(objs):
        if o.lower_ in RELATIVE_PRONOUNS and o.head.dep_ == "relcl" and o.head.head not in objs:
            objs.append(o.head.head)
        objs.extend(x for x in o.conjuncts if x not in objs)
        for g in o.children:
            if g.dep_ == "prep" and g.lower_ == "of":
                objs.extend(p for p in g.children if p.dep_ == "pobj")
        objs.extend(x for x in group_examples(o) if x not in objs)


def object_tokens(token: Token) -> list[Token]:
    """Direct objects, passive subjects, objects of particles/prepositions and their conjuncts."""
    objs = []
    for c in token.children:
        if c.dep_ in OBJ_DEPS:
            objs.append(c)
        elif c.dep_ in ("prep", "prt", "agent") and c.lower_ not in SETTING_PREPS:
            objs.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in NOUN_POS:
            objs.append(c)
        elif c.dep_ == "ccomp" and to_infinitive(c) and token.pos_ in VERB_POS:
            # "allowed the candidate to run": the parser makes the object the clause's subject
            objs.extend(g for g in c.children if g.dep_ == "nsubj")
    objs.extend(participle_object(token))
    _look_through(objs)
    # a noun trigger's "object" is its own head noun modifiers, e.g. "sanctions relief"
    if token.pos_ in NOUN_POS:
        objs.extend(c for c in token.children if c.dep_ in ("compound",))
    return objs


def direct_objects(token: Token) -> list[Token]:
    """Direct objects and passive subjects ("called off the *strike*", "*sanctions* were
    imposed"), with their conjuncts and the nouns behind quantity heads; not the objects of
    prepositions ("increased cooperation *with the navies*")."""
    objs = [c for c in token.children if c.dep_ in OBJ_DEPS] + participle_object(token)
    _look_through(objs)
    return objs


def passive_participle(token: Token) -> bool:
    """A past participle on a noun, in the passive ("civilians *killed* by troops"): not one the
    tagger took for a past tense that has an object of its own, or whose conjunct has one
    ("groups *donated* and delivered $50,000 of goods")."""
    return (token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in NOUN_POS
            and not any(c.dep_ == "dobj" for v in (token, *token.conjuncts) for c in v.children))


def entity_of(token: Token) -> Span | None:
    """The named entity a token is part of, if any."""
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def modified_nouns(token: Token, deps: tuple | set, steps: int) -> Iterator[Token]:
    """The words a modifier hangs on, up a chain of `deps` ("*Kyoto* climate treaty", "the
    *Gibraltar*-based Menatep Group"), at most `steps` of them, nearest first."""
    for _ in range(steps):
        if token.dep_ not in deps or token.head == token:
            return
        token = token.head
        yield token


def participle_object(token: Token) -> list[Token]:
    """A passive participle's object is the noun it modifies ("the crimes *committed* by ...",
    "prisoners *released* by Iran"): the noun, as a one-token list, or none."""
    return [token.head] if passive_participle(token) else []


def object_lemmas(token: Token) -> set[str]:
    return {token_lemma(o) for o in object_tokens(token)}


def governing_verb(token: Token) -> Token | None:
    """The verb a noun trigger hangs from ("held *talks*", "entered into a series of *collaborations*")."""
    cur = token
    for _ in range(6):
        if cur.dep_ in ("ROOT",) or cur.head == cur:
            return None
        head = cur.head
        if head.pos_ in VERB_POS or (head.pos_ == "AUX" and cur.dep_ == "attr"):
            if cur.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "conj", "oprd", "dative", "xcomp", "appos", "prep"):
                return head
            return None
        if cur.dep_ in ("pobj", "prep", "conj", "appos", "dobj") or (cur.dep_ == "compound"):
            cur = head
            continue
        return None
    return None
