"""The bodies of Entente's Airflow tasks: each builds the run's settings and warehouse and calls
one stage (entente.stages), the same function `entente run` calls.

Imported inside the tasks, never at DAG parse time (it loads pandas, DuckDB and, for
`extract`, spaCy).
"""
from __future__ import annotations

from airflow.sdk.exceptions import AirflowSkipException

from entente import stages
from entente.orchestration import log, report_run_view
from entente.orchestration.assets import STAGED_ARTICLES, WAREHOUSE
from entente.orchestration.window import resolve_window
from entente.settings import Settings
from entente.warehouse import Warehouse, open_warehouse


def _run() -> tuple[Settings, Warehouse]:
    settings = Settings()
    return settings, open_warehouse(settings)


def fetch_sources(context) -> dict:
    """entente_ingest: stage new articles (and a backfill window's); skip when none wait."""
    settings, warehouse = _run()
    window = resolve_window(context["params"], context["dag_run"].run_type,
                            context.get("data_interval_start"), context.get("data_interval_end"))
    summary = stages.ingest(settings, warehouse, window=window).summary()
    if not warehouse.staging.pending_batches():
        raise AirflowSkipException(f"nothing new to process: {summary}")
    context["outlet_events"][STAGED_ARTICLES].extra = {
        k: summary[k] for k in ("batches", "new_articles", "window")}
    return summary


def pending_batches() -> list[str]:
    """entente_process: the batches to extract, one mapped task each."""
    return _run()[1].staging.pending_batches()


def extract(batch_id: str) -> dict:
    return stages.extract(*_run(), batch_id)


def publish(batch_ids: list[str], context) -> dict:
    """entente_process: load, audit and publish (in the one-slot warehouse pool)."""
    result = stages.publish(*_run(), batch_ids)
    context["outlet_events"][WAREHOUSE].extra = {"run_id": result.run_id, "rows": result.rows}
    return {"run_id": result.run_id, "rows": result.rows, "batches": result.batches}


def write_reports(context) -> dict:
    """entente_reports: CSVs, charts, the pages and the report page, recorded as made by this
    run (the Airflow view of the report links the run to it)."""
    settings, warehouse = _run()
    dag_id, run_id = context["dag"].dag_id, context["run_id"]
    written = stages.report(settings, warehouse, made_by={"dag_id": dag_id, "run_id": run_id})
    view = report_run_view(dag_id, run_id)
    log.info("report written to %s; in the Airflow UI: this run's Report tab (%s) or the "
             "Entente report menu entry", settings.reports_dir / "index.html", view)
    return {"files": len(written), "index": str(settings.reports_dir / "index.html"),
            "view": view}
