"""`entente_events`: code PLOVER events (with CAMEO codes) from each sentence.

For every parsed sentence that contains a lexicon trigger (data/event_lexicon.yml):
1. triggers (triggers.py): tokens whose lemma and constraints match the lexicon; event nouns
   count through the verb that carries them ("held talks", "announced an agreement");
2. one event per trigger not governed by another trigger ("agreed to cooperate" is AGREE,
   "refused to meet" is REJECT); verbs of saying are never events ("X said Y agreed" codes Y's
   act);
3. the phases of phases.py fill in a `Candidate`: category, participants (participants.py),
   modality and date (modality.py), context, confidence;
4. the named rules of rules.py veto what is no event between political actors (an accident, no
   political actor, an everyday or sport sense) and rewrite categories as CAMEO codes plans,
   conditions, refusals, military means and joint exercises.

`doc._.events` holds plain dicts (see extensions.py and docs/events.md).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.nlp import extensions  # noqa: F401  (registers Doc._/Span._ attributes)
from entente.nlp.events import phases, rules
from entente.nlp.events.candidate import Candidate
from entente.nlp.events.lexicon import Lexicon, load_lexicon, token_lemma
from entente.nlp.events.location import Dateline, find_dateline, names_a_meeting, names_a_treaty
from entente.nlp.events.mediation import mediation_records
from entente.nlp.events.participants import actor_spans, names_a_leaning, names_a_likeness
from entente.nlp.events.triggers import dominated_by, find_triggers


class EventCoder:
    """The `entente_events` component: `doc._.events` for every parsed sentence with a trigger."""

    def __init__(self, nlp: Language, name: str, lexicon_path: str | None, scheme: str,
                 min_confidence: float, categories_path: str | None = None):
        self.name = name
        self.lex: Lexicon = load_lexicon(lexicon_path, categories_path)
        if scheme not in self.lex.schemes:
            raise ValueError(f"entente_events: unknown scheme {scheme!r} "
                             f"(known: {sorted(self.lex.schemes)})")
        spec = dict(self.lex.schemes[scheme] or {})
        self.by_cameo = {str(k): v for k, v in (spec.pop("by_cameo", None) or {}).items()}
        for v in self.by_cameo.values():
            if v not in self.lex.categories:
                raise ValueError(f"entente_events: scheme {scheme!r}: unknown category {v!r}")
        self.rename = spec
        self.min_confidence = min_confidence
        self.trigger_lemmas = frozenset(self.lex.index)

    def __call__(self, doc: Doc) -> Doc:
        events = []
        actors = None
        dateline = find_dateline(doc.text)
        for si, sent in enumerate(doc.sents):
            if not any(t.dep_ for t in sent):
                continue    # not parsed: entente_syntax found no possible event in it
            if not any(token_lemma(t) in self.trigger_lemmas
                       or t.lemma_ in self.lex.reporting_verbs for t in sent):
                continue
            if actors is None:
                actors = parties_only(actor_spans(doc), dateline)
            events.extend(self.code_sentence(doc, sent, si, actors, dateline))
        doc._.events = events
        return doc

    def code_sentence(self, doc: Doc, sent: Span, si: int, actors: dict[int, Span],
                      dateline: Dateline | None = None) -> list[dict]:
        """One event per trigger not governed by another; the same act between the same actors
        once."""
        triggers = find_triggers(self.lex, sent, actors)
        dominated = dominated_by(triggers, doc)
        out, seen = [], set()
        for i, (entry, pred) in sorted(triggers.items()):
            if i in dominated:
                continue
            complements = [j for j, d in dominated.items() if d == i]
            built = self.build_events(Candidate(doc, sent, si, doc[i], pred, entry, complements,
                                                triggers, actors, self.lex,
                                                governed=governed_by(i, dominated),
                                                dateline=dateline))
            for event in built:
                key = (event["type"],
                       tuple(sorted(p["code"] or p["text"] for p in event["actors"])),
                       tuple(sorted(p["code"] or p["text"] for p in event["recipients"])))
                if key not in seen:
                    seen.add(key)
                    out.append(event)
        if any(ev["actors"] for ev in out):
            # next to an act with a named doer, an act without one is background ("... killing
            # 20 people", "a letter handed over to the UN"): not an event of its own
            out = [ev for ev in out if ev["actors"]]
        return out

    def build_events(self, c: Candidate) -> list[dict]:
        """The phases (phases.py) and rules (rules.py) in order: no event, one, or one per
        doer's country (rules.separate_doers)."""
        phases.complement_category(c)
        if not phases.find_participants(c):
            return []
        rules.military_means(c)
        phases.clause_participants(c)
        rules.own_country_is_carried(c)
        rules.receiver_is_the_target(c)
        rules.firm_is_no_country(c)
        rules.topic_is_no_counterpart(c)
        rules.said_content_is_no_party(c)
        phases.read_location(c)
        if not phases.party_records(c) or rules.first_veto(c):
            return []
        rules.joint_exercise(c)
        phases.read_modality(c)
        phases.read_date(c)
        phases.read_context(c)
        phases.score_confidence(c)
        if rules.below_confidence(c, self.min_confidence):
            return []
        category = self.scheme_category(c)
        event = c.record(self.rename.get(category, category), self.lex.categories[category]["quad"])
        return rules.separate_doers(c, event) + mediation_records(c, event, self.rename)

    def scheme_category(self, c: Candidate) -> str:
        """The scheme may file particular CAMEO codes under another category (`by_cameo`)."""
        if not (c.cameo and self.by_cameo):
            return c.type
        return next((self.by_cameo[k] for k in (c.cameo, c.cameo[:3], c.cameo[:2])
                     if k in self.by_cameo), c.type)


def governed_by(i: int, dominated: dict[int, int]) -> list[int]:
    """The triggers trigger i governs, directly or through another ("agreed to coordinate
    sanctions": agreed → coordinate → sanctions)."""
    out = []
    for j in dominated:
        k, seen = j, set()
        while k in dominated and k not in seen:
            seen.add(k)
            k = dominated[k]
            if k == i:
                out.append(j)
                break
    return out


def parties_only(actors: dict[int, Span], dateline: Dateline | None) -> dict[int, Span]:
    """The actor mentions that may take part in events: not the dateline's place or credit, not
    a city naming a treaty or a meeting (location.names_a_treaty, names_a_meeting), not a name
    that says what something resembles or whom a stance favours (participants.names_a_likeness,
    names_a_leaning: "a Madrid-style bombing", "a pro-Israel position")."""
    return {i: mention for i, mention in actors.items()
            if not (dateline is not None and dateline.covers(mention)) and not names_a_treaty(mention)
            and not names_a_meeting(mention) and not names_a_likeness(mention)
            and not names_a_leaning(mention)}


@Language.factory("entente_events", default_config={"lexicon_path": None, "categories_path": None,
                                                    "scheme": "gsr", "min_confidence": 0.0})
def make_event_coder(nlp: Language, name: str, lexicon_path: str | None,
                     categories_path: str | None, scheme: str,
                     min_confidence: float) -> EventCoder:
    return EventCoder(nlp, name, lexicon_path, scheme, min_confidence, categories_path)
