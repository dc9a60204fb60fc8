"""score_gold.py end to end: a made-up corpus through the real `entente annotate`."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from locations import PROJECT
from gold_scripts import gold_corpus, gold_sample

pytestmark = pytest.mark.slow

TEXT = ("Monday, March 2, 2020\n\nThe European Union criticised Iran on Sunday. "
        "Rain fell in Lisbon.")


def test_scorer_runs_annotate_and_prints_one_json_line(tmp_path):
    wikinews = tmp_path / "articles" / "wikinews"
    wikinews.mkdir(parents=True)
    with (wikinews / "wikinews_2020.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "date", "title", "text"])
        writer.writerow(["https://example.org/a", "2020-03-02", "EU criticises Iran", TEXT])
    gold = []
    for line in gold_sample.skeleton("wikinews:2020:0", tmp_path):
        gold.append(line)
    gold[1]["events"] = [{"category": "DISAPPROVE", "countries": ["IGO", "IRN"],
                          "date": "2020-03-01", "modality": "asserted", "location": None}]
    gold[2]["places"] = ["PRT"]
    gold_file, dump = tmp_path / "gold.jsonl", tmp_path / "dump.txt"
    gold_file.write_text("".join(json.dumps(line) + "\n" for line in gold))
    done = subprocess.run([sys.executable, str(PROJECT / "scripts" / "score_gold.py"),
                           str(gold_file), "--project", str(PROJECT), "--eval-dir", str(tmp_path),
                           "--dump", str(dump)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["mode"], result["sentences"], result["gold_events"]) == ("gold", 3, 1)
    assert result["missing_responses"] == 0 and result["no_event_sentences"] == 2
    assert len(result["pair_prf"]) == 3 and 0.0 <= result["pair_prf"][1] <= 1.0
    assert "The European Union criticised Iran on Sunday." in dump.read_text()
    assert gold_corpus.article_text("wikinews:2020:0", tmp_path) == TEXT
