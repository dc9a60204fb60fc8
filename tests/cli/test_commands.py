"""The `entente` command's status, charts and run options, through Typer's test runner."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from builders import TEXT, stage_article
from entente import stages
from entente.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_status_shows_freshness_counts_and_the_last_quality_run(settings, warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    result = invoke("status", "--warehouse", str(warehouse.path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"last publish: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+ s ago\)", out)
    assert re.search(r"staged, unpublished: 0 batches", out)
    assert re.search(r"^articles {2,}1$", out, re.M)
    assert re.search(r"^\s*events\s+ok\s+\d+\s+0\s+\d{4}-", out, re.M)
    assert "BLOCKED" not in out


def test_status_names_the_failed_expectation_and_sample_rows_of_a_blocked_load(settings,
                                                                                 warehouse):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    stage_article(warehouse, text=TEXT.replace("Prague", "Geneva"), end=10_000)
    with pytest.raises(stages.PublicationBlocked):
        stages.publish(settings, warehouse)
    out = invoke("status", "--warehouse", str(warehouse.path)).output
    assert "last attempt: BLOCKED by validation" in out
    assert "staged, unpublished: 1 batches" in out
    assert re.search(r"^\s*events\s+FAILED\s+\d+\s+[1-9]", out, re.M)
    words = " ".join(out.split())                   # long lines are wrapped between words
    assert re.search(r"critical events: \S*_offsets_ok.*? failed on 1 rows", words)
    assert re.search(r"e\.g\. .*end_char=10000", words)
    assert re.search(r"^articles {2,}1$", out, re.M)          # the published state is unchanged


def test_status_without_a_warehouse_is_a_clear_error(tmp_path):
    result = invoke("status", "--warehouse", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and "no warehouse yet" in " ".join(result.output.split())


def test_charts_command_draws_the_charts_and_the_page(settings, warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    result = invoke("charts", "--warehouse", str(warehouse.path), "--out", str(tmp_path),
                    "--country", "usa")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cooperation_partners_USA.png").exists()
    assert (tmp_path / "index.html").exists()


def test_report_exports_parquet_on_request(settings, warehouse, tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    result = invoke("report", "cooperation_dyads_yearly", "event_provenance", "--warehouse",
                    str(warehouse.path), "--out", str(tmp_path), "--format", "parquet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.parquet")) == [
        "cooperation_dyads_yearly.parquet", "event_provenance.parquet"]


def test_run_refuses_a_bad_backfill_window(tmp_path):
    result = invoke("run", "--warehouse", str(tmp_path / "w.duckdb"),
                    "--window-start", "2022-02-01", "--window-end", "2022-01-01")
    assert result.exit_code == 2 and "ends before it starts" in " ".join(result.output.split())


@pytest.mark.slow
def test_rerun_with_nothing_new_publishes_nothing(tmp_path):
    """`entente run` twice on the same inbox: the second run leaves the warehouse file and the
    report made from its publication alone; a third, with the report gone, writes it again."""
    import shutil
    import subprocess

    from locations import PROJECT

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("2010-04-08-new-start-signed.md", "2020-01-15-us-china-phase-one-deal.md"):
        shutil.copy(PROJECT / "data" / "samples" / "articles" / name, inbox)
    warehouse = tmp_path / "w.duckdb"
    command = [str(PROJECT / ".venv" / "bin" / "entente"), "run", "--inbox", str(inbox),
               "--warehouse", str(warehouse), "--reports", str(tmp_path / "reports")]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    published = warehouse.stat().st_mtime_ns
    page = tmp_path / "reports" / "index.html"
    reported = page.stat().st_mtime_ns
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr[-2000:]
    assert re.search(r"^  new articles {2,}0$", second.stdout, re.M)    # the summary: stdout
    assert not re.search(r"^(this run|in the warehouse)$", second.stderr, re.M)
    assert [line for line in first.stdout.splitlines() + second.stdout.splitlines()
            if len(line) > 80 and str(tmp_path) not in line] == []      # paths print whole
    assert warehouse.stat().st_mtime_ns == published
    assert page.stat().st_mtime_ns == reported and "are current" in second.stderr
    page.unlink()
    third = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert third.returncode == 0 and page.is_file() and "are current" not in third.stderr
