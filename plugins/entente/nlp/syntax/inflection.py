"""The lemmas an English word form may have, without tagging it (for selecting sentences).

`lemma_candidates("signed")` is a small set that contains "signed", "sign" and "signe": a
superset of what spaCy's lemmatizer can answer, whatever the part of speech. Regular endings are
undone by rule; irregular verbs and plurals come from the table below. Used to decide cheaply
which sentences may hold an event trigger (nlp/syntax.py): a wrong extra candidate costs a parse,
a missing one would lose an event, so the table errs on the side of more.
"""
from __future__ import annotations

from functools import lru_cache

# Irregular past tenses, participles, comparatives and plurals → lemma (English grammar, our
# own list).
_IRREGULAR_VERBS = """
be: am is are was were been being 's 're 'm
have: has had having 's 've 'd
do: does did done doing
go: goes went gone going
say: says said
tell: told
make: made
take: took taken
give: gave given
get: got gotten
come: came
see: saw seen
know: knew known
think: thought
find: found
leave: left
keep: kept
hold: held
meet: met
send: sent
spend: spent
lend: lent
build: built
bring: brought
buy: bought
seek: sought
fight: fought
teach: taught
catch: caught
sell: sold
stand: stood
understand: understood
lead: led
feed: fed
flee: fled
speak: spoke spoken
break: broke broken
choose: chose chosen
freeze: froze frozen
steal: stole stolen
wake: woke woken
drive: drove driven
ride: rode ridden
rise: rose risen
write: wrote written
strike: struck stricken
shoot: shot
throw: threw thrown
blow: blew blown
fly: flew flown flies
grow: grew grown
draw: drew drawn
withdraw: withdrew withdrawn
know: knew known
forgive: forgave forgiven
forbid: forbade forbidden
overrun: overran
run: ran
begin: began begun
swear: swore sworn
tear: tore torn
wear: wore worn
bear: bore borne born
beat: beaten
bid: bade bidden
bind: bound
deal: dealt
mean: meant
feel: felt
lose: lost
pay: paid
lay: laid
sit: sat
win: won
hang: hung
dig: dug
stick: stuck
strive: strove striven
fall: fell fallen
eat: ate eaten
lie: lay lain lying
die: dying
tie: tying
burn: burnt
learn: learnt
spell: spelt
spill: spilt
dream: dreamt
light: lit
slay: slew slain
undertake: undertook undertaken
overtake: overtook overtaken
retake: retook retaken
mistake: mistook mistaken
uphold: upheld
withhold: withheld
foresee: foresaw foreseen
oversee: oversaw overseen
rebuild: rebuilt
resend: resent
arise: arose arisen
shake: shook shaken
show: shown
prove: proven
sow: sown
saw: sawn
"""
_IRREGULAR_ADJECTIVES = """
good: better best
well: better best
bad: worse worst
far: further furthest farther farthest
work: wrought
"""
_IRREGULAR_NOUNS = """
crisis: crises
analysis: analyses
thesis: theses
basis: bases
man: men
woman: women
child: children
person: people
foot: feet
mouse: mice
ally: allies
"""


def _table(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in text.strip().splitlines():
        if not line.strip():
            continue
        lemma, forms = line.split(":")
        for form in forms.split():
            out.setdefault(form, set()).add(lemma.strip())
    return {form: frozenset(lemmas) for form, lemmas in out.items()}


IRREGULAR = _table(_IRREGULAR_VERBS + _IRREGULAR_ADJECTIVES + _IRREGULAR_NOUNS)
_VOWELS = set("aeiou")


# Inflections of verbs and nouns (what spaCy's lemmatizer undoes for a VERB or a NOUN), and the
# endings of comparatives and derived nouns besides, which only the constraint words need
# ("higher alert" → high).
VERB_NOUN_SUFFIXES = ("s", "es", "ed", "d", "ing")
ALL_SUFFIXES = VERB_NOUN_SUFFIXES + ("er", "ers", "est", "ment", "ments")


@lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma `word` (lower case) may have: itself, regular stems, irregular lemmas."""
    return _candidates(word, ALL_SUFFIXES)


@lru_cache(maxsize=65536)
def trigger_candidates(word: str) -> frozenset[str]:
    """The lemmas `word` may have as a verb or a noun — what a trigger's lemma can be: spaCy
    undoes no "-er" or "-ment" there ("fighters" is no form of "fight", "settlement" none of
    "settle")."""
    return _candidates(word, VERB_NOUN_SUFFIXES)


def _candidates(word: str, suffixes: tuple[str, ...]) -> frozenset[str]:
    out = {word}
    out |= IRREGULAR.get(word, frozenset())
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[:-len(suffix)]
            out |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                out.add(stem[:-1])                  # "banned", "committing"
            if stem.endswith("i"):
                out.add(stem[:-1] + "y")            # "allied", "supplies"
            if stem.endswith("ck"):
                out.add(stem[:-1])                  # "panicked"
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    if word.endswith("ves") and len(word) > 4:
        out |= {word[:-3] + "f", word[:-3] + "fe"}
    return frozenset(out)
