"""PNG charts from the published warehouse: who cooperates, with whom, on what, over time.

Three charts, drawn with matplotlib's object API on the Agg canvas (no display, no pyplot
global state, safe in an Airflow worker):

    cooperation_top_dyads.png     running total of events for the most active pairs
    cooperation_partners_<C>.png  one country's partners per year (default: the most active)
    cooperation_category_mix.png  events per year by PLOVER category

Counts are event clusters (one real-world event reported many times counts once), as in
the views they are read from.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from entente import files
from entente.warehouse import Warehouse

TOP_DYADS = 6
TOP_PARTNERS = 6
SIZE = (9, 4.8)
DPI = 110
MANIFEST = "charts.json"


@dataclass
class Chart:
    path: Path
    title: str
    caption: str


def draw_charts(warehouse: Warehouse, out_dir: Path, country: str | None = None) -> list[Chart]:
    """Draw the three charts into out_dir; `country` (ISO alpha-3) is the partners chart's
    (default: the most active country)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with warehouse.reader() as con:
        names = country_names(con)
        dyads = con.execute("SELECT period, country_a, country_b, events "
                            "FROM cooperation_dyads_yearly").df()
        partners = con.execute("SELECT year, country_code, partner, events "
                               "FROM country_partners_yearly").df()
        categories = con.execute(  # distinct events: a multilateral one counts once, not per pair
            "SELECT year(event_date) AS period, event_type, count(DISTINCT cluster_id) AS events "
            "FROM cooperation_events WHERE event_date IS NOT NULL GROUP BY ALL").df()
    country = (country or most_active_country(partners) or "").upper()
    charts = [top_dyads_chart(dyads, names, out_dir),
              partners_chart(partners, names, country, out_dir),
              category_mix_chart(categories, out_dir)]
    write_manifest(charts, out_dir)
    return charts


def write_manifest(charts: list[Chart], out_dir: Path) -> None:
    """charts.json: file, title and caption of each chart, for the report page."""
    manifest = [{"file": c.path.name, "title": c.title, "caption": c.caption} for c in charts]
    files.write_text(out_dir / MANIFEST, json.dumps(manifest, indent=1))


def read_manifest(out_dir: Path) -> list[Chart]:
    """The charts last drawn into out_dir (those whose file still exists)."""
    try:
        entries = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [Chart(out_dir / e["file"], e["title"], e["caption"]) for e in entries
            if (out_dir / Path(e["file"]).name).exists()]


def country_names(con) -> dict[str, str]:
    rows = con.execute("SELECT country_code, any_value(name) FROM actors "
                       "WHERE actor_type = 'country' AND country_code IS NOT NULL "
                       "GROUP BY ALL").fetchall()
    return dict(rows)


def most_active_country(partners: pd.DataFrame) -> str | None:
    if partners.empty:
        return None
    totals = partners.groupby("country_code")["events"].sum()
    return str(totals.sort_values(ascending=False, kind="stable").index[0])


def top_dyads_chart(dyads: pd.DataFrame, names: dict[str, str], out_dir: Path) -> Chart:
    title = "Cooperation over time: the most active country pairs"
    fig, ax = _figure(title)
    if dyads.empty:
        _no_data(ax)
    else:
        dyads = dyads.assign(dyad=dyads.country_a + "–" + dyads.country_b)
        top = dyads.groupby("dyad")["events"].sum().sort_values(ascending=False, kind="stable")
        wide = _by_year(dyads[dyads.dyad.isin(top.index[:TOP_DYADS])], "period", "dyad")
        running = wide.cumsum()  # sparse yearly counts read better as a running total
        for dyad in top.index[:TOP_DYADS]:
            a, b = dyad.split("–")
            label = f"{names.get(a, a)} – {names.get(b, b)} ({int(top[dyad])})"
            ax.step(running.index, running[dyad], where="post", linewidth=1.8, label=label)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        ax.set_ylabel("cooperation events, running total")
    return _save(fig, out_dir / "cooperation_top_dyads.png", title,
                 f"Running total of cooperation events for the {TOP_DYADS} country pairs with "
                 "the most events (total in brackets); a step is a year with new events.")


def partners_chart(partners: pd.DataFrame, names: dict[str, str], country: str,
                   out_dir: Path) -> Chart:
    label = names.get(country, country) or "no country"
    title = f"{label}: cooperation partners over time"
    fig, ax = _figure(title)
    mine = partners[partners.country_code == country]
    if mine.empty:
        _no_data(ax, f"no cooperation events for {country or 'any country'}")
    else:
        top = mine.groupby("partner")["events"].sum().sort_values(ascending=False, kind="stable")
        keep = list(top.index[:TOP_PARTNERS])
        mine = mine.assign(partner=mine.partner.where(mine.partner.isin(keep), "others"))
        wide = _by_year(mine, "year", "partner")
        order = keep + (["others"] if "others" in wide.columns else [])
        _stacked_bars(ax, wide[order], {p: names.get(p, p) for p in order})
        ax.set_ylabel("cooperation events")
    stem = f"cooperation_partners_{country or 'none'}"
    return _save(fig, out_dir / f"{stem}.png", title,
                 f"Cooperation events per year between {label} and its "
                 f"{TOP_PARTNERS} most frequent partners (the rest as 'others').")


def category_mix_chart(categories: pd.DataFrame, out_dir: Path) -> Chart:
    title = "What cooperation is made of: events by category"
    fig, ax = _figure(title)
    if categories.empty:
        _no_data(ax)
    else:
        wide = _by_year(categories, "period", "event_type")
        order = list(wide.sum().sort_values(ascending=False, kind="stable").index)
        _stacked_bars(ax, wide[order], {c: c.title() for c in order})
        ax.set_ylabel("cooperation events")
    return _save(fig, out_dir / "cooperation_category_mix.png", title,
                 "Cooperation events per year by PLOVER category (AGREE, CONSULT, SUPPORT, "
                 "COOPERATE, AID, ...).")


def _by_year(frame: pd.DataFrame, year: str, key: str) -> pd.DataFrame:
    wide = frame.pivot_table(index=year, columns=key, values="events", aggfunc="sum",
                             fill_value=0)
    years = range(int(wide.index.min()), int(wide.index.max()) + 1)
    return wide.reindex(years, fill_value=0)


def _stacked_bars(ax, wide: pd.DataFrame, labels: dict[str, str]) -> None:
    bottom = pd.Series(0, index=wide.index)
    for column in wide.columns:
        ax.bar(wide.index, wide[column], bottom=bottom, label=labels[column], width=0.8)
        bottom = bottom + wide[column]
    ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=2)


def _figure(title: str):
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)
    return fig, ax


def _no_data(ax, message: str = "no cooperation events published yet") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="gray")
    ax.set_xticks([])
    ax.set_yticks([])


def _save(fig: Figure, target: Path, title: str, caption: str) -> Chart:
    with files.atomic_path(target, suffix=".png") as partial:
        fig.savefig(partial, format="png")
    return Chart(target, title, caption)
