"""trendwatch_backfill: an analyst recomputes some past days.

Trigger it by hand (UI: "Trigger DAG" with the params; CLI: `airflow dags trigger trendwatch_backfill
--conf '{"from": "2026-11-20", "to": "2026-11-21"}'`). The range is checked first (dates, not
reversed, complete days only); then each day is its own task instance, so a failed day can be
cleared and rerun alone. Each runs `trendwatch batch backfill --from D --to D`: an idempotent
overwrite of that day's views under the published boundary. A last task tells the API to drop its
cached views.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow.sdk import DAG, Param, task

from trendwatch_dags import alerts
from trendwatch_dags.days import backfill_days
from trendwatch_dags.launch import batch_task_per_item, tool_task


def backfill_args(day: str) -> list[str]:
    return ["backfill", "--from", day, "--to", day]


with DAG(
    dag_id="trendwatch_backfill",
    description="Recompute chosen past days of the batch views (one task per day)",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    params={
        "from": Param(type="string", format="date", description="First day to recompute (UTC), e.g. 2026-11-20"),
        "to": Param(type="string", format="date", description="Last day, inclusive; must be before today"),
    },
    default_args={
        "owner": "trendwatch",
        "retries": 1,
        "retry_delay": timedelta(minutes=5),
        "on_failure_callback": alerts.task_failed,
    },
    tags=["trendwatch", "backfill"],
) as dag:

    @task
    def days(params=None) -> list[str]:
        return backfill_days(params["from"], params["to"], datetime.now(timezone.utc).date())

    # one mapped task instance per day, run one at a time (each is a Spark job)
    recompute = batch_task_per_item("recompute_day", days(), backfill_args, timeout=timedelta(hours=2),
                                    max_active_tis_per_dag=1)

    # the API reuses batch-view partitions for a minute: drop them so the rewritten days show at once
    publish = tool_task("publish", ["publish"], timeout=timedelta(minutes=5))

    recompute >> publish
