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
from entente.reporting import REPORT_VIEWS, ReportError, draw_charts, export_views, write_index
from entente.reporting.charts import Chart, read_manifest
from entente.reporting.exports import neutralize_formula, spreadsheet_safe
from entente.reporting.site import narrative, render_page
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


def test_charts_are_pngs_for_top_dyads_partners_and_categories(settings, warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    charts = draw_charts(warehouse, tmp_path)
    assert [c.path.name for c in charts] == [
        "cooperation_top_dyads.png", "cooperation_partners_RUS.png",   # most active: RUS (tie, A-Z)
        "cooperation_category_mix.png"]
    for chart in charts:
        assert chart.path.read_bytes()[:8] == PNG_MAGIC and chart.path.stat().st_size > 5_000
    assert [c.path for c in read_manifest(tmp_path)] == [c.path for c in charts]
    [_, usa, _] = draw_charts(warehouse, tmp_path, country="USA")
    assert usa.path.name == "cooperation_partners_USA.png" and "United States" in usa.title


def test_charts_of_an_empty_warehouse_say_so_instead_of_failing(warehouse, tmp_path):
    warehouse.ensure()
    charts = draw_charts(warehouse, tmp_path)
    assert len(charts) == 3 and all(c.path.read_bytes()[:8] == PNG_MAGIC for c in charts)


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
    assert "first report" in page and "holds 1 article with" in page

    stage_article(warehouse, text=TEXT_VIENNA)                 # a new publication
    stages.publish(settings, warehouse)
    second = write_index(warehouse, out).read_text()
    assert "Since the previous report" in second and "+1 articles" in second
    assert write_index(warehouse, out).read_text().split("<h2>Charts")[0].split(
        "What changed")[1] == second.split("<h2>Charts")[0].split("What changed")[1]  # rerun: same story
    snapshot = json.loads((out / "snapshot.json").read_text())
    assert snapshot["previous"]["counts"]["articles"] == 1
    assert snapshot["current"]["counts"]["articles"] == 2


def test_everything_written_into_the_page_is_escaped(tmp_path):
    evil = '<script>alert("x")</script>'
    current = {"run_id": evil, "published_at": None, "years": [2000, 2001],
               "counts": {"articles": 1, "cooperation events": 1},
               "dyads": {"AAA–BBB": 1}, "names": {"AAA": evil, "BBB": "B & B"},
               "quality_failed": [evil], "quality_warnings": 0}
    (tmp_path / f"{evil[:7]}.csv").write_text("a\n1\n")
    chart = Chart(tmp_path / "c.png", evil, evil)
    page = render_page(current, narrative(current, None) + [evil], [chart], tmp_path)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page and "B &amp; B" in page
    assert 'href="%3Cscript.csv"' in page


def test_narrative_names_new_pairs_and_biggest_gains():
    before = {"counts": {"articles": 3, "cooperation events": 4}, "published_at": None,
              "dyads": {"RUS–USA": 2}}
    now = {"counts": {"articles": 5, "cooperation events": 7}, "years": [2010, 2022],
           "dyads": {"RUS–USA": 4, "CHN–USA": 1}, "names": {"RUS": "Russia", "USA": "United States",
                                                          "CHN": "China"},
           "quality_failed": [], "quality_warnings": 0}
    story = " ".join(narrative(now, before))
    assert "+2 articles, +3 cooperation events" in story
    assert "new pairs: China – United States" in story
    assert "most new events: Russia – United States (+2)" in story


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
