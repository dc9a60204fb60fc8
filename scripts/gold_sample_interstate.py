#!/usr/bin/env python3
"""Pick the interstate gold articles (a stratified sample of international news) and write one
skeleton line per sentence, for annotation.

    .venv/bin/python scripts/gold_sample_interstate.py --list               the selection
    .venv/bin/python scripts/gold_sample_interstate.py --skeleton dev OUT   dev sentences

The first gold sample (gold_sample.py) was random political news and came out mostly domestic;
this one is drawn from the international stratum. The procedure (data/gold/README.md states it
for readers):
1. Candidates: every Wikinews 2019-20 row and every BBC file of BBC_CATEGORIES (all but sport
   and entertainment) that no earlier gold file uses (gold_sample.select), whose text is at
   most MAX_CHARS long and uses at least MIN_POLITICAL political words (gold_sample.is_candidate),
   and in which at least MIN_TWO_COUNTRY_SENTENCES sentences each name two different countries
   (gold_countries.countries_named: pycountry names and a short documented list; no Entente).
2. Each source's candidates, in corpus order, are shuffled with random.Random(SEED).
3. Dev takes Wikinews articles in shuffled order until it holds DEV_SENTENCES["wikinews"]
   sentences, and BBC articles until DEV_SENTENCES["bbc"]; held-out then takes the next articles
   of each list the same way (TEST_SENTENCES). No article is in both.
4. Every sentence of a chosen article (gold_sample.split_sentences) is annotated.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_corpus import article_text, corpus_docs  # noqa: E402
from gold_countries import countries_named  # noqa: E402
from gold_sample import (draw_splits, is_candidate, sample_cli,  # noqa: E402
                         select as first_selection, split_sentences)

SEED = 20260520
BBC_CATEGORIES = ("business", "politics", "tech")
MIN_TWO_COUNTRY_SENTENCES = 2
DEV_SENTENCES = {"wikinews": 150, "bbc": 175}
TEST_SENTENCES = {"wikinews": 65, "bbc": 65}


def two_country_sentences(text: str) -> int:
    """How many sentences of a text each name at least two different countries."""
    return sum(len(countries_named(text[start:end])) >= 2 for start, end in split_sentences(text))


def is_international(text: str) -> bool:
    """A short political article in which two sentences or more each name two countries."""
    return is_candidate(text) and two_country_sentences(text) >= MIN_TWO_COUNTRY_SENTENCES


def candidates(eval_dir: Path, source: str) -> list[str]:
    """One source's international articles not in an earlier gold file, in corpus order."""
    used = {doc for docs in first_selection(eval_dir).values() for doc in docs}
    return [doc for doc in corpus_docs(eval_dir, BBC_CATEGORIES)
            if doc.startswith(source) and doc not in used
            and is_international(article_text(doc, eval_dir))]


def select(eval_dir: Path) -> dict[str, list[str]]:
    """The dev and held-out document ids, by the procedure in the module docstring."""
    return draw_splits(eval_dir, SEED, lambda source: candidates(eval_dir, source),
                       {"dev": DEV_SENTENCES, "test": TEST_SENTENCES})


def main() -> None:
    sample_cli(__doc__, select)


if __name__ == "__main__":
    main()
