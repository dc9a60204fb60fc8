"""Tag, parse and lemmatize only the sentences that need it (the `entente_syntax` component).

Most news sentences hold neither an event trigger nor a date, and for them the parse is wasted:
tok2vec, tagger, parser, attribute ruler and lemmatizer are more than half of en_core_web_sm's
time. So the pipeline splits sentences with the model's own `senter` (and at blank lines,
`entente_paragraphs`) and finds entities on the whole text with `ner`; this component runs the
syntax components on copies of the selected sentences — those with a word that may be a
trigger of the event lexicon (with the words its constraints need, and a linked actor to take
part) or a date whose value may depend on the parse (timex/reads_parse) — and writes their
tags, lemmas and dependencies back into the document. Other sentences keep empty `tag_`,
`lemma_` and `dep_` (every token its own head); sentence boundaries stay the senter's. On by
default; ENTENTE_SELECTIVE_SYNTAX=0 parses every sentence (`Settings.selective_syntax`).
Measurements: docs/performance.md.
"""
from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from entente.nlp.actors.linker import LINKER_NAME
from entente.nlp.events.discourse import may_stand_in, names_a_pair
from entente.nlp.events.lexicon import CURATED, Entry, load_lexicon
from entente.nlp.events.participants import PARTICIPANT_LABELS
from entente.nlp.events.triggers import NON_TRIGGER_ENTS
from entente.nlp.syntax.inflection import lemma_candidates, trigger_candidates
from entente.nlp.timex.reads_parse import dates_reading_parse

SYNTAX_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# A token inside a name (a participant) or a date, number or title is never a trigger
# (events/triggers.py): its word selects nothing ("Peace Treaty", "Defence Secretary").
NEVER_TRIGGERS = NON_TRIGGER_ENTS | PARTICIPANT_LABELS
# After these a word is a noun or a modifier, never a verb that triggers ("a search", "the
# debate", "its mobile phone"; a participle there is a modifier: "the wounded", "the agreed plan").
DETERMINERS = {"a", "an", "the", "his", "its", "their", "our", "my", "your", "this", "these",
               "those", "every", "each", "another"}
SYNTAX_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


CLOSING_QUOTES = {'"', "”", "'", "’"}
SENTENCE_ENDS = {".", "?", "!"}


@Language.component("entente_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence (a title, a list item): the senter, unlike the parser,
    runs sentences on across paragraphs. Rule `quote_closes_sentence`: so does a closing quote
    after a full stop, question or exclamation mark when a capitalised word follows — the
    senter misses it when two spaces follow the quote ('... a new Middle East."  Meanwhile,
    the conflict ...'), and two sentences become one event sentence."""
    for tok in doc[1:]:
        previous = doc[tok.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
        elif tok.text[:1].isupper() and _after_closed_quote(doc, tok.i):
            tok.is_sent_start = True
    return doc


def _after_closed_quote(doc: Doc, i: int) -> bool:
    """Token i follows `." ` (or `?"`, `!"`, curly quotes), whitespace tokens aside."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    # glued to the mark and followed by a space: a closing quote, not the opening one of the
    # next sentence ('He left. "We will win," he said.')
    return (j >= 1 and doc[j].text in CLOSING_QUOTES and doc[j - 1].text in SENTENCE_ENDS
            and not doc[j - 1].whitespace_ and (i - j > 1 or bool(doc[j].whitespace_)))


@Language.factory("entente_syntax",
                  default_config={"lexicon_path": None, "categories_path": None})
def make_syntax(nlp: Language, name: str, lexicon_path: str | None,
                categories_path: str | None) -> "SelectiveSyntax":
    return SelectiveSyntax(nlp, lexicon_path, categories_path)


class SelectiveSyntax:
    def __init__(self, nlp: Language, lexicon_path: str | None = None,
                 categories_path: str | None = None):
        self.components = [nlp.get_pipe(name) for name in SYNTAX_COMPONENTS
                           if name in nlp.component_names]
        self.lexicon = load_lexicon(lexicon_path, categories_path)
        # Events need a linked participant in their sentence (events.py), so entities are
        # linked here first; the linker runs again after the parse, which refines sectors.
        self.linker = nlp.get_pipe(LINKER_NAME) if LINKER_NAME in nlp.pipe_names else None

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        for batch in minibatch(docs, batch_size):
            if self.linker is not None:
                batch = [self.linker(doc) for doc in batch]
            selected = [(doc, sent) for doc in batch for sent in self.selected_sentences(doc)]
            parsed = [sent.as_doc() for _, sent in selected]
            for component in self.components:
                parsed = list(component.pipe(parsed, batch_size=batch_size))
            _write_back(batch, selected, parsed)
            yield from batch

    def selected_sentences(self, doc: Doc) -> list[Span]:
        """Sentences that may hold an event trigger or overlap a date candidate whose TIMEX3
        filter or normalizer reads tense, parts of speech or dependencies (timex/reads_parse:
        "on Tuesday" needs the tense, "in 2004" or "last year" does not)."""
        dates = dates_reading_parse(doc)
        return [sent for sent in doc.sents
                if _overlaps(dates, sent.start_char, sent.end_char) or self.may_hold_event(sent)]

    def may_hold_event(self, sent: Span) -> bool:
        """False when the sentence names no linked actor (an event needs one as participant)
        and does not open with a stand-in for one of the sentence before (discourse.py),
        or when no lexicon entry can match: its lemma must be a word outside names and dates
        (for a verb entry, not after a determiner; for a mined one, with two named parties in
        the sentence), and every word constraint (objects, particles, phrases, modifiers, subject, governing
        verb) needs one of its words in the sentence."""
        if (self.linker is not None and not any((ent._.actor or {}).get("code") for ent in sent.ents)
                and not may_stand_in(sent)):
            return False
        words: set[str] = set()      # every word's possible lemmas: what constraints may read
        heads: set[str] = set()      # those of words outside names and dates: what may trigger
        verbs: set[str] = set()      # those of the heads that may be verbs
        forms = self.lexicon.forms
        previous = ""
        for tok in sent:
            form = tok.lower_
            irregular = {forms[form]} if form in forms else set()
            words |= lemma_candidates(form) | irregular
            if tok.ent_type_ not in NEVER_TRIGGERS:
                lemmas = trigger_candidates(form) | irregular
                heads |= lemmas
                if previous not in DETERMINERS:
                    verbs |= lemmas
            previous = form
        if "must" in words:     # "X said Y must withdraw": a demand (see events.py)
            return True
        # a CAMEO pattern codes a dyad (rules.one_sided_pattern): it needs two named parties
        dyadic = len({ent.text for ent in sent.ents
                      if ent.label_ in PARTICIPANT_LABELS or ent._.actor}) >= 2 \
            or names_a_pair(sent)
        index = self.lexicon.index
        return any(_possible(entry, words) for word in heads for entry in index.get(word, ())
                   if (entry.pos != "VERB" or word in verbs)
                   and (dyadic or entry.origin == CURATED))


def _possible(entry: Entry, words: set[str]) -> bool:
    """Every word constraint of the entry can hold: one of its objects, particles, modifiers,
    governing verbs, subjects is in the sentence, and each of its phrases' prepositions (with
    one of the phrase's nouns)."""
    if entry.no_event:
        return False
    if entry.obj and "ACTOR" not in entry.obj and entry.obj.isdisjoint(words):
        return False
    if any(prep not in words or (nouns and "ACTOR" not in nouns and nouns.isdisjoint(words))
           for prep, nouns in entry.pp):
        return False
    return all(not needed or not needed.isdisjoint(words)
               for needed in (entry.prep, entry.mod, entry.obj_of, entry.subj))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in spans)


def _write_back(docs: list[Doc], selected: list[tuple[Doc, Span]], parsed: list[Doc]) -> None:
    """Copy each parsed sentence's annotations into its document; keep the senter's sentences."""
    by_doc: dict[int, list[tuple[Span, Doc]]] = {}
    for (doc, sent), sent_doc in zip(selected, parsed):
        by_doc.setdefault(id(doc), []).append((sent, sent_doc))
    for doc in docs:
        parts = by_doc.get(id(doc), [])
        if not parts:
            continue
        starts = doc.to_array([SENT_START])
        values = doc.to_array(SYNTAX_ATTRS)
        values[:] = 0
        for sent, sent_doc in parts:
            values[sent.start:sent.end] = sent_doc.to_array(SYNTAX_ATTRS)
        doc.from_array(SYNTAX_ATTRS, values)
        doc.from_array([SENT_START], starts)   # a parse would merge the unparsed sentences
