"""`airflow dags test trendwatch_nightly` against the real test stack: the real batch job runs and
publishes the boundary of the run's logical date in the real Cassandra, and the sentiment model it
trains is promoted. Needs the services of `bin/test` (TRENDWATCH_CASSANDRA, TRENDWATCH_KAFKA)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import ROOT

TRENDWATCH = str(ROOT / "bin" / "trendwatch")
SHARED = Path(os.environ.get("TRENDWATCH_SHARED_DIR", ROOT.parent / "shared"))

pytestmark = pytest.mark.skipif(
    not os.environ.get("TRENDWATCH_CASSANDRA") or not os.environ.get("TRENDWATCH_KAFKA"),
    reason="needs the test stack: run through bin/test (it starts Kafka and Cassandra)")


def run(cmd: list[str], env: dict[str, str], timeout: int) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)} exited {done.returncode}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


def status(env: dict[str, str]) -> dict[str, str]:
    out = run([TRENDWATCH, "batch", "status"], env, 120).stdout
    return dict(line.split(" ", 1) for line in out.strip().splitlines() if " " in line)


def test_the_nightly_dag_runs_the_real_batch_job_and_moves_the_boundary(tmp_path):
    env = dict(os.environ)
    env.update({
        "TRENDWATCH_HOME": str(tmp_path / "home"),
        "TRENDWATCH_KEYSPACE": "tw_airflow_" + uuid.uuid4().hex[:10],
        "TRENDWATCH_LAUNCH": "local",
        "TRENDWATCH_ROOT": str(ROOT),
        "TRENDWATCH_SHARED_DIR": str(SHARED),
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "airflow-dags"),
    })
    # the master dataset holds real tweets; the archive step adds whatever the topic holds
    run([TRENDWATCH, "batch", "import", str(SHARED / "data/semeval2017-task4/subtask-a/twitter-2016dev-A.tsv")],
        env, 600)
    assert status(env)["boundary"] == "none"

    run(["airflow", "db", "migrate"], env, 600)
    logical = (datetime.now(timezone.utc) - timedelta(days=1)).replace(hour=0, minute=30, second=0, microsecond=0)
    done = run(["airflow", "dags", "test", "trendwatch_nightly", logical.isoformat()], env, 1800)

    after = status(env)
    # the boundary is the hour of the logical date (no speed layer runs in this keyspace to hold it back)
    assert after["boundary"] == logical.replace(minute=0).strftime("%Y-%m-%dT%H:%M:%SZ"), done.stdout[-3000:]
    assert after["sentiment"] != "none"
    runs = json.loads(_json_out(run(["airflow", "dags", "list-runs", "trendwatch_nightly", "--output", "json"], env, 300)))
    assert [r["state"] for r in runs] == ["success"], runs
    states = json.loads(_json_out(run(["airflow", "tasks", "states-for-dag-run", "trendwatch_nightly",
                                        runs[0]["run_id"], "--output", "json"], env, 300)))
    by_task = {t["task_id"]: t["state"] for t in states}
    for task in ("archive", "recompute", "train_sentiment", "promote_sentiment", "publish"):
        assert by_task[task] == "success", by_task
    # steps that find too little data (a young master dataset) are skipped, and the run still succeeds
    for task in ("topics", "train_trend"):
        assert by_task[task] in ("success", "skipped"), by_task


def _json_out(done: subprocess.CompletedProcess) -> str:
    """The JSON document of a CLI's stdout (warnings may come before it)."""
    lines = [l.strip() for l in done.stdout.splitlines()]
    return next(l for l in reversed(lines) if l.startswith("[{") or l == "[]")
