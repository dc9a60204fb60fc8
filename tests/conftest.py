"""Shared fixtures: project paths, the public eval data (skipped when absent), settings and a
warehouse in a temp folder, the spaCy pipeline loaded once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from entente.settings import Settings
from entente.warehouse import Warehouse, open_warehouse

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_d33bd198671959dd.txt"
SAMPLE_SEED = PROJECT / "data" / "samples" / "articles" / "000_d33bd198671959dd.txt"
EVAL = SHARED / "eval"


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


def seed_text() -> str:
    """The seed article as shipped in data/samples (a copy of shared/seeds)."""
    return SAMPLE_SEED.read_text(encoding="utf-8")


# Tests use the project-local Airflow home that `make test` sets up, never ~/airflow.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("AIRFLOW_HOME", str(PROJECT / ".airflow"))
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT / "dags"))
os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(PROJECT / "plugins"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
