# `trendwatch airflow up|down|status`: a local Airflow with the project's DAGs, on the local stack.
# Sourced by bin/trendwatch after common.sh, never run.
#
# `airflow standalone` (API server with the UI, scheduler, DAG processor, triggerer; SQLite and the
# LocalExecutor) from the pinned virtual environment of airflow-dags/venv, in $TRENDWATCH_HOME/airflow.
# Its tasks run `bin/trendwatch` of this checkout with this shell's TRENDWATCH_* settings, so the
# nightly run archives the local Kafka topic and writes the local Cassandra.

airflow_usage() {
  cat <<USAGE
usage: trendwatch airflow up|down|status
  up       start a local Airflow (standalone: API server and UI, scheduler, DAG processor) with the DAGs of
           airflow-dags/, pointed at the local stack (\$TRENDWATCH_CASSANDRA, \$TRENDWATCH_KAFKA); prints the
           UI's address and the admin password generated on the first start. The DAGs start paused:
           unpause trendwatch_nightly in the UI to schedule it (00:30 UTC). First start installs the pinned
           Airflow (about a minute).
  down     stop it
  status   say whether it runs, and where
Settings: TW_AIRFLOW_PORT (default 8090), state and logs in \$TRENDWATCH_HOME/airflow.
USAGE
}

AF_HOME=$TRENDWATCH_HOME/airflow
AF_PORT=${TW_AIRFLOW_PORT:-8090}
AF_URL=http://127.0.0.1:$AF_PORT
AF_PID=$AF_HOME/standalone.pid
AF_LOG=$AF_HOME/standalone.log

airflow_alive() { pid_alive "$AF_PID"; }

# the scheduler and the DAG processor heartbeat (the API server answers once it is up)
airflow_healthy() {
  local health; health=$(curl -fsS -m 2 "$AF_URL/api/v2/monitor/health" 2>/dev/null) || return 1
  grep -q '"scheduler": *{[^}]*"status": *"healthy"' <<<"$health" \
    && grep -q '"dag_processor": *{[^}]*"status": *"healthy"' <<<"$health"
}

airflow_password() { sed -n 's/.*"admin": *"\([^"]*\)".*/\1/p' "$AF_HOME/passwords.json" 2>/dev/null; }

# The settings every Airflow component reads; the secrets are made once and kept in AF_HOME.
airflow_env() {
  mkdir -p "$AF_HOME"
  chmod 700 "$AF_HOME"
  [[ -s $AF_HOME/jwt-secret ]] || (umask 077; openssl rand -hex 32 >"$AF_HOME/jwt-secret")
  [[ -s $AF_HOME/passwords.json ]] || (umask 077; printf '{"admin": "%s"}\n' "$(openssl rand -hex 12)" >"$AF_HOME/passwords.json")
  export AIRFLOW_HOME=$AF_HOME
  export AIRFLOW__CORE__DAGS_FOLDER=$TW_ROOT/airflow-dags
  export AIRFLOW__CORE__LOAD_EXAMPLES=False
  export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE=$AF_HOME/passwords.json
  export AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT=$AF_PORT AIRFLOW__API__BASE_URL=$AF_URL AIRFLOW__API__WORKERS=1
  export AIRFLOW__CORE__EXECUTION_API_SERVER_URL=$AF_URL/execution/
  AIRFLOW__API_AUTH__JWT_SECRET=$(cat "$AF_HOME/jwt-secret")
  export AIRFLOW__API_AUTH__JWT_SECRET
  export TRENDWATCH_ROOT=$TW_ROOT TRENDWATCH_LAUNCH=local
}

airflow_up() {
  if airflow_alive; then
    echo "airflow: already running (pid $(cat "$AF_PID")) on $AF_URL"
    return 0
  fi
  if port_open "$AF_PORT"; then
    tw_die "port $AF_PORT is taken by another program: stop it or set TW_AIRFLOW_PORT"
  fi
  tw_ensure_built   # the DAGs' tasks run the jars; a build while a task runs would pull them from under it
  local venv; venv=$("$TW_ROOT/airflow-dags/venv")
  airflow_env
  PATH=$venv/bin:$PATH setsid nohup "$venv/bin/airflow" standalone >"$AF_LOG" 2>&1 </dev/null &
  echo $! >"$AF_PID"
  local waited=0
  until airflow_healthy; do
    if ! airflow_alive; then
      tail -n 20 "$AF_LOG" >&2
      tw_die "airflow: exited while starting, log: $AF_LOG"
    fi
    if ((waited >= 300)); then
      tw_die "airflow: not healthy after 300 s on $AF_URL, log: $AF_LOG ('bin/trendwatch airflow down' stops it)"
    fi
    sleep 2; waited=$((waited + 2))
  done
  echo "airflow: ready on $AF_URL (pid $(cat "$AF_PID"), waited $waited s), log: $AF_LOG"
  echo "airflow: log in as admin with password $(airflow_password) (kept in $AF_HOME/passwords.json)"
  echo "airflow: DAGs from $TW_ROOT/airflow-dags, paused until you unpause them; jobs use Cassandra $TRENDWATCH_CASSANDRA, Kafka $TRENDWATCH_KAFKA"
}

airflow_down() {
  if ! airflow_alive; then echo "airflow: not running"; rm -f "$AF_PID"; return 0; fi
  local pid; pid=$(cat "$AF_PID")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true   # its process group: every component
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "airflow: still running after 30 s, killing its processes"
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$AF_PID"
  echo "airflow: stopped (pid $pid)"
}

airflow_status() {
  if airflow_alive; then
    echo "airflow: running (pid $(cat "$AF_PID")) on $AF_URL, log: $AF_LOG"
  else
    echo "airflow: not running"
    return 1
  fi
}

airflow_main() {
  if tw_wants_help "$@"; then airflow_usage; return 0; fi
  case "${1:-}" in
    up) airflow_up ;;
    down) airflow_down ;;
    status) airflow_status ;;
    "") airflow_usage ;;
    *) airflow_usage >&2; return 2 ;;
  esac
}
