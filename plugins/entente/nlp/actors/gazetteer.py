"""The actor gazetteer: countries, their names and metonyms, and named organisations.

Built from the files in `data/gazetteer/` (see its README.md):

- `countries.tsv`      ISO 3166-1 names, generated from pycountry by scripts/build_gazetteer.py
- `countries.yml`      curated short forms, demonyms, capitals, seats of government, places
- `organisations.yml`  agencies, ministries, militaries, IGOs, NGOs, armed groups, news agencies
- `roles.yml`          role words that make a country mention a country-sector actor
- `people.yml`         political leaders, coded as their country + sector ("Putin" → RUSGOV)

Actors are plain dicts {"actor_id", "name", "actor_type", "country_code", "code"}:
a country is "RUS"; a country-sector actor (derived) is "RUSGOV"; an organisation is "org:nasa".
Every alias maps to one or more `Candidate`s; choosing among them by context is the linker's job
(`entente.nlp.actors`). Loading takes a few tens of milliseconds and is cached per directory.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from entente.nlp.actors.names import fold, is_acronym, normalize  # noqa: F401 (re-exported)
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
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "place"})
PRIORS = {"country": 1.0, "demonym": 1.0, "seat": 1.0, "org": 1.0, "person": 1.0, "capital": 0.9,
          "place": 0.8}
WEAK_PRIOR = 0.5

@dataclass(frozen=True)
class Candidate:
    """One reading of an alias: which actor, what kind of name it is, and how much to trust it."""

    actor: dict
    kind: str          # country | demonym | capital | seat | place | org | person
    prior: float
    ambiguous: bool    # also a common word or person's name: needs a place-like NER label
    cues: frozenset    # lower-cased words whose presence in the doc favours this reading


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
        self._load_roles()
        self._load_countries()
        self._load_organisations()
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
            for alias in [org["name"], *org.get("aliases", []), *org.get("ambiguous", [])]:
                self._add(alias, actor, "org", set(), frozenset(), None)

    def _load_people(self) -> None:
        """Political leaders: the country-sector actor they stand for ("Putin" → RUSGOV); leaders
        of international organisations take the organisation's code ("Kofi Annan" → IGOUNO)."""
        if not (self.directory / "people.yml").exists():
            return
        data = self._read_yaml("people.yml")
        ambiguous = {fold(a) for a in data.get("ambiguous", [])}
        by_code = {}
        for org in self.organisations.values():
            if not org["country_code"]:
                by_code.setdefault(org["code"], org)
        seen: set[str] = set()
        for key, sectors in (data.get("people") or {}).items():
            for sector, names in (sectors or {}).items():
                if key in self.countries:
                    actor = self.derived(key, sector)
                else:
                    actor = by_code.get(sector) or {
                        "actor_id": sector, "name": sector, "country_code": None, "code": sector,
                        "actor_type": "igo" if sector.startswith("IGO") else "other"}
                for name in names or ():
                    folded = fold(str(name))
                    if not folded or folded in seen:
                        continue          # one reading per name: the first listed
                    seen.add(folded)
                    self._add_person(str(name), actor, folded in ambiguous)

    def _add_person(self, alias: str, actor: dict, ambiguous: bool) -> None:
        cand = Candidate(actor, "person", PRIORS["person"], ambiguous, frozenset())
        _insert(self._exact.setdefault(normalize(alias), []), cand)
        _insert(self._folded.setdefault(fold(alias), []), cand)

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
        """All readings of an alias, best prior first; case-sensitive match preferred."""
        found = self._exact.get(normalize(alias))
        if found is None:
            found = self._folded.get(fold(alias), [])
        return found

    def lookup(self, alias: str) -> list[dict]:
        """The actors an alias may denote, most likely first (no context applied)."""
        seen, out = set(), []
        for cand in self.candidates(alias):
            if cand.actor["actor_id"] not in seen:
                seen.add(cand.actor["actor_id"])
                out.append(dict(cand.actor))
        return out

    def is_ambiguous(self, alias: str) -> bool:
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


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> Gazetteer:
    return Gazetteer(Path(directory))


def load_gazetteer(directory: Path | str) -> Gazetteer:
    """The gazetteer in `directory`, loaded once per process."""
    return _load_cached(str(Path(directory).resolve()))
