#!/usr/bin/env python3
"""Pick the gold articles at random and write one skeleton line per sentence, for annotation.

    .venv/bin/python scripts/gold_sample.py --list               the selection, with counts
    .venv/bin/python scripts/gold_sample.py --skeleton dev OUT   dev sentences, `events` empty

The procedure (data/gold/README.md states it for readers):
1. Candidates: every Wikinews 2019-20 row and every BBC politics file whose text is at most
   MAX_CHARS long (long interviews would dominate a sample of sentences) and that uses at least
   MIN_POLITICAL words of POLITICAL_WORDS (international or political affairs).
2. Each source's candidates, in corpus order, are shuffled with random.Random(SEED).
3. Dev takes Wikinews articles in shuffled order until it holds DEV_SENTENCES["wikinews"]
   sentences, and BBC articles until DEV_SENTENCES["bbc"]; held-out then takes the next articles
   of each list the same way (TEST_SENTENCES). No article is in both.
4. Every sentence of a chosen article (split_sentences) is annotated, events or none.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_corpus import article_text, corpus_docs, published_date, sentence_sha1  # noqa: E402

SEED = 20260512
MAX_CHARS = 5000
MIN_POLITICAL = 5
DEV_SENTENCES = {"wikinews": 185, "bbc": 125}
TEST_SENTENCES = {"wikinews": 75, "bbc": 50}
POLITICAL_WORDS = re.compile(
    r"\b(government|minister|ministry|president|parliament|congress|senate|senator|legislat\w+"
    r"|lawmakers?|police|military|army|troops|soldiers|court|election|protest\w*|sanctions?"
    r"|treaty|agreement|talks|diplomat\w*|embassy|ambassador|summit|war|rebels?|United Nations"
    r"|UN|EU|European Union|NATO|party|Labour|Tory|Tories|Conservatives?)\b")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt jr sr no mt ft rev hon inc co corp "
    "ltd vs etc jan feb mar apr aug sept sep oct nov dec cmdr adm maj pres supt insp".split())
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)[.!?]$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a text: never across a line break, whitespace trimmed.

    Inside a line, a sentence ends at . ! ? (and closing quotes or brackets) when the next word
    starts with a capital, a digit or an opening quote, unless the full stop closes an
    abbreviation (`Mr.`), an initial (`J.`) or a dotted acronym (`U.S.`).
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in _END.finditer(line.group()):
            cut = line.start() + end_mark.end()
            if _is_abbreviation(text[start:line.start() + end_mark.start() + 1]):
                continue
            spans.append(_trimmed(text, start, cut))
            start = cut
        spans.append(_trimmed(text, start, line.end()))
    return [s for s in spans if s[1] > s[0]]


def _is_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    match = _WORD_BEFORE.search(piece)
    if not match:
        return False
    word = match.group(1)
    return (word.lower() in _ABBREVIATIONS or len(word) == 1
            or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_candidate(text: str) -> bool:
    """Short enough, and about international or political affairs (POLITICAL_WORDS)."""
    return len(text) <= MAX_CHARS and len(POLITICAL_WORDS.findall(text)) >= MIN_POLITICAL


def select(eval_dir: Path) -> dict[str, list[str]]:
    """The dev and held-out document ids, by the procedure in the module docstring."""
    return draw_splits(eval_dir, SEED, lambda source: [
        d for d in corpus_docs(eval_dir)
        if d.startswith(source) and is_candidate(article_text(d, eval_dir))],
        {"dev": DEV_SENTENCES, "test": TEST_SENTENCES})


def draw_splits(eval_dir: Path, seed: int, candidates, targets: dict[str, dict[str, int]]
                ) -> dict[str, list[str]]:
    """Per source (Wikinews, then BBC), `candidates(source)` shuffled with random.Random(seed);
    each split in turn takes whole articles until it holds `targets[split][source]` sentences."""
    rng = random.Random(seed)
    chosen: dict[str, list[str]] = {split: [] for split in targets}
    for source in ("wikinews", "bbc"):
        pool = candidates(source)
        rng.shuffle(pool)
        for split, wanted in targets.items():
            count = 0
            while count < wanted[source]:
                doc = pool.pop(0)
                chosen[split].append(doc)
                count += len(split_sentences(article_text(doc, eval_dir)))
    return chosen


def skeleton(doc: str, eval_dir: Path) -> list[dict]:
    """One gold line per sentence of a document, with no events or places yet."""
    text = article_text(doc, eval_dir)
    return [{"doc": doc, "start": s, "end": e, "sha1": sentence_sha1(text[s:e]),
             "published": published_date(doc, eval_dir), "events": [], "places": []}
            for s, e in split_sentences(text)]


def main() -> None:
    sample_cli(__doc__, select)


def sample_cli(description: str, select_docs) -> None:
    """The command line of the samplers: --list prints the selection `select_docs(eval_dir)`
    makes ({split: [doc, ...]}), --skeleton writes one split's gold lines to fill in."""
    ap = argparse.ArgumentParser(description=description,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    ap.add_argument("--list", action="store_true", help="print the selection")
    ap.add_argument("--skeleton", nargs=2, metavar=("SPLIT", "OUT"), help="dev|test, output file")
    args = ap.parse_args()
    chosen = select_docs(args.eval_dir)
    if args.list:
        for split, docs in chosen.items():
            for doc in docs:
                n = len(split_sentences(article_text(doc, args.eval_dir)))
                print(f"{split}\t{doc}\t{n}")
    if args.skeleton:
        split, out = args.skeleton
        with open(out, "w", encoding="utf-8") as fh:
            for doc in chosen[split]:
                for line in skeleton(doc, args.eval_dir):
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
