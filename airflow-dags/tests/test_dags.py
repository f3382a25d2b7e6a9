"""The DAG folder as Airflow's DagBag loads it: no import errors, the expected graphs, both launch modes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.bash import BashOperator

from conftest import DAGS, ROOT
from trendwatch_dags.days import backfill_days


def load(monkeypatch, launch: str = "local") -> DagBag:
    monkeypatch.setenv("TRENDWATCH_LAUNCH", launch)
    return DagBag(dag_folder=str(DAGS))


def graph(dag) -> dict[str, list[str]]:
    return {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}


def test_the_folder_loads_with_no_import_errors(monkeypatch):
    bag = load(monkeypatch)
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"trendwatch_nightly", "trendwatch_backfill"}


def test_the_nightly_graph_runs_in_order_from_the_archive_to_publish(monkeypatch):
    dag = load(monkeypatch).dags["trendwatch_nightly"]
    assert graph(dag) == {
        "archive": ["recompute"],
        "recompute": ["topics"],
        "topics": ["train_sentiment"],
        "train_sentiment": ["promote_sentiment"],
        "promote_sentiment": ["train_trend"],
        "train_trend": ["publish"],
        "publish": [],
    }
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.dagrun_timeout == timedelta(hours=6)
    for t in dag.tasks:
        assert t.retries == 2 and t.execution_timeout is not None, t.task_id
        assert t.on_failure_callback, t.task_id
    # the boundary comes from the run's logical date, never from the wall clock
    recompute = dag.get_task("recompute")
    assert "--as-of" in recompute.bash_command and "logical_date" in recompute.bash_command
    assert recompute.bash_command.startswith(str(ROOT / "bin" / "trendwatch"))
    # "nothing to do" exits skip instead of failing the night, and later steps still run
    assert dag.get_task("topics").skip_on_exit_code == [5]
    assert dag.get_task("promote_sentiment").skip_on_exit_code == [4]
    assert dag.get_task("train_trend").skip_on_exit_code == [5]
    for later in ("train_sentiment", "train_trend", "publish"):
        assert dag.get_task(later).trigger_rule == "none_failed", later


def test_the_night_runs_at_00_30_utc_unless_the_operator_sets_another_time(monkeypatch):
    assert load(monkeypatch).dags["trendwatch_nightly"].timetable.expression == "30 0 * * *"
    monkeypatch.setenv("TRENDWATCH_NIGHTLY_SCHEDULE", "0 18 * * *")
    nightly = load(monkeypatch).dags["trendwatch_nightly"]
    assert nightly.timetable.expression == "0 18 * * *" and str(nightly.timetable.timezone) == "UTC"
    monkeypatch.setenv("TRENDWATCH_NIGHTLY_SCHEDULE", "61 0 * * *")
    errors = load(monkeypatch).import_errors
    assert "TRENDWATCH_NIGHTLY_SCHEDULE='61 0 * * *' is not a cron expression" in "".join(errors.values()), errors


def test_the_nightly_retraining_takes_the_operators_extra_arguments(monkeypatch):
    command = load(monkeypatch).dags["trendwatch_nightly"].get_task("train_sentiment").bash_command
    assert command.endswith("model train-sentiment --no-promote"), command
    monkeypatch.setenv("TRENDWATCH_SENTIMENT_TRAIN_ARGS", "--epochs 3 --char-ngrams 'none'")
    command = load(monkeypatch).dags["trendwatch_nightly"].get_task("train_sentiment").bash_command
    assert command.endswith("model train-sentiment --no-promote --epochs 3 --char-ngrams none"), command
    for bad, message in (("--epochs '3", "No closing quotation"), ("--force", "may not hold --force"),
                         ("--no-registry", "may not hold --no-registry"),
                         ("--no-promote", "may not hold --no-promote")):
        monkeypatch.setenv("TRENDWATCH_SENTIMENT_TRAIN_ARGS", bad)
        errors = "".join(load(monkeypatch).import_errors.values())
        assert "TRENDWATCH_SENTIMENT_TRAIN_ARGS" in errors and message in errors, errors


def test_the_backfill_graph_maps_one_task_per_day(monkeypatch):
    dag = load(monkeypatch).dags["trendwatch_backfill"]
    assert graph(dag) == {"days": ["recompute_day"], "recompute_day": ["publish"], "publish": []}
    assert dag.schedule is None or str(dag.timetable.summary) == "None"
    assert set(dag.params.keys()) == {"from", "to"}
    assert dag.get_task("recompute_day").max_active_tis_per_dag == 1


def test_spark_submit_mode_sends_the_spark_jobs_to_a_cluster_from_the_same_files(monkeypatch):
    monkeypatch.setenv("TRENDWATCH_BATCH_JAR", "/opt/trendwatch/batch-layer/trendwatch-batch-layer.jar")
    bag = load(monkeypatch, "spark-submit")
    assert bag.import_errors == {}
    nightly = bag.dags["trendwatch_nightly"]
    for task_id in ("archive", "recompute", "topics", "train_trend"):
        task = nightly.get_task(task_id)
        assert isinstance(task, SparkSubmitOperator), task_id
        assert task._java_class == "io.trendwatch.batch.BatchLayerMain"
        assert task._conn_id == "spark_default"
    assert nightly.get_task("recompute").application_args[:2] == ["run", "--as-of"]
    # the sentiment model is not a Spark job: it stays a command
    assert isinstance(nightly.get_task("train_sentiment"), BashOperator)
    assert bag.dags["trendwatch_backfill"].get_task("recompute_day").operator_class.__name__ == "SparkSubmitOperator"


def test_an_unknown_launch_mode_is_an_import_error_that_names_the_setting(monkeypatch):
    bag = load(monkeypatch, "yarn")
    assert bag.import_errors
    assert all("TRENDWATCH_LAUNCH" in e for e in bag.import_errors.values())


@pytest.mark.parametrize("first, last, message", [
    ("2026-11-21", "2026-11-20", "before 'from'"),
    ("2026-11-20", "2026-11-27", "not a complete day"),
    ("20/11/2026", "2026-11-21", "must be dates"),
    ("2024-01-01", "2026-11-01", "at most 366"),
])
def test_a_bad_backfill_range_is_refused_with_a_message(first, last, message):
    with pytest.raises(ValueError, match=message):
        backfill_days(first, last, today=date(2026, 11, 27))


def test_a_good_backfill_range_lists_every_day():
    assert backfill_days("2026-11-20", "2026-11-22", today=date(2026, 11, 27)) == [
        "2026-11-20", "2026-11-21", "2026-11-22"]


def test_the_skipped_exit_codes_are_the_commands_own():
    """The DAGs skip on the statuses the commands define once, in core's ExitCodes."""
    import re

    from trendwatch_dags import launch

    source = (ROOT / "core/src/main/java/io/trendwatch/core/ExitCodes.java").read_text()
    codes = {m[0]: int(m[1]) for m in re.findall(r"public static final int (\w+) = (\d+);", source)}
    assert launch.NOT_ENOUGH_DATA == codes["NOT_ENOUGH_DATA"]
    assert launch.PROMOTION_REFUSED == codes["REFUSED"]
