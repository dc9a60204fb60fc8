"""What the published warehouse holds and how fresh it is: the one place the counts are read
(`entente status`, the run summary, the report page and its drill-down pages all use it).

The words, defined once (docs/warehouse.md, "Events, reports and what counts"):

- a *report* is a row of `events`: one sentence coding an event;
- an *event* is a cluster of the reports that count (asserted or planned, dated, not dated more
  than 10 years before its article): one signing reported by ten articles is one event;
- *cooperation* is quad class 1–2, *conflict* 3–4;
- an event's *scope* says which countries it is between: a *dyad event* has two distinct
  countries on opposite sides; multilateral events, events naming one country only, several on
  one side only, intergovernmental organisations only, or no one linked are counted as such.

The figures come from the views `event_counts` (per kind, status and scope) and
`cooperation_dyads_yearly` (the country pairs), so the SQL an analyst runs gives the same
numbers as every front door.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone

import duckdb

from entente.warehouse.store import Warehouse

KINDS = ("cooperation", "conflict")
SCOPES = ("dyad", "multilateral", "one_country", "one_side", "igo_only", "no_country")
UNCOUNTED = ("negated", "hypothetical", "undated", "far_dated")
FAR_DATED_YEARS = 10    # the rule itself is in sql/views/report_status.sql; this is for text

# The words every front door prints for each figure (CLI lines, page tables, JSON keys).
LABELS = {
    "articles": "articles",
    "reports": "reports (sentences coding an event)",
    "counted": "counted as events",
    "negated": "negated",
    "hypothetical": "hypothetical",
    "undated": "undated",
    "far_dated": f"far-dated (over {FAR_DATED_YEARS} years before article)",
    "cooperation": "cooperation events",
    "conflict": "conflict events",
    "dyad": "between countries (dyad events)",
    "multilateral": "multilateral (3+ countries a side)",
    "one_country": "naming one country only",
    "one_side": "countries on one side only",
    "igo_only": "international organisations only",
    "no_country": "no country or organisation",
    "pairs": "country pairs",
    "period": "period (event dates)",
    "entities": "entities",
    "linked_entities": "linked entities",
    "timexes": "timexes",
}

# What each scope and status means, in a sentence (the report pages print these;
# docs/warehouse.md, "Events, reports and what counts", is the reference).
DEFINITIONS = {
    "dyad": "Two or more countries on opposite sides (or acting together), fewer than three "
            "on each side: the events of the dyad views' `events` columns.",
    "multilateral": "Countries on opposite sides, three or more on one side: counted apart "
                    "(`multilateral_events`), so that a summit does not make the busiest pairs.",
    "one_country": "A single country is named (with organisations or unlinked parties, or "
                   "alone): no pair.",
    "one_side": "Several countries, all on one side (\"the UN urged Iran and Iraq\"): no pair.",
    "igo_only": "No country; intergovernmental organisations only.",
    "no_country": "No country or organisation was linked.",
    "counted": "Asserted or planned, dated, and not far-dated: these make the events.",
    "negated": "The sentence says it did not happen (\"did not sign\").",
    "hypothetical": "The sentence says it would happen under a condition.",
    "undated": "Neither the sentence nor its article gives a date.",
    "far_dated": f"Dated more than {FAR_DATED_YEARS} years before its article was published: "
                 "a background mention or a misread date.",
}

TABLE_COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "entities": "SELECT count(*) FROM entity_mentions",
    "linked_entities": "SELECT count(*) FROM entity_mentions WHERE actor_id IS NOT NULL",
    "timexes": "SELECT count(*) FROM timexes",
}


@dataclass(frozen=True)
class KindFigures:
    """The events of one kind (cooperation or conflict), by scope."""

    kind: str
    events: int
    scopes: dict[str, int]          # every scope of SCOPES, 0 when none
    reports: int                    # the counted reports behind these events
    pairs: int                      # distinct country pairs with a dyad event of this kind
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class Figures:
    """Everything the headline numbers say, computed once from the views."""

    articles: int
    entities: int
    linked_entities: int
    timexes: int
    reports: int                    # every row of `events`
    uncounted: dict[str, int]       # reports that are no event, by reason (UNCOUNTED)
    cooperation: KindFigures
    conflict: KindFigures

    @property
    def counted_reports(self) -> int:
        return self.reports - sum(self.uncounted.values())

    @property
    def events(self) -> int:
        return self.cooperation.events + self.conflict.events

    @property
    def period(self) -> tuple[date, date] | None:
        """First and last event date of every counted event (the dates the views show)."""
        firsts = [k.first_date for k in (self.cooperation, self.conflict) if k.first_date]
        lasts = [k.last_date for k in (self.cooperation, self.conflict) if k.last_date]
        return (min(firsts), max(lasts)) if firsts else None

    def kind(self, name: str) -> KindFigures:
        return self.cooperation if name == "cooperation" else self.conflict

    @classmethod
    def from_dict(cls, data: dict) -> Figures:
        """The figures back from `as_dict()` (a report's snapshot)."""
        kinds = {k: KindFigures(**{**data[k], "first_date": _day(data[k]["first_date"]),
                                   "last_date": _day(data[k]["last_date"])}) for k in KINDS}
        return cls(**{f: data[f] for f in ("articles", "entities", "linked_entities",
                                           "timexes", "reports", "uncounted")}, **kinds)

    def as_dict(self) -> dict:
        """JSON-ready (dates as ISO strings), the keys named as in LABELS."""
        data = json.loads(json.dumps(asdict(self), default=str))
        data["counted_reports"] = self.counted_reports
        data["events"] = self.events
        period = self.period
        data["period"] = [period[0].isoformat(), period[1].isoformat()] if period else None
        return data


def figures(warehouse: Warehouse, version: int | None = None) -> Figures:
    """The headline figures of the published warehouse (views event_counts and the dyads), or
    of an earlier version of a warehouse that keeps them (DuckLake snapshots)."""
    with warehouse.reader(version) as con:
        tables = {name: con.execute(sql).fetchone()[0] for name, sql in TABLE_COUNTS.items()}
        rows = con.execute("SELECT kind, status, scope, events, reports, first_date, last_date "
                           "FROM event_counts").fetchall()
        pairs = dict(con.execute(
            "SELECT CASE WHEN is_cooperation THEN 'cooperation' ELSE 'conflict' END, "
            "count(DISTINCT (country_a, country_b)) FROM event_dyads "
            "WHERE NOT is_multilateral GROUP BY ALL").fetchall())
    uncounted = {status: sum(r[4] for r in rows if r[1] == status) for status in UNCOUNTED}
    return Figures(**tables, reports=sum(r[4] for r in rows), uncounted=uncounted,
                   cooperation=_kind_figures("cooperation", rows, pairs),
                   conflict=_kind_figures("conflict", rows, pairs))


def _kind_figures(kind: str, rows: list[tuple], pairs: dict[str, int]) -> KindFigures:
    counted = [r for r in rows if r[0] == kind and r[1] == "counted"]
    scopes = {scope: sum(r[3] for r in counted if r[2] == scope) for scope in SCOPES}
    firsts = [r[5] for r in counted if r[5] is not None]
    lasts = [r[6] for r in counted if r[6] is not None]
    return KindFigures(kind=kind, events=sum(scopes.values()), scopes=scopes,
                       reports=sum(r[4] for r in counted), pairs=pairs.get(kind, 0),
                       first_date=min(firsts) if firsts else None,
                       last_date=max(lasts) if lasts else None)


@dataclass(frozen=True)
class FigureRow:
    """One line of the figures: `key` names it (for links and JSON), `depth` nests it."""

    key: str
    label: str
    value: int | str
    depth: int = 0


def figure_rows(fig: Figures) -> list[FigureRow]:
    """The headline figures as labelled lines, in the order every front door shows them."""
    rows = [FigureRow("articles", LABELS["articles"], fig.articles),
            FigureRow("reports", LABELS["reports"], fig.reports),
            FigureRow("reports.counted", LABELS["counted"], fig.counted_reports, 1)]
    rows += [FigureRow(f"reports.{s}", LABELS[s], fig.uncounted[s], 1) for s in UNCOUNTED]
    for kind in KINDS:
        k = fig.kind(kind)
        rows.append(FigureRow(kind, LABELS[kind], k.events))
        rows += [FigureRow(f"{kind}.{s}", LABELS[s], k.scopes[s], 1) for s in SCOPES]
        rows.append(FigureRow(f"{kind}.pairs", LABELS["pairs"], k.pairs, 1))
    period = fig.period
    rows.append(FigureRow("period", LABELS["period"],
                          f"{period[0]} to {period[1]}" if period else "none"))
    return rows


def last_quality_run(warehouse: Warehouse) -> list[tuple]:
    """(suite, success, evaluated, failed, checked_at) of the last quality run."""
    with warehouse.reader() as con:
        return con.execute(
            "SELECT suite, success, evaluated, failed, checked_at FROM quality_runs "
            "WHERE run_id = (SELECT arg_max(run_id, checked_at) FROM quality_runs) "
            "ORDER BY suite").fetchall()


@dataclass
class Freshness:
    last_publish: datetime | None      # when the last publication finished (UTC)
    last_attempt: datetime | None      # the last publish attempt, published or blocked
    last_attempt_published: bool | None
    published_state_changed: datetime | None    # when readers last saw a new version

    def age(self, now: datetime | None = None) -> timedelta | None:
        if self.last_publish is None:
            return None
        return (now or datetime.now(timezone.utc)) - self.last_publish


def last_publication(con: duckdb.DuckDBPyConnection) -> tuple[str, datetime] | None:
    """The run id and finish time of the last run that published, None before the first."""
    return con.execute("SELECT run_id, finished_at FROM pipeline_runs WHERE published "
                       "ORDER BY finished_at DESC LIMIT 1").fetchone()


def freshness(warehouse: Warehouse) -> Freshness:
    """When the warehouse was last published, and whether the last attempt was blocked."""
    with warehouse.reader() as con:
        last_publish = con.execute(
            "SELECT max(finished_at) FROM pipeline_runs WHERE published").fetchone()[0]
        attempt = con.execute("SELECT finished_at, published FROM pipeline_runs "
                              "ORDER BY finished_at DESC LIMIT 1").fetchone()
    return Freshness(_utc(last_publish), _utc(attempt[0]) if attempt else None,
                     attempt[1] if attempt else None, warehouse.published_at())


def quality_failures(warehouse: Warehouse, run_id: str | None = None) -> list[dict]:
    """Failed expectations of one quality run (default: the last), with sample rows."""
    with warehouse.reader() as con:
        rows = con.execute(
            "SELECT suite, details FROM quality_runs WHERE run_id = coalesce(?, "
            "(SELECT arg_max(run_id, checked_at) FROM quality_runs)) AND failed > 0 "
            "ORDER BY suite", [run_id]).fetchall()
    failures = []
    for suite, details in rows:
        for failure in json.loads(details or "[]"):
            failures.append({"suite": suite, **failure})
    return failures


def describe_age(age: timedelta | None) -> str:
    """"3 h ago", "12 s ago", or "never"."""
    if age is None:
        return "never"
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return f"{seconds} s ago"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(
        timezone.utc)
