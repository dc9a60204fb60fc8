"""`reports/index.html`: one static page with what changed, the charts, the CSVs, the Data Docs.

The page's narrative compares this publication's key figures with the previous one's. A
warehouse that keeps its history (DuckLake) gives them itself: the figures are read at the
snapshot of the previous publication (time travel). A DuckDB file keeps only its current
state, so there the previous figures are kept in `reports/snapshot.json` as
{"current": figures, "previous": figures}. Either way rebuilding the page for the same
publication keeps the same comparison (idempotent reruns). The page is a Jinja2 template (templates/index.html) rendered with
autoescaping: everything from the warehouse is escaped.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from entente import files
from entente.reporting.charts import Chart, draw_charts, read_manifest
from entente.warehouse import Warehouse
from entente.warehouse.status import warehouse_counts

SNAPSHOT = "snapshot.json"
INDEX = "index.html"
TOP_TABLE = 10


TEMPLATES = Environment(loader=PackageLoader("entente.reporting", "templates"),
                        autoescape=select_autoescape(["html"]))


def key_figures(warehouse: Warehouse, version: int | None = None) -> dict:
    """The figures the narrative compares: counts, dyads, newest article, last publication
    (of the published state, or of an earlier version of a warehouse that keeps them)."""
    with warehouse.reader(version) as con:
        publication = con.execute(
            "SELECT run_id, finished_at FROM pipeline_runs WHERE published "
            "ORDER BY finished_at DESC LIMIT 1").fetchone()
        dyads = con.execute(
            "SELECT country_a || '–' || country_b, sum(events)::INTEGER "
            "FROM cooperation_dyads_yearly GROUP BY ALL").fetchall()
        span = con.execute("SELECT min(period), max(period) FROM cooperation_dyads_yearly "
                           "WHERE period IS NOT NULL").fetchone()
        newest = con.execute("SELECT max(published_at) FROM articles").fetchone()[0]
        names = dict(con.execute(
            "SELECT country_code, any_value(name) FROM actors WHERE actor_type = 'country' "
            "AND country_code IS NOT NULL GROUP BY ALL").fetchall())
        quality = con.execute(
            "SELECT suite, success, failed FROM quality_runs WHERE run_id = "
            "(SELECT arg_max(run_id, checked_at) FROM quality_runs) ORDER BY suite").fetchall()
    return {
        "run_id": publication[0] if publication else None,
        "published_at": publication[1].isoformat() if publication else None,
        "counts": {k: int(v) for k, v in warehouse_counts(warehouse, version).items()},
        "dyads": dict(sorted(dyads)),
        "years": [span[0], span[1]] if span and span[0] is not None else None,
        "newest_article": newest.isoformat() if newest else None,
        "quality_failed": [suite for suite, success, _ in quality if not success],
        "quality_warnings": sum(failed for _, success, failed in quality if success),
        "names": {code: names[code] for pair in dict(dyads) for code in pair.split("–")
                  if code in names},
    }


def previous_figures(warehouse: Warehouse, out_dir: Path, current: dict) -> dict | None:
    """The previous publication's figures (None the first time): from the warehouse's own
    history when it keeps one, else from reports/snapshot.json."""
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


def narrative(current: dict, previous: dict | None) -> list[str]:
    """A few plain sentences: what the warehouse holds and what changed since last time."""
    counts, names = current["counts"], current["names"]
    span = current["years"]
    lines = [f"The warehouse holds {_n(counts['articles'], 'article')} with "
             f"{_n(counts['cooperation events'], 'cooperation event')} between "
             f"{_n(len(current['dyads']), 'country pair')}"
             + (f", in {span[0]}." if span and span[0] == span[1] else
                f", from {span[0]} to {span[1]}." if span else ".")]
    if previous is None:
        lines.append("This is the first report: there is nothing earlier to compare with.")
    else:
        lines.append(_changes(current, previous, names))
    if current["quality_failed"]:
        lines.append("The last validation FAILED for: " + ", ".join(current["quality_failed"])
                     + " — that load was not published (see the data quality report).")
    elif current["quality_warnings"]:
        lines.append(f"The last validation passed with {current['quality_warnings']} "
                     "non-blocking warnings (see the data quality report).")
    else:
        lines.append("The last validation passed every expectation.")
    return lines


def _changes(current: dict, previous: dict, names: dict) -> str:
    since = f"Since the previous report ({_when(previous.get('published_at'))})"
    deltas = {k: v - previous["counts"].get(k, 0) for k, v in current["counts"].items()}
    new_pairs = [d for d in current["dyads"] if d not in previous["dyads"]]
    gains = sorted(((n - previous["dyads"].get(d, 0), d) for d, n in current["dyads"].items()
                    if n > previous["dyads"].get(d, 0) and d not in new_pairs), reverse=True)
    if not any(deltas.values()) and not new_pairs and not gains:
        return f"{since}: no change."
    parts = [f"{_signed(deltas['articles'])} articles",
             f"{_signed(deltas['cooperation events'])} cooperation events"]
    text = f"{since}: " + ", ".join(parts)
    if new_pairs:
        shown = ", ".join(_pair(d, names) for d in new_pairs[:5])
        more = f" and {len(new_pairs) - 5} more" if len(new_pairs) > 5 else ""
        text += f"; new pairs: {shown}{more}"
    if gains:
        text += "; most new events: " + ", ".join(
            f"{_pair(d, names)} ({_signed(n)})" for n, d in gains[:3])
    return text + "."


def write_index(warehouse: Warehouse, out_dir: Path) -> Path:
    """Write out_dir/index.html (and snapshot.json for a DuckDB file); returns the page's path.

    Shows the charts last drawn into out_dir (charts.json), drawing them if there are none.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    current = key_figures(warehouse)
    previous = previous_figures(warehouse, out_dir, current)
    charts = read_manifest(out_dir) or draw_charts(warehouse, out_dir)
    page = render_page(current, narrative(current, previous), charts, out_dir,
                       warehouse.location)
    return files.write_text(out_dir / INDEX, page)


def render_page(current: dict, lines: list[str], charts: list[Chart], out_dir: Path,
                warehouse_location: str = "") -> str:
    docs = out_dir / "quality" / "index.html"
    data = sorted(out_dir.glob("*.csv")) + sorted(out_dir.glob("*.parquet"))
    top = sorted(current["dyads"].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TABLE]
    return TEMPLATES.get_template(INDEX).render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        current=current, published=_when(current.get("published_at")), lines=lines,
        charts=[{"href": _href(c.path, out_dir), "title": c.title, "caption": c.caption}
                for c in charts],
        top_pairs=[(_pair(d, current["names"]), n) for d, n in top],
        warehouse=warehouse_location,
        data_files=[{"href": _href(p, out_dir), "name": p.name, "size": _size(p)} for p in data],
        quality_docs=_href(docs, out_dir) if docs.exists() else None)


def _pair(dyad: str, names: dict) -> str:
    a, _, b = dyad.partition("–")
    return f"{names.get(a, a)} – {names.get(b, b)}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else str(n)


def _when(iso: str | None) -> str:
    if not iso:
        return "never published"
    return datetime.fromisoformat(iso).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _href(path: Path, base: Path) -> str:
    return quote(path.relative_to(base).as_posix())


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
