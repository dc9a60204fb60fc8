"""Historical states, their dates and successors (data/gazetteer/historical_states.csv)."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pycountry
import pytest

from entente.nlp.actors.states import StateTable

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "data" / "gazetteer" / "historical_states.csv"


@pytest.fixture(scope="module")
def states():
    return StateTable(TABLE)


def test_every_state_is_a_former_iso_country_and_every_successor_a_current_one():
    with TABLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["relation"] != "same_code":
            assert pycountry.historic_countries.get(alpha_3=row["code"]) is not None, row
        assert pycountry.countries.get(alpha_3=row["successor"]) is not None, row
        assert row["valid_from"] < row["valid_until"]


@pytest.mark.parametrize("code, successors", [
    ("SUN", ("RUS",)), ("DDR", ("DEU",)), ("YUG", ("SRB",)), ("SCG", ("SRB",)),
    ("CSK", ("CZE", "SVK")), ("RUS", ("RUS",)),
])
def test_successors(states, code, successors):
    assert states.successors(code) == successors


@pytest.mark.parametrize("code, day, expected", [
    ("DDR", "1995-01-01", "DEU"),     # after its end: the successor
    ("DDR", "1985-01-01", "DDR"),
    ("SCG", "1999-01-01", "YUG"),     # before its start: the state it continued
    ("SCG", "2004-01-01", "SCG"),
    ("CSK", "1995-01-01", "CSK"),     # dissolved into two: no single successor
    ("RUS", "1985-01-01", "RUS"),     # current codes are left alone
])
def test_code_of_the_day(states, code, day, expected):
    assert states.current_code(code, date.fromisoformat(day)) == expected


@pytest.mark.parametrize("alias, day, expected", [
    ("Moscow", "1985-01-01", "SUN"), ("Moscow", "1991-12-26", None), ("moscow", "1991-12-25", "SUN"),
    ("Belgrade", "1999-01-01", "YUG"), ("Belgrade", "2004-01-01", "SCG"),
    ("Belgrade", "2010-01-01", None), ("Prague", "1992-12-31", "CSK"), ("Prague", None, None),
])
def test_capitals_of_historical_states(states, alias, day, expected):
    assert states.state_of_capital(alias, date.fromisoformat(day) if day else None) == expected


def test_seats_follow_the_continuator(states):
    assert states.continued_state("RUS", date(1985, 1, 1)) == "SUN"
    assert states.continued_state("RUS", date(1995, 1, 1)) is None
    assert states.continued_state("CZE", date(1985, 1, 1)) is None      # dissolved, not continued


def test_west_germany_is_deu_by_another_name(states):
    assert states.era_name("DEU", date(1985, 1, 1)).name == "West Germany"
    assert states.era_name("DEU", date(1990, 10, 3)) is None
    assert states.era_name("DEU", None) is None
