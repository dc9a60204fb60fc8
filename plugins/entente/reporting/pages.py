"""The drill-down pages: static HTML files under the reports folder that show the rows behind
every number on index.html (where each lives: reporting.paths).

    dyads/<A>-<B>.html     a pair's numbers, its yearly timeline of cooperation, conflict and
                           multilateral events, and the evidence: every event with its date and
                           precision, category, modality, the sentence with the trigger marked,
                           the article's title and link, and how many sources reported it
    countries/<C>.html     a country's partners, and its events without a partner country
    events/<kind>.html     cooperation or conflict events, a section per scope
    events/reports.html    every report, a section per status (why it is, or is not, an event)
    pairs.html             every pair; articles.html: the articles

Pages link to each other relatively, have no scripts and are rendered with autoescaping, so the
folder works from disk, from any web server, and inside the Airflow UI. Pages of pairs and
countries that no longer have events are removed.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from entente import files
from entente.reporting import paths
from entente.reporting.evidence import PAGE_EVENTS, read_events, read_reports, safe_href
from entente.reporting.names import CountryNames, as_date
from entente.reporting.render import render
from entente.warehouse.status import DEFINITIONS, KINDS, LABELS, SCOPES, UNCOUNTED

ARTICLES_SHOWN = 1000
TIMELINE_REM = 12           # width of the longest timeline bar

# Each pair's events by section: multilateral when every row for the pair is (dyad_totals).
_PAIR_SECTIONS = """
    SELECT country_a || '|' || country_b || '|' || CASE WHEN bool_and(is_multilateral)
           THEN 'multilateral' WHEN bool_or(is_cooperation) THEN 'cooperation'
           ELSE 'conflict' END AS page, cluster_id
    FROM event_dyads GROUP BY country_a, country_b, cluster_id"""
_ALONE = ("SELECT unnest(countries) AS page, cluster_id FROM counted_events "
          "WHERE scope IN ('one_country', 'one_side')")
_BY_SCOPE = "SELECT kind || '|' || scope AS page, cluster_id FROM counted_events"
_BY_STATUS = "SELECT status AS page, event_id FROM report_status"


def write_pages(con, out_dir: Path, names: CountryNames) -> list[Path]:
    """Write every drill-down page into out_dir; returns the paths written."""
    totals = con.execute("SELECT * FROM dyad_totals").df()
    pages = dyad_pages(con, totals, names) + country_pages(con, totals, names)
    pages += event_pages(con) + [reports_page(con), pairs_page(totals, names),
                                 articles_page(con)]
    written = [files.write_text(out_dir / page, html) for page, html in pages]
    _remove_stale(out_dir, {page for page, _ in pages})
    return written


def dyad_pages(con, totals: pd.DataFrame, names: CountryNames) -> list[tuple[str, str]]:
    """dyads/<A>-<B>.html for every pair with an event."""
    timelines = con.execute("SELECT * FROM dyad_balance_yearly ORDER BY period").df()
    sections = read_events(con, _PAIR_SECTIONS)
    by_pair = {pair: rows for pair, rows in timelines.groupby(["country_a", "country_b"])}
    pages = []
    for row in totals.itertuples(index=False):
        a, b = row.country_a, row.country_b
        page = paths.dyad_page(a, b)
        pages.append((page, render(
            "dyad.html", page, a=a, b=b, totals=_dated(row._asdict()),
            title=names.pair(a, b, row.first_date, row.last_date),
            name_notes=[names.notes[c] for c in (a, b) if c in names.notes],
            timeline=_timeline(by_pair.get((a, b))),
            scale=TIMELINE_REM / max(1, _largest(by_pair.get((a, b)))),
            sections=_pair_sections(sections, a, b),
            sql=f"select * from dyad_evidence where country_a = {_quote(a)} "
                f"and country_b = {_quote(b)}")))
    return pages


def _pair_sections(sections: dict, a: str, b: str) -> list[dict]:
    titles = {"cooperation": "Dyad cooperation events", "conflict": "Dyad conflict events",
              "multilateral": "Multilateral events (three or more countries on a side)"}
    result = []
    for key, title in titles.items():
        entries, total = sections.get(f"{a}|{b}|{key}", ([], 0))
        result.append({"key": key, "title": title, "entries": entries, "total": total})
    return result


def _timeline(rows: pd.DataFrame | None) -> list[dict]:
    if rows is None:
        return []
    return [{"year": int(r.period), "cooperation": int(r.cooperation_events),
             "conflict": int(r.conflict_events), "multilateral": int(r.multilateral_events)}
            for r in rows.itertuples()]


def _largest(rows: pd.DataFrame | None) -> int:
    if rows is None or rows.empty:
        return 0
    return int(rows[["cooperation_events", "conflict_events", "multilateral_events"]]
               .max().max())


def country_pages(con, totals: pd.DataFrame, names: CountryNames) -> list[tuple[str, str]]:
    """countries/<C>.html for every country named by an event."""
    spans = dict((code, (first, last)) for code, first, last in con.execute(
        "SELECT code, min(event_date), max(last_date) FROM (SELECT unnest(countries) AS code, "
        "event_date, last_date FROM counted_events) GROUP BY code").fetchall())
    alone = read_events(con, _ALONE)
    partners = _partners(totals, names)
    pages = []
    for code in sorted(set(spans) | set(partners)):
        page = paths.country_page(code)
        entries, total = alone.get(code, ([], 0))
        pages.append((page, render(
            "country.html", page, code=code, title=names.span(code, *spans.get(code, (None,
                                                                                      None))),
            name_notes=[names.notes[code]] if code in names.notes else [],
            partners=partners.get(code, []), alone=entries, alone_total=total,
            sql="select * from counted_events where scope in ('one_country', 'one_side') "
                f"and list_contains(countries, {_quote(code)})")))
    return pages


def _partners(totals: pd.DataFrame, names: CountryNames) -> dict[str, list[dict]]:
    partners = defaultdict(list)
    for row in totals.itertuples(index=False):
        for code, partner in ((row.country_a, row.country_b), (row.country_b, row.country_a)):
            partners[code].append({**_pair_row(row, names),
                                   "name": names.span(partner, row.first_date, row.last_date)})
    for rows in partners.values():
        rows.sort(key=lambda p: (-p["cooperation"] - p["conflict"], p["name"]))
    return partners


def _pair_row(row, names: CountryNames) -> dict:
    return {"page": paths.dyad_page(row.country_a, row.country_b),
            "name": names.pair(row.country_a, row.country_b, row.first_date, row.last_date),
            "cooperation": int(row.cooperation_events), "conflict": int(row.conflict_events),
            "multilateral": int(row.multilateral_cooperation_events
                                + row.multilateral_conflict_events),
            "reports": int(row.reports), "first": as_date(row.first_date),
            "last": as_date(row.last_date)}


def event_pages(con) -> list[tuple[str, str]]:
    """events/cooperation.html and events/conflict.html: a section per scope."""
    found = read_events(con, _BY_SCOPE)
    pages = []
    for kind in KINDS:
        sections = []
        for scope in SCOPES:
            entries, total = found.get(f"{kind}|{scope}", ([], 0))
            sections.append({"key": scope, "title": LABELS[scope], "total": total,
                             "definition": DEFINITIONS[scope], "entries": entries,
                             "sql": f"select * from counted_events where kind = '{kind}' "
                                    f"and scope = '{scope}'"})
        page = paths.events_page(kind)
        pages.append((page, render("events.html", page, title=LABELS[kind].capitalize(),
                                   sections=sections)))
    return pages


def reports_page(con) -> tuple[str, str]:
    """events/reports.html: every report, a section per status."""
    found = read_reports(con, _BY_STATUS)
    sections = []
    for status in ("counted", *UNCOUNTED):
        entries, total = found.get(status, ([], 0))
        sections.append({"key": status, "title": LABELS[status], "total": total,
                         "definition": DEFINITIONS[status], "entries": entries,
                         "sql": f"select * from report_status where status = '{status}'"})
    return paths.REPORTS_PAGE, render("reports.html", paths.REPORTS_PAGE, sections=sections)


def pairs_page(totals: pd.DataFrame, names: CountryNames) -> tuple[str, str]:
    """pairs.html: the pairs with dyad cooperation events, with conflict ones, and those with
    multilateral events only."""
    rows = [_pair_row(row, names) for row in totals.itertuples(index=False)]
    sections = [
        {"key": "cooperation", "title": "Pairs with dyad cooperation events",
         "rows": sorted((r for r in rows if r["cooperation"]), key=lambda r: -r["cooperation"])},
        {"key": "conflict", "title": "Pairs with dyad conflict events",
         "rows": sorted((r for r in rows if r["conflict"]), key=lambda r: -r["conflict"])},
        {"key": "multilateral", "title": "Pairs with multilateral events only",
         "rows": [r for r in rows if not r["cooperation"] and not r["conflict"]]}]
    return paths.PAIRS_PAGE, render("pairs.html", paths.PAIRS_PAGE, sections=sections)


def articles_page(con) -> tuple[str, str]:
    """articles.html: the most recently loaded articles and their reports."""
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    rows = con.execute(f"""
        SELECT a.title, a.url, a.source, a.published_at::DATE, a.loaded_at::DATE,
               (SELECT count(*) FROM events e WHERE e.article_id = a.article_id)
        FROM articles a
        ORDER BY a.loaded_at DESC, a.published_at DESC NULLS LAST, a.title
        LIMIT {ARTICLES_SHOWN}""").fetchall()
    articles = [{"title": title or "(untitled)", "href": safe_href(url), "source": source,
                 "published": published or "undated", "loaded": loaded, "reports": reports}
                for title, url, source, published, loaded, reports in rows]
    return paths.ARTICLES_PAGE, render("articles.html", paths.ARTICLES_PAGE, total=total,
                                       articles=articles)


def _remove_stale(out_dir: Path, kept: set[str]) -> None:
    """Pages of pairs and countries that have no events any more."""
    for folder in ("dyads", "countries"):
        for stale in (out_dir / folder).glob("*.html"):
            if f"{folder}/{stale.name}" not in kept:
                stale.unlink(missing_ok=True)


def _dated(row: dict) -> dict:
    """A dyad_totals row with its dates as dates (pandas gives Timestamps)."""
    return {**row, "first_date": as_date(row["first_date"]), "last_date": as_date(row["last_date"])}


def _quote(code: str) -> str:
    return "'" + str(code).replace("'", "''") + "'"


__all__ = ["PAGE_EVENTS", "write_pages"]
