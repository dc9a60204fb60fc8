"""Extract: staged article batches → staged extraction tables, with the spaCy pipeline.

`extract_batch` is the stage one DAG task runs per batch; `pool.extract_batches` is what
`entente run` uses to extract many batches on several processes. Both write through the
warehouse's staging area; `rows` turns annotated docs into table rows.
"""
from __future__ import annotations

import logging

from entente.extract.rows import extract_articles, extraction_rows, extraction_tables
from entente.nlp.pipeline import shared_nlp
from entente.settings import Settings
from entente.warehouse import Warehouse

log = logging.getLogger(__name__)

__all__ = ["extract_articles", "extract_batch", "extraction_rows", "extraction_tables"]


def extract_batch(settings: Settings, warehouse: Warehouse, batch_id: str,
                  nlp=None) -> dict[str, int]:
    """Extract one staged batch; returns row counts per table. Rerunning it rewrites the same
    extraction; a batch that another run published (and removed from staging) meanwhile is
    nothing to do."""
    staging = warehouse.staging
    try:
        articles = staging.read_batch(batch_id)
    except FileNotFoundError:
        log.info("extract: batch %s is no longer staged (published by another run)", batch_id)
        return {}
    tables = extract_articles(articles, nlp or shared_nlp(settings))
    try:
        staging.write_extracted(batch_id, tables)
    except FileNotFoundError:
        if staging.articles_file(batch_id).exists():
            raise
        log.info("extract: batch %s was published by another run meanwhile", batch_id)
        return {}
    return {name: len(frame) for name, frame in tables.items()}
