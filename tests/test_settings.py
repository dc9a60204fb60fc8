"""Settings: read from ENTENTE_* once, typed, with defaults that work from a fresh clone, and
errors that name the variable."""
from __future__ import annotations

from pathlib import Path

import pytest

from entente.settings import PACKAGE_PROJECT_DIR, Settings, SettingsError, load_settings


def test_defaults_point_into_the_project(monkeypatch):
    for name in ("ENTENTE_WAREHOUSE", "ENTENTE_REPORTS", "ENTENTE_SOURCES", "ENTENTE_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.warehouse_location == str(PACKAGE_PROJECT_DIR / "data" / "warehouse.duckdb")
    assert settings.sources_file == PACKAGE_PROJECT_DIR / "data" / "sources.yml"
    assert settings.reports_dir == PACKAGE_PROJECT_DIR / "reports"
    assert settings.event_scheme == "gsr" and settings.selective_syntax
    assert 1 <= settings.nlp_processes <= 4
    assert settings.schedule == "@hourly"


def test_the_environment_and_options_override(monkeypatch, tmp_path):
    monkeypatch.setenv("ENTENTE_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("ENTENTE_EVENT_SCHEME", " PLOVER2021 ")
    monkeypatch.setenv("ENTENTE_SELECTIVE_SYNTAX", "0")
    monkeypatch.setenv("ENTENTE_NLP_PROCESSES", "3")
    monkeypatch.setenv("ENTENTE_INGEST_SCHEDULE", "none")
    settings = load_settings(reports=tmp_path / "r", spacy_model=None)   # None: not given
    assert settings.warehouse_location == str(tmp_path / "w.duckdb")
    assert settings.reports_dir == tmp_path / "r"
    assert settings.event_scheme == "plover2021" and not settings.selective_syntax
    assert settings.nlp_processes == 3 and settings.schedule is None
    assert load_settings(warehouse=str(tmp_path / "x.duckdb")).warehouse_location.endswith("x.duckdb")


@pytest.mark.parametrize("variable, value, message", [
    ("ENTENTE_EVENT_SCHEME", "polecat", "ENTENTE_EVENT_SCHEME must be one of gsr, plover2021"),
    ("ENTENTE_NLP_PROCESSES", "many", "ENTENTE_NLP_PROCESSES must be a whole number, not 'many'"),
    ("ENTENTE_LOCK_TIMEOUT", "soon", "ENTENTE_LOCK_TIMEOUT"),
    ("ENTENTE_BATCH_SIZE", "0", "ENTENTE_BATCH_SIZE"),
])
def test_a_bad_value_is_an_error_naming_the_variable(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message):
        load_settings()


def test_settings_are_frozen_and_hashable():
    settings = Settings()
    with pytest.raises(ValueError):
        settings.batch_size = 5
    assert hash(settings) == hash(Settings()) and Settings(batch_size=7) != settings


def test_only_the_settings_module_reads_the_environment():
    package = Path(__file__).resolve().parents[1] / "plugins" / "entente"
    readers = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                     if "os.environ" in p.read_text(encoding="utf-8")
                     or "os.getenv" in p.read_text(encoding="utf-8"))
    assert readers == ["settings.py"]
