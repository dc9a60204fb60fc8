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
) -> None:
    """One full pass: fetch → extract → load → validate → publish → reports."""
    from entente import config
    from entente.runner import run_pipeline
    from entente.sources.registry import SourcesError

    _configure_logging()
    # Every stage (and GX Data Docs) reads these, so the options apply to all of them.
    if warehouse:
        os.environ["ENTENTE_WAREHOUSE"] = str(warehouse.resolve())
    if reports:
        os.environ["ENTENTE_REPORTS"] = str(reports.resolve())
    try:
        outcome = run_pipeline(sources_file=sources, inboxes=inbox or [],
                               warehouse=warehouse or config.warehouse_path(),
                               reports_dir=reports or config.reports_dir(), console=err)
    except SourcesError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    raise typer.Exit(0 if outcome.published else 1)


@app.command()
def annotate(
    model: Optional[str] = typer.Option(None, help="spaCy model (default ENTENTE_SPACY_MODEL)."),
) -> None:
    """Read JSONL requests on stdin; write one JSONL response per request to stdout."""
    from entente.annotate import annotate_stream
    from entente.nlp.pipeline import build_nlp

    _configure_logging(logging.WARNING)
    annotate_stream(sys.stdin, sys.stdout, build_nlp(model))


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

    path = warehouse or config.warehouse_path()
    if not path.exists():
        err.print(f"[red]error:[/red] {path}: no warehouse yet; run `entente run` first")
        raise typer.Exit(2)
    try:
        written = write_reports(path, out or config.reports_dir(), views, format)
    except ReportError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    for target in written:
        typer.echo(str(target))


@app.command()
def status(warehouse: Optional[Path] = typer.Option(None, help="Warehouse file.")) -> None:
    """Counts in the published warehouse and its last quality run."""
    from entente import config
    from entente.summary import last_quality_run, warehouse_counts

    path = warehouse or config.warehouse_path()
    if not path.exists():
        err.print(f"[red]error:[/red] {path}: no warehouse yet; run `entente run` first")
        raise typer.Exit(2)
    for name, count in warehouse_counts(path).items():
        typer.echo(f"{name:>20}: {count}")
    for suite, success, evaluated, failed, checked_at in last_quality_run(path):
        typer.echo(f"quality {suite:>18}: {'ok' if success else 'FAILED'} "
                   f"({evaluated} expectations, {failed} failed) at {checked_at:%Y-%m-%d %H:%M}")


def _configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("great_expectations", "trafilatura", "htmldate", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def main() -> None:
    app()
