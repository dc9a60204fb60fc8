"""Names resolved through another mention of the same article.

News names a person or a firm in full once, with what it is, and then by a shorter name: "Egon
Krenz ... Krenz said", "India's petroleum minister Mani Shankar Aiyar ... Mr Aiyar", "Iranian
airline Mahan Air ... Germany suspended Mahan's permit". The gazetteer knows the leaders and
bodies of the field's dictionaries, not every firm, minister and airline; the article itself says
whose they are. The linker runs these rules after its lookup: `title_names_the_office` and
`surname_after_full_name`, which read words and labels only, before the parse and again after it;
`organisation_keeps_its_nationality`, which reads the parse of the sentence that introduces the
name, only after it; `acronym_after_its_name` ("the Syrian Democratic Forces (SDF) ... the SDF
said"), which reads words only, in both passes.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

# Labels the small model gives a one-word mention of a person it has named in full ("Trump" ORG).
PERSONISH_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT"})
# Courtesy titles before a surname ("Mr Aiyar"); not "Sir", which precedes a first name.
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr"})
# Labels of an organisation's name in its introduction ("Gazprom" is often GPE, "Mahan Air" FAC).
ORGANISATION_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "GPE", "LOC"})
# Labels a later, shorter mention may carry ("Mahan" is tagged PERSON, GPE or ORG by turns).
MENTION_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "GPE", "LOC", "PERSON", "NORP"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Words of a description between a nationality and a name: "energy giant", "state-owned oil".
MAX_DESCRIPTION_WORDS = 4
# The sector of an introduced organisation that nothing else gives one: a name the dictionaries
# lack after a nationality is most often a firm ("Russian energy giant Gazprom", "India's
# ONGC"), and a business actor makes no event political on its own (political_weight), where a
# bare country code would make "Gazprom signed a deal with ONGC" an act between two states.
UNKNOWN_ORGANISATION_SECTOR = "BUS"
# A shorter mention is the first words of the full name; one short word is too common a prefix.
MIN_PREFIX_CHARS = 3


# Words of a title between a nationality and a person's name ("Foreign Minister", "opposition
# leader"), and the words before it that make the office a past one.
MAX_OFFICE_WORDS = 3
PAST_OFFICE_WORDS = frozenset({"former", "ex", "late"})
# Sectors a title gives that are no office of the person: the field's agent words read
# "captain" as MIL, and "England captain Jonny Wilkinson" is a rugby player.
NO_OFFICE_SECTORS = frozenset({"MIL"})


def people_hold_their_titled_office(ents, role_of: Callable[[Token], str | None]) -> None:
    """Rule `title_names_the_office`: a person named right after a nationality and a title
    holds that office, whatever the dictionaries' dated entries say ("Soviet Foreign Minister
    Eduard Shevardnadze" in 1987 is SUNGOV, where the field's dictionary knows him only as
    Georgian; "Florida Governor Ron DeSantis", "Mexico's Foreign Secretary Marcelo Ebrard" are
    USAGOV and MEXGOV though the dictionaries lack them); so does one after an international
    organisation and its title ("EU trade commissioner Peter Mandelson" in 2005 is IGOEUR, not
    the British minister of the dictionary). The office is the actor the nationality was
    linked as when its title gave it a sector (its country and the role's sector), or the
    organisation; a nationality without one ("Kenyan runner Bernard Lagat") says nothing of an
    office, nor does a military rank ("Scotland captain Barry Ferguson" is a footballer), and a
    past office ("former", "ex-", "the late") is not held. The title's last word must be a
    role word (`role_of`: "minister", "governor", "attorney general"): the words
    between a country and a name may be a clause ("United States military forces killed Qasem
    Soleimani"). Later mentions of the person by the same surname that read as the
    dictionaries' other reading follow (unlinked ones follow `surname_after_full_name`)."""
    corrected: dict[str, tuple[object, dict]] = {}
    for before, ent in zip(ents, ents[1:]):
        office = before._.actor or {}
        own = ent._.actor or {}
        code = str(office.get("code") or "")
        if (ent.label_ != "PERSON" or not _names_an_office_holder(before, code)
                or len(code) < 6 or code[3:6] in NO_OFFICE_SECTORS or own.get("code") == code
                or not _office_title(ent.doc[before.end:ent.start], role_of)
                or _past_office(before)):
            continue
        ent._.actor = dict(office)
        if own:
            corrected[words_of(ent)[-1]] = (own.get("actor_id"), office)
    for ent in ents:
        words = words_of(ent)
        if words and words[-1] in corrected and ent.label_ in PERSONISH_LABELS \
                and ent._.actor is not None:
            old_reading, office = corrected[words[-1]]
            if ent._.actor.get("actor_id") == old_reading:
                ent._.actor = dict(office)


def _names_an_office_holder(before: Span, code: str) -> bool:
    """A nationality or country, or an international organisation ("EU trade commissioner
    Peter Mandelson", "UN envoy ...": its officials act for it, whatever office the
    dictionaries give them at home)."""
    return before.label_ in ("NORP", "GPE") or (before.label_ == "ORG" and code.startswith("IGO"))


def _office_title(title: Span, role_of: Callable[[Token], str | None]) -> bool:
    """One to three words of a title ending in a role word, a possessive first ("Foreign
    Minister", "'s Foreign Secretary", "opposition leader")."""
    words = [t for t in title if t.text not in POSSESSIVES or t.i != title.start]
    return (1 <= len(words) <= MAX_OFFICE_WORDS and all(t.is_alpha for t in words)
            and bool(role_of(words[-1])))


def _past_office(nationality: Span) -> bool:
    doc = nationality.doc
    before = doc[max(nationality.start - 2, 0):nationality.start]
    return any(t.lower_.strip("-") in PAST_OFFICE_WORDS for t in before)


def words_of(ent: Span) -> tuple[str, ...]:
    """The entity's words without punctuation and possessive endings."""
    return tuple(t.text for t in ent if not t.is_punct and t.text not in POSSESSIVES)


def surnames_after_full_names(ents) -> None:
    """Rule `surname_after_full_name`: a lone surname left unlinked, or a surname after a
    courtesy title ("Mr Aiyar"), is the person a linked full name of the document ends with
    ("Egon Krenz ... Krenz said"; "India's petroleum minister Mani Shankar Aiyar ... Mr
    Aiyar"). The small model often tags a lone surname ORG or GPE ("after Trump had a phone
    conversation"), and surnames that are also words are refused without the PERSON label, so
    the label does not matter here: the document has already named the person in full."""
    known: dict[str, dict] = {}
    for ent in ents:
        words = words_of(ent)
        if (ent.label_ == "PERSON" and len(words) >= 2 and ent._.actor is not None
                and words[0].lower().rstrip(".") not in COURTESY_TITLES):
            known.setdefault(words[-1], ent._.actor)
    for ent in ents:
        words = words_of(ent)
        if len(words) == 2 and words[0].lower().rstrip(".") in COURTESY_TITLES:
            words = words[1:]
        if (ent.label_ in PERSONISH_LABELS and len(words) == 1 and ent._.actor is None
                and words[0] in known):
            ent._.actor = dict(known[words[0]])


def organisations_keep_their_nationality(ents, actor_of: Callable[[str, str], dict | None],
                                         sector_of: Callable[[Token], str | None],
                                         is_place: Callable[[str], bool]) -> None:
    """Rule `organisation_keeps_its_nationality`: an organisation the gazetteer lacks, introduced
    with its country right before its name — a nationality or a country with a description
    ("Iranian airline Mahan Air", "Russian energy giant Gazprom", "US firm Halliburton") or a
    possessive ("India's ONGC") — is an actor of that country, there and wherever the article
    names it again by that name or by its first words ("Germany has suspended Mahan's
    permit"), also where the model tagged no entity. The sector is the name's last word's
    ("Corporation" → BUS), else the description's ("airline" → BUS), else the one the
    nationality took from its role word, else BUS (`UNKNOWN_ORGANISATION_SECTOR`).

    `actor_of(country, sector)` gives the actor of a code on the article's date, `sector_of` a
    word's sector, `is_place` whether GeoNames knows a place of a name (a GPE or LOC name it
    knows is a town, not a firm). The introduction must be one parsed noun phrase
    (`one_noun_phrase`); a description holding a stop word is none ("the Iraqi city of X",
    "Iraqi former minister"), nor is a capitalised one ("Iraqi Prime Minister ..."): people are
    the dictionaries' and `surname_after_full_name`'s.
    """
    introduced: dict[tuple[str, ...], dict] = {}
    for before, ent in zip(ents, ents[1:]):
        if ent._.actor is not None or ent.label_ not in ORGANISATION_LABELS:
            continue
        if ent.label_ in ("GPE", "LOC") and is_place(ent.text):
            continue
        country, sector = _nationality_before(before, ent, sector_of)
        actor = actor_of(country, sector) if country else None
        if actor is not None:
            ent._.actor = dict(actor)
            introduced.setdefault(words_of(ent), actor)
    if not introduced:
        return
    for ent in ents:
        if ent._.actor is None and ent.label_ in MENTION_LABELS:
            actor = _introduced_as(words_of(ent), introduced)
            if actor is not None:
                ent._.actor = dict(actor)
    _mark_unmarked_mentions(ents[0].doc, introduced)


def _nationality_before(before: Span, ent: Span,
                        sector_of: Callable[[Token], str | None]) -> tuple[str | None, str]:
    """The country, and the sector, `before` gives the name `ent` it introduces; (None, "")
    when it does not introduce it."""
    actor = before._.actor or {}
    country, code = actor.get("country_code"), str(actor.get("code") or "")
    if not country or code[:3] != country or before.label_ not in ("NORP", "GPE"):
        return None, ""
    gap = list(before.doc[before.end:ent.start])
    possessive = bool(gap) and gap[0].text in POSSESSIVES
    description = gap[1:] if possessive else gap
    if (possessive and before.label_ == "NORP") or (before.label_ == "GPE" and not gap):
        return None, ""     # "Russia Gazprom" is a list or a headline
    if len(description) > MAX_DESCRIPTION_WORDS or any(
            t.is_stop or t.text != t.lower_ for t in description):
        return None, ""
    if not one_noun_phrase(before.doc[before.start:ent.end]):
        return None, ""
    if len(ent) == 1 and sector_of(ent[0]):
        return None, ""     # "Israel's Cabinet" is the country's institution (role_sector)
    for word in [ent[-1], *reversed(description)]:
        sector = sector_of(word)
        if sector:
            return country, sector
    return country, code[3:6] or UNKNOWN_ORGANISATION_SECTOR


def one_noun_phrase(span: Span) -> bool:
    """The nationality, description and name form one parsed noun phrase headed by a noun (the
    name or a description noun): one of its words attaches outside it, and none is a verb but a
    participle modifier ("state-owned"). "French paper workers blocked the Europe Bridge" is a
    clause; an unparsed sentence says nothing."""
    if any(not t.dep_ for t in span):
        return False
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    if len(outside) != 1 or outside[0].pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in span)


def _mark_unmarked_mentions(doc, introduced: dict[tuple[str, ...], dict]) -> None:
    """The introduced names where the model tagged no entity ("Gazprom will invest"): ORG
    entities with the name's actor."""
    found: dict[tuple[int, int], dict] = {}
    for words, actor in introduced.items():
        size = len(words)
        for tok in doc:
            span = doc[tok.i:tok.i + size]
            if (tok.text == words[0] and tuple(t.text for t in span) == words
                    and all(t.ent_iob_ == "O" for t in span)):
                found[(span.start, span.end)] = actor
    if not found:
        return
    new = [Span(doc, start, end, label="ORG") for start, end in found]
    try:
        doc.ents = sorted([*doc.ents, *new], key=lambda e: e.start)
    except ValueError:
        return                              # overlapping names: leave the entities as they are
    for ent in doc.ents:
        if (ent.start, ent.end) in found:
            ent._.actor = dict(found[(ent.start, ent.end)])


def _introduced_as(words: tuple[str, ...], introduced: dict[tuple[str, ...], dict]) -> dict | None:
    """The actor of the introduced name `words` is, or is the first words of; None if none."""
    if not words:
        return None
    if words in introduced:
        return introduced[words]
    if len(words[0]) < MIN_PREFIX_CHARS or not words[0][:1].isupper():
        return None
    matches = [actor for name, actor in introduced.items()
               if len(name) > len(words) and name[:len(words)] == words]
    return matches[0] if len(matches) == 1 else None


# An acronym as news writes it in parentheses after a name: capitals, perhaps with small letters
# between them ("SDF", "USCG", "BoE"); at most eight letters.
ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,7}")
# Words of a name an acronym leaves out: articles and the small words between its capitals.
NAME_LINK_WORDS = frozenset({"the", "of", "for", "and", "on", "in", "de", "du", "des", "la", "le"})


def acronyms_after_their_names(ents) -> None:
    """Rule `acronym_after_its_name`: an acronym in parentheses right after a linked name
    stands for that name's actor wherever the article uses it ("the Syrian Democratic Forces
    (SDF) opposed the withdrawal ... the SDF said", "The Palestinian Authority (PA) ... Israel
    shared information with the PA"), where the model tagged it without an actor the
    dictionaries know, or tagged nothing. Only an acronym of the name's words
    (`abbreviates`): "Reuters (AP)" or "Israeli Grand Master (GM)" define nothing, and an
    actor the dictionaries give the acronym itself is kept."""
    if not ents:
        return
    doc = ents[0].doc
    introduced: dict[tuple[str, ...], dict] = {}
    for ent in ents:
        after = doc[ent.end:ent.end + 3]
        if (ent._.actor is None or len(after) < 3 or after[0].text != "("
                or after[2].text != ")" or not ACRONYM.fullmatch(after[1].text)
                or not abbreviates(after[1].text, ent)):
            continue
        introduced.setdefault((after[1].text,), ent._.actor)
    if not introduced:
        return
    for ent in ents:
        words = tuple(w for w in words_of(ent) if w.lower() != "the")
        if ent._.actor is None and words in introduced:
            ent._.actor = dict(introduced[words])
    _mark_unmarked_mentions(doc, introduced)


def abbreviates(acronym: str, name: Span) -> bool:
    """Whether `acronym`'s capitals are the initials of the name's capitalised words — an
    all-capital word giving all its letters ("UK Independence Party" → UKIP), small words left
    out ("Bank of England" → BoE) — or of those after a leading all-capital country code ("US
    Food and Drug Administration" → FDA)."""
    capitals = "".join(c for c in acronym if c.isupper())
    words = [t.text for t in name if t.text[:1].isupper() and t.lower_ not in NAME_LINK_WORDS]
    if not words:
        return False
    initials = [w if w.isupper() else w[0] for w in words]
    return "".join(initials) == capitals or (
        words[0].isupper() and "".join(initials[1:]) == capitals)
