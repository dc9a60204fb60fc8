"""The whole chain of DAGs, run with `airflow dags test` into a temporary warehouse.

Asserts what the seed article must become (its text without boilerplate, its actors, the 2022
agreement and the 2028 plan), and that a second run changes no count.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

import duckdb

from locations import PROJECT

SEED_TITLE = "Roscosmos and NASA Collaborate on ISS Missions Today"
COUNTED = ("articles", "entity_mentions", "timexes", "events", "event_participants", "actors")

pytestmark = pytest.mark.slow


def run_dags(warehouse, reports):
    env = {**os.environ, "ENTENTE_WAREHOUSE": str(warehouse), "ENTENTE_REPORTS": str(reports)}
    done = subprocess.run(["bash", "scripts/run-dags.sh"], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    warehouse, reports = folder / "warehouse.duckdb", folder / "reports"
    first = run_dags(warehouse, reports)
    counts = {t: query(warehouse, f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}
    return warehouse, reports, first, counts


def query(warehouse, sql):
    """As an analyst reads the published file: a read-only DuckDB connection."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_summary_names_counts_warehouse_and_reports(pipeline_run):
    warehouse, reports, out, _ = pipeline_run
    for label in ("articles", "timexes", "reports (sentences coding an event)",
                  "cooperation events", "between countries (dyad events)", "country pairs"):
        assert re.search(rf"^ *{re.escape(label)} {{2,}}\d+$", out, re.M), label
    for line in (f"warehouse: {warehouse}", f"reports:   {reports}"):
        assert line in out


def test_the_reports_run_records_itself_for_the_airflow_view(pipeline_run):
    """report.json names the entente_reports run, so that run's Report tab opens the report."""
    reports = pipeline_run[1]
    made_by = json.loads((reports / "report.json").read_text())["made_by"]
    assert made_by["dag_id"] == "entente_reports" and made_by["run_id"]
    assert (reports / "index.html").is_file() and any((reports / "dyads").glob("*-*.html"))


def test_seed_article_is_stored_without_boilerplate(pipeline_run):
    warehouse = pipeline_run[0]
    [(text,)] = query(warehouse, f"SELECT text FROM articles WHERE title = '{SEED_TITLE}'")
    for line in ("Previous Article", "Next Article", "Write a Comment", "Leave a Comment",
                 "Winter Rain and Brakes", "football bans"):
        assert line not in text


def test_seed_mentions_link_to_countries(pipeline_run):
    rows = query(pipeline_run[0], f"""
        SELECT DISTINCT m.text, actors.country_code
        FROM entity_mentions m JOIN articles a USING (article_id) JOIN actors USING (actor_id)
        WHERE a.title = '{SEED_TITLE}'""")
    links = set(rows)
    for mention in {("Roscosmos", "RUS"), ("NASA", "USA"), ("Baikonur", "KAZ"), ("Russia", "RUS")}:
        assert mention in links


def test_seed_agreement_of_15_july_2022_is_a_rus_usa_event_with_evidence(pipeline_run):
    rows = query(pipeline_run[0], f"""
        SELECT e.event_type, e.date_precision, e.sentence,
               list(DISTINCT p.country_code) FILTER (WHERE p.country_code IS NOT NULL)
        FROM events e JOIN articles a USING (article_id) JOIN event_participants p USING (event_id)
        WHERE a.title = '{SEED_TITLE}' AND e.event_date = DATE '2022-07-15'
        GROUP BY ALL""")
    assert any(kind in ("AGREE", "SUPPORT", "COOPERATE") and precision == "day"
               and sentence.startswith("On July 15, 2022, Roscosmos announced")
               and {"RUS", "USA"} <= set(countries)
               for kind, precision, sentence, countries in rows), rows


def test_seed_2028_observatory_plan_is_a_planned_event(pipeline_run):
    rows = query(pipeline_run[0], f"""
        SELECT e.modality, e.date_precision, e.sentence FROM events e JOIN articles a USING (article_id)
        WHERE a.title = '{SEED_TITLE}' AND year(e.event_date) = 2028""")
    assert [(m, p) for m, p, _ in rows] == [("planned", "year")]
    assert "Hubble-like observatory" in rows[0][2]


def test_dyads_views_and_reports(pipeline_run):
    warehouse, reports = pipeline_run[0], pipeline_run[1]
    assert query(warehouse, "SELECT events > 0 FROM cooperation_dyads_yearly "
                 "WHERE period = 2022 AND country_a = 'RUS' AND country_b = 'USA'") == [(True,)]
    years = query(warehouse, "SELECT count(DISTINCT period) FROM cooperation_dyads_yearly")[0][0]
    assert years >= 10  # the samples tell a story over decades
    for view in ("cooperation_dyads_yearly", "cooperation_dyads_monthly",
                 "country_cooperation_yearly", "cooperation_events", "event_provenance"):
        assert (reports / f"{view}.csv").stat().st_size > 100
    assert (reports / "quality" / "index.html").exists()
    assert query(warehouse, "SELECT bool_and(success) FROM quality_runs") == [(True,)]


def test_second_run_changes_no_count(pipeline_run):
    warehouse, reports, _, counts = pipeline_run
    out = run_dags(warehouse, reports)
    assert "entente_process" in out
    again = {t: query(warehouse, f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}
    assert again == counts
