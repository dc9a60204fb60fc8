"""Phase 1 of event coding: the triggers of a sentence and which of them govern others.

A trigger is a token matching a lexicon entry (lexicon.py); its *predicate* is the verb that
carries it — itself for a verb, the light verb or verb of saying for an event noun ("held
*talks*", "announced an *agreement*"), the verb whose purpose it is ("returned to Geneva for
*talks*"). A trigger governed by another ("agreed to *cooperate*", "refused to *meet*") is that
trigger's complement, not an event of its own.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from entente.nlp.events.arguments import passive_participle
from entente.nlp.events.lexicon import CURATED, NOUN_POS, Entry, Lexicon, governing_verb, token_lemma
from entente.nlp.events.mediation import brokered_act, helps_to_broker

BREAK_DEPS = {"conj", "relcl", "parataxis"}
NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "compound", "amod", "attr", "appos"}
# Token entity types that are never triggers ("on 5-6 March", "the Battle of Britain", "Peace Treaty").
NON_TRIGGER_ENTS = {"DATE", "TIME", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "MONEY", "QUANTITY",
                    "CARDINAL", "ORDINAL", "PERCENT"}
SAY_NOUNS = {"reminder", "statement", "warning", "declaration", "message", "letter", "note",
             "insistence"}
# Prepositions of time and circumstance: an event noun behind them is background to the verb that
# governs it ("held a news conference *after* the talks", "reported ... *despite* hours of
# negotiations"), never carried by it.
UNCARRIED_PREPS = {"despite", "during", "after", "before", "following", "since", "amid", "amidst",
                   "because", "like", "than", "until"}
# The conjunctions of a clause that states a fact beside the act (rule
# `adverbial_clause_is_its_own_act`), not a condition or a time still to come; the parser
# makes "when" and "once" adverbs.
FACT_MARKS = {"after", "as", "when", "while", "because", "since", "once"}
MUST_DEMAND = Entry(lemmas=("must",), type="DEMAND", cameo="100", intensity=-5.0)

Triggers = dict[int, tuple[Entry, Token]]     # trigger token index → (entry, predicate)


def find_triggers(lex: Lexicon, sent: Span, actors: dict[int, Span]) -> Triggers:
    """token index → (entry, predicate): the verb that carries the event."""
    triggers: Triggers = {}
    for tok in sent:
        if _never_a_trigger(tok, actors):
            continue
        entry = lex.match(tok, set(actors))
        if entry is not None:
            triggers[tok.i] = (entry, tok)
    triggers.update(reported_demands(lex, sent, actors))
    for i, (entry, pred) in list(triggers.items()):
        tok = sent.doc[i]
        if tok.pos_ in NOUN_POS and pred == tok:
            carrier = noun_carrier(lex, tok, triggers)
            if carrier is not None:
                triggers[i] = (entry, carrier)
    return triggers


def _never_a_trigger(tok: Token, actors: dict[int, Span]) -> bool:
    if tok.i in actors or tok.ent_type_ in NON_TRIGGER_ENTS or helps_to_broker(tok):
        return True
    if tok.pos_ == "VERB" and tok.dep_ in NOMINAL_DEPS:
        return True    # "the wounded", "seized weapons": a participle used as a noun or adjective
    # "war games", "aid groups", "protest leaders": modifiers, not acts
    return tok.pos_ in NOUN_POS and tok.dep_ in ("compound", "amod", "poss")


def reported_demands(lex: Lexicon, sent: Span, actors: dict[int, Span]) -> Triggers:
    """"X said Y must withdraw", "a reminder to Iraq that it must cooperate": a demand by the
    speaker, whatever the demanded act (the clause's verb → (DEMAND, the speaker's verb)); not
    an inference (`obliges`)."""
    demands: Triggers = {}
    for tok in sent:
        if _never_a_trigger(tok, actors):
            continue
        saying = tok.lemma_ in lex.reporting_verbs or (tok.pos_ in NOUN_POS
                                                       and tok.lemma_ in SAY_NOUNS)
        if not saying:
            continue
        speaker_verb = tok if tok.pos_ not in NOUN_POS else governing_verb(tok)
        for c in tok.children:
            if speaker_verb is not None and c.dep_ in ("ccomp", "acl") and obliges(c):
                demands[c.i] = (MUST_DEMAND, speaker_verb)
    return demands


def obliges(clause: Token) -> bool:
    """"must" in the clause, as an obligation: not rule `inference_is_no_demand`, "must" with
    a perfect, which infers what has been ("there must have been 20 instances like this",
    "they must have known")."""
    aux = {a.lower_ for a in clause.children if a.dep_ == "aux"}
    return "must" in aux and "have" not in aux


def noun_carrier(lex: Lexicon, tok: Token, triggers: Triggers) -> Token | None:
    """The verb that carries an event noun: a light verb or a verb of saying ("held talks",
    "announced an agreement"), or a verb of going whose purpose it is ("returned to Geneva for
    talks", "was put under investigation"); None when it stands alone."""
    gov = governing_verb(tok)
    if gov is not None and gov.i not in triggers:
        preps = path_preps(tok, gov)
        if any(p.lower_ in UNCARRIED_PREPS for p in preps):
            gov = None   # "... despite hours of negotiations": background, not carried
        elif token_lemma(gov) in lex.reporting_verbs and any(p.lower_ != "of" for p in preps):
            gov = None   # a verb of saying carries only its object ("announced an agreement")
        if gov is not None and (token_lemma(gov) in lex.light_verbs
                                or token_lemma(gov) in lex.reporting_verbs):
            return gov
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") \
            and token_lemma(head.head) in lex.carrier_preps.get(head.lower_, ()) \
            and head.head.i not in triggers and not passive_journey(head.head, head):
        return head.head
    return None


def passive_journey(verb: Token, prep: Token) -> bool:
    """A journey verb in the passive is no journey: "questions were left for later negotiations"."""
    return prep.lower_ == "for" and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def path_preps(tok: Token, gov: Token) -> list[Token]:
    """The prepositions between an event noun and the verb that carries it."""
    out, cur = [], tok
    for _ in range(8):
        if cur == gov or cur.head == cur:
            break
        cur = cur.head
        if cur.dep_ in ("prep", "agent") and cur != gov:
            out.append(cur)
    return out


def dominator(i: int, triggers: Triggers, doc: Doc) -> int | None:
    """The trigger that governs trigger i ("agreed to *cooperate*"), if any. A trigger only
    CAMEO's patterns read does not govern one of our curated triggers: a dyadic pattern may
    yet find no second party (rules.one_sided_pattern), and our trigger keeps its own event
    ("opened the bridge to *allow* aid")."""
    entry, pred = triggers[i]
    if modifies_a_participant(pred, triggers) or brokered_act(doc[i]):
        return None
    own = {i, pred.i}
    cur = doc[i]
    for _ in range(12):
        if cur.head == cur or (cur.dep_ in BREAK_DEPS and (cur.i not in own or cur.i == pred.i)):
            return None
        if own_clause(cur):
            return None
        cur = cur.head
        if cur.i not in own:
            if cur.i in triggers:
                return cur.i if governs(triggers[cur.i][0], entry) else None
            for j, (other, p) in triggers.items():
                if j != i and p.i == cur.i and p.i != doc[j].i and j not in own:
                    # cur is the light verb of another event noun: that noun's event governs
                    return j if governs(other, entry) else None
    return None


def own_clause(tok: Token) -> bool:
    """Rule `adverbial_clause_is_its_own_act`: a clause of time or cause with a subject of its
    own states an act of its own, not a complement of the act it is attached to ("the SDF
    entered into an agreement with Damascus *after Turkey began an offensive into Syria*",
    "*when they blew themselves up in Tel Aviv*"). Not a condition ("threatened to strike
    *unless Israel rescinded* ...", "must agree *before they demobilize*"): that is part of the
    threat or demand; nor a clause without a subject ("agreed ... to ease tensions")."""
    return tok.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in FACT_MARKS for c in tok.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def modifies_a_participant(pred: Token, triggers: Triggers) -> bool:
    """Rule `participle_is_its_own_act`: a passive participle on a noun that is no event is an
    act of its own, not part of the clause's ("The Iraqi government, *backed* by the United
    States, rejected the plan"); on an event noun it stays the noun's ("talks *hosted* by
    Egypt"). Not an active one ("a message on Twitter *blaming* Iran": the parser often hangs
    it on the wrong noun)."""
    return passive_participle(pred) and pred.head.i not in triggers


def governs(governor: Entry, governed: Entry) -> bool:
    return governor.origin == CURATED or governor.curated_reading or governed.origin != CURATED


def dominated_by(triggers: Triggers, doc: Doc) -> dict[int, int]:
    """trigger index → the trigger that governs it (for the governed ones only)."""
    dominated = {}
    for i in triggers:
        governor = dominator(i, triggers, doc)
        if governor is not None:
            dominated[i] = governor
    return dominated
