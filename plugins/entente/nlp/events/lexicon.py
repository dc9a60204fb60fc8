"""The trigger lexicon (data/event_lexicon.yml): loading it and matching one token against it.

A trigger is a token whose lemma is in the lexicon and whose constraints hold: the lemmas of its
objects (`obj`), its particles/prepositions (`prep`), its modifiers (`mod`), the verb that governs
an event noun (`obj_of`). Lookup is one dict access per token; the constraint checks run only for
tokens whose lemma is listed.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from entente.settings import PACKAGE_PROJECT_DIR

DEFAULT_LEXICON = PACKAGE_PROJECT_DIR / "data" / "event_lexicon.yml"
DEFAULT_CATEGORIES = PACKAGE_PROJECT_DIR / "data" / "event_categories.csv"

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
    def from_yaml(cls, path: Path | str, categories_path: Path | str = DEFAULT_CATEGORIES) -> "Lexicon":
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        lex = cls(
            categories=load_categories(categories_path),
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
        pos = token.pos_
        if not entries or (pos not in VERB_POS and pos not in NOUN_POS and pos != "ADJ"):
            return None
        return next((e for e in entries
                     if all(holds(e, token, actor_tokens) for holds in CONSTRAINTS)), None)


# ------------------------------------------------------------------ an entry's constraints
# Each takes (entry, token, actor token indexes) and says whether the entry's constraint of
# that kind holds for the token (True when the entry sets none).

def part_of_speech_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    pos = token.pos_
    if e.pos == "VERB":
        return pos in VERB_POS
    if e.pos == "NOUN":
        return pos in NOUN_POS
    return e.pos is not None or pos != "ADJ"


def particle_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`prep`: "call *on*", "pull *out*", "work *with*"."""
    return not e.prep or bool(particles(token) & e.prep)


def modifier_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`mod`: "*hunger* strike"; with `obj`, the modifier may sit on the object ("provide
    *engineering* support")."""
    if not e.mod:
        return True
    mods = modifiers(token)
    if e.obj:
        for o in object_tokens(token):
            mods = mods | modifiers(o)
    return bool(mods & e.mod)


def governor_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`obj_of`: the verb an event noun hangs from."""
    if not e.obj_of:
        return True
    gov = governing_verb(token)
    return gov is not None and token_lemma(gov) in e.obj_of


def object_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`obj`: one of the objects' lemmas; ACTOR = an actor mention as the object ("released
    Kuwaiti prisoners", "handed over to Britain") — after a bare preposition it is a place
    ("returned to Thailand")."""
    if not e.obj or object_lemmas(token) & e.obj:
        return True
    if "ACTOR" not in e.obj:
        return False
    objs = object_tokens(token)
    if not any(c.dep_ in OBJ_DEPS or c.dep_ == "prt" for c in token.children):
        objs = [o for o in objs if o.dep_ != "pobj"]
    return any(o.i in actors for o in objs)


def subject_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    return not e.subj or bool(subject_lemmas(token) & e.subj)


def no_excluded_object(e: Entry, token: Token, actors: set[int]) -> bool:
    """`not_obj`: "released a *book*" is no release; MONEY = a sum of money."""
    if not e.not_obj:
        return True
    return not (object_lemmas(token) & e.not_obj or "MONEY" in e.not_obj and any(
        o.ent_type_ == "MONEY" for o in object_tokens(token)))


def no_excluded_modifier(e: Entry, token: Token, actors: set[int]) -> bool:
    """`not_mod`: "a *campaign* rally"."""
    return not (e.not_mod and modifiers(token) & e.not_mod)


def no_statement_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`no_statement`: not with a "that" clause that only states a fact."""
    return not (e.no_statement and any(c.dep_ == "ccomp" and _states_a_fact(c)
                                       for c in token.children))


def to_clause_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    """`to_clause`: only with a "to" + verb complement ("ordered X to appear")."""
    return not e.to_clause or any(c.dep_ in ("xcomp", "ccomp", "advcl") and _to_infinitive(c)
                                  for c in token.children)


def no_object_fits(e: Entry, token: Token, actors: set[int]) -> bool:
    return not (e.no_obj and any(c.dep_ in ("dobj", "ccomp") for c in token.children))


CONSTRAINTS = (part_of_speech_fits, particle_fits, modifier_fits, governor_fits, object_fits,
               subject_fits, no_excluded_object, no_excluded_modifier, no_statement_fits,
               to_clause_fits, no_object_fits)


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


def load_categories(path: Path | str = DEFAULT_CATEGORIES) -> dict[str, dict]:
    """The PLOVER categories (data/event_categories.csv, also the warehouse's seed table
    `event_categories`): name → {"quad", "cameo", "intensity"}."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["category"]: {"quad": int(row["quad_class"]), "cameo": row["cameo"],
                                  "intensity": float(row["intensity"])}
                for row in csv.DictReader(handle)}


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None, categories_path: str | None = None) -> Lexicon:
    return Lexicon.from_yaml(path or DEFAULT_LEXICON, categories_path or DEFAULT_CATEGORIES)
