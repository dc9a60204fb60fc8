"""The report inside the Airflow UI (entente.orchestration.report_view): the FastAPI app the
plugin mounts, on the reports of the known stories (tests/conftest.py `known`), through
Starlette's test client; the plugin's external views against Airflow's own response models.
The whole thing in a running Airflow and a browser: tests/system/test_ui.py (`make test-ui`)."""
from __future__ import annotations

import importlib.util
import json

import pytest
from fastapi import HTTPException, Request
from fastapi.testclient import TestClient

from locations import PROJECT
from entente.orchestration import REPORT_URL_PREFIX, report_run_view
from entente.orchestration.report_view import (PAGE_POLICY, SANDBOX_POLICY, report_app,
                                               resolve_inside)
from entente.reporting.record import read_record


async def allow(request: Request) -> None:
    """Stands in for airflow_reader (which needs a running API server): anyone may read."""


async def deny(request: Request) -> None:
    raise HTTPException(status_code=403, detail="not allowed to read entente_reports")


@pytest.fixture
def client(known):
    settings, _ = known
    return TestClient(report_app(settings.reports_dir, allow), follow_redirects=False)


def test_the_report_and_a_pair_page_are_served_with_a_no_script_policy(client):
    index = client.get("/reports/index.html")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert "international cooperation report" in index.text
    assert index.headers["content-security-policy"] == PAGE_POLICY
    assert "script-src 'none'" in PAGE_POLICY
    pair = client.get("/reports/dyads/RUS-USA.html")
    assert pair.status_code == 200 and "<mark>signed</mark>" in pair.text
    assert client.get("/reports/cooperation_top_dyads.png").headers["content-type"] == (
        "image/png")
    assert client.get("/reports/").text == index.text              # a folder: its index
    assert client.get("/").headers["location"] == "reports/index.html"


def test_nothing_outside_the_reports_folder_is_served(client, known):
    settings, _ = known
    outside = settings.reports_dir.parent / "warehouse.duckdb"
    assert outside.is_file()
    for path in ("../warehouse.duckdb", "%2e%2e/warehouse.duckdb", str(outside),
                 "dyads/../../warehouse.duckdb", "no-such-page.html"):
        assert client.get(f"/reports/{path}").status_code == 404, path
    assert resolve_inside(settings.reports_dir, "../warehouse.duckdb") is None
    assert resolve_inside(settings.reports_dir, "dyads/RUS-USA.html").name == "RUS-USA.html"


def test_data_docs_are_sandboxed_away_from_the_ui_origin(client, known):
    settings, _ = known
    docs = settings.reports_dir / "quality" / "index.html"
    assert docs.is_file()
    served = client.get("/reports/quality/index.html")
    assert served.status_code == 200
    assert served.headers["content-security-policy"] == SANDBOX_POLICY


def test_a_run_links_to_the_report_it_wrote_or_names_the_one_that_did(known, tmp_path):
    settings, _ = known
    record = read_record(settings.reports_dir)
    assert record["made_by"] == {"command": "test"}
    client = TestClient(report_app(settings.reports_dir, allow), follow_redirects=False)
    other = client.get("/runs/entente_reports/manual__2026-01-01T00:00:00+00:00")
    assert other.status_code == 200 and "has since been replaced" in other.text
    assert "written by test" in other.text and 'href="../../reports/index.html"' in other.text
    ingest = client.get("/runs/entente_ingest/<b>x")
    assert "writes no report itself" in ingest.text and "&lt;b&gt;x" in ingest.text

    written = tmp_path / "reports"
    written.mkdir()
    made_by = {"dag_id": "entente_reports", "run_id": "asset_triggered__2026-12-02T08:00:00"}
    (written / "report.json").write_text(json.dumps({**record, "made_by": made_by}))
    own = TestClient(report_app(written, allow), follow_redirects=False).get(
        "/runs/entente_reports/asset_triggered__2026-12-02T08:00:00")
    assert own.status_code == 307 and own.headers["location"] == "../../reports/index.html"
    empty = TestClient(report_app(tmp_path / "none", allow)).get("/runs/entente_reports/r")
    assert "There is no report yet" in empty.text and "Open the current report" not in empty.text


def test_every_route_asks_the_authorizer(known):
    settings, _ = known
    client = TestClient(report_app(settings.reports_dir, deny), follow_redirects=False)
    for path in ("/", "/reports/index.html", "/reports/dyads/RUS-USA.html",
                 "/runs/entente_reports/r"):
        assert client.get(path).status_code == 403, path


def test_the_plugin_registers_the_app_and_views_as_airflow_expects():
    from airflow.api_fastapi.core_api.datamodels.plugins import (ExternalViewResponse,
                                                                   FastAPIAppResponse)

    spec = importlib.util.spec_from_file_location(
        "entente_airflow_plugin", PROJECT / "plugins" / "entente_airflow_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin = module.EntentePlugin
    [app] = plugin.fastapi_apps
    FastAPIAppResponse.model_validate({**app, "app": "report_app"})
    assert app["url_prefix"] == REPORT_URL_PREFIX == "/entente"
    views = {v["destination"]: ExternalViewResponse.model_validate(v) for v in
             plugin.external_views}
    assert set(views) == {"nav", "dag_run"}
    for view in views.values():     # relative to the UI's base URL, rendered in an iframe
        assert not view.href.startswith("/") and not view.url_route.startswith("/")
    assert views["nav"].href == "entente/reports/index.html" and views["nav"].nav_top_level
    assert views["dag_run"].href == "entente/runs/{DAG_ID}/{RUN_ID}"
    assert report_run_view("entente_reports", "manual__2026-01-01T00:00:00+00:00") == (
        "dags/entente_reports/runs/manual__2026-01-01T00%3A00%3A00%2B00%3A00/plugin/"
        f"{views['dag_run'].url_route}")

