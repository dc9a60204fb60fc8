"""Quarantine records: input that could not be used as it came, with the reason, so nothing is
lost silently.

Every odd input either goes through (possibly repaired) or is set aside, and both leave a row in
the `quarantine` table, loaded through the same audited publish as the articles:

    action        meaning
    rejected      not stored as an article (empty, binary, unreadable, too long, no text, ...)
    repaired      stored after a fix (NUL bytes removed, legacy encoding decoded, date dropped)
    not_extracted stored, but the NLP pipeline failed on it: no entities/timexes/events
    row_dropped   one extracted row failed a sanity rule (offsets outside the text, ...)

A row's `quarantine_id` is a hash of where the input came from, what it was and why, so seeing
the same bad file on every run records it once (loads replace rows by id).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

QUARANTINE_COLUMNS = ("quarantine_id", "ingest_id", "stage", "source", "location", "reason_code",
                      "reason", "action", "article_id", "content_hash", "size_bytes", "sample",
                      "detected_at")
ACTIONS = ("rejected", "repaired", "not_extracted", "row_dropped")
SAMPLE_CHARS = 200


class Rejected(ValueError):
    """An input that cannot become an article; `code` is the reason_code recorded."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class QuarantineRecord:
    source: str
    location: str                   # file path (":line" for JSONL), feed or page URL
    reason_code: str                # empty, binary, too_long, no_text, invalid_utf8, ...
    reason: str                     # a sentence a person can act on
    action: str = "rejected"
    stage: str = "ingest"           # ingest or extract
    article_id: str | None = None   # when the article was stored (repaired, not_extracted)
    content_hash: str | None = None  # sha256 of the raw bytes or of the text
    size_bytes: int | None = None
    sample: str | None = None       # the opening, control characters shown as \\xNN
    detected_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    ingest_id: str | None = None

    @property
    def quarantine_id(self) -> str:
        key = "|".join([self.stage, self.source, self.location, self.reason_code, self.action,
                        self.content_hash or "", self.article_id or ""])
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def as_row(self, ingest_id: str | None = None) -> dict:
        row = asdict(self)
        row.update(quarantine_id=self.quarantine_id, ingest_id=ingest_id or self.ingest_id)
        return {name: row[name] for name in QUARANTINE_COLUMNS}


def sample_of(content: bytes | str, limit: int = SAMPLE_CHARS) -> str:
    """A printable opening of the input (bytes read as Latin-1), non-printable characters shown
    as \\xNN / \\uNNNN, safe in any table, terminal or CSV."""
    text = content[:limit].decode("latin-1") if isinstance(content, bytes) else content[:limit]
    return "".join(ch if ch.isprintable() or ch in "\n\t" else
                   (f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
                   for ch in text)


def sha256(content: bytes | str) -> str:
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
