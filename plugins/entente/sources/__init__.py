"""Read articles from the configured sources; each source fails alone.

`collect` reads every source through one shared HttpClient and returns the articles, the
failures (one per broken source or file) and the fetch log (one record per fetch).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from entente.sources import feeds, inbox
from entente.sources.article import Article
from entente.sources.http import HttpClient
from entente.sources.log import FetchRecord, record_time
from entente.sources.pages import extract_page
from entente.sources.registry import Source
from entente.sources.rejects import QuarantineRecord, Rejected

log = logging.getLogger(__name__)
FAILED = ("error", "blocked")


@dataclass
class SourceFailure:
    source: str
    location: str
    reason: str


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    failures: list[SourceFailure] = field(default_factory=list)
    fetch_log: list[FetchRecord] = field(default_factory=list)
    quarantine: list = field(default_factory=list)   # QuarantineRecord: input set aside or repaired


def collect(sources: list[Source], client=None,
            is_known: Callable[[str | None], bool] | None = None) -> Collected:
    """Articles from every source; a broken source or file is recorded, never fatal.

    `is_known(url)` tells whether an article URL is stored already: such feed items are
    skipped before their page is fetched. Without a `client`, one is made for this call.
    """
    result = Collected()
    own_client = client is None
    client = client or HttpClient()
    is_known = is_known or (lambda url: False)
    try:
        for source in sources:
            try:
                _collect_source(source, result, client, is_known)
            except Exception as exc:  # one bad source must not stop the others
                log.warning("source %s (%s) failed: %s", source.name,
                            source.url or source.path, exc)
    finally:
        if own_client:
            client.close()
    result.failures = [SourceFailure(r.source, r.url or "", r.reason or r.status)
                       for r in result.fetch_log
                       if r.status in FAILED and r.kind != "feed_item"]
    return result


def _collect_source(source: Source, result: Collected, client, is_known) -> None:
    try:
        if source.kind == "feed":
            result.articles.extend(feeds.read_feed(source, client, is_known, result.fetch_log))
        elif source.kind == "page":
            result.articles.extend(_read_page(source, client, result.fetch_log))
        else:
            _read_inbox(source, result)
    except (feeds.FeedError, Rejected) as exc:   # the content was bad, not the connection
        code = getattr(exc, "code", None) or (
            "unsafe_xml" if "entit" in str(exc).lower() or "DOCTYPE" in str(exc)
            else "unreadable_feed")
        result.quarantine.append(QuarantineRecord(
            source=source.name, location=source.url or str(source.path), reason_code=code,
            reason=str(exc)))
        raise


def _read_page(source: Source, client, fetch_log: list[FetchRecord]) -> list[Article]:
    record = FetchRecord(source=source.name, kind="page", url=source.url, items=1)
    fetch_log.append(record)
    with record_time(record):
        response = client.get(source.url, source.allow_private_network, conditional=True,
                              credentials=source.credentials())
        record.http_status, record.bytes = response.status, len(response.content)
        if response.not_modified:
            record.status = "not_modified"
            return []
        page = extract_page(response.text(), url=response.url)
        if not page.text:
            raise Rejected("no_text", f"{source.url}: no article text found on the page")
    client.cache.remember(response)
    return [Article(source=source.name, title=page.title, text=page.text,
                    url=page.url or response.url, published_at=page.published_at,
                    date_source=page.date_source, origin=source.url)]


def _read_inbox(source: Source, result: Collected) -> None:
    record = FetchRecord(source=source.name, kind="inbox", url=str(source.path))
    result.fetch_log.append(record)
    with record_time(record):
        if not source.path or not source.path.is_dir():
            raise FileNotFoundError(f"{source.path}: inbox folder not found")
        files = inbox.inbox_files(source.path)
        record.items = len(files)
        for path in files:
            file_record = FetchRecord(source=source.name, kind="inbox_file", url=str(path),
                                      items=1)
            with record_time(file_record, reraise=False):
                try:
                    articles = list(inbox.read_inbox_file(path, source.name, result.quarantine))
                except Exception as exc:
                    result.quarantine.append(inbox.quarantine_record(path, source.name, exc))
                    raise
                result.articles.extend(articles)
            if file_record.status != "ok":   # a bad file is skipped, the folder goes on
                log.warning("inbox file %s skipped: %s", path, file_record.reason)
                result.fetch_log.append(file_record)
