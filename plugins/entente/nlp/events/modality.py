"""Whether an event happened (modality) and when (date), from the words around its predicate.

Modality is read on the predicate and the clauses above it, stopping at a verb of saying:
- negated: "did not sign", "never met", "no agreement", "failed to reach";
- planned: "will", "shall", "is going to", "plans/intends/aims/is set to", "signaled intentions",
  a date after the publication date;
- hypothetical: "if"/"unless" clauses, "could", "might", "may", "should", "would" (except
  "X said it would ...", which reports a plan).
The date is the TIMEX3 of the sentence that the parse attaches to the predicate, else the
sentence's only date expression, else the publication date.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from entente.nlp.events.location import Dateline

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"could", "might", "may", "should", "can", "must"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
NEGATIONS = {"not", "n't", "never", "no"}
# Words whose "to" clause did not (or will not) happen: "failed to reach", "Britain's failure to
# stop ...", "the administration's unwillingness to intervene" (rule `failed_act`).
FAIL_VERBS = {"fail"}
FAIL_WORDS = FAIL_VERBS | {"failure", "unwillingness", "reluctance", "inability"}
# Modifiers of an event noun that is still to come (rule `planned_noun`).
PLAN_MODIFIERS = {"planned", "proposed", "scheduled", "upcoming", "forthcoming", "prospective",
                  "intended", "expected", "impending"}
# Verbs that say an act did not happen ("Britain denied that it had supplied arms to Iran").
DENIAL_VERBS = {"deny", "refute"}


def _aux_lemmas(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def negated_here(tok: Token) -> bool:
    """A negation on the token ("did *not* attack", "*no* agreement", "*never* returned"), or on
    the copula a noun is the attribute of ("they would *not* be a threat")."""
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.head != tok and negated_here(tok.head):
        return True
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
        if c.dep_ == "advmod" and c.lower_ == "never":
            return True
    return False


def denied(clause: Token) -> bool:
    """Rule `denied_act`: an act in what someone denies did not happen, by their account
    ("Britain denied that it had supplied arms to Iran", "denied supplying arms")."""
    return clause.head.lemma_.lower() in DENIAL_VERBS and clause.dep_ in ("ccomp", "xcomp",
                                                                           "pcomp", "dobj")


def negated_plan(head: Token, lex) -> bool:
    """Rule `negated_plan`: a plan word under "no" negates the planned act ("has no plans to sell
    missiles to Bahrain", "no intention of leaving")."""
    return head.lemma_.lower() in lex.plan_words and negated_here(head)


def planned_noun(trigger: Token) -> bool:
    """Rule `planned_noun`: an event noun its modifier says is still to come ("Trump's *planned*
    trip to Warsaw", "the *upcoming* summit", "a *proposed* visit"); modality() asks only for a
    noun standing alone or told of ("announced a planned visit"): one a light verb carries has
    the verb's tense ("held the planned talks")."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in PLAN_MODIFIERS for c in trigger.children)


def modality(trigger: Token, pred: Token, lex, intent: bool = False) -> tuple[str, bool]:
    """(modality, refused): refused = an announced refusal ("will not", "failed to")."""
    negated = negated_here(pred) or (trigger != pred and negated_here(trigger))
    planned = intent or (planned_noun(trigger)
                         and (trigger == pred or pred.lemma_.lower() in lex.reporting_verbs))
    hypothetical = False
    refused = False
    cur = pred
    for depth in range(6):
        auxes = _aux_lemmas(cur)
        if auxes & FUTURE_AUX or ({"going"} & auxes) or any(
                c.dep_ == "aux" and c.lower_ == "to" and cur.head.lemma_ in ("go", "be") for c in cur.children):
            planned = True
        if "would" in auxes or "'d" in auxes:
            if cur.dep_ == "ccomp" and cur.head.lemma_ in lex.reporting_verbs:
                planned = True
            else:
                hypothetical = True
        if auxes & HYPOTHETICAL_AUX and "must" not in auxes:
            hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children):
            hypothetical = True
        if cur.dep_ == "ROOT" or cur.head == cur:
            break
        head = cur.head
        if denied(cur):
            negated = True
            break
        if head.lemma_ in lex.reporting_verbs and cur.dep_ in ("ccomp", "xcomp"):
            # reported speech: the modal of the speaker ("would") marks the act as planned
            if "would" in auxes or "'d" in auxes:
                planned, hypothetical = True, hypothetical and bool(auxes & (HYPOTHETICAL_AUX - {"must"}))
            break
        if cur.dep_ in ("xcomp", "acl", "ccomp", "pcomp", "pobj", "dobj", "attr", "prep"):
            hl = head.lemma_.lower()
            if hl in lex.plan_words and head != trigger:
                planned = True
            if hl in FAIL_WORDS:
                negated = True
                refused = True
            if negated_here(head) and cur.dep_ in ("xcomp",) or negated_plan(head, lex):
                negated = True
            cur = head
            continue
        break
    if negated and planned:
        refused = True
    if negated:
        return "negated", refused
    if hypothetical and not planned:
        return "hypothetical", False
    if planned:
        return "planned", False
    return "asserted", False


# ---------------------------------------------------------------------------- dates

def sentence_timexes(doc: Doc, sent: Span) -> list[tuple[dict, Span]]:
    out = []
    for tx in doc._.timexes or ():
        try:
            start, end = int(tx["start"]), int(tx["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if start < sent.start_char or end > sent.end_char:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append((tx, span))
    return out


def _date_like(tx: dict) -> bool:
    typ = str(tx.get("type") or "").upper()
    return typ in ("DATE", "TIME", "") and bool(tx.get("range_start") or tx.get("value"))


def _attached(span: Span, pred: Token, trigger: Token,
              reporting_verbs: frozenset = frozenset()) -> bool:
    """The timex hangs from the predicate's clause (not from another verb's, nor from what
    someone says inside it: "seized the drugs, stating 'this has been an emergency since April
    2016'")."""
    targets = {pred.i, trigger.i}
    tok = span.root
    if when_clause_of(tok, pred):
        return True             # "back to 1994, when talks between ... came close"
    for _ in range(8):
        if tok.i in targets:
            return True
        if tok.head == tok:
            return False
        if tok.head.pos_ in ("VERB", "AUX") and tok.head.i not in targets:
            if shares_its_time(tok.head, pred):
                return True     # "issued a statement on Monday condemning ..."
            # another clause's verb: attached only if that verb is a dependent of the predicate
            # through xcomp/acl ("agreed on Monday to ...", "plans to deploy by 2028")
            h = tok.head
            while h.dep_ in ("xcomp", "acl", "ccomp", "advcl") and h.head != h:
                if h.dep_ == "ccomp" and h.head.lemma_ in reporting_verbs \
                        and h.head.i not in targets:
                    return False
                h = h.head
                if h.i in targets:
                    return True
            return False
        tok = tok.head
    return False


NOUN_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "appos"}


def background_date(span: Span, pred: Token, trigger: Token) -> bool:
    """A date that belongs to something else than the event: a noun's ("the 1994 treaty",
    "the semiconductor agreement of 1986", "Tuesday's vote") or another clause's ("bonds issued
    in 1911"). The date of a statement that reports the event ("said on Monday that ...") is
    not background: it is the latest the event can have happened."""
    tok = span.root
    for _ in range(8):
        head = tok.head
        if head == tok or tok.i in (pred.i, trigger.i) or head.i in (pred.i, trigger.i):
            return False
        if head.pos_ in ("NOUN", "PROPN") and (tok.dep_ in NOUN_MODIFIER_DEPS
                                               or tok.dep_ == "prep" and tok.lower_ == "of"):
            return True     # (a time phrase "on Friday" the parser hung on a noun is not)
        if head.pos_ in ("VERB", "AUX"):
            return not _governs(head, pred)
        tok = head
    return False


def _governs(verb: Token, pred: Token) -> bool:
    """`pred` is in a clause `verb` takes ("said on Monday that X signed"), or happened when
    the verb did (shares_its_time)."""
    return shares_its_time(verb, pred) or any(
        pred in clause.subtree for clause in verb.children
        if clause.dep_ in ("ccomp", "xcomp", "conj"))


def shares_its_time(verb: Token, pred: Token) -> bool:
    """`pred` happened when `verb` did: a participle the verb carries (participle_shares_time)
    or a "when" clause on it (when_clause_of)."""
    return participle_shares_time(verb, pred) or when_clause_of(verb, pred)


def participle_shares_time(verb: Token, pred: Token) -> bool:
    """Rule `participle_shares_its_verbs_time`: a present participle on the verb's direct
    object, or one hung on the verb itself with no subject or conjunction of its own, is done
    when the verb is — the statement, letter or call is the act's vehicle ("On Monday, France
    issued a statement condemning Russia", "joined the calls asking the US to ...", "sent a
    letter on Tuesday urging Iran to ..."). Not a past participle ("signed in 2015 a deal
    criticised by Ukraine": the criticism may come later), nor a clause with a time of its own
    ("after meeting ...")."""
    if pred.tag_ != "VBG" or pred.head.i == pred.i:
        return False
    if pred.dep_ == "acl":
        return pred.head.dep_ == "dobj" and pred.head.head == verb
    return pred.dep_ == "advcl" and pred.head == verb and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass", "advmod") for c in pred.children)


# What opens a clause of the same time as the verb or date it hangs on.
WHEN_WORDS = {"when", "while"}


def when_clause_of(head: Token, pred: Token) -> bool:
    """Rule `when_clause_shares_its_time`: `pred` is in a "when" or "while" clause on `head`,
    and so happened at its time — a verb's ("In 2003, when the US invaded Iraq, France opposed
    the war") or a date's ("harks back to 1994, when talks between Arafat and Peres came close
    to a deal")."""
    return any(c.dep_ in ("advcl", "relcl") and pred in c.subtree
               and any(m.dep_ in ("advmod", "mark") and m.lower_ in WHEN_WORDS
                       for m in c.children)
               for c in head.children)


def event_date(doc: Doc, sent: Span, pred: Token, trigger: Token,
               reporting_verbs: frozenset = frozenset(), dateline: Dateline | None = None) -> dict:
    """The event's date: a TIMEX3 of its own clause, else the sentence's only date unless that
    date belongs to something else (background_date), else the date of the story's dateline
    (rule `dateline_date`: "NICOSIA, June 9 (Reuters) - ... attacked ... on Monday" is dated by
    "Monday"; the dateline says when the story was filed, so it never outranks the clause's own
    date and only stands in when the sentence has none), else the publication date
    (`date_source` says which)."""
    cands, filed = [], []
    for tx, sp in sentence_timexes(doc, sent):
        if _date_like(tx):
            (filed if dateline is not None and dateline.covers(sp) else cands).append((tx, sp))
    chosen = None
    attached = [(tx, sp) for tx, sp in cands if _attached(sp, pred, trigger, reporting_verbs)]
    if attached:
        chosen = min(attached, key=lambda p: abs(p[1].root.i - trigger.i))[0]
    elif len(cands) == 1 and not background_date(cands[0][1], pred, trigger):
        chosen = cands[0][0]
    for timex, source in ((chosen, "timex"), (filed[0][0] if filed else None, "dateline")):
        if timex is None:
            continue
        start = str(timex.get("range_start") or timex.get("value") or "")
        iso = first_day(start)
        if iso:
            return {"date": iso, "date_precision": timex.get("granularity") or _precision(start),
                    "date_source": source, "timex_value": timex.get("value")}
    dct = doc._.dct
    if dct and first_day(str(dct)):
        return {"date": first_day(str(dct)), "date_precision": "day", "date_source": "publication",
                "timex_value": None}
    return {"date": None, "date_precision": None, "date_source": None, "timex_value": None}


def first_day(value: str) -> str | None:
    """The first day a TIMEX3 date value covers ("2028" → "2028-01-01"), None for others."""
    v = value.strip()
    if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return v[:10]
    if len(v) == 7 and v[4] == "-" and v[:4].isdigit() and v[5:7].isdigit():
        return v + "-01"
    if len(v) == 4 and v.isdigit():
        return v + "-01-01"
    return None


def _precision(value: str) -> str | None:
    v = value.strip()
    if len(v) >= 10:
        return "day"
    if len(v) == 7:
        return "month"
    if len(v) == 4:
        return "year"
    return None
