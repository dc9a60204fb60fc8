"""
### entente_ingest — fetch the news sources and stage new articles

Reads every enabled source in the sources file (`data/sources.yml`, or `ENTENTE_SOURCES`):
RSS/Atom/JSON feeds, article pages and inbox folders. Articles already published or already
staged are skipped (same content hash); new ones are written as Parquet batches to the
staging area beside the warehouse. A failing source is logged and skipped; it never fails
the run. Updates the `entente_staged_articles` asset, which triggers `entente_process`.
"""
from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from entente.airflow_support import DEFAULT_ARGS
from entente.assets import STAGED_ARTICLES


@dag(
    dag_id="entente_ingest",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["entente", "ingest"],
    doc_md=__doc__,
)
def entente_ingest():
    @task(outlets=[STAGED_ARTICLES])
    def fetch_sources() -> dict:
        from entente import stages

        result = stages.ingest()
        return {"batches": result.batches, "new_articles": result.new_articles,
                "duplicates": result.duplicates,
                "failures": [f.__dict__ for f in result.failures]}

    fetch_sources()


entente_ingest()
