"""
### entente_reports — CSV reports, charts and the report pages

Triggered by the `entente_warehouse` asset after each publish. Reads the published warehouse
read-only, like any analyst, and writes to `reports/` (`ENTENTE_REPORTS`):

- one CSV per report view (`event_counts`, the dyad views, ...; cells a spreadsheet would run
  as formulas are neutralized);
- PNG charts: cooperation over time for the top pairs, conflict versus cooperation for the
  pairs with most events, the most active country's partners over time
  (`ENTENTE_CHART_COUNTRY` picks another), the category mix;
- drill-down pages: one per country pair (`dyads/<A>-<B>.html`) and country, the events by
  scope and the reports by status — the rows behind every number;
- `index.html`: the headline figures, what changed since the previous report, the charts,
  the data quality (far-dated reports, failed expectations) and the data files.

**To see it:** open this run's **Report** tab, or **Entente report** in the navigation: the
report is served inside the Airflow UI by the Entente plugin (`/entente/reports/`).
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
    def write_reports(**context) -> dict:
        from entente.orchestration import tasks

        return tasks.write_reports(context)

    write_reports()


entente_reports()
