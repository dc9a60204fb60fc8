#!/usr/bin/env python3
"""Score `entente annotate` against our own event gold data (data/gold/*.jsonl).

    .venv/bin/python scripts/score_gold.py data/gold/events_dev.jsonl [--scheme gsr|plover2021]
        [--project .] [--eval-dir ../shared/eval] [--dump FILE]

The gold articles' texts (`gold_corpus.article_text`, read from ../shared/eval/articles) go
through the annotate command once, with their publication dates; each system event is put in
the gold sentence it falls in (the sentence holding its trigger, else the one its evidence
span overlaps most). One JSON line of metrics is printed:

- pair_*: distinct unordered country pairs per sentence (precision, recall, F1), overall and for
  cooperation (quad 1-2) and conflict (quad 3-4) events separately. An event's pairs: each
  source country with each target country; with sources only, the sources with each other (a
  joint act); one country alone is a one-code "pair". Countries are ISO 3166 alpha-3 codes or
  IGO; a gold multilateral event gives each side_a country with each side_b country.
- interstate_recall: recall of gold pairs of two different countries (no IGO).
- pair_category_*: (pair, category) P/R/F1; quad_recall: share of gold (pair, quad class) found.
  Gold categories are compared under CAMEO's convention for announced plans, as the coder
  codes them (docs/events.md): a planned cooperation counts as AGREE, a planned material
  conflict (quad 4) as THREATEN; then named as the scheme names them (SCHEME_NAMES: under
  gsr an appeal, REQUEST, is a DEMAND).
- On events matched one to one (same pair, preferring the same category): date_acc (gold dates
  only, compared at the gold's precision: 2019, 2019-09 or 2019-09-24), modality_acc,
  location_acc (the event's location country, null = null counts).
- publication_date_share: system events whose date fell back to the publication date.
- place_party_share: system events with a participant whose country is only one of the
  sentence's `places` (a dateline or venue taken for a party).
- no_event_sentences / events_on_no_event_sentences / no_event_sentences_with_events.
"""
from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_corpus import article_text, sentence_sha1  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
GSR_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                  "REQUEST", "DEMAND", "DISAPPROVE", "INVESTIGATE", "REJECT", "THREATEN",
                  "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT")
# How each annotate scheme names the gold's categories (docs/events.md, "Category names"): gsr
# files appeals (CAMEO 02, the gold's REQUEST) under DEMAND with demands (10); plover2021
# renames DEMAND to REQUEST and merges DISAPPROVE and INVESTIGATE into ACCUSE.
SCHEME_NAMES = {
    "gsr": {"REQUEST": "DEMAND"},
    "plover2021": {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                   "FIGHT": "ASSAULT"},
}
IGO = "IGO"
MODALITIES = ("asserted", "planned", "negated", "hypothetical")
# How many characters of YYYY-MM-DD a system date of this granularity fixes.
PRECISION_CHARS = {"day": 10, "week": 7, "month": 7, "quarter": 4, "half": 4, "year": 4}


def load_quads(project: Path = PROJECT) -> dict[str, int]:
    """Category name -> quad class, from the project's data/event_categories.csv."""
    with (project / "data" / "event_categories.csv").open(encoding="utf-8", newline="") as fh:
        return {row["category"]: int(row["quad_class"]) for row in csv.DictReader(fh)}


def load_gold(path: Path, eval_dir: Path) -> list[dict]:
    """Gold sentence lines, each with its `text`; stops on a sentence whose text drifted."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts: dict[str, str] = {}
    for line in lines:
        if line["doc"] not in texts:
            texts[line["doc"]] = article_text(line["doc"], eval_dir)
        line["text"] = texts[line["doc"]][line["start"]:line["end"]]
        if sentence_sha1(line["text"]) != line["sha1"]:
            raise SystemExit(f"{path}: {line['doc']} [{line['start']}:{line['end']}] no longer "
                             "matches its sha1: the article text changed")
    return lines


# ---------------------------------------------------------------- pairs

def gold_pairs(event: dict) -> set[tuple]:
    """The unordered country pairs a gold event stands for."""
    if event.get("side_a"):
        side_b = event.get("side_b") or []
        if not side_b:
            return {tuple(sorted(p)) for p in itertools.combinations(sorted(set(event["side_a"])), 2)}
        return {tuple(sorted((a, b))) for a in event["side_a"] for b in side_b}
    return {tuple(sorted(event["countries"]))}


def participant_country(participant: dict) -> str | None:
    """A system participant's country code: its country, else IGO for IGO codes."""
    if participant.get("country"):
        return str(participant["country"]).upper()
    code = str(participant.get("code") or "").upper()
    return IGO if code.startswith(IGO) else None


def system_pairs(event: dict) -> set[tuple]:
    """The unordered country pairs a system event names (rules as for gold, module docstring)."""
    sources = {c for c in map(participant_country, event.get("actors") or []) if c}
    targets = {c for c in map(participant_country, event.get("recipients") or []) if c}
    if sources and targets:
        return {tuple(sorted((a, b))) for a in sources for b in targets}
    side = sorted(sources or targets)
    if len(side) == 1:
        return {(side[0],)}
    return set(itertools.combinations(side, 2))


def is_interstate(pair: tuple) -> bool:
    """Two different countries (an IGO is not a state)."""
    return len(pair) == 2 and pair[0] != pair[1] and IGO not in pair


# ---------------------------------------------------------------- placing system events

def place_events(sentences: list[dict], response: dict) -> dict[int, list[dict]]:
    """System events of one document by index into `sentences` (that document's gold lines)."""
    placed: dict[int, list[dict]] = collections.defaultdict(list)
    for event in response.get("events") or []:
        if isinstance(event, dict) and isinstance(event.get("start"), int):
            index = sentence_index(sentences, response.get("text") or "", event)
            if index is not None:
                placed[index].append(event)
    return placed


def sentence_index(sentences: list[dict], text: str, event: dict) -> int | None:
    """The gold sentence holding the event's trigger, else the one its span overlaps most."""
    anchor = _trigger_offset(text, event)
    if anchor is not None:
        for i, s in enumerate(sentences):
            if s["start"] <= anchor < s["end"]:
                return i
    overlaps = [min(s["end"], event["end"]) - max(s["start"], event["start"]) for s in sentences]
    best = max(range(len(sentences)), key=overlaps.__getitem__, default=None)
    return best if best is not None and overlaps[best] > 0 else None


def _trigger_offset(text: str, event: dict) -> int | None:
    """Where the trigger word is, when it occurs exactly once in the event's evidence span."""
    trigger = event.get("trigger")
    if not trigger:
        return None
    span = text[event["start"]:event["end"]]
    first = span.find(trigger)
    if first < 0 or span.find(trigger, first + 1) >= 0:
        return None
    return event["start"] + first


# ---------------------------------------------------------------- metrics

class Tally:
    """Counts behind one precision/recall/F1."""

    def __init__(self) -> None:
        self.tp = self.system = self.gold = 0

    def add(self, gold: set, system: set) -> None:
        """Count one sentence's distinct gold and system keys."""
        self.tp += len(gold & system)
        self.system += len(system)
        self.gold += len(gold)

    def prf(self) -> list[float]:
        """[precision, recall, F1], rounded; 0.0 where a count is zero."""
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return [round(p, 4), round(r, 4), round(f, 4)]

    def recall(self) -> float | None:
        """Recall alone (None without gold keys)."""
        return round(self.tp / self.gold, 4) if self.gold else None


def ratio(hits: int, total: int) -> float | None:
    """hits/total rounded, None when there is nothing to count."""
    return round(hits / total, 4) if total else None


def keyed(events: list[dict], pairs_of, label_of=lambda e: None) -> set[tuple]:
    """Distinct (pair, label) keys of events; label None keys the pair alone."""
    keys = set()
    for event in events:
        label = label_of(event)
        keys |= {pair if label is None else (pair, label) for pair in pairs_of(event)}
    return keys


def intent_category(event: dict, quads: dict[str, int]) -> str:
    """A gold category under CAMEO's convention for announced plans (docs/events.md): a planned
    cooperation is an intent to cooperate (AGREE), a planned material conflict a threat."""
    quad = quads.get(event["category"])
    if event.get("modality") != "planned" or quad == 3:
        return event["category"]
    return "AGREE" if quad in (1, 2) else "THREATEN"


def match_events(gold: list[dict], system: list[dict], gold_category, gold_quad,
                 system_quad) -> list[tuple[dict, dict]]:
    """One-to-one matches of gold and system events sharing a pair: same category first,
    then the same quad class, then any."""
    free = list(system)
    matches = []
    for g in gold:
        candidates = [s for s in free if gold_pairs(g) & system_pairs(s)]
        if not candidates:
            continue
        category, quad = gold_category(g), gold_quad(g)
        best = (next((s for s in candidates if str(s.get("type", "")).upper() == category), None)
                or next((s for s in candidates if system_quad(s) == quad), None) or candidates[0])
        free.remove(best)
        matches.append((g, best))
    return matches


def date_correct(gold_date: str, event: dict) -> bool:
    """The system date agrees with the gold date at the gold's precision (and is that precise)."""
    value = event.get("date")
    if not value:
        return False
    precision = event.get("date_precision")
    chars = PRECISION_CHARS.get(precision, 0) if precision else len(str(value))
    return chars >= len(gold_date) and str(value)[:len(gold_date)] == gold_date


def system_location(event: dict) -> str | None:
    """The country a system event says it happened in (`location_country`, or `location`)."""
    location = event.get("location")
    value = event.get("location_country") or (location.get("country") if isinstance(location, dict)
                                              else location)
    return str(value).upper() if value else None


class GoldScore:
    """Accumulates the metrics of the module docstring over gold sentences."""

    def __init__(self, quads: dict[str, int], scheme: str = "gsr") -> None:
        self.quads = quads
        self.rename = SCHEME_NAMES[scheme]
        self.tallies = {name: Tally() for name in ("pair", "pair_cooperation", "pair_conflict",
                                                   "pair_category", "interstate", "quad")}
        self.counts: collections.Counter = collections.Counter()

    def gold_category(self, event: dict) -> str:
        """A gold category as a system should code it: CAMEO's intent convention, then the
        scheme's name."""
        category = intent_category(event, self.quads)
        return self.rename.get(category, category)

    def gold_quad(self, event: dict) -> int | None:
        """A gold event's quad class, under the intent convention."""
        return self.quads.get(intent_category(event, self.quads))

    def system_quad(self, event: dict) -> int | None:
        """A system event's quad class (its own, else its category's)."""
        quad = event.get("quad_class")
        return int(quad) if quad else self.quads.get(str(event.get("type", "")).upper())

    def add_sentence(self, line: dict, system: list[dict]) -> None:
        """Count one gold sentence against the system events placed in it."""
        gold = line["events"]
        self._add_pairs(gold, system)
        self._add_matches(gold, system)
        self.counts["sentences"] += 1
        self.counts["gold_events"] += len(gold)
        self.counts["system_events"] += len(system)
        self.counts["publication_dated"] += sum(e.get("date_source") == "publication" for e in system)
        places = set(line.get("places") or [])
        self.counts["place_party"] += sum(bool(_participant_countries(e) & places) for e in system)
        if not gold:
            self.counts["no_event_sentences"] += 1
            self.counts["events_on_no_event_sentences"] += len(system)
            self.counts["no_event_sentences_with_events"] += bool(system)

    def _add_pairs(self, gold: list[dict], system: list[dict]) -> None:
        t = self.tallies
        t["pair"].add(keyed(gold, gold_pairs), keyed(system, system_pairs))
        for name, quads in (("pair_cooperation", (1, 2)), ("pair_conflict", (3, 4))):
            t[name].add(keyed([g for g in gold if self.gold_quad(g) in quads], gold_pairs),
                        keyed([s for s in system if self.system_quad(s) in quads], system_pairs))
        t["pair_category"].add(keyed(gold, gold_pairs, self.gold_category),
                               keyed(system, system_pairs, lambda e: str(e.get("type", "")).upper()))
        t["interstate"].add({p for p in keyed(gold, gold_pairs) if is_interstate(p)},
                            keyed(system, system_pairs))
        t["quad"].add(keyed(gold, gold_pairs, self.gold_quad),
                      keyed(system, system_pairs, self.system_quad))

    def _add_matches(self, gold: list[dict], system: list[dict]) -> None:
        c = self.counts
        for g, s in match_events(gold, system, self.gold_category, self.gold_quad, self.system_quad):
            c["matched"] += 1
            c["modality_ok"] += s.get("modality") == g["modality"]
            c["location_ok"] += system_location(s) == g.get("location")
            if g.get("date"):
                c["dated"] += 1
                c["date_ok"] += date_correct(g["date"], s)
            if g.get("location"):
                c["located"] += 1
                c["located_ok"] += system_location(s) == g["location"]

    def result(self) -> dict:
        """The metrics as one flat dict (the JSON line)."""
        t, c = self.tallies, self.counts
        out = {key: c[key] for key in ("sentences", "no_event_sentences", "gold_events",
                                       "system_events", "matched")}
        for name in ("pair", "pair_cooperation", "pair_conflict", "pair_category"):
            out[f"{name}_prf"] = t[name].prf()
        out["interstate_recall"] = t["interstate"].recall()
        out["interstate_gold_pairs"] = t["interstate"].gold
        out["quad_recall"] = t["quad"].recall()
        out["date_acc"] = ratio(c["date_ok"], c["dated"])
        out["date_gold"] = c["dated"]
        out["modality_acc"] = ratio(c["modality_ok"], c["matched"])
        out["location_acc"] = ratio(c["location_ok"], c["matched"])
        out["location_found"] = ratio(c["located_ok"], c["located"])
        out["publication_date_share"] = ratio(c["publication_dated"], c["system_events"])
        out["place_party_share"] = ratio(c["place_party"], c["system_events"])
        out["events_on_no_event_sentences"] = c["events_on_no_event_sentences"]
        out["no_event_sentences_with_events"] = c["no_event_sentences_with_events"]
        return out


def _participant_countries(event: dict) -> set[str]:
    participants = (event.get("actors") or []) + (event.get("recipients") or [])
    return {c for c in map(participant_country, participants) if c}


# ---------------------------------------------------------------- running the project

def requests_for(lines: list[dict], eval_dir: Path) -> list[dict]:
    """One annotate request per gold document: its text and, when known, its date."""
    requests, seen = [], set()
    for line in lines:
        if line["doc"] in seen:
            continue
        seen.add(line["doc"])
        request = {"id": line["doc"], "text": article_text(line["doc"], eval_dir)}
        if line.get("published"):
            request["published_at"] = line["published"]
        requests.append(request)
    return requests


def annotate(requests: list[dict], project: Path, cmd: str, scheme: str | None) -> dict[str, dict]:
    """Responses by request id, from one run of the annotate command in `project`."""
    argv = shlex.split(cmd) + (["--scheme", scheme] if scheme else [])
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    proc = subprocess.run(argv, input=payload.encode(), cwd=project, capture_output=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace")[-4000:])
        raise SystemExit(f"annotate command failed with exit code {proc.returncode}")
    responses = {}
    for raw in proc.stdout.decode().splitlines():
        if raw.strip().startswith("{"):
            response = json.loads(raw)
            responses[str(response.get("id"))] = response
    return responses


def score(lines: list[dict], responses: dict[str, dict], quads: dict[str, int],
          scheme: str = "gsr") -> tuple[dict, list[tuple[dict, list[dict]]]]:
    """The metrics, and each gold line with the system events placed in it."""
    scorer = GoldScore(quads, scheme)
    compared = []
    for doc, group in itertools.groupby(lines, key=lambda line: line["doc"]):
        sentences = list(group)
        placed = place_events(sentences, responses.get(doc, {}))
        for i, line in enumerate(sentences):
            scorer.add_sentence(line, placed.get(i, []))
            compared.append((line, placed.get(i, [])))
    result = scorer.result()
    result["missing_responses"] = sum(1 for d in {line["doc"] for line in lines}
                                      if "events" not in responses.get(d, {}))
    return result, compared


# ---------------------------------------------------------------- the readable comparison

def describe_gold(event: dict) -> str:
    """One gold event on one line."""
    parties = "-".join(event.get("countries") or []) or (
        "+".join(event.get("side_a") or []) + " / " + "+".join(event.get("side_b") or []))
    return (f"{event['category']} {parties} date={event.get('date')} {event['modality']} "
            f"loc={event.get('location')}")


def describe_system(event: dict) -> str:
    """One system event on one line: type, who (text=code) to whom, date and its source."""
    def who(participants):
        return ", ".join(f"{p.get('text')}={participant_country(p) or p.get('code') or '?'}"
                         for p in participants or []) or "-"
    return (f"{event.get('type')} [{event.get('trigger')}] {who(event.get('actors'))} -> "
            f"{who(event.get('recipients'))} date={event.get('date')} ({event.get('date_source')}) "
            f"{event.get('modality')} loc={system_location(event)}")


def write_dump(path: Path, compared: list[tuple[dict, list[dict]]]) -> None:
    """Sentence, gold and system events, and the pairs found, missed and extra."""
    with path.open("w", encoding="utf-8") as fh:
        for line, system in compared:
            if not line["events"] and not system:
                continue
            gold_keys, system_keys = keyed(line["events"], gold_pairs), keyed(system, system_pairs)
            fh.write(f"== {line['doc']} [{line['start']}:{line['end']}]"
                     f"{' places=' + ','.join(line['places']) if line.get('places') else ''}\n")
            fh.write(f"   {line['text']}\n")
            fh.writelines(f"   gold   {describe_gold(e)}\n" for e in line["events"])
            fh.writelines(f"   system {describe_system(e)}\n" for e in system)
            for label, keys in (("found", gold_keys & system_keys), ("missed", gold_keys - system_keys),
                                ("extra", system_keys - gold_keys)):
                if keys:
                    fh.write(f"   {label}: {' '.join('-'.join(k) for k in sorted(keys))}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="a data/gold/events_*.jsonl file")
    ap.add_argument("--project", type=Path, default=Path("."), help="project checkout to run in")
    ap.add_argument("--cmd", default=".venv/bin/entente annotate", help="annotate command")
    ap.add_argument("--scheme", choices=("gsr", "plover2021"), help="passed to annotate")
    ap.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    ap.add_argument("--dump", type=Path, help="write a readable comparison here")
    args = ap.parse_args()
    lines = load_gold(args.gold, args.eval_dir)
    responses = annotate(requests_for(lines, args.eval_dir), args.project, args.cmd, args.scheme)
    result, compared = score(lines, responses, load_quads(args.project), args.scheme or "gsr")
    if args.dump:
        write_dump(args.dump, compared)
    print(json.dumps({"mode": "gold", "file": args.gold.name, **result}))


if __name__ == "__main__":
    main()
