"""Extract many staged batches on a pool of worker processes (what `entente run` does).

Each worker loads the spaCy pipeline once and extracts chunks of `CHUNK_SIZE` articles; the
parent cuts batches into chunks, keeps the pool busy with chunks of the next batches while it
assembles and writes each finished batch, in order. Small chunks balance the two cores even on
a run of one batch; whole rows travel back to the parent (not spaCy Docs, as with spaCy's own
`n_process`), so everything but the Parquet writing runs in parallel.

Workers are spawned, not forked: the parent has threads (the progress display) and open files
that a fork would copy mid-use. They die with the parent: a killed `entente run` leaves no
worker behind holding the pipes and the model's memory.
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable

import pandas as pd

from entente.extract.rows import empty_rows, extraction_rows, extraction_tables, merge_rows
from entente.nlp.pipeline import shared_nlp
from entente.settings import Settings
from entente.warehouse.staging import StagingArea

log = logging.getLogger(__name__)
CHUNK_SIZE = 25
BATCHES_IN_FLIGHT = 3       # bounds the article text queued in the pool


def extract_batches(settings: Settings, staging: StagingArea, batch_ids: list[str], workers: int,
                    done: Callable[[str], None] = lambda batch_id: None) -> None:
    """Extract and stage every batch in `batch_ids`; `done(batch_id)` after each is staged."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(os.getpid(), settings)) as pool:
        in_flight: deque[tuple[str, list[Future]]] = deque()
        try:
            for batch_id in batch_ids:
                articles = _staged_articles(staging, batch_id)
                if articles is None:
                    done(batch_id)
                    continue
                in_flight.append((batch_id, [pool.submit(_extract_chunk, settings, chunk)
                                             for chunk in _chunks(articles)]))
                while len(in_flight) >= BATCHES_IN_FLIGHT:
                    _finish(*in_flight.popleft(), staging, done)
            while in_flight:
                _finish(*in_flight.popleft(), staging, done)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _staged_articles(staging: StagingArea, batch_id: str) -> pd.DataFrame | None:
    try:
        return staging.read_batch(batch_id)
    except FileNotFoundError:
        log.info("extract: batch %s is no longer staged (published by another run)", batch_id)
        return None


def _chunks(articles: pd.DataFrame) -> list[pd.DataFrame]:
    return [articles.iloc[start:start + CHUNK_SIZE]
            for start in range(0, max(len(articles), 1), CHUNK_SIZE)]


def _finish(batch_id: str, futures: list[Future], staging: StagingArea,
            done: Callable[[str], None]) -> None:
    rows = empty_rows()
    for future in futures:
        merge_rows(rows, future.result())
    staging.write_extracted(batch_id, extraction_tables(rows))
    done(batch_id)


def _start_worker(parent_pid: int, settings: Settings) -> None:
    _die_with_parent(parent_pid)
    shared_nlp(settings)


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this worker when the parent dies (PR_SET_PDEATHSIG); a worker whose
    parent is already gone exits. (Elsewhere a killed parent can leave workers waiting.)"""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)


def _extract_chunk(settings: Settings, articles: pd.DataFrame) -> dict[str, list[dict]]:
    return extraction_rows(articles, shared_nlp(settings))
