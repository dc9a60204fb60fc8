"""Entente's Airflow plugin: the report inside the Airflow UI.

Thin, like the DAG files: the parts are in entente.orchestration.report_view. The API server
mounts the report app under /entente (reports/ as the entente_reports DAG wrote it, for users who
may read that DAG); the UI gets an "Entente report" navigation entry that shows it and a
"Report" tab on every DAG run. The plugins folder's other files are not plugins
(plugins/.airflowignore): Airflow imports only this one.
"""
from airflow.plugins_manager import AirflowPlugin

from entente.orchestration import REPORT_URL_PREFIX
from entente.orchestration.report_view import EXTERNAL_VIEWS, report_app
from entente.settings import Settings


class EntentePlugin(AirflowPlugin):
    name = "entente"
    fastapi_apps = [{"app": report_app(Settings().reports_dir), "url_prefix": REPORT_URL_PREFIX,
                     "name": "Entente report"}]
    external_views = EXTERNAL_VIEWS
