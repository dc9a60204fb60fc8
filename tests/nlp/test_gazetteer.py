"""The actor gazetteer: files load fast, aliases resolve, ids round-trip (no spaCy model needed)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from entente.nlp.actors.gazetteer import ACTOR_TYPES, Gazetteer, fold, load_gazetteer, normalize

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
KEYS = {"actor_id", "name", "actor_type", "country_code", "code"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(GAZETTEER_DIR)


def first(gaz: Gazetteer, alias: str) -> str | None:
    found = gaz.lookup(alias)
    return found[0]["actor_id"] if found else None


def test_loads_and_is_cached():
    fresh = Gazetteer(GAZETTEER_DIR)
    assert load_gazetteer(GAZETTEER_DIR) is load_gazetteer(str(GAZETTEER_DIR))
    assert fresh.stats()["countries"] >= 250


def test_every_iso_country_is_an_actor(gaz):
    with (GAZETTEER_DIR / "countries.tsv").open(encoding="utf-8") as fh:
        iso3 = {row["alpha_3"] for row in csv.DictReader(fh, delimiter="\t")}
    assert len(iso3) >= 249
    for code in iso3 | {"XKX", "PSE", "TWN"}:
        actor = gaz.actor(code)
        assert actor == {"actor_id": code, "name": actor["name"], "actor_type": "country",
                         "country_code": code, "code": code}
        assert "," not in actor["name"] or code in {"BES", "SHN"}


@pytest.mark.parametrize("alias, expected", [
    ("United States", "USA"), ("the United States", "USA"), ("U.S.", "USA"), ("US", "USA"),
    ("USA", "USA"), ("America", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("Russia", "RUS"),
    ("Russian Federation", "RUS"), ("Iran", "IRN"), ("Syria", "SYR"), ("Vietnam", "VNM"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("Czechia", "CZE"),
    ("Czech Republic", "CZE"), ("Holland", "NLD"), ("Kosovo", "XKX"), ("Taiwan", "TWN"),
    ("Palestine", "PSE"), ("Republic of Korea", "KOR"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("RUSSIA", "RUS"), ("Baikonur", "KAZ"), ("Baikonur Cosmodrome", "KAZ"),
    ("Cape Canaveral", "USA"), ("Gaza Strip", "PSE"),
])
def test_country_names_and_short_forms(gaz, alias, expected):
    assert first(gaz, alias) == expected


@pytest.mark.parametrize("alias, expected", [
    ("American", "USA"), ("British", "GBR"), ("Russian", "RUS"), ("Chinese", "CHN"),
    ("Israeli", "ISR"), ("Palestinian", "PSE"), ("Ukrainians", "UKR"), ("Kosovar", "XKX"),
])
def test_demonyms(gaz, alias, expected):
    assert first(gaz, alias) == expected


@pytest.mark.parametrize("alias, expected", [
    ("Moscow", "RUS"), ("Washington", "USA"), ("Beijing", "CHN"), ("Tokyo", "JPN"),
    ("Kiev", "UKR"), ("Kyiv", "UKR"), ("Tehran", "IRN"), ("the Kremlin", "RUSGOV"),
    ("the White House", "USAGOV"), ("Downing Street", "GBRGOV"), ("the Elysee", "FRAGOV"),
    ("Élysée", "FRAGOV"), ("Capitol Hill", "USALEG"),
])
def test_capitals_and_seats_of_government(gaz, alias, expected):
    assert first(gaz, alias) == expected


@pytest.mark.parametrize("alias, actor_id, code, country", [
    ("NASA", "org:nasa", "USAGOV", "USA"), ("Roscosmos", "org:roscosmos", "RUSGOV", "RUS"),
    ("ESA", "org:esa", "IGOESA", None), ("JAXA", "org:jaxa", "JPNGOV", "JPN"),
    ("ISRO", "org:isro", "INDGOV", "IND"), ("CNSA", "org:cnsa", "CHNGOV", "CHN"),
    ("the Pentagon", "org:us-dod", "USAMIL", "USA"), ("State Department", "org:us-state-department", "USAGOV", "USA"),
    ("Bundeswehr", "org:bundeswehr", "DEUMIL", "DEU"), ("PLA", "org:pla", "CHNMIL", "CHN"),
    ("UN", "org:un", "IGOUNO", None), ("United Nations", "org:un", "IGOUNO", None),
    ("UN Security Council", "org:unsc", "IGOUNO", None), ("WHO", "org:who", "IGOWHO", None),
    ("UNICEF", "org:unicef", "IGOUNO", None), ("IAEA", "org:iaea", "IGOIAE", None),
    ("EU", "org:eu", "IGOEUR", None), ("European Commission", "org:eu", "IGOEUR", None),
    ("NATO", "org:nato", "IGONAT", None), ("African Union", "org:au", "IGOAFU", None),
    ("G20", "org:g20", "IGOG20", None), ("Gavi, the Vaccine Alliance", "org:gavi", "IGOGAV", None),
    ("Red Cross", "org:icrc", "NGORCR", None), ("Hamas", "org:hamas", "PSEREB", "PSE"),
    ("TASS", "org:tass", "RUSMED", "RUS"), ("Xinhua", "org:xinhua", "CHNMED", "CHN"),
    ("Reuters", "org:reuters", "GBRMED", "GBR"),
])
def test_organisations(gaz, alias, actor_id, code, country):
    actor = gaz.lookup(alias)[0]
    assert (actor["actor_id"], actor["code"], actor["country_code"]) == (actor_id, code, country)


def test_acronyms_are_case_sensitive(gaz):
    assert gaz.lookup("who") == []
    assert gaz.lookup("Us") == []
    assert first(gaz, "us") is None


def test_shared_aliases_keep_all_readings_in_prior_order(gaz):
    assert [a["actor_id"] for a in gaz.lookup("Congo")] == ["COD", "COG"]
    assert [a["actor_id"] for a in gaz.lookup("Georgia")] == ["GEO", "USA"]
    assert gaz.is_ambiguous("Jordan") and gaz.is_ambiguous("Washington")
    assert not gaz.is_ambiguous("Russia")


def test_derived_country_sector_actors(gaz):
    assert gaz.actor("RUSGOV") == {"actor_id": "RUSGOV", "name": "Russia (government)",
                                   "actor_type": "government", "country_code": "RUS", "code": "RUSGOV"}
    assert gaz.actor("USAMIL")["actor_type"] == "military"
    assert gaz.actor("org:nasa")["code"] == "USAGOV"
    assert gaz.actor("XXXGOV") is None and gaz.actor("nonsense") is None


def test_rows_are_complete_and_valid(gaz):
    rows = gaz.rows()
    ids = [r["actor_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {"RUS", "USA", "KAZ", "RUSGOV", "USAGOV", "org:nasa", "org:roscosmos"} <= set(ids)
    for row in rows:
        assert set(row) == KEYS
        assert row["actor_type"] in ACTOR_TYPES
        assert all(v is None or isinstance(v, str) for v in row.values())
        if row["country_code"]:
            assert gaz.actor(row["country_code"])["actor_type"] == "country"
            assert row["code"].startswith(row["country_code"])
        else:
            assert row["code"][:3] in {"IGO", "NGO", "IMG"}


def test_lookup_returns_copies(gaz):
    gaz.lookup("Russia")[0]["name"] = "changed"
    assert gaz.actor("RUS")["name"] == "Russia"


def test_patterns_cover_organisations_not_ambiguous_names(gaz):
    patterns = {(p["label"], p["pattern"]): p["id"] for p in gaz.patterns()}
    assert patterns[("ORG", "Roscosmos")] == "org:roscosmos"
    assert patterns[("ORG", "NASA")] == "org:nasa"
    assert patterns[("ORG", "Kremlin")] == "RUSGOV"
    forced = {p for _, p in patterns}
    assert not forced & {"Jordan", "Georgia", "Washington", "Russia", "CSA", "Congress"}


def test_normalisation():
    assert normalize("the  Kremlin’s") == "Kremlin"
    assert fold("Élysée") == fold("Elysee") == "elysee"
    assert fold("U.K.") == "uk"


def test_people_are_coded_as_their_government(gaz):
    assert gaz.lookup("Vladimir Putin")[0]["code"] == "RUSGOV"
    assert gaz.lookup("Mugabe")[0]["code"] == "ZWEGOV"
    assert gaz.lookup("Kofi Annan")[0]["code"] == "IGOUNO"
    # names of people are never forced on the text by the EntityRuler
    patterns = {p["pattern"] for p in gaz.patterns()}
    assert "Vladimir Putin" not in patterns and "Putin" not in patterns


def test_armed_groups_and_old_igo_names(gaz):
    assert gaz.lookup("PKK")[0]["code"] == "TURREB"
    assert gaz.lookup("European Community")[0]["code"] == "IGOEUR"
