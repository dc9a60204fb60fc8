"""The named rules of event coding: category rewrites and vetoes.

Every rule covers a class of cases, has a name and a docstring, and is tested with a table of
sentences (tests/nlp/test_event_rules.py). A *veto* is a predicate on a `Candidate`: True means
the trigger's sense here is not an event between political actors, and nothing is coded. A
*rewrite* changes the category the way CAMEO codes the case (plans, conditions, refusals,
military means, joint exercises).
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc, Span, Token

from entente.nlp.actors.linker import elided_head
from entente.nlp.events.arguments import direct_objects, entity_of, modified_nouns
from entente.nlp.events.candidate import Candidate
from entente.nlp.events.lexicon import CURATED, subject_lemmas, token_lemma
from entente.nlp.events.participants import country_of, mentions_in, political_weight
from entente.nlp.syntax.inflection import trigger_candidates

STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


# ------------------------------------------------------------------ vetoes

def accident_without_doer(c: Candidate) -> bool:
    """Deaths in a crash, a flood, an epidemic are nobody's act: material conflict in a sentence
    about an accident, with no named doer or with the accident as the subject, is not coded."""
    lex = c.lex
    return c.quad == 4 and bool(c.sentence_lemmas & lex.accident_words) and (
        not c.source_parts or bool(subject_lemmas(c.predicate) & lex.accident_words))


def no_political_actor(c: Candidate) -> bool:
    """An event needs a political actor among its participants: unlinked names, companies and
    media (except as parties to material conflict) and clubs named after a country are not."""
    return political_weight_of(c) == 0


def everyday_sense(c: Candidate) -> bool:
    """A trigger with an everyday or sport sense ("meeting", "battle", "deal", "help") needs a
    political actor taking part as doer or target, not only as the place or a nationality —
    unless its object or modifier fixes the sense, or its own subject or object is a political
    noun ("rebels attacked", "leaders of the coalition agreed")."""
    return (political_weight_of(c) < 2 and ambiguous_trigger(c)
            and not c.entry.constrained and not political_arguments(c))


def sport_teams(c: Candidate) -> bool:
    """In a sentence about sport, countries and cities are teams ("the clash with Barcelona"):
    an ambiguous trigger there needs a government body, army, court or IGO taking part."""
    return (ambiguous_trigger(c) and about_sport(c)
            and not any(state_body(e) for e in c.mentions))


# A result: "beaten 19-13", "won 6-3 6-0" (not a year range: those have four digits).
SCORE = re.compile(r"^\d{1,3}-\d{1,3}$")


def about_sport(c: Candidate) -> bool:
    """The sentence names a sport word (`sport_words`, also hyphenated as the tokenizer splits
    it: "semi-final", "quarter-final") or gives a score ("England were beaten 19-13 by the
    Irish", "beaten 6-3 6-0 by sixth seeded Russian Nikolay Davydenko"), or the article is a
    sports report (sport_article)."""
    if c.sentence_lemmas & c.lex.sport_words or sport_article(c.doc, c.lex.sport_article_words):
        return True
    words = list(c.sent)
    # the tokenizer splits "semi-final" and "19-13" at the hyphen: join them back
    joined = {f"{a.lower_}-{b.lower_}" for a, dash, b in zip(words, words[1:], words[2:])
              if dash.text == "-" and not a.whitespace_ and not dash.whitespace_}
    return bool(joined & c.lex.sport_words) or any(SCORE.match(w) for w in joined)


# Rule `sport_article`: the share of an article's sentences, and their least number, that must
# hold a word of sport for the article to be a sports report.
SPORT_ARTICLE_SHARE = 1 / 3
SPORT_ARTICLE_SENTENCES = 3


def sport_article(doc: Doc, words: frozenset) -> bool:
    """Rule `sport_article`: at least a third of the article's sentences, and three or more,
    hold a word of sport (`sport_words`, `sport_article_words`: "match", "season", "victory"):
    the article is a sports report, where countries and cities are teams ("Wales have beaten
    France on two of their last three visits to Paris", "Zambia will host Lesotho"). One count per
    document, on the lemmas each word may have (the selective parse lemmatises only a few
    sentences)."""
    key = "entente_sport_article"
    if key not in doc.user_data:
        sentences = [s for s in doc.sents if not all(t.is_space for t in s)]
        hits = sum(1 for s in sentences if _word_forms(s) & words)
        doc.user_data[key] = hits >= SPORT_ARTICLE_SENTENCES and hits >= SPORT_ARTICLE_SHARE * len(sentences)
    return doc.user_data[key]


def _word_forms(sent: Span) -> set[str]:
    """The lemmas a sentence's words may have (inflection.trigger_candidates: "won" → win,
    "matches" → match), parsed or not."""
    return set().union(*(trigger_candidates(t.lower_) for t in sent if t.is_alpha))


def one_sided_pattern(c: Candidate) -> bool:
    """A trigger mined from the CAMEO dictionary codes a dyad: its patterns were written for a
    source acting on a target ("X signed a treaty with Y"). With one party alone — one actor,
    or the same one twice ("Canada held a general election", "the US Democratic Party held
    primaries in the US states of ...") — it is no event, unless one of our curated entries
    also reads the trigger (then the CAMEO code stands: "condemned the attack")."""
    if c.entry.origin == CURATED or c.entry.curated_reading:
        return False
    parties = {p.get("code") or p.get("text") for p in c.source_parts + c.recipient_parts}
    return len(parties) < 2


def press_interview(c: Candidate) -> bool:
    """Speaking to a newspaper or a broadcaster is a statement, not a consultation ("Obama spoke
    to the BBC about Iran"): a CONSULT whose every counterpart is a media organisation is not
    coded (what was said is coded from its own clause)."""
    return c.type == "CONSULT" and bool(c.recipients) and all(
        (e._.actor or {}).get("actor_type") == "media" for e in c.recipients)


def below_confidence(c: Candidate, minimum: float) -> bool:
    """The component's `min_confidence` (0 by default: nothing is dropped)."""
    return c.confidence < minimum


# In order: the first that holds vetoes the event.
VETOES: tuple[Callable[[Candidate], bool], ...] = (
    accident_without_doer, no_political_actor, everyday_sense, sport_teams, one_sided_pattern,
    press_interview)


def first_veto(c: Candidate) -> str | None:
    """The name of the first veto that holds, or None."""
    return next((veto.__name__ for veto in VETOES if veto(c)), None)


def ambiguous_trigger(c: Candidate) -> bool:
    """The trigger's lemma is listed as ambiguous (`ambiguous_triggers`), or its entry is (a
    mined verb whose words do not fix its sense)."""
    return token_lemma(c.trigger) in c.lex.ambiguous or c.entry.ambiguous


def political_weight_of(c: Candidate) -> int:
    heads = c.lex.political_heads | c.lex.military_words
    return max((political_weight(e, heads, c.quad == 4) for e in c.mentions), default=0)


def political_arguments(c: Candidate) -> bool:
    """The trigger's own subject or object is a political noun ("Leaders of the opposition
    coalition agreed ...", "rebels attacked ...")."""
    heads = c.lex.political_heads | c.lex.military_words
    args = []
    for head in {c.trigger, c.predicate}:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                args.append(child)
            elif child.dep_ == "agent":
                args.extend(g for g in child.children if g.dep_ == "pobj")
    for arg in list(args):
        args.extend(arg.conjuncts)
    return any(arg.lemma_.lower() in heads for arg in args)


def state_body(mention: Span) -> bool:
    """A government, army, police, court, legislature or intelligence service, or an IGO."""
    code = str((mention._.actor or {}).get("code") or "")
    return code.startswith("IGO") or code[3:6] in STATE_SECTORS


# ------------------------------------------------------------------ places and parties

# Acts whose place is their target: a visit ("arrived in Amman" is a visit to Jordan), hosting,
# material acts (aid to refugees in Liberia, an attack in Gaza) and protests (coded by the place
# the crowd protests in).
PLACE_IS_TARGET_CAMEO = ("042", "043")


VENUE_CATEGORIES = ("CONSULT", "AGREE", "SUPPORT",
                    # statements: where one speaks is not whom one criticises (but one seeks
                    # refuge or help from the place one seeks it in)
                    "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN")


def venue_is_no_party(c: Candidate, place: Span) -> bool:
    """The place where talks, an agreement or a meeting happened is their location, not a party
    ("the G7 ministers met in Tokyo" is no meeting with Japan; "signed the treaty in Prague" is
    no agreement with the Czech Republic), nor the place of a statement ("In London, India's
    finance minister lashed out at the trade policies of the G7"), nor the place where two or
    more named parties did anything together. A visit or hosting keeps its place as target
    ("arrived in Kabul"), and so does a one-sided act done in a place ("lifted a curfew in
    Montenegro", "sought refuge in Germany", "aid to refugees in Liberia"). Returns whether the
    venue was dropped."""
    if place not in c.recipients or str(c.cameo or "").startswith(PLACE_IS_TARGET_CAMEO):
        return False
    doers = {(e._.actor or {}).get("country_code") or e.text for e in c.sources}
    if c.type not in VENUE_CATEGORIES and len(doers) < 2:
        return False
    c.recipients = [e for e in c.recipients if e != place]
    return True


# Phrases a country is taken into or out of ("withdrew the US *from* the treaty", "took Britain
# *into* the war", "pulled the country *out* of the accord").
DIRECTION_PREPS = {"from", "out", "into"}


def own_country_is_carried(c: Candidate) -> bool:
    """Rule `own_country_is_carried`: a leader who takes his own country somewhere acts with it,
    not on it ("President Trump withdrew the US from the nuclear treaty with Iran", "Blair took
    Britain into the war with Iraq"): the country, the direct object, joins the doers, and the
    targets are the actors of the phrase it is taken into or out of. Only when a named doer is
    of that country ("the coalition drove Iraq out of Kuwait" is done to Iraq), and only for the
    country by name ("French farmers would blockade Paris from Monday": a city is a place).
    Returns whether it applied."""
    doers = {country_of(e) for e in c.sources} - {None}
    carried = [e for e in c.recipients if e.root.dep_ == "dobj" and country_of(e) in doers
               and ((e._.actor or {}).get("place") or {}).get("kind") == "country"]
    if not carried:
        return False
    verb = carried[0].root.head
    phrases = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in DIRECTION_PREPS]
    if not phrases:
        return False
    c.sources = c.sources + carried
    taken = {t.i for e in c.sources for t in e}
    targets = [e for p in phrases for e in mentions_in(p, c.actors, skip=taken)]
    c.recipients = [e for e in c.recipients if e not in carried] + targets
    return True


def receiver_is_the_target(c: Candidate) -> bool:
    """Rule `receiver_is_the_target`: who receives, gets, obtains or accepts a thing another
    gives — aid, money, arms, food (CAMEO 070-073), backing or recognition (05x) — undergoes the
    giver's act, as CAMEO codes giving: "Egypt received military aid from the US" and "Egypt
    received US military aid" are American aid to Egypt, "direct Iranian assistance is received
    by the Houthis" is Iran's aid to them. The givers are the targets the parse found in the
    "from" phrase or in the thing received (its owner: "IMF assistance"); the receivers become the
    targets. Receiving people is the receiver's own act and is left alone (lexicon
    `given_cameo`: a visitor is hosted, 043; refugees sheltered, 075). Returns whether it
    applied."""
    verb = c.predicate
    if token_lemma(verb) not in c.lex.receiving_verbs \
            or not str(c.cameo or "").startswith(c.lex.given_cameo):
        return False
    given = {t.i for o in direct_objects(verb) for t in o.subtree}
    given |= {t.i for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
              for t in p.subtree}
    givers = [e for e in c.recipients if e.start in given]
    if not givers and not c.sources:
        return False
    c.sources, c.recipients = givers, c.sources + [e for e in c.recipients if e not in givers]
    return True


# How a country word hangs on the firm it names the nationality of ("*Germany's*
# DaimlerChrysler", "the *US* agrochemical giant Monsanto", "the *Gibraltar*-based Menatep Group").
NATIONALITY_DEPS = ("amod", "compound", "poss", "nmod", "npadvmod", "appos")
FIRM_TYPES = (None, "business", "media")
# the business sector's people, who stay their country's ("a Saudi businessman")
BUSINESS_PEOPLE = {"businessman", "businessmen", "businesswoman", "businesswomen", "businessperson",
                   "entrepreneur", "tycoon", "magnate", "industrialist", "executive", "banker",
                   "investor", "trader", "billionaire", "oligarch", "financier", "merchant"}


def firm_is_no_country(c: Candidate) -> bool:
    """Rule `firm_is_no_country`: a company is no state. A country word that only tells a firm's
    nationality ("Germany's DaimlerChrysler", "the US agrochemical giant Monsanto agreed to pay
    a fine", "the Gibraltar-based Menatep Group is suing Russia", a firm the linker gave its
    country's business sector: "a US bank will donate") is no party, and a company of ours that
    does the act or is the partner in cooperation ("British Airways is to halt its flights to
    Jeddah", "Hungary agreed with Airbus") is no party either: the firm's deal is not its
    country's. A company stays the target of a conflict (CAMEO codes pressure on a firm's
    workers, a raid on its offices), and a businessman stays his country's (the PLOVER gold:
    "a Saudi businessman is suing the United States"). Returns whether a party was dropped."""
    heads = c.lex.political_heads | c.lex.military_words
    targets = c.recipients if c.quad != 4 else []       # a raid on Britain's BP stays British
    partners = c.recipients if c.quad in (1, 2) else []  # pressure on a firm stays its country's
    firms = {e.start for e in c.sources + partners if _company(e)}
    firms |= {e.start for e in c.sources + targets if _nationality_of_a_firm(e, heads)}
    if not firms:
        return False
    c.sources = [e for e in c.sources if e.start not in firms]
    c.recipients = [e for e in c.recipients if e.start not in firms]
    return True


def _company(mention: Span) -> bool:
    """A company of ours named as such ("British Airways"), or a country word the linker read
    as its business sector from the noun it modifies ("a US bank", "a Canadian company":
    USABUS, CANBUS; also the first of "a Canadian and a Turkish company") — not a businessman,
    nor a country a bank is "of" ("the central banks of Japan and China")."""
    if (mention._.actor or {}).get("actor_type") != "business":
        return False
    if mention.label_ == "ORG":
        return True
    shared = elided_head(mention.root)       # "a Canadian and a Turkish company"
    nouns = [shared] if shared is not None else list(modified_nouns(mention.root, NATIONALITY_DEPS, 2))
    return bool(nouns) and not any(tok.lemma_.lower() in BUSINESS_PEOPLE for tok in nouns)


def _nationality_of_a_firm(mention: Span, heads: frozenset) -> bool:
    """A country word on a company named next to it, an organisation that is no political actor
    of ours (not a party, union or movement)."""
    if mention.label_ not in ("GPE", "NORP", "LOC") or \
            (mention._.actor or {}).get("actor_type") != "country":
        return False
    for tok in modified_nouns(mention.root, NATIONALITY_DEPS, 2):
        # the organisation itself, or its name in apposition ("the US giant Monsanto")
        for named in (tok, *(c for c in tok.children if c.dep_ == "appos")):
            org = entity_of(named)
            if org is not None and org.label_ == "ORG" and org.start != mention.start:
                return ((org._.actor or {}).get("actor_type") in FIRM_TYPES
                        and not any(t.lemma_.lower() in heads for t in org))
    return False


# Verbs whose direct object is what is talked about ("discussed Libya–Turkey relations"); the
# prepositions that name a topic ("talks on the future of Hong Kong").
TOPIC_VERBS = {"discuss", "debate", "negotiate", "consider", "review", "examine"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
COUNTERPART_PREPS = {"with", "between", "among", "amongst"}
# How what is said hangs from a verb of saying (its subject and object are the speaker and the
# one quoted, not the content).
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}


def topic_is_no_counterpart(c: Candidate) -> bool:
    """Countries named in what a consultation is about are not its counterparts ("gathered in
    Cairo to discuss Libya–Turkey relations", "resumed talks on the future of Hong Kong", "held a
    press conference discussing concerns about Iranian interference"); counterparts come with
    "with" or "between", even inside the topic phrase ("discussed trade with China"). Returns
    whether a recipient was dropped."""
    if c.type != "CONSULT":
        return False
    return _drop_recipients(c, lambda tok: (tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS)
                            or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in TOPIC_VERBS))


def said_content_is_no_party(c: Candidate) -> bool:
    """A country named in what a letter, report or speaker says is not a party to the act done
    with it ("signed a letter saying the report has the earmarks of a Russian information
    operation" is no agreement with Russia): recipients under a verb of saying other than the
    event's own predicate are dropped (not its speaker: "a concession that the US negotiator
    believed could lead to an agreement"). Returns whether a recipient was dropped."""
    lex, own = c.lex, {c.trigger.i, c.predicate.i}
    return _drop_recipients(c, lambda tok: tok.dep_ in CONTENT_DEPS and tok.head.i not in own
                            and tok.head.lemma_.lower() in lex.reporting_verbs)


def _drop_recipients(c: Candidate, marks_topic) -> bool:
    """Drop the recipients whose way up to the trigger meets a token `marks_topic` accepts
    before any "with"/"between" phrase."""
    if not c.recipients:
        return False
    stops = {c.trigger.i, c.predicate.i}
    kept = [e for e in c.recipients if not _under_topic(e.root, stops, marks_topic)]
    if len(kept) == len(c.recipients):
        return False
    c.recipients = kept
    return True


def _under_topic(tok: Token, stops: set[int], marks_topic) -> bool:
    for _ in range(16):
        if tok.i in stops or tok.head == tok:
            return False
        if tok.dep_ == "prep" and tok.lower_ in COUNTERPART_PREPS:
            return False
        if marks_topic(tok):
            return True
        tok = tok.head
    return False


# ------------------------------------------------------------------ rewrites

def promise_not_to_act(c: Candidate, complement_refused: bool) -> None:
    """An intent word takes its complement's act ("pledged to withdraw"); a promise *not* to
    cooperate is a refusal (REJECT 120), a promise not to use force or pressure, nor to be a
    threat, is intent to de-escalate (AGREE 035: "promised they would not be a threat to the
    US"), and the promise itself is asserted ("vowed never to return the land")."""
    if not complement_refused:
        return
    c.refused_complement = True
    if c.quad in (1, 2):
        c.recode("REJECT", "120")
    else:
        c.recode("AGREE", "035")


def agreement_to_act_against(c: Candidate) -> bool:
    """An agreement to act against a third party is that act, planned — not cooperation with
    the target ("the G7 agreed to coordinate sanctions against Iran" is a planned G7 sanction
    on Iran, not an agreement with Iran; "the EU agreed to impose sanctions on Belarus"). The
    acts it governs are searched through other acts ("coordinate" → "sanctions")."""
    if c.entry.type != "AGREE" or c.entry.intent:
        return False
    conflict = [j for j in c.governed
                if c.lex.categories[c.triggers[j][0].type]["quad"] in (3, 4)
                and carried_by_acts(c, j)]
    if not conflict:
        return False
    complement = c.triggers[min(conflict, key=lambda j: abs(j - c.trigger.i))][0]
    c.recode(complement.type, complement.cameo, complement.intensity)
    c.context = c.context or complement.context
    c.agreed_act = True
    return True


def carried_by_acts(c: Candidate, j: int) -> bool:
    """Trigger j is what was agreed: it hangs from the agreement through its clause or its "to"
    phrase ("agreed to impose sanctions", "agreed to sanctions"), not from a background phrase
    ("agreed to a ceasefire after two days of fighting"), and every verb between is a joint act
    or a light verb ("agreed to *coordinate* sanctions"), not one that turns it around ("agreed
    to *lift* the embargo", "agreed to *postpone* the rally")."""
    tok = c.doc[j]
    for _ in range(8):
        head = tok.head
        if head.i in (c.trigger.i, c.predicate.i):
            return tok.dep_ in ("xcomp", "ccomp") or (tok.dep_ == "prep"
                                                       and tok.lower_ in ("to", "on"))
        if head == tok or (head.pos_ in ("VERB", "AUX") and not _joint_or_light(c, head)):
            return False
        tok = head
    return False


def _joint_or_light(c: Candidate, verb: Token) -> bool:
    if verb.i in c.triggers:
        return c.triggers[verb.i][0].type == "COOPERATE"
    return token_lemma(verb) in c.lex.light_verbs


def military_means(c: Candidate) -> None:
    """Conventional force (CAMEO 19) when soldiers or weapons of war do it; killings and
    bombings by others are unconventional violence (18), whoever the victims are."""
    mil = c.entry.mil
    if mil and military_act(c):
        c.recode(mil.get("type", c.type), str(mil.get("cameo", c.cameo)),
                 float(mil.get("intensity", c.intensity)))


def joint_exercise(c: Candidate) -> None:
    """Exercises held together ("X and Y held joint drills", "drills with Y") are military
    cooperation, not a show of force."""
    joint = c.entry.joint
    together = len(c.source_parts) > 1 or any(
        child.dep_ == "prep" and child.lower_ == "with" for child in c.predicate.children)
    if joint and together:
        category = joint.get("type", c.type)
        c.recode(category, str(joint.get("cameo", c.cameo)),
                 float(joint.get("intensity", c.lex.categories[category]["intensity"])))


def military_act(c: Candidate) -> bool:
    """The doer is an army (a MIL actor, "troops", "forces", "warplanes") or the means are
    weapons of war ("artillery fire", "air raid", "with tanks")."""
    if any(str((e._.actor or {}).get("code") or "").endswith("MIL") for e in c.sources):
        return True
    words = c.lex.military_words

    def army(t: Token) -> bool:     # "suicide bombers" are no air force
        return t.lemma_.lower() in words and not any(ch.lower_ == "suicide" for ch in t.children)

    return (any(_army_noun_of(e, army) for e in c.sources)
            or any(army(t) for d in c.predicate.children if d.dep_ in ("nsubj", "agent")
                   for t in d.subtree)
            or _weapons_of_war(c.trigger, words))


def _army_noun_of(mention: Span, army: Callable[[Token], bool]) -> bool:
    """"Vietnamese-led forces", "Israeli troops": the noun the actor modifies (through a
    participle)."""
    cur = mention.root
    for _ in range(2):
        if cur.dep_ not in ("amod", "compound", "poss", "npadvmod", "nmod") or cur.head == cur:
            return False
        cur = cur.head
        if army(cur):
            return True
    return False


def _weapons_of_war(trigger: Token, words: frozenset) -> bool:
    for child in trigger.children:
        if child.dep_ in ("compound", "amod") and child.lemma_.lower() in words:
            return True
        if child.dep_ == "prep" and child.lower_ in ("with", "by") and any(
                t.lemma_.lower() in words for t in child.subtree):
            return True
    return False


def conditional_threat(c: Candidate) -> bool:
    """"will withdraw its force unless ...": a conditional announcement is a threat (CAMEO 13)."""
    unless = any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                               for m in child.children)
                 for head in {c.predicate, c.trigger} for child in head.children)
    if c.modality == "planned" and unless and c.type not in ("THREATEN", "DEMAND"):
        c.recode("THREATEN", c.lex.threat_cameo.get(c.type, "130"))
        return True
    return False


def planned_protest(c: Candidate) -> bool:
    """"said they would boycott ...": a threat to protest (CAMEO 133)."""
    if c.modality in ("planned", "hypothetical") and c.type == "PROTEST":
        c.recode("THREATEN", "133")
        return True
    return False


def announced_refusal(c: Candidate) -> bool:
    """"will not accept", "failed to reach": refused cooperation is a rejection (CAMEO 12),
    asserted."""
    if c.modality == "negated" and c.refused and c.quad in (1, 2):
        c.recode("REJECT", "120")
        c.modality = "asserted"
        return True
    return False


def intended_cooperation(c: Candidate) -> bool:
    """Planned cooperation is CAMEO's "express intent to ..." (03x, AGREE)."""
    if c.modality == "planned" and c.quad in (1, 2) and c.type != "AGREE":
        c.recode("AGREE", c.lex.intent_cameo.get(c.type, "030"))
        return True
    return False


def intended_force(c: Candidate) -> bool:
    """Planned or conditional material conflict is a threat (13x, THREATEN)."""
    if c.modality in ("planned", "hypothetical") and c.quad == 4:
        c.recode("THREATEN", c.lex.threat_cameo.get(c.type, "130"))
        return True
    return False


# In order: the first that applies rewrites the category (CAMEO reads plans this way).
MODALITY_REWRITES: tuple[Callable[[Candidate], bool], ...] = (
    conditional_threat, planned_protest, announced_refusal, intended_cooperation, intended_force)


def rewrite_for_modality(c: Candidate) -> str | None:
    """Apply the first modality rewrite that holds; its name, or None."""
    return next((rule.__name__ for rule in MODALITY_REWRITES if rule(c)), None)


# CAMEO roots of acts done with each other: several doers with no target did them together
# (expressed intent to cooperate, consulted, signed, cooperated, fought).
MUTUAL_CAMEO = ("03", "04", "057", "06", "19")


# Words that make a pledge or an offer one the doers make to each other ("pledged closer ties",
# "vowed to work together", "committed to a joint fund", "promised to deepen cooperation").
RECIPROCAL_WORDS = {"together", "jointly", "joint", "mutual", "mutually", "bilateral", "tie",
                    "relation", "cooperation", "co-operation", "cooperate", "co-operate",
                    "collaborate", "collaboration", "partnership", "alliance", "normalise",
                    "normalize", "reconcile", "reconciliation"}
ACCEPT_CAMEO = "038"


def own_commitment(c: Candidate) -> bool:
    """Rule `pledge_is_each_doers_own`: a pledge, promise, vow, commitment, intention or offer
    (the lexicon's intent entries) and an acceptance are each doer's own, though CAMEO files
    them under intent to cooperate (03): "China, Iran and Russia pledged funds", "France and
    Germany vowed to cut their deficits", "Indonesia and Sri Lanka accepted the offer" — unless
    what is promised is reciprocal ("pledged closer ties", "promised to work together")."""
    if not (c.entry.intent or c.entry.cameo == ACCEPT_CAMEO):
        return False
    words = [token_lemma(t) for t in c.trigger.subtree]
    pairs = set(zip(words, words[1:]))
    return not (RECIPROCAL_WORDS.intersection(words) or pairs & {("each", "other"), ("one", "another")})


def separate_doers(c: Candidate, event: dict) -> list[dict]:
    """Rule `separate_doers`: doers of several countries with no target country did an act
    together only when the act is mutual, or a refusal or failure of a mutual act ("Russia and
    China signed", "India and Pakistan fought", "Greeks and Turks failed to agree"). Of any
    other act each did its own ("France and Germany criticised the decision", "the Netherlands,
    Portugal and the Czech Republic announced their withdrawal", "Britain, France and Germany
    urged the IAEA to act"): one event per country, so that the views — which pair the doers
    of an event without a target country with each other (sql/derived/event_dyads.sql) — pair
    nobody with a co-author of a call or a withdrawal. Doers without a country go with none
    of them; a target without a country stays with each."""
    codes = (str(event.get("cameo") or ""), str(c.entry.cameo or ""))
    mutual = any(code.startswith(MUTUAL_CAMEO) for code in codes) and not own_commitment(c)
    if mutual or any(part.get("country") for part in event["recipients"]):
        return [event]
    by_country: dict[str, list[dict]] = {}
    for part in event["actors"]:
        if part.get("country"):
            by_country.setdefault(part["country"], []).append(part)
    if len(by_country) < 2:
        return [event]
    return [{**event, "actors": parts, "multilateral": False} for parts in by_country.values()]
