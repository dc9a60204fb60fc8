#!/usr/bin/env bash
# Create (or update) the project-local Airflow home: metadata database, DAGs, the writer pool.
# Idempotent: `make airflow` runs it before every start.
set -euo pipefail
source "$(dirname "$0")/airflow-env.sh"
mkdir -p "$AIRFLOW_HOME"
echo "Setting up Airflow in $AIRFLOW_HOME ..."
airflow db migrate > "$AIRFLOW_HOME/db-migrate.log" 2>&1 || { tail -20 "$AIRFLOW_HOME/db-migrate.log"; exit 1; }
airflow dags reserialize > "$AIRFLOW_HOME/dags-reserialize.log" 2>&1 || { tail -20 "$AIRFLOW_HOME/dags-reserialize.log"; exit 1; }
airflow pools set entente_warehouse 1 "One DuckDB writer at a time" > /dev/null
echo "Airflow ready (pool entente_warehouse: 1 slot)."
