"""Conditional GET: ETag / Last-Modified per URL, in a small JSON file kept between runs."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from entente import files

log = logging.getLogger(__name__)


class HttpCache:
    """The validators of the last 200 per URL; `save()` writes them atomically."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, dict] = {}
        if path and path.exists():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.warning("HTTP cache %s unreadable; starting empty", path)

    def validators(self, url: str) -> dict[str, str]:
        entry = self.entries.get(url, {})
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def remember(self, response) -> None:
        """Keep a 200's validators, under the URL asked for and the one answered."""
        if response.status != 200 or not (response.etag or response.last_modified):
            return
        entry = {"etag": response.etag, "last_modified": response.last_modified}
        for url in {response.url, response.requested_url or response.url}:
            self.entries[url] = entry

    def forget_all(self) -> None:
        self.entries = {}

    def save(self) -> None:
        if self.path:
            files.write_text(self.path, json.dumps(self.entries, indent=0, sort_keys=True))
