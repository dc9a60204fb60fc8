"""The `entente` command: run the pipeline, annotate JSONL, write reports, show status.

Each command builds the run's `Settings` once (environment plus its options) and the
`Warehouse` from them, and calls the same stage functions as the DAGs (entente.stages).
Results go to stdout (the run summary, status, the files written, JSONL); progress, warnings
and errors to stderr, so `entente status --json | jq` and `entente run > summary.txt` work.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from entente.cli.annotate import annotate_stream
from entente.cli.progress import progress_bar
from entente.cli.run import run_pipeline, summary_lines
from entente.cli.status import status_json, status_lines
from entente.orchestration.window import WindowError, resolve_window
from entente.reporting.charts import draw_charts
from entente.reporting.exports import REPORT_VIEWS, ReportError, export_views
from entente.reporting.site import write_index
from entente.settings import (EVENT_SCHEMES, LAKE_PREFIX, Settings, SettingsError,
                              load_settings)
from entente.sources.registry import SourcesError
from entente.warehouse import Warehouse, WarehouseBusy, WarehouseWriteError, open_warehouse

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Entente: news → a queryable history of international cooperation.")
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)   # the terminal wraps, not us
    return typer.Exit(code)


def settings_for(**overrides) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        raise fail(str(exc)) from None


@app.command()
def run(
    sources: Optional[Path] = typer.Option(None, help="Sources file (default data/sources.yml)."),
    inbox: Optional[list[Path]] = typer.Option(None, help="Read only these folders (repeatable)."),
    warehouse: Optional[str] = typer.Option(
        None, help="Warehouse file (created if absent), or a DuckLake catalog: "
                   "ducklake:sqlite:PATH, ducklake:postgres:'dbname=... host=...'."),
    reports: Optional[Path] = typer.Option(None, help="Reports folder (default reports/)."),
    window_start: Optional[str] = typer.Option(
        None, help="Backfill: also re-process the stored articles published on or after "
                   "this date (YYYY-MM-DD)."),
    window_end: Optional[str] = typer.Option(
        None, help="Backfill: ... and on or before this date (YYYY-MM-DD)."),
) -> None:
    """One full pass: fetch → extract → load → validate → publish → reports."""
    try:
        window = resolve_window({"window_start": window_start, "window_end": window_end})
    except WindowError as exc:
        raise fail(str(exc)) from None
    settings = settings_for(warehouse=warehouse_option(warehouse),
                            reports=reports.resolve() if reports else None)
    _configure_logging()
    try:
        outcome = run_pipeline(settings, open_warehouse(settings), sources, inbox or [],
                               err, window)
    except SourcesError as exc:
        raise fail(str(exc)) from None
    except (WarehouseBusy, WarehouseWriteError) as exc:
        raise fail(str(exc), 3) from None   # nothing was published; staged work is kept
    if outcome.published:
        _echo_lines(summary_lines(outcome.ingest, open_warehouse(settings),
                                  settings.reports_dir))
    raise typer.Exit(0 if outcome.published else 1)


@app.command()
def annotate(
    model: Optional[str] = typer.Option(None, help="spaCy model (default ENTENTE_SPACY_MODEL)."),
    scheme: Optional[str] = typer.Option(
        None, help="PLOVER category names: gsr (DEMAND, DISAPPROVE, FIGHT) or plover2021 "
                   "(REQUEST, ACCUSE, ASSAULT); default ENTENTE_EVENT_SCHEME, else gsr."),
) -> None:
    """Read JSONL requests on stdin; write one JSONL response per request to stdout."""
    from entente.nlp.pipeline import build_nlp     # spaCy (2 s): only this command needs it

    _configure_logging(logging.WARNING)
    if scheme is not None and scheme.strip().lower() not in EVENT_SCHEMES:
        raise fail(f"--scheme must be one of {', '.join(EVENT_SCHEMES)}, not {scheme!r}")
    settings = settings_for(spacy_model=model, event_scheme=scheme)
    annotate_stream(sys.stdin, sys.stdout, build_nlp(settings))


@app.command()
def report(
    views: Optional[list[str]] = typer.Argument(None, help="Views to export (default: all)."),
    out: Optional[Path] = typer.Option(None, help="Output folder (default reports/)."),
    format: str = typer.Option("csv", help="csv or parquet."),
    warehouse: Optional[str] = typer.Option(None, help="Warehouse file or ducklake:CATALOG."),
) -> None:
    """Export cooperation views as CSV (spreadsheet-safe) or Parquet."""
    settings, store = _existing_warehouse(warehouse)
    views = list(views or REPORT_VIEWS)
    written = []
    try:
        with progress_bar(err) as progress:
            task = progress.add_task(f"exporting {format}", total=len(views))
            for view in views:
                written += export_views(store, out or settings.reports_dir, [view], format)
                progress.advance(task)
    except ReportError as exc:
        raise fail(str(exc)) from None
    for target in written:
        typer.echo(str(target))


@app.command()
def charts(
    country: Optional[str] = typer.Option(
        None, help="Country (ISO alpha-3) for the partners chart (default: the most active)."),
    out: Optional[Path] = typer.Option(None, help="Output folder (default reports/)."),
    warehouse: Optional[str] = typer.Option(None, help="Warehouse file or ducklake:CATALOG."),
) -> None:
    """Draw the PNG charts and rewrite the report page (index.html)."""
    settings, store = _existing_warehouse(warehouse)
    out_dir = out or settings.reports_dir
    drawn = draw_charts(store, out_dir, country or settings.chart_country)
    for target in [chart.path for chart in drawn] + [write_index(store, out_dir)]:
        typer.echo(str(target))


@app.command()
def status(warehouse: Optional[str] = typer.Option(
        None, help="Warehouse file or ducklake:CATALOG."),
           as_json: bool = typer.Option(False, "--json", help="One JSON object, for scripts."),
           ) -> None:
    """Freshness, the headline figures and the last quality run (failed expectations, rows)."""
    _, store = _existing_warehouse(warehouse)
    if as_json:
        typer.echo(json.dumps(status_json(store), indent=1, default=str))
    else:
        _echo_lines(status_lines(store))


def _echo_lines(lines: list[str]) -> None:
    """Result lines on stdout, as they are (no re-wrapping by a console)."""
    typer.echo("\n".join(lines))


def warehouse_option(value: Optional[str]) -> Optional[str]:
    """--warehouse as the settings take it: a file made absolute, a DuckLake catalog as given."""
    if not value:
        return None
    return value if value.startswith(LAKE_PREFIX) else str(Path(value).resolve())


def _existing_warehouse(warehouse: Optional[str]) -> tuple[Settings, Warehouse]:
    """The settings and the warehouse to read, or a clear exit when there is none yet."""
    settings = settings_for(warehouse=warehouse_option(warehouse))
    store = open_warehouse(settings)
    if not store.exists():
        raise fail(f"{store.location}: no warehouse yet; run `entente run` first")
    return settings, store


def _configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("great_expectations", "trafilatura", "htmldate", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def main() -> None:
    app()
