"""Country names as of a date, for every label the reports print.

Read from the view `country_names` (the seed table `historical_states` and the country actors):
a historical state's code names that state at any date (SUN is the Soviet Union, DDR East
Germany); a current code that had another name for a while takes that name on the dates it
covers (DEU before 1990-10-03 is West Germany); everything else has its current name, and an
unknown code is shown as itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class NamePeriod:
    """A name a code had from `valid_from` to `valid_until` (inclusive)."""

    name: str
    valid_from: date
    valid_until: date

    def holds(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


class CountryNames:
    """What to call a country code on a date, or over the span of a series."""

    def __init__(self, current: dict[str, str], periods: dict[str, list[NamePeriod]],
                 states: dict[str, str], notes: dict[str, str] | None = None):
        self.current = current          # code → today's name
        self.periods = periods          # code → the dated names of a current code (DEU)
        self.states = states            # historical state code → its name (SUN)
        self.notes = notes or {}        # code → its history in a sentence, for the pages

    @classmethod
    def read(cls, con) -> CountryNames:
        """From the view country_names of an open warehouse connection."""
        current, periods, states, notes = {}, {}, {}, {}
        for code, name, start, until, successors, relation in con.execute(
                "SELECT code, name, valid_from, valid_until, successors, relation "
                "FROM country_names").fetchall():
            if relation == "current":
                current[code] = name
            elif relation == "same_code":
                periods.setdefault(code, []).append(NamePeriod(name, start, until))
                notes[code] = f"{code} is {name} from {start} to {until}."
            else:
                states[code] = name
                notes[code] = (f"{code} is {name} ({start} to {until}; succeeded by "
                               f"{' and '.join(successors)}, {relation}).")
        return cls(current, periods, states, notes)

    def name(self, code: str, on: date | None = None) -> str:
        """The name of `code` on `on` (today's name when no date is given)."""
        if code in self.states:
            return self.states[code]
        on = as_date(on)
        if on is not None:
            for period in self.periods.get(code, []):
                if period.holds(on):
                    return period.name
        return self.current.get(code, code)

    def span(self, code: str, first: date | None, last: date | None) -> str:
        """The name over a series from `first` to `last`: one name when it did not change
        ("West Germany"), else today's with the earlier one ("Germany (West Germany to
        1990)")."""
        start, end = self.name(code, first), self.name(code, last)
        if start == end:
            return start
        until = next((p.valid_until.year for p in self.periods.get(code, [])
                      if p.name == start), None)
        return f"{end} ({start} to {until})" if until else f"{end} ({start})"

    def pair(self, a: str, b: str, first: date | None = None, last: date | None = None) -> str:
        """"Russia – United States", each named over the span."""
        return f"{self.span(a, first, last)} – {self.span(b, first, last)}"


def as_date(value) -> date | None:
    """A date from a date, a datetime or pandas Timestamp (their day); None for None or NaT."""
    if value is None or value != value:             # NaT is not equal to itself
        return None
    if isinstance(value, datetime):                 # pandas Timestamp is a datetime
        return value.date()
    return value
