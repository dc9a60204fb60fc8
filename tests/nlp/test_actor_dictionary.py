"""The field's dictionaries: reading the PETRARCH syntax, normalising codes, dropping noise, and
resolving codes by date (scripts/build_actor_dictionary.py, entente.nlp.actors.dictionary)."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from entente.nlp.actors.dictionary import CodeRange, DatedCodes, load_dictionary_tables, parse_codes
from entente.nlp.actors.gazetteer import Gazetteer
from entente.nlp.actors.states import StateTable

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER_DIR = ROOT / "data" / "gazetteer"
SHARED_DICTIONARIES = ROOT.parent / "shared" / "dictionaries"
SPEC = importlib.util.spec_from_file_location("build_actor_dictionary",
                                              ROOT / "scripts" / "build_actor_dictionary.py")
build = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = build          # dataclasses look their module up while it loads
SPEC.loader.exec_module(build)

D = date.fromisoformat


# ------------------------------------------------------------------------------ reading the syntax

@pytest.mark.parametrize("text, expected", [
    ("850311", date(1985, 3, 11)),
    ("300101", date(2030, 1, 1)),          # PETRARCH's pivot: 00-30 is 20YY
    ("310101", date(1931, 1, 1)),
    ("19290101", date(1929, 1, 1)),
])
def test_dates_read_like_petrarch(text, expected):
    assert build.parse_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "851332", "abc", "9999999999"])
def test_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        build.parse_date(text)


@pytest.mark.parametrize("text, expected", [
    ("RUSGOV 850311-910824", build.CodeRange("RUSGOV", D("1985-03-11"), D("1991-08-24"))),
    ("USAGOV >090120", build.CodeRange("USAGOV", D("2009-01-20"), None)),
    ("USRARM <900823", build.CodeRange("USRARM", None, D("1990-08-23"))),
    ("USAGOV > 090120", build.CodeRange("USAGOV", D("2009-01-20"), None)),
    ("USAELI", build.CodeRange("USAELI", default=True)),
])
def test_code_ranges(text, expected):
    assert build.parse_code(text) == expected


def test_reversed_range_is_refused():
    with pytest.raises(ValueError):
        build.parse_code("USAGOV 900101-850101")


def test_entries_names_and_codes(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(
        "# a comment\n"
        "FREEDONIA_  [FRD]\n+FREEDONIAN_\n+SYLVANIA_CITY\n\n"
        "RUFUS_T._FIREFLY_  # CountryInfo.txt\n+FIREFLY\n"
        "PRESIDENT_FIREFLY\n"                      # unmarked before any code: another name
        "\t[FRDELI 300101-330101]\n\t[FRDGOV 330101-350101]\n\t[FRDELI]\n"
        "AMBASSADOR_TRENTINO_ [SYLGOV 330101-340101] [---]\n", encoding="utf-8")
    entries = build.read_actor_file(path, "countries")
    assert [e.names for e in entries] == [
        ["FREEDONIA_", "FREEDONIAN_", "SYLVANIA_CITY"],
        ["RUFUS_T._FIREFLY_", "FIREFLY", "PRESIDENT_FIREFLY"],
        ["AMBASSADOR_TRENTINO_"]]
    assert entries[1].raw_codes == ["FRDELI 300101-330101", "FRDGOV 330101-350101", "FRDELI"]
    assert entries[1].comment == "CountryInfo.txt"
    assert entries[2].raw_codes == ["SYLGOV 330101-340101", "---"]


@pytest.mark.parametrize("raw, expected", [
    ("MIKHAIL_S._GORBACHEV_", "MIKHAIL S. GORBACHEV"),
    ("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_", "ADEN ABYAN ISLAMIC ARMY"),
    ("US_PREsident George Bush", "US PRESIDENT GEORGE BUSH"),
    ("ARMY_OF_MOHAMMED+_ISLAMIC_ADEN_ARMY_", None),
    ("COTE_D\ufffdIVOIRE_", None),
    ("1914", None),
])
def test_clean_names(raw, expected):
    assert build.clean_name(raw) == expected


# ------------------------------------------------------------------------------ codes

@pytest.fixture(scope="module")
def rules():
    gazetteer = Gazetteer(GAZETTEER_DIR, with_dictionary=False)
    states = StateTable(GAZETTEER_DIR / "historical_states.csv")
    return build.CodeRules(set(gazetteer.countries), set(gazetteer.sector_types), states,
                           build.Stats())


@pytest.mark.parametrize("code, start, end, expected", [
    # Soviet officials coded RUS in the dictionary: ranges that end before 1991-12-26 are SUN
    ("RUSGOV", "1985-03-11", "1991-08-24", [("SUNGOV", "1985-03-11", "1991-08-24")]),
    ("RUSGOV", "1991-12-26", "1999-12-31", [("RUSGOV", "1991-12-26", "1999-12-31")]),
    # constituent republics keep their own code; USR is the dictionary's old Soviet prefix
    ("USRARM", None, "1990-08-23", [("ARM", None, "1990-08-23")]),
    ("SUNRUS", "1917-11-09", "1991-12-25", [("RUS", "1917-11-09", "1991-12-25")]),
    # stacked codes keep their first sector; sectors Entente lacks fall back to the country
    ("CYPGOVBUS", "2003-03-01", "2006-06-30", [("CYPGOV", "2003-03-01", "2006-06-30")]),
    ("IGOUNOREFHCR", None, None, [("IGOUNO", None, None)]),
    ("USAUAF", None, None, [("USA", None, None)]),
    # the Federal Republic of Yugoslavia (1992-2003) is YUG, Serbia and Montenegro after
    ("SCG", "1992-04-28", "2006-06-05", [("YUG", "1992-04-28", "2003-02-03"),
                                         ("SCG", "2003-02-04", "2006-06-05")]),
    ("KNTGOV", None, None, []),          # Kinakuta: a fictional country of the file
    ("MNCUSA", None, None, []),          # companies are not actors here
])
def test_code_normalisation(rules, code, start, end, expected):
    cr = build.CodeRange(code, D(start) if start else None, D(end) if end else None,
                         default=start is None and end is None)
    got = rules.normalise(cr)
    assert [(c.code, c.start and c.start.isoformat(), c.end and c.end.isoformat())
            for c in got] == expected


# ------------------------------------------------------------------------------ noise rules

WORDS = {"major", "begin", "turkey", "national", "assembly", "supreme", "court", "bush", "president"}


@pytest.mark.parametrize("rule, name, kind, dropped", [
    (build.one_word_under_four_letters, "ANC", "organisation", True),
    (build.one_word_under_four_letters, "U.N.", "organisation", True),
    (build.one_word_under_four_letters, "PUTIN", "person", False),
    (build.common_english_word, "MAJOR", "person", True),
    (build.common_english_word, "TURKEY", "country", True),
    (build.common_english_word, "GORBACHEV", "person", False),
    (build.generic_phrase, "NATIONAL ASSEMBLY", "organisation", True),
    (build.generic_phrase, "SUPREME COURT OF THE REPUBLIC", "organisation", False),
    (build.generic_phrase, "PRESIDENT BUSH", "person", False),
])
def test_name_rules(rule, name, kind, dropped):
    assert rule(name, WORDS, kind) is dropped


def test_names_shared_across_countries_are_dropped():
    states = StateTable(GAZETTEER_DIR / "historical_states.csv")
    a = build.Entry("countries", names=["IVAN PETROV", "PETROV"],
                    codes=[build.CodeRange("RUSGOV", default=True)])
    b = build.Entry("countries", names=["STOYAN PETROV", "PETROV"],
                    codes=[build.CodeRange("BGRGOV", default=True)])
    c = build.Entry("countries", names=["GORBACHEV"],
                    codes=[build.CodeRange("SUNGOV", D("1985-03-11"), D("1991-08-24")),
                           build.CodeRange("RUSELI", default=True)])
    stats = build.Stats()
    build.drop_shared_names([a, b, c], states, stats)
    assert (a.names, b.names, c.names) == (["IVAN PETROV"], ["STOYAN PETROV"], ["GORBACHEV"])
    assert stats["name: shared_across_countries"] == 2


def test_a_name_listed_with_and_without_a_title_is_one_name():
    """Queen Elizabeth II is listed under St Kitts and Nevis with her title and under Britain
    without it: one name of two countries, like a shared surname. A two-word name keeps its
    first word (President Bush is not "Bush")."""
    states = StateTable(GAZETTEER_DIR / "historical_states.csv")
    a = build.Entry("countries", names=["QUEEN ELIZABETH II"], codes=[build.CodeRange("KNAELI", default=True)])
    b = build.Entry("countries", names=["ELIZABETH II", "WINDSOR"], codes=[build.CodeRange("GBRGOV", default=True)])
    c = build.Entry("countries", names=["PRESIDENT BUSH"], codes=[build.CodeRange("USAGOV", default=True)])
    d = build.Entry("countries", names=["BUSH"], codes=[build.CodeRange("GBRBUS", default=True)])
    build.drop_shared_names([a, b, c, d], states, build.Stats())
    assert (a.names, b.names, c.names, d.names) == ([], ["WINDSOR"], ["PRESIDENT BUSH"], ["BUSH"])
    assert build.bare_name("King Abdullah II") == "abdullah ii"


def test_agent_words_with_plurals_and_substitutions(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text("!MINIST! = MINISTER, MINISTRY\nPOLICE {} [~COP]\nDEPUTY_!MINIST! [~GOV]\n"
                    "ARMY [~MIL]\nBISHOP [~CHR]\n", encoding="utf-8")
    stats = build.Stats()
    agents = build.read_agents(path, {"COP", "GOV", "MIL"}, stats)
    # substitution sets list their own forms (as in PETRARCH: no plural is added to them)
    assert agents == {"police": "COP", "deputy minister": "GOV", "deputy ministry": "GOV",
                      "army": "MIL", "armies": "MIL"}
    assert stats["agent: sector unknown to Entente"] == 1


# ------------------------------------------------------------------------------ dates

def R(code, start=None, end=None):
    return CodeRange(code, D(start) if start else None, D(end) if end else None)


GORBACHEV = DatedCodes((R("SUNELI", "1948-01-01", "1985-03-11"),
                        R("SUNGOV", "1985-03-11", "1991-08-24"),
                        R("SUNGOV", "1990-03-15", "1991-12-25")), ("RUSELI",))
BUSHES = DatedCodes((R("USAELI", "1942-01-01", "1971-02-16"), R("USAGOV", "1989-01-20", "1993-01-20"),
                     R("USAELI", "1964-01-01", "2001-01-20"), R("USAGOV", "2001-01-20", "2009-01-20")),
                    ("USAELI",))
KISSINGER = DatedCodes((R("USAGOV", "1973-09-22", "1977-01-20"),))
GUEHENNO = DatedCodes((R("IGOUNO", "2000-01-01", "2008-08-01"),), ("-",))


@pytest.mark.parametrize("codes, day, expected", [
    (GORBACHEV, "1990-06-01", "SUNGOV"),      # range_holds
    (GORBACHEV, "1980-06-01", "SUNELI"),
    (GORBACHEV, "1995-06-01", "RUSELI"),      # default_outside_ranges
    (GORBACHEV, None, "SUNGOV"),              # latest_without_date
    (BUSHES, "1990-06-01", "USAGOV"),         # "President Bush" in 1990 ...
    (BUSHES, "2005-06-01", "USAGOV"),         # ... and in 2005 (the later start wins)
    (BUSHES, "1995-06-01", "USAELI"),
    (KISSINGER, "1975-01-01", "USAGOV"),
    (KISSINGER, "1990-01-01", "USA"),         # country_out_of_office
    (GUEHENNO, "2010-01-01", None),           # "-": no actor then
    (GUEHENNO, None, "IGOUNO"),
])
def test_code_on_date(codes, day, expected):
    assert codes.code_on(D(day) if day else None) == expected


def test_codes_cell_round_trip():
    cell = "SUNGOV:1985-03-11:1991-08-24|RUSGOV:1991-12-26:|RUSELI::"
    codes = parse_codes(cell)
    assert codes.ranges == (R("SUNGOV", "1985-03-11", "1991-08-24"), R("RUSGOV", "1991-12-26"))
    assert codes.defaults == ("RUSELI",)
    assert "|".join(build.CodeRange(r.code, r.start, r.end).cell() for r in codes.ranges) + \
        "|RUSELI::" == cell


# ------------------------------------------------------------------------------ the shipped tables

@pytest.mark.parametrize("table", ["dictionary_actors.tsv", "dictionary_names.tsv",
                                   "dictionary_agents.tsv", "dictionary_discards.tsv"])
def test_shipped_tables_keep_the_notice(table):
    head = (GAZETTEER_DIR / table).read_text(encoding="utf-8")[:3000]
    assert head.startswith("# Derived by scripts/build_actor_dictionary.py from Phoenix.")
    assert "# MIT License" in head and "Open Event Data Alliance" in head
    assert "# THE SOFTWARE IS PROVIDED \"AS IS\"" in head


def test_shipped_tables_load():
    tables = load_dictionary_tables(GAZETTEER_DIR)
    assert len(tables.names) > 20_000
    assert tables.agents["police"] == "COP"
    assert "champions league" in tables.discards


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_DICTIONARIES.is_dir(), reason="../shared/dictionaries absent")
def test_shipped_tables_are_what_the_script_makes(tmp_path):
    for path in GAZETTEER_DIR.iterdir():
        if not path.name.startswith("dictionary_"):
            shutil.copy(path, tmp_path / path.name)
    stats = build.build(SHARED_DICTIONARIES, tmp_path)
    for name in ("dictionary_actors.tsv", "dictionary_names.tsv", "dictionary_agents.tsv",
                 "dictionary_discards.tsv"):
        assert (tmp_path / name).read_bytes() == (GAZETTEER_DIR / name).read_bytes(), name
    assert stats["name: shared_across_countries"] > 0
