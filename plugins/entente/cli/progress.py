"""The progress display for long CLI work: drawn on stderr, only on a terminal, then removed."""
from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn)


def progress_bar(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description:<32}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)


@contextmanager
def step(progress: Progress, description: str):
    """An indeterminate step (one unit of work) on the progress display."""
    task = progress.add_task(description, total=1)
    yield
    progress.update(task, completed=1)
