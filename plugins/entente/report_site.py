"""`reports/index.html`: one static page with what changed, the charts, the CSVs, the Data Docs.

The page's narrative compares this report's key figures with the previous report's, kept in
`reports/snapshot.json` as {"current": figures, "previous": figures}. Rebuilding the page for
the same publication keeps the same comparison (idempotent reruns), a new publication moves
"current" to "previous". Everything written into the HTML is escaped.
"""
from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from urllib.parse import quote

from entente.warehouse.publish import connect_readonly

SNAPSHOT = "snapshot.json"
INDEX = "index.html"
TOP_TABLE = 10


def key_figures(warehouse: Path) -> dict:
    """The figures the narrative compares: counts, dyads, newest article, last publication."""
    from entente.summary import warehouse_counts

    con = connect_readonly(warehouse)
    try:
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
    finally:
        con.close()
    return {
        "run_id": publication[0] if publication else None,
        "published_at": publication[1].isoformat() if publication else None,
        "counts": {k: int(v) for k, v in warehouse_counts(warehouse).items()},
        "dyads": dict(sorted(dyads)),
        "years": [span[0], span[1]] if span and span[0] is not None else None,
        "newest_article": newest.isoformat() if newest else None,
        "quality_failed": [suite for suite, success, _ in quality if not success],
        "quality_warnings": sum(failed for _, success, failed in quality if success),
        "names": {code: names[code] for pair in dict(dyads) for code in pair.split("–")
                  if code in names},
    }


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
    _write_atomically(path, json.dumps({"current": current, "previous": previous}, indent=1))
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


def write_index(warehouse: Path, out_dir: Path) -> Path:
    """Write out_dir/index.html (and snapshot.json); returns the page's path.

    Shows the charts last drawn into out_dir (charts.json), drawing them if there are none.
    """
    from entente.charts import draw_chart_set, read_manifest

    out_dir.mkdir(parents=True, exist_ok=True)
    current = key_figures(warehouse)
    previous = update_snapshot(out_dir, current)
    charts = read_manifest(out_dir) or draw_chart_set(warehouse, out_dir)
    page = render_page(current, narrative(current, previous), charts, out_dir)
    target = out_dir / INDEX
    _write_atomically(target, page)
    return target


def render_page(current: dict, lines: list[str], charts, out_dir: Path) -> str:
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    story = "".join(f"<li>{escape(line)}</li>" for line in lines)
    figures = "".join(
        f'<figure><img src="{_href(c.path, out_dir)}" alt="{escape(c.title)}">'
        f"<figcaption>{escape(c.caption)}</figcaption></figure>" for c in charts)
    files = "".join(
        f'<tr><td><a href="{_href(p, out_dir)}">{escape(p.name)}</a></td>'
        f"<td>{escape(_size(p))}</td></tr>"
        for p in sorted(out_dir.glob("*.csv")) + sorted(out_dir.glob("*.parquet")))
    top = sorted(current["dyads"].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TABLE]
    rows = "".join(f"<tr><td>{escape(_pair(d, current['names']))}</td><td>{n}</td></tr>"
                   for d, n in top)
    docs = out_dir / "quality" / "index.html"
    quality = (f'<a href="{_href(docs, out_dir)}">Great Expectations Data Docs</a>: every '
               "validation of every load, expectation by expectation."
               if docs.exists() else "No Data Docs yet (they appear after the first load).")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Entente — international cooperation report</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
        padding: 0 1rem; color: #222; }}
h1 {{ margin-bottom: 0; }} .meta {{ color: #666; margin-top: .2rem; }}
figure {{ margin: 1.5rem 0; }} img {{ max-width: 100%; border: 1px solid #eee; }}
figcaption {{ color: #555; font-size: .9rem; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .2rem .8rem; text-align: left;
        border-bottom: 1px solid #eee; }}
</style></head>
<body>
<h1>Entente — international cooperation report</h1>
<p class="meta">Generated {escape(generated)} from publication
{escape(str(current.get("run_id") or "none"))}
({escape(_when(current.get("published_at")))}).</p>
<h2>What changed</h2>
<ul id="narrative">{story}</ul>
<h2>Charts</h2>
{figures}
<h2>Most active country pairs</h2>
<table><tr><th>pair</th><th>cooperation events</th></tr>{rows}</table>
<h2>Data</h2>
<p>Spreadsheet-safe CSV (cells that would run as formulas start with a quote);
the same views in DuckDB: <code>{escape(str(os.environ.get("ENTENTE_WAREHOUSE", "data/warehouse.duckdb")))}</code>.</p>
<table id="files"><tr><th>file</th><th>size</th></tr>{files}</table>
<h2>Data quality</h2>
<p id="quality">{quality}</p>
</body></html>
"""


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
    return escape(quote(path.relative_to(base).as_posix()))


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _write_atomically(target: Path, text: str) -> None:
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
