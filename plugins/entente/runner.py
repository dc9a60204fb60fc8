"""`entente run`: every stage in-process, the same functions the DAGs call, with progress."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                           TextColumn, TimeElapsedColumn)

from entente import config, stages
from entente.sources.registry import inbox_sources, load_sources


@dataclass
class RunOutcome:
    published: bool
    ingest: stages.IngestResult
    publish: stages.PublishResult | None
    reports: list[Path]


def progress_bar(console: Console) -> Progress:
    """The progress display for long CLI work (drawn only on a terminal, then removed)."""
    return Progress(SpinnerColumn(), TextColumn("{task.description:<32}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)


@contextmanager
def step(progress: Progress, description: str):
    """An indeterminate step (one unit of work) on the progress display."""
    task = progress.add_task(description, total=1)
    yield
    progress.update(task, completed=1)


def run_pipeline(sources_file: Path | None, inboxes: list[Path], warehouse: Path,
                 reports_dir: Path, console: Console,
                 window: tuple[date, date] | None = None) -> RunOutcome:
    sources = []
    if sources_file or not inboxes:
        sources += load_sources(sources_file or config.sources_path())
    sources += inbox_sources(inboxes)
    with progress_bar(console) as progress:
        with step(progress, f"reading {len(sources)} sources"):
            ingested = stages.ingest(sources, warehouse)
        if window:
            from entente.backfill import restage_window
            with step(progress, f"re-staging {window[0]}..{window[1]}"):
                ingested.batches += restage_window(*window, warehouse=warehouse)
        batches = _extract_all(warehouse, progress)
        published = None
        if batches or not warehouse.exists():
            try:
                with step(progress, "loading, validating, publishing"):
                    published = stages.publish(batches, warehouse, ingested.failures)
            except stages.PublicationBlocked as exc:
                progress.stop()
                console.print(f"[red]{exc}[/red]")
                return RunOutcome(False, ingested, None, [])
        # Nothing new: the published warehouse is already current. The run's fetch log stays
        # staged and is published with the next articles (as the entente_ingest DAG does).
        written = write_all_reports(warehouse, reports_dir, progress)
    print_summary(console, ingested, warehouse, reports_dir)
    return RunOutcome(True, ingested, published, written)


def write_all_reports(warehouse: Path, reports_dir: Path, progress: Progress) -> list[Path]:
    """CSV reports, charts and the index page: what the entente_reports DAG writes."""
    from entente.charts import draw_charts
    from entente.report_site import write_index

    task = progress.add_task("writing reports and charts", total=3)
    written = stages.reports(warehouse, reports_dir)
    progress.advance(task)
    written += draw_charts(warehouse, reports_dir)
    progress.advance(task)
    written.append(write_index(warehouse, reports_dir))
    progress.advance(task)
    return written


def _extract_all(warehouse: Path, progress: Progress) -> list[str]:
    """Extract every staged batch: in this process, or on a pool of ENTENTE_NLP_PROCESSES."""
    batches = stages.staging.pending_batches(warehouse)
    task = progress.add_task("extracting (spaCy) batches", total=len(batches))
    workers = config.nlp_processes()
    if workers <= 1 or not batches:
        for batch_id in batches:
            stages.extract(batch_id, warehouse)
            progress.advance(task)
        return batches
    from entente.extract_pool import extract_batches
    extract_batches(batches, warehouse, workers, lambda batch_id: progress.advance(task))
    return batches


def print_summary(console: Console, ingested: stages.IngestResult, warehouse: Path,
                  reports_dir: Path) -> None:
    from entente.summary import warehouse_counts

    counts = warehouse_counts(warehouse)
    console.print(f"new articles this run: {ingested.new_articles} "
                  f"(already known: {ingested.duplicates}, not English: {ingested.non_english}, "
                  f"near-duplicates linked: {ingested.near_duplicates}, "
                  f"unchanged feeds/pages (304): {ingested.not_modified}, "
                  f"quarantined: {ingested.quarantined})")
    for failure in ingested.failures:
        console.print(f"[yellow]source failed[/yellow] {failure.source} "
                      f"({failure.location}): {failure.reason}")
    console.print("warehouse totals: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    console.print(f"warehouse: {warehouse}")
    console.print(f"reports:   {reports_dir}  (open {reports_dir / 'index.html'})")
