"""Build the one spaCy pipeline that does all of Entente's extraction in a single pass."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from entente import config
from entente.nlp import extensions  # noqa: F401  (registers Doc._/Span._ attributes)
from entente.nlp.actors import add_actor_pipes
from entente.nlp import events as _events  # noqa: F401  (registers entente_events)
from entente.nlp import timex as _timex  # noqa: F401  (registers entente_timex)
from entente.nlp.syntax import SYNTAX_COMPONENTS

# Components of the model we never read: excluding them saves time on every doc.
# (The lemmatizer stays: event triggers are matched on lemmas.)
UNUSED_COMPONENTS: tuple[str, ...] = ()


def build_nlp(model: str | None = None, gazetteer_dir: Path | None = None,
              selective_syntax: bool | None = None, event_scheme: str | None = None) -> Language:
    """Load the spaCy model and add Entente's components: actors → timexes → events.

    With `selective_syntax` (the default) sentences come from the model's `senter` and only
    those that may hold an event or a date are tagged and parsed (nlp/syntax.py); without it
    every sentence is, as the model ships. `event_scheme` names the PLOVER categories
    (default `ENTENTE_EVENT_SCHEME`, else `gsr`).
    """
    nlp = spacy.load(model or config.spacy_model(), exclude=list(UNUSED_COMPONENTS))
    add_actor_pipes(nlp, gazetteer_dir or config.GAZETTEER_DIR)
    if selective_syntax is None:
        selective_syntax = config.selective_syntax()
    if selective_syntax and "senter" in nlp.component_names and "ner" in nlp.pipe_names:
        nlp.enable_pipe("senter")
        nlp.add_pipe("entente_paragraphs", after="senter")
        for name in SYNTAX_COMPONENTS:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
        nlp.add_pipe("entente_syntax", after="ner")
    nlp.add_pipe("entente_timex", last=True)
    nlp.add_pipe("entente_events", last=True, config={"scheme": event_scheme or config.event_scheme()})
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(model: str | None = None) -> Language:
    """One pipeline per process (loading the model costs about a second)."""
    return build_nlp(model)
