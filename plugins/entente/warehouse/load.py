"""Bulk-load staged Parquet files into the (private, unpublished) warehouse copy.

Each batch replaces everything previously loaded for its articles (delete, then insert from
Parquet in one statement per table), so loading the same batch twice changes nothing. The staged
article file also carries each article's MinHash fingerprint and near-duplicate link
(article_fingerprints, article_duplicates); staged fetch logs are loaded by ingest run.

The rows a load inserts into the article tables are also kept, for the audit, in temp tables
`loaded_<table>` (`LOADED`): reading them back from a warehouse of millions of rows meant
reading every text and sentence (a semi-join filter does not spare a scan the wide columns).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from entente.warehouse.staging import StagingArea

# Staged file → target table, the key that ties its rows to an article, and the columns.
ARTICLE_TABLES = ("entity_mentions", "timexes", "events")
# Tables whose loaded rows the audit validates, kept as temp tables loaded_<table>.
LOADED = ("articles",) + ARTICLE_TABLES + ("event_participants",)


@dataclass
class LoadSummary:
    batches: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    fetch_logs: list[Path] = field(default_factory=list)
    quarantine_files: list[Path] = field(default_factory=list)


def loadable_batches(batch_ids: list[str], staging: StagingArea) -> list[str]:
    """The batches that have both their articles and their extraction staged."""
    return [batch_id for batch_id in batch_ids
            if staging.extracted_dir(batch_id).exists() and staging.articles_file(batch_id).exists()]


def staged_article_ids(con: duckdb.DuckDBPyConnection, batch_ids: list[str],
                       staging: StagingArea) -> list[str]:
    """The articles a load of these batches replaces (what the derived rows must follow)."""
    files = [str(staging.articles_file(b)) for b in loadable_batches(batch_ids, staging)]
    if not files:
        return []
    return [row[0] for row in con.execute(
        "SELECT DISTINCT article_id FROM read_parquet(?::VARCHAR[])", [files]).fetchall()]


def load_batches(con: duckdb.DuckDBPyConnection, batch_ids: list[str],
                 staging: StagingArea) -> LoadSummary:
    """Load every staged batch that has both its articles and its extraction."""
    summary = LoadSummary()
    for table in LOADED:
        con.execute(f"CREATE OR REPLACE TEMP TABLE loaded_{table} AS SELECT * FROM {table} LIMIT 0")
    for batch_id in loadable_batches(batch_ids, staging):
        summary.batches.append(batch_id)
        _load_batch(con, staging.articles_file(batch_id), staging.extracted_dir(batch_id),
                    summary)
    load_fetch_logs(con, staging, summary)
    load_quarantine(con, staging, summary)
    return summary


def load_fetch_logs(con, staging: StagingArea, summary: LoadSummary) -> None:
    """Every staged fetch log; each ingest run's rows replace any loaded before (idempotent)."""
    for path in staging.pending_fetch_logs():
        con.execute("DELETE FROM fetch_log WHERE ingest_id IN "
                    "(SELECT DISTINCT ingest_id FROM read_parquet(?))", [str(path)])
        _insert(con, "fetch_log", str(path), summary, extra="loaded_at",
                extra_values="current_timestamp")
        summary.fetch_logs.append(path)


def load_quarantine(con, staging: StagingArea, summary: LoadSummary) -> None:
    """Every staged quarantine file; rows replace earlier ones with the same id (idempotent)."""
    for path in staging.pending_quarantine():
        _replace_quarantine(con, str(path), summary)
        summary.quarantine_files.append(path)


def _replace_quarantine(con, parquet: str, summary: LoadSummary) -> None:
    con.execute("DELETE FROM quarantine WHERE quarantine_id IN "
                "(SELECT quarantine_id FROM read_parquet(?))", [parquet])
    _insert(con, "quarantine", parquet, summary, extra="loaded_at",
            extra_values="current_timestamp", dedupe_key="quarantine_id")


def _load_batch(con, articles: Path, folder: Path, summary: LoadSummary) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE batch_articles AS "
                "SELECT DISTINCT article_id FROM read_parquet(?)", [str(articles)])
    ids = [row[0] for row in con.execute("SELECT article_id FROM batch_articles").fetchall()]
    summary.article_ids.extend(ids)
    _delete_previous(con)
    _insert(con, "articles", str(articles), summary,
            extra="loaded_at", extra_values="current_timestamp",
            dedupe_key="article_id", keep=True)
    _load_dedup(con, str(articles), summary)
    for table in ARTICLE_TABLES + ("event_participants",):
        _insert(con, table, str(folder / f"{table}.parquet"), summary, keep=True)
    con.execute("DELETE FROM actors WHERE actor_id IN "
                "(SELECT actor_id FROM read_parquet(?))", [str(folder / "actors.parquet")])
    _insert(con, "actors", str(folder / "actors.parquet"), summary)
    con.execute("DELETE FROM quarantine WHERE stage = 'extract' AND article_id IN "
                "(SELECT article_id FROM batch_articles)")
    if (folder / "quarantine.parquet").exists():    # extractions staged by older versions lack it
        _replace_quarantine(con, str(folder / "quarantine.parquet"), summary)


def _load_dedup(con, articles: str, summary: LoadSummary) -> None:
    staged = {row[0] for row in con.execute(
        "SELECT name FROM parquet_schema(?)", [articles]).fetchall()}
    if "minhash" in staged:
        count = con.execute(
            "INSERT INTO article_fingerprints SELECT article_id, minhash FROM read_parquet(?) "
            "WHERE minhash IS NOT NULL QUALIFY row_number() OVER (PARTITION BY article_id) = 1",
            [articles]).fetchone()[0]
        summary.rows["article_fingerprints"] = summary.rows.get("article_fingerprints", 0) + count
    if "duplicate_of" in staged:
        count = con.execute(
            "INSERT INTO article_duplicates SELECT article_id, duplicate_of, similarity, "
            "duplicate_method, current_timestamp FROM read_parquet(?) "
            "WHERE duplicate_of IS NOT NULL AND duplicate_of <> article_id "
            "QUALIFY row_number() OVER (PARTITION BY article_id) = 1", [articles]).fetchone()[0]
        summary.rows["article_duplicates"] = summary.rows.get("article_duplicates", 0) + count


def _delete_previous(con) -> None:
    """The rows of the batch's articles, in the warehouse and among the rows this load kept
    (an article in two batches of one publish is audited as last loaded). An article's rows
    are only ever loaded with its `articles` row, so when none of the batch's articles is
    there, the warehouse has nothing to delete: each DELETE would read a whole table."""
    known = con.execute("SELECT count(*) FROM articles WHERE article_id IN "
                        "(SELECT article_id FROM batch_articles)").fetchone()[0]
    for prefix in ("loaded_", "") if known else ("loaded_",):
        con.execute(f"DELETE FROM {prefix}event_participants WHERE event_id IN "
                    f"(SELECT event_id FROM {prefix}events "
                    "WHERE article_id IN (SELECT article_id FROM batch_articles))")
        for table in ARTICLE_TABLES + ("articles",):
            con.execute(f"DELETE FROM {prefix}{table} WHERE article_id IN "
                        "(SELECT article_id FROM batch_articles)")
    for table in ("article_fingerprints", "article_duplicates") if known else ():
        con.execute(f"DELETE FROM {table} WHERE article_id IN "
                    "(SELECT article_id FROM batch_articles)")


def _insert(con, table: str, parquet: str, summary: LoadSummary, extra: str = "",
            extra_values: str = "", dedupe_key: str | None = None, keep: bool = False) -> None:
    """INSERT the staged columns the table has, by name; `table` is one of ours, never input.
    `keep`: the same rows also go to the temp table loaded_<table> (for the audit)."""
    staged = {row[0] for row in con.execute(
        "SELECT name FROM parquet_schema(?)", [parquet]).fetchall()}
    columns = [c for c in _table_columns(con, table) if c in staged]
    names = ", ".join(columns)
    select = f"SELECT {names}{', ' + extra_values if extra else ''} FROM read_parquet(?)"
    if dedupe_key:
        select += f" QUALIFY row_number() OVER (PARTITION BY {dedupe_key}) = 1"
    columns_list = f"({names}{', ' + extra if extra else ''})"
    if keep:
        con.execute(f"CREATE OR REPLACE TEMP TABLE loading AS {select}", [parquet])
        con.execute(f"INSERT INTO loaded_{table} {columns_list} SELECT * FROM loading")
        select, parameters = "SELECT * FROM loading", []
    else:
        parameters = [parquet]
    inserted = con.execute(f"INSERT INTO {table} {columns_list} {select}",
                           parameters).fetchall()[0][0]
    summary.rows[table] = summary.rows.get(table, 0) + inserted


def _table_columns(con, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_catalog = current_database() AND table_schema = 'main' "
        "ORDER BY ordinal_position", [table]).fetchall()]
