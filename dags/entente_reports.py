"""
### entente_reports — CSV reports, charts and the report page

Triggered by the `entente_warehouse` asset after each publish. Reads the published warehouse
read-only, like any analyst, and writes to `reports/` (`ENTENTE_REPORTS`):

- one CSV per cooperation view (cells a spreadsheet would run as formulas are neutralized);
- PNG charts: cooperation over time for the top dyads, the most active country's partners
  over time (`ENTENTE_CHART_COUNTRY` picks another), the category mix;
- `index.html`: one page linking the CSVs, the charts and the Great Expectations Data Docs,
  with a short narrative of what changed since the previous report (`snapshot.json`).
"""
from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from entente.orchestration import DEFAULT_ARGS, log_failure
from entente.orchestration.assets import WAREHOUSE


@dag(
    dag_id="entente_reports",
    schedule=[WAREHOUSE],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=log_failure,
    tags=["entente", "reports"],
    doc_md=__doc__,
)
def entente_reports():
    @task
    def write_reports() -> list[str]:
        from entente.orchestration import tasks

        return tasks.write_reports()

    write_reports()


entente_reports()
