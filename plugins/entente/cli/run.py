"""`entente run`: every stage in-process, the same functions the DAGs call.

Output conventions (every `entente` command): results on stdout — here the run summary, in the
words and figures of `entente status` and the report page — and progress, warnings (a source
that failed) and errors (validation blocked the publication) on stderr. Summary lines are at
most 80 columns, except those holding a path.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from entente import stages
from entente.cli.progress import progress_bar, step
from entente.cli.status import LABEL_WIDTH, figure_lines
from entente.reporting.record import made_from
from entente.settings import Settings
from entente.sources.registry import Source, inbox_sources, load_sources
from entente.warehouse import Warehouse
from entente.warehouse.status import figures, last_publication

MADE_BY = {"command": "entente run"}


@dataclass
class RunOutcome:
    published: bool
    ingest: stages.IngestResult
    publish: stages.PublishResult | None
    reports: list[Path]


def run_pipeline(settings: Settings, warehouse: Warehouse, sources_file: Path | None,
                 inboxes: list[Path], console: Console,
                 window: tuple[date, date] | None = None) -> RunOutcome:
    """ingest → extract → publish → reports, with progress and warnings on `console` (stderr);
    with `--inbox` (and no `--sources`) only those folders are read."""
    sources = run_sources(settings, sources_file, inboxes)
    with progress_bar(console) as progress:
        what = f"reading {len(sources)} sources" + (f", re-staging {window[0]}..{window[1]}"
                                                    if window else "")
        with step(progress, what):
            ingested = stages.ingest(settings, warehouse, sources, window)
        for failure in ingested.failures:
            console.print(f"[yellow]warning:[/yellow] source {failure.source} failed "
                          f"({failure.location}): {failure.reason}", soft_wrap=True)
        batches = extract_all(settings, warehouse, progress)
        published = None
        if batches or not warehouse.exists():
            try:
                with step(progress, "loading, validating, publishing"):
                    published = stages.publish(settings, warehouse, batches, ingested.failures)
            except stages.PublicationBlocked as exc:
                progress.stop()
                console.print(f"[red]{exc}[/red]", soft_wrap=True)
                return RunOutcome(False, ingested, None, [])
        # Nothing new: the published warehouse is already current. The run's fetch log stays
        # staged and is published with the next articles (as the entente_ingest DAG does).
        if published is None and reports_are_current(settings, warehouse):
            progress.stop()
            console.print(f"reports in {settings.reports_dir} are current (nothing published "
                          "since they were made; `entente report` rewrites them)", soft_wrap=True)
            return RunOutcome(True, ingested, None, [])
        with step(progress, "writing reports and charts"):
            written = write_all_reports(settings, warehouse)
    return RunOutcome(True, ingested, published, written)


def reports_are_current(settings: Settings, warehouse: Warehouse) -> bool:
    """The reports folder holds a report made from the warehouse's last publication: a run
    that published nothing would write the same CSVs, charts and pages again."""
    with warehouse.reader() as con:
        publication = last_publication(con)
    return made_from(settings.reports_dir, publication[0] if publication else None)


def run_sources(settings: Settings, sources_file: Path | None,
                inboxes: list[Path]) -> list[Source]:
    """The sources a run reads: the sources file, or only the `--inbox` folders."""
    sources = []
    if sources_file or not inboxes:
        sources += load_sources(sources_file or settings.sources_file, settings.project_dir)
    return sources + inbox_sources(inboxes)


def write_all_reports(settings: Settings, warehouse: Warehouse) -> list[Path]:
    """CSV reports, charts and the pages: what the entente_reports DAG writes."""
    return stages.report(settings, warehouse, made_by=MADE_BY)


def extract_all(settings: Settings, warehouse: Warehouse, progress: Progress) -> list[str]:
    """Extract every staged batch: in this process, or on a pool of ENTENTE_NLP_PROCESSES."""
    batches = warehouse.staging.pending_batches()
    task = progress.add_task("extracting (spaCy) batches", total=len(batches))
    if settings.nlp_processes <= 1 or not batches:
        for batch_id in batches:
            stages.extract(settings, warehouse, batch_id)
            progress.advance(task)
        return batches
    from entente.extract.pool import extract_batches   # spaCy: only when there is work

    extract_batches(settings, warehouse.staging, batches, settings.nlp_processes,
                    lambda batch_id: progress.advance(task))
    return batches


def summary_lines(ingested: stages.IngestResult, warehouse: Warehouse,
                  reports_dir: Path) -> list[str]:
    """The run summary: what this run read, then what the warehouse holds."""
    this_run = [("new articles", ingested.new_articles),
                ("already known", ingested.duplicates),
                ("not English (stored, not extracted)", ingested.non_english),
                ("near-duplicates linked", ingested.near_duplicates),
                ("unchanged feeds and pages (HTTP 304)", ingested.not_modified),
                ("quarantined inputs", ingested.quarantined),
                ("sources failed (warnings above)", len(ingested.failures))]
    lines = ["this run"] + [f"{'  ' + label:<{LABEL_WIDTH}}{value:>10}"
                            for label, value in this_run]
    lines += ["in the warehouse"] + ["  " + line for line in figure_lines(figures(warehouse))]
    return lines + [f"warehouse: {warehouse.location}",
                    f"report: {reports_dir / 'index.html'}"]
