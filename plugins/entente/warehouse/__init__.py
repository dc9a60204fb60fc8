"""The warehouse: storage (`store`: the `Warehouse` object, its `staging` area), schema
(`migrate`), and the publish stage (`publish`: `load` → `clusters` → `audit` → publish), plus
what analysts and the reports read back (`status`).

`open_warehouse(settings)` is how front doors get one; code below them receives the object.
"""
from __future__ import annotations

from pathlib import Path

from entente.settings import Settings
from entente.warehouse.migrate import Schema
from entente.warehouse.staging import StagingArea
from entente.warehouse.lake import DuckLakeWarehouse
from entente.warehouse.store import (DuckDBFileWarehouse, Version, Warehouse, WarehouseBusy,
                                     WarehouseWriteError)

__all__ = ["DuckDBFileWarehouse", "DuckLakeWarehouse", "Schema", "StagingArea", "Version",
           "Warehouse", "WarehouseBusy", "WarehouseWriteError", "open_warehouse", "schema_of"]


def schema_of(settings: Settings) -> Schema:
    """The schema the settings name: migrations, views, and the seed tables' data files."""
    return Schema(settings.sql_dir, seeds={"event_categories": settings.event_categories,
                                           "historical_states": settings.historical_states})


def open_warehouse(settings: Settings) -> Warehouse:
    """The warehouse the settings name (`ENTENTE_WAREHOUSE`, default data/warehouse.duckdb;
    `ducklake:<catalog>` for a DuckLake)."""
    if settings.is_lake:
        return DuckLakeWarehouse(settings.warehouse_location, schema_of(settings),
                                 data_path=settings.lake_data_path,
                                 staging_root=settings.staging,
                                 lock_timeout=settings.lock_timeout,
                                 partial_max_age=settings.partial_max_age)
    return DuckDBFileWarehouse(Path(settings.warehouse_location), schema_of(settings),
                               lock_timeout=settings.lock_timeout,
                               partial_max_age=settings.partial_max_age,
                               staging_root=settings.staging)
