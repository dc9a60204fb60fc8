"""`entente status`: how fresh the warehouse is, what it holds (the headline figures, in the
words of the report page), and the last quality run with each failed expectation and sample
rows — as lines of at most 80 columns on stdout, or as one JSON object (`--json`) for scripts.

A line is never wider than 80 columns except where it holds a path, which is printed whole so it
can be copied; long expectation descriptions and sample rows are wrapped by us, between words,
with an indent, never by the terminal.
"""
from __future__ import annotations

import json
import textwrap
from datetime import datetime, timezone

from entente.warehouse import Warehouse
from entente.warehouse.status import (LABELS, FigureRow, Figures, describe_age, figure_rows,
                                      figures, freshness, last_quality_run, quality_failures)

WIDTH = 80
LABEL_WIDTH = 44
SAMPLES = 3
SAMPLE_CHARS = 300          # of a sample row (the full rows: quality_runs.details, --json)


def status_lines(warehouse: Warehouse) -> list[str]:
    """Everything `entente status` prints."""
    fig = figures(warehouse)
    return (overview_lines(warehouse) + [""] + figure_lines(fig, extra=True) + [""]
            + quality_lines(warehouse) + failure_lines(warehouse))


def overview_lines(warehouse: Warehouse) -> list[str]:
    """Where the warehouse is, when it was last published, what waits to be."""
    fresh = freshness(warehouse)
    lines = [f"warehouse: {warehouse.location}", *snapshot_lines(warehouse),
             "last publish: " + (f"{fresh.last_publish:%Y-%m-%d %H:%M:%S} UTC "
                                 f"({describe_age(fresh.age())})" if fresh.last_publish
                                 else "never")]
    if fresh.last_attempt and not fresh.last_attempt_published:
        lines.append(f"last attempt: BLOCKED by validation at "
                     f"{fresh.last_attempt:%Y-%m-%d %H:%M:%S} UTC (nothing published)")
    lines.append(f"staged, unpublished: {len(warehouse.staging.pending_batches())} batches")
    return lines


def snapshot_lines(warehouse: Warehouse) -> list[str]:
    """The snapshot analysts see now, on a backend that keeps them (DuckLake)."""
    version = warehouse.version()
    if version is None:
        return []
    age = describe_age(datetime.now(timezone.utc) - version.committed_at)
    return [f"snapshot: {version.id} committed {version.committed_at:%Y-%m-%d %H:%M:%S} UTC "
            f"({age})"]


def figure_lines(fig: Figures, extra: bool = False) -> list[str]:
    """The headline figures as `label  value` lines (the rows of status.figure_rows); `extra`
    adds the entity and timex counts."""
    rows = figure_rows(fig)
    if extra:
        rows[1:1] = [FigureRow(key, LABELS[key], getattr(fig, key))
                     for key in ("entities", "linked_entities", "timexes")]
    return [_figure_line(row) for row in rows]


def _figure_line(row: FigureRow) -> str:
    label = "  " * row.depth + row.label
    value = f"{row.value:>10}" if isinstance(row.value, int) else f" {row.value}"
    return f"{label:<{LABEL_WIDTH}}{value}"


def quality_lines(warehouse: Warehouse) -> list[str]:
    """The last quality run, one line per suite."""
    runs = last_quality_run(warehouse)
    if not runs:
        return ["last quality run: none"]
    lines = ["last quality run", f"{'suite':<20} {'result':<7} {'expectations':>12} "
                                 f"{'failed':>6}  checked at (UTC)"]
    for suite, success, evaluated, failed, checked_at in runs:
        lines.append(f"{suite:<20} {'ok' if success else 'FAILED':<7} {evaluated:>12} "
                     f"{failed:>6}  {checked_at:%Y-%m-%d %H:%M}")
    return lines


def failure_lines(warehouse: Warehouse) -> list[str]:
    """Each failed expectation of the last run, with a few sample rows, wrapped at 80."""
    lines = []
    for failure in quality_failures(warehouse):
        lines += _wrapped(f"{failure['severity']} {failure['suite']}: {failure['expectation']} "
                          f"failed on {failure.get('unexpected_count', '?')} rows", "  ")
        for row in failure.get("sample_rows", [])[:SAMPLES]:
            shown = " ".join(f"{k}={json.dumps(v, default=str)}" for k, v in row.items())
            cut = shown[:SAMPLE_CHARS] + (" ..." if len(shown) > SAMPLE_CHARS else "")
            lines += _wrapped(f"  e.g. {cut}", "       ")
    return lines


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent, break_on_hyphens=False)


def status_json(warehouse: Warehouse) -> dict:
    """`entente status --json`: the same facts as the text, keyed for scripts."""
    fresh = freshness(warehouse)
    age = fresh.age()
    return {
        "warehouse": warehouse.location,
        "last_publish": _iso(fresh.last_publish),
        "age_seconds": int(age.total_seconds()) if age is not None else None,
        "last_attempt": _iso(fresh.last_attempt),
        "last_attempt_published": fresh.last_attempt_published,
        "staged_batches": len(warehouse.staging.pending_batches()),
        "snapshot": _snapshot(warehouse),
        "figures": figures(warehouse).as_dict(),
        "quality": {
            "suites": [{"suite": suite, "success": success, "evaluated": evaluated,
                        "failed": failed, "checked_at": _iso(checked_at)}
                       for suite, success, evaluated, failed, checked_at
                       in last_quality_run(warehouse)],
            "failures": quality_failures(warehouse)},
    }


def _snapshot(warehouse: Warehouse) -> dict | None:
    """The snapshot analysts see now (DuckLake), None on a backend without snapshots."""
    version = warehouse.version()
    return None if version is None else {"id": version.id,
                                         "committed_at": _iso(version.committed_at)}


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()
