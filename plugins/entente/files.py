"""Write files so that readers see the old version or the new one, never half of one.

Everything Entente writes for another process to read (staged Parquet, extractions, the HTTP
cache, reports, charts, the report page) is written under a temporary name beside its target
and renamed into place. A failed write (disk full, an exception, Ctrl-C) removes its temporary
file; one left by a killed process is named `.<target>.<random>.partial` so a sweep can find it.
"""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PARTIAL_SUFFIX = ".partial"


def partial_path(target: Path, suffix: str = "") -> Path:
    """A temporary name beside `target` (`suffix` keeps an extension a writer needs)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}{PARTIAL_SUFFIX}{suffix}")


def remove(path: Path) -> None:
    """Remove a file or a folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target` in one rename.

    The path may become a file or a folder. Renaming a folder over a non-empty folder fails
    (OSError ENOTEMPTY): callers that replace folders handle that themselves.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target, suffix)
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        remove(partial)
        raise


def write_text(target: Path, text: str) -> Path:
    with atomic_path(target) as partial:
        partial.write_text(text, encoding="utf-8")
    return target


def write_frame(target: Path, frame) -> Path:
    """A pandas DataFrame as Parquet."""
    with atomic_path(target) as partial:
        frame.to_parquet(partial, index=False)
    return target
