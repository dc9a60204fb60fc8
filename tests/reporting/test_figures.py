"""One set of counts under one set of names: a warehouse of known stories (builders.
stage_known_stories) and every place that reports its figures — the views, the CSVs, the run
summary, `entente status` (text and JSON), index.html — and the pages its numbers link to.
The warehouse is the `known` fixture (tests/conftest.py)."""
from __future__ import annotations

import json
import re

import lxml.html
import pandas as pd
from typer.testing import CliRunner

from entente.cli import app
from entente.cli.run import summary_lines
from entente.ingest import IngestResult
from entente.warehouse.status import (KINDS, SCOPES, UNCOUNTED, Figures, KindFigures,
                                      figure_rows, figures)

# The figures of the known stories, by key (status.figure_rows): what every front door must say.
EXPECTED = {
    "articles": 6,
    "reports": 11, "reports.counted": 7, "reports.negated": 1, "reports.hypothetical": 1,
    "reports.undated": 1, "reports.far_dated": 1,
    "cooperation": 4, "cooperation.dyad": 1, "cooperation.multilateral": 1,
    "cooperation.one_country": 1, "cooperation.one_side": 0, "cooperation.igo_only": 1,
    "cooperation.no_country": 0, "cooperation.pairs": 1,
    "conflict": 2, "conflict.dyad": 1, "conflict.multilateral": 0, "conflict.one_country": 0,
    "conflict.one_side": 1, "conflict.igo_only": 0, "conflict.no_country": 0,
    "conflict.pairs": 1,
    "period": "1987-05-30 to 2021-03-02",
}


def expected_rows() -> list[tuple[str, str]]:
    rows = figure_rows(figures_for_labels())
    return [(row.label, str(EXPECTED[row.key])) for row in rows]


def figures_for_labels() -> Figures:
    """Only the labels and order matter here; the values come from EXPECTED."""
    kinds = {k: KindFigures(k, 0, dict.fromkeys(SCOPES, 0), 0, 0, None, None) for k in KINDS}
    return Figures(0, 0, 0, 0, 0, dict.fromkeys(UNCOUNTED, 0), **kinds)


def parse_lines(lines: list[str]) -> list[tuple[str, str]]:
    """`label   value` lines back into (label, value)."""
    found = []
    for line in lines:
        match = re.match(r"^\s*(\S.*?)\s{2,}(\S.*)$", line) or re.match(
            r"^\s*(.+?) (\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d|none)$", line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def test_the_figures_are_those_of_the_known_stories(known):
    _, warehouse = known
    assert {row.key: row.value for row in figure_rows(figures(warehouse))} == EXPECTED


def test_the_views_count_the_same_events(known):
    _, warehouse = known
    with warehouse.reader() as con:
        scopes = dict(((k, s), n) for k, s, n in con.execute(
            "SELECT kind, scope, count(*) FROM counted_events GROUP BY ALL").fetchall())
        statuses = dict(con.execute(
            "SELECT status, count(*) FROM report_status GROUP BY ALL").fetchall())
        dyad_coop = con.execute("SELECT count(DISTINCT cluster_id) FROM cooperation_dyads "
                                "WHERE NOT is_multilateral").fetchone()[0]
        yearly = con.execute("SELECT sum(events), count(DISTINCT (country_a, country_b)) "
                             "FILTER (WHERE events > 0) FROM cooperation_dyads_yearly"
                             ).fetchone()
        balance = con.execute("SELECT sum(conflict_events) FROM dyad_balance_yearly"
                              ).fetchone()[0]
    for key, value in EXPECTED.items():
        kind, _, scope = key.partition(".")
        if kind in ("cooperation", "conflict") and scope not in ("", "pairs"):
            assert scopes.get((kind, scope), 0) == value, key
        elif kind == "reports" and scope:
            assert statuses.get(scope, 0) == value, key
    assert dyad_coop == yearly[0] == EXPECTED["cooperation.dyad"]
    assert yearly[1] == EXPECTED["cooperation.pairs"]
    assert balance == EXPECTED["conflict.dyad"]


def test_the_csvs_report_the_same_counts(known):
    settings, _ = known
    counts = pd.read_csv(settings.reports_dir / "event_counts.csv")
    counted = counts[counts.status == "counted"]
    for kind in ("cooperation", "conflict"):
        assert counted[counted.kind == kind].events.sum() == EXPECTED[kind]
        for scope, events in counted[counted.kind == kind][["scope", "events"]].values:
            assert events == EXPECTED[f"{kind}.{scope}"]
    for status, reports in counts.groupby("status").reports.sum().items():
        assert reports == EXPECTED[f"reports.{status}"]
    events = pd.read_csv(settings.reports_dir / "counted_events.csv")
    assert len(events) == EXPECTED["cooperation"] + EXPECTED["conflict"]
    yearly = pd.read_csv(settings.reports_dir / "cooperation_dyads_yearly.csv")
    assert yearly.events.sum() == EXPECTED["cooperation.dyad"]


def test_the_run_summary_and_status_print_the_same_lines(known):
    settings, warehouse = known
    summary = summary_lines(IngestResult(ingest_id="t"), warehouse, settings.reports_dir)
    start = summary.index("in the warehouse") + 1
    assert parse_lines(summary[start:start + len(EXPECTED)]) == expected_rows()
    result = CliRunner().invoke(app, ["status", "--warehouse", str(warehouse.path)])
    assert result.exit_code == 0, result.output
    printed = parse_lines(result.stdout.splitlines())
    assert [p for p in printed if p in expected_rows()] == expected_rows()


def test_status_json_has_the_same_figures(known):
    _, warehouse = known
    result = CliRunner().invoke(app, ["status", "--json", "--warehouse", str(warehouse.path)])
    data = json.loads(result.stdout)
    fig = data["figures"]
    assert fig["articles"] == EXPECTED["articles"] and fig["reports"] == EXPECTED["reports"]
    for kind in ("cooperation", "conflict"):
        assert fig[kind]["events"] == EXPECTED[kind]
        assert fig[kind]["pairs"] == EXPECTED[f"{kind}.pairs"]
        assert all(fig[kind]["scopes"][s] == EXPECTED[f"{kind}.{s}"] for s in fig[kind]["scopes"])
    assert fig["uncounted"] == {s: EXPECTED[f"reports.{s}"] for s in fig["uncounted"]}
    assert fig["period"] == ["1987-05-30", "2021-03-02"]
    assert data["staged_batches"] == 0 and {s["suite"] for s in data["quality"]["suites"]} >= {
        "events", "articles"}


def test_index_shows_the_same_figures_each_linked_to_its_rows(known):
    settings, _ = known
    out = settings.reports_dir
    page = lxml.html.parse(str(out / "index.html")).getroot()
    rows = page.xpath('//table[@id="figures"]//tr')
    shown = [tuple(cell.text_content() for cell in row.xpath("./td")) for row in rows]
    assert shown == expected_rows()
    for row, (label, value) in zip(rows, shown):
        links = row.xpath(".//a")
        if label.startswith("period"):
            assert not links
            continue
        assert len(links) == 1, label
        assert rows_behind(out, links[0].get("href")) == int(value), (label, links[0].get("href"))


def rows_behind(out, href: str) -> int:
    """How many rows the page (section) a number links to shows."""
    path, _, anchor = href.partition("#")
    page = lxml.html.parse(str(out / path)).getroot()
    if path == "articles.html":
        return len(page.xpath('//table[@id="articles"]//tr')) - 1
    section = page.get_element_by_id(anchor) if anchor else None
    if section is None:     # a whole events or reports page: every evidence table's rows
        return sum(len(t.xpath(".//tr")) - 1 for t in page.xpath('//table[@class="evidence"]'))
    table = section.getnext()
    while table is not None and table.tag != "table" and table.tag != "h2":
        table = table.getnext()
    return len(table.xpath(".//tr")) - 1 if table is not None and table.tag == "table" else 0


def test_the_headline_says_what_the_figures_say(known):
    settings, _ = known
    page = lxml.html.parse(str(settings.reports_dir / "index.html")).getroot()
    headline = " ".join(page.get_element_by_id("headline").text_content().split())
    assert "6 articles hold 11 reports" in headline
    assert "which make 6 events, dated 1987 to 2021." in headline
    assert ("4 cooperation events: 1 between countries (dyad events) in 1 country pair, "
            "1 multilateral (3+ countries a side), 1 naming one country only, "
            "1 international organisations only.") in headline
    assert ("2 conflict events: 1 between countries (dyad events) in 1 country pair, "
            "1 countries on one side only.") in headline
    assert ("4 reports are not counted as events: 1 negated, 1 hypothetical, 1 undated, "
            "1 far-dated") in headline
    assert "1911" not in headline
