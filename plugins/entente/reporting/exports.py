"""Reports from the published warehouse: one file per view, safe to open in a spreadsheet."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from entente import files
from entente.warehouse import Warehouse

REPORT_VIEWS = ("event_counts", "cooperation_dyads_yearly", "cooperation_dyads_monthly",
                "country_cooperation_yearly", "country_partners_yearly",
                "cooperation_by_category_yearly", "dyad_balance_yearly", "dyad_totals",
                "counted_events", "cooperation_events", "event_provenance")
FORMATS = ("csv", "parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class ReportError(ValueError):
    """An unknown view or format was asked for."""


def neutralize_formula(value):
    """Prefix a quote to text a spreadsheet would run as a formula (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as spreadsheet formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize_formula)
    return safe


def export_views(warehouse: Warehouse, out_dir: Path, views: list[str] | None = None,
                 fmt: str = "csv") -> list[Path]:
    """Write each view to out_dir/<view>.<fmt> atomically; returns the paths written."""
    views = list(views or REPORT_VIEWS)
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    with warehouse.reader() as con:
        known = {row[0] for row in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        unknown = [v for v in views if v not in known]
        if unknown:
            raise ReportError(f"unknown view(s): {', '.join(unknown)}; "
                              f"available: {', '.join(sorted(known))}")
        out_dir.mkdir(parents=True, exist_ok=True)
        return [_write_view(con, view, out_dir, fmt) for view in views]


def _write_view(con, view: str, out_dir: Path, fmt: str) -> Path:
    frame = con.execute(f'SELECT * FROM "{view}"').df()  # view name checked against catalog
    for column in frame.columns:  # lists (countries) read better joined
        if frame[column].dtype == object and frame[column].map(
                lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            frame[column] = frame[column].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    target = out_dir / f"{view}.{fmt}"
    with files.atomic_path(target) as partial:
        if fmt == "csv":
            spreadsheet_safe(frame).to_csv(partial, index=False)
        else:
            frame.to_parquet(partial, index=False)
    return target
