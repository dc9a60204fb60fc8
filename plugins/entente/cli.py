"""The `entente` command: run the pipeline, annotate JSONL, write reports, show status."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Entente: news → a queryable history of international cooperation.")
err = Console(stderr=True)


@app.command()
def run(
    sources: Optional[Path] = typer.Option(None, help="Sources file (default data/sources.yml)."),
    inbox: Optional[list[Path]] = typer.Option(None, help="Read only these folders (repeatable)."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (created if absent)."),
    reports: Optional[Path] = typer.Option(None, help="Reports folder (default reports/)."),
    window_start: Optional[str] = typer.Option(
        None, help="Backfill: also re-process the stored articles published on or after "
                   "this date (YYYY-MM-DD)."),
    window_end: Optional[str] = typer.Option(
        None, help="Backfill: ... and on or before this date (YYYY-MM-DD)."),
) -> None:
    """One full pass: fetch → extract → load → validate → publish → reports."""
    from entente import config
    from entente.airflow_support import WindowError, resolve_window
    from entente.runner import run_pipeline
    from entente.sources.registry import SourcesError
    from entente.warehouse.publish import WarehouseBusy, WarehouseWriteError

    try:
        window = resolve_window({"window_start": window_start, "window_end": window_end})
    except WindowError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)

    _configure_logging()
    # Every stage (and GX Data Docs) reads these, so the options apply to all of them.
    if warehouse:
        os.environ["ENTENTE_WAREHOUSE"] = str(warehouse.resolve())
    if reports:
        os.environ["ENTENTE_REPORTS"] = str(reports.resolve())
    try:
        outcome = run_pipeline(sources_file=sources, inboxes=inbox or [],
                               warehouse=warehouse or config.warehouse_path(),
                               reports_dir=reports or config.reports_dir(), console=err,
                               window=window)
    except SourcesError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    except (WarehouseBusy, WarehouseWriteError) as exc:
        err.print(f"[red]error:[/red] {exc}")   # nothing was published; staged work is kept
        raise typer.Exit(3)
    raise typer.Exit(0 if outcome.published else 1)


@app.command()
def annotate(
    model: Optional[str] = typer.Option(None, help="spaCy model (default ENTENTE_SPACY_MODEL)."),
    scheme: Optional[str] = typer.Option(
        None, help="PLOVER category names: gsr (DEMAND, DISAPPROVE, FIGHT) or plover2021 "
                   "(REQUEST, ACCUSE, ASSAULT); default ENTENTE_EVENT_SCHEME, else gsr."),
) -> None:
    """Read JSONL requests on stdin; write one JSONL response per request to stdout."""
    from entente import config
    from entente.annotate import annotate_stream
    from entente.nlp.pipeline import build_nlp

    _configure_logging(logging.WARNING)
    try:
        scheme = scheme or config.event_scheme()
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    if scheme not in config.EVENT_SCHEMES:
        err.print(f"[red]error:[/red] --scheme must be one of {', '.join(config.EVENT_SCHEMES)}, not {scheme!r}")
        raise typer.Exit(2)
    annotate_stream(sys.stdin, sys.stdout, build_nlp(model, event_scheme=scheme))


@app.command()
def report(
    views: Optional[list[str]] = typer.Argument(None, help="Views to export (default: all)."),
    out: Optional[Path] = typer.Option(None, help="Output folder (default reports/)."),
    format: str = typer.Option("csv", help="csv or parquet."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file."),
) -> None:
    """Export cooperation views as CSV (spreadsheet-safe) or Parquet."""
    from entente import config
    from entente.reports import ReportError, write_reports

    path = _existing_warehouse(warehouse)
    from entente.reports import REPORT_VIEWS
    from entente.runner import progress_bar

    views = list(views or REPORT_VIEWS)
    written = []
    try:
        with progress_bar(err) as progress:
            task = progress.add_task(f"exporting {format}", total=len(views))
            for view in views:
                written += write_reports(path, out or config.reports_dir(), [view], format)
                progress.advance(task)
    except ReportError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    for target in written:
        typer.echo(str(target))


@app.command()
def charts(
    country: Optional[str] = typer.Option(
        None, help="Country (ISO alpha-3) for the partners chart (default: the most active)."),
    out: Optional[Path] = typer.Option(None, help="Output folder (default reports/)."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file."),
) -> None:
    """Draw the PNG charts and rewrite the report page (index.html)."""
    from entente import config
    from entente.charts import draw_charts
    from entente.report_site import write_index

    path = _existing_warehouse(warehouse)
    out_dir = out or config.reports_dir()
    for target in draw_charts(path, out_dir, country) + [write_index(path, out_dir)]:
        typer.echo(str(target))


@app.command()
def status(warehouse: Optional[Path] = typer.Option(None, help="Warehouse file.")) -> None:
    """Freshness, counts and the last quality run (with failed expectations and rows)."""
    import json

    from entente import staging
    from entente.summary import (describe_age, freshness, last_quality_run, quality_failures,
                                 warehouse_counts)

    path = _existing_warehouse(warehouse)
    fresh = freshness(path)
    typer.echo(f"warehouse: {path}")
    published = (f"{fresh.last_publish:%Y-%m-%d %H:%M:%S} UTC ({describe_age(fresh.age())})"
                 if fresh.last_publish else "never")
    typer.echo(f"{'last publish':>20}: {published}")
    if fresh.last_attempt and not fresh.last_attempt_published:
        typer.echo(f"{'last attempt':>20}: BLOCKED by validation at "
                   f"{fresh.last_attempt:%Y-%m-%d %H:%M:%S} UTC (nothing published)")
    typer.echo(f"{'staged, unpublished':>20}: {len(staging.pending_batches(path))} batches")
    for name, count in warehouse_counts(path).items():
        typer.echo(f"{name:>20}: {count}")
    for suite, success, evaluated, failed, checked_at in last_quality_run(path):
        typer.echo(f"quality {suite:>18}: {'ok' if success else 'FAILED'} "
                   f"({evaluated} expectations, {failed} failed) at {checked_at:%Y-%m-%d %H:%M}")
    for failure in quality_failures(path):
        typer.echo(f"  {failure['severity']:>8} {failure['suite']}: {failure['expectation']} "
                   f"failed on {failure.get('unexpected_count', '?')} rows")
        for row in failure.get("sample_rows", [])[:3]:
            typer.echo(f"           e.g. {json.dumps(row, default=str)[:300]}")


def _existing_warehouse(warehouse: Optional[Path]) -> Path:
    """The warehouse to read, or a clear exit when there is none yet."""
    from entente import config

    path = warehouse or config.warehouse_path()
    if not path.exists():
        err.print(f"[red]error:[/red] {path}: no warehouse yet; run `entente run` first")
        raise typer.Exit(2)
    return path


def _configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("great_expectations", "trafilatura", "htmldate", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def main() -> None:
    app()
