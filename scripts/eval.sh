#!/usr/bin/env bash
# `make eval`: accuracy on the public gold data beside the project (../shared/eval).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="${ENTENTE_EVAL_DIR:-../shared/eval}"
if [[ ! -f "$eval_dir/score.py" ]]; then
  echo "eval data not found at $eval_dir (set ENTENTE_EVAL_DIR)"; exit 1
fi
echo "== TIMEX3 (TempEval-3 TBAQ-cleaned)"
python3 "$eval_dir/score.py" timeml "$eval_dir/timeml/TBAQ-cleaned"
echo "== events (PLOVER gold standard records)"
python3 "$eval_dir/score.py" events "$eval_dir/events/plover_gsr.json"
echo "== article text from HTML (ScrapingHub benchmark half)"
python3 "$eval_dir/score.py" html "$eval_dir/html"
