"""The phases that turn a trigger into an event, in order (coder.py runs them):

1. category   — the trigger's entry, or the act of the complement an intent word governs;
2. participants — who did it and to whom, from the parse (participants.py);
3. location   — the venue ("met in Tokyo") or the story's dateline (location.py): a place;
   parties    — one record per actor; a mention is never its own recipient;
4. (vetoes and rewrites: rules.py)
5. modality   — asserted, planned, negated or hypothetical, and CAMEO's reading of plans;
6. date       — the date of the event's own clause, else the publication date;
7. context and confidence.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from entente.nlp.events import rules
from entente.nlp.events.candidate import Candidate
from entente.nlp.events.lexicon import token_lemma
from entente.nlp.events.location import Location, location_of, venue
from entente.nlp.events.mediation import mediated_parties, mediators
from entente.nlp.events.modality import event_date, modality, negated_here
from entente.nlp.events.participants import (RELATIVE, STATIVE_PASSIVES, between_pairs,
                                             clause_recipients, find_recipients, find_sources,
                                             head_mentions, mentions_in, noun_own_sources,
                                             pair_compound, participant, participle_agents,
                                             passive_subject)

BACKGROUND_PREPS = {"during", "after", "before", "following", "since", "amid", "amidst",
                    "despite", "in", "at", "of", "over", "under", "from", "for", "as", "because",
                    "like", "than"}
# Rule `meeting_of_the_clause_subject`: the prepositions that put a meeting or visit at the time
# of the clause it modifies ("said *during* a visit to Britain", "*after* talks with Mr Blair").
MEETING_TIME_PREPS = {"during", "after", "following", "on", "at", "in"}


def complement_category(c: Candidate) -> None:
    """An intent word ("pledged", "offered", "intentions") takes its complement's act; an
    agreement to act against someone is that act, planned (rules.agreement_to_act_against)."""
    if rules.agreement_to_act_against(c):
        return
    if not (c.entry.intent and c.complements):
        return
    closest = min(c.complements, key=lambda j: abs(j - c.trigger.i))
    entry, comp_pred = c.triggers[closest]
    c.type, c.cameo, c.intensity = entry.type, entry.cameo, entry.intensity
    c.context = c.context or entry.context
    refused = negated_here(comp_pred) or negated_here(c.doc[closest])
    rules.promise_not_to_act(c, refused)


def find_participants(c: Candidate) -> bool:
    """Sources and recipients from the parse; False when an event noun has no doer of its own
    or stands in a background phrase ("after days of battles")."""
    trig, pred = c.trigger, c.predicate
    pairs: list[Span] = []
    if (mediated := mediated_parties(c)) is not None:
        # rule `mediator_is_no_party`: "the US brokered a deal between Israel and the UAE"
        parties, verb = mediated
        sources, pairs = parties[:1], parties[1:]
        c.mediators = mediators(verb, c, parties)
    elif c.is_noun_event:
        found = noun_participants(c)
        if found is None:
            return False
        sources, pairs = found
    elif announced_between(c):
        # rule `announced_between`: "announced deals between Israel and Bahrain" — the parties
        # are the ones between whom the act is; whoever announces it only reports it
        parties = between_pairs(trig, c.actors)
        sources, pairs = parties[:1], parties[1:]
    else:
        sources, subject = find_sources(pred, c.actors)
        if between := clause_between(c, subject, sources):
            sources, pairs = between[:1], between[1:]
        if not sources and trig != pred:
            # "sanctions imposed by X were extended"; with no subject, any owner of the noun
            sources = (carried_noun_owners(c) if subject is None
                       else participle_agents(trig, c.actors))
        if not sources and stative_subject_acts(c):
            sources = subject_mentions(c)
        if not sources and (measure := passive_measure(c)) is not None:
            sources = noun_own_sources(measure, c.actors)
            pairs = [e for e in mentions_in(measure, c.actors, skip=token_set(sources))
                     if e not in sources]      # whom the measure is on
    starts = {p.start for p in pairs}
    c.sources = sources
    c.recipients = pairs + [e for e in find_recipients(trig, pred, c.actors, token_set(sources),
                                                       things=c.entry.obj)
                            if e.start not in starts]
    return True


def carried_noun_owners(c: Candidate) -> list[Span]:
    """Rule `owner_of_the_carried_noun_acts`: when the verb carrying an event noun has no
    subject, the noun's own doer does it — its agent, possessor, nationality or compound owner
    ("to increase UK bilateral aid to Africa", "to expand Russian cooperation with China") —
    unless the lexicon marks that owner as the one who undergoes it (owner_patients: "to end
    Mandela's imprisonment"). An unlinked subject still names the doer ("Thousands joined
    anti-French demonstrations"): then only the noun's agent is taken."""
    owners = noun_own_sources(c.trigger, c.actors)
    patients = owner_patients(c, owners)
    return [e for e in owners if e not in patients]


def noun_participants(c: Candidate) -> tuple[list[Span], list[Span]] | None:
    """An event noun standing alone: its own doers ("Russia's invasion", the first of "talks
    between X and Y", or the subject of the clause a meeting is the time of) and the others it
    names, with the one who undergoes it (owner_patients, undergoing_clause); None when it has
    no doer or is background — a phrase of time, cause or manner ("after days of battles"),
    unless the noun names both its sides (rule `between_noun_is_its_own_event`: "after talks
    between Russia and Ukraine", "describes this as the most important agreement between Egypt
    and Israel" — the act is stated, not presumed)."""
    trig = c.trigger
    meeting = meeting_in_a_clause(c)
    undergoing = undergoing_clause(c)
    between = between_pairs(trig, c.actors)
    if trig.dep_ == "pobj" and trig.head.lower_ in BACKGROUND_PREPS and meeting is None \
            and undergoing is None and len(between) < 2:
        return None
    pairs = between or pair_compound(trig, c.actors)
    paired = token_set(pairs)
    sources = [e for e in noun_own_sources(trig, c.actors) if e.start not in paired]
    patients = owner_patients(c, sources)
    sources = [e for e in sources if e not in patients]
    if not sources and pairs:
        sources, pairs = pairs[:1], pairs[1:]
    if not sources and meeting is not None:
        sources = [e for e in find_sources(meeting, c.actors)[0]
                   if e.start not in paired and e._.actor is not None]
    if not sources:
        return None
    if undergoing is not None:
        patients += [e for e in find_sources(undergoing, c.actors)[0] if e not in sources]
        c.predicate = undergoing    # its clause dates the act and says if it happened
    return sources, pairs + patients


def owner_patients(c: Candidate, owners: list[Span]) -> list[Span]:
    """Rule `owner_is_patient`: the possessor of a noun that the lexicon marks `owner_is_patient`
    undergoes the act when no "of" phrase names what it is done to ("Hamas, which advocates
    *Israel's* destruction" is no act by Israel; "*Mandela's* imprisonment"); with one, it does
    it ("*Russia's* detention of the sailors"). The possessor mentions among `owners`."""
    trig = c.trigger
    if not c.entry.owner_is_patient or any(p.dep_ == "prep" and p.lower_ == "of"
                                           for p in trig.children):
        return []
    possessors = {o.i for o in trig.children if o.dep_ == "poss"}
    return [e for e in owners if possessors & set(range(e.start, e.end))]


# Rule `subject_undergoes_the_act`: the verbs, the nouns after a copula ("the target of") and
# the verbs before "under" whose subject undergoes the hostile act of their event noun.
UNDERGOING_VERBS = {"face", "suffer", "endure", "incur", "withstand", "weather", "risk"}
UNDERGOING_NOUNS = {"target", "subject", "victim", "object"}
UNDER_VERBS = {"be", "come", "fall", "remain", "stay", "go"}


def undergoing_clause(c: Candidate) -> Token | None:
    """Rule `subject_undergoes_the_act`: a hostile act named by a noun that the clause's subject
    undergoes — "Iran faces new US sanctions", "Iraq has suffered Iranian missile attacks",
    "Turkey is already under EU sanctions", "Basra came under Iranian attack", "Mahan has been
    the subject of United States sanctions", "tankers have been the target of Iranian attacks" —
    is done to that subject by the noun's own doer. The verb whose subject it is, else None;
    it carries the noun, so its clause dates the act ("since 2011") and gives its modality
    ("Iran could face new US sanctions").
    Only for conflict (quad 3-4): the subject of talks or aid is their topic ("Kashmir has been
    the subject of Indian-Pakistani talks"), not a party."""
    trig = c.trigger
    if c.quad < 3:
        return None
    head = trig.head
    if trig.dep_ == "dobj" and token_lemma(head) in UNDERGOING_VERBS:
        return head
    if trig.dep_ != "pobj" or head.dep_ != "prep":
        return None
    above = head.head
    if head.lower_ == "under" and token_lemma(above) in UNDER_VERBS:
        return above
    if head.lower_ == "of" and above.dep_ == "attr" and token_lemma(above) in UNDERGOING_NOUNS \
            and above.head.pos_ in ("AUX", "VERB"):
        return above.head
    return None


def meeting_in_a_clause(c: Candidate) -> Token | None:
    """Rule `meeting_of_the_clause_subject`: a meeting or visit named as the time of a clause
    ("Musharraf has said *during a visit to Britain*", "*At a news conference following talks
    with Mr Blair*, Mr Abbas said", "said during a trip to Moscow that ...") is an act
    of the clause's subject, who was there, unless the noun names its own doer ("during
    Putin's visit to New Delhi"): the clause's verb, else None. Only for meetings and visits
    with a counterpart ("to X", "with X"): the subject of "after days of battles" need not have
    fought, and a meeting's time is the clause's, so its date is too. The subject must be a
    linked actor (find_participants): "Ferguson, who failed to return after a trip to East
    Kilbride" is no visit."""
    trig = c.trigger
    if c.type != "CONSULT":
        return None
    if not any(p.lower_ in ("to", "with") for p in trig.children if p.dep_ == "prep"):
        return None
    return clause_of_time_phrase(trig)


def clause_of_time_phrase(noun: Token) -> Token | None:
    """The verb of the clause a phrase of time around the noun modifies: "said [during a
    visit]", "[at a news conference [following talks]], ... said" (the parser reads
    "following" as a preposition or as a verb); None when the noun is in no such phrase."""
    cur = noun
    for _ in range(4):
        word = cur.head
        if not (cur.dep_ == "pobj" and word.lower_ in MEETING_TIME_PREPS
                or cur.dep_ == "dobj" and word.lower_ == "following"):
            return None
        modified = word.head
        if modified.pos_ in ("VERB", "AUX") and modified.lower_ != "following":
            return modified
        if word.dep_ not in ("prep", "acl", "advcl") or modified.dep_ != "pobj":
            return None
        cur = modified    # "at a news conference following talks": the conference's phrase


def announced_between(c: Candidate) -> bool:
    """An event noun carried by a verb of saying names its own parties with "between X and Y"
    ("the administration announced deals between Israel and Bahrain")."""
    return (c.predicate != c.trigger and c.predicate.lemma_.lower() in c.lex.reporting_verbs
            and len(between_pairs(c.trigger, c.actors)) >= 2)


def clause_between(c: Candidate, subject: Token | None, sources: list[Span]) -> list[Span]:
    """Rule `clause_between_names_both_sides`: a clause about what lies between parties is the
    act of both sides together, the parties in the order named, as for an event noun ("talks
    between X and Y") — when the act is done to that relation (the passive subject:
    "relations between the US and Cuba were restored"), when the entry is about such a subject
    (CAMEO's `RELATIONS *`: "relations between China and Japan have improved"), or when the
    verb itself is done between them with no doer named ("a memorandum was signed between
    Cyprus, Greece and Israel"). Not when the clause names a doer outside the phrase ("Turkey
    mediated between Israel and Syria"), nor for an act whose subject only happens to be a
    relation ("tension between China and Australia fuels speculation"). The parties, or []."""
    pred = c.predicate
    holders = (subject if c.entry.subj else None, passive_subject(pred), pred)
    for holder in holders:
        if holder is None:
            continue
        parties = between_pairs(holder, c.actors)
        if len(parties) >= 2 and all(e in parties for e in sources):
            return parties
    return []


# Acts done with one's own measures, forces or aid (rule `owner_of_the_measure_acts`).
OWN_MEASURE_ACTS = {"RETREAT", "CONCEDE", "SANCTION", "MOBILIZE", "AID"}


def passive_measure(c: Candidate) -> Token | None:
    """Rule `owner_of_the_measure_acts`: an act on a measure in the passive with no agent is
    done by the measure's owner ("EU sanctions on Iran were eased in 2016", "Russia's ban on
    Georgian wine was lifted", "where British forces are stationed"): the passive subject when
    it is one of the things the entry acts on (its `obj` words), else None. Only for acts one
    does with one's own measures, forces or aid: a demand, a ship or a position is rejected,
    seized or attacked by others ("The demand filed by the Clinton administration was
    rejected")."""
    subject = passive_subject(c.predicate)
    if subject is None or c.predicate != c.trigger or c.type not in OWN_MEASURE_ACTS \
            or token_lemma(subject) not in c.entry.obj:
        return None
    return subject


def stative_subject_acts(c: Candidate) -> bool:
    """"Israel is opposed to ...", "Vietnam is committed to ...", "demobilized guerrillas":
    an intent word or an adjectival passive names its subject as the doer."""
    return (c.entry.intent or c.trigger.tag_ == "VBN" and c.trigger.dep_ == "acomp"
            or c.predicate.lemma_.lower() in STATIVE_PASSIVES)


def subject_mentions(c: Candidate) -> list[Span]:
    pred = c.predicate
    holders = [pred, pred.head] if pred.dep_ == "acomp" else [pred]   # "Japan is opposed to"
    subject = next((child for h in holders for child in h.children
                    if child.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is not None and subject.lower_ in RELATIVE and pred.dep_ == "relcl" \
            and pred.lemma_.lower() in STATIVE_PASSIVES:
        return head_mentions(pred.head, pred, c.actors)   # "the US, which is opposed to ..."
    return mentions_in(subject, c.actors) if subject is not None else []


def clause_participants(c: Candidate) -> None:
    """Recipients outside the predicate's own objects (conditions, purposes), and unnamed
    crowds coded by the place they protest in ("thousands blocked streets in Hong Kong")."""
    if not c.recipients:
        c.recipients = clause_recipients(c.predicate, c.trigger, c.actors, token_set(c.sources))
    if c.type == "PROTEST" and not c.sources and c.recipients and all(
            e.label_ in ("GPE", "LOC") for e in c.recipients):
        c.sources = c.recipients
        c.recipients = clause_recipients(c.predicate, c.trigger, c.actors, token_set(c.sources))


def read_location(c: Candidate) -> None:
    """The venue of the act, else the dateline of its own sentence; a venue is no party
    (rules.venue_is_no_party decides for which acts)."""
    place = venue(c.trigger, c.predicate, c.actors) or next(
        (found for other in c.predicate.conjuncts
         if (found := venue(other, other, c.actors)) is not None), None)
    if place is not None:
        c.location = location_of(place)
        rules.venue_is_no_party(c, place)
    elif c.dateline is not None and c.sent.start_char <= c.dateline.place_start < c.sent.end_char:
        text = c.doc.text[c.dateline.place_start:c.dateline.place_end]
        mention = next((e for e in c.doc.ents if e._.actor and c.dateline.place_start
                        <= e.start_char < c.dateline.place_end), None)
        c.location = location_of(mention, text) if mention is not None else Location(text, None)


def party_records(c: Candidate) -> bool:
    """One participant record per actor; False when there is none.

    The same actor named twice (a headline and its sentence: "UK Athletics agrees new kit deal
    UK Athletics has agreed ...") is not its own recipient; other mentions of the same country
    are ("Algerian landowners ... Algerian government forces")."""
    c.source_parts = dedupe([participant(e) for e in c.sources])
    starts = {e.start for e in c.sources}
    names = {(str((e._.actor or {}).get("actor_id")), e.text.lower()) for e in c.sources}
    c.recipients = [e for e in c.recipients if e.start not in starts
                    and (str((e._.actor or {}).get("actor_id")), e.text.lower()) not in names]
    c.recipient_parts = dedupe([participant(e) for e in c.recipients])
    c.mediator_parts = dedupe([participant(e) for e in c.mediators])
    return bool(c.source_parts or c.recipient_parts)


def read_modality(c: Candidate) -> None:
    """Modality from the words around the predicate, then CAMEO's reading of plans,
    conditions and refusals (rules.MODALITY_REWRITES)."""
    c.modality, c.refused = modality(c.trigger, c.predicate, c.lex, intent=c.entry.intent)
    if c.agreed_act and c.modality == "asserted":
        c.modality = "planned"      # what was agreed has not happened yet
        return
    if c.refused_complement:
        c.modality = "asserted"     # the refusal or the promise itself is the act
    rules.rewrite_for_modality(c)


def read_date(c: Candidate) -> None:
    """The date of the event's clause; an asserted event dated after the publication, not in
    the past tense, is planned."""
    c.date = event_date(c.doc, c.sent, c.predicate, c.trigger, c.lex.reporting_verbs, c.dateline)
    dct = c.doc._.dct
    if c.modality == "asserted" and c.date["date_source"] == "timex" and dct and c.date["date"] \
            and c.date["date"] > str(dct)[:10] and c.trigger.tag_ not in ("VBD", "VBN"):
        c.modality = "planned"


def read_context(c: Candidate) -> None:
    """On what: the context whose words the sentence holds most of; material conflict in a
    military sentence is "military"."""
    if c.context is not None:
        return
    best, best_count = None, 0
    for name, words in c.lex.contexts.items():
        count = len(c.sentence_lemmas & words)
        if count > best_count:
            best, best_count = name, count
    if best is None and c.quad == 4 and military_sentence(c):
        best = "military"
    c.context = best


def military_sentence(c: Candidate) -> bool:
    if c.sentence_lemmas & c.lex.military_words:
        return True
    return any(str((c.actors[t.i]._.actor or {}).get("code", "") or "").endswith("MIL")
               for t in c.sent if t.i in c.actors)


def score_confidence(c: Candidate) -> None:
    """How sure the coding is: linked doers and targets, a verb trigger; less for hypotheses."""
    src, rec = c.source_parts, c.recipient_parts
    confidence = 0.45
    confidence += 0.2 if any(p["code"] for p in src) else (0.05 if src else 0.0)
    confidence += 0.15 if any(p["code"] for p in rec) else (0.05 if rec else 0.0)
    confidence += 0.1 if c.trigger.pos_ == "VERB" or c.predicate != c.trigger else 0.0
    confidence -= 0.15 if c.modality == "hypothetical" else 0.0
    c.confidence = round(max(0.05, min(0.99, confidence)), 2)


def token_set(mentions: list[Span]) -> set[int]:
    return {t.i for e in mentions for t in e}


def dedupe(parts: list[dict]) -> list[dict]:
    """One participant per actor; unlinked mentions only when no linked one is there."""
    out, keys = [], set()
    linked = any(p["code"] for p in parts)
    for p in parts:
        key = p["code"] or p["text"]
        if key in keys or (linked and not p["code"]):
            continue
        keys.add(key)
        out.append(p)
    return out
