"""
### entente_reports — CSV reports from the published warehouse

Triggered by the `entente_warehouse` asset after each publish. Writes one CSV per
cooperation view to `reports/` (cells that a spreadsheet would run as formulas are
neutralized). Reads the published warehouse read-only, like any analyst.
"""
from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from entente.airflow_support import DEFAULT_ARGS
from entente.assets import WAREHOUSE


@dag(
    dag_id="entente_reports",
    schedule=[WAREHOUSE],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["entente", "reports"],
    doc_md=__doc__,
)
def entente_reports():
    @task
    def write_reports() -> list[str]:
        from entente import stages

        return [str(path) for path in stages.reports()]

    write_reports()


entente_reports()
