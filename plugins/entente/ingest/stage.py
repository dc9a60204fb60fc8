"""The ingest stage: read the sources, stage what is new (and, for a backfill window, what is
stored already), and the run's fetch log and quarantine records.

Known article URLs are skipped before any page fetch and feeds/pages are fetched
conditionally, so a rerun with nothing new does almost no work and stages no articles.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from entente.ingest import frames
from entente.ingest.backfill import restage_window
from entente.ingest.known import KnownArticles, published_quarantine_ids
from entente.ingest.near_duplicates import signature, signature_bytes
from entente.ingest.screening import Selection, select_new
from entente.settings import Settings
from entente.sources import Collected, SourceFailure, collect
from entente.sources.article import Article
from entente.sources.http import FetchPolicy, HttpCache, HttpClient
from entente.sources.registry import Source, load_sources
from entente.warehouse import Warehouse
from entente.warehouse.staging import new_run_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did; the run summary and the DAG's task log print it."""
    ingest_id: str
    batches: list[str] = field(default_factory=list)
    new_articles: int = 0
    duplicates: int = 0                 # already stored, or read twice in this run
    failures: list[SourceFailure] = field(default_factory=list)
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
    restaged_batches: int = 0           # batches of stored articles staged again (backfill)
    window: tuple[date, date] | None = None

    def summary(self) -> dict:
        """The figures the DAG task returns (JSON-serializable)."""
        return {"batches": self.batches, "new_articles": self.new_articles,
                "duplicates": self.duplicates, "restaged_batches": self.restaged_batches,
                "window": [str(day) for day in self.window] if self.window else None,
                "failures": [f.__dict__ for f in self.failures]}


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(host_interval=settings.host_interval)


def ingest(settings: Settings, warehouse: Warehouse, sources: list[Source] | None = None,
           window: tuple[date, date] | None = None,
           policy: FetchPolicy | None = None) -> IngestResult:
    """Read the sources (default: the sources file) and stage the articles not yet published
    or staged, then — with a backfill `window` — the stored articles published in it."""
    if sources is None:
        sources = load_sources(settings.sources_file, settings.project_dir)
    known = KnownArticles.load(warehouse)
    cache = HttpCache(warehouse.staging.http_cache_file)
    if not known.has_history:       # validators without the articles they stand for are wrong
        cache.forget_all()
    with HttpClient(policy or fetch_policy(settings), cache) as client:
        collected = collect(sources, client, known.has_url)
        requests = client.requests
    ingest_id = new_run_id()
    selection = select_new(collected.articles, known, settings.max_article_chars)
    links = link_near_duplicates(selection.fresh, known)
    batches = [warehouse.staging.stage_batch(frames.article_frame(chunk, links))
               for chunk in _chunks(selection.fresh, settings.batch_size)]
    stage_logs(warehouse, ingest_id, collected, selection)
    cache.save()                    # only once what the validators stand for is staged
    restaged = restage_window(warehouse, *window, settings.batch_size) if window else []
    result = _result(ingest_id, collected, selection, links, batches, requests, restaged, window)
    _log(result)
    return result


def link_near_duplicates(fresh: list[Article], known: KnownArticles) -> frames.Links:
    """article_id → (minhash bytes, DuplicateLink | None) for each new article."""
    if not fresh:
        return {}
    index = known.near_duplicate_index()
    links = {}
    for article in fresh:
        minhash = signature(article.text)
        links[article.article_id] = (signature_bytes(minhash), index.add(article.article_id,
                                                                         minhash))
    return links


def stage_logs(warehouse: Warehouse, ingest_id: str, collected: Collected,
               selection: Selection) -> None:
    """The run's fetch log, and its quarantine records not already published (a bad file
    seen on every run is recorded once)."""
    frames.count_new_articles(collected.fetch_log, selection.fresh)
    if collected.fetch_log:
        warehouse.staging.write_fetch_log(ingest_id,
                                          frames.fetch_log_frame(collected.fetch_log, ingest_id))
    for record in _quarantined(collected, selection):
        log.warning("quarantine: %s %s (%s): %s", record.action, record.location,
                    record.reason_code, record.reason)
    seen = published_quarantine_ids(warehouse)
    unseen = [r for r in _quarantined(collected, selection) if r.quarantine_id not in seen]
    if unseen:
        warehouse.staging.write_quarantine(ingest_id, frames.quarantine_frame(unseen, ingest_id))


def _quarantined(collected: Collected, selection: Selection) -> list:
    return list(collected.quarantine) + selection.quarantined


def _chunks(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[start:start + size] for start in range(0, len(articles), size)]


def _result(ingest_id, collected, selection, links, batches, requests, restaged,
            window) -> IngestResult:
    records = _quarantined(collected, selection)
    statuses = Counter(record.status for record in collected.fetch_log)
    return IngestResult(
        ingest_id=ingest_id, batches=batches + restaged, new_articles=len(selection.fresh),
        duplicates=selection.duplicates, failures=collected.failures,
        non_english=selection.non_english, languages=selection.languages,
        near_duplicates=sum(1 for _, link in links.values() if link),
        not_modified=statuses["not_modified"], fallbacks=statuses["fallback"],
        fetches=len(collected.fetch_log), http_requests=requests,
        quarantined=len(records), rejected=sum(1 for r in records if r.action == "rejected"),
        quarantine_reasons=dict(Counter(r.reason_code for r in records)),
        restaged_batches=len(restaged), window=window)


def _log(result: IngestResult) -> None:
    log.info("ingest: %d new articles (%d not English, %d near-duplicates) in %d batches, "
             "%d already known, %d not modified, %d source failures, %d quarantined "
             "(%d rejected)%s",
             result.new_articles, result.non_english, result.near_duplicates,
             len(result.batches) - result.restaged_batches, result.duplicates,
             result.not_modified, len(result.failures), result.quarantined, result.rejected,
             f", {result.restaged_batches} batches re-staged for {result.window[0]}.."
             f"{result.window[1]}" if result.window else "")
