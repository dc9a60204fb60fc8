#!/usr/bin/env bash
# Incremental-run benchmark (issue 3): serve the public sample feeds and 30 article pages on
# 127.0.0.1, run `entente run` on them twice into a fresh warehouse, print both wall times and
# the rerun ratio. The second run finds nothing new (conditional GET answers 304, known items
# are skipped before any page fetch), so it should cost a small fraction of the first.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="${ENTENTE_EVAL_DIR:-../shared/eval}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/site/feeds" "$work/site/pages"
cp "$eval_dir"/feeds/feedjira_sample_feeds/* "$work/site/feeds/"
for page in $(ls "$eval_dir"/html/pages/*.html.gz | head -30); do
  gunzip -c "$page" > "$work/site/pages/$(basename "$page" .gz)"
done
port="${BENCH_PORT:-8765}"
(cd "$work/site" && exec python3 -m http.server "$port" --bind 127.0.0.1) > "$work/httpd.log" 2>&1 &
server=$!
sleep 1
python3 - "$work" "$port" <<'PY'
import os, sys
work, port = sys.argv[1], sys.argv[2]
lines = ["sources:"]
for kind, folder in (("feed", "feeds"), ("page", "pages")):
    for name in sorted(os.listdir(f"{work}/site/{folder}")):
        lines.append(f"  - {{name: '{kind}-{name}', kind: {kind}, "
                     f"url: 'http://127.0.0.1:{port}/{folder}/{name}', allow_private_network: true}}")
open(f"{work}/sources.yml", "w").write("\n".join(lines) + "\n")
PY
export ENTENTE_HOST_INTERVAL=0   # one local host: the politeness delay would dominate
for run in 1 2; do
  start=$(date +%s.%N)
  .venv/bin/entente run --sources "$work/sources.yml" --warehouse "$work/w.duckdb" \
      --reports "$work/reports" > "$work/run$run.log" 2>&1 || { tail -20 "$work/run$run.log"; exit 1; }
  end=$(date +%s.%N)
  times[$run]=$(python3 -c "print(round($end - $start, 1))")
  echo "run $run: ${times[$run]} s — $(grep -m1 'new articles this run' "$work/run$run.log")"
done
python3 -c "print(f'rerun / first run = {${times[2]} / ${times[1]}:.3f}  (target < 0.2)')"
