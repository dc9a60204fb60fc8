"""How long Airflow takes to parse Entente's DAG files (issue 6: under 2 s for the whole bag).

    .venv/bin/python scripts/bench_dagbag.py [--repeat 5]

Each round is a fresh process, as the DAG processor runs one: import Airflow, then time
`DagBag(dag_folder="dags")` alone. Medians over the rounds; `import_airflow` is Airflow's own
start-up, paid once per processor and not ours to cut.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 2.0
PARSE = """
import json, time
t0 = time.perf_counter()
from airflow.dag_processing.dagbag import DagBag
t1 = time.perf_counter()
bag = DagBag(dag_folder="dags")
t2 = time.perf_counter()
print(json.dumps({"import_airflow": t1 - t0, "parse": t2 - t1, "dags": len(bag.dag_ids),
                  "errors": len(bag.import_errors)}))
"""


def one_round() -> dict:
    env = {**os.environ, "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    done = subprocess.run([sys.executable, "-c", PARSE], cwd=PROJECT, capture_output=True,
                          text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rounds = [one_round() for _ in range(args.repeat)]
    if any(r["errors"] for r in rounds):
        raise SystemExit("DAG import errors: run `airflow dags list-import-errors`")
    parse = statistics.median(r["parse"] for r in rounds)
    start = statistics.median(r["import_airflow"] for r in rounds)
    print(f"DagBag of {rounds[0]['dags']} DAGs, median of {args.repeat} fresh processes: "
          f"parse {parse:.3f} s (budget {BUDGET_SECONDS:.0f} s: {parse / BUDGET_SECONDS:.0%} of it), "
          f"Airflow import {start:.2f} s")


if __name__ == "__main__":
    main()
