"""`reports/index.html`: the headline figures and what changed, the charts, the most active
pairs, the data quality, the data files — every number a link to the page with its rows.

The figures are `warehouse.status.figures` (the same numbers and words as `entente status` and
the run summary). What changed compares this report's key figures with the previous
publication's, through one function, `previous_figures`. A warehouse that keeps its history
(DuckLake) gives them itself: the figures are read at the snapshot of the previous publication
(time travel). A DuckDB file keeps only its current state, so there the previous figures are
kept in `reports/snapshot.json` as {"current", "previous"} (rebuilding the page for the same
publication keeps the same comparison, a new publication moves "current" to "previous").
`report.json` records when and by what run this report was made (reporting.record; the Airflow
view of the report reads it). The page is a Jinja2 template rendered with autoescaping:
everything from the warehouse is escaped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from entente import files
from entente.reporting import paths
from entente.reporting.charts import Chart, draw_charts, read_manifest
from entente.reporting.evidence import read_reports
from entente.reporting.names import CountryNames
from entente.reporting.record import write_record
from entente.reporting.render import render
from entente.warehouse import Warehouse
from entente.warehouse.status import (FAR_DATED_YEARS, LABELS, SCOPES, UNCOUNTED, Figures,
                                      figure_rows, figures, last_publication, quality_failures)

SNAPSHOT = "snapshot.json"
INDEX = paths.INDEX_PAGE
TOP_TABLE = 10
QUALITY_ROWS = 10
# Key figures' format: 2 counts events as clusters of the reports that count (issue 15);
# a snapshot without it counted event rows, and its event counts are not compared.
FIGURES_VERSION = 2


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence on the page; a number links to the page with its rows."""

    text: str
    href: str | None = None


def key_figures(warehouse: Warehouse, version: int | None = None) -> dict:
    """The figures the page shows and the next report compares: the headline figures, each
    pair's dyad cooperation events, the newest article, the last publication and validation
    (of the published state, or of an earlier version of a warehouse that keeps them)."""
    fig = figures(warehouse, version)
    with warehouse.reader(version) as con:
        publication = last_publication(con)
        pairs = con.execute("SELECT country_a, country_b, cooperation_events, first_date, "
                            "last_date FROM dyad_totals WHERE cooperation_events > 0").fetchall()
        newest = con.execute("SELECT max(published_at) FROM articles").fetchone()[0]
        quality = con.execute(
            "SELECT suite, success, failed FROM quality_runs WHERE run_id = "
            "(SELECT arg_max(run_id, checked_at) FROM quality_runs) ORDER BY suite").fetchall()
        names = CountryNames.read(con)
    return {
        "version": FIGURES_VERSION,
        "run_id": publication[0] if publication else None,
        "published_at": publication[1].isoformat() if publication else None,
        "figures": fig.as_dict(),
        "counts": {"articles": fig.articles, "cooperation events": fig.cooperation.events,
                   "conflict events": fig.conflict.events},
        "dyads": {f"{a}–{b}": int(n) for a, b, n, _, _ in sorted(pairs)},
        "names": {f"{a}–{b}": names.pair(a, b, first, last)
                  for a, b, _, first, last in pairs},
        "newest_article": newest.isoformat() if newest else None,
        "quality_failed": [suite for suite, success, _ in quality if not success],
        "quality_warnings": sum(failed for _, success, failed in quality if success),
    }


def previous_figures(warehouse: Warehouse, out_dir: Path, current: dict) -> dict | None:
    """The key figures of the publication this one is compared with, None the first time:
    from the warehouse's own history when it keeps one (the previous DuckLake snapshot), else
    from reports/snapshot.json."""
    publications = warehouse.publications()
    if not publications:
        return update_snapshot(out_dir, current)
    return key_figures(warehouse, publications[1].id) if len(publications) > 1 else None


def update_snapshot(out_dir: Path, current: dict) -> dict | None:
    """Record this report's figures; return the previous report's (None the first time)."""
    path = out_dir / SNAPSHOT
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        stored = {}
    last = stored.get("current")
    same_publication = last is not None and last.get("run_id") == current.get("run_id")
    previous = stored.get("previous") if same_publication else last
    files.write_text(path, json.dumps({"current": current, "previous": previous}, indent=1))
    return previous


def headline(current: dict) -> list[list[Segment]]:
    """What the data shows, in sentences whose numbers link to their rows."""
    fig = current["figures"]
    period = fig["period"]
    when = (f"dated {period[0][:4]}" if period and period[0][:4] == period[1][:4] else
            f"dated {period[0][:4]} to {period[1][:4]}" if period else "none of them dated")
    first = [_count(fig["articles"], "article", "articles"),
             Segment(" holds " if fig["articles"] == 1 else " hold "),
             _count(fig["reports"], "report", "reports"),
             Segment(" (sentences coding an event), which make "),
             _count(fig["events"], "event", None), Segment(f", {when}.")]
    lines = [first] + [_kind_sentence(fig, kind) for kind in ("cooperation", "conflict")]
    uncounted = [(s, fig["uncounted"][s]) for s in UNCOUNTED if fig["uncounted"][s]]
    if uncounted:
        lines.append([_count(sum(n for _, n in uncounted), "report", "reports"),
                      Segment(" are not counted as events: ")]
                     + _listed([(n, LABELS[s], f"reports.{s}") for s, n in uncounted]) +
                     [Segment(".")])
    return lines


def _kind_sentence(fig: dict, kind: str) -> list[Segment]:
    """"4 cooperation events: 1 between countries (dyad events) in 1 country pair, ..."."""
    data = fig[kind]
    line = [_count(data["events"], f"{kind} event", kind)]
    for i, scope in enumerate(s for s in SCOPES if data["scopes"][s]):
        line += [Segment(": " if i == 0 else ", "),
                 Segment(f"{data['scopes'][scope]} {LABELS[scope]}",
                         paths.figure_page(f"{kind}.{scope}"))]
        if scope == "dyad":
            line += [Segment(" in "), _count(data["pairs"], "country pair", f"{kind}.pairs")]
    return line + [Segment(".")]


def narrative(current: dict, previous: dict | None) -> list[list[Segment]]:
    """What changed since the previous report, and whether the last validation passed."""
    if previous is None:
        lines = [[Segment("This is the first report: there is nothing earlier to compare with.")]]
    else:
        lines = [_changes(current, previous)]
    if current["quality_failed"]:
        lines.append([Segment("The last validation FAILED for: " + ", ".join(
            current["quality_failed"]) + " — that load was not published (see "),
                      Segment("data quality", "#quality"), Segment(").")])
    elif current["quality_warnings"]:
        lines.append([Segment(f"The last validation passed with {current['quality_warnings']}"
                              " non-blocking warnings (see "),
                      Segment("data quality", "#quality"), Segment(").")])
    else:
        lines.append([Segment("The last validation passed every expectation.")])
    return lines


def _changes(current: dict, previous: dict) -> list[Segment]:
    since = f"Since the previous report ({_when(previous.get('published_at'))})"
    comparable = previous.get("version") == FIGURES_VERSION
    keys = ["articles", "cooperation events"] if comparable else ["articles"]
    deltas = {k: current["counts"][k] - previous.get("counts", {}).get(k, 0) for k in keys}
    new_pairs = [d for d in current["dyads"] if d not in previous.get("dyads", {})]
    gains = sorted(((n - previous["dyads"].get(d, 0), d) for d, n in current["dyads"].items()
                    if d not in new_pairs and n > previous.get("dyads", {}).get(d, 0)),
                   key=lambda g: (-g[0], g[1])) if comparable else []
    if not any(deltas.values()) and not new_pairs and not gains:
        return [Segment(f"{since}: no change.")]
    line = [Segment(f"{since}: "), Segment(f"{_signed(deltas['articles'])} articles",
                                           paths.ARTICLES_PAGE)]
    if comparable:
        line += [Segment(", "), Segment(f"{_signed(deltas['cooperation events'])} cooperation "
                                        "events", paths.events_page("cooperation"))]
    else:
        line.append(Segment(" (events are now counted as clusters: no comparison of events)"))
    if new_pairs:
        line += [Segment("; new pairs: ")] + _pair_links(current, new_pairs[:5], None)
        if len(new_pairs) > 5:
            line.append(Segment(f" and {len(new_pairs) - 5} more"))
    if gains:
        line += [Segment("; most new events: ")] + _pair_links(current, [d for _, d in gains[:3]],
                                                                dict((d, n) for n, d in gains))
    return line + [Segment(".")]


def _pair_links(current: dict, pairs: list[str], gains: dict | None) -> list[Segment]:
    segments = []
    for i, pair in enumerate(pairs):
        a, _, b = pair.partition("–")
        name = current["names"].get(pair, f"{a} – {b}")
        text = f"{name} ({_signed(gains[pair])})" if gains else name
        segments += ([Segment(", ")] if i else []) + [Segment(text, paths.dyad_page(a, b))]
    return segments


def write_index(warehouse: Warehouse, out_dir: Path, made_by: dict | None = None) -> Path:
    """Write out_dir/index.html and report.json (and snapshot.json for a DuckDB file); returns
    the page's path.

    Shows the charts last drawn into out_dir (charts.json), drawing them if there are none.
    `made_by` names the run that made the report ({"dag_id", "run_id"} for Airflow)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    current = key_figures(warehouse)
    previous = previous_figures(warehouse, out_dir, current)
    charts = read_manifest(out_dir) or draw_charts(warehouse, out_dir)
    with warehouse.reader() as con:
        far_dated = read_reports(con, "SELECT status AS page, event_id FROM report_status "
                                      "WHERE status = 'far_dated'").get("far_dated", ([], 0))
        top = con.execute(f"SELECT * FROM dyad_totals WHERE cooperation_events > 0 "
                          f"ORDER BY cooperation_events DESC, conflict_events DESC, "
                          f"country_a, country_b LIMIT {TOP_TABLE}").df()
        names = CountryNames.read(con)
    record = write_record(out_dir, current.get("run_id"), made_by)
    page = render_page(current, previous, charts, out_dir, warehouse.location, record,
                       quality={"far_dated": far_dated[0][:QUALITY_ROWS], "far_total": far_dated[1],
                                "failures": quality_failures(warehouse)},
                       top_pairs=[_top_pair(r, names) for r in top.itertuples()])
    return files.write_text(out_dir / INDEX, page)


def _top_pair(row, names: CountryNames) -> dict:
    return {"name": names.pair(row.country_a, row.country_b, row.first_date, row.last_date),
            "page": paths.dyad_page(row.country_a, row.country_b),
            "cooperation": int(row.cooperation_events), "conflict": int(row.conflict_events),
            "multilateral": int(row.multilateral_cooperation_events
                                + row.multilateral_conflict_events)}


def render_page(current: dict, previous: dict | None, charts: list[Chart], out_dir: Path,
                warehouse_location: str = "", record: dict | None = None, quality=None,
                top_pairs: list[dict] | None = None) -> str:
    """index.html from the key figures, the comparison, the charts and the rows shown."""
    docs = out_dir / "quality" / "index.html"
    data = sorted(out_dir.glob("*.csv")) + sorted(out_dir.glob("*.parquet"))
    return render(
        "index.html", INDEX, current=current, record=record or {},
        published=_when(current.get("published_at")),
        headline=headline(current), lines=narrative(current, previous),
        rows=[{"label": r.label, "value": r.value, "depth": r.depth,
               "href": paths.figure_page(r.key)} for r in _rows(current)],
        charts=[{"href": paths.relative(c.path.name, INDEX), "title": c.title,
                 "caption": c.caption, "series": c.series} for c in charts],
        top_pairs=top_pairs or [], warehouse=warehouse_location, far_years=FAR_DATED_YEARS,
        quality=quality or {"far_dated": [], "far_total": 0, "failures": []},
        data_files=[{"href": paths.relative(p.name, INDEX), "name": p.name, "size": _size(p)}
                    for p in data],
        quality_docs="quality/index.html" if docs.exists() else None)


def _rows(current: dict) -> list:
    return figure_rows(Figures.from_dict(current["figures"]))


def _count(n: int, noun: str, key: str | None) -> Segment:
    text = f"{n} {noun}" if n == 1 else f"{n} {noun}s"
    return Segment(text, paths.figure_page(key) if key else None)


def _listed(parts: list[tuple[int, str, str]]) -> list[Segment]:
    segments = []
    for i, (n, label, key) in enumerate(parts):
        segments += ([Segment(", ")] if i else []) + [Segment(f"{n} {label}",
                                                             paths.figure_page(key))]
    return segments


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else str(n)


def _when(iso: str | None) -> str:
    if not iso:
        return "never published"
    return datetime.fromisoformat(iso).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
