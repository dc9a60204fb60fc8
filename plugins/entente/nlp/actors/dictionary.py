"""The event-data field's actor dictionaries, as the derived tables scripts/build_actor_dictionary.py
writes into data/gazetteer/ (Open Event Data Alliance, MIT; the notice heads each table).

- `DatedCodes`: an entry's codes by date and `code_on(day)`, the rules that pick one;
- `load_dictionary(directory)`: entries, names, agent words and discard phrases, read once.

Date rules (test table in tests/nlp/test_actor_dictionary.py):

- `range_holds`: the code whose range holds the day; when several do, the one that started
  last (a later appointment supersedes: "President Bush" in 1990 and in 2005);
- `default_outside_ranges`: otherwise the entry's undated default (often ELI, a former office
  holder; `-` means "no actor then");
- `country_out_of_office`: no range and no default: the country of the nearest range, without a
  sector (a minister after leaving office is no longer the government);
- `latest_without_date`: with no date, the most recent range (latest end, open ends last; then
  latest start), else the default.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

ACTORS_TABLE = "dictionary_actors.tsv"
NAMES_TABLE = "dictionary_names.tsv"
AGENTS_TABLE = "dictionary_agents.tsv"
DISCARDS_TABLE = "dictionary_discards.tsv"
NO_ACTOR = "-"


@dataclass(frozen=True)
class CodeRange:
    code: str
    start: date | None
    end: date | None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: date) -> int:
        """Days between `day` and the range (0 inside it)."""
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclass(frozen=True)
class DatedCodes:
    """The codes of one actor (or of the people sharing one name) over time."""

    ranges: tuple[CodeRange, ...] = ()
    defaults: tuple[str, ...] = ()

    def code_on(self, day: date | None) -> str | None:
        """The code on `day` (None: no date) by the module's rules; None when no actor then."""
        if day is None:
            code = self._latest() or (self.defaults[0] if self.defaults else None)
        else:
            code = self._holding(day)
            if code is None and self.defaults:
                code = self.defaults[0]
            elif code is None and self.ranges:
                code = min(self.ranges, key=lambda r: r.distance(day)).code[:3]
        return None if code in (None, NO_ACTOR) else code

    def _holding(self, day: date) -> str | None:
        holding = [r for r in self.ranges if r.holds(day)]
        if not holding:
            return None
        return max(holding, key=lambda r: r.start or date.min).code

    def _latest(self) -> str | None:
        if not self.ranges:
            return None
        return max(self.ranges, key=lambda r: (r.end or date.max, r.start or date.min)).code

    def merged(self, other: "DatedCodes") -> "DatedCodes":
        """The codes of two entries that share a name, decided together by date."""
        defaults = tuple(dict.fromkeys(self.defaults + other.defaults))
        return DatedCodes(self.ranges + other.ranges, defaults)

    def countries(self) -> set[str]:
        """The country (or IGO/NGO/IMG) prefixes of all codes."""
        return {c[:3] for c in (*(r.code for r in self.ranges), *self.defaults) if c != NO_ACTOR}


def parse_codes(cell: str) -> DatedCodes:
    """`SUNGOV:1985-03-11:1991-08-24|RUSELI::` → DatedCodes (`CODE::` is a default)."""
    ranges, defaults = [], []
    for part in cell.split("|"):
        code, start, end = (part.split(":") + ["", ""])[:3]
        if not start and not end:
            defaults.append(code)
        else:
            ranges.append(CodeRange(code, date.fromisoformat(start) if start else None,
                                    date.fromisoformat(end) if end else None))
    return DatedCodes(tuple(ranges), tuple(defaults))


@dataclass(frozen=True)
class DictionaryEntry:
    number: int
    source: str          # countries | international | nonstate
    kind: str            # country | person | organisation | group
    codes: DatedCodes


class Dictionary:
    """Everything the derived tables hold, keyed for lookups. Names are stored folded, so loading
    is a split per line; an entry's codes are parsed when first asked for."""

    def __init__(self, rows: dict[int, tuple[str, str, str]],
                 names: dict[str, list[tuple[int, str]]], agents: dict[str, str],
                 discards: frozenset[str]):
        self._rows = rows
        self._entries: dict[int, DictionaryEntry] = {}
        self.names = names              # folded name → [(entry number, name kind)]
        self.agents = agents            # agent word or phrase → sector
        self.discards = discards        # folded phrases never linked

    def entry(self, number: int) -> DictionaryEntry:
        """An entry by number, its codes parsed on first use."""
        found = self._entries.get(number)
        if found is None:
            source, kind, codes = self._rows[number]
            found = self._entries[number] = DictionaryEntry(number, source, kind,
                                                            parse_codes(codes))
        return found


def read_rows(path: Path):
    """Rows of a derived table: comment lines (the notice) and the header skipped."""
    with path.open(encoding="utf-8") as fh:
        lines = (line.rstrip("\n") for line in fh if not line.startswith("#"))
        next(lines, None)
        for line in lines:
            if line:
                yield line.split("\t")


def load_dictionary_tables(directory: Path) -> Dictionary | None:
    """The derived tables in `directory`; None when they are absent (curated files only)."""
    directory = Path(directory)
    if not (directory / ACTORS_TABLE).exists():
        return None
    rows = {int(n): (source, kind, codes)
            for n, source, kind, codes in read_rows(directory / ACTORS_TABLE)}
    names: dict[str, list[tuple[int, str]]] = {}
    for name, number, kind in read_rows(directory / NAMES_TABLE):
        names.setdefault(name, []).append((int(number), kind))
    agents = {word: sector for word, sector in read_rows(directory / AGENTS_TABLE)}
    discards = frozenset(row[0] for row in read_rows(directory / DISCARDS_TABLE))
    return Dictionary(rows, names, agents, discards)


@lru_cache(maxsize=4)
def load_dictionary(directory: str) -> Dictionary | None:
    """The dictionary tables of a gazetteer folder, read once per process."""
    return load_dictionary_tables(Path(directory))
