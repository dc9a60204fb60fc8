"""`entente status`: how fresh the warehouse is, what it holds, and the last quality run —
with each failed expectation and sample rows — as rich tables on stdout."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from rich.console import Console
from rich.table import Table

from entente.warehouse import Warehouse
from entente.warehouse.status import (describe_age, freshness, last_quality_run,
                                      quality_failures, warehouse_counts)


def show(warehouse: Warehouse, console: Console) -> None:
    rows = overview(warehouse)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:      # name: value lines, never wrapped (a path may be long)
        console.print(f"{name:>{width}}: {value}", soft_wrap=True, markup=False,
                      highlight=False)
    console.print(quality_table(warehouse))
    for line in failure_lines(warehouse):
        console.print(line, soft_wrap=True, markup=False, highlight=False)


def overview(warehouse: Warehouse) -> list[tuple[str, str]]:
    fresh = freshness(warehouse)
    rows = [("warehouse", warehouse.location)] + snapshot_rows(warehouse)
    rows.append(("last publish", f"{fresh.last_publish:%Y-%m-%d %H:%M:%S} UTC "
                                 f"({describe_age(fresh.age())})" if fresh.last_publish else "never"))
    if fresh.last_attempt and not fresh.last_attempt_published:
        rows.append(("last attempt", f"BLOCKED by validation at "
                                     f"{fresh.last_attempt:%Y-%m-%d %H:%M:%S} UTC "
                                     "(nothing published)"))
    rows.append(("staged, unpublished", f"{len(warehouse.staging.pending_batches())} batches"))
    rows += [(name, str(count)) for name, count in warehouse_counts(warehouse).items()]
    return rows


def snapshot_rows(warehouse: Warehouse) -> list[tuple[str, str]]:
    """The snapshot analysts see now, on a backend that keeps them (DuckLake)."""
    version = warehouse.version()
    if version is None:
        return []
    age = describe_age(datetime.now(timezone.utc) - version.committed_at)
    return [("snapshot", f"{version.id} committed {version.committed_at:%Y-%m-%d %H:%M:%S} UTC "
                         f"({age})")]


def quality_table(warehouse: Warehouse) -> Table:
    table = Table(title="last quality run", title_justify="left", box=None, padding=(0, 1),
                  pad_edge=False)
    for name, justify in (("suite", "left"), ("result", "left"), ("expectations", "right"),
                          ("failed", "right"), ("checked at (UTC)", "left")):
        table.add_column(name, justify=justify)
    for suite, success, evaluated, failed, checked_at in last_quality_run(warehouse):
        table.add_row(suite, "ok" if success else "[red]FAILED[/red]", str(evaluated),
                      str(failed), f"{checked_at:%Y-%m-%d %H:%M}")
    return table


def failure_lines(warehouse: Warehouse) -> list[str]:
    lines = []
    for failure in quality_failures(warehouse):
        lines.append(f"{failure['severity']:>8} {failure['suite']}: {failure['expectation']} "
                     f"failed on {failure.get('unexpected_count', '?')} rows")
        for row in failure.get("sample_rows", [])[:3]:
            lines.append(f"           e.g. {json.dumps(row, default=str)[:300]}")
    return lines
