"""Where each report page lives, relative to the reports folder: the one place the site's links
are made, so that every number can link to the page that shows its rows.

    index.html                     the headline figures, charts, data files, data quality
    pairs.html                     every country pair
    articles.html                  the articles
    events/<kind>.html             cooperation or conflict events, a section per scope
    events/reports.html            every report, a section per status (counted, negated, ...)
    dyads/<A>-<B>.html             one pair: timeline and evidence
    countries/<C>.html             one country: its partners and the events naming it alone
"""
from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _safe(code: str) -> str:
    """A country code as a file name part: letters, digits and _ kept, anything else hex."""
    return _UNSAFE.sub(lambda m: f"~{ord(m.group()):x}", str(code))


def dyad_page(a: str, b: str) -> str:
    """dyads/<A>-<B>.html for the pair (a, b), a < b."""
    first, second = sorted((a, b))
    return f"dyads/{_safe(first)}-{_safe(second)}.html"


def country_page(code: str) -> str:
    return f"countries/{_safe(code)}.html"


def events_page(kind: str) -> str:
    """events/cooperation.html or events/conflict.html."""
    return f"events/{_safe(kind)}.html"


REPORTS_PAGE = "events/reports.html"
PAIRS_PAGE = "pairs.html"
ARTICLES_PAGE = "articles.html"
INDEX_PAGE = "index.html"


def relative(target: str, page: str) -> str:
    """The link from `page` to `target` (both relative to the reports folder), URL-quoted:
    pages link to each other relatively so the folder works from disk and under any prefix."""
    depth = page.count("/")
    path, _, anchor = target.partition("#")
    href = quote("../" * depth + path)
    return f"{href}#{quote(anchor)}" if anchor else href


def figure_page(key: str) -> str | None:
    """The page showing the rows of a headline figure (keys of status.figure_rows):
    `articles`, `reports[.<status>]`, `<kind>[.<scope>]`, `<kind>.pairs`; None for the period."""
    head, _, tail = key.partition(".")
    if head == "articles":
        return ARTICLES_PAGE
    if head == "reports":
        return f"{REPORTS_PAGE}#{tail}" if tail else REPORTS_PAGE
    if head in ("cooperation", "conflict"):
        if tail == "pairs":
            return f"{PAIRS_PAGE}#{head}"
        return f"{events_page(head)}#{tail}" if tail else events_page(head)
    return None
