#!/usr/bin/env bash
# `make eval`: accuracy on the public gold data beside the project (../shared/eval) and on our
# own event gold data (data/gold/events_dev.jsonl, data/gold/interstate_dev.jsonl).
# `make eval-heldout` (`eval.sh heldout`): only our held-out gold, events_test.jsonl and
# interstate_test.jsonl — run to report figures, never to tune (data/gold/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="${ENTENTE_EVAL_DIR:-../shared/eval}"
if [[ ! -f "$eval_dir/score.py" ]]; then
  echo "eval data not found at $eval_dir (set ENTENTE_EVAL_DIR)"; exit 1
fi
if [[ "${1:-}" == "heldout" ]]; then
  echo "== events (our gold data, HELD-OUT: report only, never tune)"
  .venv/bin/python scripts/score_gold.py data/gold/events_test.jsonl --eval-dir "$eval_dir"
  echo "== interstate events (our gold data, HELD-OUT: report only, never tune)"
  .venv/bin/python scripts/score_gold.py data/gold/interstate_test.jsonl --eval-dir "$eval_dir"
  exit 0
fi
echo "== TIMEX3 (TempEval-3 TBAQ-cleaned)"
python3 "$eval_dir/score.py" timeml "$eval_dir/timeml/TBAQ-cleaned"
echo "== events (PLOVER gold standard records)"
python3 "$eval_dir/score.py" events "$eval_dir/events/plover_gsr.json"
echo "== events (our gold data, dev: data/gold/events_dev.jsonl)"
.venv/bin/python scripts/score_gold.py data/gold/events_dev.jsonl --eval-dir "$eval_dir"
echo "== interstate events (our gold data, dev: data/gold/interstate_dev.jsonl)"
.venv/bin/python scripts/score_gold.py data/gold/interstate_dev.jsonl --eval-dir "$eval_dir"
echo "== article text from HTML (ScrapingHub benchmark half)"
python3 "$eval_dir/score.py" html "$eval_dir/html"
