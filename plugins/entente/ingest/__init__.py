"""Ingest: from the sources to staged batches of new articles.

`stage.ingest` reads the sources (entente.sources), keeps what is new (`known`, `screening`,
`near_duplicates`, `language`), stages it with the run's fetch log and quarantine records
(`frames`) in the warehouse's staging area, and for a backfill window stages stored articles
again (`backfill`).
"""
from entente.ingest.stage import IngestResult, ingest

__all__ = ["IngestResult", "ingest"]
