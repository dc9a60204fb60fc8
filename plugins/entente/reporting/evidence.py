"""The rows behind a number: events with the sentences that report them, ready for a page.

`read_events(con, selection_sql)` takes a query that picks the events a set of pages shows,
as rows (page, cluster_id), and returns, per page, its events (newest first, at most
PAGE_EVENTS each): date and its precision, kind, category, scope, and every report — the
sentence with its trigger marked, the article's title, link and source — and how many sentences,
articles and sources reported it. `read_reports` does the same for reports, picked by event_id
(the reports that are no event: negated, hypothetical, undated, far-dated).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

import pandas as pd

PAGE_EVENTS = 500           # events (or reports) per page; the page says how many it leaves out

# Every report with what a page shows of it, and its event's figures (counted_events).
_DETAILS = """
    SELECT r.cluster_id, r.event_id, r.status, r.kind, r.published_on, r.years_before_article,
           e.event_date, e.date_precision, e.event_type, e.modality, e.trigger, e.sentence,
           a.title, a.url, a.source, c.scope, c.reports AS event_reports,
           c.articles AS event_articles, c.sources AS event_sources
    FROM report_status r
    JOIN events e ON e.event_id = r.event_id
    JOIN articles a ON a.article_id = r.article_id
    LEFT JOIN counted_events c ON c.cluster_id = r.cluster_id AND r.status = 'counted'
"""


@dataclass(frozen=True)
class Sentence:
    """A sentence split around its trigger, so a template can mark it (each part escaped)."""

    before: str
    trigger: str
    after: str


@dataclass
class Report:
    """One sentence that reported an event, and where it was published."""

    event_id: str
    sentence: Sentence
    title: str
    href: str | None            # the article's link when it is http(s)
    source: str
    published: str
    status: str
    modality: str


@dataclass
class EventEntry:
    """One event (or, on the reports page, one report) as a row of an evidence table."""

    key: str
    when: str                   # "1989-05-31 (day)"
    year: int | None
    kind: str
    category: str
    scope: str | None
    reports: list[Report] = field(default_factory=list)
    counts: tuple[int, int, int] | None = None   # sentences, articles, sources


def mark_trigger(sentence: str, trigger: str | None) -> Sentence:
    """Split `sentence` around the first whole-word occurrence of `trigger` (any case); the
    whole sentence stays unmarked when the trigger is not in it."""
    if trigger:
        found = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", sentence, re.IGNORECASE)
        if found:
            return Sentence(sentence[:found.start()], found.group(), sentence[found.end():])
    return Sentence(sentence, "", "")


def safe_href(url: str | None) -> str | None:
    """`url` when it is an http(s) address; anything else (javascript:, data:, a path) is no
    link, whatever the article said."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def read_events(con, selection_sql: str, params: list | None = None
                ) -> dict[str, tuple[list[EventEntry], int]]:
    """page → (its newest PAGE_EVENTS events, how many events it has in all)."""
    frame = con.execute(f"""
        WITH picked AS ({selection_sql}),
        ranked AS (
            SELECT page, cluster_id, count(*) OVER (PARTITION BY page) AS total,
                   row_number() OVER (PARTITION BY page ORDER BY c.event_date DESC,
                                      cluster_id) AS position
            FROM (SELECT DISTINCT page, cluster_id FROM picked)
            JOIN counted_events c USING (cluster_id))
        SELECT ranked.page, ranked.total, d.* FROM ranked
        JOIN ({_DETAILS}) d USING (cluster_id)
        WHERE ranked.position <= {PAGE_EVENTS} AND d.status = 'counted'
        ORDER BY ranked.page, ranked.position, d.event_date, d.event_id
        """, params or []).df()
    return {page: (_events(rows), int(rows.total.iloc[0]))
            for page, rows in frame.groupby("page", sort=False)}


def read_reports(con, selection_sql: str) -> dict[str, tuple[list[EventEntry], int]]:
    """page → (its newest PAGE_EVENTS reports, one entry each; how many it has in all)."""
    frame = con.execute(f"""
        WITH picked AS ({selection_sql}),
        ranked AS (
            SELECT page, event_id, count(*) OVER (PARTITION BY page) AS total,
                   row_number() OVER (PARTITION BY page ORDER BY e.event_date DESC NULLS LAST,
                                      event_id) AS position
            FROM (SELECT DISTINCT page, event_id FROM picked) JOIN events e USING (event_id))
        SELECT ranked.page, ranked.total, d.* FROM ranked
        JOIN ({_DETAILS}) d USING (event_id)
        WHERE ranked.position <= {PAGE_EVENTS}
        ORDER BY ranked.page, d.event_date DESC NULLS LAST, d.event_id
        """).df()
    return {page: ([_entry(row.event_id, [row]) for row in rows.itertuples()],
                   int(rows.total.iloc[0]))
            for page, rows in frame.groupby("page", sort=False)}


def _events(rows: pd.DataFrame) -> list[EventEntry]:
    """One entry per cluster, its reports oldest first."""
    entries = []
    for cluster_id, group in rows.groupby("cluster_id", sort=False):
        reports = list(group.sort_values(["event_date", "event_id"]).itertuples())
        entry = _entry(cluster_id, reports)
        first = reports[0]
        entry.counts = (int(first.event_reports), int(first.event_articles),
                        int(first.event_sources))
        entries.append(entry)
    return entries


def _entry(key: str, reports: list) -> EventEntry:
    first = reports[0]
    day = _day(first.event_date)
    return EventEntry(
        key=key, when=f"{day} ({first.date_precision})" if day else "no date",
        year=day.year if day else None, kind=first.kind, category=first.event_type,
        scope=first.scope if isinstance(first.scope, str) else None,
        reports=[Report(event_id=r.event_id, sentence=mark_trigger(r.sentence, r.trigger),
                        title=r.title or "(untitled)", href=safe_href(_text(r.url)),
                        source=r.source, published=str(_day(r.published_on) or "undated"),
                        status=r.status, modality=r.modality) for r in reports])


def _day(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, (datetime, pd.Timestamp)) else value


def _text(value) -> str | None:
    return value if isinstance(value, str) else None
