"""`make test-scale`: Entente's DAGs on Airflow with the CeleryExecutor, run here, on 127.0.0.1.

PostgreSQL (Debian's package; a throw-away cluster in a temp folder) holds Airflow's metadata
and the DuckLake catalog, Redis is the Celery broker, and Airflow runs as separate processes:
api-server, scheduler, dag-processor, triggerer and two Celery workers serving the `default`
queue and the `nlp` queue `extract` is routed to. The lake's Parquet files and the staging area
are in one folder every worker reaches. The test triggers entente_ingest on the sample sources
(batches of 6 articles: six mapped extract tasks), waits for entente_process and
entente_reports, and checks that extract ran on both workers, that the lake holds what an
embedded `entente run` on a DuckDB file holds, that an analyst reading the lake all along
never failed, and that every process it started is gone at the end.
Not part of `make test` (minutes, and it installs packages).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from locations import PROJECT

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None) \
    if Path("/usr/lib/postgresql").exists() else None
WORKERS = ("worker-a", "worker-b")
DAGS = ("entente_ingest", "entente_process", "entente_reports")
TABLES = ("articles", "entity_mentions", "timexes", "events", "event_participants",
          "event_dyad_rows", "counted_event_rows", "event_country_lists")
VIEWS = ("cooperation_dyads_yearly", "cooperation_events", "country_cooperation_yearly")

ANALYST = """
import json, sys, time, pathlib
from entente.settings import Settings
from entente.warehouse import open_warehouse
lake, stop = open_warehouse(Settings()), pathlib.Path(sys.argv[1])
seen = {"counts": [], "errors": []}
while not stop.exists():
    try:
        if lake.exists():
            with lake.reader() as con:
                seen["counts"].append(con.execute("SELECT count(*) FROM events").fetchone()[0])
    except Exception as exc:
        seen["errors"].append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.5)
print(json.dumps(seen), flush=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """Every process the test starts, each in its own process group, stopped at the end."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: dict[str, subprocess.Popen] = {}
        self.family: set[int] = set()

    def start(self, name: str, args: list[str], env: dict, user: str | None = None):
        if user:
            args = ["runuser", "-u", user, "--"] + args
        log = (self.logs / f"{name}.log").open("w")
        self.started[name] = subprocess.Popen(args, env=env, cwd=PROJECT, stdout=log,
                                              stderr=subprocess.STDOUT, start_new_session=True)
        return self.started[name]

    def alive(self) -> list[str]:
        """Live processes in the started process groups, or descended from a started process
        when `stop_all` began (PostgreSQL's backends leave their postmaster's group)."""
        groups = {p.pid for p in self.started.values()}
        return [row[3] for row in _processes()
                if (row[1] in groups or row[0] in self.family) and not row[2].startswith("Z")]

    def descendants(self) -> set[int]:
        """Every live process started here or descended from one, now."""
        rows = _processes()
        found = {p.pid for p in self.started.values()}
        while True:
            more = {row[0] for row in rows if row[4] in found} - found
            if not more:
                return found
            found |= more

    def stop_all(self) -> None:
        self.family = self.descendants()
        for process in reversed(list(self.started.values())):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 60
        while self.alive() and time.monotonic() < deadline:
            time.sleep(1)
        for process in self.started.values():
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=30)


def _processes() -> list[list]:
    """[pid, pgid, stat, command line, ppid] of every process."""
    out = subprocess.run(["ps", "-eo", "pid=,pgid=,stat=,ppid=,args="], capture_output=True,
                         text=True).stdout
    rows = []
    for line in out.splitlines():
        pid, pgid, stat, ppid, *args = line.split()
        rows.append([int(pid), int(pgid), stat, " ".join(args), int(ppid)])
    return rows


def wait_for(what: str, check, timeout: float, every: float = 5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def start_postgres(procs: Processes, root: Path, port: int) -> str:
    data = root / "pg"
    data.mkdir()
    shutil.chown(root, "postgres")
    shutil.chown(data, "postgres")
    subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(data),
                    "--auth=trust", "-U", "postgres", "-E", "UTF8"], check=True,
                   capture_output=True)
    procs.start("postgres", [str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port),
                             "-h", "127.0.0.1", "-k", str(root)], os.environ.copy(),
                user="postgres")
    psql = ["runuser", "-u", "postgres", "--", str(PG_BIN / "psql"), "-h", "127.0.0.1",
            "-p", str(port), "-U", "postgres", "-c"]
    wait_for("PostgreSQL", lambda: subprocess.run(psql + ["SELECT 1"], capture_output=True)
             .returncode == 0, 60, 1)
    for database in ("airflow", "entente"):
        subprocess.run(psql + [f"CREATE DATABASE {database}"], check=True, capture_output=True)
    return f"host=127.0.0.1 port={port} user=postgres"


def airflow_env(root: Path, pg: str, pg_port: int, redis_port: int, api_port: int) -> dict:
    sql = f"postgresql+psycopg2://postgres@127.0.0.1:{pg_port}/airflow"
    return {**os.environ,
            "PATH": f"{BIN}:{os.environ['PATH']}",
            "AIRFLOW_HOME": str(root / "airflow"),
            "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(PROJECT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "entente.orchestration.worker_hostname",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sql,
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            # The driver is named: SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3, which
            # is not installed (psycopg2 is), and the Celery provider reports that ImportError
            # as "Failed to import providers_configuration_loaded".
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{sql}",
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": "default",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": "entente-test-scale-secret",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "GX_ANALYTICS_ENABLED": "False",
            "ENTENTE_PROJECT_DIR": str(PROJECT),
            "ENTENTE_WAREHOUSE": f"ducklake:postgres:dbname=entente {pg}",
            "ENTENTE_LAKE_DATA_PATH": str(root / "shared" / "lake") + "/",
            "ENTENTE_STAGING": str(root / "shared" / "staging"),
            "ENTENTE_REPORTS": str(root / "shared" / "reports"),
            "ENTENTE_BATCH_SIZE": "6",
            "ENTENTE_INGEST_SCHEDULE": "none"}


def worker_ready(procs: Processes, name: str) -> bool:
    """Whether a Celery worker says it is ready; fails at once, with its log, if it exited."""
    log = (procs.logs / f"{name}.log").read_text(errors="replace")
    assert procs.started[name].poll() is None, f"{name} exited:\n{log[-3000:]}"
    return " ready." in log


def airflow(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "airflow"), *args], env=env, cwd=PROJECT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


def metadata(pg_port: int, sql: str, *params) -> list[tuple]:
    """Rows of a query on Airflow's metadata database."""
    import psycopg2

    with psycopg2.connect(f"dbname=airflow host=127.0.0.1 port={pg_port} user=postgres") as c:
        with c.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def run_states(pg_port: int, dag_id: str) -> list[str]:
    """States of the DAG's runs, from the metadata database (the CLI's JSON output shares
    stdout with Airflow's import warnings)."""
    return [state for (state,) in metadata(pg_port, "SELECT state FROM dag_run "
                                                    "WHERE dag_id = %s", dag_id)]


def reports_succeeded(pg_port: int) -> bool:
    """Whether entente_reports succeeded; fails at once when a run of a DAG failed."""
    states = {dag: run_states(pg_port, dag) for dag in DAGS}
    assert "failed" not in sum(states.values(), []), states
    return "success" in states["entente_reports"]


def lake_contents(location: str, env: dict) -> dict:
    script = f"""
import json
from entente.settings import Settings
from entente.warehouse import open_warehouse
w = open_warehouse(Settings(warehouse={location!r}))
with w.reader() as con:
    out = {{t: con.execute(f"SELECT count(*) FROM {{t}}").fetchone()[0] for t in {TABLES!r}}}
    for v in {VIEWS!r}:
        out[v] = sorted(map(repr, con.execute(f"SELECT * FROM {{v}}").fetchall()))
print(json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(PG_BIN is None or shutil.which("redis-server") is None,
                    reason="needs Debian's postgresql and redis-server (make test-scale "
                           "installs them)")
def test_the_dags_on_celery_workers_fill_a_ducklake_on_postgres():
    # Not pytest's tmp_path: PostgreSQL runs as the postgres user, who cannot enter root's
    # private pytest folders.
    root = Path(tempfile.mkdtemp(prefix="entente-scale-"))
    (root / "logs").mkdir()
    procs = Processes(root / "logs")
    pg_port, redis_port, api_port = free_port(), free_port(), free_port()
    stop = root / "stop-analyst"
    try:
        pg = start_postgres(procs, root, pg_port)
        procs.start("redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"], os.environ.copy())
        env = airflow_env(root, pg, pg_port, redis_port, api_port)
        airflow(env, "db", "migrate")
        airflow(env, "pools", "set", "entente_warehouse", "1", "One lake writer at a time")
        for name, args in (("api-server", ["api-server"]), ("scheduler", ["scheduler"]),
                           ("dag-processor", ["dag-processor"]), ("triggerer", ["triggerer"])):
            procs.start(name, [str(BIN / "airflow"), *args], env)
        for worker in WORKERS:
            procs.start(worker, [str(BIN / "airflow"), "celery", "worker", "--queues",
                                 "default,nlp", "--celery-hostname", f"{worker}@%h",
                                 "--skip-serve-logs"],
                        {**env, "ENTENTE_WORKER_NAME": worker})
        wait_for("the DAGs to be parsed", lambda: all(
            d in airflow(env, "dags", "list", "-o", "plain")
            for d in DAGS), 300)
        wait_for("both Celery workers", lambda: all(worker_ready(procs, w) for w in WORKERS),
                 300, 2)
        analyst = procs.start("analyst", [sys.executable, "-c", ANALYST, str(stop)], env)
        started = time.monotonic()
        airflow(env, "dags", "trigger", "entente_ingest")
        wait_for("entente_reports to succeed", lambda: reports_succeeded(pg_port), 1800, 10)
        took = time.monotonic() - started
        assert run_states(pg_port, "entente_process") == ["success"]
        stop.touch()
        analyst.wait(timeout=120)
        seen = json.loads((root / "logs" / "analyst.log").read_text().strip().splitlines()[-1])

        extracts = metadata(pg_port, "SELECT map_index, hostname, queue, state FROM "
                                     "task_instance WHERE dag_id = 'entente_process' AND "
                                     "task_id = 'extract'")
        embedded = str(root / "embedded" / "warehouse.duckdb")
        done = subprocess.run([str(BIN / "entente"), "run", "--warehouse", embedded,
                               "--reports", str(root / "embedded" / "reports")],
                              env={**env, "ENTENTE_STAGING": ""}, cwd=PROJECT,
                              capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, done.stderr[-3000:]
        in_lake = lake_contents(env["ENTENTE_WAREHOUSE"], env)
        in_file = lake_contents(embedded, env)
    finally:
        stop.touch()
        procs.stop_all()
        shutil.copytree(root / "logs", PROJECT / "reports" / "scale-logs", dirs_exist_ok=True)
        shutil.rmtree(root, ignore_errors=True)
    print(f"\ningest → process → reports on Celery took {took:.0f} s; "
          f"extract tasks: {sorted(extracts)}")
    assert len(extracts) >= 5 and {state for *_, state in extracts} == {"success"}
    assert {queue for _, _, queue, _ in extracts} == {"nlp"}
    assert {host for _, host, _, _ in extracts} == set(WORKERS)     # spread over both workers
    assert in_lake == in_file and in_lake["events"] > 100
    assert seen["errors"] == [] and seen["counts"] and seen["counts"][-1] == in_lake["events"]
    assert seen["counts"] == sorted(seen["counts"])
    assert procs.alive() == []
