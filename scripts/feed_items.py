"""Items Entente parses from each feed file in a folder (the public sample feeds by default).

    .venv/bin/python scripts/feed_items.py [DIR]

One line per file: items, items with a date, items that carry only a summary (their page is
fetched for the full text during a run), or why the file is not a feed. Parsing is the same
`parse_feed` that `entente run` uses on fetched bodies.
"""
from __future__ import annotations

import sys
from pathlib import Path

from entente.sources.feeds import FeedError, parse_feed

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "feeds" / "feedjira_sample_feeds"


def describe(path: Path) -> tuple[str, list[int]]:
    """The file's line and its counts: [items, dated, summary-only]."""
    problems: list[str] = []
    content_type = "application/feed+json" if path.suffix == ".json" else "application/xml"
    try:
        items = parse_feed(path.read_bytes(), str(path.name), content_type, problems)
    except FeedError as exc:
        return f"refused: {str(exc).split(': ', 1)[-1][:80]}", [0, 0, 0]
    counts = [len(items), sum(1 for item in items if item.published_at),
              sum(1 for item in items if item.summary_only)]
    note = f"  ({problems[0][:80]})" if problems else ""
    return "{:4d} items {:4d} dated {:4d} summary-only".format(*counts) + note, counts


def main(folder: Path) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".json"))
    if not files:
        raise SystemExit(f"no .xml or .json feed files in {folder}")
    totals, feeds = [0, 0, 0], 0
    for path in files:
        line, counts = describe(path)
        totals = [a + b for a, b in zip(totals, counts)]
        feeds += counts[0] > 0
        print(f"{path.name:48s} {line}")
    print(f"{len(files)} files, {feeds} feeds with items, {totals[0]} items "
          f"({totals[1]} dated, {totals[2]} summary-only)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR.resolve())
