#!/usr/bin/env python3
"""The share of sentences the selective parse parses, on a seeded sample of BBC articles.

    .venv/bin/python scripts/selection_share.py [--articles 300] [--seed 12] [--corpus DIR]

Reads the articles as the inbox does (headline dropped), runs Entente's pipeline and counts
the sentences `entente_syntax` selected (those with a parse) among all of the senter's
sentences; prints one JSON line. A bigger lexicon selects more: docs/performance.md keeps the
figures (the 0.6× bound of `make bench` leaves no room for more parsing).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "plugins"))

from entente.nlp.pipeline import build_nlp  # noqa: E402
from entente.settings import load_settings  # noqa: E402
from entente.sources.inbox import inbox_files, read_inbox_file  # noqa: E402

DEFAULT_CORPUS = PROJECT.parent / "shared" / "eval" / "articles" / "bbc"


def sample_texts(corpus: Path, count: int, seed: int) -> list[str]:
    """`count` articles drawn at random (seeded) from every category of the corpus."""
    files = [p for p in inbox_files(corpus) if p.name != "README.TXT"]
    chosen = random.Random(seed).sample(files, min(count, len(files)))
    texts = []
    for path in chosen:
        texts.extend(a.text for a in read_inbox_file(path, "bbc"))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    texts = sample_texts(args.corpus, args.articles, args.seed)
    nlp = build_nlp(load_settings())
    sentences = parsed = events = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        for sent in doc.sents:
            sentences += 1
            parsed += any(t.dep_ for t in sent)
        events += len(doc._.events)
    print(json.dumps({"articles": len(texts), "sentences": sentences, "parsed": parsed,
                      "share": round(parsed / sentences, 4), "events": events,
                      "seconds": round(time.perf_counter() - start, 1)}))


if __name__ == "__main__":
    main()
