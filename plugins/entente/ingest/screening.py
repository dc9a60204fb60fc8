"""Which fetched articles are new and usable: repaired, screened, deduplicated, language known.

Text is cleaned of control characters, implausible publication dates are dropped (both noted
on the article), unusable text (none, too long) is rejected, and articles whose content hash
or canonical URL is stored already are set aside. Every rejection and repair becomes a
quarantine record with its reason.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from entente.ingest.known import KnownArticles
from entente.ingest.language import detect_language
from entente.sources.article import Article
from entente.sources.decoding import clean_text
from entente.sources.pages import plausible_date
from entente.sources.rejects import QuarantineRecord, Rejected, sample_of


@dataclass
class Selection:
    fresh: list[Article] = field(default_factory=list)
    duplicates: int = 0                 # already stored, or read twice in this run
    quarantined: list[QuarantineRecord] = field(default_factory=list)

    @property
    def languages(self) -> dict[str, int]:
        return dict(Counter(article.language for article in self.fresh))

    @property
    def non_english(self) -> int:
        return sum(1 for article in self.fresh if article.language != "en")


def screen_text(text: str, max_chars: int) -> None:
    """Raise Rejected when an article's text cannot go through the pipeline. A news article
    is at most a few tens of thousands of characters; a 5 MB "article" (a dump, a runaway line)
    would hold a worker for minutes, so longer texts are set aside, never cut silently."""
    if not text.strip():
        raise Rejected("no_text", "no article text (empty after extraction)")
    if len(text) > max_chars:
        raise Rejected("too_long", f"{len(text):,} characters is over the {max_chars:,}-character "
                                   "limit for one article (ENTENTE_MAX_ARTICLE_CHARS); "
                                   "not processed")


def select_new(articles: list[Article], known: KnownArticles, max_chars: int) -> Selection:
    """Articles with usable text whose content hash and canonical URL are new."""
    selection = Selection()
    fresh: dict[str, Article] = {}
    urls: set[str] = set()
    for article in articles:
        try:
            repair(article)
            screen_text(article.text, max_chars)
        except Rejected as exc:
            selection.quarantined.append(article_record(article, exc.code, str(exc), "rejected"))
            continue
        url = article.canonical_url
        if article.article_id in known.ids or article.article_id in fresh:
            selection.duplicates += 1
            continue
        if url and (url in urls or known.has_url(url)):
            selection.duplicates += 1   # same link, other text: an edited copy; the first is kept
            selection.quarantined.append(article_record(
                article, "duplicate_url", f"another article with the URL {url} is stored "
                "already; this different text was not stored", "rejected"))
            continue
        fresh[article.article_id] = article
        if url:
            urls.add(url)
    for article in fresh.values():
        article.language = detect_language(f"{article.title or ''}\n{article.text}")
        selection.quarantined.extend(article_record(article, code, reason, "repaired")
                                     for code, reason in article.notes)
    selection.fresh = list(fresh.values())
    return selection


def repair(article: Article) -> None:
    """Remove control characters from text and title; drop an implausible publication date."""
    article.text = clean_text(article.text, article.notes)
    if article.title:
        article.title = clean_text(article.title) or None
    if article.published_at is not None and plausible_date(article.published_at) is None:
        article.notes.append(("implausible_date", f"publication date "
                              f"{article.published_at:%Y-%m-%d} is before 1900 or in the future; "
                              "stored undated"))
        article.published_at, article.date_source = None, None


def article_record(article: Article, code: str, reason: str, action: str) -> QuarantineRecord:
    return QuarantineRecord(
        source=article.source, location=article.origin or article.url or "",
        reason_code=code, reason=reason, action=action,
        article_id=None if action == "rejected" else article.article_id,
        content_hash=article.content_hash, size_bytes=len(article.text.encode("utf-8")),
        sample=sample_of(article.text))
