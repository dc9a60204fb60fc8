"""CSV/Parquet reports from the published warehouse."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pandas as pd
import pytest

from builders import TABLES, TEXT, stage_article
from entente import stages
from entente.extract import extraction_tables
from entente.ingest.frames import article_frame
from entente.reporting.charts import Chart, draw_charts, read_manifest
from entente.reporting.record import made_from
from entente.reporting.exports import (REPORT_VIEWS, ReportError, export_views,
                                       neutralize_formula, spreadsheet_safe)
from entente.reporting.site import (FIGURES_VERSION, key_figures, narrative, render_page,
                                    write_index)
from entente.sources.article import Article

TEXT_VIENNA = TEXT.replace("Prague", "Vienna")


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+SUM(A1)", "'+SUM(A1)"), ("@cmd", "'@cmd"), ("-2+3", "'-2+3"),
    ("-12.5", "-12.5"), ("+3", "+3"), ("plain", "plain"), (7, 7),
])
def test_formula_cells_are_neutralized_and_numbers_kept(value, expected):
    assert neutralize_formula(value) == expected


def test_every_cooperation_view_is_written(settings, warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    written = export_views(warehouse, tmp_path / "out")
    assert sorted(p.stem for p in written) == sorted(REPORT_VIEWS)
    yearly = pd.read_csv(tmp_path / "out" / "cooperation_dyads_yearly.csv")
    assert yearly[["period", "country_a", "country_b"]].values.tolist() == [[2010, "RUS", "USA"]]
    events = pd.read_csv(tmp_path / "out" / "cooperation_events.csv")
    assert events["countries"].tolist() == ["RUS;USA"]
    [parquet] = export_views(warehouse, tmp_path / "pq", ["event_provenance"], "parquet")
    assert len(pd.read_parquet(parquet)) == 1


def test_unknown_view_or_format_is_a_clear_error(settings, warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    with pytest.raises(ReportError, match="unknown view.*no_such_view.*available"):
        export_views(warehouse, tmp_path, ["no_such_view"])
    with pytest.raises(ReportError, match="unknown format"):
        export_views(warehouse, tmp_path, None, "xlsx")


def test_reports_of_undated_articles(settings, warehouse, tmp_path):
    """Columns that are all NULL timestamps (no article has a date) still export."""
    article = Article(source="t", title="Undated", text="An undated article about a treaty.",
                      fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables({k: [] for k in TABLES}))
    stages.publish(settings, warehouse)
    written = export_views(warehouse, tmp_path / "out")
    assert all(path.exists() for path in written)


# --- charts and the report page ------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_charts_are_pngs_for_top_dyads_balance_partners_and_categories(settings, warehouse,
                                                                        tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    charts = draw_charts(warehouse, tmp_path)
    assert [c.path.name for c in charts] == [
        "cooperation_top_dyads.png", "dyad_balance.png",
        "cooperation_partners_RUS.png",   # most active: RUS (tie, A-Z)
        "cooperation_category_mix.png"]
    for chart in charts:
        assert chart.path.read_bytes()[:8] == PNG_MAGIC and chart.path.stat().st_size > 5_000
    assert [c.path for c in read_manifest(tmp_path)] == [c.path for c in charts]
    assert charts[0].series == [{"label": "Russia – United States (1)",
                                 "href": "dyads/RUS-USA.html#cooperation"}]
    [_, _, usa, _] = draw_charts(warehouse, tmp_path, country="USA")
    assert usa.path.name == "cooperation_partners_USA.png" and "United States" in usa.title


def test_charts_of_an_empty_warehouse_say_so_instead_of_failing(warehouse, tmp_path):
    warehouse.ensure()
    charts = draw_charts(warehouse, tmp_path)
    assert len(charts) == 4 and all(c.path.read_bytes()[:8] == PNG_MAGIC for c in charts)


def test_index_links_csvs_charts_and_data_docs_and_tells_what_changed(settings, warehouse, tmp_path):
    out = tmp_path / "reports"
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    export_views(warehouse, out)
    draw_charts(warehouse, out)
    (out / "quality").mkdir(exist_ok=True)
    (out / "quality" / "index.html").write_text("<html></html>")
    page = write_index(warehouse, out).read_text()
    assert 'href="cooperation_dyads_yearly.csv"' in page
    assert 'src="cooperation_top_dyads.png"' in page
    assert 'href="quality/index.html"' in page
    assert "first report" in page and "1 article</a> holds" in page

    stage_article(warehouse, text=TEXT_VIENNA)                 # a new publication
    stages.publish(settings, warehouse)
    second = write_index(warehouse, out).read_text()
    assert "Since the previous report" in second and "+1 articles" in second
    assert write_index(warehouse, out).read_text().split("<h2>Charts")[0].split(
        "What changed")[1] == second.split("<h2>Charts")[0].split("What changed")[1]  # rerun: same story
    snapshot = json.loads((out / "snapshot.json").read_text())
    assert snapshot["previous"]["counts"]["articles"] == 1
    assert snapshot["current"]["counts"]["articles"] == 2
    assert json.loads((out / "report.json").read_text())["publication"] == \
        snapshot["current"]["run_id"]
    # `entente run` with nothing new leaves a report made from the last publication alone
    assert made_from(out, snapshot["current"]["run_id"])
    assert not made_from(out, snapshot["previous"]["run_id"]) and not made_from(out, None)
    (out / "index.html").unlink()
    assert not made_from(out, snapshot["current"]["run_id"])


def text_of(lines) -> str:
    return " ".join("".join(segment.text for segment in line) for line in lines)


def test_everything_written_into_the_page_is_escaped(settings, warehouse, tmp_path):
    evil = '<script>alert("x")</script>'
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    current = key_figures(warehouse)
    current.update(run_id=evil, quality_failed=[evil], names={"RUS–USA": evil})
    (tmp_path / f"{evil[:7]}.csv").write_text("a\n1\n")
    chart = Chart(tmp_path / "c.png", evil, evil, [{"label": evil, "href": "x.html"}])
    previous = {**current, "dyads": {}, "published_at": None}
    page = render_page(current, previous, [chart], tmp_path, evil, {"made_by": {
        "dag_id": evil, "run_id": evil}}, top_pairs=[{"name": evil, "page": "a.html",
                                                      "cooperation": 1, "conflict": 0,
                                                      "multilateral": 0}])
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="%3Cscript.csv"' in page


def test_narrative_names_new_pairs_and_biggest_gains():
    before = {"version": FIGURES_VERSION, "counts": {"articles": 3, "cooperation events": 4},
              "published_at": None, "dyads": {"RUS–USA": 2}}
    now = {"counts": {"articles": 5, "cooperation events": 7}, "quality_failed": [],
           "dyads": {"RUS–USA": 4, "CHN–USA": 1}, "quality_warnings": 0,
           "names": {"RUS–USA": "Russia – United States", "CHN–USA": "China – United States"}}
    lines = narrative(now, before)
    story = text_of(lines)
    assert "+2 articles, +3 cooperation events" in story
    assert "new pairs: China – United States" in story
    assert "most new events: Russia – United States (+2)" in story
    links = {segment.text: segment.href for line in lines for segment in line if segment.href}
    assert links["China – United States"] == "dyads/CHN-USA.html"
    assert links["+2 articles"] == "articles.html"
    assert links["+3 cooperation events"] == "events/cooperation.html"


def test_a_snapshot_of_the_old_row_counts_is_not_compared_as_events():
    """Reports before issue 15 counted event rows: comparing them with clusters would invent
    a drop, so only the articles are compared."""
    before = {"counts": {"articles": 3, "cooperation events": 40}, "published_at": None,
              "dyads": {"RUS–USA": 20}}
    now = {"counts": {"articles": 5, "cooperation events": 7}, "quality_failed": [],
           "dyads": {"RUS–USA": 4}, "quality_warnings": 0, "names": {}}
    story = text_of(narrative(now, before))
    assert "+2 articles" in story and "no comparison of events" in story
    assert "-33" not in story


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "articles", 'x"; DROP TABLE articles; --',
                                  "cooperation_events/../x", "/tmp/x"])
def test_report_names_outside_the_view_catalog_are_refused(warehouse, tmp_path, name):
    warehouse.ensure()
    out = tmp_path / "reports" / "inner"
    with pytest.raises(ReportError, match="unknown view"):
        export_views(warehouse, out, [name])
    assert not (tmp_path / "reports" / "x.csv").exists() and not out.exists()
    with warehouse.reader() as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_formula_text_is_neutralized_in_csv_reports():
    """A title or sentence that a spreadsheet would run (=, +, -, @) is prefixed with a quote."""
    frame = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\",\"click\")", "+1+cmd|' /C calc'!A0",
                                    "@SUM(A1)", "-2+3", "plain"], "n": [1, 2, 3, 4, 5]})
    safe = spreadsheet_safe(frame)
    assert list(safe["title"]) == ["'=HYPERLINK(\"http://x\",\"click\")", "'+1+cmd|' /C calc'!A0",
                                   "'@SUM(A1)", "'-2+3", "plain"]
    assert list(safe["n"]) == [1, 2, 3, 4, 5]
