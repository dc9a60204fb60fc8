"""The audit in write–audit–publish: Great Expectations suites over each load's rows.

GX 1.x runs on pandas DataFrames (its SQLAlchemy path on DuckDB is broken upstream). Each
table's frame holds the rows of this load (as the load inserted them, kept in temp tables)
plus computed check columns (`_offsets_ok`, `_article_exists`, ...) that SQL computes against
the warehouse (over the rows that share a key with this load's rows: the audit's cost follows
the load, not the warehouse); the suites in
expectations/<table>.json state what must hold. Expectations with meta.severity "critical"
block publication; "warning" ones are recorded only. A computed column may read a view when the
view is the rule's one definition (`_far_dated`: sql/views/report_status.sql, its text run
over the load's rows, entente.warehouse.scope.over_loaded).
"""
from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from entente.settings import EVENT_YEARS, quiet_libraries
from entente.warehouse.load import LOADED
from entente.warehouse.scope import over_loaded

log = logging.getLogger(__name__)
SAMPLE_ROWS = 5

_OFFSETS = ("(t.start_char >= 0 AND t.start_char < t.end_char "
            "AND t.end_char <= length(a.text)) IS TRUE AS _offsets_ok, "
            "a.article_id IS NOT NULL AS _article_exists")
_TEXT_AT = "coalesce(substring(a.text, t.start_char + 1, t.end_char - t.start_char) = t.{col}, false)"
_IN_LOAD = "t.article_id IN (SELECT article_id FROM audit_articles)"
# Key counts and columns the publish sets after the load (cluster_id, cluster_key) come from the
# warehouse, over the rows that share a key with this load's rows (narrow columns, whole
# groups, so the same counts): the audit's cost must not grow with the warehouse.
_ARTICLE_KEYS = """(SELECT article_id, count(*) AS n FROM articles
    WHERE article_id IN (SELECT article_id FROM audit_articles) GROUP BY article_id)"""
_EVENT_KEYS = """(SELECT event_id, count(*) AS n, any_value(cluster_id) AS cluster_id,
    any_value(cluster_key) AS cluster_key FROM events
    WHERE event_id IN (SELECT event_id FROM audit_events) GROUP BY event_id)"""

# Frame per suite: this load's rows (loaded_<table>, kept by the load; entente.warehouse.load)
# and the computed columns its expectations check.
FRAMES = {
    "articles": f"""
        SELECT t.*, length(t.text) AS _text_length, year(t.published_at) AS _published_year,
               coalesce(k.n, 0) AS _key_count
        FROM loaded_articles t LEFT JOIN {_ARTICLE_KEYS} k USING (article_id)""",
    "actors": "SELECT * FROM actors",
    "entity_mentions": f"""
        SELECT t.*, {_OFFSETS}, {_TEXT_AT.format(col='text')} AS _text_matches,
               (t.actor_id IS NULL OR t.actor_id IN (SELECT actor_id FROM actors)) AS _actor_exists
        FROM loaded_entity_mentions t LEFT JOIN loaded_articles a USING (article_id)""",
    "timexes": f"""
        SELECT t.*, {_OFFSETS}, {_TEXT_AT.format(col='text')} AS _text_matches,
               coalesce(t.range_start <= t.range_end, true) AS _range_ok,
               year(t.range_start) AS _range_year
        FROM loaded_timexes t LEFT JOIN loaded_articles a USING (article_id)""",
    "events": f"""
        SELECT t.* EXCLUDE (sentence, cluster_id, cluster_key), k.cluster_id, k.cluster_key,
               t.sentence, {_OFFSETS},
               {_TEXT_AT.format(col='sentence')} AS _sentence_matches,
               c.category IS NOT NULL AS _category_known,
               coalesce(t.quad_class = c.quad_class, false) AS _quad_matches_type,
               year(t.event_date) AS _event_year,
               coalesce(s.status = 'far_dated', false) AS _far_dated,
               coalesce(k.n, 0) AS _key_count
        FROM loaded_events t LEFT JOIN loaded_articles a USING (article_id)
        LEFT JOIN event_categories c ON c.category = t.event_type
        LEFT JOIN audit_status s ON s.event_id = t.event_id
        LEFT JOIN {_EVENT_KEYS} k ON k.event_id = t.event_id""",
    "event_participants": """
        SELECT t.*, e.event_id IS NOT NULL AS _event_exists,
               (t.actor_id IS NULL OR t.actor_id IN (SELECT actor_id FROM actors)) AS _actor_exists
        FROM loaded_event_participants t
        LEFT JOIN audit_events e USING (event_id)""",
    "article_duplicates": f"""
        SELECT t.*, count(*) OVER (PARTITION BY t.article_id) AS _key_count,
               t.article_id <> t.duplicate_of AS _not_self,
               t.duplicate_of NOT IN (SELECT article_id FROM article_duplicates)
                   AS _original_is_not_a_copy,
               t.duplicate_of IN (SELECT article_id FROM articles) AS _original_exists
        FROM article_duplicates t QUALIFY {_IN_LOAD}""",
    "quarantine": """
        SELECT t.*, count(*) OVER (PARTITION BY t.quarantine_id) AS _key_count,
               CASE WHEN t.action = 'rejected' THEN t.article_id IS NULL
                    ELSE t.article_id IS NOT NULL END AS _article_rule_ok
        FROM quarantine t QUALIFY t.loaded_at = (SELECT max(loaded_at) FROM quarantine)""",
    "fetch_log": """
        SELECT t.*, (t.status IN ('ok', 'not_modified') OR t.reason IS NOT NULL) AS _reason_given
        FROM fetch_log t WHERE t.loaded_at = (SELECT max(loaded_at) FROM fetch_log)""",
}


@dataclass
class SuiteResult:
    suite: str
    success: bool                      # no critical expectation failed
    evaluated: int
    failures: list[dict] = field(default_factory=list)


@dataclass
class AuditOutcome:
    run_id: str
    results: list[SuiteResult]

    @property
    def success(self) -> bool:
        return all(result.success for result in self.results)

    def failure_message(self) -> str:
        lines = []
        for result in self.results:
            for failure in result.failures:
                if failure["severity"] == "critical":
                    lines.append(f"{result.suite}: {failure['expectation']} "
                                 f"failed on {failure['unexpected_count']} rows, e.g. "
                                 f"{json.dumps(failure['sample_rows'], default=str)[:600]}")
        return "\n".join(lines)


# Values the suites name as {"$PARAMETER": ...}: one definition, in entente.settings.
SUITE_PARAMETERS = {"event_year_min": EVENT_YEARS[0], "event_year_max": EVENT_YEARS[1]}


def audit(con: duckdb.DuckDBPyConnection, article_ids: list[str], expectations_dir: Path,
          docs_dir: Path, sql_dir: Path) -> AuditOutcome:
    """Validate this load's rows in every suite; Data Docs go to `docs_dir`."""
    scope_audit(con, article_ids, sql_dir)
    runner = _GxRunner(expectations_dir, docs_dir)
    results = [runner.validate(name, con.execute(sql).df()) for name, sql in FRAMES.items()]
    return AuditOutcome(run_id=uuid.uuid4().hex[:12], results=results)


def scope_audit(con: duckdb.DuckDBPyConnection, article_ids: list[str], sql_dir: Path) -> None:
    """The temp tables FRAMES read: this load's articles (audit_articles), its rows
    (loaded_<table>: kept by the load, or else read from the warehouse: rows made without a
    load, as by scripts/bench_views.py), their events (audit_events) and those events'
    status (audit_status: the report_status view's own definition over these rows only)."""
    con.execute("CREATE OR REPLACE TEMP TABLE audit_articles (article_id VARCHAR)")
    if article_ids:
        con.execute("INSERT INTO audit_articles SELECT unnest(?::VARCHAR[])", [article_ids])
    kept = {row[0] for row in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
    for table in LOADED:
        if f"loaded_{table}" not in kept:
            con.execute(f"CREATE TEMP TABLE loaded_{table} AS SELECT * FROM {table} WHERE "
                        + ("event_id IN (SELECT event_id FROM loaded_events)"
                           if table == "event_participants" else _IN_LOAD.replace("t.", "")))
    con.execute("CREATE OR REPLACE TEMP TABLE audit_events AS "
                "SELECT DISTINCT event_id FROM loaded_events")
    con.execute("CREATE OR REPLACE TEMP TABLE audit_status AS "
                + over_loaded("SELECT event_id, status FROM report_status", sql_dir))


def record_audit(con: duckdb.DuckDBPyConnection, outcome: AuditOutcome) -> None:
    checked_at = datetime.now(timezone.utc)
    con.executemany(
        "INSERT INTO quality_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [[outcome.run_id, r.suite, r.success, r.evaluated, len(r.failures),
          json.dumps(r.failures, default=str), checked_at] for r in outcome.results])


def load_suite_definition(expectations_dir: Path, name: str) -> dict:
    path = expectations_dir / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


class _GxRunner:
    """One ephemeral GX context per audit, with a Data Docs site under `docs_dir`."""

    def __init__(self, expectations_dir: Path, docs_dir: Path):
        quiet_libraries()
        import great_expectations as gx     # after quiet_libraries(): GX reads it at import

        self.gx = gx
        self.expectations_dir = expectations_dir
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}
        self.source = self.context.data_sources.add_pandas("entente_load")
        docs_dir.mkdir(parents=True, exist_ok=True)
        self.context.add_data_docs_site(site_name="entente", site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(docs_dir)}})

    def validate(self, name: str, frame: pd.DataFrame) -> SuiteResult:
        gx = self.gx
        definition = load_suite_definition(self.expectations_dir, name)
        suite = self.context.suites.add(gx.ExpectationSuite(**definition))
        batch = self.source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        validation = self.context.validation_definitions.add(
            gx.ValidationDefinition(data=batch, suite=suite, name=name))
        checkpoint = self.context.checkpoints.add(gx.Checkpoint(
            name=f"{name}_audit", validation_definitions=[validation],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["entente"])],
            result_format={"result_format": "COMPLETE"}))
        run = checkpoint.run(batch_parameters={"dataframe": frame},
                             expectation_parameters=SUITE_PARAMETERS)
        expectation_results = [r for vr in run.run_results.values() for r in vr.results]
        failures = [_describe_failure(r, frame) for r in expectation_results if not r.success]
        critical = [f for f in failures if f["severity"] == "critical"]
        return SuiteResult(suite=name, success=not critical,
                           evaluated=len(expectation_results), failures=failures)


def _describe_failure(result, frame: pd.DataFrame) -> dict:
    config_ = result.expectation_config
    details = result.result or {}
    indexes = (details.get("unexpected_index_list") or [])[:SAMPLE_ROWS]
    visible = [c for c in frame.columns if c not in ("text", "sentence")]
    sample = frame.loc[[i for i in indexes if i in frame.index], visible]
    if result.exception_info and result.exception_info.get("raised_exception"):
        details = {"exception": result.exception_info.get("exception_message")}
    return {
        "expectation": f"{config_.type}({_kwargs_text(config_.kwargs)})",
        "severity": (config_.meta or {}).get("severity", "critical"),
        "notes": (config_.meta or {}).get("notes"),
        "unexpected_count": details.get("unexpected_count"),
        "sample_rows": json.loads(sample.to_json(orient="records", date_format="iso")),
        "exception": details.get("exception"),
    }


def _kwargs_text(kwargs: dict) -> str:
    shown = {k: v for k, v in kwargs.items() if k not in ("batch_id", "result_format")}
    return ", ".join(f"{k}={v!r}" for k, v in shown.items())
