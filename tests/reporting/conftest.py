"""The warehouse of known stories (builders.stage_known_stories), published and reported once
for the session: the figures and page tests read it, none writes to it."""
from __future__ import annotations

import pytest

from builders import stage_known_stories
from entente import stages
from entente.settings import Settings
from entente.warehouse import open_warehouse


@pytest.fixture(scope="session")
def known(tmp_path_factory):
    """(settings, warehouse) of the known stories, with the reports written."""
    folder = tmp_path_factory.mktemp("known")
    settings = Settings(warehouse=str(folder / "warehouse.duckdb"), reports=folder / "reports")
    warehouse = open_warehouse(settings)
    stage_known_stories(warehouse)
    stages.publish(settings, warehouse)
    stages.report(settings, warehouse, made_by={"command": "test"})
    return settings, warehouse
