"""Read a folder of articles: .txt (title on line 1), .md (YAML front matter), .html, .json/.jsonl."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import frontmatter
import yaml

from entente.sources.article import Article
from entente.sources.boilerplate import strip_boilerplate
from entente.sources.decoding import decode_file
from entente.sources.pages import extract_page, parse_datetime
from entente.sources.rejects import QuarantineRecord, sample_of, sha256

_FRONT_MATTER = frontmatter.YAMLHandler()

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


class InboxFileError(ValueError):
    """One file could not be read as an article; the message names the file (and line)."""


def inbox_files(folder: Path) -> list[Path]:
    """Article files under `folder`, sorted; symlinks leading outside it are ignored."""
    root = folder.resolve()
    files = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in SUFFIXES and path.is_file():
            if root in path.resolve().parents:
                files.append(path)
    return files


def read_inbox_file(path: Path, source: str,
                    quarantine: list | None = None) -> Iterator[Article]:
    """Articles in one file (a .jsonl file may hold many).

    Empty and binary files raise `Rejected`; text that is not valid UTF-8 is decoded and the
    repair noted on the article. With a `quarantine` list, a bad JSONL line is recorded there
    and the file's other lines are still read; without one, the first bad line raises.
    """
    fetched_at = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    content, repairs = decode_file(path.read_bytes())
    suffix = path.suffix.lower()
    if suffix == ".txt":
        articles = [_from_txt(content, path, source, fetched_at)]
    elif suffix == ".md":
        articles = [_from_markdown(content, path, source, fetched_at)]
    elif suffix in (".html", ".htm"):
        articles = [_from_html(content, path, source, fetched_at)]
    elif suffix == ".json":
        articles = [_from_record(_load_json(content, path), path, source, fetched_at)]
    else:
        articles = _from_jsonl(content, path, source, fetched_at, quarantine)
    for article in articles:
        article.notes.extend(repairs)
        yield article


def _from_jsonl(content: str, path: Path, source: str, fetched_at: datetime,
                quarantine: list | None) -> Iterator[Article]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            article = _from_record(_load_json(line, path, number), path, source, fetched_at)
        except InboxFileError as exc:
            if quarantine is None:
                raise
            quarantine.append(QuarantineRecord(
                source=source, location=f"{path}:{number}", reason_code="invalid_record",
                reason=str(exc), content_hash=sha256(line), size_bytes=len(line.encode()),
                sample=sample_of(line)))
            continue
        article.origin = f"{path}:{number}"
        yield article


def quarantine_record(path: Path, source: str, exc: Exception):
    """The quarantine row for a whole inbox file that could not be read."""
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    return QuarantineRecord(source=source, location=str(path),
                            reason_code=getattr(exc, "code", "unreadable"), reason=str(exc),
                            content_hash=sha256(raw), size_bytes=len(raw), sample=sample_of(raw))


def _from_txt(content: str, path: Path, source: str, fetched_at: datetime) -> Article:
    title, _, body = content.strip().partition("\n")
    return _article(source, title.strip(), body, path, fetched_at)


def _from_markdown(content: str, path: Path, source: str, fetched_at: datetime) -> Article:
    meta, body = _split_front_matter(content, path)
    title = meta.get("title")
    if not title:
        title, _, body = body.strip().partition("\n")
        title = title.lstrip("# ").strip()
    return _article(source, str(title), body, path, fetched_at, url=_as_text(meta.get("url")),
                    published_at=parse_datetime(_as_text(meta.get("published") or meta.get("date"))))


def _from_html(content: str, path: Path, source: str, fetched_at: datetime) -> Article:
    page = extract_page(content, url=None)
    return Article(source=source, title=page.title, text=page.text, url=page.url,
                   published_at=page.published_at, fetched_at=fetched_at, origin=str(path),
                   date_source=page.date_source)


def _from_record(record: dict, path: Path, source: str, fetched_at: datetime) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InboxFileError(f"{path}: each JSON record needs a 'text' string")
    title, url = record.get("title"), record.get("url")
    return _article(source, title if isinstance(title, str) else _as_text(title),
                    record["text"], path, fetched_at, url=url if isinstance(url, str) else None,
                    published_at=parse_datetime(_as_text(record.get("published_at"))))


def _article(source, title, body, path, fetched_at, url=None, published_at=None) -> Article:
    return Article(source=source, title=title or None, text=strip_boilerplate(body), url=url,
                   published_at=published_at, fetched_at=fetched_at, origin=str(path),
                   date_source="file" if published_at else None)


def _split_front_matter(content: str, path: Path) -> tuple[dict, str]:
    """YAML front matter (python-frontmatter's handler) and the body after it."""
    if not _FRONT_MATTER.detect(content):
        return {}, content
    block, body = _FRONT_MATTER.split(content)
    try:
        meta = _FRONT_MATTER.load(block) or {}
    except yaml.YAMLError as exc:
        raise InboxFileError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise InboxFileError(f"{path}: front matter must be a mapping")
    return meta, body


def _load_json(text: str, path: Path, line: int | None = None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{path}:{line}" if line else str(path)
        raise InboxFileError(f"{where}: invalid JSON: {exc.msg}") from None


def _as_text(value) -> str | None:
    return None if value is None else str(value)
