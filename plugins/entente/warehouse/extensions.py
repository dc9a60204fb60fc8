"""DuckDB extensions from pinned wheels, never from the network.

DuckDB downloads extensions such as `ducklake` at run time when they are first used; machines
without that network access (these, and many production networks) fail there. For DuckDB
1.5.5 the extensions exist as wheels on the package index (`duckdb-extension-ducklake==1.5.5`
and so on), each carrying the `.duckdb_extension` file, and requirements.txt pins each wheel
by sha256. `connect()` loads the files by path and turns automatic installation off.

DuckDB checks an extension's signature on every LOAD, about 0.5 s for each of these 35 MB
files — per connection, since each `duckdb.connect()` is a new database. Instead this module
checks each file once per process against the sha256 the installed wheel's RECORD lists
(the wheel itself was checked against requirements.txt's hash at install), then loads it
with `allow_unsigned_extensions`: 10 ms a connection. An extension whose file does not match
its RECORD is refused.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
from functools import lru_cache
from pathlib import Path

import duckdb

# Extension name → the distribution that carries it.
WHEELS = {
    "ducklake": "duckdb-extension-ducklake",
    "sqlite_scanner": "duckdb-extension-sqlite-scanner",
    "postgres_scanner": "duckdb-extension-postgres-scanner",
}


class ExtensionError(RuntimeError):
    """An extension's wheel is missing, or its file does not match the wheel's record."""


@lru_cache(maxsize=None)
def extension_path(name: str) -> Path:
    """The checked `.duckdb_extension` file of `name` for the installed DuckDB version."""
    distribution = WHEELS.get(name)
    if distribution is None:
        raise ExtensionError(f"no pinned wheel for the DuckDB extension {name!r}")
    try:
        dist = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise ExtensionError(f"the DuckDB extension {name!r} needs the {distribution} package "
                             "(in requirements.txt: run `make setup`)") from None
    wanted = f"v{duckdb.__version__}/{name}.duckdb_extension"
    for entry in dist.files or []:
        if entry.as_posix().endswith(wanted):
            path = Path(dist.locate_file(entry))
            _check_record(path, entry.hash)
            return path
    raise ExtensionError(f"{distribution} {dist.version} has no {wanted} "
                         f"(DuckDB is {duckdb.__version__}; pin both to the same version)")


def _check_record(path: Path, recorded) -> None:
    if recorded is None or recorded.mode != "sha256":
        raise ExtensionError(f"{path}: its wheel records no sha256")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    actual = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    if actual != recorded.value:
        raise ExtensionError(f"{path}: sha256 differs from its wheel's RECORD; reinstall it")


def connect(database: str = ":memory:", extensions: tuple[str, ...] = (),
            read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with `extensions` loaded from their pinned wheels, and automatic
    extension downloads switched off."""
    paths = [extension_path(name) for name in extensions]
    con = duckdb.connect(database, read_only=read_only, config={
        "allow_unsigned_extensions": bool(paths),
        "autoinstall_known_extensions": False,
    })
    try:
        for path in paths:
            con.execute(f"LOAD '{_quoted(str(path))}'")
    except BaseException:
        con.close()
        raise
    return con


def _quoted(text: str) -> str:
    return text.replace("'", "''")
