"""Apply the ordered schema migrations in sql/migrations, then (re)create the views."""
from __future__ import annotations

from pathlib import Path

import duckdb

from entente import config


def migration_files(sql_dir: Path | None = None) -> list[Path]:
    return sorted((sql_dir or config.SQL_DIR).glob("migrations/[0-9][0-9][0-9]_*.sql"))


def view_files(sql_dir: Path | None = None) -> list[Path]:
    """Views in dependency order: a view file may start with `-- depends: other_view`."""
    files = {p.stem: p for p in (sql_dir or config.SQL_DIR).glob("views/*.sql")}
    ordered: list[Path] = []

    def visit(name: str, trail: tuple[str, ...] = ()) -> None:
        if files[name] in ordered:
            return
        if name in trail:
            raise ValueError(f"sql/views: circular dependency through {name}")
        for dependency in _dependencies(files[name]):
            visit(dependency, trail + (name,))
        ordered.append(files[name])

    for name in sorted(files):
        visit(name)
    return ordered


def _dependencies(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[:5]
    return [d.strip() for line in first if line.startswith("-- depends:")
            for d in line.split(":", 1)[1].split(",") if d.strip()]


def migrate(con: duckdb.DuckDBPyConnection, sql_dir: Path | None = None) -> list[str]:
    """Apply pending migrations (each once, recorded) and refresh views; returns those applied."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name VARCHAR, applied_at TIMESTAMPTZ DEFAULT current_timestamp)")
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for path in migration_files(sql_dir):
        if path.name not in done:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [path.name])
            applied.append(path.name)
    for path in view_files(sql_dir):
        con.execute(f"CREATE OR REPLACE VIEW {path.stem} AS\n" + path.read_text(encoding="utf-8"))
    return applied
