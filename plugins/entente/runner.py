"""`entente run`: every stage in-process, the same functions the DAGs call."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from entente import stages
from entente.sources.registry import inbox_sources, load_sources
from entente import config


@dataclass
class RunOutcome:
    published: bool
    ingest: stages.IngestResult
    publish: stages.PublishResult | None
    reports: list[Path]


def run_pipeline(sources_file: Path | None, inboxes: list[Path], warehouse: Path,
                 reports_dir: Path, console: Console) -> RunOutcome:
    sources = []
    if sources_file or not inboxes:
        sources += load_sources(sources_file or config.sources_path())
    sources += inbox_sources(inboxes)
    ingested = stages.ingest(sources, warehouse)
    batches = _extract_all(warehouse, console)
    try:
        published = stages.publish(batches, warehouse, ingested.failures)
    except stages.PublicationBlocked as exc:
        console.print(f"[red]{exc}[/red]")
        return RunOutcome(False, ingested, None, [])
    written = stages.reports(warehouse, reports_dir)
    print_summary(console, ingested, warehouse, reports_dir)
    return RunOutcome(True, ingested, published, written)


def _extract_all(warehouse: Path, console: Console) -> list[str]:
    batches = stages.staging.pending_batches(warehouse)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("extracting", total=len(batches))
        for batch_id in batches:
            stages.extract(batch_id, warehouse)
            progress.advance(task)
    return batches


def print_summary(console: Console, ingested: stages.IngestResult, warehouse: Path,
                  reports_dir: Path) -> None:
    from entente.summary import warehouse_counts

    counts = warehouse_counts(warehouse)
    console.print(f"new articles this run: {ingested.new_articles} "
                  f"(already known: {ingested.duplicates})")
    for failure in ingested.failures:
        console.print(f"[yellow]source failed[/yellow] {failure.source} "
                      f"({failure.location}): {failure.reason}")
    console.print("warehouse totals: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    console.print(f"warehouse: {warehouse}")
    console.print(f"reports:   {reports_dir}")
