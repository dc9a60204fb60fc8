"""The warehouse schema: ordered migrations, seed tables, then the views in dependency order.

- `sql/migrations/NNN_*.sql` are applied once each, in order, and recorded in
  `schema_migrations`;
- seed tables (`Schema.seeds`: table → CSV file) are refreshed from their files every time (and
  left alone when unchanged), so a changed data file reaches the warehouse with the next publish;
- `sql/views/*.sql` are (re)created, a view after the views it names in a first-line
  `-- depends: other_view, ...` comment (graphlib's topological order).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Callable

import duckdb


@dataclass(frozen=True)
class Schema:
    sql_dir: Path
    seeds: dict[str, Path] = field(default_factory=dict)

    def migration_files(self) -> list[Path]:
        return sorted(self.sql_dir.glob("migrations/[0-9][0-9][0-9]_*.sql"))

    def view_files(self) -> list[Path]:
        return view_files(self.sql_dir)


def view_files(sql_dir: Path) -> list[Path]:
    """Views in dependency order: a view file may start with `-- depends: other_view`."""
    files = {p.stem: p for p in sorted(sql_dir.glob("views/*.sql"))}
    graph = {name: _dependencies(path) for name, path in files.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise ValueError(f"sql/views: circular dependency through {exc.args[1][0]}") from None
    missing = [name for name in order if name not in files]
    if missing:
        raise ValueError(f"sql/views: depends on unknown view(s) {', '.join(missing)}")
    return [files[name] for name in order]


def _dependencies(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[:5]
    return [d.strip() for line in first if line.startswith("-- depends:")
            for d in line.split(":", 1)[1].split(",") if d.strip()]


def migrate(con: duckdb.DuckDBPyConnection, schema: Schema,
            execute: Callable[[duckdb.DuckDBPyConnection, str], None] | None = None) -> list[str]:
    """Apply pending migrations (each once, recorded), refresh seeds and views; returns the
    migrations applied. `execute(con, sql)` runs one migration file (default: as written; the
    DuckLake backend translates what DuckLake lacks, entente.warehouse.lake_schema)."""
    execute = execute or _execute
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name VARCHAR, applied_at TIMESTAMPTZ)")
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for path in schema.migration_files():
        if path.name not in done:
            execute(con, path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)",
                        [path.name])
            applied.append(path.name)
    for table, csv_file in schema.seeds.items():
        refresh_seed(con, table, csv_file)
    for path in schema.view_files():
        con.execute(f"CREATE OR REPLACE VIEW {path.stem} AS\n" + path.read_text(encoding="utf-8"))
    return applied


def _execute(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    con.execute(sql)


def refresh_seed(con: duckdb.DuckDBPyConnection, table: str, csv_file: Path) -> bool:
    """Replace a seed table's rows with its CSV file's (`table` is one of ours, never input);
    columns by name, every value read as text and cast to the table's type. Writes nothing
    when the rows are already the file's (a DuckLake commit then stays empty); returns whether
    it wrote."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE seed_rows AS SELECT * FROM {table} LIMIT 0")
    con.execute("INSERT INTO seed_rows BY NAME SELECT * FROM read_csv(?, header = true, "
                "all_varchar = true)", [str(csv_file)])
    differences = con.execute(
        f"SELECT count(*) FROM ((SELECT * FROM {table} EXCEPT ALL SELECT * FROM seed_rows) "
        f"UNION ALL (SELECT * FROM seed_rows EXCEPT ALL SELECT * FROM {table}))").fetchone()[0]
    if differences:
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM seed_rows")
    con.execute("DROP TABLE seed_rows")
    return bool(differences)
