"""The Airflow UI in a real browser: `make airflow`'s script, Debian's Chromium, Playwright.

Starts scripts/airflow-standalone.sh (what `make airflow` runs) with a temporary Airflow home,
warehouse, reports folder and free ports on 127.0.0.1, logs in with the generated password,
sees the DAGs, triggers entente_ingest from its Trigger dialog, waits for entente_process and
entente_reports (asset-triggered) to succeed, saves screenshots and opens reports/index.html
from disk. Then the report inside the UI (the Entente plugin): the "Entente report" navigation
entry shows the index, a pair's page opens from it, and the entente_reports run's Report tab
shows the report that run wrote. Last, Ctrl-C (SIGINT) stops the script and no Airflow process
survives.

Needs /usr/bin/chromium (`make test-ui` installs it; the test skips without it) and the
playwright Python package (its own browser downloads are never used). Only 127.0.0.1 is
contacted.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from locations import PROJECT
from entente.orchestration import REPORT_VIEW_ROUTE, report_run_view

CHROMIUM = Path(os.environ.get("ENTENTE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("ENTENTE_UI_SCREENSHOTS", PROJECT / "reports" / "ui"))
SAMPLES = PROJECT / "data" / "samples" / "articles"
ARTICLES = ("000_d33bd198671959dd.txt", "1997-05-27-nato-russia-founding-act.txt",
            "2010-04-08-new-start-signed.md", "2015-12-12-paris-agreement-adopted.html")
DAGS = ("entente_ingest", "entente_process", "entente_reports")
STARTUP_TIMEOUT = 240
RUN_TIMEOUT = 420

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def airflow_ui(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: `make test-ui` installs Debian's "
                    "chromium (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    folder = tmp_path_factory.mktemp("ui")
    inbox = folder / "inbox"
    inbox.mkdir()
    for name in ARTICLES:
        if (SAMPLES / name).exists():
            shutil.copy(SAMPLES / name, inbox / name)
    sources = folder / "sources.yml"
    sources.write_text(f"sources:\n  - name: ui-test\n    kind: inbox\n    path: {inbox}\n")
    port = _free_port()
    env = {**os.environ,
           "AIRFLOW_HOME": str(folder / "airflow"),
           "AIRFLOW__API__PORT": str(port),
           "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(_free_port()),
           "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(_free_port()),
           "ENTENTE_WAREHOUSE": str(folder / "warehouse.duckdb"),
           "ENTENTE_REPORTS": str(folder / "reports"),
           "ENTENTE_SOURCES": str(sources),
           "ENTENTE_INGEST_SCHEDULE": "none",       # only the run this test triggers
           "NO_COLOR": "1"}
    for key in ("AIRFLOW__API__BASE_URL", "AIRFLOW__CORE__EXECUTION_API_SERVER_URL"):
        env.pop(key, None)
    log = (folder / "standalone.out").open("w")
    script = subprocess.Popen(["bash", "scripts/airflow-standalone.sh"], cwd=PROJECT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    password_file = folder / "airflow" / "simple_auth_manager_passwords.json.generated"
    ui = {"url": url, "port": port, "folder": folder, "script": script,
          "log": folder / "standalone.out", "reports": folder / "reports",
          "password_file": password_file}
    try:
        _wait_until_ready(ui)
        yield ui
    finally:
        if script.poll() is None:               # the Ctrl-C test did not run or failed
            os.killpg(script.pid, signal.SIGINT)
            try:
                script.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(script.pid, signal.SIGKILL)
            group = _standalone_group(ui["log"])
            if group and _running_in_group(group):
                os.killpg(group, signal.SIGKILL)
        log.close()


def _wait_until_ready(ui) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if ui["script"].poll() is not None:
            pytest.fail("make airflow's script exited early:\n" + ui["log"].read_text()[-3000:])
        if "Log in as 'admin'" in ui["log"].read_text(errors="replace"):
            return
        time.sleep(1)
    pytest.fail("Airflow did not become ready:\n" + ui["log"].read_text()[-3000:])


def _standalone_group(log: Path) -> int | None:
    found = re.search(r"process group (\d+)", log.read_text(errors="replace"))
    return int(found.group(1)) if found else None


def _processes_with_env(assignment: str) -> list[str]:
    """Command lines of live processes whose environment holds `assignment` (needs /proc)."""
    found = []
    needle = assignment.encode() + b"\0"
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (proc / "environ").read_bytes() + b"\0":
                found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def _running_in_group(group: int) -> list[str]:
    """Live (not zombie) processes of a process group, from /proc."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()       # after "pid (comm) "
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(f"{proc.name} {stat[:stat.rindex(')') + 1]}")
    return found


def _password(ui) -> str:
    return json.loads(ui["password_file"].read_text())["admin"]


def _json(request: urllib.request.Request, attempts: int = 3) -> dict:
    """The JSON answer to `request`; a timeout is retried (the API server shares two cores
    with a scheduler and a DAG run while the pipeline runs)."""
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except TimeoutError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _api(ui, path: str, token: str) -> dict:
    return _json(urllib.request.Request(f"{ui['url']}{path}",
                                        headers={"Authorization": f"Bearer {token}"}))


def _token(ui) -> str:
    body = json.dumps({"username": "admin", "password": _password(ui)}).encode()
    return _json(urllib.request.Request(f"{ui['url']}/auth/token", data=body, method="POST",
                                        headers={"Content-Type": "application/json"})
                 )["access_token"]


def _runs(ui, token: str, dag_id: str) -> list[dict]:
    return _api(ui, f"/api/v2/dags/{dag_id}/dagRuns?order_by=-run_after&limit=20",
                token)["dag_runs"]


def _wait_for_pipeline(ui, token: str) -> dict[str, str]:
    """Wait until the triggered ingest and the asset-triggered runs after it finish."""
    deadline = time.monotonic() + RUN_TIMEOUT
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        states = {dag: (_runs(ui, token, dag) or [{}])[0].get("state", "none") for dag in DAGS}
        if "failed" in states.values() or all(s == "success" for s in states.values()):
            return states
        time.sleep(3)
    return states


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)


def _log_in(page, ui) -> None:
    page.goto(ui["url"] + "/", wait_until="networkidle")
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(_password(ui))
    page.get_by_role("button", name=re.compile("sign in|log in|login", re.I)).click()
    page.wait_for_url(re.compile(r"^(?!.*/auth/login).*$"), timeout=30_000)


def test_browser_logs_in_triggers_ingest_and_downstream_dags_succeed(airflow_ui):
    from playwright.sync_api import sync_playwright

    ui = airflow_ui
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(re.compile(r"^(?!(http://127\.0\.0\.1|file:|data:|blob:)).*"),
                   lambda route: route.abort())              # loopback only
        _log_in(page, ui)

        page.goto(ui["url"] + "/dags", wait_until="networkidle")
        for dag in DAGS:
            page.get_by_text(dag, exact=True).first.wait_for(timeout=60_000)

        page.goto(ui["url"] + "/dags/entente_ingest", wait_until="networkidle")
        page.get_by_role("button", name="Trigger").first.click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for()
        dialog.get_by_text("Backfill from").first.wait_for()   # the window params are offered
        dialog.get_by_role("button", name="Trigger").click()
        dialog.wait_for(state="hidden", timeout=30_000)

        token = _token(ui)
        states = _wait_for_pipeline(ui, token)
        page.goto(ui["url"] + "/dags", wait_until="networkidle")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "airflow-dags.png"), full_page=True)
        page.goto(ui["url"] + "/dags/entente_process", wait_until="networkidle")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SCREENSHOTS / "airflow-entente-process.png"), full_page=True)
        assert states == {dag: "success" for dag in DAGS}, (
            f"{states}\n" + ui["log"].read_text(errors="replace")[-4000:])
        ingest_runs = _runs(ui, token, "entente_ingest")
        assert ingest_runs[0]["run_type"] == "manual"
        assert _runs(ui, token, "entente_process")[0]["run_type"] == "asset_triggered"

        index = ui["reports"] / "index.html"
        assert index.exists()
        page.goto(index.as_uri(), wait_until="load")
        assert "international cooperation report" in page.title().lower()
        assert "articles" in page.locator("#headline").inner_text()
        images = page.locator("img")
        assert images.count() == 4
        for i in range(images.count()):                       # every chart loaded and drawn
            assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.locator("#files a[href$='.csv']").count() >= 5
        assert page.locator("#quality-docs a[href='quality/index.html']").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "reports-index.png"), full_page=True)
        browser.close()


def _report_frame(page):
    """The Entente plugin's iframe in the UI page, once its report page has loaded."""
    frame = page.frame_locator("iframe").first
    frame.locator("h1").first.wait_for(timeout=60_000)
    return frame


def test_the_entente_view_shows_the_report_and_a_pair_page(airflow_ui):
    """Logged in: the "Entente report" entry shows index.html inside the UI, a pair's page opens
    from it, and the entente_reports run's Report tab shows the report that run wrote."""
    from playwright.sync_api import sync_playwright

    ui = airflow_ui
    token = _token(ui)
    assert _wait_for_pipeline(ui, token)["entente_reports"] == "success"
    run_id = _runs(ui, token, "entente_reports")[0]["dag_run_id"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route(re.compile(r"^(?!(http://127\.0\.0\.1|data:|blob:)).*"),
                   lambda route: route.abort())              # loopback only
        _log_in(page, ui)
        page.goto(ui["url"] + "/dags", wait_until="networkidle")
        entry = page.get_by_role("link", name="Entente report").or_(
            page.get_by_role("button", name="Entente report"))
        entry.first.click()                                   # the navigation entry
        page.wait_for_url(re.compile(rf"/plugin/{REPORT_VIEW_ROUTE}$"), timeout=30_000)
        report = _report_frame(page)
        assert "articles" in report.locator("#headline").inner_text()
        assert report.locator("#figures a").count() >= 10            # every number a link
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "airflow-entente-report.png"), full_page=True)

        pair_link = report.locator("a[href^='dyads/']").first
        pair_name = pair_link.inner_text()
        pair_link.click()
        report.locator("#timeline").wait_for(timeout=30_000)
        assert report.locator("h1").inner_text().split("(")[0].strip() in pair_name
        assert report.locator("table.evidence mark").count() >= 1    # the trigger, marked
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "airflow-entente-dyad.png"), full_page=True)

        page.goto(f"{ui['url']}/{report_run_view('entente_reports', run_id)}",
                  wait_until="networkidle")
        tab = _report_frame(page)
        tab.locator("#headline").wait_for(timeout=30_000)
        assert f"entente_reports / {run_id}" in tab.locator("p.meta").inner_text()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "airflow-run-report.png"), full_page=True)
        browser.close()


def test_ctrl_c_stops_airflow_and_leaves_no_process(airflow_ui):
    ui = airflow_ui
    group = _standalone_group(ui["log"]) or pytest.fail("no process group in the log")
    script = ui["script"]
    started = time.monotonic()
    os.kill(script.pid, signal.SIGINT)                        # what Ctrl-C sends the script
    assert script.wait(timeout=120) == 0, ui["log"].read_text()[-3000:]
    assert "no process left" in ui["log"].read_text()
    assert _running_in_group(group) == []                      # the whole group is gone
    survivors = _processes_with_env(f"AIRFLOW_HOME={ui['folder'] / 'airflow'}")
    assert survivors == [], f"processes still using the test's Airflow home: {survivors}"
    assert not _port_open(ui["port"])
    print(f"stopped in {time.monotonic() - started:.1f}s")
