"""`reports/report.json`: when a report was made, from which publication, by which run.

Written with the index page; read by the Airflow view of the report to link a DAG run to the
report it made. Kept free of the reporting's heavy imports (pandas, matplotlib): the Airflow
plugin imports it in every Airflow component.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from entente import files
from entente.reporting.paths import INDEX_PAGE

RECORD = "report.json"


def write_record(out_dir: Path, publication: str | None, made_by: dict | None) -> dict:
    """Record that the report in out_dir was made now, from `publication` (a pipeline run id),
    by `made_by` ({"dag_id", "run_id"} for Airflow, {"command"} for the CLI)."""
    record = {"generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "publication": publication, "made_by": made_by}
    files.write_text(out_dir / RECORD, json.dumps(record, indent=1))
    return record


def read_record(out_dir: Path) -> dict | None:
    """The record of the report in out_dir, None when there is none (or it is unreadable)."""
    try:
        return json.loads((out_dir / RECORD).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def made_from(out_dir: Path, publication: str | None) -> bool:
    """The report in out_dir (its page and record) was made from `publication`."""
    record = read_record(out_dir)
    return (publication is not None and record is not None
            and record.get("publication") == publication and (out_dir / INDEX_PAGE).is_file())
