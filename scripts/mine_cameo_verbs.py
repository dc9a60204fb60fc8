#!/usr/bin/env python3
"""Mine the CAMEO verb dictionary (PETRARCH format) into trigger entries: data/event_verbs.yml.

    .venv/bin/python scripts/mine_cameo_verbs.py [--dictionary PATH] [--out PATH] [--log PATH]

CAMEO.2.0.txt (Open Event Data Alliance, MIT) holds synonym sets (`&TREATY` = treaty, pact,
accord, ...) and verb blocks: a block names its verbs (`SIGN`, `MEET {MEETS MET MEETING}`,
`+MEET_WITH`) and phrase patterns read around the verb `*`:

    - * {PEACE &TREATY}       [057:057]  # SIGN     object "treaty" (or a synonym), modifier "peace"
    - * &TREATY (ON &DEFENSE) [0312]               object, and a prepositional phrase "on defence"
    - COMPANY * DEAL          [061]                 subject "company", object "deal"
    - * OFF (FOR)             [042]                 particle "off", a phrase with "for"

Each pattern that can be read on a dependency parse becomes a lexicon entry in the format of
data/event_lexicon.yml (lemma, pos, obj, mod, prep, pp, subj, type, cameo, intensity, symmetric);
`[a:a]` (the same code both ways) is symmetric, `[a:b]` keeps a, `[---]` says the verb with those
words is no event (type NONE: it blocks the entries below it). A pattern applies to the verb its
comment names (`# SIGN`, where CAMEO's coders found it), else to every verb of its block. A verb
on its own is an event only where CAMEO gives that verb its own code (`ARREST [173]`), not where
it inherits its block's code from a WordNet synonym; such entries are `ambiguous` (a political
actor must take part). CAMEO codes become categories through data/cameo_categories.csv. What
cannot be read is counted by reason and, with --log, listed: unmappable codes, patterns that need
a constituency parse (clauses, skipped phrases, words before the verb that are not its subject),
codes that only run from the object to the subject, noisy synonyms (adjectives, multi-word names
whose head is no member of the set), verbs the coder reads as speech, plans, refusals or
carriers, and light verbs with an event noun our curated entries code ("launch an attack").
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
from spacy.tokens import Doc

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "plugins"))

from entente.nlp.events.modality import FAIL_VERBS  # noqa: E402
from entente.nlp.syntax.inflection import lemma_candidates  # noqa: E402
from entente.settings import DEFAULT_MODEL  # noqa: E402

DICTIONARIES = PROJECT.parent / "shared" / "dictionaries"
DEFAULT_OUT = PROJECT / "data" / "event_verbs.yml"
CATEGORY_TABLE = PROJECT / "data" / "cameo_categories.csv"
CURATED = PROJECT / "data" / "event_lexicon.yml"

PARTICLES = {"up", "down", "out", "off", "back", "away", "over", "forward", "aside", "together",
             "in", "on", "about", "around", "through", "along", "apart", "ahead", "behind"}
PREPOSITIONS = PARTICLES | {
    "with", "for", "to", "into", "at", "by", "after", "of", "from", "upon", "against", "onto",
    "between", "among", "amid", "across", "before", "towards", "toward", "under", "near",
    "inside", "outside", "within", "without", "during", "beside", "beyond", "throughout",
    "despite", "as", "like", "via", "since", "until", "following", "above", "below", "past"}
# A bare "TO" after the verb opens an infinitive ("* TO CONGRATULATE"), not a phrase.
BARE_PREPOSITIONS = PREPOSITIONS - PARTICLES - {"to"}
DETERMINERS = {"a", "an", "the"}
# Words of a clause, not of a noun phrase: "* NOT EXTEND DEADLINE", "WILL *", "* TO CONGRATULATE".
CLAUSE_WORDS = {"not", "to", "will", "would", "said", "that", "and", "or", "if", "is", "was",
                "be", "has", "have", "had", "no", "never"}
MARKERS = {"$", "+", "%"}
AUXILIARIES = {"be", "have", "do", "will", "would"}


class Unreadable(Exception):
    """A pattern that cannot be read on a dependency parse; the message is the reason."""


# ------------------------------------------------------------------ reading the dictionary

@dataclass
class Pattern:
    line: int
    text: str
    code: str
    comment: str


@dataclass
class Verb:
    word: str                 # upper case, "_" joins the words of a multi-word verb
    forms: list[str]
    code: str | None          # the verb's own code, if it has one
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.split(";")[0].rstrip(), comment.strip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NAME` → its member phrases (`+WORD` lines, `_` joining the words of a phrase)."""
    sets: dict[str, list[str]] = {}
    name = None
    for raw in lines:
        body, _ = strip_comment(raw)
        if body.startswith("&"):
            name = body.strip().rstrip("_")
            sets[name] = []
        elif body.startswith("+") and name is not None:
            sets[name].append(body[1:].strip().rstrip("_"))
        elif body.startswith("---"):
            name = None
    return sets


BLOCK_HEAD = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")


def read_blocks(lines: list[str], first: int) -> list[Block]:
    """The verb blocks (`--- NAME [code] ---`), their verbs and their patterns."""
    blocks: list[Block] = []
    for number, raw in enumerate(lines[first:], start=first + 1):
        head = BLOCK_HEAD.match(raw)
        if head:
            blocks.append(Block(head.group(1), head.group(2).strip(), number))
            continue
        body, comment = strip_comment(raw)
        if not body.strip() or not blocks or raw.startswith("#"):
            continue
        if body.startswith("-"):
            code = CODE.search(body)
            text = body[1:code.start()] if code else body[1:]
            blocks[-1].patterns.append(Pattern(number, text.strip(), code.group(1).strip()
                                               if code else "", comment))
        else:
            blocks[-1].verbs.append(read_verb(body, number))
    return blocks


def read_verb(body: str, number: int) -> Verb:
    """`MEET {MEETS MET MEETING} [040]` → the verb, its listed forms and its own code."""
    forms = re.search(r"\{([^}]*)\}", body)
    code = CODE.search(body)
    word = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()[0].lstrip("+")
    listed = [f.lstrip("+") for f in re.split(r"[\s,]+", forms.group(1)) if f] if forms else []
    return Verb(word, listed, code.group(1).strip() if code else None, number)


# ------------------------------------------------------------------ words and lemmas

class Words:
    """Lemmas and parts of speech from the spaCy model the pipeline runs, so that mined words
    are the lemmas the coder will see."""

    def __init__(self, model: str):
        self.nlp = spacy.load(model, exclude=["ner"])
        self.lemmatizer = self.nlp.get_pipe("lemmatizer")

    @lru_cache(maxsize=None)
    def lemma(self, word: str, pos: str) -> str:
        """The lemma spaCy's rule lemmatizer gives the word as `pos` ("talks" → talk,
        "troops" → troop). CAMEO lists verbs in their base form: a verb the model knows stays
        itself ("bring" is no "-ing" form, "lay" no past of "lie"); so does a noun whose rule
        lemma is no word the model knows ("class" is no plural)."""
        word = word.lower()
        known = self.lemmatizer.lookups.get_table("lemma_index")[pos.lower()]
        if pos == "VERB" and word in known:
            return word
        doc = Doc(self.nlp.vocab, words=[word])
        doc[0].pos_ = pos
        lemma = self.lemmatizer.rule_lemmatize(doc[0])[0]
        return word if lemma not in known and word in known else lemma

    @lru_cache(maxsize=None)
    def is_adverb(self, word: str) -> bool:
        """An "-ly" word tagged as an adverb after a verb ("They reacted angrily."): a manner,
        not an object."""
        if not word.lower().endswith("ly"):
            return False
        doc = self.nlp(f"They reacted {word.lower()}.")
        return any(t.lower_ == word.lower() and t.pos_ == "ADV" for t in doc)

    @lru_cache(maxsize=None)
    def is_noun(self, word: str) -> bool:
        """Tagged as a noun where a noun must stand ("They discussed the X.")."""
        doc = self.nlp(f"They discussed the {word.lower()}.")
        return any(t.lower_ == word.lower() and t.pos_ in ("NOUN", "PROPN") for t in doc)


@dataclass(frozen=True)
class Alternative:
    """One way to say a noun: its head lemma and the modifiers a multi-word member needs."""
    head: str
    mods: tuple[str, ...] = ()


def phrase_words(phrase: str) -> list[str]:
    """`PRIME_MINISTER`, `CEASE-FIRE` → the words (the tokenizer splits hyphens too)."""
    return [w for w in re.split(r"[_\s-]+", phrase) if w]


class Vocabulary:
    """Synonym sets read as noun alternatives; noisy members are dropped and counted."""

    def __init__(self, synsets: dict[str, list[str]], words: Words, dropped: Counter):
        self.synsets, self.words, self.dropped = synsets, words, dropped
        self._cache: dict[str, list[Alternative]] = {}

    def alternatives(self, item: str) -> list[Alternative]:
        """`&TREATY` → treaty, pact, accord, agreement (+ written); `SANCTIONS` → sanction."""
        if item not in self._cache:
            if item.startswith("&"):
                if item.rstrip("_") not in self.synsets:
                    raise Unreadable("undefined synonym set")
                members = self.synsets[item.rstrip("_")]
                alts = [a for m in members if (a := self.member(item, m, members)) is not None]
            else:
                alts = [self.noun(item)]
            self._cache[item] = list(dict.fromkeys(alts))
        return self._cache[item]

    def noun(self, phrase: str) -> Alternative:
        parts = phrase_words(phrase)
        if not parts or any(p.lower() in CLAUSE_WORDS for p in parts):
            raise Unreadable("clause words in a noun phrase")
        mods = tuple(self.words.lemma(p, "NOUN") for p in parts[:-1])
        return Alternative(self.words.lemma(parts[-1], "NOUN"), mods)

    def member(self, name: str, member: str, members: list[str]) -> Alternative | None:
        parts = phrase_words(member)
        if any(p.lower() in CLAUSE_WORDS for p in parts):
            self.dropped["noisy synonym: a phrase with 'and', 'to', 'or'"] += 1
            return None
        if "OF" in parts:
            self.dropped["noisy synonym: a phrase with 'of'"] += 1
            return None
        if any(not p.isalpha() or len(p) < 3 for p in parts):
            self.dropped["noisy synonym: a model designation (F-16, AK-47, MQ-9 Reaper)"] += 1
            return None
        if len(parts) == 1 and not self.words.is_noun(parts[0]):
            self.dropped["noisy synonym: not a noun"] += 1
            return None
        alt = self.noun(member)
        heads = {self.words.lemma(m, "NOUN") for m in members if len(phrase_words(m)) == 1}
        if alt.mods and alt.head not in heads and len(heads) > len(members) / 2:
            self.dropped["noisy synonym: multi-word name, head not in the set"] += 1
            return None
        return alt

    def heads(self, item: str) -> list[str]:
        """Head words where no modifier can be required (subjects, phrases, modifiers): the
        one-word members and the heads that recur in the multi-word ones (`ARMED_FORCES`,
        `GROUND_FORCES` → force), not a head named once (`UNMANNED_AERIAL_SYSTEM`)."""
        alts = self.alternatives(item)
        recurring = Counter(a.head for a in alts if a.mods)
        return list(dict.fromkeys(a.head for a in alts
                                  if not a.mods or recurring[a.head] > 1))


# ------------------------------------------------------------------ reading a pattern

@dataclass
class Phrase:
    head: str                     # a word or a synonym set (&NAME)
    mods: list[str] = field(default_factory=list)


@dataclass
class Reading:
    """What a pattern says around its verb."""
    subject: Phrase | None = None
    obj: Phrase | None = None
    particles: list[str] = field(default_factory=list)
    phrases: list[tuple[str, Phrase | None]] = field(default_factory=list)   # (preposition, noun)


def split_items(text: str) -> list[str]:
    """Tokens of a pattern, with `(...)` and `{...}` groups kept whole (braces nest in parens)."""
    items, depth, current = [], 0, ""
    for ch in text:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                items.append(current)
            current = ""
        else:
            current += ch
    if depth != 0:
        raise Unreadable("unbalanced brackets")
    return items + ([current] if current else [])


def read_phrase(words: list[str]) -> Phrase:
    """Bare words or a `{...}` compound: the last word is the head, the others modify it."""
    words = [w for w in words if w.lower() not in DETERMINERS and w not in MARKERS]
    if not words:
        raise Unreadable("an empty phrase")
    if "^" in words:
        raise Unreadable("skipped words (^) inside a noun phrase")
    if any(w.lower() in CLAUSE_WORDS for w in words):
        raise Unreadable("clause words (not, to + verb, will)")
    return Phrase(words[-1], words[:-1])


def read_pattern(text: str) -> Reading:
    """Subject, object, particles and prepositional phrases of one pattern."""
    items = split_items(text)
    if items.count("*") != 1:
        raise Unreadable("no verb (*) or several")
    star = items.index("*")
    reading = Reading()
    before = [i for i in items[:star] if i not in MARKERS]
    if any(i.startswith("(") for i in before) and before and not before[0].startswith("("):
        before = [i for i in before if not i.startswith("(")]      # "DELIVERY (OF &FOOD) *"
    if before:
        if any("_" in i and not i.startswith("{") for i in before):
            raise Unreadable("words before the verb that are not its subject")
        reading.subject = read_phrase(_unbrace(before))
    read_after(items[star + 1:], reading)
    return reading


def _unbrace(items: list[str]) -> list[str]:
    out = []
    for item in items:
        out.extend(item.strip("{}").split() if item.startswith("{") else [item])
    return out


def read_after(items: list[str], reading: Reading) -> None:
    """Objects, particles and `(PREP ...)` phrases after the verb; a bare preposition opens a
    phrase of the words after it (`- * FOR STRIKE`)."""
    words: list[str] = []
    phrase: list[str] | None = None
    for item in items + ["()"]:
        if item.startswith("(") or (item.lower() in BARE_PREPOSITIONS and phrase is None):
            if phrase is not None:
                read_prepositional(phrase, reading)
            reading.obj = _close_phrase(words, reading.obj)
            words, phrase = [], None
            if item.startswith("("):
                if item != "()":
                    read_prepositional(item[1:-1].split(), reading)
            else:
                phrase = [item]
        elif phrase is not None:
            phrase.extend(item.strip("{}").split())
        elif item.startswith("{"):
            words.extend(item[1:-1].split())
        elif item.lower() in PARTICLES and not words:
            reading.particles.append(item.lower())
        elif item in MARKERS or item.lower() in DETERMINERS:
            continue
        elif item == "^":
            raise Unreadable("skipped words (^) after the verb")
        else:
            words.append(item)


def _close_phrase(words: list[str], current: Phrase | None) -> Phrase | None:
    if not words:
        return current
    if current is not None:
        raise Unreadable("two noun phrases after the verb")
    return read_phrase(words)


def read_prepositional(words: list[str], reading: Reading) -> None:
    """`(FOR TALKS)`, `(ON {STATE})`, `(WITH)`, `(IN ^)`; `(OF X)` names the content of the
    phrase before it ("a series of attacks", "on a state of alert")."""
    words = [w.strip("{}") for w in words if w.strip("{}")]
    if not words:
        raise Unreadable("an empty prepositional phrase")
    prep, rest = words[0].lower(), [w for w in words[1:] if w != "^" and w not in MARKERS]
    if "/" in prep:
        raise Unreadable("alternative prepositions (BY/WITH)")
    if prep not in PREPOSITIONS:
        raise Unreadable("a phrase without a preposition")
    noun = read_phrase(rest) if rest else None
    if prep == "of" and noun is not None:
        if reading.phrases and reading.phrases[-1][1] is not None:
            reading.phrases[-1] = (reading.phrases[-1][0], noun)
            return
        if reading.obj is not None:
            reading.obj = noun
            return
    reading.phrases.append((prep, noun))


# ------------------------------------------------------------------ codes and categories

def load_category_table(path: Path = CATEGORY_TABLE) -> dict[str, str]:
    """CAMEO code prefix → our category ('' = not coded), longest prefix first."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["cameo"]: row["category"] for row in csv.DictReader(handle)}


def category_of(code: str, table: dict[str, str]) -> str | None:
    for k in (code[:4], code[:3], code[:2]):
        if k in table:
            return table[k] or None
    return None


@dataclass(frozen=True)
class Code:
    cameo: str | None        # None: no event (`---`)
    symmetric: bool


def read_code(raw: str) -> Code:
    """`057`, `057:057` (both ways: symmetric), `042:043` (keep the first), `---` (no event)."""
    raw = raw.replace("---", "").strip() if raw.strip().startswith("---") else raw.strip()
    first, colon, second = raw.partition(":")
    first, second = first.strip(), second.strip()
    if colon and not first:
        raise Unreadable("a code only from the object to the subject ([:code])")
    if not first:
        return Code(None, False)
    if not re.fullmatch(r"\d{2,4}", first):
        raise Unreadable("an unreadable code")
    return Code(first, bool(colon) and first == second)


# ------------------------------------------------------------------ entries

@dataclass(frozen=True)
class Atom:
    """One verb lemma with one set of constraints and at most one object word."""
    lemma: str
    subj: frozenset = frozenset()
    prep: frozenset = frozenset()
    pp: tuple = ()                      # ((preposition, frozenset(nouns)), ...)
    mod: frozenset = frozenset()
    obj: str | None = None


@dataclass(frozen=True)
class Coding:
    category: str                       # NONE: the words make it no event
    cameo: str | None
    symmetric: bool


class Miner:
    """Turns blocks into atoms (lemma + constraints + object word → codings) and groups them
    back into entries."""

    def __init__(self, blocks: list[Block], vocab: Vocabulary, words: Words,
                 table: dict[str, str], curated: dict):
        self.blocks, self.vocab, self.words, self.table = blocks, vocab, words, table
        self.dropped = vocab.dropped
        self.skipped: list[tuple[int, str, str]] = []
        self.atoms: dict[Atom, list[tuple[Coding, int]]] = defaultdict(list)
        self.carriers = FAIL_VERBS | frozenset(
            str(w) for key in ("reporting_verbs", "plan_words", "light_verbs")
            for w in curated.get(key) or ())
        self.saying = FAIL_VERBS | frozenset(str(w) for key in ("reporting_verbs", "plan_words")
                                             for w in curated.get(key) or ())
        self.light = frozenset(str(w) for key in ("reporting_verbs", "light_verbs")
                               for w in curated.get(key) or ())
        # a noun that codes only with a phrase of its own ("support *for* an actor") leaves
        # its light verbs ("gave its backing to Ukraine") to the patterns
        self.event_nouns = frozenset(str(lemma) for item in curated.get("triggers") or ()
                                     if item.get("pos") in (None, "NOUN") and not item.get("pp")
                                     for lemma in (item["lemma"] if isinstance(item["lemma"], list)
                                                   else [item["lemma"]]))
        self.known_verbs = {v.word for b in blocks for v in b.verbs if "_" not in v.word}
        self.forms: dict[str, str] = {}

    def drop(self, line: int, text: str, reason: str) -> None:
        self.dropped[reason] += 1
        self.skipped.append((line, reason, text))

    def mine(self) -> None:
        for block in self.blocks:
            for verb in block.verbs:
                self.isolated_verb(block, verb)
            for pattern in block.patterns:
                try:
                    self.pattern(block, pattern)
                except Unreadable as why:
                    self.drop(pattern.line, f"{block.name}: - {pattern.text} [{pattern.code}]",
                              str(why))

    def coding(self, raw: str) -> Coding:
        code = read_code(raw)
        if code.cameo is None:
            return Coding("NONE", None, False)
        category = category_of(code.cameo, self.table)
        if category is None:
            raise Unreadable(f"unmappable code (root {code.cameo[:2]})")
        return Coding(category, code.cameo, code.symmetric)

    def verb_lemma(self, word: str) -> str:
        if not word.isalpha():
            raise Unreadable("a hyphenated or multi-word verb")
        lemma = self.words.lemma(word, "VERB")
        if lemma in AUXILIARIES:
            raise Unreadable("an auxiliary verb (be, have, do)")
        return lemma

    def verb_words(self, word: str) -> tuple[str, dict]:
        """`MEET_WITH` → meet + particle "with"; `WAGE_WAR` → wage + object "war"."""
        first, *rest = word.split("_")
        lemma = self.verb_lemma(first)
        if not rest:
            return lemma, {}
        rest = [w.lower() for w in rest if w]
        if any(w in CLAUSE_WORDS for w in rest) or len(rest) > 1:
            raise Unreadable("a coordination, copula or clause in a multi-word verb")
        if rest[0] in PREPOSITIONS:
            return lemma, {"prep": frozenset(rest)}
        return lemma, {"obj": self.words.lemma(rest[0], "NOUN")}

    def isolated_verb(self, block: Block, verb: Verb) -> None:
        """A verb on its own: an event only with its own code (`ARREST [173]`)."""
        text = f"{block.name}: {verb.word} [{verb.code or block.code}]"
        try:
            lemma, words = self.verb_words(verb.word)
            self.remember_forms(verb, lemma)
            if verb.code is None:
                if read_code(block.code).cameo is not None:
                    raise Unreadable("a code inherited from the block's synonyms")
                return
            coding = self.coding(verb.code)
        except Unreadable as why:
            self.drop(verb.line, text, str(why))
            return
        if coding.category == "NONE":
            return
        if lemma in self.carriers and not words:
            self.drop(verb.line, text, "a verb the coder reads as speech, plan, refusal or carrier")
            return
        self.atoms[Atom(lemma, **words)].append((coding, verb.line))

    def remember_forms(self, verb: Verb, lemma: str) -> None:
        """Irregular forms the sentence selection cannot guess ("sped", "overthrew")."""
        for form in [verb.word, *verb.forms]:
            first = form.split("_")[0].lower()
            if first.isalpha() and lemma not in lemma_candidates(first):
                self.forms[first] = lemma

    def pattern(self, block: Block, pattern: Pattern) -> None:
        coding = self.coding(pattern.code)
        reading = read_pattern(pattern.text)
        if not (reading.subject or reading.obj or reading.particles or reading.phrases):
            raise Unreadable("only the verb (and actor markers)")
        lemmas = self.pattern_lemmas(block, pattern, reading)
        for constraints in self.constraints(reading):
            objs = constraints.pop("objs")
            phrase_nouns = {n for _, nouns in constraints["pp"] for n in nouns}
            for lemma in lemmas:
                for obj in objs:
                    if lemma in self.light and self.event_nouns & ({obj} | phrase_nouns):
                        self.dropped["an event noun its light verb carries (our noun codes it)"] += 1
                        continue
                    self.atoms[Atom(lemma, obj=obj, **constraints)].append((coding, pattern.line))

    def pattern_lemmas(self, block: Block, pattern: Pattern, reading: Reading) -> list[str]:
        """The verb(s) the comment names (where CAMEO's coders found the pattern), else the
        block's verbs — unless the pattern has no noun: particles alone do not carry a sense
        across a block of synonyms ("- * BACK" in a block of "head, lead, steer, rule")."""
        named = [w for w in re.findall(r"[A-Z][A-Z-]+", pattern.comment.split("<")[0])
                 if w in self.known_verbs]
        nouns = reading.subject or reading.obj or any(n for _, n in reading.phrases)
        if not nouns and not reading.particles:
            raise Unreadable("a preposition without its noun (no sense of its own: come to, head for)")
        if not named and not nouns:
            raise Unreadable("particles alone, with no verb named")
        words = named or [v.word for v in block.verbs if "_" not in v.word]
        lemmas = []
        for word in words:
            try:
                lemmas.append(self.verb_lemma(word))
            except Unreadable:
                continue
        if not lemmas:
            raise Unreadable("no single-word verb for the pattern")
        lemmas = [lemma for lemma in lemmas if lemma not in self.saying]
        if not lemmas:
            raise Unreadable("a verb of saying, planning or failing (the coder reads its "
                             "complement: 'X said Y agreed', 'X plans to visit')")
        if reading.obj is None:
            lemmas = [lemma for lemma in lemmas if lemma not in self.light]
            if not lemmas:
                raise Unreadable("a light verb without its object noun ('the army took ...')")
        return list(dict.fromkeys(lemmas))

    def constraints(self, reading: Reading) -> list[dict]:
        """The pattern's words as constraint sets, one per object variant."""
        base: dict = {"subj": frozenset(), "prep": frozenset(reading.particles), "pp": ()}
        for phrase in (reading.subject, reading.obj):
            if phrase is not None and not phrase.head.startswith("&") \
                    and self.words.is_adverb(phrase.head):
                raise Unreadable("an adverb (a manner, not a subject or object)")
        if reading.subject is not None:
            base["subj"] = frozenset(self.vocab.heads(reading.subject.head))
        phrases: dict[str, set] = {}
        for prep, noun in reading.phrases:
            if noun is not None and noun.mods:
                raise Unreadable("modifiers on a phrase's noun (only the noun can be required)")
            phrases.setdefault(prep, set()).update(self.vocab.heads(noun.head) if noun else ())
        base["pp"] = tuple(sorted((p, frozenset(n)) for p, n in phrases.items()))
        if reading.obj is None:
            return [dict(base, mod=frozenset(), objs=[None])]
        return [dict(base, mod=mod, objs=objs) for objs, mod in self.object_variants(reading.obj)]

    def object_variants(self, obj: Phrase) -> list[tuple[list[str], frozenset]]:
        """Object heads with the modifiers they need: `{PEACE &TREATY}` → ([treaty, pact, ...],
        {peace}); `&WMD` → ([weapon], {nuclear, chemical, ...}), ([gas], {nerve, mustard}), ..."""
        if obj.head.split("-")[-1].lower() in PARTICLES:
            raise Unreadable("a hyphenated noun ending in a particle (sit-in, run-off)")
        alts = self.vocab.alternatives(obj.head)
        mods = frozenset(h for m in obj.mods for h in self.vocab.heads(m))
        plain = [a.head for a in alts if not a.mods]
        if mods and not plain:
            raise Unreadable("modifiers on a set of multi-word names")
        variants = [(plain, mods)] if plain else []
        if not mods:
            by_head: dict[str, list] = defaultdict(list)
            for alt in alts:
                if alt.mods and alt.head not in plain:
                    by_head[alt.head].append(alt.mods)
            variants += [([head], frozenset(m for mods in names for m in mods))
                         for head, names in by_head.items() if len(names) > 1]
            self.dropped["noisy synonym: a one-off multi-word name (billy club, Arleigh "
                         "Burke-class destroyer)"] += sum(len(n) == 1 for n in by_head.values())
        return variants

    # -------------------------------------------------------------- grouping

    def resolved(self) -> dict[Atom, tuple[Coding, list[int]]]:
        """One coding per atom: where CAMEO gives the same words several codes, the commonest
        (the first on a tie)."""
        out = {}
        for atom, codings in self.atoms.items():
            counts = Counter(c for c, _ in codings)
            best = max(counts, key=lambda c: (counts[c], -[x for x, _ in codings].index(c)))
            if len(counts) > 1:
                self.dropped["conflicting codes for the same words (kept the commonest)"] += 1
            out[atom] = (best, sorted({line for c, line in codings if c == best}))
        return out

    def entries(self, intensities: dict[str, float]) -> list[dict]:
        """Atoms grouped back: objects of the same lemma and constraints, then lemmas of the
        same constraints, into one entry each."""
        by_lemma: dict[tuple, tuple[set, set]] = defaultdict(lambda: (set(), set()))
        for atom, (coding, lines) in self.resolved().items():
            key = (atom.lemma, atom.subj, atom.prep, atom.pp, atom.mod, coding, atom.obj is None)
            objs, srcs = by_lemma[key]
            if atom.obj is not None:
                objs.add(atom.obj)
            srcs.update(lines)
        grouped: dict[tuple, tuple[set, set]] = defaultdict(lambda: (set(), set()))
        for (lemma, subj, prep, pp, mod, coding, _), (objs, srcs) in by_lemma.items():
            lemmas, lines = grouped[(subj, prep, pp, mod, coding, frozenset(objs))]
            lemmas.add(lemma)
            lines.update(srcs)
        out = [entry_dict(sorted(lemmas), key, sorted(lines), intensities)
               for key, (lemmas, lines) in grouped.items()]
        return sorted(out, key=lambda e: (e["src"][0], e["lemma"]))




def entry_dict(lemmas: list[str], key: tuple, lines: list[int],
               intensities: dict[str, float]) -> dict:
    """One entry in the lexicon's format; `ambiguous` when no object, modifier, subject or
    phrase noun fixes the verb's sense."""
    subj, prep, pp, mod, coding, objs = key
    entry: dict = {"lemma": lemmas, "pos": "VERB"}
    if objs:
        entry["obj"] = sorted(objs)
        entry["direct"] = True
    if mod:
        entry["mod"] = sorted(mod)
    if prep:
        entry["prep"] = sorted(prep)
    if pp:
        entry["pp"] = {p: sorted(nouns) for p, nouns in pp}
    if subj:
        entry["subj"] = sorted(subj)
    entry["type"] = coding.category
    if coding.cameo:
        entry["cameo"] = coding.cameo
        if coding.cameo in intensities:
            entry["intensity"] = intensities[coding.cameo]
    if coding.symmetric:
        entry["symmetric"] = True
    if not (objs or mod or subj or any(nouns for _, nouns in pp)) and coding.category != "NONE":
        entry["ambiguous"] = True
    entry["src"] = lines
    return entry


# ------------------------------------------------------------------ writing

def curated_intensities(curated: dict) -> dict[str, float]:
    """CAMEO code → the intensity our curated entries give it."""
    out: dict[str, float] = {}
    for item in curated.get("triggers") or ():
        if item.get("cameo") and "intensity" in item:
            out.setdefault(str(item["cameo"]), float(item["intensity"]))
    return out


def header(license_text: str, dropped: Counter, n_entries: int, n_patterns: int) -> str:
    lines = ["Trigger entries mined from the CAMEO verb dictionary (CAMEO.2.0.txt, Open Event Data",
             "Alliance) by scripts/mine_cameo_verbs.py: do not edit by hand, change the script.",
             "Format: data/event_lexicon.yml; `pp` = prepositional phrases {preposition: nouns}",
             "(all required), `src` = lines of CAMEO.2.0.txt, type NONE = no event.",
             f"{n_entries} entries from {n_patterns} patterns and verbs. Not mined, by reason:"]
    lines += [f"  {count:5d}  {reason}" for reason, count in dropped.most_common()]
    lines += ["", "The dictionary's licence:", ""] + license_text.strip().splitlines()
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def write_lexicon(path: Path, head: str, forms: dict[str, str], entries: list[dict]) -> None:
    def flow(value) -> str:
        return yaml.safe_dump(value, default_flow_style=True, width=100000,
                              sort_keys=False).strip()

    body = ["version: 1", "", "# irregular forms of the mined verbs, for the sentence selection",
            f"forms: {flow(dict(sorted(forms.items())))}", "", "triggers:"]
    body += [f"  - {flow(entry)}" for entry in entries]
    path.write_text(head + "\n" + "\n".join(body) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARIES / "CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--log", type=Path, help="write what was not mined here (TSV)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    lines = args.dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    first = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    last = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    words, dropped = Words(args.model), Counter()
    vocab = Vocabulary(read_synsets(lines[:first]), words, dropped)
    blocks = read_blocks(lines[:last], first)
    miner = Miner(blocks, vocab, words, load_category_table(), curated)
    miner.mine()
    entries = miner.entries(curated_intensities(curated))
    n_read = sum(len(b.patterns) + len(b.verbs) for b in blocks)
    license_text = (args.dictionary.parent / "LICENSE").read_text(encoding="utf-8")
    write_lexicon(args.out, header(license_text, dropped, len(entries), n_read), miner.forms,
                  entries)
    if args.log:
        args.log.write_text("".join(f"{line}\t{reason}\t{text}\n"
                                    for line, reason, text in miner.skipped), encoding="utf-8")
    print(f"{len(entries)} entries -> {args.out}; not mined: {sum(dropped.values())}")
    for reason, count in dropped.most_common():
        print(f"  {count:5d}  {reason}")


if __name__ == "__main__":
    main()
