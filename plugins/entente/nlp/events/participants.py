"""Who did it and to whom: an event's actors and recipients, read off the dependency parse.

Sources are the actor mentions in the grammatical subject (the agent of a passive; a subject
inherited through "X agreed to cooperate", "X met Y and signed"; the speaker for "X said it
would ..."). Recipients are the actor mentions in the objects and prepositional phrases of the
predicate ("with", "between", "to", "against", passive subjects). Coordinations and compound
actors ("Hungarian and Romanian officials") give one participant each.
"""
from __future__ import annotations

from collections import deque

from spacy.tokens import Doc, Span, Token

from entente.nlp.events.arguments import (NOUN_POS, example_phrase, passive_participle,
                                          token_lemma)
from entente.nlp.events.discourse import (described_antecedent, names_what_pronoun_can_be,
                                          previous_subject, quoted_speaker)

PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
SUBJ_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
# Branches never searched for recipients.
SKIP_DEPS = {"nsubj", "csubj", "nsubjpass", "csubjpass", "agent", "punct", "advcl", "relcl",
             "parataxis", "mark", "aux", "auxpass", "neg", "cc", "npadvmod", "det", "conj",
             "discourse", "expl", "meta", "dep"}
# Branches never searched for the place of an act with no recipient: also a clause the act
# states or agrees to (rule `stated_place_is_no_target`, find_recipients).
PLACE_SKIP_DEPS = SKIP_DEPS | {"ccomp"}
# Prepositions that give places and times, not recipients ("killed in Baghdad", "met at Baikonur").
LOCATIVE_PREPS = {"in", "at", "near", "during", "inside", "outside", "across", "throughout", "within",
                  "since", "after", "before", "until", "amid", "amidst", "despite", "via", "like",
                  "around", "aboard", "beyond", "among", "amongst", "under", "over", "as", "because",
                  "than", "about", "following", "including"}
# Rule `background_place_is_no_target`: the place an act is done in may stand for its target
# ("arrived in Amman", "aid to refugees in Liberia"), but not a place behind a phrase of time,
# cause or topic ("blamed the deficit on ... conditions after the attacks and operations in
# Iraq", "a dispute over Kashmir"). Not "despite" ("declined to resign despite pressure by the
# commission": whom the refusal answers) nor "as" (the parser hangs "denounced as a crime
# Serbia's suppression of ..." on it).
BACKGROUND_PREPS = frozenset({"since", "after", "before", "until", "during", "amid", "amidst",
                              "following", "because", "than", "like", "over", "about"})
# Rule `report_source_is_no_party`: "according to X" names who reports the act, never a party
# to it ("would contribute 6bn euros to its budget, according to a study by the country's
# planning office"; "According to al-Eryani, the rebels are backed by Iran").
ATTRIBUTION_PREPS = frozenset({"according"})
# Rule `principal_is_no_target`: "on behalf of X", "on X's behalf" names whom the doer acts for,
# not whom the act is done to ("Kushner, on behalf of the White House, helped broker a deal";
# "demand that Turkey stop interfering on Azerbaijan's behalf").
PRINCIPAL_NOUNS = frozenset({"behalf"})
# Rule `topic_phrase_is_no_party`: "in respect of X", "with regard to X", "in relation to X",
# "regarding X" name what an act is about, never a party to it ("In respect of Iraq, we agreed
# that ..."): the nouns of the compound prepositions, and the one-word ones.
TOPIC_PHRASE_NOUNS = frozenset({"respect", "regard", "relation", "reference"})
TOPIC_WORDS = frozenset({"regarding", "concerning"})
# Rule `reason_is_no_target`: "for" and a gerund gives the reason for an act, and whom that
# reason names is no party to it ("agreed to pay a fine for bribing an Indonesian official",
# "jailed a Briton for spying for Israel").
REASON_PREPS = frozenset({"for"})
# Rule `nationality_is_no_place` (names_a_place): entities that name where an act is done.
PLACE_NAME_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Rule `war_name_is_no_party`: a country that names a war ("the Iraq war", "the Vietnam
# conflict") takes part in that war, not in what is said or done about it ("rejected calls for
# advice on the legality of the Iraq war").
NAMED_WARS = frozenset({"war", "conflict"})
# Nouns whose "that" clause names the one asked to act ("its demands that the government grant ...").
DEMANDED_NOUNS = {"demand", "call", "request", "appeal", "plea", "ultimatum", "condition", "insistence"}
# Nouns whose "to" clause is done by the one asked, not by their owner ("China's call for the US
# to lift ...", "an invitation to Turkey to join"): rule `owner_does_what_it_intends` leaves them.
ASKING_NOUNS = DEMANDED_NOUNS | {"invitation", "permission", "order", "instruction", "mandate",
                                 "authorisation", "authorization", "pressure", "encouragement",
                                 "advice", "help", "support", "urging"}
# Verbs of going somewhere: their destination is a place ("returned to Thailand", "flew to Milan").
MOTION_VERBS = {"arrive", "return", "travel", "go", "come", "head", "fly", "sail", "drive", "walk", "leave",
                "depart", "move", "flee", "relocate", "emigrate"}
# Passive forms that state the subject's own stance or act ("is opposed to", "were demobilized",
# "forces were engaged in ...": the subject does it).
STATIVE_PASSIVES = {"oppose", "commit", "determine", "dedicate", "demobilize", "demobilise",
                    "disarm", "engage", "involve"}
# Verbs whose object does what their "to" complement says ("persuaded South Korea to join the
# pact": South Korea joins). Verbs that are triggers themselves ("urged", "pressed") code their
# own event and govern the complement.
OBJECT_CONTROL_VERBS = {"persuade", "convince", "lobby", "induce", "encourage", "tell", "advise",
                        "invite", "get", "cause", "lead", "prompt", "inspire", "enable", "allow",
                        "permit", "force", "compel", "oblige", "pressure", "pressurise", "push"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "i", "you", "them"}
RELATIVE = {"who", "which", "that", "whom"}
# How a relative pronoun stands for the patient: passive subject ("who were detained") or object
# ("whom the US released").
PATIENT_RELATIVE_DEPS = PASSIVE_SUBJ_DEPS | {"dobj"}


def actor_spans(doc: Doc) -> dict[int, Span]:
    """token index -> the actor mention (linked entity, or unlinked PERSON/ORG/GPE/NORP) covering it."""
    out = {}
    for ent in doc.ents:
        if ent._.actor is None and ent.label_ not in PARTICIPANT_LABELS:
            continue
        for t in ent:
            out[t.i] = ent
    return out


# Actor types that never make an event political on their own: a deal between companies or a
# newspaper's criticism is not an interaction between political actors.
NONPOLITICAL_TYPES = {"business", "media"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}


def political_weight(ent: Span, political_heads: frozenset = frozenset(), material: bool = False) -> int:
    """How much a mention makes an event political (precision rules, docs/events.md):
    0 = not a political actor (unlinked names; companies and media, except as parties to material
        conflict (`material`: "a journalist killed", "a company's offices raided"); a club or
        federation named after its country: "UK Athletics", "Athletics Kenya");
    1 = a political actor that may only describe a place or a person's nationality: the place of the
        act ("a meeting in Monaco"), a country word on a person or thing that is no role
        ("Kenyan Bernard Lagat", "Britain's top sprinters", "Russian oil giant"), a demonym standing
        for one person ("the Moroccan");
    2 = a political actor taking part: a government, army, IGO, armed group, leader, or a country
        named as doer or target ("Russia", "the Kremlin", "Chinese troops").
    """
    actor = ent._.actor or {}
    if not actor.get("code"):
        return 0
    if actor.get("actor_type") in NONPOLITICAL_TYPES:
        return 1 if material else 0
    if pair_partner(ent) is not None:
        return 2        # "the India-Pakistan talks": the two sides, not a nationality
    words = [t for t in ent if not t.is_punct]
    country_only = actor.get("actor_type") == "country"
    if country_only and ent.label_ == "ORG" and len(words) >= 2:
        # an organisation missing from the gazetteer, named after its country: a union or party is a
        # political actor of that country, a sports body or firm is not
        return 1 if any(t.lemma_.lower() in political_heads for t in ent) else 0
    if country_only and ent.label_ in ("FAC", "WORK_OF_ART", "PRODUCT", "EVENT"):
        return 0        # "Hotel Rwanda": a building, film or product named after a country
    root = ent.root
    if country_only and ent.label_ == "PERSON" and not root.tag_.endswith("S"):
        return 1        # "Kenyan Bernard Lagat": a person of that country ("Bosnian Serbs" stay a group)
    cur = root
    for _ in range(3):     # "in Karol Bagh, New Delhi", "at a meeting in Norway"
        if cur.dep_ in ("pobj",) and cur.head.dep_ in ("prep", "conj"):
            if cur.head.lower_ in LOCATIVE_PREPS:
                return 1
            if cur.head.lower_ in ("to", "for", "from") and cur.head.head.lemma_.lower() in MOTION_VERBS:
                return 1    # "flew to Milan for talks": the destination of a journey is a place
            break
        if cur.dep_ not in ("appos", "conj", "compound") or cur.head == cur:
            break
        cur = cur.head
    if country_only and root.dep_ in MODIFIER_DEPS | {"npadvmod"} and not (ent.start <= root.head.i < ent.end):
        head = root.head
        if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN") or \
                head.lemma_.lower() not in political_heads:
            return 1    # "Britain's top sprinters", "Canada-based company", "Russian oil giant"
    if ent.label_ == "NORP" and root.tag_ in ("NNP", "NN", "JJ") and root.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos") and not root.text.endswith("s"):
        return 1        # "the Moroccan will not commit himself": one person
    return 2


def participant(ent: Span) -> dict:
    actor = ent._.actor or {}
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char,
            "actor_id": actor.get("actor_id"), "code": actor.get("code"),
            "country": actor.get("country_code")}


def _collect(root: Token, actors: dict[int, Span], skip_deps=frozenset(), skip: set[int] = frozenset(),
             locative: bool = True, include_root: bool = True,
             skip_preps: frozenset = frozenset()) -> list[tuple[int, Span]]:
    """Breadth-first walk under `root`: (depth, mention) for each actor mention found; not into
    locative phrases (`locative`) nor phrases of the prepositions `skip_preps`, but into a group
    noun's examples ("allies such as Germany": rule `examples_stand_for_group`, arguments.py).

    Conjuncts cost no depth ("Russia and the United States" are at the same depth)."""
    found, seen_ents = [], set()
    queue = deque([(root, 0)])
    seen = {root.i}
    while queue:
        tok, depth = queue.popleft()
        if tok.i in skip:
            continue
        if tok.i in actors and (include_root or tok != root):
            ent = actors[tok.i]
            if ent.start not in seen_ents:
                seen_ents.add(ent.start)
                found.append((depth, ent))
        for c in tok.children:
            if c.i in seen or c.i in skip:
                continue
            if c.dep_ in skip_deps and not (c.dep_ == "conj" and tok != root):
                continue
            if c.dep_ == "prep" and ((locative and c.lower_ in LOCATIVE_PREPS)
                                     or c.lower_ in skip_preps) and not example_phrase(c):
                continue
            if (c.lower_ in ATTRIBUTION_PREPS or _names_a_principal(c) or _gives_a_reason(c)
                    or _names_a_topic(c)):
                continue
            if c.dep_ == "compound" and tok != root and tok.lemma_.lower() in NAMED_WARS:
                continue
            seen.add(c.i)
            queue.append((c, depth if c.dep_ in ("conj", "appos", "cc") else depth + 1))
    return found


def _gives_a_reason(prep: Token) -> bool:
    """A "for" + gerund phrase (rule `reason_is_no_target`)."""
    return prep.dep_ == "prep" and prep.lower_ in REASON_PREPS and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)


def _names_a_principal(prep: Token) -> bool:
    """An "on behalf of" / "on X's behalf" phrase (rule `principal_is_no_target`)."""
    return prep.dep_ == "prep" and prep.lower_ == "on" and any(
        g.dep_ == "pobj" and g.lower_ in PRINCIPAL_NOUNS for g in prep.children)


def _names_a_topic(prep: Token) -> bool:
    """A phrase of what the act is about: "regarding X", or "in respect of", "with regard to",
    "in relation to", "with reference to" X (rule `topic_phrase_is_no_party`)."""
    if prep.dep_ != "prep":
        return False
    return prep.lower_ in TOPIC_WORDS or any(
        g.dep_ == "pobj" and g.lower_ in TOPIC_PHRASE_NOUNS
        and any(p.dep_ == "prep" and p.lower_ in ("of", "to") for p in g.children)
        for g in prep.children)


def _closest(found: list[tuple[int, Span]], slack: int = 1) -> list[Span]:
    """The mentions nearest the head; linked mentions win over unlinked ones
    ("British Defence Secretary Tom King" -> the British government, not the unlinked name)."""
    if not found:
        return []
    linked = [(d, e) for d, e in found if e._.actor is not None]
    pool = linked or found
    best = min(d for d, _ in pool)
    return [e for d, e in pool if d <= best + slack]


def _subject(pred: Token, actors: dict[int, Span] | None = None) -> Token | None:
    """The predicate's subject; with `actors`, the first subject that holds an actor mention
    (a wire dateline the parser made a second subject — "MOSCOW, July 15 (Reuters) - Russia
    and China signed" — is no longer an actor, so Russia's subject wins)."""
    subjects = [c for c in pred.children if c.dep_ in SUBJ_DEPS]
    if actors is not None:
        holding = [c for c in subjects if any(t.i in actors for t in c.subtree)]
        subjects = holding or subjects
    return subjects[0] if subjects else None


def passive_subject(pred: Token, actors: dict[int, Span] | None = None) -> Token | None:
    """The predicate's passive subject; with `actors`, the first that holds an actor mention
    (the parser may make a noun before the clause a second one: "Trouble flared after nine
    French peacekeepers were killed")."""
    subjects = [c for c in pred.children if c.dep_ in PASSIVE_SUBJ_DEPS]
    if actors is not None:
        holding = [c for c in subjects if any(t.i in actors for t in c.subtree)]
        subjects = holding or subjects
    return subjects[0] if subjects else None


def participle_patient(pred: Token) -> Token | None:
    """Rule `participle_names_its_patient`: the noun a passive participle or a passive relative
    clause modifies is the one the act was done to ("an Iraqi civilian allegedly killed by UK
    troops", "the diplomats expelled by Russia", "activists who were detained by police"), and
    so is the noun of a relative clause whose pronoun is the object ("the four Britons, whom
    the US released"); a thing the act is done with (the lexicon entry's objects:
    find_recipients' `things`) is not, when its country is the doer's ("the Chinese tariffs
    imposed by Beijing")."""
    if pred.head == pred or pred.head.pos_ not in NOUN_POS:
        return None
    if pred.lemma_.lower() in STATIVE_PASSIVES:
        return None     # "the US, which is opposed to ...": the noun takes the stance
    if passive_participle(pred):
        return pred.head
    if pred.dep_ == "relcl" and any(c.dep_ in PATIENT_RELATIVE_DEPS and c.lower_ in RELATIVE
                                    for c in pred.children):
        return pred.head
    return None


def country_of(mention: Span) -> str | None:
    """The country code of a mention's actor, if linked."""
    return (mention._.actor or {}).get("country_code")


def names_the_patient(mention: Span, noun: Token) -> bool:
    """The mention names the patient: the patient is a name ("Northern Cyprus, which is
    recognised ...", "Hong Kong Chief Executive Carrie Lam, who is supported by ...") or the
    mention is its nationality ("an *Iraqi* civilian killed ..."); a country before a thing is
    its owner, not the one the act was done to ("*The US* ban ... imposed by President
    Reagan")."""
    if noun.ent_type_:
        return True     # a named patient's whole name ("Hong Kong Chief Executive Carrie Lam")
    return mention.label_ == "NORP"


def head_mentions(noun: Token, clause: Token, actors: dict[int, Span]) -> list[Span]:
    """The mentions of the noun phrase a participle or relative clause modifies, not those in
    the clause itself."""
    return mentions_in(noun, actors, skip={t.i for t in clause.subtree})


def _agent(pred: Token) -> Token | None:
    for c in pred.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def mentions_in(tok: Token, actors: dict[int, Span], skip: set[int] = frozenset()) -> list[Span]:
    """Mentions in a noun phrase; its place stands for it when nothing else does
    ("Police in Belarus", "Demonstrators in Baghdad")."""
    deps = {"relcl", "punct", "advcl", "parataxis"}
    found = _collect(tok, actors, skip_deps=deps, skip=skip, locative=True)
    if not found:
        found = _collect(tok, actors, skip_deps=deps, skip=skip, locative=False)
    return with_pair_partners(_closest(found))


def _resolve_pronoun(pred: Token, actors: dict[int, Span], pronoun: Token) -> list[Span]:
    """'X said it would ...', 'X, which signed ...': the mention the pronoun stands for. Rule
    `where_clause_is_no_antecedent`: the place or occasion a "where", "when" or "in which"
    clause hangs from is not the clause's pronoun; it looks further up ("ministers are meeting in
    Brussels, where they are to discuss ...": they are the ministers, not Brussels). A subject
    the pronoun cannot stand for is passed over (discourse.names_what_pronoun_can_be)."""
    cur = pred
    for _ in range(5):
        if cur.dep_ == "relcl" and not setting_clause(cur):
            return mentions_in(cur.head, actors)
        if cur.head == cur:
            return []
        cur = cur.head
        subj = _subject(cur)
        if subj is not None and subj.lower_ not in PRONOUNS \
                and names_what_pronoun_can_be(pronoun, subj):
            return mentions_in(subj, actors)
    return []


def setting_clause(clause: Token) -> bool:
    """A relative clause of place, time or occasion: "where", "when", "in which", "at which"."""
    return any((c.dep_ == "advmod" and c.lower_ in ("where", "when", "whereby"))
               or (c.dep_ == "prep" and any(g.lower_ in ("which", "whom") for g in c.children))
               for c in clause.children)


def speaker_mentions(pronoun: Token, actors: dict[int, Span]) -> list[Span]:
    """The mentions of the speaker a quoted "I", "we", "my" or "our" stands for (rule
    `speaker_of_the_quotation`, discourse.quoted_speaker): read like any subject, so a relative
    clause on the speaker is not the speaker ('said Candela, who will travel to England')."""
    speaker = quoted_speaker(pronoun, actors)
    return mentions_in(speaker, actors) if speaker is not None else []


def _antecedent(tok: Token, actors: dict[int, Span]) -> list[Span]:
    """'X said their forces had completed their withdrawal': the nearest subject above `tok`
    that names an actor — not the phrase `tok` is in (rule `possessor_is_no_part_of_its_noun`:
    in '"Our work with the French government has been successful," said Mr Blunkett', "our" is
    the speaker's, not France)."""
    cur = tok
    for _ in range(6):
        if cur.head == cur:
            return []
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            subj = _subject(cur)
            if subj is not None and subj.lower_ not in PRONOUNS and not (
                    subj.left_edge.i <= tok.i <= subj.right_edge.i):
                found = mentions_in(subj, actors)
                if found:
                    return found
    return []


def find_sources(pred: Token, actors: dict[int, Span]) -> tuple[list[Span], Token | None]:
    """Actor mentions that did the act, and the subject token they came from."""
    cur = pred
    via_conj = False
    for _ in range(5):
        if via_conj and _subject(cur) is None and passive_subject(cur) is not None:
            # "X has been indicted ... and will resign": the shared subject, not the agent
            subj = passive_subject(cur)
            return mentions_in(subj, actors), subj
        agent = _agent(cur)
        if agent is not None:
            return mentions_in(agent, actors), agent
        subj = _subject(cur, actors)
        if subj is not None:
            return _subject_sources(cur, subj, actors), subj
        if passive_subject(cur) is not None:
            return [], None
        if passive_participle(cur):
            return [], None     # a passive participle's doer is its agent, if it names one
        controller = object_controller(cur)
        if controller is not None:
            return mentions_in(controller, actors) or described_antecedent(controller, actors), controller
        # subjectless: inherit through "X agreed to cooperate", "X met Y and signed", "X, seeking ..."
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and cur.head != cur:
            if cur.dep_ == "acl" and cur.head.pos_ not in ("VERB", "AUX"):
                owner = owner_of_intent(cur, actors)
                if owner:
                    return owner
                # "intentions to deploy": the noun's own verb
                nxt = cur.head
                if nxt.dep_ in ("dobj", "pobj", "attr") and nxt.head.pos_ in ("VERB", "AUX"):
                    cur = nxt.head
                    continue
                return [], None
            via_conj = cur.dep_ == "conj"
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                # pcomp under a preposition: climb to the verb
                while cur.pos_ not in ("VERB", "AUX") and cur.head != cur:
                    cur = cur.head
            continue
        break
    return [], None


def _subject_sources(pred: Token, subj: Token, actors: dict[int, Span]) -> list[Span]:
    """The mentions a subject names or stands for: a pronoun's speaker or antecedent, the
    names in a noun phrase, a possessive pronoun's ("X said their forces had withdrawn"), or
    the body a description names again."""
    if subj.lower_ in PRONOUNS or (subj.lower_ in RELATIVE and pred.dep_ == "relcl"):
        return (speaker_mentions(subj, actors) or _resolve_pronoun(pred, actors, subj)
                or previous_subject(subj, actors))
    found = mentions_in(subj, actors)
    possessor = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in PRONOUNS),
                     None)
    if not found and possessor is not None:
        found = speaker_mentions(possessor, actors) or _antecedent(pred, actors)
    return found or described_antecedent(subj, actors)


def owner_of_intent(clause: Token, actors: dict[int, Span]) -> tuple[list[Span], Token] | None:
    """Rule `owner_does_what_it_intends`: the one whose decision, plan, bid or refusal a noun
    is — its possessor or its "by" phrase — does the act of the noun's "to" clause ("Japan's
    decision to impose tariffs on South Korea", "the decision by Russia to expel ...", "Iran's
    bid to join the WTO"). Not for a noun that asks another to act ("China's call for the US
    to lift ...", "the EU's invitation to Turkey to join": the asked one acts). (mentions, the
    token they came from), or None."""
    noun = clause.head
    if noun.lemma_.lower() in ASKING_NOUNS or not to_infinitive_clause(clause):
        return None
    for c in noun.children:
        for owner in named_owners(c):
            if found := mentions_in(owner, actors):
                return found, owner
    return None


def named_owners(child: Token) -> list[Token]:
    """What a noun's child names as its owner: a possessor that is no pronoun ("Japan's
    decision"), the object of a "by" phrase ("the decision by Russia")."""
    if child.dep_ == "poss":
        return [child] if child.lower_ not in PRONOUNS else []
    if child.dep_ == "prep" and child.lower_ == "by":
        return [g for g in child.children if g.dep_ == "pobj"]
    return []


def to_infinitive_clause(clause: Token) -> bool:
    """The clause is a "to" + verb complement ("decision *to impose*")."""
    return clause.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def participle_agents(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """Rule `participle_agent_did_the_noun`: the agent of a passive participle on an event
    noun did the act ("the sanctions imposed by the European Union", "the treaty signed by
    Russia and China")."""
    found = []
    for c in noun.children:
        if passive_participle(c) and (agent := _agent(c)) is not None:
            found.extend(mentions_in(agent, actors))
    return found


def object_controller(clause: Token) -> Token | None:
    """Rule `object_does_the_complement`: the object of a verb of persuading or making does the
    act of its "to" complement, not its subject ("Japan persuaded South Korea to join the pact",
    "China lobbied African states to back its candidate")."""
    head = clause.head
    if clause.dep_ != "xcomp" or head == clause or token_lemma(head) not in OBJECT_CONTROL_VERBS:
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def noun_own_sources(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """'Russia's invasion', 'Russian-American talks', 'the attack by X', 'the treaty signed by
    X' (participle_agents)."""
    found = participle_agents(noun, actors)
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in actors:
            found.append(actors[c.i])
        elif c.dep_ == "poss" and c.lower_ in PRONOUNS:
            found.extend(speaker_mentions(c, actors) or _antecedent(noun, actors))
        else:
            for owner in named_owners(c):
                found.extend(mentions_in(owner, actors))
    return found


def find_recipients(trigger: Token, pred: Token, actors: dict[int, Span], exclude: set[int],
                    things: frozenset = frozenset()) -> list[Span]:
    """Actor mentions in the objects of the predicate and of the trigger (if a noun under a light
    verb); `things`: the lemmas of what the act is done with (the lexicon entry's objects)."""
    found = [(0, e) for e in addressed_subjects(trigger, pred, actors, exclude)]
    passive = passive_subject(pred, actors)
    if passive is not None and _subject(pred) is None and not any(
            t.i in exclude for t in passive.subtree):
        found.extend((0, e) for e in mentions_in(passive, actors))
    found.extend((0, e) for e in patient_mentions(pred, actors, exclude, things))
    roots = [pred] if trigger == pred else [pred, trigger]
    content = stated_content(roots)
    for root in roots:
        found.extend(_collect(root, actors, skip_deps=SKIP_DEPS, skip=exclude | content,
                              include_root=root == trigger and root != pred))
    if not found:
        found = [(0, e) for e in described_objects(roots, actors, exclude)]
    if not found:
        # no object or partner: the place of the act is its target ("arrived in Amman",
        # "set up a centre in Tokyo", "aid to refugees in Liberia") — its own place, not that of
        # a clause it states or agrees to (rule `stated_place_is_no_target`: "we agreed that in
        # Afghanistan there is cause for optimism")
        for root in roots:
            found.extend(_collect(root, actors, skip_deps=PLACE_SKIP_DEPS, skip=exclude | content,
                                  locative=False,
                                  include_root=root == trigger and root != pred,
                                  skip_preps=BACKGROUND_PREPS))
        found = [(d, e) for d, e in found if names_a_place(e)]
    return with_pair_partners(_closest(found, slack=0))


def stated_content(roots: list[Token]) -> set[int]:
    """Rule `stated_content_is_no_target`: what an act states — a complement clause of its verb
    or a "that" clause on its object ("raised concerns that such a move could cost German jobs",
    "warned that sanctions would hurt Iran's economy") — says what is said, not to whom; its
    tokens are not searched for recipients. The subject of such a clause may be the one asked
    to act (addressed_subjects reads it: "demanded that the US cancel ...")."""
    out: set[int] = set()
    for root in roots:
        for c in root.children:
            if c.dep_ == "ccomp":
                out.update(t.i for t in c.subtree)
            elif c.dep_ in ("dobj", "attr"):
                for clause in c.children:
                    if clause.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that"
                                                    for m in clause.children):
                        out.update(t.i for t in clause.subtree)
    return out


def names_a_place(mention: Span) -> bool:
    """Rule `nationality_is_no_place`: the place an act is done in may stand for its target
    when a name says where — a country, capital, city or region (the linker gives it a place),
    a GPE or LOC entity, a building or airport ("the airstrike at Baghdad International
    Airport") — not a nationality on a noun ("in a Swiss chess tournament at Basel, the Iranian
    grandmaster refused to play" is no refusal of Switzerland)."""
    return mention.label_ in PLACE_NAME_LABELS or bool((mention._.actor or {}).get("place"))


def addressed_subjects(trigger: Token, pred: Token, actors: dict[int, Span],
                       exclude: set[int]) -> list[Span]:
    """The addressee as the subject of a complement clause: "demanded that the US cancel ...",
    "said Libya must hand over ...", a "for X to" clause ("pushed for the US to support ..."),
    a "that" clause on the demanded thing ("insisted on its demands that the government
    grant ...")."""
    clauses = [c for c in pred.children if c.dep_ == "ccomp"]
    if trigger != pred and trigger.dep_ == "ccomp" and trigger.head == pred and trigger not in clauses:
        clauses.append(trigger)
    for h in {pred, trigger}:
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                clauses.append(c)
            nouns = [c] if c.dep_ in ("dobj", "attr") else \
                [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
            for n in nouns:
                if n.lemma_.lower() not in DEMANDED_NOUNS:
                    continue
                clauses.extend(a for a in n.children if a.dep_ == "acl"
                               and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children))
    found = []
    for c in clauses:
        subj = _subject(c) or passive_subject(c)
        if subj is not None and subj.lower_ not in PRONOUNS and not any(t.i in exclude for t in subj.subtree):
            found.extend(mentions_in(subj, actors))
    return found


def patient_mentions(pred: Token, actors: dict[int, Span], exclude: set[int],
                     things: frozenset) -> list[Span]:
    """The patient of a participle or passive relative clause (participle_patient), named or by
    nationality; what the act is done with belongs to its doer ("the Chinese tariffs imposed by
    Beijing")."""
    patient = participle_patient(pred)
    if patient is None:
        return []
    owners = {country_of(actors[i]) for i in exclude if i in actors} \
        if patient.lemma_.lower() in things else set()
    return [e for e in head_mentions(patient, pred, actors)
            if not any(t.i in exclude for t in e) and names_the_patient(e, patient)
            and country_of(e) not in owners]


OBJECT_PREPS = {"to", "with", "against", "on"}


def described_objects(roots: list[Token], actors: dict[int, Span], exclude: set[int]) -> list[Span]:
    """An object with no name of its own that stands for a body named before ("urged the
    embassy to reconsider", "wrote to the ministry"; discourse.described_antecedent), unless
    that is a source of the event."""
    nouns = []
    for root in roots:
        for c in root.children:
            if c.dep_ in ("dobj", "dative"):
                nouns.append(c)
            elif c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
                nouns.extend(g for g in c.children if g.dep_ == "pobj")
    out = []
    for noun in nouns:
        out.extend(m for m in described_antecedent(noun, actors)
                   if not any(t.i in exclude for t in m))
    return out


# The prepositions that name the sides of an act ("talks between X and Y", "among X, Y and Z").
PARTY_PREPS = frozenset({"between", "among", "amongst"})


def between_pairs(tok: Token, actors: dict[int, Span]) -> list[Span]:
    """Mentions under 'between X and Y' / 'among X, Y and Z' attached to `tok`; "between the two
    countries" names the two the text has just named (discourse rule `the_two_countries`)."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in PARTY_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    found = [e for _, e in _collect(g, actors, skip_deps={"relcl", "punct"},
                                                    locative=True)]
                    out.extend(found or (described_antecedent(g, actors)
                                         if g.tag_ == "NNS" else []))
    return out


# What joins the two sides of a pair before a noun ("India-Pakistan talks", "Libya–Turkey").
PAIR_DASHES = {"-", "–"}


def pair_partner(ent: Span) -> Span | None:
    """Rule `pair_compound_names_both_sides`: two actors joined by a hyphen or a dash before a
    noun are its two sides ("the India-Pakistan talks", "the US-China trade deal", "the
    Egypt–Israel peace treaty"): the other actor of the pair, or None. The pair is written
    without spaces and its second actor modifies a noun; the parser hangs the first on the
    second, on the noun or elsewhere, so the pair is read off the words."""
    doc = ent.doc
    after = _entity_at(doc, ent.end + 1) if _dash_at(doc, ent.end) else None
    if after is not None and _pair_before_noun(ent, after):
        return after
    before = _entity_at(doc, ent.start - 2) if _dash_at(doc, ent.start - 1) else None
    if before is not None and _pair_before_noun(before, ent):
        return before
    return None


# Words a name is hyphened to when it only describes a kind ("a Madrid-style bombing").
LIKENESS_WORDS = {"style", "like", "type", "era", "esque", "inspired"}


def names_a_likeness(ent: Span) -> bool:
    """Rule `likeness_is_no_party`: a name joined by a hyphen to "style", "like", "type" or
    "era" says what something resembles or when it was, not who takes part ("warned that a
    Madrid-style bombing could happen in the UK", "calling the investigation 'Soviet-style'",
    "a Blair-era policy")."""
    doc = ent.doc
    return (_dash_at(doc, ent.end) and ent.end + 1 < len(doc)
            and doc[ent.end + 1].lower_ in LIKENESS_WORDS and not doc[ent.end - 1].whitespace_)


# Prefixes that make a name say whom a stance favours or what something is not ("pro-Israel",
# "non-EU").
LEANING_PREFIXES = {"pro", "non"}


def names_a_leaning(ent: Span) -> bool:
    """Rule `leaning_is_no_party`: a name after "pro-" or "non-" says whom a stance favours or
    what something is not, not who takes part ("opposed Senator Kennedy's pro-Israel position",
    "pro-Russian rebels attacked Ukrainian troops": no Russian rebels, "non-EU exports")."""
    doc, i = ent.doc, ent.start
    return (i >= 2 and _dash_at(doc, i - 1) and doc[i - 2].lower_ in LEANING_PREFIXES
            and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_)


def _dash_at(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].text in PAIR_DASHES


def _entity_at(doc: Doc, i: int) -> Span | None:
    return next((e for e in doc.ents if e.start == i), None) if 0 <= i < len(doc) else None


def _pair_before_noun(first: Span, second: Span) -> bool:
    doc, root = first.doc, second.root
    return (first._.actor is not None and second._.actor is not None
            and not doc[first.end - 1].whitespace_ and not doc[first.end].whitespace_
            and root.dep_ in MODIFIER_DEPS and root.head.pos_ == "NOUN"
            and not second.start <= root.head.i < second.end)


def with_pair_partners(mentions: list[Span]) -> list[Span]:
    """The mentions and the other side of each pair among them ("criticised the
    Turkish-Libyan agreement": both)."""
    out = list(mentions)
    for e in mentions:
        partner = pair_partner(e)
        if partner is not None and all(o.start != partner.start for o in out):
            out.append(partner)
    return out


def pair_compound(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """The two sides of a pair compound on `noun` ("the India-Pakistan talks": India, Pakistan;
    rule `pair_compound_names_both_sides`), or none."""
    for c in noun.children:
        if c.dep_ in MODIFIER_DEPS and c.i in actors:
            partner = pair_partner(actors[c.i])
            if partner is not None:
                return sorted([partner, actors[c.i]], key=lambda e: e.start)
    return []


CONDITION_MARKS = {"if", "unless"}
PURPOSE_LEMMAS = {"protest", "demand", "press", "denounce", "condemn", "oppose", "show", "express",
                  "urge", "force", "pressure", "support",
                  # the one a mission serves: "sent troops to help Iraq", "to train Afghan police"
                  "help", "assist", "aid", "defend", "protect", "train"}
# Verbs whose beneficiary may be the subject of a bare-infinitive complement ("help Samoa fight").
ENABLING_LEMMAS = {"help", "assist", "enable"}


def helped_party(verb: Token, actors: dict[int, Span], exclude: set[int]) -> list[Span]:
    """"help Samoa fight the outbreak": the parser makes the one helped the subject of the
    complement; for a verb of helping, that subject is its recipient."""
    if verb.lemma_.lower() not in ENABLING_LEMMAS:
        return []
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp"):
            subj = _subject(comp)
            if subj is not None and subj.lower_ not in PRONOUNS:
                return [e for e in mentions_in(subj, actors, skip=exclude) if e.start not in exclude]
    return []


def clause_recipients(pred: Token, trigger: Token, actors: dict[int, Span], exclude: set[int]) -> list[Span]:
    """Recipients outside the predicate's own objects, for acts that name none there:
    the subject of a condition ("threatened to strike unless Israel rescinded ..."), the objects of
    a purpose clause ("began a hunger strike to protest President X's failure", "blocked roads to
    demand reforms from the government") or of "in protest at/against"."""
    found: list[Span] = []
    heads = [pred] if trigger == pred else [pred, trigger]
    # complements of complements: "threatened to stop talks if ...", "refused to allow ..."
    for h in list(heads):
        heads.extend(c for c in h.children if c.dep_ == "xcomp")
    for h in heads:
        for c in h.children:
            if c.dep_ != "advcl":
                continue
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if marks & CONDITION_MARKS:
                subj = _subject(c) or passive_subject(c)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    found.extend(e for e in mentions_in(subj, actors, skip=exclude)
                                 if e.start not in exclude)
            elif c.lemma_.lower() in PURPOSE_LEMMAS and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                found.extend(find_recipients(c, c, actors, exclude) or helped_party(c, actors, exclude))
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in ("protest", "defiance", "opposition", "response"):
                        for gg in g.children:
                            if gg.dep_ == "prep" and gg.lower_ in ("at", "against", "of", "to", "over"):
                                found.extend(e for d, e in _collect(gg, actors, skip_deps=SKIP_DEPS, skip=exclude))
            if c.dep_ == "prep" and c.lower_ in ("against",):
                found.extend(e for d, e in _collect(c, actors, skip_deps=SKIP_DEPS, skip=exclude))
    out, seen = [], set()
    for e in found:
        if e.start not in seen and not any(t.i in exclude for t in e):
            seen.add(e.start)
            out.append(e)
    return out
