"""The report inside the Airflow UI: the parts of Entente's Airflow 3 plugin
(plugins/entente_airflow_plugin.py registers them).

- `report_app(reports_dir)`: a FastAPI app the Airflow API server mounts under `/entente`:

      GET /entente/reports/<path>           a file of the reports folder (a folder: its
                                            index.html), for a logged-in user who may read
                                            the entente_reports DAG
      GET /entente/runs/<dag_id>/<run_id>   a DAG run's report: the report itself when that
                                            run wrote it, else a short page naming the run
                                            that wrote the current report, with a link

- `EXTERNAL_VIEWS`: the "Entente report" entry of the UI's navigation, which shows
  reports/index.html inside the UI, and a "Report" tab on every DAG run.

The pages are the static files `write_reports` made (they link to each other relatively, so
they work here as they do from disk). Our pages may run no script (Content-Security-Policy):
they share the Airflow UI's origin. The Great Expectations Data Docs (`quality/`) load their
scripts from CDNs, so they are served in a CSP sandbox, away from the UI's origin.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Awaitable, Callable

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from entente.orchestration import REPORT_URL_PREFIX, REPORT_VIEW_ROUTE
from entente.reporting.record import read_record

REPORTS_DAG = "entente_reports"
PAGE_POLICY = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'self'")
SANDBOX_POLICY = "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox"
Authorizer = Callable[[Request], Awaitable[None]]

EXTERNAL_VIEWS = [
    {"name": "Entente report", "href": f"{REPORT_URL_PREFIX.strip('/')}/reports/index.html",
     "url_route": REPORT_VIEW_ROUTE, "destination": "nav", "nav_top_level": True},
    {"name": "Report", "href": f"{REPORT_URL_PREFIX.strip('/')}/runs/{{DAG_ID}}/{{RUN_ID}}",
     "url_route": f"{REPORT_VIEW_ROUTE}-run", "destination": "dag_run"},
]


async def airflow_reader(request: Request) -> None:
    """Let through a user Airflow knows (the UI's session cookie or a bearer token) who may
    read the entente_reports DAG; 401/403 otherwise."""
    # The API server's own modules: imported here, when a request is served, because Airflow
    # imports the plugin in every component (scheduler, workers), which never serve one.
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.api_fastapi.auth.managers.models.resource_details import DagDetails
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi.security import HTTPBearer

    credentials = await HTTPBearer(auto_error=False)(request)
    user = await get_user(request, None, credentials)
    if not get_auth_manager().is_authorized_dag(method="GET", user=user,
                                                details=DagDetails(id=REPORTS_DAG)):
        raise HTTPException(status_code=403, detail=f"not allowed to read {REPORTS_DAG}")


def report_app(reports_dir: Path, authorize: Authorizer = airflow_reader) -> FastAPI:
    """The app serving `reports_dir` (see the module docstring); `authorize` decides who may."""
    app = FastAPI(title="Entente report", docs_url=None, redoc_url=None, openapi_url=None)
    guard = [Depends(authorize)]

    @app.get("/", dependencies=guard)
    def start() -> RedirectResponse:
        return RedirectResponse("reports/index.html")

    @app.get("/reports/{path:path}", dependencies=guard)
    def report_file(path: str) -> FileResponse:
        target = resolve_inside(reports_dir, path)
        if target is None:
            raise HTTPException(status_code=404, detail="no such report file")
        return FileResponse(target, headers=_headers(path))

    @app.get("/runs/{dag_id}/{run_id}", dependencies=guard)
    def run_report(dag_id: str, run_id: str):
        record = read_record(reports_dir) or {}
        made_by = record.get("made_by") or {}
        if made_by.get("dag_id") == dag_id and made_by.get("run_id") == run_id:
            return RedirectResponse("../../reports/index.html")
        return HTMLResponse(other_run_page(dag_id, run_id, record),
                            headers={"Content-Security-Policy": PAGE_POLICY})

    return app


def resolve_inside(root: Path, path: str) -> Path | None:
    """The file `path` names inside `root` (a folder: its index.html), or None when there is
    none or the path leads outside `root` (`..`, an absolute path, a symlink out)."""
    base = root.resolve()
    try:
        target = (base / path).resolve()
    except (OSError, ValueError):
        return None
    if not target.is_relative_to(base):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _headers(path: str) -> dict[str, str]:
    in_data_docs = path.split("/", 1)[0] == "quality"
    return {"Content-Security-Policy": SANDBOX_POLICY if in_data_docs else PAGE_POLICY,
            "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


def other_run_page(dag_id: str, run_id: str, record: dict) -> str:
    """A DAG run whose report is not the current one: say which run made the current one."""
    made_by = record.get("made_by") or {}
    if not record:
        current = "There is no report yet: it is written by the entente_reports DAG."
    else:
        by = (f"{made_by['dag_id']} run {made_by['run_id']}" if made_by.get("dag_id")
              else made_by.get("command") or "an earlier version")
        current = (f"The current report was written by {by} at {record.get('generated_at')} "
                   f"from publication {record.get('publication')}.")
    if dag_id == REPORTS_DAG:
        about = "This run's report has since been replaced by a newer one."
    else:
        about = (f"{dag_id} writes no report itself; entente_reports writes one after every "
                 "publication.")
    link = '<p><a href="../../reports/index.html">Open the current report</a></p>' if record \
        else ""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Entente "
            f"report</title></head><body style=\"font-family: system-ui, sans-serif\">"
            f"<h1>Report of {html.escape(dag_id)} / {html.escape(run_id)}</h1>"
            f"<p>{html.escape(about)}</p><p>{html.escape(current)}</p>{link}</body></html>")
