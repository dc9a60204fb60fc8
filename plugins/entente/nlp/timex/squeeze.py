"""Tokenized text ("July 15 , 2022", "this year 's third quarter", as in MEANTIME or CoNLL-style
corpora) read as if written normally: the grammar and the normalizers see the squeezed text, and
offsets are mapped back to the doc's."""
from __future__ import annotations

import re

from spacy.tokens import Doc

SPACE_BEFORE_CLITIC = re.compile(r" (?=,|['’]s\b)")


def squeeze(text: str) -> tuple[str, list[int] | None]:
    """The text without spaces before commas and possessive 's, and for each of its characters
    (plus its end) the offset in `text`; None when there is nothing to squeeze."""
    if not SPACE_BEFORE_CLITIC.search(text):
        return text, None
    dropped = {m.start() for m in SPACE_BEFORE_CLITIC.finditer(text)}
    original = [i for i in range(len(text)) if i not in dropped] + [len(text)]
    return "".join(text[i] for i in original[:-1]), original


class SqueezedDoc:
    """The doc as the filters see it: character offsets of the squeezed text."""

    def __init__(self, doc: Doc, original: list[int]):
        self.doc, self.original = doc, original

    def char_span(self, s: int, e: int, **kwargs):
        return self.doc.char_span(self.original[s], self.original[e - 1] + 1, **kwargs)

    def __getattr__(self, name):
        return getattr(self.doc, name)

    def __getitem__(self, i):
        return self.doc[i]
