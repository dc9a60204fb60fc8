#!/usr/bin/env python3
"""What the `entente_timex` component adds to the spaCy pipeline's time (issue 4: at most 15%).

Builds the Entente pipeline once (`entente.nlp.pipeline.build_nlp`) and runs `nlp.pipe` over the
BBC articles in two arms:

    (a) the Entente pipeline without `entente_timex`
    (b) the same pipeline with it

`entente_events` reads `Doc._.timexes` to date events, so its cost depends on the timexes it is
given; it is disabled in both arms by default so that (b) - (a) is the timex component alone
(`--with-events` keeps it in both arms: then (a) runs events on documents without timexes).
The model's components and the actor components run in both arms. With the selective-syntax
pipeline, `entente_syntax` scans the timex grammar in both arms to choose the sentences to parse
(the scan is cached and reused by `entente_timex` in (b)), so (b) - (a) is the component's own work.

Articles are read the way `scripts/bench.py` / `entente run --inbox` read them
(`entente.sources.inbox`), each doc gets `doc._.dct` (default 2005-03-01, the BBC corpus is from
2004-2005). Arms alternate (a, b, then b, a, ...) over `--repeat` rounds and medians are
reported: wall seconds, CPU seconds (`time.process_time`; the steadier figure on a shared
machine), words per second and the overhead ratio (b)/(a) - 1.

    .venv/bin/python scripts/bench_timex.py --limit 300 --repeat 3
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "eval" / "articles" / "bbc"
sys.path.insert(0, str(PROJECT / "plugins"))

TIMEX = "entente_timex"
EVENTS = "entente_events"


def read_texts(corpus: Path, limit: int | None) -> list[str]:
    """Article bodies, in the order `scripts/bench.py` copies them (`inbox_files`)."""
    from entente.sources.inbox import inbox_files, read_inbox_file

    files = inbox_files(corpus)
    files = files[:limit] if limit else files
    texts = []
    for path in files:
        for article in read_inbox_file(path, "bench"):
            if article.text.strip():
                texts.append(article.text)
    return texts


def run_arm(nlp, texts: list[str], dct: str, disable: list[str], batch_size: int) -> tuple[float, float, int]:
    """(wall s, CPU s, timexes found) for one pass of nlp.pipe over the texts."""
    disable = [name for name in disable if name in nlp.pipe_names]
    n_timex = 0

    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.dct = dct
            yield doc

    with nlp.select_pipes(disable=disable):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for doc in nlp.pipe(docs(), batch_size=batch_size):
            n_timex += len(doc._.timexes or ())
        return time.perf_counter() - wall0, time.process_time() - cpu0, n_timex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; arms alternate, medians are reported")
    parser.add_argument("--dct", default="2005-03-01", help="document creation time given to every doc")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--with-events", action="store_true",
                        help="keep entente_events in both arms (it then dates events from the timexes in (b) only)")
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's configured one)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")

    from entente.nlp.pipeline import build_nlp
    from entente.settings import Settings

    texts = read_texts(args.corpus, args.limit)
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    nlp = build_nlp(Settings(**({"spacy_model": args.model} if args.model else {})))
    common = [] if args.with_events else [EVENTS]
    arms = {"a": common + [TIMEX], "b": common}
    labels = {"a": f"(a) without {TIMEX}", "b": f"(b) with {TIMEX}"}
    print(f"corpus: {args.corpus} ({len(texts)} articles, {words:,} words); pipeline: {nlp.pipe_names}")
    print(f"disabled in both arms: {common or 'nothing'}; rounds: {args.repeat}; dct {args.dct}", flush=True)

    for arm in ("a", "b"):   # warm-up: lazy loads, caches, allocator
        run_arm(nlp, texts[:50], args.dct, arms[arm], args.batch_size)
    results: dict[str, list[tuple[float, float, int]]] = {"a": [], "b": []}
    for number in range(args.repeat):
        order = ("a", "b") if number % 2 == 0 else ("b", "a")
        for arm in order:
            results[arm].append(run_arm(nlp, texts, args.dct, arms[arm], args.batch_size))
        print(f"round {number + 1}: " + ", ".join(
            f"{arm} wall {results[arm][-1][0]:.1f}s cpu {results[arm][-1][1]:.1f}s" for arm in ("a", "b")),
            flush=True)

    med = {arm: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)) for arm, rs in results.items()}
    print(f"\n{'arm':<28} {'wall s':>8} {'CPU s':>8} {'words/s':>9} {'timexes':>8}")
    for arm in ("a", "b"):
        wall, cpu = med[arm]
        print(f"{labels[arm]:<28} {wall:8.2f} {cpu:8.2f} {words / wall:9.0f} {results[arm][-1][2]:8d}")
    (wa, ca), (wb, cb) = med["a"], med["b"]
    print(f"\noverhead of {TIMEX}: wall (b)/(a) = {wb / wa:.3f} ({(wb / wa - 1) * 100:+.1f}%), "
          f"CPU (b)/(a) = {cb / ca:.3f} ({(cb / ca - 1) * 100:+.1f}%)  (target: <= +15%)")


if __name__ == "__main__":
    main()
