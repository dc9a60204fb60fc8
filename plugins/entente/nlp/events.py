"""`entente_events`: code PLOVER events (with CAMEO codes) from each sentence.

For every sentence that contains a lexicon trigger (data/event_lexicon.yml):
1. triggers: tokens whose lemma and constraints match the lexicon; event nouns count through the
   verb that carries them ("held talks", "imposed sanctions", "announced an agreement");
2. one event per trigger not governed by another trigger ("agreed to cooperate" is AGREE,
   "refused to meet" is REJECT, "accused X of attacking" is DISAPPROVE); verbs of saying are
   never events ("X said Y agreed" codes Y's act);
3. participants from the parse (events_participants), modality and date (events_modality);
4. precision rules: an event needs a linked political actor among its participants; a trigger
   with an everyday or sport sense ("meeting", "battle", "deal") needs one taking part as doer or
   target, not only as the place or a nationality (events_participants.political_weight);
5. plans and conditions are coded as CAMEO does: intended cooperation is AGREE ("express intent",
   03x), intended or conditional material conflict is THREATEN (13x), an announced refusal of
   cooperation ("will not accept") is REJECT (12x).

`doc._.events` holds plain dicts (see the module docstring of extensions.py and docs/events.md).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.nlp import extensions  # noqa: F401  (registers Doc._/Span._ attributes)
from entente.nlp.events_lexicon import (NOUN_POS, Entry, Lexicon, governing_verb, load_lexicon,
                                        subject_lemmas, token_lemma)
from entente.nlp.events_modality import negated_here, event_date, modality
from entente.nlp.events_participants import (actor_spans, between_pairs, clause_recipients, find_recipients,
                                             find_sources, noun_own_sources, participant, political_weight,
                                             _mentions_in)

EXTRACTOR_VERSION = "events-0.1"
BREAK_DEPS = {"conj", "relcl", "parataxis"}
NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "compound", "amod", "attr", "appos"}
BACKGROUND_PREPS = {"during", "after", "before", "following", "since", "amid", "amidst", "despite",
                    "in", "at", "of", "over", "under", "from", "for", "as", "because", "like", "than"}
# Token entity types that are never triggers ("on 5-6 March", "the Battle of Britain", "Peace Treaty").
NON_TRIGGER_ENTS = {"DATE", "TIME", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "MONEY", "QUANTITY",
                    "CARDINAL", "ORDINAL", "PERCENT"}
# Passive forms that state the subject's own stance or act ("is opposed to", "were demobilized").
STATIVE_PASSIVES = {"oppose", "commit", "determine", "dedicate", "demobilize", "demobilise", "disarm",
                    "engage", "involve"}     # "forces were engaged in ...": the subject does it
SAY_NOUNS = {"reminder", "statement", "warning", "declaration", "message", "letter", "note", "insistence"}
# Prepositions of time and circumstance: an event noun behind them is background to the verb that
# governs it ("held a news conference *after* the talks", "reported ... *despite* hours of
# negotiations"), never carried by it.
UNCARRIED_PREPS = {"despite", "during", "after", "before", "following", "since", "amid", "amidst", "because",
                 "like", "than", "until"}
MUST_DEMAND = Entry(lemmas=("must",), type="DEMAND", cameo="100", intensity=-5.0)


class EventCoder:
    def __init__(self, nlp: Language, name: str, lexicon_path: str | None, scheme: str,
                 min_confidence: float):
        self.name = name
        self.lex: Lexicon = load_lexicon(lexicon_path)
        if scheme not in self.lex.schemes:
            raise ValueError(f"entente_events: unknown scheme {scheme!r} (known: {sorted(self.lex.schemes)})")
        spec = dict(self.lex.schemes[scheme] or {})
        self.by_cameo = {str(k): v for k, v in (spec.pop("by_cameo", None) or {}).items()}
        for v in self.by_cameo.values():
            if v not in self.lex.categories:
                raise ValueError(f"entente_events: scheme {scheme!r}: unknown category {v!r}")
        self.rename = spec
        self.min_confidence = min_confidence
        self.trigger_lemmas = frozenset(self.lex.index)

    # ------------------------------------------------------------------ spaCy entry point

    def __call__(self, doc: Doc) -> Doc:
        events = []
        actors = None
        for si, sent in enumerate(doc.sents):
            if not any(t.dep_ for t in sent):
                continue    # not parsed: entente_syntax found no possible event in it
            if not any(token_lemma(t) in self.trigger_lemmas or t.lemma_ in self.lex.reporting_verbs
                       for t in sent):
                continue
            if actors is None:
                actors = actor_spans(doc)
            events.extend(self.code_sentence(doc, sent, si, actors))
        doc._.events = events
        return doc

    # ------------------------------------------------------------------ per sentence

    def find_triggers(self, sent: Span, actors: dict[int, Span]) -> dict[int, tuple[Entry, Token]]:
        """token index -> (entry, predicate): the verb that carries the event."""
        triggers: dict[int, tuple[Entry, Token]] = {}
        demands: dict[int, Token] = {}
        for tok in sent:
            if tok.i in actors or tok.ent_type_ in NON_TRIGGER_ENTS:
                continue
            if tok.pos_ == "VERB" and tok.dep_ in NOMINAL_DEPS:
                continue   # "the wounded", "seized weapons": a participle used as a noun or adjective
            if tok.pos_ in NOUN_POS and tok.dep_ in ("compound", "amod", "poss"):
                continue   # "war games", "aid groups", "protest leaders": modifiers, not acts
            entry = self.lex.match(tok, set(actors))
            if entry is not None:
                triggers[tok.i] = (entry, tok)
            if tok.lemma_ in self.lex.reporting_verbs or (tok.pos_ in NOUN_POS and tok.lemma_ in SAY_NOUNS):
                # "X said Y must withdraw", "a reminder to Iraq that it must cooperate": a demand by
                # the speaker, whatever the demanded act
                speaker_verb = tok if tok.pos_ not in NOUN_POS else governing_verb(tok)
                for c in tok.children:
                    if speaker_verb is not None and c.dep_ in ("ccomp", "acl") and \
                            any(a.dep_ == "aux" and a.lower_ == "must" for a in c.children):
                        demands[c.i] = speaker_verb
        for i, speaker_verb in demands.items():
            triggers[i] = (MUST_DEMAND, speaker_verb)
        # event nouns: carried by a light verb or a verb of saying, else standing alone
        for i, (entry, pred) in list(triggers.items()):
            tok = sent.doc[i]
            if tok.pos_ in NOUN_POS and pred == tok:
                gov = governing_verb(tok)
                if gov is not None and gov.i not in triggers:
                    preps = _path_preps(tok, gov)
                    if any(p.lower_ in UNCARRIED_PREPS for p in preps):
                        gov = None   # "... despite hours of negotiations": background, not carried
                    elif token_lemma(gov) in self.lex.reporting_verbs and any(p.lower_ != "of" for p in preps):
                        gov = None   # a verb of saying carries only its object ("announced an agreement")
                    if gov is not None and (token_lemma(gov) in self.lex.light_verbs
                                            or token_lemma(gov) in self.lex.reporting_verbs):
                        triggers[i] = (entry, gov)
                        continue
                # "returned to Geneva for talks", "converged for a rally", "was put under
                # investigation": the noun is the purpose or state of the verb's subject or object
                head = tok.head
                if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") \
                        and token_lemma(head.head) in self.lex.carrier_preps.get(head.lower_, ()) \
                        and head.head.i not in triggers and not _passive_journey(head.head, head):
                    triggers[i] = (entry, head.head)
        return triggers

    def dominator(self, i: int, triggers: dict, doc: Doc) -> int | None:
        """The trigger that governs trigger i ("agreed to *cooperate*"), if any."""
        entry, pred = triggers[i]
        own = {i, pred.i}
        cur = doc[i]
        for _ in range(12):
            if cur.head == cur:
                return None
            if cur.dep_ in BREAK_DEPS and cur.i not in own:
                return None
            if cur.dep_ in BREAK_DEPS and cur.i == pred.i:
                return None
            cur = cur.head
            if cur.i not in own:
                if cur.i in triggers:
                    return cur.i
                for j, (_, p) in triggers.items():
                    if j != i and p.i == cur.i and p.i != doc[j].i and j not in own:
                        # cur is the light verb of another event noun: that noun's event governs
                        return j
        return None

    def code_sentence(self, doc: Doc, sent: Span, si: int, actors: dict[int, Span]) -> list[dict]:
        triggers = self.find_triggers(sent, actors)
        if not triggers:
            return []
        dominated: dict[int, int] = {}
        for i in triggers:
            d = self.dominator(i, triggers, doc)
            if d is not None:
                dominated[i] = d
        out, seen = [], set()
        for i, (entry, pred) in sorted(triggers.items()):
            if i in dominated:
                continue
            trig = doc[i]
            complements = [j for j, d in dominated.items() if d == i]
            ev = self.build_event(doc, sent, si, trig, pred, entry, complements, triggers, actors)
            if ev is None:
                continue
            key = (ev["type"], tuple(sorted(p["code"] or p["text"] for p in ev["actors"])),
                   tuple(sorted(p["code"] or p["text"] for p in ev["recipients"])))
            if key in seen:
                continue
            seen.add(key)
            out.append(ev)
        if any(ev["actors"] for ev in out):
            # next to an act with a named doer, an act without one is background ("... killing
            # 20 people", "a letter handed over to the UN"): not an event of its own
            out = [ev for ev in out if ev["actors"]]
        return out

    def build_event(self, doc, sent, si, trig: Token, pred: Token, entry: Entry, complements, triggers, actors):
        lex = self.lex
        typ, cameo, intensity, context = entry.type, entry.cameo, entry.intensity, entry.context
        sent_lemmas = {t.lemma_.lower() for t in sent}
        military = bool(sent_lemmas & lex.military_words) or any(
            (actors[t.i]._.actor or {}).get("code", "") and str((actors[t.i]._.actor or {}).get("code", "")).endswith("MIL")
            for t in sent if t.i in actors)
        # an intent word ("pledged", "offered", "intentions") takes its complement's act
        comp_entry = None
        if complements:
            comp_entry = triggers[min(complements, key=lambda j: abs(j - trig.i))][0]
        refused_comp = False
        if entry.intent and comp_entry is not None:
            typ, cameo, intensity = comp_entry.type, comp_entry.cameo, comp_entry.intensity
            context = context or comp_entry.context
            comp_tok = doc[min(complements, key=lambda j: abs(j - trig.i))]
            comp_pred = triggers[comp_tok.i][1]
            if negated_here(comp_pred) or negated_here(comp_tok):
                # "vowed not to return the land", "pledged never to use force": a promise not to
                # cooperate is a refusal (CAMEO 12); a promise not to use force is intent to
                # de-escalate (CAMEO 035)
                refused_comp = True
                if lex.categories[typ]["quad"] in (1, 2):
                    typ, cameo, intensity = "REJECT", "120", lex.categories["REJECT"]["intensity"]
                elif lex.categories[typ]["quad"] == 4:
                    typ, cameo, intensity = "AGREE", "035", lex.categories["AGREE"]["intensity"]
        joint = entry.joint

        # participants
        if pred == trig and trig.pos_ in NOUN_POS:
            # an event noun on its own ("Russia's invasion of Ukraine", "talks between X and Y")
            # needs its own agent; nouns in background phrases ("after days of battles") are not events
            if trig.dep_ == "pobj" and trig.head.lower_ in BACKGROUND_PREPS:
                return None
            sources = noun_own_sources(trig, actors)
            pairs = between_pairs(trig, actors)
            if not sources and pairs:
                sources, pairs = pairs[:1], pairs[1:]
            if not sources:
                return None
        else:
            sources, _ = find_sources(pred, actors)
            pairs = []
            if not sources and (entry.intent or trig.tag_ == "VBN" and trig.dep_ == "acomp"
                                or pred.lemma_.lower() in STATIVE_PASSIVES):
                # "Israel is opposed to ...", "demobilized guerrillas": the subject is the doer
                # "Vietnam is committed to ...": an adjectival passive names the one who commits
                holders = [pred, pred.head] if pred.dep_ == "acomp" else [pred]   # "Japan is opposed to"
                subj = next((c for h in holders for c in h.children if c.dep_ in ("nsubjpass", "nsubj")), None)
                if subj is not None:
                    sources = _mentions_in(subj, actors)
        src_tokens = {t.i for e in sources for t in e}
        recipients = pairs + [e for e in find_recipients(trig, pred, actors, src_tokens)
                              if e.start not in {p.start for p in pairs}]
        if entry.mil and self._military_act(pred, trig, sources):
            # conventional force (CAMEO 19) when soldiers or weapons of war do it; killings and
            # bombings by others are unconventional violence (18), whoever the victims are
            typ, cameo = entry.mil.get("type", typ), str(entry.mil.get("cameo", cameo))
            intensity = float(entry.mil.get("intensity", intensity))
        if not recipients:
            recipients = clause_recipients(pred, trig, actors, src_tokens)
        if typ == "PROTEST" and not sources and recipients and all(
                e.label_ in ("GPE", "LOC") for e in recipients):
            # unnamed crowds ("thousands of people blocked streets in Hong Kong") are coded by
            # the place they protest in; whom they protest against comes from the clauses
            sources = recipients
            src_tokens = {t.i for e in sources for t in e}
            recipients = clause_recipients(pred, trig, actors, src_tokens)
        src_parts = _dedupe([participant(e) for e in sources])
        # a recipient of the source's own country is kept when it is another mention (domestic
        # events: "Algerian landowners ... Algerian government forces"), never the same mention
        src_starts = {e.start for e in sources}
        # the same actor named twice (a headline and its sentence: "UK Athletics agrees new kit deal
        # UK Athletics has agreed ...") is not its own recipient; other mentions of the same country
        # are ("Algerian landowners ... Algerian government forces")
        src_names = {(str((e._.actor or {}).get("actor_id")), e.text.lower()) for e in sources}
        recipients = [e for e in recipients if e.start not in src_starts
                      and (str((e._.actor or {}).get("actor_id")), e.text.lower()) not in src_names]
        rec_parts = _dedupe([participant(e) for e in recipients])
        if not src_parts and not rec_parts:
            return None
        # precision rules (docs/events.md): an event needs a political actor among its participants;
        # a trigger with an everyday or sport sense ("meeting", "battle", "deal", "help") needs one
        # taking part as doer or target, not only a place or a nationality
        heads = lex.political_heads | lex.military_words
        material = lex.categories[typ]["quad"] == 4
        if material and sent_lemmas & lex.accident_words and (
                not src_parts or subject_lemmas(pred) & lex.accident_words):
            return None     # deaths in a crash, a flood, an epidemic: nobody's act
        weight = max((political_weight(e, heads, material) for e in list(sources) + list(recipients)), default=0)
        if weight == 0:
            return None
        if weight < 2 and token_lemma(trig) in lex.ambiguous and not entry.constrained \
                and not _political_arguments(trig, pred, heads):
            return None
        if token_lemma(trig) in lex.ambiguous and sent_lemmas & lex.sport_words \
                and not any(_state_body(e) for e in list(sources) + list(recipients)):
            return None     # sport: countries and cities are teams ("the clash with Barcelona")
        if joint and (len(src_parts) > 1 or any(c.dep_ == "prep" and c.lower_ == "with" for c in pred.children)):
            # exercises held together are cooperation, not a show of force
            typ, cameo = joint.get("type", typ), str(joint.get("cameo", cameo))
            intensity = float(joint.get("intensity", lex.categories[typ]["intensity"]))

        # modality, and the CAMEO reading of plans, conditions and refusals
        mod, refused = modality(trig, pred, lex, intent=entry.intent)
        if refused_comp:
            mod = "asserted"     # the refusal or the promise itself is the act
        quad = lex.categories[typ]["quad"]
        unless = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                     for head in {pred, trig} for c in head.children)
        if mod == "planned" and unless and typ not in ("THREATEN", "DEMAND"):
            # "will withdraw its force unless ...": a conditional announcement is a threat (CAMEO 13)
            cameo = lex.threat_cameo.get(typ, "130")
            typ, intensity = "THREATEN", lex.categories["THREATEN"]["intensity"]
        elif mod in ("planned", "hypothetical") and typ == "PROTEST":
            # "said they would boycott ...": threaten with protest (CAMEO 133)
            typ, cameo, intensity = "THREATEN", "133", lex.categories["THREATEN"]["intensity"]
        elif mod == "negated" and refused and quad in (1, 2):
            typ, cameo, intensity = "REJECT", "120", lex.categories["REJECT"]["intensity"]
            mod = "asserted"
        elif mod in ("planned",) and quad in (1, 2) and typ != "AGREE":
            cameo = lex.intent_cameo.get(typ, "030")
            typ, intensity = "AGREE", lex.categories["AGREE"]["intensity"]
        elif mod in ("planned", "hypothetical") and quad == 4:
            cameo = lex.threat_cameo.get(typ, "130")
            typ, intensity = "THREATEN", lex.categories["THREATEN"]["intensity"]

        date = event_date(doc, sent, pred, trig)
        if mod == "asserted" and date["date_source"] == "timex" and doc._.dct and date["date"] \
                and date["date"] > str(doc._.dct)[:10] and trig.tag_ not in ("VBD", "VBN"):
            mod = "planned"

        if context is None:
            context = self._context(sent_lemmas, typ, military)

        confidence = 0.45
        confidence += 0.2 if any(p["code"] for p in src_parts) else (0.05 if src_parts else 0.0)
        confidence += 0.15 if any(p["code"] for p in rec_parts) else (0.05 if rec_parts else 0.0)
        confidence += 0.1 if trig.pos_ == "VERB" or pred != trig else 0.0
        confidence -= 0.15 if mod == "hypothetical" else 0.0
        confidence = round(max(0.05, min(0.99, confidence)), 2)
        if confidence < self.min_confidence:
            return None

        if cameo and self.by_cameo:
            typ = next((self.by_cameo[k] for k in (cameo, cameo[:3], cameo[:2]) if k in self.by_cameo), typ)
        quad = lex.categories[typ]["quad"]
        return {
            "start": sent.start_char, "end": sent.end_char, "sentence_index": si, "sentence": sent.text,
            "trigger": trig.text, "trigger_start": trig.idx, "trigger_end": trig.idx + len(trig.text),
            "type": self.rename.get(typ, typ), "cameo": cameo, "quad_class": quad,
            "intensity": float(max(-10.0, min(10.0, intensity))), "context": context, "modality": mod,
            "actors": src_parts, "recipients": rec_parts, **date, "confidence": confidence,
            "extractor_version": EXTRACTOR_VERSION,
        }

    def _military_act(self, pred: Token, trig: Token, sources: list[Span]) -> bool:
        """The doer is an army (a MIL actor, "troops", "forces", "warplanes") or the means are
        weapons of war ("artillery fire", "air raid", "with tanks")."""
        if any(str((e._.actor or {}).get("code") or "").endswith("MIL") for e in sources):
            return True
        words = self.lex.military_words

        def army(t: Token) -> bool:
            # "suicide bombers" are no air force
            return t.lemma_.lower() in words and not any(c.lower_ == "suicide" for c in t.children)

        for e in sources:      # "Vietnamese-led forces", "Israeli troops": the noun the actor modifies
            cur = e.root
            for _ in range(2):     # "Vietnamese-led forces": through the participle to the noun
                if cur.dep_ not in ("amod", "compound", "poss", "npadvmod", "nmod") or cur.head == cur:
                    break
                cur = cur.head
                if army(cur):
                    return True
        doers = [c for c in pred.children if c.dep_ in ("nsubj", "agent")]
        for d in doers:
            if any(army(t) for t in d.subtree):
                return True
        for c in trig.children:
            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in words:
                return True
            if c.dep_ == "prep" and c.lower_ in ("with", "by"):
                if any(t.lemma_.lower() in words for t in c.subtree):
                    return True
        return False

    def _context(self, sent_lemmas: set[str], typ: str, military: bool) -> str | None:
        best, best_n = None, 0
        for name, words in self.lex.contexts.items():
            n = len(sent_lemmas & words)
            if n > best_n:
                best, best_n = name, n
        if best is None and military and self.lex.categories[typ]["quad"] == 4:
            return "military"
        return best


STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def _state_body(mention: Span) -> bool:
    """A government, army, police, court, legislature or intelligence service, or an IGO."""
    code = str((mention._.actor or {}).get("code") or "")
    return code.startswith("IGO") or code[3:6] in STATE_SECTORS


def _passive_journey(verb: Token, prep: Token) -> bool:
    """A journey verb in the passive is no journey: "questions were left for later negotiations"."""
    return prep.lower_ == "for" and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _path_preps(tok: Token, gov: Token) -> list[Token]:
    """The prepositions between an event noun and the verb that carries it."""
    out, cur = [], tok
    for _ in range(8):
        if cur == gov or cur.head == cur:
            break
        cur = cur.head
        if cur.dep_ in ("prep", "agent") and cur != gov:
            out.append(cur)
    return out


def _political_arguments(trig: Token, pred: Token, heads: frozenset) -> bool:
    """The trigger's own subject or object is a political noun ("Leaders of the opposition coalition
    agreed ...", "rebels attacked ..."), so the everyday sense is out."""
    args = []
    for h in {trig, pred}:
        for c in h.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
                args.append(c)
            elif c.dep_ == "agent":
                args.extend(g for g in c.children if g.dep_ == "pobj")
    for a in list(args):
        args.extend(a.conjuncts)
    return any(a.lemma_.lower() in heads for a in args)


def _dedupe(parts: list[dict], exclude: set = frozenset()) -> list[dict]:
    """One participant per actor; unlinked mentions only when no linked one is there."""
    out, keys = [], set()
    linked = any(p["code"] for p in parts)
    for p in parts:
        key = p["code"] or p["text"]
        if key in keys or key in exclude:
            continue
        if linked and not p["code"]:
            continue
        keys.add(key)
        out.append(p)
    return out


@Language.factory("entente_events", default_config={"lexicon_path": None, "scheme": "gsr",
                                                    "min_confidence": 0.0})
def make_event_coder(nlp: Language, name: str, lexicon_path: str | None, scheme: str,
                     min_confidence: float) -> EventCoder:
    return EventCoder(nlp, name, lexicon_path, scheme, min_confidence)
