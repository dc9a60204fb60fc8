"""Reporting: what the published warehouse says, as files people open.

`write_reports` is the reports stage (the `entente_reports` DAG and `entente run` call it):
one CSV per report view (`exports`), the PNG charts (`charts`) and `index.html` (`site`),
all written atomically to the reports folder.
"""
from __future__ import annotations

from pathlib import Path

from entente.reporting.charts import draw_charts
from entente.reporting.exports import REPORT_VIEWS, ReportError, export_views
from entente.reporting.site import write_index
from entente.settings import Settings
from entente.warehouse import Warehouse

__all__ = ["REPORT_VIEWS", "ReportError", "draw_charts", "export_views", "write_index",
           "write_reports"]


def write_reports(settings: Settings, warehouse: Warehouse,
                  out_dir: Path | None = None) -> list[Path]:
    """CSV reports, charts and the index page from the published warehouse."""
    out_dir = out_dir or settings.reports_dir
    written = export_views(warehouse, out_dir)
    written += [chart.path for chart in draw_charts(warehouse, out_dir, settings.chart_country)]
    written.append(write_index(warehouse, out_dir))
    return written
