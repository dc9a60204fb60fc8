"""Tag, parse and lemmatize only the sentences that need it (the `entente_syntax` component).

Most news sentences hold neither an event trigger nor a date, and for them the parse is wasted:
tok2vec, tagger, parser, attribute ruler and lemmatizer are more than half of en_core_web_sm's
time. So the pipeline splits sentences with the model's own `senter` (and at blank lines,
`entente_paragraphs`) and finds entities on the whole text with `ner`; this component runs the
syntax components on copies of the selected sentences — those with a word that may be a
trigger of the event lexicon (with the words its constraints need, and a linked actor to take
part) or a date candidate — and writes their tags, lemmas and dependencies back into the
document. Other sentences keep empty `tag_`, `lemma_` and `dep_` (every token its own head);
sentence boundaries stay the senter's. On by default; ENTENTE_SELECTIVE_SYNTAX=0 parses every
sentence (`Settings.selective_syntax`). Measurements: docs/performance.md.
"""
from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from entente.nlp.actors.linker import LINKER_NAME
from entente.nlp.events.lexicon import Entry, load_lexicon
from entente.nlp.syntax.inflection import lemma_candidates
from entente.nlp.timex.grammar import candidates as timex_candidates

SYNTAX_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
SYNTAX_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@Language.component("entente_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence (a title, a list item): the senter, unlike the parser,
    runs sentences on across paragraphs."""
    for tok in doc[1:]:
        previous = doc[tok.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return doc


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
        """Sentences that may hold an event trigger or overlap a date candidate (the TIMEX3
        filters and normalizers read tense, parts of speech and dependencies)."""
        dates = [(start, end) for start, end, _ in timex_candidates(doc.text)]
        return [sent for sent in doc.sents
                if _overlaps(dates, sent.start_char, sent.end_char) or self.may_hold_event(sent)]

    def may_hold_event(self, sent: Span) -> bool:
        """False when the sentence names no linked actor (an event needs one as participant),
        or when no lexicon entry can match: every entry's word constraints (objects, particles,
        modifiers, governing verb) need one of their words in the sentence."""
        if self.linker is not None and not any((ent._.actor or {}).get("code") for ent in sent.ents):
            return False
        words: set[str] = set()
        for tok in sent:
            words |= lemma_candidates(tok.lower_)
        if "must" in words:     # "X said Y must withdraw": a demand (see events.py)
            return True
        index = self.lexicon.index
        return any(_possible(entry, words) for word in words for entry in index.get(word, ()))


def _possible(entry: Entry, words: set[str]) -> bool:
    if entry.obj and "ACTOR" not in entry.obj and entry.obj.isdisjoint(words):
        return False
    return all(not needed or not needed.isdisjoint(words)
               for needed in (entry.prep, entry.mod, entry.obj_of))


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
