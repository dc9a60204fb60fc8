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
from entente.sources.fetch import FetchPolicy, HttpCache, HttpClient
from entente.sources.known import KnownArticles
from entente.sources.registry import Source, load_sources

log = logging.getLogger(__name__)
BATCH_SIZE = 200


class PublicationBlocked(RuntimeError):
    """The audit failed: nothing was published. The message names expectations and rows."""


@dataclass
class IngestResult:
    batches: list[str] = field(default_factory=list)
    new_articles: int = 0
    duplicates: int = 0                 # already stored, or read twice in this run
    failures: list[SourceFailure] = field(default_factory=list)
    ingest_id: str = ""
    non_english: int = 0                # new articles in another language (stored, not extracted)
    languages: dict[str, int] = field(default_factory=dict)
    near_duplicates: int = 0            # new articles linked to an earlier copy of the story
    not_modified: int = 0               # feeds and pages answered 304
    fallbacks: int = 0                  # feed items whose page failed: summary kept
    fetches: int = 0                    # records in this run's fetch log
    http_requests: int = 0
    quarantined: int = 0                # inputs rejected or repaired this run (quarantine table)
    rejected: int = 0                   # ... of which not stored as articles
    quarantine_reasons: dict[str, int] = field(default_factory=dict)   # reason_code → count


@dataclass
class PublishResult:
    published: bool
    run_id: str
    rows: dict[str, int]
    batches: list[str]
    message: str = ""


def ingest(sources: list[Source] | None = None, warehouse: Path | None = None,
           policy: FetchPolicy | None = None) -> IngestResult:
    """Read the sources and stage the articles not yet published or staged, and the fetch log.

    Known article URLs are skipped before any page fetch and feeds/pages are fetched
    conditionally, so a rerun with nothing new does almost no work and stages no articles.
    """
    warehouse = warehouse or config.warehouse_path()
    sources = sources if sources is not None else load_sources(config.sources_path())
    known = KnownArticles.load(warehouse)
    cache = HttpCache(staging.http_cache_file(warehouse))
    if not known.has_history:       # validators without the articles they stand for are wrong
        cache.entries = {}
    with HttpClient(policy, cache) as client:
        collected = collect(sources, client, known.has_url)
        requests = client.requests
    result = IngestResult(ingest_id=_new_id(), failures=collected.failures,
                          fetches=len(collected.fetch_log), http_requests=requests)
    quarantined = list(collected.quarantine)
    fresh = _new_articles(collected.articles, known, result, quarantined)
    links = _link_near_duplicates(fresh, known, result)
    for start in range(0, len(fresh), BATCH_SIZE):
        result.batches.append(_stage_batch(fresh[start:start + BATCH_SIZE], warehouse, links))
    _stage_fetch_log(collected.fetch_log, fresh, result, warehouse)
    _stage_quarantine(quarantined, result, warehouse)
    cache.save()                    # only once what the validators stand for is staged
    log.info("ingest: %d new articles (%d not English, %d near-duplicates) in %d batches, "
             "%d already known, %d not modified, %d source failures, %d quarantined "
             "(%d rejected)",
             result.new_articles, result.non_english, result.near_duplicates,
             len(result.batches), result.duplicates, result.not_modified, len(result.failures),
             result.quarantined, result.rejected)
    return result


def _new_id() -> str:
    return f"{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"


def _new_articles(articles: list[Article], known: KnownArticles, result: IngestResult,
                  quarantined: list | None = None) -> list[Article]:
    """Articles with usable text whose content hash and canonical URL are new; language detected.

    Text is cleaned of control characters, implausible publication dates are dropped (both
    noted), and unusable text (none, too long) is rejected; every such case is appended to
    `quarantined` with its reason.
    """
    from entente.quarantine import Rejected, screen_text
    from entente.sources.language import detect_language

    quarantined = quarantined if quarantined is not None else []
    fresh: dict[str, Article] = {}
    urls: dict[str, str] = {}
    for article in articles:
        try:
            _repair(article)
            screen_text(article.text)
        except Rejected as exc:
            quarantined.append(_article_record(article, exc.code, str(exc), "rejected"))
            continue
        url = article.canonical_url
        if article.article_id in known.ids or article.article_id in fresh:
            result.duplicates += 1
            continue
        if url and (url in urls or known.has_url(url)):
            result.duplicates += 1      # same link, other text: an edited copy; the first is kept
            quarantined.append(_article_record(
                article, "duplicate_url", f"another article with the URL {url} is stored "
                "already; this different text was not stored", "rejected"))
            continue
        fresh[article.article_id] = article
        if url:
            urls[url] = article.article_id
    for article in fresh.values():
        article.language = detect_language(f"{article.title or ''}\n{article.text}")
        result.languages[article.language] = result.languages.get(article.language, 0) + 1
        quarantined.extend(_article_record(article, code, reason, "repaired")
                           for code, reason in article.notes)
    result.new_articles = len(fresh)
    result.non_english = sum(1 for a in fresh.values() if a.language != "en")
    return list(fresh.values())


def _repair(article: Article) -> None:
    """Remove control characters from text and title; drop an implausible publication date."""
    from entente.quarantine import clean_text
    from entente.sources.pages import plausible_date

    article.text = clean_text(article.text, article.notes)
    if article.title:
        article.title = clean_text(article.title) or None
    if article.published_at is not None and plausible_date(article.published_at) is None:
        article.notes.append(("implausible_date", f"publication date {article.published_at:%Y-%m-%d} "
                              "is before 1900 or in the future; stored undated"))
        article.published_at, article.date_source = None, None


def _article_record(article: Article, code: str, reason: str, action: str):
    from entente.quarantine import QuarantineRecord, sample_of

    return QuarantineRecord(
        source=article.source, location=article.origin or article.url or "",
        reason_code=code, reason=reason, action=action,
        article_id=None if action == "rejected" else article.article_id,
        content_hash=article.content_hash, size_bytes=len(article.text.encode("utf-8")),
        sample=sample_of(article.text))


def _stage_quarantine(records: list, result: IngestResult, warehouse: Path) -> None:
    """Stage this run's quarantine rows not already published (a bad file is recorded once)."""
    from entente.quarantine import QUARANTINE_COLUMNS
    from entente.sources.known import published_quarantine_ids

    result.quarantined = len(records)
    result.rejected = sum(1 for r in records if r.action == "rejected")
    for record in records:
        result.quarantine_reasons[record.reason_code] = (
            result.quarantine_reasons.get(record.reason_code, 0) + 1)
        log.warning("quarantine: %s %s (%s): %s", record.action, record.location,
                    record.reason_code, record.reason)
    seen = published_quarantine_ids(warehouse)
    rows = [r.as_row(result.ingest_id) for r in records if r.quarantine_id not in seen]
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=list(QUARANTINE_COLUMNS)).drop_duplicates("quarantine_id")
    frame = frame.astype({c: "string" for c in QUARANTINE_COLUMNS
                          if c not in ("size_bytes", "detected_at")})
    frame["size_bytes"] = frame["size_bytes"].astype("Int64")
    staging.write_frame_atomically(frame, staging.quarantine_file(result.ingest_id, warehouse))


def _link_near_duplicates(fresh: list[Article], known: KnownArticles,
                          result: IngestResult) -> dict[str, tuple]:
    """article_id → (minhash bytes, DuplicateLink | None) for each new article."""
    from entente.sources.dedup import signature, signature_bytes

    if not fresh:
        return {}
    index = known.near_duplicate_index()
    links = {}
    for article in fresh:
        minhash = signature(article.text)
        link = index.add(article.article_id, minhash)
        links[article.article_id] = (signature_bytes(minhash), link)
    result.near_duplicates = sum(1 for _, link in links.values() if link)
    return links


def _stage_batch(articles: list[Article], warehouse: Path,
                 links: dict[str, tuple] | None = None) -> str:
    links = links or {}
    batch_id = _new_id()
    frame = pd.DataFrame([a.as_row() for a in articles])
    frame["anchor_date"] = [a.anchor_date() for a in articles]
    frame["minhash"] = [links.get(a.article_id, (None, None))[0] for a in articles]
    found = [links.get(a.article_id, (None, None))[1] for a in articles]
    frame["duplicate_of"] = pd.array([link.duplicate_of if link else None for link in found], dtype="string")
    frame["similarity"] = pd.array([link.similarity if link else None for link in found], dtype="Float64")
    frame["duplicate_method"] = pd.array([link.method if link else None for link in found], dtype="string")
    for column in ("canonical_url", "date_source", "url", "title"):
        frame[column] = frame[column].astype("string")
    staging.write_frame_atomically(frame, staging.articles_file(batch_id, warehouse))
    return batch_id


def _stage_fetch_log(records: list, fresh: list[Article], result: IngestResult,
                     warehouse: Path) -> None:
    from entente.sources.log import FETCH_LOG_COLUMNS

    new_by_source: dict[str, int] = {}
    for article in fresh:
        new_by_source[article.source] = new_by_source.get(article.source, 0) + 1
    for record in records:
        if record.kind in ("feed", "page", "inbox"):
            record.new_articles = new_by_source.pop(record.source, 0)
    result.not_modified = sum(1 for r in records if r.status == "not_modified")
    result.fallbacks = sum(1 for r in records if r.status == "fallback")
    if not records:
        return
    frame = pd.DataFrame([r.as_row(result.ingest_id) for r in records],
                         columns=list(FETCH_LOG_COLUMNS))
    frame = frame.astype({"http_status": "Int64", "reason": "string", "url": "string"})
    staging.write_frame_atomically(frame, staging.fetch_log_file(result.ingest_id, warehouse))


def extract(batch_id: str, warehouse: Path | None = None) -> dict[str, int]:
    """Extract one staged batch. Rerunning it rewrites the same extraction; a batch that another
    run published (and removed from staging) meanwhile is nothing to do."""
    from entente.extract import extract_batch

    if not staging.articles_file(batch_id, warehouse).exists():
        log.info("extract: batch %s is no longer staged (published by another run)", batch_id)
        return {}
    try:
        return extract_batch(batch_id, warehouse)
    except FileNotFoundError:
        if staging.articles_file(batch_id, warehouse).exists():
            raise
        log.info("extract: batch %s was published by another run meanwhile", batch_id)
        return {}


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
    loaded_logs: list[Path] = []

    def build(con: duckdb.DuckDBPyConnection) -> PublishResult:
        con.begin()
        summary = load_batches(con, batch_ids, warehouse)
        loaded_logs[:] = summary.fetch_logs + summary.quarantine_files
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

    def published(result: PublishResult) -> None:
        """Still under the writer lock: the next writer sees these batches either staged and
        unpublished, or published and gone — never loaded twice from a half-cleaned staging."""
        if not result.published:
            return
        for batch_id in result.batches:
            staging.remove_batch(batch_id, warehouse)
        for path in loaded_logs:
            path.unlink(missing_ok=True)
        staging.sweep_partials(warehouse)
        staging.sweep_orphan_extractions(warehouse)

    result = publish_snapshot(warehouse, build, published)
    if not result.published:
        raise PublicationBlocked(f"validation blocked publication (run {result.run_id}); "
                                 f"staged batches kept:\n{result.message}")
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
