"""
### entente_process — extract, load, validate and publish

Triggered by the `entente_staged_articles` asset. Runs the spaCy pipeline (entities, actors,
TIMEX3 dates, PLOVER events) over each staged batch in parallel (`extract` is mapped over the
batches, on the Celery queue `ENTENTE_NLP_QUEUE`, default `nlp`), then one `publish` task —
in the one-slot `entente_warehouse` pool, so DuckDB only
ever has one writer — loads the batches into a private copy of the warehouse, validates every
table with Great Expectations, and atomically publishes the copy (analysts' read-only
sessions see the old state or the new one, never a partial one). A failed critical
expectation publishes nothing and fails the task, naming the expectation and sample rows.
Updates the `entente_warehouse` asset, which triggers `entente_reports`.
"""
from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from entente.orchestration import DEFAULT_ARGS, WAREHOUSE_POOL, log_failure, nlp_queue
from entente.orchestration.assets import STAGED_ARTICLES, WAREHOUSE


@dag(
    dag_id="entente_process",
    schedule=[STAGED_ARTICLES],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=log_failure,
    tags=["entente", "nlp", "warehouse"],
    doc_md=__doc__,
)
def entente_process():
    @task
    def pending_batches() -> list[str]:
        from entente.orchestration import tasks

        return tasks.pending_batches()

    @task(max_active_tis_per_dagrun=2, queue=nlp_queue())
    def extract(batch_id: str) -> dict:
        from entente.orchestration import tasks

        return tasks.extract(batch_id)

    @task(pool=WAREHOUSE_POOL, outlets=[WAREHOUSE], trigger_rule="none_failed")
    def publish(batch_ids: list[str], **context) -> dict:
        from entente.orchestration import tasks

        return tasks.publish(batch_ids, context)

    batches = pending_batches()
    extracted = extract.expand(batch_id=batches)
    extracted >> publish(batches)


entente_process()
