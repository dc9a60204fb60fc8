"""The actor gazetteer: countries, their names and metonyms, and named organisations.

Built from the files in `data/gazetteer/` (see its README.md):

- `countries.tsv`      ISO 3166-1 names, generated from pycountry by scripts/build_gazetteer.py
- `countries.yml`      curated short forms, demonyms, capitals, seats of government, places
- `organisations.yml`  agencies, ministries, militaries, IGOs, NGOs, armed groups, news agencies
- `roles.yml`          role words that make a country mention a country-sector actor
- `people.yml`         political leaders, coded as their country + sector ("Putin" → RUSGOV)
- `historical_states.csv`  historical states, their dates and successors (states.py)
- `dictionary_*.tsv`   the event-data field's dictionaries, derived by
                       scripts/build_actor_dictionary.py: ~20,000 people, organisations, armed
                       groups and places with codes by date (dictionary.py); curated files first

Actors are plain dicts {"actor_id", "name", "actor_type", "country_code", "code"}:
a country is "RUS"; a country-sector actor (derived) is "RUSGOV"; an organisation is "org:nasa".
Every alias maps to one or more `Candidate`s; choosing among them by context is the linker's job
(`entente.nlp.actors`). A candidate with `dated` codes resolves by the article's date
(`actor_on`); a historical state's capital and its continuator's seats name that state while it
existed ("Moscow" in 1985 → SUN). Loading takes a few tenths of a second, once per process.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from entente.nlp.actors.dictionary import DatedCodes, Dictionary, load_dictionary
from entente.nlp.actors.names import fold, is_acronym, normalize  # noqa: F401 (re-exported)
from entente.nlp.actors.states import StateTable, load_states
from entente.settings import PACKAGE_PROJECT_DIR

DEFAULT_GAZETTEER = PACKAGE_PROJECT_DIR / "data" / "gazetteer"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ACTOR_TYPES = (
    "country", "government", "military", "police", "legislature", "judiciary",
    "igo", "ngo", "business", "media", "other",
)
SECTOR_LABELS = {
    "GOV": "government", "MIL": "military", "COP": "police", "LEG": "legislature",
    "JUD": "judiciary", "BUS": "business", "MED": "media", "NGO": "NGOs", "SPY": "intelligence",
    "EDU": "education", "HLH": "health", "REB": "rebels", "INS": "insurgents",
    "OPP": "opposition", "CVL": "civilians", "REF": "refugees", "LAB": "labour",
    "AGR": "agriculture", "ELI": "elites", "CRM": "criminals",
}

# Candidate kinds. Kinds whose actor is the country itself take role phrases ("Chinese troops").
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "place", "alias"})
PRIORS = {"country": 1.0, "demonym": 1.0, "seat": 1.0, "org": 1.0, "person": 1.0, "capital": 0.9,
          "place": 0.8, "alias": 0.8}
# Dictionary name kinds → candidate kinds (and the place kind they carry).
DICTIONARY_KINDS = {"person": ("person", None), "organisation": ("org", None),
                    "group": ("org", None), "country": ("country", "country"),
                    "capital": ("capital", "capital"), "city": ("place", "city"),
                    "region": ("place", "region"), "alias": ("alias", None)}
TRANSNATIONAL_TYPES = {"IGO": "igo", "NGO": "ngo", "IMG": "other"}
DICTIONARY_PRIOR = 0.7
WEAK_PRIOR = 0.5

@dataclass(frozen=True)
class Candidate:
    """One reading of an alias: which actor, what kind of name it is, and how much to trust it."""

    actor: dict
    kind: str          # country | demonym | capital | seat | place | org | person
    prior: float
    ambiguous: bool    # also a common word or person's name: needs a place-like NER label
    cues: frozenset    # lower-cased words whose presence in the doc favours this reading
    dated: DatedCodes | None = None    # codes by date (people and bodies of the dictionaries)
    place: str | None = None           # city | region | capital | country, when it names a place


def _country_actor(iso3: str, name: str) -> dict:
    return {"actor_id": iso3, "name": name, "actor_type": "country",
            "country_code": iso3, "code": iso3}


def _display_name(row: dict) -> str:
    """ISO's "Korea, Republic of" style names become "Republic of Korea"."""
    name = row["common_name"] or row["name"]
    if ", " in name:
        head, _, tail = name.partition(", ")
        if tail.endswith(" of") or tail.endswith(" of the"):
            return f"{tail[0].upper()}{tail[1:]} {head}".replace("The ", "the ", 1)
    return name


class Gazetteer:
    """Alias → candidate actors, actor ids → actors, and EntityRuler patterns."""

    def __init__(self, directory: Path, with_dictionary: bool = True):
        self.directory = Path(directory)
        self.countries: dict[str, dict] = {}
        self.organisations: dict[str, dict] = {}
        self.derived_seen: dict[str, dict] = {}
        self._exact: dict[str, list[Candidate]] = {}
        self._folded: dict[str, list[Candidate]] = {}
        self._ruler: dict[tuple[str, str], str] = {}          # (label, alias) -> actor_id
        self.ambiguous: set[str] = set()                       # folded aliases needing care
        self.country_terms: dict[str, str] = {}                # folded name/demonym -> ISO3
        self.place_terms: dict[str, str] = {}                  # folded capital/place -> ISO3
        self.country_term_max_len = 1
        self.roles: dict[str, str] = {}                        # role word -> sector
        self.org_keywords: list[tuple[str, str]] = []          # (folded keyword, sector)
        self.sector_types: dict[str, str] = {}
        self._org_by_code: dict[str, dict] = {}               # IGO code -> curated organisation
        self.states: StateTable = load_states(str(self.directory / "historical_states.csv"))
        self.dictionary: Dictionary | None = None
        self._dictionary: dict[str, list[Candidate]] = {}     # folded name -> dictionary readings
        self.agents: dict[str, str] = {}                       # dictionary agent word -> sector
        self.discards: frozenset[str] = frozenset()
        self._load_roles()
        self._load_countries()
        self._load_organisations()
        if with_dictionary:
            self._load_dictionary()
        self._load_people()

    # -- loading -------------------------------------------------------------------------------
    def _read_yaml(self, name: str):
        with (self.directory / name).open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader) or {}

    def _load_roles(self) -> None:
        data = self._read_yaml("roles.yml")
        self.sector_types = dict(data["sector_types"])
        for sector, words in data["roles"].items():
            for word in words:
                self.roles.setdefault(word.lower(), sector)
        for sector, words in data["org_keywords"].items():
            self.org_keywords.extend((fold(w), sector) for w in words)

    def _load_countries(self) -> None:
        curated = self._read_yaml("countries.yml")
        with (self.directory / "countries.tsv").open(encoding="utf-8", newline="") as fh:
            base = {row["alpha_3"]: row for row in csv.DictReader(fh, delimiter="\t")}
        for iso3 in curated:
            base.setdefault(iso3, {"alpha_3": iso3, "name": curated[iso3].get("name", iso3),
                                   "common_name": "", "official_name": ""})
        for extra in curated.values():
            self.ambiguous |= {fold(a) for a in (extra or {}).get("ambiguous", [])}
        for iso3, row in base.items():
            extra = curated.get(iso3) or {}
            name = extra.get("name") or _display_name(row)
            actor = _country_actor(iso3, name)
            self.countries[iso3] = actor
            weak = {fold(a) for a in extra.get("weak", [])}
            cues = frozenset(c.lower() for c in extra.get("cues", []))
            names = [name, row["name"], row.get("common_name"), row.get("official_name"),
                     *extra.get("aliases", [])]
            if ", " in row["name"]:
                names.remove(row["name"])       # "Korea, Republic of" is no one's way of writing
            groups = [("country", names), ("demonym", extra.get("demonyms", [])),
                      ("capital", extra.get("capitals", [])), ("place", extra.get("places", []))]
            for kind, aliases in groups:
                for alias in aliases:
                    if alias:
                        self._add(alias, actor, kind, weak, cues, iso3)
            for alias, sector in (extra.get("seats") or {}).items():
                self._add(alias, self.derived(iso3, sector), "seat", weak, cues, iso3)
            for alias in extra.get("force", []):    # names the NER misses: always a place
                self._ruler.setdefault(("GPE", normalize(alias)), iso3)

    def _load_organisations(self) -> None:
        orgs = self._read_yaml("organisations.yml")["organisations"]
        for org in orgs:
            self.ambiguous |= {fold(a) for a in org.get("ambiguous", [])}
        for org in orgs:
            actor = {"actor_id": f"org:{org['id']}", "name": org["name"],
                     "actor_type": org["type"], "country_code": org.get("country"),
                     "code": org["code"]}
            if actor["actor_type"] not in ACTOR_TYPES:
                raise ValueError(f"organisations.yml: {org['id']}: unknown type {org['type']!r}")
            self.organisations[actor["actor_id"]] = actor
            if not actor["country_code"]:
                self._org_by_code.setdefault(actor["code"], actor)
            for alias in [org["name"], *org.get("aliases", []), *org.get("ambiguous", [])]:
                self._add(alias, actor, "org", set(), frozenset(), None)

    def _load_people(self) -> None:
        """Political leaders: the country-sector actor they stand for ("Putin" → RUSGOV); leaders
        of international organisations take the organisation's code ("Kofi Annan" → IGOUNO).
        The dictionary's dated codes for the same person refine the reading (`_dates_of`)."""
        if not (self.directory / "people.yml").exists():
            return
        data = self._read_yaml("people.yml")
        ambiguous = {fold(a) for a in data.get("ambiguous", [])}
        seen: set[str] = set()
        for key, sectors in (data.get("people") or {}).items():
            for sector, names in (sectors or {}).items():
                actor = self._person_actor(key, sector)
                names = [str(n) for n in names or ()]
                for name in names:
                    folded = fold(name)
                    if not folded or folded in seen:
                        continue          # one reading per name: the first listed
                    seen.add(folded)
                    dated = self._dates_of(name, names, actor)
                    self._add_person(name, actor, folded in ambiguous, dated)

    def _person_actor(self, key: str, sector: str) -> dict:
        if key in self.countries:
            return self.derived(key, sector)
        return self.transnational(sector)

    def _dates_of(self, name: str, names: list[str], actor: dict) -> DatedCodes | None:
        """The dictionary's dated codes for a curated person (`curated_person_dates`): those of
        the dictionary entries with this name, or for a surname alone those of the listed full
        names ending with it ("Honecker" → "Erich Honecker"), for entries of the same country."""
        if self.dictionary is None:
            return None
        key = fold(name)
        keys = [key] if " " in key else [k for k in _folded_all(tuple(names))
                                         if " " in k and k.rsplit(" ", 1)[1] == key] or [key]
        home = actor["country_code"] or actor["code"][:3]
        found: DatedCodes | None = None
        for folded in keys:
            for number, kind in self.dictionary.names.get(folded, ()):
                codes = self.dictionary.entry(number).codes
                if kind == "person" and any(self.states.same_country(home, c)
                                            for c in codes.countries()):
                    found = codes if found is None else found.merged(codes)
        return found

    def _add_person(self, alias: str, actor: dict, ambiguous: bool,
                    dated: DatedCodes | None = None) -> None:
        cand = Candidate(actor, "person", PRIORS["person"], ambiguous, frozenset(), dated)
        _insert(self._exact.setdefault(normalize(alias), []), cand)
        _insert(self._folded.setdefault(fold(alias), []), cand)

    def _load_dictionary(self) -> None:
        """The field's dictionaries (derived tables), consulted for names the curated files lack
        (`curated_first`); their candidates are made when a name is first looked up."""
        self.dictionary = load_dictionary(str(self.directory))
        if self.dictionary is not None:
            self.agents, self.discards = self.dictionary.agents, self.dictionary.discards

    def _dictionary_candidates(self, key: str) -> list[Candidate]:
        """The dictionary's readings of a folded name; one-word names of people need spaCy's
        PERSON label (they are surnames)."""
        found = self._dictionary.get(key)
        if found is not None or self.dictionary is None:
            return found or []
        found = self._dictionary[key] = []
        for number, name_kind in self.dictionary.names.get(key, ()):
            entry = self.dictionary.entry(number)
            kind, place = DICTIONARY_KINDS[name_kind]
            actor = self.actor_for_code(entry.codes.code_on(None), None)
            if actor is not None:
                ambiguous = kind == "person" and " " not in key
                self._add_dictionary(found, Candidate(actor, kind, DICTIONARY_PRIOR, ambiguous,
                                                      frozenset(), entry.codes, place))
        return found

    def _add_dictionary(self, cands: list[Candidate], cand: Candidate) -> None:
        """Entries of one kind and country sharing a name become one candidate whose dates
        decide ("President Bush": George H. W. Bush in 1990, George W. Bush in 2005)."""
        for i, old in enumerate(cands):
            if old.kind == cand.kind and any(
                    self.states.same_country(a, b)
                    for a in old.dated.countries() for b in cand.dated.countries()):
                dated = old.dated.merged(cand.dated)
                actor = self.actor_for_code(dated.code_on(None), None) or old.actor
                cands[i] = replace(old, dated=dated, actor=actor)
                return
        cands.append(cand)

    def _add(self, alias: str, actor: dict, kind: str, weak: set, cues: frozenset,
             iso3: str | None) -> None:
        surface, key = normalize(str(alias)), fold(str(alias))
        if not key:
            return
        ambiguous = key in self.ambiguous
        prior = WEAK_PRIOR if key in weak else PRIORS[kind]
        cand = Candidate(actor, kind, prior, ambiguous, cues)
        _insert(self._exact.setdefault(surface, []), cand)
        acronym = is_acronym(surface)
        if not acronym:
            _insert(self._folded.setdefault(key, []), cand)
        if iso3 and kind != "seat" and not ambiguous and key not in weak:
            # for spotting a country inside an organisation's name; capitals and places only
            # count at the start of the name or after "of" ("Morgan Stanley" is not in FLK)
            terms = self.country_terms if kind in ("country", "demonym") else self.place_terms
            terms.setdefault(surface if acronym else key, iso3)
            self.country_term_max_len = max(self.country_term_max_len, key.count(" ") + 1)
        if not ambiguous and (kind in ("org", "seat") or (kind == "place" and " " in surface)):
            label = "ORG" if kind in ("org", "seat") else "GPE"
            self._ruler.setdefault((label, surface), actor["actor_id"])

    # -- queries -------------------------------------------------------------------------------
    def candidates(self, alias: str) -> list[Candidate]:
        """All readings of an alias, best prior first; case-sensitive match preferred; the
        dictionaries only for names the curated files lack."""
        found = self._exact.get(normalize(alias))
        if found is None:
            key = fold(alias)
            found = self._folded.get(key) or self._dictionary_candidates(key)
        return found

    def is_discarded(self, alias: str) -> bool:
        """A name of the dictionaries' discard list (sport, culture: "Champions League")."""
        return fold(alias) in self.discards

    # -- codes and dates -------------------------------------------------------------------------
    def actor_for_code(self, code: str | None, day: date | None) -> dict | None:
        """The actor a code stands for on `day`: a country (by its name then: "West Germany"), a
        country-sector actor ("SUNGOV"), or an IGO/NGO/IMG; None for "no actor" or unknown."""
        if not code or code == "-":
            return None
        prefix, sector = code[:3], code[3:6]
        if prefix in TRANSNATIONAL_TYPES:      # a bare "IGO" (out of office) is no actor
            return self.transnational(code[:6]) if len(code) >= 6 else None
        if prefix not in self.countries:
            return None
        prefix = self.states.current_code(prefix, day)
        actor = self.derived(prefix, sector) if sector in self.sector_types else \
            self.countries[prefix]
        era = self.states.era_name(prefix, day)
        if era is None:
            return actor
        label = f" ({SECTOR_LABELS.get(sector, sector)})" if actor["code"] != prefix else ""
        return {**actor, "actor_id": f"{actor['actor_id']}@{era.valid_until}",
                "name": f"{era.name}{label}"}

    def transnational(self, code: str) -> dict:
        """An IGO, NGO or transnational armed group by code: the curated organisation when one
        has it ("IGOUNO" → United Nations), else a plain actor of that code."""
        org = self._org_by_code.get(code)
        if org is not None:
            return org
        return {"actor_id": code, "name": code, "country_code": None, "code": code,
                "actor_type": TRANSNATIONAL_TYPES.get(code[:3], "other")}

    def actor_on(self, cand: Candidate, alias: str, day: date | None) -> dict | None:
        """A candidate's actor on the article's date (`day`, None when unknown): dated codes
        decide (dictionary.py); a historical state's capital and its continuator's seats name that
        state while it existed (`historical_capital`: "Moscow" and "the Kremlin" in 1985 → SUN);
        countries take their name of the time (`era_name`: "Germany" in 1985 → West Germany)."""
        if cand.dated is not None:
            return self.actor_for_code(cand.dated.code_on(day), day)
        actor = cand.actor
        if day is None or actor["actor_id"] != actor["code"] or not actor["country_code"]:
            return actor                            # named organisations keep their reading
        code, country = actor["code"], actor["country_code"]
        if country in self.states.states:
            return actor        # the state's own name ("East Germany acceded ...") at any date
        state = None
        if cand.kind == "capital":
            state = self.states.state_of_capital(alias, day)
        elif cand.kind == "seat":
            state = self.states.continued_state(country, day)
        return self.actor_for_code((state or country) + code[3:], day)

    def lookup(self, alias: str) -> list[dict]:
        """The actors an alias may denote, most likely first (no context applied)."""
        seen, out = set(), []
        for cand in self.candidates(alias):
            if cand.actor["actor_id"] not in seen:
                seen.add(cand.actor["actor_id"])
                out.append(dict(cand.actor))
        return out

    def is_ambiguous(self, alias: str) -> bool:
        """True for curated aliases that are also words or people's names."""
        return fold(alias) in self.ambiguous

    def derived(self, iso3: str, sector: str) -> dict:
        """The country-sector actor, e.g. ("RUS", "GOV") → RUSGOV "Russia (government)"."""
        actor_id = f"{iso3}{sector}"
        actor = self.derived_seen.get(actor_id)
        if actor is None:
            country = self.countries[iso3]
            actor = {"actor_id": actor_id,
                     "name": f"{country['name']} ({SECTOR_LABELS.get(sector, sector)})",
                     "actor_type": self.sector_types.get(sector, "other"),
                     "country_code": iso3, "code": actor_id}
            self.derived_seen[actor_id] = actor
        return actor

    def actor(self, actor_id: str) -> dict | None:
        """An actor by id: "RUS", "RUSGOV" (derived), "org:nasa"; None when unknown."""
        if actor_id in self.countries:
            return dict(self.countries[actor_id])
        if actor_id in self.organisations:
            return dict(self.organisations[actor_id])
        iso3, sector = actor_id[:3], actor_id[3:]
        if len(actor_id) == 6 and iso3 in self.countries and sector in self.sector_types:
            return dict(self.derived(iso3, sector))
        return None

    def rows(self) -> list[dict]:
        """Every country, organisation and country-sector actor named in the gazetteer files."""
        seats = {c.actor["actor_id"]: c.actor for cands in self._exact.values()
                 for c in cands if c.kind == "seat"}
        merged = {**self.countries, **seats, **self.organisations}
        return [dict(a) for a in merged.values()]

    def patterns(self) -> list[dict]:
        """EntityRuler phrase patterns for names spaCy's NER misses or mislabels.

        Organisations, seats of government and multi-word places only. Country names, capitals and
        one-word places are left to the NER, which mostly gets them right, knows "Bank of England"
        is not a country mention and "Virginia Woolf" is a person; ambiguous aliases are never
        forced."""
        return [{"label": label, "pattern": alias, "id": actor_id}
                for (label, alias), actor_id in sorted(self._ruler.items())]

    def country_in_name(self, words: Iterable[str]) -> str | None:
        """ISO3 of the first country name or demonym inside a multi-word organisation name, or
        of a capital/place that starts it or follows "of" ("London Stock Exchange",
        "University of California")."""
        words = list(words)
        folded = [fold(w) for w in words]
        n = len(words)
        for i in range(n):
            place_ok = i == 0 or folded[i - 1] == "of"
            for size in range(min(self.country_term_max_len, n - i), 0, -1):
                exact = " ".join(words[i:i + size])
                key = " ".join(folded[i:i + size])
                iso3 = self.country_terms.get(exact) or self.country_terms.get(key)
                if iso3 is None and place_ok:
                    iso3 = self.place_terms.get(exact) or self.place_terms.get(key)
                if iso3:
                    return iso3
        return None

    def sector_of_org_name(self, folded_name: str) -> str | None:
        """The sector an organisation's name gives by its keywords ("Ministry" → GOV)."""
        padded = f" {folded_name} "
        for keyword, sector in self.org_keywords:
            if f" {keyword} " in padded:
                return sector
        return None

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows())

    def stats(self) -> dict:
        return {"countries": len(self.countries), "organisations": len(self.organisations),
                "aliases": len(self._exact), "patterns": len(self._ruler)}


def _insert(cands: list[Candidate], cand: Candidate) -> None:
    """Keep one candidate per actor (the strongest), ordered by prior."""
    for i, old in enumerate(cands):
        if old.actor["actor_id"] == cand.actor["actor_id"]:
            if cand.prior > old.prior:
                cands[i] = cand
            break
    else:
        cands.append(cand)
    cands.sort(key=lambda c: -c.prior)


@lru_cache(maxsize=64)
def _folded_all(names: tuple[str, ...]) -> list[str]:
    return [fold(n) for n in names]


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> Gazetteer:
    return Gazetteer(Path(directory))


def load_gazetteer(directory: Path | str) -> Gazetteer:
    """The gazetteer in `directory`, loaded once per process."""
    return _load_cached(str(Path(directory).resolve()))
