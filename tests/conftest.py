"""Shared fixtures: project paths, the public eval data (skipped when absent), settings and a
warehouse in a temp folder, the spaCy pipeline loaded once, the warehouse of known stories
(tests/builders.py) reported once. Paths and the seed text are in tests/locations.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from builders import stage_known_stories
from locations import EVAL, PROJECT
from entente import stages
from entente.settings import Settings
from entente.warehouse import Warehouse, open_warehouse



@pytest.fixture
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip(f"public eval data not found at {EVAL}")
    return EVAL


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """Settings for a warehouse and a reports folder in a temp dir. The environment says the
    same, for the processes a test starts (`entente`, `airflow dags test`)."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ENTENTE_WAREHOUSE", str(path))
    monkeypatch.setenv("ENTENTE_REPORTS", str(tmp_path / "reports"))
    return Settings(warehouse=str(path), reports=tmp_path / "reports")


@pytest.fixture
def warehouse(settings) -> Warehouse:
    return open_warehouse(settings)


@pytest.fixture(scope="session")
def nlp():
    """The full Entente pipeline, loaded once for the whole session."""
    from entente.nlp.pipeline import build_nlp
    return build_nlp(Settings())


@pytest.fixture(scope="session")
def known(tmp_path_factory):
    """(settings, warehouse) of the known stories, published and with the reports written, once
    for the session: the figures, pages and CLI tests read it, none writes to it."""
    folder = tmp_path_factory.mktemp("known")
    settings = Settings(warehouse=str(folder / "warehouse.duckdb"), reports=folder / "reports")
    warehouse = open_warehouse(settings)
    stage_known_stories(warehouse)
    stages.publish(settings, warehouse)
    stages.report(settings, warehouse, made_by={"command": "test"})
    return settings, warehouse


# Tests use the project-local Airflow home that `make test` sets up, never ~/airflow.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("AIRFLOW_HOME", str(PROJECT / ".airflow"))
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT / "dags"))
os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(PROJECT / "plugins"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
