"""PNG charts from the published warehouse: who cooperates, with whom, on what, over time.

Four charts, drawn with matplotlib's object API on the Agg canvas (no display, no pyplot
global state, safe in an Airflow worker):

    cooperation_top_dyads.png     running total of dyad cooperation events, most active pairs
    dyad_balance.png              conflict versus cooperation for the pairs with most events
    cooperation_partners_<C>.png  one country's partners per year (default: the most active)
    cooperation_category_mix.png  cooperation events per year by PLOVER category

Counts are events (clusters) as the views count them (`counted_events`, the dyad views), so
far-dated reports never stretch an axis. Every series stays visible: lines that would lie on
top of each other (ties) get their own line style and marker and are drawn slightly apart.
Countries are named as of their events' dates (reporting.names: SUN is the Soviet Union, DEU
before 1990-10-03 West Germany).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from entente import files
from entente.reporting import paths
from entente.reporting.names import CountryNames
from entente.warehouse import Warehouse

TOP_DYADS = 6
TOP_PARTNERS = 6
SIZE = (9, 4.8)
DPI = 110
MANIFEST = "charts.json"
LINE_STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
TIE_STEP = 0.12        # vertical gap between lines with the same values (in events)
COOPERATION_COLOUR, CONFLICT_COLOUR = "#2b7bba", "#c8412f"


@dataclass
class Chart:
    path: Path
    title: str
    caption: str
    series: list[dict] = field(default_factory=list)   # [{"label", "href"}]: what is drawn


def draw_charts(warehouse: Warehouse, out_dir: Path, country: str | None = None) -> list[Chart]:
    """Draw the four charts into out_dir; `country` (ISO alpha-3) is the partners chart's
    (default: the most active country)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with warehouse.reader() as con:
        names = CountryNames.read(con)
        totals = con.execute("SELECT * FROM dyad_totals").df()
        dyads = con.execute("SELECT period, country_a, country_b, events "
                            "FROM cooperation_dyads_yearly").df()
        partners = con.execute("SELECT year, country_code, partner, events "
                               "FROM country_partners_yearly").df()
        categories = con.execute(
            "SELECT year AS period, event_type, count(*) AS events FROM counted_events "
            "WHERE kind = 'cooperation' GROUP BY ALL").df()
    country = (country or most_active_country(partners) or "").upper()
    charts = [top_dyads_chart(dyads, totals, names, out_dir),
              balance_chart(totals, names, out_dir),
              partners_chart(partners, names, country, out_dir),
              category_mix_chart(categories, out_dir)]
    write_manifest(charts, out_dir)
    return charts


def write_manifest(charts: list[Chart], out_dir: Path) -> None:
    """charts.json: file, title, caption and series of each chart, for the report page."""
    manifest = [{"file": c.path.name, "title": c.title, "caption": c.caption,
                 "series": c.series} for c in charts]
    files.write_text(out_dir / MANIFEST, json.dumps(manifest, indent=1))


def read_manifest(out_dir: Path) -> list[Chart]:
    """The charts last drawn into out_dir (those whose file still exists)."""
    try:
        entries = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [Chart(out_dir / e["file"], e["title"], e["caption"], e.get("series", []))
            for e in entries if (out_dir / Path(e["file"]).name).exists()]


def most_active_country(partners: pd.DataFrame) -> str | None:
    """The country with the most dyad cooperation events (ties: the first code A–Z)."""
    if partners.empty:
        return None
    totals = partners.groupby("country_code")["events"].sum()
    return str(totals.sort_values(ascending=False, kind="stable").index[0])


def tie_offsets(series: dict[str, list[float]], step: float = TIE_STEP) -> dict[str, float]:
    """A vertical offset per series so that series with identical values do not hide each
    other: a group of k equal series is spread over (k - 1) * step around its true values;
    a series equal to no other keeps offset 0."""
    groups: dict[tuple, list[str]] = {}
    for key, values in series.items():
        groups.setdefault(tuple(values), []).append(key)
    offsets = {}
    for members in groups.values():
        middle = (len(members) - 1) / 2
        offsets.update({key: (i - middle) * step for i, key in enumerate(members)})
    return offsets


def top_dyads_figure(dyads: pd.DataFrame, top: list[tuple[str, str, int]],
                     names: CountryNames) -> Figure:
    """Running totals of yearly dyad cooperation events for the `top` pairs (a, b, total)."""
    fig, ax = _figure("Cooperation over time: the most active country pairs")
    if not top:
        _no_data(ax)
        return fig
    keyed = dyads.assign(pair=dyads.country_a + "|" + dyads.country_b)
    wide = _by_year(keyed[keyed.pair.isin([f"{a}|{b}" for a, b, _ in top])], "period", "pair")
    running = wide.cumsum()
    offsets = tie_offsets({f"{a}|{b}": list(running[f"{a}|{b}"]) for a, b, _ in top})
    for i, (a, b, total) in enumerate(top):
        years = _series_years(keyed, a, b)
        ax.step(running.index, running[f"{a}|{b}"] + offsets[f"{a}|{b}"], where="post",
                linewidth=1.8, linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                marker=MARKERS[i % len(MARKERS)], markersize=5,
                label=f"{names.pair(a, b, *years)} ({total})")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_ylabel("cooperation events, running total")
    ax.set_ylim(bottom=0)
    _year_axis(ax, running.index)
    return fig


def top_dyads_chart(dyads: pd.DataFrame, totals: pd.DataFrame, names: CountryNames,
                    out_dir: Path) -> Chart:
    """cooperation_top_dyads.png: the TOP_DYADS pairs with the most dyad cooperation events."""
    ranked = totals[totals.cooperation_events > 0].sort_values(
        ["cooperation_events", "country_a", "country_b"], ascending=[False, True, True],
        kind="stable").head(TOP_DYADS)
    top = [(r.country_a, r.country_b, int(r.cooperation_events)) for r in ranked.itertuples()]
    fig = top_dyads_figure(dyads, top, names)
    series = [_pair_link(names, r, "cooperation", int(r.cooperation_events))
              for r in ranked.itertuples()]
    return _save(fig, out_dir / "cooperation_top_dyads.png", fig.axes[0].get_title(loc="left"),
                 f"Running total of dyad cooperation events for the {TOP_DYADS} country pairs "
                 "with the most (total in brackets); a step is a year with new events. Pairs "
                 "with equal counts keep their own line style and marker and are drawn a "
                 "hair apart, so none hides another.", series)


def balance_figure(top: pd.DataFrame, names: CountryNames) -> Figure:
    """Diverging bars: each pair's dyad cooperation events right, conflict events left."""
    fig, ax = _figure("Conflict versus cooperation: the pairs with the most events")
    if top.empty:
        _no_data(ax, "no events between countries published yet")
        return fig
    labels = [names.pair(r.country_a, r.country_b, r.first_date, r.last_date)
              for r in top.itertuples()]
    rows = range(len(top))[::-1]
    ax.barh(rows, top.cooperation_events, color=COOPERATION_COLOUR, label="cooperation")
    ax.barh(rows, -top.conflict_events, color=CONFLICT_COLOUR, label="conflict")
    for y, coop, conf in zip(rows, top.cooperation_events, top.conflict_events):
        ax.text(coop, y, f" {coop}", va="center", fontsize=8)
        ax.text(-conf, y, f"{conf} ", va="center", ha="right", fontsize=8)
    ax.set_yticks(list(rows), labels, fontsize=8)
    ax.axvline(0, color="#444", linewidth=0.8)
    limit = max(int(top.cooperation_events.max()), int(top.conflict_events.max()), 1) * 1.25
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
    ax.legend(fontsize=8, frameon=False, loc="best")
    ax.set_xlabel("dyad events (conflict ← | → cooperation)")
    return fig


def balance_chart(totals: pd.DataFrame, names: CountryNames, out_dir: Path) -> Chart:
    """dyad_balance.png: the TOP_DYADS pairs with the most dyad events of either kind."""
    both = totals.assign(events=totals.cooperation_events + totals.conflict_events)
    top = both[both.events > 0].sort_values(["events", "country_a", "country_b"],
                                            ascending=[False, True, True],
                                            kind="stable").head(TOP_DYADS)
    fig = balance_figure(top, names)
    series = [_pair_link(names, r, "", int(r.events)) for r in top.itertuples()]
    return _save(fig, out_dir / "dyad_balance.png", fig.axes[0].get_title(loc="left"),
                 f"Dyad events of the {TOP_DYADS} country pairs with the most: cooperation to "
                 "the right, conflict to the left (multilateral events are not included).",
                 series)


def partners_chart(partners: pd.DataFrame, names: CountryNames, country: str,
                   out_dir: Path) -> Chart:
    """cooperation_partners_<C>.png: one country's TOP_PARTNERS partners per year."""
    mine = partners[partners.country_code == country]
    first, last = _year_span(mine.year) if not mine.empty else (None, None)
    label = names.span(country, first, last) if country else "no country"
    fig, ax = _figure(f"{label}: cooperation partners over time")
    series = []
    if mine.empty:
        _no_data(ax, f"no cooperation events for {country or 'any country'}")
    else:
        top = mine.groupby("partner")["events"].sum().sort_values(ascending=False, kind="stable")
        keep = list(top.index[:TOP_PARTNERS])
        spans = {p: names.span(p, *_year_span(mine[mine.partner == p].year)) for p in keep}
        grouped = mine.assign(partner=mine.partner.where(mine.partner.isin(keep), "others"))
        wide = _by_year(grouped, "year", "partner")
        order = keep + (["others"] if "others" in wide.columns else [])
        _stacked_bars(ax, wide[order], {**spans, "others": "others"})
        ax.set_ylabel("cooperation events")
        series = [{"label": f"{spans[p]} ({int(top[p])})",
                   "href": paths.dyad_page(country, p)} for p in keep]
        series.insert(0, {"label": label, "href": paths.country_page(country)})
    return _save(fig, out_dir / f"cooperation_partners_{country or 'none'}.png",
                 ax.get_title(loc="left"),
                 f"Dyad cooperation events per year between {label} and its {TOP_PARTNERS} most "
                 "frequent partners (the rest as 'others').", series)


def category_mix_chart(categories: pd.DataFrame, out_dir: Path) -> Chart:
    """cooperation_category_mix.png: cooperation events per year by category."""
    fig, ax = _figure("What cooperation is made of: events by category")
    if categories.empty:
        _no_data(ax)
    else:
        wide = _by_year(categories, "period", "event_type")
        order = list(wide.sum().sort_values(ascending=False, kind="stable").index)
        _stacked_bars(ax, wide[order], {c: c.title() for c in order})
        ax.set_ylabel("cooperation events")
    return _save(fig, out_dir / "cooperation_category_mix.png", ax.get_title(loc="left"),
                 "Cooperation events per year by PLOVER category (AGREE, CONSULT, SUPPORT, "
                 "COOPERATE, AID, ...), every scope included.",
                 [{"label": "all cooperation events", "href": paths.events_page("cooperation")}])


def _pair_link(names: CountryNames, row, anchor: str, count: int) -> dict:
    page = paths.dyad_page(row.country_a, row.country_b)
    return {"label": f"{names.pair(row.country_a, row.country_b, row.first_date, row.last_date)}"
                     f" ({count})", "href": f"{page}#{anchor}" if anchor else page}


def _series_years(dyads: pd.DataFrame, a: str, b: str) -> tuple[date | None, date | None]:
    mine = dyads[(dyads.country_a == a) & (dyads.country_b == b)]
    return _year_span(mine.period) if not mine.empty else (None, None)


def _year_span(years: pd.Series) -> tuple[date, date]:
    return date(int(years.min()), 1, 1), date(int(years.max()), 12, 31)


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
    _year_axis(ax, wide.index)


def _year_axis(ax, years) -> None:
    """Years as plain integers (no offset such as "+2.01e3"), with room at both ends, so a
    single year is a year and not a point on an axis from 1900 to 2100."""
    ax.set_xlim(min(years) - 0.7, max(years) + 0.7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")


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


def _save(fig: Figure, target: Path, title: str, caption: str,
          series: list[dict] | None = None) -> Chart:
    with files.atomic_path(target, suffix=".png") as partial:
        fig.savefig(partial, format="png")
    return Chart(target, title, caption, series or [])
