"""The trigger lexicon: loading it and matching one token against it.

Two kinds of entries, one format: the curated ones (data/event_lexicon.yml, our own words) and
the ones mined from the field's CAMEO verb dictionary (data/event_verbs.yml, written by
scripts/mine_cameo_verbs.py; the curated file names it under `mined:`). A trigger is a token
whose lemma is in the lexicon and whose constraints hold (constraints.py): the lemmas of its
objects (`obj`), particles (`prep`), prepositional phrases (`pp`), modifiers (`mod`), subject
(`subj`), the verb that governs an event noun (`obj_of`). Lookup is one dict access per token;
the constraints run only for tokens whose lemma is listed, most specific entry first.

Every entry knows its origin (`curated` or `cameo:<lines of CAMEO.2.0.txt>`). Where a mined
entry has the same lemma and the same constraints as a curated one, the curated one wins: the
lemma is dropped from the mined entry. An entry of type NONE says the words make no event
("crash" with an aircraft as subject): it matches like any other and the token is no trigger.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from entente.nlp.events.arguments import (NOUN_POS, VERB_POS, Arguments, governing_verb,  # noqa: F401
                                          object_lemmas, subject_lemmas, token_lemma)
from entente.nlp.events.constraints import CONSTRAINTS
from entente.settings import PACKAGE_PROJECT_DIR

DEFAULT_LEXICON = PACKAGE_PROJECT_DIR / "data" / "event_lexicon.yml"
DEFAULT_CATEGORIES = PACKAGE_PROJECT_DIR / "data" / "event_categories.csv"
NO_EVENT = "NONE"
CURATED = "curated"


def _words(values) -> frozenset:
    """Lemma lists from YAML, where unquoted on/off/yes/no load as booleans (YAML 1.1)."""
    out = set()
    for x in values or ():
        if isinstance(x, bool):
            out.add("on" if x else "off")
        else:
            out.add(str(x))
    return frozenset(out)


def _phrases(values) -> tuple:
    """`pp: {for: [talk], with: []}` → (("for", {"talk"}), ("with", {})), sorted."""
    return tuple(sorted((next(iter(_words([prep]))), _words(nouns))
                        for prep, nouns in (values or {}).items()))


@dataclass(frozen=True)
class Entry:
    lemmas: tuple[str, ...]
    type: str
    cameo: str | None
    intensity: float
    pos: str | None = None
    obj: frozenset = frozenset()
    direct: bool = False                # `obj` only as a direct object (CAMEO: words after the verb)
    prep: frozenset = frozenset()
    pp: tuple = ()                      # ((preposition, frozenset of nouns), ...): all required
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
    ambiguous: bool = False             # may have an everyday sense: a political actor must take part
    owner_is_patient: bool = False      # a noun's possessor undergoes it ("Israel's destruction")
    context: str | None = None
    mil: dict | None = None
    joint: dict | None = None
    origin: str = CURATED
    curated_reading: bool = False       # set on a mined entry's match: a curated entry reads the token too

    @property
    def constrained(self) -> bool:
        """Objects, modifiers, a subject or a phrase's nouns fix the sense ("hunger strike",
        "lift sanctions", "met for talks"); a particle does not ("worked with the British team")."""
        return bool(self.obj or self.mod or self.subj or any(nouns for _, nouns in self.pp))

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.obj, self.prep, self.mod, self.obj_of, self.subj, self.to_clause)) \
            + sum(1 + bool(nouns) for _, nouns in self.pp) + (self.pos is not None)

    @property
    def no_event(self) -> bool:
        return self.type == NO_EVENT

    def signature(self) -> tuple:
        """What the entry requires, for telling whether two entries read the same words (the
        objects first)."""
        return (self.obj, self.prep, self.pp, self.mod, self.obj_of, self.subj, self.to_clause)


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
    sport_article_words: frozenset = frozenset()   # with sport_words: the words of a sports report
    receiving_verbs: frozenset = frozenset()   # "received aid from X" (rules.receiver_is_the_target)
    given_cameo: tuple = ()                    # CAMEO prefixes: acts whose object is given
    forms: dict = field(default_factory=dict)   # irregular form -> lemma (mined verbs, for the selection)
    index: dict = field(default_factory=dict)   # lemma -> [Entry] (most specific first)

    @classmethod
    def from_yaml(cls, path: Path | str, categories_path: Path | str = DEFAULT_CATEGORIES) -> "Lexicon":
        path = Path(path)
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
            receiving_verbs=frozenset(raw.get("receiving_verbs") or ()),
            given_cameo=tuple(str(code) for code in raw.get("given_cameo") or ()),
            political_heads=_words(raw.get("political_heads")),
            carrier_preps={str(k): frozenset(v) for k, v in (raw.get("carrier_preps") or {}).items()},
            accident_words=_words(raw.get("accident_words")),
            sport_words=_words(raw.get("sport_words")),
            sport_article_words=_words(raw.get("sport_words")) | _words(raw.get("sport_article_words")),
        )
        entries = [lex.entry(item, CURATED) for item in raw.get("triggers") or ()]
        for name in raw.get("mined") or ():
            entries += lex.mined_entries(path.parent / name, entries)
        lex.build_index(entries)
        return lex

    def entry(self, item: dict, origin: str) -> Entry:
        """One entry of the YAML format (see the head of data/event_lexicon.yml)."""
        lemmas = item["lemma"] if isinstance(item["lemma"], list) else [item["lemma"]]
        typ = item["type"]
        if typ not in self.categories and typ != NO_EVENT:
            raise ValueError(f"event lexicon: unknown category {typ!r} in {item}")
        cat = self.categories.get(typ, {})
        return Entry(
            lemmas=tuple(str(x).lower() for x in lemmas), type=typ,
            cameo=str(item.get("cameo") or cat.get("cameo") or "") or None,
            intensity=float(item.get("intensity", cat.get("intensity", 0.0))),
            pos=item.get("pos"),
            obj=_words(item.get("obj")), direct=bool(item.get("direct")),
            prep=_words(item.get("prep")), pp=_phrases(item.get("pp")),
            mod=_words(item.get("mod")), obj_of=_words(item.get("obj_of")),
            subj=_words(item.get("subj")), to_clause=bool(item.get("to_clause")),
            not_obj=_words(item.get("not_obj")), not_mod=_words(item.get("not_mod")),
            no_statement=bool(item.get("no_statement")),
            no_obj=bool(item.get("no_obj")), no_mil=bool(item.get("no_mil")),
            intent=bool(item.get("intent")), symmetric=bool(item.get("symmetric")),
            ambiguous=bool(item.get("ambiguous")), owner_is_patient=bool(item.get("owner_is_patient")),
            context=item.get("context"), mil=item.get("mil"), joint=item.get("joint"),
            origin=origin,
        )

    def mined_entries(self, path: Path, curated: list[Entry]) -> list[Entry]:
        """The entries of a mined file, each lemma yielding to our curated entries for it
        (`yield_to_curated`); lemmas left with the same reading share one entry again."""
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self.forms.update({str(k): str(v) for k, v in (raw.get("forms") or {}).items()})
        ours: dict[str, list[Entry]] = {}
        for e in curated:
            if e.pos in (None, "VERB"):
                for lemma in e.lemmas:
                    ours.setdefault(lemma, []).append(e)
        kept: dict[Entry, list[str]] = {}
        for item in raw.get("triggers") or ():
            src = ",".join(str(n) for n in item.get("src") or ())
            entry = self.entry(item, f"cameo:{src}" if src else "cameo")
            for lemma in entry.lemmas:
                left = self.yield_to_curated(entry, ours.get(lemma, ()))
                if left is not None:
                    kept.setdefault(replace(left, lemmas=()), []).append(lemma)
        return [replace(e, lemmas=tuple(lemmas)) for e, lemmas in kept.items()]

    def yield_to_curated(self, entry: Entry, ours: list[Entry]) -> Entry | None:
        """What is left of a mined entry for a lemma with curated entries `ours`: nothing when
        its words do not fix a sense (our verb keeps its own), when it codes force for a verb
        our military-means rule reads (`mil`: CAMEO 18 or 19 by who does it), or when ours
        read the same words; else the entry without the objects ours already read."""
        if not ours:
            return entry
        if not entry.constrained or (self.is_force(entry) and any(e.mil for e in ours)):
            return None
        same = [e for e in ours if e.signature()[1:] == entry.signature()[1:]]
        if not entry.obj:
            return None if any(not e.obj for e in same) else entry
        objs = entry.obj - frozenset().union(*(e.obj for e in same))
        return replace(entry, obj=objs) if objs else None

    def is_force(self, entry: Entry) -> bool:
        """Material conflict by force: CAMEO 18 (assault), 19 (fight), 20 (mass violence)."""
        return not entry.no_event and self.categories[entry.type]["quad"] == 4 \
            and (entry.cameo or "")[:2] in ("18", "19", "20")

    def build_index(self, entries: list[Entry]) -> None:
        """lemma → entries, most specific first (curated before mined at equal specificity)."""
        ordered: dict[str, list[tuple[int, Entry]]] = {}
        for order, entry in enumerate(entries):
            for lemma in entry.lemmas:
                ordered.setdefault(lemma, []).append((order, entry))
        self.index = {lemma: [e for _, e in sorted(pairs, key=lambda oe: (-oe[1].specificity, oe[0]))]
                      for lemma, pairs in ordered.items()}

    # ------------------------------------------------------------------ matching

    def candidates(self, token: Token) -> list[Entry]:
        return self.index.get(token_lemma(token), [])

    def match(self, token: Token, actor_tokens: set[int], origin: str | None = None) -> Entry | None:
        """The first lexicon entry (of that `origin`, if given) whose constraints `token`
        satisfies, or None (also when that entry says the words make no event). A mined entry
        comes back marked `curated_reading` when a curated entry after it matches too."""
        entries = self.candidates(token)
        pos = token.pos_
        if not entries or (pos not in VERB_POS and pos not in NOUN_POS and pos != "ADJ"):
            return None
        args = Arguments(token, actor_tokens)
        found = (e for e in entries if (origin is None or e.origin == origin)
                 and all(holds(e, args) for holds in CONSTRAINTS))
        entry = next(found, None)
        if entry is None or entry.no_event:
            return None
        if entry.origin != CURATED and any(e.origin == CURATED for e in found):
            entry = replace(entry, curated_reading=True)
        return entry


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
