#!/usr/bin/env python3
"""What a change does to the events of real news: annotate the articles beside the project that
no gold file uses, with two checkouts, and list the events one run has and the other has not,
with their sentences, for reading.

    .venv/bin/python scripts/corpus_changes.py annotate OUT.jsonl [--project DIR] [--eval-dir DIR]
    .venv/bin/python scripts/corpus_changes.py diff OLD.jsonl NEW.jsonl [--eval-dir DIR]
    .venv/bin/python scripts/corpus_changes.py sample RUN.jsonl [--seed N] [--count K]
    .venv/bin/python scripts/corpus_changes.py sentences RUN.jsonl [--seed N] [--count K]

`annotate` sends every Wikinews 2019-20 row and every BBC politics and business file of
`../shared/eval/articles` outside data/gold/*.jsonl (gold_corpus.article_text, with Wikinews'
publication dates) through `.venv/bin/entente annotate` of `--project` (default: this checkout;
an older one: its clone after `make setup`, or with `.venv` linked to this one's and
`PYTHONPATH=CLONE/plugins`) and writes the responses. `diff` prints one
line per event only one run has: `+` new, `-` gone, keyed by category, the doers' and targets'
countries and the evidence start, then the counts. A rule's closing note quotes how many of its
lines a reader judged right. `sample` prints K events of one run, drawn at random with a seed,
that the dyad views would pair (asserted or planned, countries on opposite sides or doers of a
joint act; `pairs`, as sql/derived/event_dyads.sql makes them), with their sentences: the
reading behind "x of K pairs right" (the BBC files have no publication date, so their events
are undated and the views would not count them; they are sampled all the same). `sentences`
prints K sentences of one run, drawn the same way, that name two or more countries (entities the
linker gave a country), each with the pairs the run makes there: the reading behind a recall
estimate ("of the sampled sentences where two states act on each other, the run pairs x").
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "scripts"))

from gold_corpus import article_text, corpus_docs, published_date  # noqa: E402
from score_gold import annotate  # noqa: E402

DEFAULT_EVAL = PROJECT.parent / "shared" / "eval"
CATEGORIES = ("politics", "business")


def gold_docs(gold_dir: Path = PROJECT / "data" / "gold") -> set[str]:
    """The documents our gold files annotate (dev and held out): never part of the corpus."""
    docs = set()
    for path in gold_dir.glob("*.jsonl"):
        docs.update(json.loads(line)["doc"] for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip())
    return docs


def corpus_requests(eval_dir: Path) -> list[dict]:
    """One annotate request per corpus article outside the gold files."""
    excluded = gold_docs()
    requests = []
    for doc in corpus_docs(eval_dir, CATEGORIES):
        if doc in excluded:
            continue
        request = {"id": doc, "text": article_text(doc, eval_dir)}
        if published := published_date(doc, eval_dir):
            request["published_at"] = published
        requests.append(request)
    return requests


def event_key(event: dict) -> tuple:
    def countries(parts):
        return tuple(sorted(p.get("country") or p.get("code") or p["text"] for p in parts))
    return event["type"], countries(event["actors"]), countries(event["recipients"]), event["start"]


def describe(event: dict, text: str) -> str:
    def parties(parts):
        return ", ".join(f"{p['text']}={p.get('country') or p.get('code')}" for p in parts)
    evidence = " ".join(text[event["start"]:event["end"]].split())[:240]
    return (f"{event['type']} [{event.get('trigger')}] {parties(event['actors'])} -> "
            f"{parties(event['recipients'])} | {evidence}")


def changes(old: dict[str, dict], new: dict[str, dict], text_of) -> tuple[list[str], int, int]:
    """The `+`/`-` lines of the documents both runs answered, and the counts of each."""
    lines, added, removed = [], 0, 0
    for doc in sorted(old.keys() & new.keys()):
        before = {event_key(e): e for e in old[doc].get("events", [])}
        after = {event_key(e): e for e in new[doc].get("events", [])}
        if before.keys() == after.keys():
            continue
        text = text_of(doc)
        for key in sorted(after.keys() - before.keys(), key=lambda k: k[3]):
            lines.append(f"+ {doc} {describe(after[key], text)}")
            added += 1
        for key in sorted(before.keys() - after.keys(), key=lambda k: k[3]):
            lines.append(f"- {doc} {describe(before[key], text)}")
            removed += 1
    return lines, added, removed


PAIRED_MODALITIES = ("asserted", "planned")


def pairs(event: dict) -> set[tuple[str, str]]:
    """The unordered country pairs the dyad views make of an event: each doer's country with
    each target's, or, with no target country, the doers' with each other."""
    doers = {p["country"] for p in event["actors"] if p.get("country")}
    targets = {p["country"] for p in event["recipients"] if p.get("country")}
    others = targets or doers
    return {tuple(sorted((a, b))) for a in doers for b in others if a != b}


def sample(run: dict[str, dict], seed: int, count: int, text_of) -> list[str]:
    """`count` paired events of the run, drawn at random with `seed`, two lines each."""
    found = [(doc, e) for doc, response in sorted(run.items())
             for e in response.get("events", [])
             if e.get("modality") in PAIRED_MODALITIES and pairs(e)]
    random.Random(seed).shuffle(found)
    lines = [f"{len(found)} paired events; {min(count, len(found))} drawn with seed {seed}"]
    for number, (doc, event) in enumerate(found[:count], 1):
        sides = max(len({p.get("country") for p in event[role] if p.get("country")})
                    for role in ("actors", "recipients"))
        mark = " multilateral" if sides >= 3 else ""
        lines.append(f"{number:3d}. {doc} q{event.get('quad_class')}{mark} pairs="
                     f"{'/'.join('-'.join(p) for p in sorted(pairs(event)))}")
        lines.append(f"     {describe(event, text_of(doc))}")
    return lines


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], as a reader sees it: from the sentence end or line
    break before to the one after (the annotate response gives entities a sentence number, not
    the sentence's offsets)."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    after = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i >= 0]
    return before + 1, (min(after) + 1 if after else len(text))


def country_sentences(response: dict, text: str) -> list[tuple[int, int, set[str], set]]:
    """The response's sentences naming two or more countries: (start, end, countries, the pairs
    its paired events make)."""
    by_sentence = defaultdict(list)
    for entity in response.get("entities", []):
        if entity.get("country"):
            by_sentence[entity["sentence_index"]].append(entity)
    found = []
    for entities in by_sentence.values():
        countries = {e["country"] for e in entities}
        if len(countries) < 2:
            continue
        start, end = sentence_bounds(text, entities[0]["start"], entities[-1]["end"])
        made = set().union(*[pairs(e) for e in response.get("events", [])
                             if start <= e["start"] < end and e.get("modality") in PAIRED_MODALITIES])
        found.append((start, end, countries, made))
    return found


def sentences(run: dict[str, dict], seed: int, count: int, text_of) -> list[str]:
    """`count` sentences naming two or more countries, drawn at random with `seed`, with the
    pairs the run makes of them."""
    found = [(doc, hit) for doc, response in sorted(run.items())
             for hit in country_sentences(response, text_of(doc))]
    random.Random(seed).shuffle(found)
    paired = sum(1 for _, hit in found if hit[3])
    lines = [f"{len(found)} sentences name two or more countries, {paired} with a paired event; "
             f"{min(count, len(found))} drawn with seed {seed}"]
    for number, (doc, (start, end, countries, made)) in enumerate(found[:count], 1):
        shown = "/".join("-".join(p) for p in sorted(made)) or "none"
        lines.append(f"{number:3d}. {doc} countries={','.join(sorted(countries))} pairs={shown}")
        lines.append(f"     {' '.join(text_of(doc)[start:end].split())[:400]}")
    return lines


def read_run(path: Path) -> dict[str, dict]:
    responses = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            response = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
        responses[str(response["id"])] = response
    return responses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("annotate", help="annotate the corpus with one checkout")
    run.add_argument("out", type=Path)
    run.add_argument("--project", type=Path, default=PROJECT)
    run.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    diff = sub.add_parser("diff", help="the events one run has and the other has not")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    draw = sub.add_parser("sample", help="random events the dyad views would pair, for reading")
    draw.add_argument("run", type=Path)
    draw.add_argument("--seed", type=int, default=1)
    draw.add_argument("--count", type=int, default=40)
    draw.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    read = sub.add_parser("sentences", help="random sentences naming two countries, for reading")
    read.add_argument("run", type=Path)
    read.add_argument("--seed", type=int, default=1)
    read.add_argument("--count", type=int, default=40)
    read.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args()
    if not (args.eval_dir / "articles").is_dir():
        raise SystemExit(f"no articles at {args.eval_dir / 'articles'} (set --eval-dir)")
    if args.command == "annotate":
        requests = corpus_requests(args.eval_dir)
        print(f"annotating {len(requests)} articles with {args.project}", file=sys.stderr)
        responses = annotate(requests, args.project, ".venv/bin/entente annotate", None)
        with args.out.open("w", encoding="utf-8") as out:
            for request in requests:
                out.write(json.dumps(responses.get(request["id"], {"id": request["id"], "missing": True}),
                                     ensure_ascii=False) + "\n")
        return
    if args.command in ("sample", "sentences"):
        draw_from = sample if args.command == "sample" else sentences
        print("\n".join(draw_from(read_run(args.run), args.seed, args.count,
                                  lambda doc: article_text(doc, args.eval_dir))))
        return
    lines, added, removed = changes(read_run(args.old), read_run(args.new),
                                    lambda doc: article_text(doc, args.eval_dir))
    print("\n".join(lines))
    print(f"{added} events only in {args.new}, {removed} only in {args.old}")


if __name__ == "__main__":
    main()
