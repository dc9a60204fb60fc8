"""Strip web boilerplate from plain-text pages (copied or scraped without their HTML).

Pages like the seed article end with navigation and comment prompts:
"Previous Article" / <a title> / "Next Article" / <a title> / "Write a Comment".
Those lines, and the teaser title under a previous/next marker, are not the article.
"""
from __future__ import annotations

import re

# A marker whose next non-empty line is the title of another article.
_TEASER_MARKERS = re.compile(
    r"^(previous|next|prev|older|newer)\s+(article|post|story)\s*:?\s*$", re.I)
# Lines that are page furniture on their own.
_FURNITURE = re.compile(
    r"^(write|leave|post|add)\s+a\s+(comment|reply)\s*$"
    r"|^(\d+\s+)?comments?\s*$"
    r"|^share\s+(this|on)\b.{0,30}$"
    r"|^(related|recommended|popular|more)\s+(articles|posts|stories|news)\s*:?\s*$"
    r"|^(tags|filed under|categories)\s*:.{0,120}$"
    r"|^(subscribe|sign up)\b.{0,60}$"
    r"|^(advertisement|sponsored( content)?)\s*$"
    r"|^(you may also like|read more|click here)\b.{0,40}$",
    re.I,
)


def strip_boilerplate(text: str) -> str:
    """Return the text without navigation/comment lines; paragraphs keep their breaks."""
    lines = text.splitlines()
    kept: list[str] = []
    skip_teaser = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if skip_teaser and _looks_like_title(stripped):
            skip_teaser = False
            continue
        skip_teaser = False
        if _TEASER_MARKERS.match(stripped):
            skip_teaser = True
            continue
        if _FURNITURE.match(stripped):
            continue
        kept.append(line.rstrip())
    return _squeeze_blank_lines("\n".join(kept)).strip()


def _looks_like_title(line: str) -> bool:
    # Teaser titles are short and do not end like a sentence of body text.
    return len(line.split()) <= 20 and not line.endswith((".", "!", "?\u201d", ".\u201d"))


def _squeeze_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)
