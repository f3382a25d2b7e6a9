"""How a trendwatch job is launched, chosen by configuration, so one DAG file serves every stack.

TRENDWATCH_LAUNCH=local (default): the `trendwatch` command of a checkout or an install
    (`$TRENDWATCH_ROOT/bin/trendwatch`), Spark in-process on the worker; what the local stack uses.
TRENDWATCH_LAUNCH=spark-submit: Spark jobs go to a cluster through SparkSubmitOperator and the
    Airflow connection `$TRENDWATCH_SPARK_CONN` (default `spark_default`), with the batch layer's
    jar `$TRENDWATCH_BATCH_JAR` and the dependency jars `$TRENDWATCH_SPARK_JARS` (comma separated).
Jobs without Spark (the sentiment model) always run the command.

Read when the DAG file is parsed: a change needs the DAG processor to reparse.
"""

from __future__ import annotations

import os
import shlex
from datetime import timedelta
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.bash import BashOperator

BATCH_MAIN_CLASS = "io.trendwatch.batch.BatchLayerMain"

# exit codes of the trendwatch commands that mean "nothing to do", not "failed": core's ExitCodes
# (io.trendwatch.core.ExitCodes) defines them, tests/test_dags.py holds these equal to it
NOT_ENOUGH_DATA = 5
PROMOTION_REFUSED = 4

LAUNCH_MODES = ("local", "spark-submit")


def launch_mode() -> str:
    mode = os.environ.get("TRENDWATCH_LAUNCH", "local")
    if mode not in LAUNCH_MODES:
        raise ValueError(f"TRENDWATCH_LAUNCH must be one of {LAUNCH_MODES}, not {mode!r}")
    return mode


def trendwatch_root() -> Path:
    """The checkout or install holding bin/trendwatch: $TRENDWATCH_ROOT, else the folder above the DAGs."""
    return Path(os.environ.get("TRENDWATCH_ROOT", Path(__file__).resolve().parents[2]))


def command(*args: str) -> str:
    """A shell command line running `trendwatch ARGS` (arguments may hold Jinja templates)."""
    return " ".join([shlex.quote(str(trendwatch_root() / "bin" / "trendwatch"))] + [_quote(a) for a in args])


def _quote(arg: str) -> str:
    # templates are rendered before the shell sees them; quote only what has no template in it
    return arg if "{{" in arg else shlex.quote(arg)


def batch_task(task_id: str, args: list[str], *, timeout: timedelta, skip_exit_codes: tuple[int, ...] = (),
               **kwargs) -> BashOperator | SparkSubmitOperator:
    """A batch-layer job (`trendwatch batch ARGS`), launched as configured."""
    if launch_mode() == "spark-submit":
        return SparkSubmitOperator(
            task_id=task_id,
            conn_id=os.environ.get("TRENDWATCH_SPARK_CONN", "spark_default"),
            application=os.environ.get("TRENDWATCH_BATCH_JAR", "/opt/trendwatch/batch-layer/trendwatch-batch-layer.jar"),
            java_class=BATCH_MAIN_CLASS,
            jars=os.environ.get("TRENDWATCH_SPARK_JARS") or None,
            application_args=args,
            name=f"trendwatch-{task_id}",
            execution_timeout=timeout,
            **kwargs,
        )
    return tool_task(task_id, ["batch", *args], timeout=timeout, skip_exit_codes=skip_exit_codes, **kwargs)


def tool_task(task_id: str, args: list[str], *, timeout: timedelta, skip_exit_codes: tuple[int, ...] = (),
              **kwargs) -> BashOperator:
    """A `trendwatch ARGS` command on the worker."""
    return BashOperator(
        task_id=task_id,
        bash_command=command(*args),
        skip_on_exit_code=list(skip_exit_codes) or None,
        execution_timeout=timeout,
        **kwargs,
    )


def batch_task_per_item(task_id: str, items, args_of, *, timeout: timedelta, **kwargs):
    """One batch-layer job per item of `items` (an XComArg), mapped so each can be retried alone.

    `args_of` turns an item into the job's arguments; it must be a module-level function.
    """
    if launch_mode() == "spark-submit":
        return SparkSubmitOperator.partial(
            task_id=task_id,
            conn_id=os.environ.get("TRENDWATCH_SPARK_CONN", "spark_default"),
            application=os.environ.get("TRENDWATCH_BATCH_JAR", "/opt/trendwatch/batch-layer/trendwatch-batch-layer.jar"),
            java_class=BATCH_MAIN_CLASS,
            jars=os.environ.get("TRENDWATCH_SPARK_JARS") or None,
            name=f"trendwatch-{task_id}",
            execution_timeout=timeout,
            **kwargs,
        ).expand(application_args=items.map(args_of))
    return BashOperator.partial(task_id=task_id, execution_timeout=timeout, **kwargs).expand(
        bash_command=items.map(lambda item: command("batch", *args_of(item))))
