"""Quarantine: input that could not be used as it came, with the reason, so nothing is lost silently.

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
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

QUARANTINE_COLUMNS = ("quarantine_id", "ingest_id", "stage", "source", "location", "reason_code",
                      "reason", "action", "article_id", "content_hash", "size_bytes", "sample",
                      "detected_at")
ACTIONS = ("rejected", "repaired", "not_extracted", "row_dropped")
SAMPLE_CHARS = 200

# A news article is at most a few tens of thousands of characters; the pipeline reads ~30k
# characters a second, so a 5 MB "article" (a dump, a concatenation, a runaway line) would hold
# a worker for minutes. Longer texts are quarantined, never cut silently.
DEFAULT_MAX_ARTICLE_CHARS = 200_000
BINARY_CONTROL_SHARE = 0.10     # this share of C0 control bytes in the head: not a text file
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x1f\x8b", b"PK\x03\x04",
                 b"\x00\x00\x01\x00", b"RIFF", b"\x7fELF", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def max_article_chars() -> int:
    return int(os.environ.get("ENTENTE_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS))


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


# ------------------------------------------------------------------ bytes → text

def decode_file(raw: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Text of a file's bytes and the repairs made ([(reason_code, reason)]); raises Rejected
    for empty and binary content."""
    if not raw.strip():
        raise Rejected("empty", "empty file (no bytes, or only whitespace)")
    head = raw[:8192]
    if head.startswith(_BINARY_MAGIC):
        raise Rejected("binary", "binary file (its first bytes are an image/archive/executable "
                                 "signature), not a text document")
    repairs: list[tuple[str, str]] = []
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):   # UTF-16 with a BOM has NULs: fine
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) + head.count(127)
        if controls / len(head) > BINARY_CONTROL_SHARE:
            raise Rejected("binary", f"binary content: {controls} control bytes in the first "
                                     f"{len(head)}, not a text document")
    text = _decode_text(raw, repairs)
    return clean_text(text, repairs), repairs


def _decode_text(raw: bytes, repairs: list[tuple[str, str]]) -> str:
    from entente.sources.fetch import decode_body

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc.start
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode_body(raw)
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and bad <= max(2, multibyte // 20):
        repairs.append(("invalid_utf8", f"{bad} invalid UTF-8 byte sequence(s) (first at byte "
                                        f"{first_error}) replaced by U+FFFD"))
        return lenient
    text = decode_body(raw)
    repairs.append(("legacy_encoding", "not UTF-8: decoded as a legacy 8-bit encoding "
                                       "(Latin-1/Windows-1252 or detected)"))
    return text


def clean_text(text: str, repairs: list[tuple[str, str]] | None = None) -> str:
    """Remove NUL and other control characters (tabs and line breaks kept) and lone surrogates."""
    found = _CONTROL.findall(text)
    if found:
        text = _CONTROL.sub("", text)
        if repairs is not None:
            nuls = found.count("\x00")
            repairs.append(("control_characters", f"{len(found)} control character(s) removed "
                                                  f"({nuls} NUL)"))
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-8", "replace").decode("utf-8")
        if repairs is not None:
            repairs.append(("surrogates", "lone surrogate code points replaced"))
    return text


# ------------------------------------------------------------------ an article's text

def screen_text(text: str) -> None:
    """Raise Rejected when an article's text cannot go through the pipeline."""
    stripped = text.strip()
    if not stripped:
        raise Rejected("no_text", "no article text (empty after extraction)")
    limit = max_article_chars()
    if len(text) > limit:
        raise Rejected("too_long", f"{len(text):,} characters is over the {limit:,}-character "
                                   "limit for one article (ENTENTE_MAX_ARTICLE_CHARS); "
                                   "not processed")
