#!/usr/bin/env bash
# `make airflow`: the Airflow UI on http://127.0.0.1:8080 with the project's DAGs (Ctrl-C stops it).
set -euo pipefail
source "$(dirname "$0")/airflow-env.sh"
export AIRFLOW__CORE__EXECUTOR="${AIRFLOW__CORE__EXECUTOR:-LocalExecutor}"
password_file="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
echo "Starting Airflow on http://$AIRFLOW__API__HOST:$AIRFLOW__API__PORT (Ctrl-C to stop)."
echo "Log in as 'admin' with the password Airflow writes to: $password_file"
exec airflow standalone
