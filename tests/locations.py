"""Where the tests find the project and the shared data. A plain module (not conftest.py): a
folder's own conftest.py (tests/warehouse) would shadow the module name `conftest` for every
test collected after it."""
from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_d33bd198671959dd.txt"
SAMPLE_SEED = PROJECT / "data" / "samples" / "articles" / "000_d33bd198671959dd.txt"
EVAL = SHARED / "eval"


def seed_text() -> str:
    """The seed article as shipped in data/samples (a copy of shared/seeds)."""
    return SAMPLE_SEED.read_text(encoding="utf-8")
