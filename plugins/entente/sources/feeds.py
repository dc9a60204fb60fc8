"""RSS 0.9x/1.0/2.0, Atom and JSON Feed → feed items → articles.

Feeds come from a URL (through the shared HttpClient, conditionally: a 304 ends the work) or a
local file. XML entity expansion is never performed: a DOCTYPE is removed before feedparser
sees the document, and a feed that still declares entities is refused. An item that carries
only a summary gets its linked page fetched for the full text (same client, same private-address
rule as the feed); when that fails the summary is kept and the reason logged.
"""
from __future__ import annotations

import calendar
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import feedparser

from entente.sources.article import Article
from entente.sources.decoding import charset_of, decode_body
from entente.sources.http import FetchError, HttpClient
from entente.sources.log import FetchRecord, record_time
from entente.sources.pages import date_from_url, extract_page, fragment_text, parse_datetime, plausible_date
from entente.sources.registry import Source

# An item whose only text is a summary shorter than this is completed from its page.
FULL_TEXT_MIN_WORDS = 150
FEED_TYPES = ("xml", "rss", "atom", "json", "text", "html")


class FeedError(ValueError):
    """A feed could not be parsed (or was refused); the message names the URL or file."""


@dataclass
class FeedItem:
    title: str | None
    url: str | None
    published_at: datetime | None
    html: str                   # the fullest content the item carries
    summary_only: bool          # no full-content field: only a description/summary


# ------------------------------------------------------------------ parsing

_DOCTYPE = re.compile(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.I | re.S)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


def defuse_xml(content: bytes, where: str) -> bytes:
    """Refuse a feed that declares entities; drop a plain DOCTYPE (feedparser needs none)."""
    head, tail = content[:65536], content[65536:]
    doctype = _DOCTYPE.search(head)
    if doctype and _ENTITY_DECLARATION.search(doctype.group(0)):
        raise FeedError(f"{where}: feed declares XML entities; refused (entity expansion is "
                        "never performed)")
    if doctype:
        head = head[:doctype.start()] + head[doctype.end():]
    if _ENTITY_DECLARATION.search(head) or b"<!DOCTYPE" in head.upper():
        raise FeedError(f"{where}: feed has a malformed DOCTYPE or entity declaration; refused")
    return head + tail


def parse_feed(content: bytes, where: str, content_type: str = "",
               problems: list[str] | None = None) -> list[FeedItem]:
    """Items of an RSS/Atom/JSON feed, in feed order; what was recovered from a malformed feed
    is kept, and the fault appended to `problems`."""
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if "json" in content_type.lower() or stripped[:1] == b"{":
        return _json_feed_items(content, where)
    safe = defuse_xml(content, where)
    text = decode_body(safe, charset_of(content_type))
    # Hand feedparser UTF-8 with a matching declaration, so a wrong header cannot mislead it.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", '<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    parsed = feedparser.parse(text.encode("utf-8"), resolve_relative_uris=False,
                              sanitize_html=True,
                              response_headers={"content-type": "application/xml; charset=utf-8"})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed document found"
        raise FeedError(f"{where}: not a readable feed: {reason}")
    if parsed.bozo and problems is not None:
        problems.append(f"malformed feed, {len(parsed.entries)} items recovered: "
                        f"{parsed.get('bozo_exception')}")
    return [_xml_item(entry) for entry in parsed.entries]


def _xml_item(entry) -> FeedItem:
    content = [c.get("value") for c in entry.get("content") or [] if c.get("value")]
    summary = entry.get("summary") or ""
    html = max(content, key=len) if content else summary
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = (datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc)
                 if isinstance(stamp, time.struct_time) else None)
    return FeedItem(title=entry.get("title"), url=entry.get("link"),
                    published_at=plausible_date(published), html=html,
                    summary_only=not content)


def _json_feed_items(content: bytes, where: str) -> list[FeedItem]:
    try:
        document = json.loads(decode_body(content))
        items = document.get("items", [])
    except (json.JSONDecodeError, AttributeError) as exc:
        raise FeedError(f"{where}: not a valid JSON Feed: {exc}") from None
    if not isinstance(items, list):
        raise FeedError(f"{where}: JSON Feed 'items' is not a list")
    result = []
    for item in items:
        if not isinstance(item, dict):
            continue
        full = item.get("content_html") or item.get("content_text")
        result.append(FeedItem(
            title=item.get("title"), url=item.get("url") or item.get("external_url"),
            published_at=plausible_date(parse_datetime(item.get("date_published")
                                                       or item.get("date_modified"))),
            html=full or item.get("summary") or "", summary_only=not full))
    return result


# ------------------------------------------------------------------ reading a source

def read_feed(source: Source, client: HttpClient | None = None,
              is_known: Callable[[str | None], bool] = lambda url: False,
              log: list[FetchRecord] | None = None) -> list[Article]:
    """Articles of a feed source not known yet; every fetch is appended to `log`."""
    log = log if log is not None else []
    own_client = client is None
    client = client or HttpClient()
    try:
        return _read_feed(source, client, is_known, log)
    finally:
        if own_client:
            client.close()


def _read_feed(source: Source, client: HttpClient, is_known, log: list[FetchRecord]) -> list[Article]:
    where = source.url or str(source.path)
    record = FetchRecord(source=source.name, kind="feed", url=where)
    log.append(record)
    with record_time(record):
        if source.path:
            content, content_type = Path(source.path).read_bytes(), ""
        else:
            response = client.get(source.url, source.allow_private_network, FEED_TYPES,
                                  conditional=True, credentials=source.credentials())
            record.http_status, record.bytes = response.status, len(response.content)
            if response.not_modified:
                record.status = "not_modified"
                return []
            content, content_type = response.content, response.content_type
        problems: list[str] = []
        items = parse_feed(content, where, content_type, problems)
        record.items, record.reason = len(items), "; ".join(problems) or None
        fetched_at = datetime.now(timezone.utc)
        articles = []
        for item in items:
            if item.url and is_known(item.url):
                continue                 # stored before: no page fetch, no work
            article = _item_article(item, source, fetched_at, where, client, log)
            if article is not None:
                articles.append(article)
    if source.url and record.status == "ok":
        client.cache.remember(response)
    return articles


def _item_article(item: FeedItem, source: Source, fetched_at: datetime, where: str,
                  client: HttpClient, log: list[FetchRecord]) -> Article | None:
    text = fragment_text(item.html)
    published, date_source = item.published_at, "feed" if item.published_at else None
    title = item.title
    if client.policy.item_pages and _needs_page(item, text):
        page = _fetch_full_text(item, source, client, log, len(text.split()))
        if page is not None:
            text, title = page.text, title or page.title
            if published is None and page.published_at:
                published, date_source = page.published_at, page.date_source
    if published is None:
        published = date_from_url(item.url)
        date_source = "url" if published else None
    if not text:
        return None
    return Article(source=source.name, title=title, text=text, url=item.url,
                   published_at=published, fetched_at=fetched_at, origin=where,
                   date_source=date_source)


def _needs_page(item: FeedItem, text: str) -> bool:
    return bool(item.url) and item.summary_only and len(text.split()) < FULL_TEXT_MIN_WORDS


def _fetch_full_text(item: FeedItem, source: Source, client: HttpClient,
                     log: list[FetchRecord], summary_words: int):
    """The linked page's content, or None (reason logged) so the item keeps its summary."""
    record = FetchRecord(source=source.name, kind="feed_item", url=item.url, items=1)
    log.append(record)
    with record_time(record, reraise=False):
        try:
            response = client.get(item.url, source.allow_private_network,
                                  credentials=source.credentials())
        except FetchError as exc:
            record.status, record.http_status = "fallback", exc.status
            record.reason = f"full text not fetched, feed summary kept: {exc}"
            return None
        record.http_status, record.bytes = response.status, len(response.content)
        page = extract_page(response.text(), url=response.url)
        if len(page.text.split()) < max(summary_words, 1):
            record.status = "fallback"
            record.reason = "linked page has no more text than the feed summary; summary kept"
            return None
        return page
    record.status = "fallback"
    record.reason = f"full text not extracted, feed summary kept: {record.reason}"
    return None

