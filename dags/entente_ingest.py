"""
### entente_ingest — fetch the news sources and stage new articles

Reads every enabled source in the sources file (`data/sources.yml`, or `ENTENTE_SOURCES`):
RSS/Atom/JSON feeds, article pages and inbox folders. Articles already published or already
staged are skipped (same content hash); new ones are written as Parquet batches to the
staging area beside the warehouse. A failing source is logged and skipped; it never fails
the run. Updates the `entente_staged_articles` asset, which triggers `entente_process`;
when nothing is waiting in staging the task is skipped and nothing downstream runs.

**Schedule:** hourly (`ENTENTE_INGEST_SCHEDULE`, "none" for manual only), no catch-up.

**Backfill a window:** trigger with the params `window_start` / `window_end` (inclusive
publication dates, YYYY-MM-DD), or create a backfill run
(`airflow backfill create --dag-id entente_ingest --from-date … --to-date …`), whose data
interval is the window. Feeds cannot be re-read by date, but every article ever ingested is
kept in the warehouse: a window run ingests as usual and also stages again the stored
articles published in the window, so `entente_process` re-extracts them with the current
pipeline and the load replaces their rows. Repeating a backfill changes nothing.
"""
from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, task

from entente.orchestration import DEFAULT_ARGS, ingest_schedule, log_failure
from entente.orchestration.assets import STAGED_ARTICLES
from entente.orchestration.window import WINDOW_PARAMS_DOC


@dag(
    dag_id="entente_ingest",
    schedule=ingest_schedule(),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=log_failure,
    params={
        "window_start": Param(None, type=["null", "string"], format="date",
                              title="Backfill from (published on or after)",
                              description=WINDOW_PARAMS_DOC),
        "window_end": Param(None, type=["null", "string"], format="date",
                            title="Backfill until (published on or before)",
                            description=WINDOW_PARAMS_DOC),
    },
    tags=["entente", "ingest"],
    doc_md=__doc__,
)
def entente_ingest():
    @task(outlets=[STAGED_ARTICLES])
    def fetch_sources(**context) -> dict:
        from entente.orchestration import tasks

        return tasks.fetch_sources(context)

    fetch_sources()


entente_ingest()
