"""What the published warehouse holds and how fresh it is (`entente status`, the run summary,
the report page): counts, the last publication, the last quality run and its failures."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from entente.warehouse.store import Warehouse

COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "entities": "SELECT count(*) FROM entity_mentions",
    "linked entities": "SELECT count(*) FROM entity_mentions WHERE actor_id IS NOT NULL",
    "timexes": "SELECT count(*) FROM timexes",
    "events": "SELECT count(*) FROM events",
    "cooperation events": "SELECT count(*) FROM cooperation_events",
    "cooperation dyads": "SELECT count(*) FROM (SELECT DISTINCT country_a, country_b "
                         "FROM cooperation_dyads_yearly)",
}


def warehouse_counts(warehouse: Warehouse, version: int | None = None) -> dict[str, int]:
    """COUNTS of the published state (or of an earlier version, where the backend keeps them)."""
    with warehouse.reader(version) as con:
        return {name: con.execute(sql).fetchall()[0][0] for name, sql in COUNTS.items()}


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


def freshness(warehouse: Warehouse) -> Freshness:
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
    if age is None:
        return "never"
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return f"{seconds} s ago"


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(
        timezone.utc)
