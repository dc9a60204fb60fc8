"""What a run produced, read back from the published warehouse."""
from __future__ import annotations

from pathlib import Path

from entente.warehouse.publish import connect_readonly

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


def warehouse_counts(warehouse: Path) -> dict[str, int]:
    con = connect_readonly(warehouse)
    try:
        return {name: con.execute(sql).fetchall()[0][0] for name, sql in COUNTS.items()}
    finally:
        con.close()


def last_quality_run(warehouse: Path) -> list[tuple]:
    con = connect_readonly(warehouse)
    try:
        return con.execute(
            "SELECT suite, success, evaluated, failed, checked_at FROM quality_runs "
            "WHERE run_id = (SELECT arg_max(run_id, checked_at) FROM quality_runs) "
            "ORDER BY suite").fetchall()
    finally:
        con.close()
