"""HTML page → main text, title, author and publication date (trafilatura + htmldate)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import trafilatura
from dateutil import parser as dateparser


@dataclass
class PageContent:
    text: str
    title: str | None
    author: str | None
    published_at: datetime | None
    url: str | None


def extract_page(html: str | bytes, url: str | None = None) -> PageContent:
    """Main text of an article page; empty text when the page has none."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, date_extraction_params={"extensive_search": True,
                                                      "original_date": True},
    )
    if doc is None:
        return PageContent(text="", title=None, author=None, published_at=None, url=url)
    return PageContent(
        text=(doc.text or "").strip(),
        title=doc.title or None,
        author=doc.author or None,
        published_at=parse_datetime(doc.date),
        url=doc.url or url,
    )


def parse_datetime(value: str | None) -> datetime | None:
    """Parse a date or timestamp into an aware UTC datetime; None if unparseable."""
    if not value:
        return None
    try:
        parsed = dateparser.parse(str(value))
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's content), paragraphs kept as blank lines.

    trafilatura's main-text heuristics are for whole pages; on a short fragment they can
    discard everything, so fragments get a plain structural conversion instead.
    """
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on garbage; the text is still usable
        return html.strip()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n\n".join(line for line in lines if line)
