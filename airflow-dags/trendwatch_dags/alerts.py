"""The alert hook of the trendwatch DAGs: a failed task or run (a timeout included) is logged and,
when $TRENDWATCH_ALERT_WEBHOOK is set, posted there as JSON (Slack, Teams, Alertmanager...)."""

from __future__ import annotations

import json
import logging
import os
import urllib.request

log = logging.getLogger("trendwatch.alerts")


def _post(payload: dict) -> None:
    url = os.environ.get("TRENDWATCH_ALERT_WEBHOOK")
    log.error("trendwatch alert: %s", json.dumps(payload, default=str))
    if not url:
        return
    request = urllib.request.Request(url, data=json.dumps(payload, default=str).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10):
            pass
    except OSError as e:  # an unreachable webhook must not hide the original failure
        log.error("alert webhook %s unreachable: %s", url, e)


def task_failed(context) -> None:
    ti = context.get("ti") or context.get("task_instance")
    _post({
        "text": f"trendwatch: task {ti.task_id} of {ti.dag_id} failed",
        "dag_id": ti.dag_id,
        "task_id": ti.task_id,
        "run_id": context.get("run_id"),
        "try_number": getattr(ti, "try_number", None),
        "error": str(context.get("exception")),
    })


def run_failed(context) -> None:
    """A whole run failed, or ran past its dagrun_timeout."""
    run = context.get("dag_run")
    _post({
        "text": f"trendwatch: run {getattr(run, 'run_id', '?')} of {getattr(run, 'dag_id', '?')} failed",
        "dag_id": getattr(run, "dag_id", None),
        "run_id": getattr(run, "run_id", None),
        "reason": context.get("reason"),
    })
