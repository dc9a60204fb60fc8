# Sourced by the scripts: a project-local Airflow home and the project's DAGs and plugins.
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ENTENTE_PROJECT_DIR="${ENTENTE_PROJECT_DIR:-$project_dir}"
export AIRFLOW_HOME="${AIRFLOW_HOME:-$project_dir/.airflow}"
export AIRFLOW__CORE__DAGS_FOLDER="$project_dir/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$project_dir/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
export AIRFLOW__API__HOST="${AIRFLOW__API__HOST:-127.0.0.1}"
export AIRFLOW__API__PORT="${AIRFLOW__API__PORT:-8080}"
export GX_ANALYTICS_ENABLED=False
export PATH="$project_dir/.venv/bin:$PATH"
