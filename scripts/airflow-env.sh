# Sourced by the scripts: a project-local Airflow home and the project's DAGs and plugins.
# Everything here can be overridden from the environment (the UI test uses a temp home/port).
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ENTENTE_PROJECT_DIR="${ENTENTE_PROJECT_DIR:-$project_dir}"
export AIRFLOW_HOME="${AIRFLOW_HOME:-$project_dir/.airflow}"
export AIRFLOW__CORE__DAGS_FOLDER="$project_dir/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$project_dir/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="${AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION:-False}"
export AIRFLOW__CORE__EXECUTOR="${AIRFLOW__CORE__EXECUTOR:-LocalExecutor}"
export AIRFLOW__API__HOST="${AIRFLOW__API__HOST:-127.0.0.1}"
export AIRFLOW__API__PORT="${AIRFLOW__API__PORT:-8080}"
export AIRFLOW__API__WORKERS="${AIRFLOW__API__WORKERS:-1}"
# Workers report task state to the API server's execution API: same host and port.
export AIRFLOW__API__BASE_URL="${AIRFLOW__API__BASE_URL:-http://$AIRFLOW__API__HOST:$AIRFLOW__API__PORT}"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="${AIRFLOW__CORE__EXECUTION_API_SERVER_URL:-$AIRFLOW__API__BASE_URL/execution/}"
export GX_ANALYTICS_ENABLED=False
export PATH="$project_dir/.venv/bin:$PATH"
# The DAGs `make airflow` unpauses (space-separated; empty: leave them as they are).
ENTENTE_UNPAUSE="${ENTENTE_UNPAUSE-entente_ingest entente_process entente_reports}"
