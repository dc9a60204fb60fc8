"""Where the tests find the project and the shared data. A plain module (not conftest.py): a
folder's own conftest.py (tests/warehouse) would shadow the module name `conftest` for every
test collected after it."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "000_d33bd198671959dd.txt"
SAMPLE_SEED = PROJECT / "data" / "samples" / "articles" / "000_d33bd198671959dd.txt"
EVAL = SHARED / "eval"


def seed_text() -> str:
    """The seed article as shipped in data/samples (a copy of shared/seeds)."""
    return SAMPLE_SEED.read_text(encoding="utf-8")


def load_script(name: str) -> ModuleType:
    """A script of scripts/ as a module (scripts/ is no package), registered under its name."""
    spec = importlib.util.spec_from_file_location(name, PROJECT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
