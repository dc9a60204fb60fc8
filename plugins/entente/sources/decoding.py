"""Bytes → text, for every way an article arrives (HTTP bodies, feed documents, inbox files).

- `decode_body`: valid UTF-8 wins (a wrong declared charset must not turn it into mojibake),
  then the declared charset (header, <meta> or XML declaration) if it decodes cleanly, then
  detection (charset-normalizer);
- `decode_file`: an inbox file's bytes, refusing empty and binary content and noting repairs;
- `clean_text`: control characters and lone surrogates removed.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from entente.sources.rejects import Rejected

# Magic numbers of formats that are never an article or a feed, whatever the server says.
BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x1f\x8b", b"PK\x03\x04",
                b"\x00\x00\x01\x00", b"RIFF", b"\x7fELF", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0")
BINARY_CONTROL_SHARE = 0.10     # this share of C0 control bytes in the head: not a text file
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# WHATWG: labels that browsers decode as windows-1252.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares ("text/html; charset=ISO-8859-1")."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def looks_binary(content: bytes) -> bool:
    """An HTTP body that is no text document: a known binary signature or a NUL early on."""
    head = content[:1024]
    if head.startswith(UTF16_BOMS):
        return False
    return head.startswith(BINARY_MAGIC) or b"\x00" in head


def decode_body(content: bytes, declared: str | None = None) -> str:
    """Bytes → text: UTF-8 first, then the declared charset, then detection."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", errors="replace")
    if content.startswith(UTF16_BOMS):
        return content.decode("utf-16", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = content[:4096]
    candidates = [declared] + [m.group(1).decode("ascii", "ignore")
                               for m in (_META_CHARSET.search(head), _XML_ENCODING.search(head))
                               if m]
    for label in candidates:
        if not label:
            continue
        label = "cp1252" if label.lower() in _AS_CP1252 else label
        try:
            if codecs.lookup(label).name not in ("utf-8",):
                return content.decode(label)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, errors="replace")
    return content.decode("cp1252", errors="replace")


def decode_file(raw: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Text of a file's bytes and the repairs made ([(reason_code, reason)]); raises Rejected
    for empty and binary content."""
    if not raw.strip():
        raise Rejected("empty", "empty file (no bytes, or only whitespace)")
    head = raw[:8192]
    if head.startswith(BINARY_MAGIC):
        raise Rejected("binary", "binary file (its first bytes are an image/archive/executable "
                                 "signature), not a text document")
    repairs: list[tuple[str, str]] = []
    if not head.startswith(UTF16_BOMS):   # UTF-16 with a BOM has NULs: fine
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) + head.count(127)
        if controls / len(head) > BINARY_CONTROL_SHARE:
            raise Rejected("binary", f"binary content: {controls} control bytes in the first "
                                     f"{len(head)}, not a text document")
    text = _decode_file_text(raw, repairs)
    return clean_text(text, repairs), repairs


def _decode_file_text(raw: bytes, repairs: list[tuple[str, str]]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc.start
    if raw.startswith(UTF16_BOMS):
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
