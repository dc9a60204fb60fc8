"""An event while it is being coded: the trigger and its sentence, the category so far, the
participants found, modality and date. The coding phases (phases.py) fill it in; the rules
(rules.py) read it to rewrite the category or veto the event; `record()` is what the component
writes to `doc._.events`."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from entente.nlp.events.lexicon import Entry, Lexicon
from entente.nlp.events.location import Dateline, Location


@dataclass
class Candidate:
    doc: Doc
    sent: Span
    sentence_index: int
    trigger: Token
    predicate: Token                # the verb that carries the trigger (itself for a verb)
    entry: Entry
    complements: list[int]          # triggers it governs ("agreed to *cooperate*")
    triggers: dict                  # every trigger of the sentence: index → (entry, predicate)
    actors: dict[int, Span]         # token index → the actor mention covering it
    lex: Lexicon
    type: str = ""
    cameo: str | None = None
    intensity: float = 0.0
    context: str | None = None
    sources: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    source_parts: list[dict] = field(default_factory=list)
    recipient_parts: list[dict] = field(default_factory=list)
    refused_complement: bool = False    # "vowed not to return the land": the promise is the act
    agreed_act: bool = False            # "agreed to impose sanctions on Iran": the act, planned
    modality: str = "asserted"
    refused: bool = False               # an announced refusal ("will not", "failed to")
    date: dict = field(default_factory=dict)
    confidence: float = 0.0
    governed: list[int] = field(default_factory=list)   # complements, and theirs, transitively
    dateline: Dateline | None = None    # the story's dateline: a place, never a party
    location: Location | None = None
    mediators: list[Span] = field(default_factory=list)   # who brokered the act (mediation.py)
    mediator_parts: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.type, self.cameo = self.entry.type, self.entry.cameo
        self.intensity, self.context = self.entry.intensity, self.entry.context

    @property
    def quad(self) -> int:
        return self.lex.categories[self.type]["quad"]

    @cached_property
    def sentence_lemmas(self) -> set[str]:
        return {t.lemma_.lower() for t in self.sent}

    @property
    def mentions(self) -> list[Span]:
        return list(self.sources) + list(self.recipients)

    @property
    def is_noun_event(self) -> bool:
        """An event noun standing alone ("Russia's invasion of Ukraine")."""
        return self.predicate == self.trigger and self.trigger.pos_ in ("NOUN", "PROPN")

    def recode(self, category: str, cameo: str | None = None,
               intensity: float | None = None) -> None:
        """Change the category (and CAMEO code); the intensity defaults to the category's."""
        self.type = category
        if cameo is not None:
            self.cameo = cameo
        self.intensity = (self.lex.categories[category]["intensity"] if intensity is None
                          else intensity)

    @property
    def multilateral(self) -> bool:
        """Three or more countries on one side ("Britain, France and Germany urged Iran")."""
        return any(len({p["country"] for p in parts if p.get("country")}) >= 3
                   for parts in (self.source_parts, self.recipient_parts))

    def record(self, name: str, quad: int) -> dict:
        """The event as `doc._.events` holds it (see extensions.py)."""
        sent, trig = self.sent, self.trigger
        return {
            "start": sent.start_char, "end": sent.end_char, "sentence_index": self.sentence_index,
            "sentence": sent.text, "trigger": trig.text, "trigger_start": trig.idx,
            "trigger_end": trig.idx + len(trig.text), "type": name, "cameo": self.cameo,
            "quad_class": quad, "intensity": float(max(-10.0, min(10.0, self.intensity))),
            "context": self.context, "modality": self.modality, "actors": self.source_parts,
            "recipients": self.recipient_parts, **self.date, "confidence": self.confidence,
            "location": self.location.record() if self.location else None,
            "multilateral": self.multilateral,
        }
