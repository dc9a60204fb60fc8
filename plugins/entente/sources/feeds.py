"""RSS/Atom/JSON Feed → articles (feedparser), from a URL or a local file."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import feedparser

from entente.sources.article import Article
from entente.sources.fetch import fetch
from entente.sources.pages import fragment_text, parse_datetime
from entente.sources.registry import Source


class FeedError(ValueError):
    """A feed could not be parsed; the message names the URL or file."""


def read_feed(source: Source) -> Iterator[Article]:
    where = source.url or str(source.path)
    if source.path:
        content = Path(source.path).read_bytes()
    else:
        content = fetch(source.url, source.allow_private_network).content
    fetched_at = datetime.now(timezone.utc)
    for entry in _parse_entries(content, where):
        article = _entry_article(entry, source.name, fetched_at, where)
        if article is not None:
            yield article


def _parse_entries(content: bytes, where: str) -> list[dict]:
    if content.lstrip()[:1] == b"{":
        return _json_feed_entries(content, where)
    parsed = feedparser.parse(content, resolve_relative_uris=False, sanitize_html=True)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"{where}: not a readable feed: {parsed.get('bozo_exception')}")
    return [
        {"title": e.get("title"), "url": e.get("link"),
         "published": e.get("published") or e.get("updated"),
         "html": (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""}
        for e in parsed.entries
    ]


def _json_feed_entries(content: bytes, where: str) -> list[dict]:
    try:
        items = json.loads(content).get("items", [])
    except (json.JSONDecodeError, AttributeError) as exc:
        raise FeedError(f"{where}: not a valid JSON Feed: {exc}") from None
    return [{"title": i.get("title"), "url": i.get("url"),
             "published": i.get("date_published"),
             "html": i.get("content_html") or i.get("content_text") or i.get("summary") or ""}
            for i in items if isinstance(i, dict)]


def _entry_article(entry: dict, source: str, fetched_at: datetime, where: str) -> Article | None:
    text = fragment_text(entry["html"])
    if not text:
        return None
    return Article(source=source, title=entry["title"], text=text, url=entry["url"],
                   published_at=parse_datetime(entry["published"]), fetched_at=fetched_at,
                   origin=where)
