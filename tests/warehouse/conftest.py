"""The warehouse tests run on both backends where the behaviour is the same: a DuckDB file and
a DuckLake with a SQLite catalog (`settings` is parametrized; a test that is about one
backend asks for it with `@pytest.mark.parametrize("settings", [...], indirect=True)`).

Paths shared by all tests are in tests/locations.py (the module name `conftest` is this file
while this folder is collected)."""
from __future__ import annotations

import pytest

from entente.settings import Settings

BACKENDS = ("duckdb", "ducklake")


def location(backend: str, folder) -> str:
    """Where a test warehouse of `backend` lives in `folder`."""
    if backend == "ducklake":
        return f"ducklake:sqlite:{folder / 'catalog.sqlite'}"
    return str(folder / "warehouse.duckdb")


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path, monkeypatch) -> Settings:
    where = location(request.param, tmp_path)
    monkeypatch.setenv("ENTENTE_WAREHOUSE", where)
    monkeypatch.setenv("ENTENTE_REPORTS", str(tmp_path / "reports"))
    return Settings(warehouse=where, reports=tmp_path / "reports")
