"""trendwatch_nightly: the nightly batch run.

archive -> recompute (publishes the boundary) -> topics of the day -> sentiment: train, then promote if
not worse -> trend model: train, evaluate, promote if not worse -> publish (the API drops its cached
trends). The as-of time is the run's logical date, never the wall clock, so a rerun of a night
recomputes the same boundary. Steps that find too little data, or a model that is not better, are
skipped, not failed.
"""

from __future__ import annotations

import os
import shlex
from datetime import datetime, timedelta

from airflow.sdk import DAG
from croniter import croniter

from trendwatch_dags import alerts
from trendwatch_dags.launch import NOT_ENOUGH_DATA, PROMOTION_REFUSED, batch_task, command, tool_task

# when the night runs (cron, UTC): a team in another time zone wants its exact views before its morning
SCHEDULE = os.environ.get("TRENDWATCH_NIGHTLY_SCHEDULE") or "30 0 * * *"
if not croniter.is_valid(SCHEDULE):
    raise ValueError(f"TRENDWATCH_NIGHTLY_SCHEDULE={SCHEDULE!r} is not a cron expression such as '30 0 * * *'")
# extra arguments of the nightly retraining (`trendwatch model train-sentiment --help`), e.g. "--epochs 5"
TRAIN_ARGS_SETTING = "TRENDWATCH_SENTIMENT_TRAIN_ARGS"
try:
    TRAIN_SENTIMENT_ARGS = shlex.split(os.environ.get(TRAIN_ARGS_SETTING, ""))
except ValueError as e:
    raise ValueError(f"{TRAIN_ARGS_SETTING}: {e}") from e
# the steps after it need a registered model that is not in use yet
for owned in ("--no-registry", "--no-promote", "--force"):
    if any(a == owned or a.startswith(owned + "=") for a in TRAIN_SENTIMENT_ARGS):
        raise ValueError(f"{TRAIN_ARGS_SETTING} may not hold {owned}: the DAG's promote step decides what is put in use")
AS_OF = "{{ logical_date.strftime('%Y-%m-%dT%H:%M:%SZ') }}"
# the last complete day before the run
DAY = "{{ (logical_date - macros.timedelta(days=1)).strftime('%Y-%m-%d') }}"

with DAG(
    dag_id="trendwatch_nightly",
    description="Archive, exact recompute and boundary, topics, model retraining and promotion",
    schedule=SCHEDULE,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    # the views must be fresh before the working day: a run still going after 6 h fails, and a failed
    # run calls the alert hook (Airflow 3.3's DAG deadlines break `airflow dags test`, so not those)
    dagrun_timeout=timedelta(hours=6),
    on_failure_callback=alerts.run_failed,
    default_args={
        "owner": "trendwatch",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        "on_failure_callback": alerts.task_failed,
    },
    tags=["trendwatch", "nightly"],
) as dag:
    archive = batch_task("archive", ["archive"], timeout=timedelta(hours=1))

    recompute = batch_task("recompute", ["run", "--as-of", AS_OF], timeout=timedelta(hours=3))

    topics = batch_task("topics", ["topics", "--day", DAY], timeout=timedelta(hours=1),
                        skip_exit_codes=(NOT_ENOUGH_DATA,))

    train_sentiment = tool_task(
        "train_sentiment", ["model", "train-sentiment", "--no-promote", *TRAIN_SENTIMENT_ARGS], timeout=timedelta(hours=1),
        do_xcom_push=True, trigger_rule="none_failed",  # runs when the topics step was skipped
    )

    # the version just trained is the last line train-sentiment prints; exit 4 = not better than the one in use
    promote_sentiment = tool_task(
        "promote_sentiment",
        ["model", "promote", "sentiment", "{{ ti.xcom_pull(task_ids='train_sentiment') | replace('registered: ', '') }}"],
        timeout=timedelta(minutes=10), skip_exit_codes=(PROMOTION_REFUSED,),
    )

    # trains, evaluates on the last day, registers, promotes if its AUC is not worse, writes predictions
    train_trend = batch_task("train_trend", ["train-trend", "--to", DAY], timeout=timedelta(hours=2),
                             skip_exit_codes=(NOT_ENOUGH_DATA,), trigger_rule="none_failed")

    publish = tool_task(
        "publish", ["publish"], timeout=timedelta(minutes=5),
        trigger_rule="none_failed",
    )

    archive >> recompute >> topics >> train_sentiment >> promote_sentiment >> train_trend >> publish
