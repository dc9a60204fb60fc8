"""The pipeline's stages. The DAG tasks and `entente run` call exactly these functions.

    ingest  → staged article batches      (entente_ingest)
    extract → staged extraction per batch (entente_process, mapped over batches)
    publish → load, audit, publish        (entente_process, one writer at a time)
    reports → CSV reports from the published warehouse (entente_reports)
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

from entente import config, staging
from entente.sources import SourceFailure, collect
from entente.sources.article import Article
from entente.sources.registry import Source, load_sources

log = logging.getLogger(__name__)
BATCH_SIZE = 200


class PublicationBlocked(RuntimeError):
    """The audit failed: nothing was published. The message names expectations and rows."""


@dataclass
class IngestResult:
    batches: list[str] = field(default_factory=list)
    new_articles: int = 0
    duplicates: int = 0
    failures: list[SourceFailure] = field(default_factory=list)


@dataclass
class PublishResult:
    published: bool
    run_id: str
    rows: dict[str, int]
    batches: list[str]
    message: str = ""


def ingest(sources: list[Source] | None = None, warehouse: Path | None = None) -> IngestResult:
    """Read the sources and stage the articles not yet published or staged."""
    warehouse = warehouse or config.warehouse_path()
    sources = sources if sources is not None else load_sources(config.sources_path())
    collected = collect(sources)
    known = _published_article_ids(warehouse) | _staged_article_ids(warehouse)
    fresh: dict[str, Article] = {}
    for article in collected.articles:
        if article.text.strip() and article.article_id not in known:
            fresh.setdefault(article.article_id, article)
    result = IngestResult(new_articles=len(fresh), failures=collected.failures,
                          duplicates=len(collected.articles) - len(fresh))
    articles = list(fresh.values())
    for start in range(0, len(articles), BATCH_SIZE):
        result.batches.append(_stage_batch(articles[start:start + BATCH_SIZE], warehouse))
    log.info("ingest: %d new articles in %d batches, %d already known, %d source failures",
             result.new_articles, len(result.batches), result.duplicates, len(result.failures))
    return result


def _stage_batch(articles: list[Article], warehouse: Path) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    batch_id = f"{stamp}-{uuid.uuid4().hex[:8]}"
    frame = pd.DataFrame([a.as_row() for a in articles])
    frame["anchor_date"] = [a.anchor_date() for a in articles]
    staging.write_frame_atomically(frame, staging.articles_file(batch_id, warehouse))
    return batch_id


def _published_article_ids(warehouse: Path) -> set[str]:
    if not warehouse.exists():
        return set()
    from entente.warehouse.publish import connect_readonly
    con = connect_readonly(warehouse)
    try:
        return {row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()}
    except duckdb.CatalogException:
        return set()
    finally:
        con.close()


def _staged_article_ids(warehouse: Path) -> set[str]:
    ids: set[str] = set()
    for batch_id in staging.pending_batches(warehouse):
        path = staging.articles_file(batch_id, warehouse)
        ids.update(pd.read_parquet(path, columns=["article_id"])["article_id"])
    return ids


def extract(batch_id: str, warehouse: Path | None = None) -> dict[str, int]:
    from entente.extract import extract_batch
    return extract_batch(batch_id, warehouse)


def publish(batch_ids: list[str] | None = None, warehouse: Path | None = None,
            failures: list[SourceFailure] | None = None) -> PublishResult:
    """Load the extracted batches, audit them, and publish — or publish nothing."""
    from entente import quality
    from entente.warehouse.clusters import assign_clusters
    from entente.warehouse.load import load_batches
    from entente.warehouse.publish import publish_snapshot

    warehouse = warehouse or config.warehouse_path()
    batch_ids = staging.pending_batches(warehouse) if batch_ids is None else batch_ids
    started = datetime.now(timezone.utc)

    def build(con: duckdb.DuckDBPyConnection) -> PublishResult:
        con.begin()
        summary = load_batches(con, batch_ids, warehouse)
        assign_clusters(con)
        outcome = quality.audit(con, summary.article_ids)
        if outcome.success:
            con.commit()
        else:
            con.rollback()
        quality.record_audit(con, outcome)
        _record_run(con, outcome.run_id, started, outcome.success, summary.rows, failures)
        return PublishResult(published=outcome.success, run_id=outcome.run_id,
                             rows=summary.rows, batches=summary.batches,
                             message=outcome.failure_message())

    result = publish_snapshot(warehouse, build)
    if not result.published:
        raise PublicationBlocked(f"validation blocked publication (run {result.run_id}); "
                                 f"staged batches kept:\n{result.message}")
    for batch_id in result.batches:
        staging.remove_batch(batch_id, warehouse)
    return result


def _record_run(con, run_id, started, published, rows, failures) -> None:
    con.execute(
        "INSERT INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [run_id, started, datetime.now(timezone.utc), published, rows.get("articles", 0),
         rows.get("events", 0),
         json.dumps([f.__dict__ for f in failures or []])])


def reports(warehouse: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    from entente.reports import write_reports
    return write_reports(warehouse or config.warehouse_path(), out_dir or config.reports_dir())
