"""The trigger lexicon (data/event_lexicon.yml): loading it and matching one token against it.

A trigger is a token whose lemma is in the lexicon and whose constraints hold: the lemmas of its
objects (`obj`), its particles/prepositions (`prep`), its modifiers (`mod`), the verb that governs
an event noun (`obj_of`). Lookup is one dict access per token; the constraint checks run only for
tokens whose lemma is listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from entente import config

DEFAULT_LEXICON = config.DATA_DIR / "event_lexicon.yml"

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
OBJ_DEPS = {"dobj", "nsubjpass", "attr", "dative", "oprd"}
# Prepositions of time and setting: their objects are not the trigger's objects ("broke the record
# *at the meeting*" does not break off a meeting).
SETTING_PREPS = {"at", "during", "after", "before", "since", "until", "near", "inside", "outside", "across",
                 "throughout", "within", "amid", "amidst", "despite", "via", "like", "as", "than", "because"}


TIME_NOUNS = {"time", "moment", "while", "year", "month", "week", "day", "hour", "decade", "season"}


def _words(values) -> frozenset:
    """Lemma lists from YAML, where unquoted on/off/yes/no load as booleans (YAML 1.1)."""
    out = set()
    for x in values or ():
        if isinstance(x, bool):
            out.add("on" if x else "off")
        else:
            out.add(str(x))
    return frozenset(out)


@dataclass(frozen=True)
class Entry:
    lemmas: tuple[str, ...]
    type: str
    cameo: str | None
    intensity: float
    pos: str | None = None
    obj: frozenset = frozenset()
    prep: frozenset = frozenset()
    mod: frozenset = frozenset()
    obj_of: frozenset = frozenset()
    subj: frozenset = frozenset()
    not_obj: frozenset = frozenset()    # objects that give the verb another sense ("released a *book*")
    not_mod: frozenset = frozenset()    # modifiers that do ("a *campaign* rally")
    to_clause: bool = False
    no_statement: bool = False          # not with a "that" clause that only states a fact ("warned that prices rose")
    no_obj: bool = False
    no_mil: bool = False
    intent: bool = False
    symmetric: bool = False
    context: str | None = None
    mil: dict | None = None
    joint: dict | None = None

    @property
    def constrained(self) -> bool:
        """Objects or modifiers fix the sense ("hunger strike", "lift sanctions"); a particle does not
        ("worked with the British team")."""
        return bool(self.obj or self.mod)

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.obj, self.prep, self.mod, self.obj_of, self.subj, self.to_clause)) \
            + (self.pos is not None)


@dataclass
class Lexicon:
    categories: dict
    schemes: dict
    intent_cameo: dict
    threat_cameo: dict
    light_verbs: frozenset
    reporting_verbs: frozenset
    plan_words: frozenset
    military_words: frozenset
    contexts: dict
    ambiguous: frozenset = frozenset()     # lemmas with an everyday/sport sense (meet, battle, deal)
    political_heads: frozenset = frozenset()   # nouns a country word makes political ("Algeria's elections")
    carrier_preps: dict = field(default_factory=dict)   # prep -> verbs that carry an event noun behind it
    accident_words: frozenset = frozenset()   # "killed when a bomber crashed": no doer, no assault
    sport_words: frozenset = frozenset()      # "Chelsea's clash with Barcelona": countries are teams
    index: dict = field(default_factory=dict)   # lemma -> [Entry] (most specific first)

    @classmethod
    def from_yaml(cls, path: Path | str) -> "Lexicon":
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        lex = cls(
            categories=raw["categories"],
            schemes=raw.get("schemes") or {"gsr": {}},
            intent_cameo=raw.get("intent_cameo") or {},
            threat_cameo=raw.get("threat_cameo") or {},
            light_verbs=frozenset(raw.get("light_verbs") or ()),
            reporting_verbs=frozenset(raw.get("reporting_verbs") or ()),
            plan_words=frozenset(raw.get("plan_words") or ()),
            military_words=frozenset(raw.get("military_words") or ()),
            contexts={k: frozenset(v) for k, v in (raw.get("contexts") or {}).items()},
            ambiguous=_words(raw.get("ambiguous_triggers")),
            political_heads=_words(raw.get("political_heads")),
            carrier_preps={str(k): frozenset(v) for k, v in (raw.get("carrier_preps") or {}).items()},
            accident_words=_words(raw.get("accident_words")),
            sport_words=_words(raw.get("sport_words")),
        )
        for order, item in enumerate(raw.get("triggers") or ()):
            lemmas = item["lemma"] if isinstance(item["lemma"], list) else [item["lemma"]]
            typ = item["type"]
            if typ not in lex.categories:
                raise ValueError(f"event lexicon: unknown category {typ!r} in {item}")
            cat = lex.categories[typ]
            entry = Entry(
                lemmas=tuple(str(x).lower() for x in lemmas), type=typ,
                cameo=str(item.get("cameo") or cat.get("cameo") or "") or None,
                intensity=float(item.get("intensity", cat.get("intensity", 0.0))),
                pos=item.get("pos"),
                obj=_words(item.get("obj")), prep=_words(item.get("prep")),
                mod=_words(item.get("mod")), obj_of=_words(item.get("obj_of")),
                subj=_words(item.get("subj")), to_clause=bool(item.get("to_clause")),
                not_obj=_words(item.get("not_obj")), not_mod=_words(item.get("not_mod")),
                no_statement=bool(item.get("no_statement")),
                no_obj=bool(item.get("no_obj")), no_mil=bool(item.get("no_mil")),
                intent=bool(item.get("intent")), symmetric=bool(item.get("symmetric")),
                context=item.get("context"), mil=item.get("mil"), joint=item.get("joint"),
            )
            for lemma in entry.lemmas:
                lex.index.setdefault(lemma, []).append((order, entry))
        for lemma, entries in lex.index.items():
            entries.sort(key=lambda oe: (-oe[1].specificity, oe[0]))
            lex.index[lemma] = [e for _, e in entries]
        return lex

    # ------------------------------------------------------------------ matching

    def candidates(self, token: Token) -> list[Entry]:
        return self.index.get(token_lemma(token), [])

    def match(self, token: Token, actor_tokens: set[int]) -> Entry | None:
        """The first lexicon entry whose constraints `token` satisfies, or None."""
        entries = self.candidates(token)
        if not entries:
            return None
        pos = token.pos_
        if pos not in VERB_POS and pos not in NOUN_POS and pos != "ADJ":
            return None
        for e in entries:
            if e.pos == "VERB" and pos not in VERB_POS:
                continue
            if e.pos == "NOUN" and pos not in NOUN_POS:
                continue
            if e.pos is None and pos == "ADJ":
                continue
            if e.prep and not (particles(token) & e.prep):
                continue
            if e.mod:
                mods = modifiers(token)
                if e.obj:   # "provide *engineering* support": the modifier is on the object
                    for o in object_tokens(token):
                        mods = mods | modifiers(o)
                if not (mods & e.mod):
                    continue
            if e.obj_of:
                gov = governing_verb(token)
                if gov is None or token_lemma(gov) not in e.obj_of:
                    continue
            if e.obj:
                objs = object_lemmas(token)
                ok = bool(objs & e.obj)
                if not ok and "ACTOR" in e.obj:
                    # an actor as the object ("released Kuwaiti prisoners", "handed over to
                    # Britain"); after a bare preposition it is a place ("returned to Thailand")
                    objs = object_tokens(token)
                    if not any(c.dep_ in OBJ_DEPS or c.dep_ == "prt" for c in token.children):
                        objs = [o for o in objs if o.dep_ != "pobj"]
                    ok = any(o.i in actor_tokens for o in objs)
                if not ok:
                    continue
            if e.subj and not (subject_lemmas(token) & e.subj):
                continue
            if e.not_obj and (object_lemmas(token) & e.not_obj or "MONEY" in e.not_obj and any(
                    o.ent_type_ == "MONEY" for o in object_tokens(token))):
                continue
            if e.not_mod and modifiers(token) & e.not_mod:
                continue
            if e.no_statement and any(c.dep_ == "ccomp" and _states_a_fact(c) for c in token.children):
                continue
            if e.to_clause and not any(c.dep_ in ("xcomp", "ccomp", "advcl") and _to_infinitive(c) for c in token.children):
                continue
            if e.no_obj and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
                continue
            return e
        return None


# Lemmatizer slips of the model on verbs that matter here ("staged" -> "stag").
VERB_LEMMA_FIXES = {"stag": "stage"}


def token_lemma(token: Token) -> str:
    lemma = (token.lemma_ or token.text).lower()
    if token.pos_ == "VERB" and lemma in VERB_LEMMA_FIXES:
        return VERB_LEMMA_FIXES[lemma]
    return lemma


MODALS = {"will", "would", "shall", "should", "could", "can", "may", "might", "must", "'ll", "'d", "ought",
          "wo", "ca"}


def _states_a_fact(clause: Token) -> bool:
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


def _to_infinitive(clause: Token) -> bool:
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


def particles(token: Token) -> set[str]:
    """Lemmas of the token's particles and prepositions ("call on", "pull out", "work with")."""
    out = set()
    for c in token.children:
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in TIME_NOUNS)
                                    for g in c.children):
            continue   # "campaigned for years", "pushed ... for the first time": time, not a particle
        if c.dep_ in ("prt", "prep", "agent", "advmod", "mark"):
            out.add(token_lemma(c))
        elif c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children):
            out.update(token_lemma(m) for m in c.children if m.dep_ == "mark")
        elif c.dep_ == "advcl":
            # "pushed for the US to support ...": the parser hangs "for" on the clause
            out.update(token_lemma(m) for m in c.children if m.dep_ == "mark" and m.lower_ == "for")
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
        elif c.dep_ == "ccomp" and _to_infinitive(c) and token.pos_ in VERB_POS:
            # "allowed the candidate to run": the parser makes the object the clause's subject
            objs.extend(g for g in c.children if g.dep_ == "nsubj")
    for o in list(objs):
        objs.extend(x for x in o.conjuncts if x not in objs)
        # "a series of talks", "some 200 troops": look through quantity heads
        for g in o.children:
            if g.dep_ == "prep" and g.lower_ == "of":
                objs.extend(p for p in g.children if p.dep_ == "pobj")
    # a noun trigger's "object" is its own head noun modifiers, e.g. "sanctions relief"
    if token.pos_ in NOUN_POS:
        objs.extend(c for c in token.children if c.dep_ in ("compound",))
    return objs


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


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    return Lexicon.from_yaml(path or DEFAULT_LEXICON)
