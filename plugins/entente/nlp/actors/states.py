"""Historical states, the dates they existed and their successors (data/gazetteer/historical_states.csv).

The same file serves the linker (which code a name stands for on the article's date) and the
warehouse views and reports (which present-day country a historical code maps to). One row per
(state, successor):

    code,name,valid_from,valid_until,capital,successor,relation
    SUN,Soviet Union,1922-12-30,1991-12-25,Moscow,RUS,continuator

`relation` says how the successor took over: `continuator` (the same state under a new name:
RUS for SUN, SRB for YUG and SCG), `absorbed` (DDR into DEU), `dissolved` (CSK into CZE and SVK),
`merged` (YMD into YEM) and `same_code` (the code lives on, only the name differs: DEU was West
Germany until reunification). The README beside the file gives the reasoning.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from entente.nlp.actors.names import fold


@dataclass(frozen=True)
class HistoricalState:
    """A state (or a period of a code's name) with its dates, capital and successors."""

    code: str
    name: str
    valid_from: date
    valid_until: date
    capital: str
    successors: tuple[str, ...]
    relation: str

    def holds(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


class StateTable:
    """Lookups on the historical states: successors, era names, capitals and continuators."""

    def __init__(self, path: Path):
        self.states: dict[str, HistoricalState] = {}
        self.eras: dict[str, HistoricalState] = {}          # same_code rows: DEU → West Germany
        rows: dict[tuple[str, str], list[dict]] = {}
        with Path(path).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rows.setdefault((row["code"], row["relation"]), []).append(row)
        for (code, relation), group in rows.items():
            first = group[0]
            state = HistoricalState(
                code=code, name=first["name"], valid_from=date.fromisoformat(first["valid_from"]),
                valid_until=date.fromisoformat(first["valid_until"]), capital=first["capital"],
                successors=tuple(r["successor"] for r in group), relation=relation)
            (self.eras if relation == "same_code" else self.states)[code] = state

    def successors(self, code: str) -> tuple[str, ...]:
        """Present-day codes a country code maps to ("SUN" → ("RUS",)); itself when current."""
        state = self.states.get(code)
        return state.successors if state else (code,)

    def same_country(self, first: str, second: str) -> bool:
        """True when two country codes are one state over time (SUN and RUS, DDR and DEU)."""
        return bool(set(self.successors(first)) & set(self.successors(second)))

    def current_code(self, code: str, day: date | None) -> str:
        """The code for a state on `day` (`state_of_the_day`): a historical state after its end
        is its successor (Honecker's DDRELI in 1995 → DEU), before its start the state it
        continued (Serbia and Montenegro in 1999 was still Yugoslavia, YUG)."""
        state = self.states.get(code)
        if state is None or day is None or state.holds(day):
            return code
        if day > state.valid_until:
            return state.successors[0] if len(state.successors) == 1 else code
        for other in self.states.values():
            if other.holds(day) and other.relation == "continuator" and \
                    set(other.successors) & set(state.successors):
                return other.code
        return code

    def era_name(self, code: str, day: date | None) -> HistoricalState | None:
        """The period a current code had another name on `day` (DEU before 1990-10-03)."""
        era = self.eras.get(code)
        return era if era is not None and day is not None and era.holds(day) else None

    def state_of_capital(self, alias: str, day: date | None) -> str | None:
        """The historical state whose capital `alias` was on `day` ("Moscow" in 1985 → SUN)."""
        if day is None:
            return None
        key = fold(alias)
        for state in self.states.values():
            if state.holds(day) and fold(state.capital) == key:
                return state.code
        return None

    def continued_state(self, code: str, day: date | None) -> str | None:
        """The historical state a current country continues on `day` (RUS in 1985 → SUN): its
        seats of government ("the Kremlin") stood for that state then."""
        if day is None:
            return None
        for state in self.states.values():
            if state.relation == "continuator" and code in state.successors and state.holds(day):
                return state.code
        return None


@lru_cache(maxsize=4)
def load_states(path: str) -> StateTable:
    """The table in `path`, read once per process."""
    return StateTable(Path(path))
