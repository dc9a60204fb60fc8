"""Read articles from the configured sources; each source fails alone."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from entente.sources.article import Article
from entente.sources.registry import Source

log = logging.getLogger(__name__)


@dataclass
class SourceFailure:
    source: str
    location: str
    reason: str


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    failures: list[SourceFailure] = field(default_factory=list)


def collect(sources: list[Source]) -> Collected:
    """Articles from every source; a broken source or file is recorded, never fatal."""
    result = Collected()
    for source in sources:
        try:
            _collect_source(source, result)
        except Exception as exc:  # one bad source must not stop the others
            location = source.url or str(source.path)
            log.warning("source %s (%s) failed: %s", source.name, location, exc)
            result.failures.append(SourceFailure(source.name, location, str(exc)))
    return result


def _collect_source(source: Source, result: Collected) -> None:
    from entente.sources import feeds, inbox, pages
    from entente.sources.fetch import fetch

    if source.kind == "feed":
        result.articles.extend(feeds.read_feed(source))
    elif source.kind == "page":
        response = fetch(source.url, source.allow_private_network)
        page = pages.extract_page(response.content, url=response.url)
        result.articles.append(Article(source=source.name, title=page.title, text=page.text,
                                       url=page.url, published_at=page.published_at,
                                       origin=source.url))
    else:
        if not source.path or not source.path.is_dir():
            raise FileNotFoundError(f"{source.path}: inbox folder not found")
        for path in inbox.inbox_files(source.path):
            try:
                result.articles.extend(inbox.read_inbox_file(path, source.name))
            except Exception as exc:  # a bad file is skipped, the folder goes on
                log.warning("inbox file %s skipped: %s", path, exc)
                result.failures.append(SourceFailure(source.name, str(path), str(exc)))
