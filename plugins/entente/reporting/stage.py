"""The reports stage (the `entente_reports` DAG and `entente run` call it through
entente.stages.report): CSVs, charts, drill-down pages and the index page, in that order."""
from __future__ import annotations

from pathlib import Path

from entente.reporting.charts import draw_charts
from entente.reporting.exports import export_views
from entente.reporting.names import CountryNames
from entente.reporting.pages import write_pages
from entente.reporting.site import write_index
from entente.settings import Settings
from entente.warehouse import Warehouse


def write_reports(settings: Settings, warehouse: Warehouse, out_dir: Path | None = None,
                  made_by: dict | None = None) -> list[Path]:
    """CSV reports, charts, the drill-down pages and the index page from the published
    warehouse; `made_by` names the run that made them (recorded in report.json)."""
    out_dir = out_dir or settings.reports_dir
    written = export_views(warehouse, out_dir)
    written += [chart.path for chart in draw_charts(warehouse, out_dir, settings.chart_country)]
    written += write_pages_of(warehouse, out_dir)
    written.append(write_index(warehouse, out_dir, made_by))
    return written


def write_pages_of(warehouse: Warehouse, out_dir: Path) -> list[Path]:
    """The drill-down pages (dyads/, countries/, events/, pairs.html, articles.html)."""
    with warehouse.reader() as con:
        return write_pages(con, out_dir, CountryNames.read(con))
