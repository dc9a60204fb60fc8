"""CSV/Parquet reports from the published warehouse."""
from __future__ import annotations

import pandas as pd
import pytest

from entente import stages
from entente.reports import REPORT_VIEWS, ReportError, neutralize_formula, write_reports
from test_warehouse import stage_article


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+SUM(A1)", "'+SUM(A1)"), ("@cmd", "'@cmd"), ("-2+3", "'-2+3"),
    ("-12.5", "-12.5"), ("+3", "+3"), ("plain", "plain"), (7, 7),
])
def test_formula_cells_are_neutralized_and_numbers_kept(value, expected):
    assert neutralize_formula(value) == expected


def test_every_cooperation_view_is_written(warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    written = write_reports(warehouse, tmp_path / "out")
    assert sorted(p.stem for p in written) == sorted(REPORT_VIEWS)
    yearly = pd.read_csv(tmp_path / "out" / "cooperation_dyads_yearly.csv")
    assert yearly[["period", "country_a", "country_b"]].values.tolist() == [[2010, "RUS", "USA"]]
    events = pd.read_csv(tmp_path / "out" / "cooperation_events.csv")
    assert events["countries"].tolist() == ["RUS;USA"]
    [parquet] = write_reports(warehouse, tmp_path / "pq", ["event_provenance"], "parquet")
    assert len(pd.read_parquet(parquet)) == 1


def test_unknown_view_or_format_is_a_clear_error(warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(warehouse=warehouse)
    with pytest.raises(ReportError, match="unknown view.*no_such_view.*available"):
        write_reports(warehouse, tmp_path, ["no_such_view"])
    with pytest.raises(ReportError, match="unknown format"):
        write_reports(warehouse, tmp_path, None, "xlsx")


def test_reports_of_undated_articles(warehouse, tmp_path):
    """Columns that are all NULL timestamps (no article has a date) still export."""
    from datetime import datetime, timezone
    from entente import staging
    from entente.extract import _frames
    from entente.sources.article import Article

    article = Article(source="t", title="Undated", text="An undated article about a treaty.",
                      fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    batch_id = stages._stage_batch([article], warehouse)
    staging.write_extracted(batch_id, _frames({k: [] for k in (
        "entity_mentions", "timexes", "events", "event_participants", "actors")}), warehouse)
    stages.publish(warehouse=warehouse)
    written = write_reports(warehouse, tmp_path / "out")
    assert all(path.exists() for path in written)
