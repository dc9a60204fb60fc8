"""Build the one spaCy pipeline that does all of Entente's extraction in a single pass.

Entente's components are spaCy factories declared as entry points (`spacy_factories` in
pyproject.toml): `nlp.add_pipe("entente_events")` finds them without an import for its side
effect, in this process and in spaCy's own worker processes.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from entente.nlp.actors import REPAIR_NAME, add_actor_pipes
from entente.nlp.syntax.component import SYNTAX_COMPONENTS
from entente.settings import Settings


def build_nlp(settings: Settings) -> Language:
    """Load the spaCy model (`settings.spacy_model`) and add Entente's components:
    actors (ruler, entity repair, linker) → (selective syntax) → timexes → events.

    With `settings.selective_syntax` (the default) sentences come from the model's `senter` and
    only those that may hold an event or a date are tagged and parsed (nlp/syntax); without it
    every sentence is, as the model ships. `settings.event_scheme` names the PLOVER categories.
    """
    nlp = spacy.load(settings.spacy_model)
    add_actor_pipes(nlp, settings.gazetteer_dir)
    lexicon = {"lexicon_path": str(settings.event_lexicon),
               "categories_path": str(settings.event_categories)}
    if settings.selective_syntax and "senter" in nlp.component_names and "ner" in nlp.pipe_names:
        nlp.enable_pipe("senter")
        nlp.add_pipe("entente_paragraphs", after="senter")
        for name in SYNTAX_COMPONENTS:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
        # after the entity repair: the syntax component links entities to choose sentences
        after = REPAIR_NAME if REPAIR_NAME in nlp.pipe_names else "ner"
        nlp.add_pipe("entente_syntax", after=after, config=lexicon)
    nlp.add_pipe("entente_timex", last=True)
    nlp.add_pipe("entente_events", last=True,
                 config={**lexicon, "scheme": settings.event_scheme})
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(settings: Settings) -> Language:
    """One pipeline per process and settings (loading the model costs about a second)."""
    return build_nlp(settings)
