#!/usr/bin/env bash
# `make run`: run the pipeline DAGs once, in order, with `airflow dags test`, then summarize.
set -euo pipefail
source "$(dirname "$0")/airflow-env.sh"
cd "$ENTENTE_PROJECT_DIR"
for dag in entente_ingest entente_process entente_reports; do
  echo "== airflow dags test $dag"
  log="$AIRFLOW_HOME/last-$dag.log"
  if ! airflow dags test "$dag" > "$log" 2>&1; then
    tail -40 "$log"; echo "$dag failed (full log: $log)"; exit 1
  fi
  state=$(grep -oE "DagRun Finished: .*state=[a-z]+" "$log" | tail -1 | grep -oE "state=[a-z]+" || true)
  echo "   ${state:-finished} (log: $log)"
  if [[ "$state" == "state=failed" ]]; then tail -40 "$log"; exit 1; fi
done
echo
echo "== summary"
entente status
echo "reports:   ${ENTENTE_REPORTS:-$ENTENTE_PROJECT_DIR/reports}"
