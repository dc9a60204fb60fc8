"""The CLI's output conventions on the warehouse of known stories (tests/conftest.py `known`):
results on stdout, errors on stderr, no line wider than 80 columns except one holding a path
(printed whole, to be copied), and `entente status --json` for scripts."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from entente.cli import app
from entente.cli.run import summary_lines
from entente.cli.status import WIDTH
from entente.ingest import IngestResult

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def too_wide(text: str, *paths: Path) -> list[str]:
    """The lines over 80 columns that hold none of `paths`."""
    return [line for line in text.splitlines()
            if len(line) > WIDTH and not any(str(p) in line for p in paths)]


def test_status_prints_its_lines_on_stdout_within_80_columns(known):
    _, warehouse = known
    result = invoke("status", "--warehouse", str(warehouse.path))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith(f"warehouse: {warehouse.location}\n")
    assert "warning events: expect_column_values_to_be_in_set(column='_far_dated'" in " ".join(
        result.stdout.split())                  # a failed expectation, wrapped by us
    assert too_wide(result.stdout, warehouse.path) == []


def test_status_json_is_one_object_on_stdout(known):
    _, warehouse = known
    result = invoke("status", "--json", "--warehouse", str(warehouse.path))
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == {"warehouse", "last_publish", "age_seconds", "last_attempt",
                         "last_attempt_published", "staged_batches", "snapshot", "figures",
                         "quality"}
    assert data["last_attempt_published"] is True and data["age_seconds"] >= 0
    assert data["snapshot"] is None          # a DuckDB file keeps no snapshots
    far = [f for f in data["quality"]["failures"] if f["expectation"].find("_far_dated") >= 0]
    assert len(far) == 1 and far[0]["severity"] == "warning"


def test_the_run_summary_stays_within_80_columns_but_for_paths(known, tmp_path):
    _, warehouse = known
    reports = tmp_path / ("a-long-folder-name-" * 4) / "reports"
    lines = summary_lines(IngestResult(ingest_id="t", new_articles=123456), warehouse, reports)
    assert lines[0] == "this run" and "in the warehouse" in lines
    assert [line for line in lines if len(line) > WIDTH] == [f"report: {reports / 'index.html'}"]
    assert any(line.split() == ["new", "articles", "123456"] for line in lines)


def test_report_and_charts_print_only_the_files_they_wrote(known, tmp_path):
    _, warehouse = known
    exported = invoke("report", "event_counts", "counted_events", "--warehouse",
                      str(warehouse.path), "--out", str(tmp_path / "csv"))
    drawn = invoke("charts", "--warehouse", str(warehouse.path), "--out", str(tmp_path / "png"))
    assert exported.exit_code == 0 and drawn.exit_code == 0
    assert exported.stdout.splitlines() == [str(tmp_path / "csv" / "event_counts.csv"),
                                            str(tmp_path / "csv" / "counted_events.csv")]
    printed = [Path(line) for line in drawn.stdout.splitlines()]
    assert printed and all(path.is_file() for path in printed)
    assert printed[-1] == tmp_path / "png" / "index.html"


def test_errors_go_to_stderr_and_leave_stdout_empty(tmp_path):
    result = invoke("status", "--warehouse", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and "no warehouse yet" in result.stderr
