"""The articles our event gold data is annotated on, read from ../shared/eval/articles.

A gold document id names one article: `wikinews:<year>:<row index>` (0-based data row of
wikinews_<year>.csv) or `bbc:<category>/NNN.txt` (a file of a BBC category folder: politics,
business, tech). `article_text` is the one definition of the text that gold offsets index; the
scorer sends exactly that text to `entente annotate`.
"""
from __future__ import annotations

import csv
import hashlib
import re
from functools import lru_cache
from pathlib import Path

csv.field_size_limit(1 << 30)

_BLANK_RUNS = re.compile(r"\n{3,}")


def article_text(doc: str, eval_dir: Path) -> str:
    """The text gold offsets index, for one document id.

    Wikinews: the CSV `text` field as it is. BBC: what Entente's .txt inbox reader keeps
    (`sources.inbox._from_txt`): the file stripped, its first line (the headline) dropped, then
    `strip_boilerplate` — lines right-stripped, runs of blank lines squeezed to one, the whole
    stripped. BBC files hold no web furniture, so this is the body exactly as the reader gives it
    (tests/gold checks that the two agree on every gold document).
    """
    kind, _, rest = doc.partition(":")
    if kind == "wikinews":
        year, _, row = rest.partition(":")
        return wikinews_rows(eval_dir, int(year))[int(row)]["text"]
    if kind == "bbc":
        raw = (eval_dir / "articles" / "bbc" / rest).read_text(encoding="utf-8")
        body = raw.strip().partition("\n")[2]
        body = "\n".join(line.rstrip() for line in body.splitlines())
        return _BLANK_RUNS.sub("\n\n", body).strip()
    raise ValueError(f"unknown gold document id {doc!r}")


def sentence_sha1(sentence: str) -> str:
    """The hex SHA-1 of a sentence's UTF-8 text: gold lines carry it to detect drifted texts."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


def published_date(doc: str, eval_dir: Path) -> str | None:
    """The article's publication date (YYYY-MM-DD): Wikinews' `date` column; BBC has none."""
    kind, _, rest = doc.partition(":")
    if kind == "wikinews":
        year, _, row = rest.partition(":")
        return wikinews_rows(eval_dir, int(year))[int(row)]["date"]
    return None


def article_title(doc: str, eval_dir: Path) -> str:
    """The headline: Wikinews' `title` column, a BBC file's first line."""
    kind, _, rest = doc.partition(":")
    if kind == "wikinews":
        year, _, row = rest.partition(":")
        return wikinews_rows(eval_dir, int(year))[int(row)]["title"]
    raw = (eval_dir / "articles" / "bbc" / rest).read_text(encoding="utf-8")
    return raw.strip().partition("\n")[0].strip()


@lru_cache(maxsize=None)
def wikinews_rows(eval_dir: Path, year: int) -> list[dict]:
    """The rows of wikinews_<year>.csv (url, date, title, text), in file order."""
    path = eval_dir / "articles" / "wikinews" / f"wikinews_{year}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def corpus_docs(eval_dir: Path, bbc_categories: tuple[str, ...] = ("politics",)) -> list[str]:
    """Every Wikinews row and every BBC file of the given categories (folders), as gold
    document ids, in a stable order: Wikinews 2019 then 2020 by row, then BBC by category as
    given and file name."""
    docs = []
    for year in (2019, 2020):
        docs += [f"wikinews:{year}:{i}" for i in range(len(wikinews_rows(eval_dir, year)))]
    for category in bbc_categories:
        files = sorted((eval_dir / "articles" / "bbc" / category).glob("*.txt"))
        docs += [f"bbc:{category}/{p.name}" for p in files]
    return docs
