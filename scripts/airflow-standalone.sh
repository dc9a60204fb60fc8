#!/usr/bin/env bash
# `make airflow`: the Airflow UI on http://127.0.0.1:8080 with the project's DAGs.
# Airflow standalone (api-server, scheduler, dag-processor, triggerer; LocalExecutor, SQLite
# metadata in .airflow/) runs in its own process group; Ctrl-C (or SIGTERM) stops the whole
# group and checks that no Airflow process is left behind.
set -euo pipefail
source "$(dirname "$0")/airflow-env.sh"
cd "$ENTENTE_PROJECT_DIR"
url="$AIRFLOW__API__BASE_URL"
password_file="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"

if python - "$AIRFLOW__API__HOST" "$AIRFLOW__API__PORT" <<'PY'
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex((sys.argv[1], int(sys.argv[2]))) == 0 else 1)
PY
then
  echo "Port $AIRFLOW__API__PORT on $AIRFLOW__API__HOST is in use (another Airflow?); set AIRFLOW__API__PORT." >&2
  exit 1
fi

bash "$(dirname "$0")/airflow-setup.sh"
for dag in $ENTENTE_UNPAUSE; do
  airflow dags unpause "$dag" > /dev/null 2>&1 && echo "unpaused $dag" || echo "could not unpause $dag" >&2
done

set -m                       # background jobs get their own process group (pgid = pid)
# tee ignores Ctrl-C so Airflow's shutdown messages still have somewhere to go.
airflow standalone > >(trap '' INT; exec tee "$AIRFLOW_HOME/standalone.log") 2>&1 &
group=$!
stopping=0
echo "Airflow standalone started (process group $group)."

# Processes of the group that still run (zombies already exited: only their parent's
# bookkeeping is left, and a container's init may never collect them).
alive() { ps -eo pid=,pgid=,stat=,args= | awk -v g="$group" '$2 == g && $3 !~ /^Z/'; }

stop() {
  [[ $stopping == 1 ]] && return; stopping=1
  echo; echo "Stopping Airflow (process group $group) ..."
  kill -INT -- "-$group" 2>/dev/null || true
  for _ in $(seq 1 40); do [[ -z "$(alive)" ]] && break; sleep 0.5; done
  if [[ -n "$(alive)" ]]; then
    kill -TERM -- "-$group" 2>/dev/null || true; sleep 3
    kill -KILL -- "-$group" 2>/dev/null || true; sleep 1
  fi
  if [[ -n "$(alive)" ]]; then
    echo "Airflow processes still running:" >&2; alive >&2; exit 1
  fi
  echo "Airflow stopped; no process left."
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 180); do                      # wait for the UI, then say how to log in
  if curl -fsS "$url/api/v2/monitor/health" > /dev/null 2>&1 && [[ -s "$password_file" ]]; then
    echo
    echo "Airflow UI: $url  (Ctrl-C stops everything)"
    echo "Log in as 'admin'; the password is in $password_file"
    echo "  (show it with: python -c \"import json; print(json.load(open('$password_file'))['admin'])\")"
    break
  fi
  kill -0 "$group" 2>/dev/null || break
  sleep 1
done
wait "$group" || true
stop
