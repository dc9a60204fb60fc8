"""Subjects that stand for an actor the text named before: "he", "the embassy", "the two
countries" — who they are when their own sentence does not say.

News tells an act over several sentences and names the actor once: "Iran's foreign minister
arrived in Moscow on Monday. He met Putin ...". Centering theory's preferred antecedent for a
subject pronoun is the subject of the sentence before it, and wire copy keeps to it. Four rules;
the first three take only a linked actor and never read across a paragraph break or inside
quoted speech (whose "he" is somebody of the quotation, whose "we" is the speaker's side):

- `pronoun_from_previous_sentence` (`previous_subject`): a subject pronoun is the previous
  sentence's subject, of the right kind (a person for he/she/I; a country, body or group for
  it/they/we), unless a clause above the pronoun has a subject of its own;
- `the_two_countries` and `definite_description` (`described_antecedent`): "the two
  countries", "both sides" are the two countries just named; "the embassy", "the government"
  the latest mention of the same body;
- `speaker_of_the_quotation` (`quoted_speaker`): "I", "we", "my", "our" in quoted speech are
  its speaker (quotation.py finds who that is).
`may_stand_in` tells the selective parse which sentences without a name may still hold an act.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from entente.nlp.events.arguments import entity_of
from entente.nlp.events.quotation import (SPEAKER_PRONOUNS, in_quotation, quotation_of,
                                          speaker_token)

PERSON_PRONOUNS = {"he", "she", "i"}
GROUP_PRONOUNS = {"it", "they", "we"}
FIRST_PERSON = {"i", "we", "my", "our"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OPENING_QUOTES = {'"', "“"}
# The subject of an unparsed sentence: a name among its first words.
OPENING_WORDS = 5
# Nouns that, plural and counted ("the two countries", "both sides"), stand for the pair the text
# has just named.
PAIR_NOUNS = {"country", "nation", "side", "government", "leader", "state", "neighbour", "neighbor"}
# State bodies a definite description names again ("the embassy" after "the US Embassy"), as
# lemmas and, for the selective parse, as words.
BODY_NOUNS = {"embassy", "ministry", "government", "army", "military", "police", "court",
              "parliament", "legislature", "administration", "regime", "navy", "consulate",
              "cabinet", "junta", "authority", "authorities"}
LOOKBACK_SENTENCES = 2
PAIR_PLURALS = {"countries", "nations", "sides", "governments", "leaders", "states", "neighbours",
                "neighbors"}
STAND_IN_WINDOW = 4


def previous_subject(pronoun: Token, actors: dict[int, Span]) -> list[Span]:
    """Rule `pronoun_from_previous_sentence`: the linked actor mentions of the previous
    sentence's subject that a subject pronoun can stand for; [] when there is none."""
    kind = pronoun.lower_
    if kind not in PERSON_PRONOUNS | GROUP_PRONOUNS or pronoun.dep_ not in SUBJECT_DEPS:
        return []
    if _subject_above(pronoun) or in_quotation(pronoun):
        return []
    previous = previous_sentence(pronoun)
    if previous is None:
        return []
    mentions = _subject_mentions(previous, actors)
    return [m for m in mentions if _fits(kind, m)]


def quoted_speaker(pronoun: Token, actors: dict[int, Span]) -> Token | None:
    """Rule `speaker_of_the_quotation`: "I", "we", "my" and "our" in quoted speech stand for its
    speaker, wherever the quotation names them — in the same sentence, in the sentence that
    opens or closes a quotation of several, or in the paragraph before one that opens its own
    ('Johnson continued, "... That's a point we've raised with the American ambassador ..."');
    "we" is the speaker's side, which the speaker's country stands for. A speaker named by a
    pronoun ('"...," he said') is the subject of the sentence before the quotation, across one
    paragraph break (news gives a quotation its own paragraph). The speaker's head token (its
    mentions are the caller's to read), or None when the text names none."""
    if pronoun.lower_ not in FIRST_PERSON:
        return None
    quotation = quotation_of(pronoun)
    head = speaker_token(quotation, pronoun.doc) if quotation is not None else None
    if head is not None and head.lower_ in SPEAKER_PRONOUNS:
        return _speaker_antecedent(head, pronoun.doc[quotation.start], actors)
    return head


def _speaker_antecedent(pronoun: Token, quoted: Token, actors: dict[int, Span]) -> Token | None:
    """The subject of the sentence before both the reporting clause and the quotation, across
    at most one paragraph break, of whatever kind: "he" may be the one "the Ukrainian foreign
    minister" names, and a country stands for its spokesman. For an unparsed sentence, its
    opening mention."""
    doc = pronoun.doc
    first = min(pronoun.sent.start, quoted.sent.start)
    previous = previous_sentence(doc[first])
    if previous is None:
        i = first - 1
        while i > 0 and doc[i].is_space:
            i -= 1
        previous = doc[i].sent if i >= 0 and not doc[i].is_space else None
    if previous is None:
        return None
    if not any(t.dep_ for t in previous):
        opening = _opening_mention(previous, actors)
        return opening[0].root if opening else None
    return next((c for c in previous.root.children if c.dep_ in SUBJECT_DEPS), None)


def _subject_above(pronoun: Token) -> bool:
    """A clause above the pronoun's has a subject of its own, not a pronoun: the pronoun more
    likely stands for it ("the country's thirst for oil is so strong that it has helped ...")
    than for anything in the sentence before."""
    cur = pronoun.head
    while cur.head != cur:
        cur = cur.head
        subject = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return True
    return False


def previous_sentence(tok: Token) -> Span | None:
    """The sentence before tok's, unless a paragraph break (a blank line) lies between."""
    sent = tok.sent
    i = sent.start - 1
    while i >= 0 and tok.doc[i].is_space:
        if tok.doc[i].text.count("\n") >= 2:
            return None
        i -= 1
    if i < 0:
        return None
    return tok.doc[i].sent


def _subject_mentions(sent: Span, actors: dict[int, Span]) -> list[Span]:
    """The linked mentions in the subject of the sentence's main verb; for an unparsed
    sentence (the selective parse skipped it), its opening mention."""
    if not any(t.dep_ for t in sent):
        return _opening_mention(sent, actors)
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return []
    out, seen = [], set()
    for t in subject.subtree:
        mention = actors.get(t.i)
        if mention is not None and mention._.actor is not None and mention.start not in seen:
            seen.add(mention.start)
            out.append(mention)
    return out


def _opening_mention(sent: Span, actors: dict[int, Span]) -> list[Span]:
    """The subject of most news sentences is their first name: the sentence's first actor
    mention, when it starts within its first words, is linked and is not quoted speech
    ("Yukos maintains that it filed ... in the US": Yukos, unlinked, so nobody; "Six members
    of the committee will be in Scotland": no name opens it, so nobody)."""
    words = [t for t in sent if not t.is_space]
    if not words or words[0].text in OPENING_QUOTES:
        return []
    for tok in words[:OPENING_WORDS]:
        mention = actors.get(tok.i)
        if mention is not None:
            return [mention] if mention._.actor is not None else []
    return []


def names_what_pronoun_can_be(pronoun: Token, head: Token) -> bool:
    """Rule `pronoun_agrees_with_antecedent`: in the pronoun's own sentence too, "it" and "its"
    stand for no person, "he" and "she" for no country or place: the lawyer in "'it will have to
    pay,' said Moscow-based US lawyer Jamie Firestone" is not what "it" stands for, nor are the
    places that describe him. `head` is the antecedent's head word; a person is a PERSON entity
    or an actor of type person (the recogniser tags many names ORG: "Herve Gaymard"), a place a
    GPE or LOC that is no person; a word no entity names agrees with both."""
    ent = entity_of(head)
    if ent is None:
        return True
    person = _person(ent)
    if pronoun.lower_ in ("it", "its"):
        return not person
    if pronoun.lower_ in ("he", "she", "his", "her"):
        return person or ent.label_ not in ("GPE", "LOC")
    return True


def _person(mention: Span) -> bool:
    return mention.label_ == "PERSON" or (mention._.actor or {}).get("actor_type") == "person"


def _fits(pronoun: str, mention: Span) -> bool:
    """He/she/I stand for a person; it/they/we for a country, a body or a group."""
    person = _person(mention)
    return person if pronoun in PERSON_PRONOUNS else not person


def described_antecedent(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """The linked mentions a subject with no name of its own stands for, by two rules:

    - `the_two_countries`: "the two countries", "both sides", "the two leaders" are the two
      countries the text named last, when the current sentence up to the noun and the sentence
      before name exactly two (more would be a guess);
    - `definite_description`: "the embassy", "the ministry", "the Iraqi government" later
      called "the government": the latest mention of the same body in this sentence or the two
      before it (the body word in the mention, "the US Embassy", or the noun it modifies,
      "Syrian army").
    Neither reads inside quoted speech or across a paragraph break."""
    if noun.pos_ not in ("NOUN", "PROPN") or in_quotation(noun):
        return []
    words = {c.lower_ for c in noun.children if c.dep_ in ("det", "nummod", "predet", "quantmod")}
    lemma = noun.lemma_.lower()
    if lemma in PAIR_NOUNS and noun.tag_ == "NNS" and words & {"two", "both"}:
        return _two_countries(noun, actors)
    if "the" in words and lemma in BODY_NOUNS:
        return _same_body(noun, lemma, actors)
    return []


def _mentions_before(noun: Token, actors: dict[int, Span], sentences: int) -> list[Span]:
    """Linked mentions before the noun, nearest first: its own sentence, then up to `sentences`
    sentences before it in the same paragraph."""
    spans, sent = [noun.doc[noun.sent.start:noun.i]], noun.sent
    for _ in range(sentences):
        previous = previous_sentence(sent[0])
        if previous is None:
            break
        spans.append(previous)
        sent = previous
    out, seen = [], set()
    for span in spans:
        for t in reversed(span):
            mention = actors.get(t.i)
            if mention is not None and mention._.actor is not None and mention.start not in seen:
                seen.add(mention.start)
                out.append(mention)
    return out


def _forms(tokens) -> set[str]:
    """Lower-cased words and lemmas (an unparsed sentence has no lemmas)."""
    tokens = [tokens] if isinstance(tokens, Token) else tokens
    return {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens if t.lemma_}


def _two_countries(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """One mention per country, the latest that names the country itself rather than a
    city in it ("Russia and China met in Beijing. The two countries ...": China, not Beijing)."""
    latest: dict[str, Span] = {}
    for mention in _mentions_before(noun, actors, 1):
        country = mention._.actor.get("country_code")
        if country and (country not in latest or (_is_city(latest[country])
                                                  and not _is_city(mention))):
            latest[country] = mention
    return list(latest.values()) if len(latest) == 2 else []


def _is_city(mention: Span) -> bool:
    place = mention._.actor.get("place") or {}
    return place.get("kind") not in (None, "country")


def _same_body(noun: Token, lemma: str, actors: dict[int, Span]) -> list[Span]:
    for mention in _mentions_before(noun, actors, LOOKBACK_SENTENCES):
        if not mention._.actor.get("country_code"):
            continue
        head = mention.root.head if mention.root.dep_ in ("amod", "compound", "poss", "nmod") \
            else mention.root
        if lemma in _forms(mention) or lemma in _forms(head):
            return [mention]
    return []


def may_stand_in(sent: Span) -> bool:
    """Before any parse (the selective parse asks): the sentence opens with a word that may be
    a subject standing for an actor of the sentence before ("He met ...", "The embassy
    declined ...", "Both sides agreed ...") or names "the two countries" anywhere ("relations
    between the two countries"), and that sentence, in the same paragraph, names a linked
    actor. Only the first words count for a subject: its place, and a cheap test."""
    words = [t.lower_ for t in sent if not (t.is_space or t.is_punct)][:STAND_IN_WINDOW]
    if not any(_stands_in(before, word) for before, word in zip([""] + words, words)) \
            and not names_a_pair(sent):
        return False
    previous = previous_sentence(sent[0])
    return previous is not None and any(ent._.actor for ent in previous.ents)


def _stands_in(before: str, word: str) -> bool:
    """A pronoun or "the <body>" (a pair, "the two countries", counts anywhere: names_a_pair)."""
    return word in PERSON_PRONOUNS | GROUP_PRONOUNS or (word in BODY_NOUNS and before == "the")


def names_a_pair(sent: Span) -> bool:
    """The sentence says "two/both <countries>" anywhere: a pair of parties the text named
    before ("relations between the two countries have improved"; rule `the_two_countries`)."""
    words = [t.lower_ for t in sent if not (t.is_space or t.is_punct)]
    return any(word in PAIR_PLURALS and before in ("two", "both")
               for before, word in zip(words, words[1:]))
