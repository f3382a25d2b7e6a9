"""`bin/trendwatch airflow up` on the real test stack, driven through Airflow's REST API as a user's
scheduler would be: the nightly DAG, triggered and run by the scheduler, runs the real batch job and
publishes the boundary of its logical date; the backfill DAG, triggered with a 2-day range, recomputes
exactly those days from the master dataset. Needs the services of `bin/test` (TRENDWATCH_CASSANDRA,
TRENDWATCH_KAFKA)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import ROOT

TRENDWATCH = str(ROOT / "bin" / "trendwatch")
SHARED = Path(os.environ.get("TRENDWATCH_SHARED_DIR", ROOT.parent / "shared"))
TWEETS = SHARED / "data/semeval2017-task4/subtask-a/twitter-2016dev-A.tsv"
TWITTER_EPOCH_MS = 1288834974657

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def posts_per_day(tsv: Path) -> Counter:
    """Distinct tweets per UTC day of their Snowflake time, counted from the file itself."""
    ids = {int(line.split("\t", 1)[0]) for line in tsv.read_text(encoding="utf-8").splitlines() if line.strip()}
    return Counter(datetime.fromtimestamp(((i >> 22) + TWITTER_EPOCH_MS) / 1000, timezone.utc).date() for i in ids)


class Airflow:
    """The REST API of the local Airflow, logged in as its generated admin."""

    def __init__(self, url: str, password: str):
        self.url = url
        self.token = self._call("POST", "/auth/token", {"username": "admin", "password": password})["access_token"]

    def _call(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        req = urllib.request.Request(self.url + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path}: HTTP {e.code} {e.read()[:2000]!r}") from e

    def call(self, method: str, path: str, body: dict | None = None):
        return self._call(method, path, body, self.token)

    def wait_for_dag(self, dag_id: str, seconds: int = 300) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.call("GET", f"/api/v2/dags/{dag_id}")
                return
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(3)

    def wait_for_run(self, dag_id: str, run_id: str, seconds: int) -> dict:
        deadline = time.monotonic() + seconds
        while True:
            run_ = self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
            if run_["state"] in ("success", "failed"):
                return run_
            assert time.monotonic() < deadline, f"{dag_id} {run_id} still {run_['state']} after {seconds} s"
            time.sleep(5)

    def task_states(self, dag_id: str, run_id: str) -> dict[tuple[str, int], str]:
        tis = self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=100")["task_instances"]
        return {(t["task_id"], t["map_index"]): t["state"] for t in tis}

    def task_log(self, dag_id: str, run_id: str, task_id: str, map_index: int) -> str:
        log = self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/logs/1"
                               f"?map_index={map_index}&full_content=true")
        return json.dumps(log["content"])


@pytest.fixture()
def local_airflow(tmp_path):
    env = dict(os.environ)
    env.update({
        "TRENDWATCH_HOME": str(tmp_path / "home"),
        "TRENDWATCH_KEYSPACE": "tw_airflow_" + uuid.uuid4().hex[:10],
        "TRENDWATCH_SHARED_DIR": str(SHARED),
        "TW_AIRFLOW_PORT": str(free_port()),
    })
    for inherited in [k for k in env if k.startswith("AIRFLOW")]:   # conftest's settings are for DagBag tests
        del env[inherited]
    try:
        yield env
    finally:
        subprocess.run([TRENDWATCH, "airflow", "down"], env=env, capture_output=True, timeout=120)


def test_the_scheduler_runs_the_nightly_dag_and_the_backfill_rewrites_exactly_its_days(local_airflow):
    env = local_airflow
    now = datetime.now(timezone.utc)
    nightly_at = now.replace(hour=(now.hour + 12) % 24, minute=30, second=0, microsecond=0)
    env["TRENDWATCH_NIGHTLY_SCHEDULE"] = f"30 {nightly_at.hour} * * *"
    # two passes and no time-split check: the test is about the graph, not the model (training is model's test)
    env["TRENDWATCH_SENTIMENT_TRAIN_ARGS"] = "--epochs 2 --no-time-check"
    # the master dataset holds real tweets; the nightly archive step adds whatever the topic holds
    imported = run([TRENDWATCH, "batch", "import", str(TWEETS)], env, 600)
    assert status(env)["boundary"] == "none"

    up = run([TRENDWATCH, "airflow", "up"], env, 900).stdout
    url = f"http://127.0.0.1:{env['TW_AIRFLOW_PORT']}"
    assert f"ready on {url}" in up, up
    password = json.loads((Path(env["TRENDWATCH_HOME"]) / "airflow" / "passwords.json").read_text())["admin"]
    assert password in up, "the admin password is printed"
    api = Airflow(url, password)
    api.wait_for_dag("trendwatch_nightly")
    api.wait_for_dag("trendwatch_backfill")
    assert api.call("GET", "/api/v2/dags/trendwatch_nightly")["is_paused"], "the DAGs start paused"

    # trigger the night the scheduler would run next, then unpause: the scheduler runs it, and only it
    # (the night is set half a day away from now, so that no next night comes due while the test runs)
    logical = nightly_at - timedelta(days=1) if nightly_at > now else nightly_at
    api.call("POST", "/api/v2/dags/trendwatch_nightly/dagRuns",
             {"dag_run_id": "nightly-test", "logical_date": logical.isoformat()})
    api.call("PATCH", "/api/v2/dags/trendwatch_nightly", {"is_paused": False})
    done = api.wait_for_run("trendwatch_nightly", "nightly-test", 1800)
    states = api.task_states("trendwatch_nightly", "nightly-test")
    assert done["state"] == "success", states
    for task in ("archive", "recompute", "train_sentiment", "promote_sentiment", "publish"):
        assert states[(task, -1)] == "success", states
    for task in ("topics", "train_trend"):   # a young master dataset has too little for them: skipped, not failed
        assert states[(task, -1)] in ("success", "skipped"), states
    runs = api.call("GET", "/api/v2/dags/trendwatch_nightly/dagRuns")
    assert [r["dag_run_id"] for r in runs["dag_runs"]] == ["nightly-test"], "the scheduler added no run of its own"
    after = status(env)
    assert after["boundary"] == logical.replace(minute=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert after["sentiment"] != "none"

    # an analyst's backfill of the two busiest consecutive days of the imported tweets
    per_day = posts_per_day(TWEETS)
    first = max(per_day, key=lambda d: per_day[d] + per_day[d + timedelta(days=1)])
    days = [first, first + timedelta(days=1)]
    api.call("PATCH", "/api/v2/dags/trendwatch_backfill", {"is_paused": False})
    api.call("POST", "/api/v2/dags/trendwatch_backfill/dagRuns",
             {"dag_run_id": "backfill-test", "logical_date": None,
              "conf": {"from": days[0].isoformat(), "to": days[1].isoformat()}})
    done = api.wait_for_run("trendwatch_backfill", "backfill-test", 1200)
    states = api.task_states("trendwatch_backfill", "backfill-test")
    assert done["state"] == "success", states
    assert sorted(k for k in states if k[0] == "recompute_day") == [("recompute_day", 0), ("recompute_day", 1)]
    rewritten: dict[date, int] = {}
    for i in range(2):
        log = api.task_log("trendwatch_backfill", "backfill-test", "recompute_day", i)
        for day, posts in re.findall(r"(\d{4}-\d{2}-\d{2}): (\d+) posts, \d+ rows rewritten", log):
            rewritten[date.fromisoformat(day)] = int(posts)
    assert rewritten == {d: per_day[d] for d in days}, (rewritten, imported.stdout[-2000:])
    assert states[("publish", -1)] == "success", states
    assert status(env)["boundary"] == after["boundary"], "a backfill never moves the boundary"
