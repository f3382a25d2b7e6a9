# `trendwatch cluster up|down|status|env|kill|start|reset`: the engines of `infra`, as clusters on loopback:
# 3 Cassandra nodes (127.0.0.1-3, one JVM each), 3 Kafka brokers in KRaft combined mode (127.0.0.1-3),
# a Spark standalone master (127.0.0.1) and 2 workers (127.0.0.2-3) from the Spark 4.2.0 distribution.
# All state under $TRENDWATCH_HOME/cluster. Sourced by bin/trendwatch; uses infra.sh's helpers.

CLUSTER_DIR=$TRENDWATCH_HOME/cluster
CLUSTER_HOSTS=(127.0.0.1 127.0.0.2 127.0.0.3)
TW_CLUSTER_CQL_PORT=${TW_CLUSTER_CQL_PORT:-39042}
TW_CLUSTER_STORAGE_PORT=${TW_CLUSTER_STORAGE_PORT:-37000}
TW_CLUSTER_KAFKA_PORT=${TW_CLUSTER_KAFKA_PORT:-39092}
TW_CLUSTER_KAFKA_CONTROLLER_PORT=${TW_CLUSTER_KAFKA_CONTROLLER_PORT:-39093}
TW_CLUSTER_SPARK_PORT=${TW_CLUSTER_SPARK_PORT:-37077}
TW_CLUSTER_SPARK_UI_PORT=${TW_CLUSTER_SPARK_UI_PORT:-38080}
# each worker offers 2 cores: the speed layer and a batch run (2 each, one per worker) run side by side
TW_CLUSTER_WORKER_CORES=${TW_CLUSTER_WORKER_CORES:-2}
TW_CLUSTER_WORKER_MEMORY=${TW_CLUSTER_WORKER_MEMORY:-3g}
SPARK_VERSION=4.2.0

cluster_usage() {
  cat <<USAGE
Usage: trendwatch cluster up | down | status | env | reset --yes | kill PART N | start PART N

  up       start 3 Cassandra nodes (127.0.0.1-3:$TW_CLUSTER_CQL_PORT), 3 Kafka brokers (127.0.0.1-3:$TW_CLUSTER_KAFKA_PORT)
           and Spark standalone (master spark://127.0.0.1:$TW_CLUSTER_SPARK_PORT, workers on 127.0.0.2-3); no-op for
           what already runs. The first start fetches the Spark $SPARK_VERSION distribution (PyPI's pyspark) once.
  down     stop all of it
  status   what runs, where it listens and logs; exit 1 unless all of it runs
  env      the settings that point every layer at the cluster: eval "\$(bin/trendwatch cluster env)"
  kill     PART N: SIGKILL one part (cassandra|kafka 1-3, worker 2-3), as a crash would
  start    PART N: start one part again (after kill)
  reset    --yes: stop all of it and delete its state under $CLUSTER_DIR: data, topics, logs, and the layers'
           checkpoints, master dataset and models that 'cluster env' puts there

Ports: TW_CLUSTER_CQL_PORT TW_CLUSTER_STORAGE_PORT TW_CLUSTER_KAFKA_PORT TW_CLUSTER_KAFKA_CONTROLLER_PORT
       TW_CLUSTER_SPARK_PORT TW_CLUSTER_SPARK_UI_PORT (the same port on each address)
USAGE
}

cluster_join() { # separator, words...
  local sep=$1; shift
  local out="" w
  for w in "$@"; do out+=${out:+$sep}$w; done
  echo "$out"
}

cluster_cql_points() { local h p=(); for h in "${CLUSTER_HOSTS[@]}"; do p+=("$h:$TW_CLUSTER_CQL_PORT"); done; cluster_join , "${p[@]}"; }
cluster_bootstrap() { local h p=(); for h in "${CLUSTER_HOSTS[@]}"; do p+=("$h:$TW_CLUSTER_KAFKA_PORT"); done; cluster_join , "${p[@]}"; }
cluster_master_url() { echo "spark://127.0.0.1:$TW_CLUSTER_SPARK_PORT"; }

# The Spark distribution: $TRENDWATCH_SPARK_HOME, or PyPI's pyspark source archive (it carries the
# distribution's bin/ and jars/) unpacked once into the user's cache.
cluster_spark_home() {
  if [[ -n ${TRENDWATCH_SPARK_HOME:-} ]]; then
    [[ -x $TRENDWATCH_SPARK_HOME/bin/spark-submit ]] || tw_die "TRENDWATCH_SPARK_HOME=$TRENDWATCH_SPARK_HOME holds no bin/spark-submit"
    echo "$TRENDWATCH_SPARK_HOME"; return 0
  fi
  local home=${XDG_CACHE_HOME:-$HOME/.cache}/trendwatch/spark-$SPARK_VERSION
  if [[ ! -f $home/.complete ]]; then
    command -v python3 >/dev/null || tw_die "python3 with pip is needed to fetch the Spark distribution (or set TRENDWATCH_SPARK_HOME)"
    tw_say "fetching the Spark $SPARK_VERSION distribution (PyPI's pyspark, about 450 MB) into $home (once)" >&2
    local tmp; tmp=$(mktemp -d)
    if ! python3 -m pip download -q --no-deps --no-binary :all: -d "$tmp" "pyspark==$SPARK_VERSION" >"$tmp/pip.log" 2>&1; then
      tail -n 5 "$tmp/pip.log" >&2
      rm -rf "$tmp"
      tw_die "could not fetch pyspark==$SPARK_VERSION from PyPI (or set TRENDWATCH_SPARK_HOME to a Spark $SPARK_VERSION distribution)"
    fi
    rm -rf "$home"; mkdir -p "$home"
    tar -xzf "$tmp/pyspark-$SPARK_VERSION.tar.gz" -C "$home" --strip-components=2 \
      "pyspark-$SPARK_VERSION/deps/bin" "pyspark-$SPARK_VERSION/deps/sbin" "pyspark-$SPARK_VERSION/deps/jars" \
      || tw_die "could not unpack the Spark distribution into $home"
    rm -rf "$tmp"
    touch "$home/.complete"
  fi
  echo "$home"
}

cluster_java_home() { local j; j=$(readlink -f "$JAVA17"); echo "${j%/bin/java}"; }

start_cluster_cassandra() { # node number 1-3
  local n=$1 host=${CLUSTER_HOSTS[$(($1 - 1))]} d=$CLUSTER_DIR/cassandra$1
  local pidf=$d/cassandra.pid
  already_running "cassandra $n" "$pidf" && return 0
  host_port_open "$host" "$TW_CLUSTER_CQL_PORT" && tw_die "$host:$TW_CLUSTER_CQL_PORT is already in use (TW_CLUSTER_CQL_PORT)"
  mkdir -p "$d"/{conf,logs,data,commitlog,saved_caches,hints,cdc_raw,triggers}
  fill_template "$TW_ROOT/infra/cassandra/cassandra.yaml.template" "$d/conf/cassandra.yaml" \
    CQL_PORT="$TW_CLUSTER_CQL_PORT" STORAGE_PORT="$TW_CLUSTER_STORAGE_PORT" \
    SSL_STORAGE_PORT="$((TW_CLUSTER_STORAGE_PORT + 1))" DIR="$d" HOST="$host" SEED="${CLUSTER_HOSTS[0]}" \
    CLUSTER_NAME=trendwatch-loopback HINTS=true AUTHENTICATOR=AllowAllAuthenticator
  # an empty cluster has nothing to stream to a new node
  echo "auto_bootstrap: false" >>"$d/conf/cassandra.yaml"
  launch_cassandra "$d" 768m -Dcassandra.ring_delay_ms=3000 -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    -Dcassandra.consistent.rangemovement=false
}

cluster_kafka_voters() {
  local i v=()
  for i in 1 2 3; do v+=("$i@${CLUSTER_HOSTS[$((i - 1))]}:$TW_CLUSTER_KAFKA_CONTROLLER_PORT"); done
  cluster_join , "${v[@]}"
}

start_cluster_kafka() { # broker number 1-3
  local n=$1 host=${CLUSTER_HOSTS[$(($1 - 1))]} d=$CLUSTER_DIR/kafka$1
  local pidf=$d/kafka.pid
  already_running "kafka $n" "$pidf" && return 0
  host_port_open "$host" "$TW_CLUSTER_KAFKA_PORT" && tw_die "$host:$TW_CLUSTER_KAFKA_PORT is already in use (TW_CLUSTER_KAFKA_PORT)"
  mkdir -p "$d/conf" "$d/logs" "$d/data"
  fill_template "$TW_ROOT/infra/kafka/server.properties.template" "$d/conf/server.properties" \
    PORT="$TW_CLUSTER_KAFKA_PORT" CONTROLLER_PORT="$TW_CLUSTER_KAFKA_CONTROLLER_PORT" DIR="$d" HOST="$host" NODE_ID="$n" \
    VOTERS="$(cluster_kafka_voters)" REPLICATION=3 MIN_ISR=2
  cp "$TW_ROOT/infra/kafka/log4j2.xml" "$d/conf/log4j2.xml"
  if [[ ! -f $d/data/meta.properties ]]; then
    # the three brokers share one cluster id, made once
    local idf=$CLUSTER_DIR/kafka-cluster-id
    [[ -s $idf ]] || kafka_storage_tool "$d" random-uuid >"$idf"
    kafka_storage_tool "$d" format -t "$(cat "$idf")" -c "$d/conf/server.properties" >>"$d/logs/format.log" \
      || tw_die "formatting the storage of Kafka broker $n failed; see $d/logs/format.log"
  fi
  launch_kafka "$d" 128m 512m
}

# Spark's daemons through the distribution's spark-class; the workers' executors inherit their environment.
start_cluster_spark() { # master | worker N
  local spark_home; spark_home=$(cluster_spark_home)
  local role=$1 n=${2:-} d pidf args
  if [[ $role == master ]]; then
    d=$CLUSTER_DIR/spark-master
    args=(org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$TW_CLUSTER_SPARK_PORT" --webui-port "$TW_CLUSTER_SPARK_UI_PORT")
  else
    local host=${CLUSTER_HOSTS[$((n - 1))]}
    d=$CLUSTER_DIR/spark-worker$n
    args=(org.apache.spark.deploy.worker.Worker --host "$host" --webui-port "$((TW_CLUSTER_SPARK_UI_PORT + n - 1))"
          --cores "$TW_CLUSTER_WORKER_CORES" --memory "$TW_CLUSTER_WORKER_MEMORY" --work-dir "$d/work" "$(cluster_master_url)")
  fi
  pidf=$d/spark.pid
  already_running "spark $role $n" "$pidf" && return 0
  mkdir -p "$d/logs" "$d/work"
  (
    export SPARK_HOME=$spark_home JAVA_HOME; JAVA_HOME=$(cluster_java_home)
    export SPARK_LOCAL_IP=${host:-127.0.0.1} SPARK_LOG_DIR=$d/logs SPARK_WORKER_DIR=$d/work SPARK_NO_DAEMONIZE=1
    export SPARK_DAEMON_MEMORY=512m
    exec setsid nohup "$spark_home/bin/spark-class" "${args[@]}" >"$d/logs/$role.log" 2>&1 < /dev/null
  ) &
  echo $! > "$pidf"
}

# A worker is ready once the master has registered it (its log says so).
wait_worker() { # n, seconds
  local n=$1 limit=$2 waited=0 log=$CLUSTER_DIR/spark-worker$1/logs/worker.log
  until grep -q "Successfully registered with master" "$log" 2>/dev/null; do
    pid_alive "$CLUSTER_DIR/spark-worker$n/spark.pid" || { tail -n 25 "$log" >&2; echo "spark worker $n exited" >&2; return 1; }
    (( waited >= limit * 5 )) && { echo "spark worker $n did not register within ${limit}s; see $log" >&2; return 1; }
    sleep 0.2; waited=$((waited + 1))
  done
  echo "spark worker $n: registered with $(cluster_master_url) (cores $TW_CLUSTER_WORKER_CORES, memory $TW_CLUSTER_WORKER_MEMORY), log: $log"
}

cluster_start_part() { # part, n
  case "$1" in
    cassandra) start_cluster_cassandra "$2"
      wait_host_port "cassandra $2" "$CLUSTER_DIR/cassandra$2/cassandra.pid" "${CLUSTER_HOSTS[$(($2 - 1))]}" \
        "$TW_CLUSTER_CQL_PORT" "$CLUSTER_DIR/cassandra$2/logs/system.log" 120 ;;
    kafka) start_cluster_kafka "$2"
      wait_host_port "kafka $2" "$CLUSTER_DIR/kafka$2/kafka.pid" "${CLUSTER_HOSTS[$(($2 - 1))]}" \
        "$TW_CLUSTER_KAFKA_PORT" "$CLUSTER_DIR/kafka$2/logs/server.log" 60 ;;
    worker) start_cluster_spark worker "$2"; wait_worker "$2" 60 ;;
    *) tw_die "unknown part '$1': cassandra, kafka or worker" ;;
  esac
}

cluster_pidfile() { # part, n
  case "$1" in
    cassandra) echo "$CLUSTER_DIR/cassandra$2/cassandra.pid" ;;
    kafka) echo "$CLUSTER_DIR/kafka$2/kafka.pid" ;;
    worker) echo "$CLUSTER_DIR/spark-worker$2/spark.pid" ;;
    master) echo "$CLUSTER_DIR/spark-master/spark.pid" ;;
    *) tw_die "unknown part '$1': cassandra, kafka or worker" ;;
  esac
}

check_part() { # part, n
  case "${1:-}:${2:-}" in
    cassandra:[123]|kafka:[123]|worker:[23]) ;;
    *) cluster_usage >&2; tw_die "name a part and its number: cassandra 1-3, kafka 1-3 or worker 2-3" ;;
  esac
}

# SIGKILL, as a crash: no shutdown hook runs. A worker's executors notice their worker is gone and exit.
cluster_kill() { # part, n
  check_part "$@"
  local pidf; pidf=$(cluster_pidfile "$@")
  pid_alive "$pidf" || { echo "$1 $2: not running"; return 0; }
  local pid; pid=$(cat "$pidf")
  if [[ $1 == worker ]]; then
    # spark-class runs the worker's JVM as its child
    pkill -KILL -P "$pid" 2>/dev/null || true
  fi
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  echo "$1 $2: killed (SIGKILL, pid $pid)"
}

cluster_up() {
  JAVA17=$(tw_java17) || tw_die "Java 17 is needed to run Cassandra 5.0 and none was found: apt-get install openjdk-17-jdk-headless"
  ensure_runtime kafka
  ensure_runtime cassandra
  cluster_spark_home >/dev/null
  mkdir -p "$CLUSTER_DIR"
  local n
  # the seed first: the other two join through it
  start_cluster_cassandra 1
  for n in 1 2 3; do start_cluster_kafka "$n"; done
  start_cluster_spark master
  wait_host_port "cassandra 1" "$CLUSTER_DIR/cassandra1/cassandra.pid" 127.0.0.1 "$TW_CLUSTER_CQL_PORT" \
    "$CLUSTER_DIR/cassandra1/logs/system.log" 120 || return 1
  start_cluster_cassandra 2
  start_cluster_cassandra 3
  for n in 1 2 3; do
    wait_host_port "kafka $n" "$CLUSTER_DIR/kafka$n/kafka.pid" "${CLUSTER_HOSTS[$((n - 1))]}" "$TW_CLUSTER_KAFKA_PORT" \
      "$CLUSTER_DIR/kafka$n/logs/server.log" 60 || return 1
  done
  wait_host_port "spark master" "$CLUSTER_DIR/spark-master/spark.pid" 127.0.0.1 "$TW_CLUSTER_SPARK_PORT" \
    "$CLUSTER_DIR/spark-master/logs/master.log" 60 || return 1
  start_cluster_spark worker 2
  start_cluster_spark worker 3
  for n in 2 3; do
    wait_host_port "cassandra $n" "$CLUSTER_DIR/cassandra$n/cassandra.pid" "${CLUSTER_HOSTS[$((n - 1))]}" "$TW_CLUSTER_CQL_PORT" \
      "$CLUSTER_DIR/cassandra$n/logs/system.log" 120 || return 1
  done
  for n in 2 3; do wait_worker "$n" 60 || return 1; done
  echo "state: $CLUSTER_DIR; point the layers at it with: eval \"\$(bin/trendwatch cluster env)\""
}

cluster_down() {
  local n
  for n in 2 3; do stop_service "spark worker $n" "$CLUSTER_DIR/spark-worker$n/spark.pid"; done
  stop_service "spark master" "$CLUSTER_DIR/spark-master/spark.pid"
  # side by side: a broker's controlled shutdown needs the controller quorum of the others
  for n in 3 2 1; do stop_service "cassandra $n" "$CLUSTER_DIR/cassandra$n/cassandra.pid" & done
  for n in 3 2 1; do stop_service "kafka $n" "$CLUSTER_DIR/kafka$n/kafka.pid" & done
  wait
}

status_part() { # name, pidfile, host, port, log
  if pid_alive "$2" && host_port_open "$3" "$4"; then
    echo "$1: running (pid $(cat "$2")) on $3:$4, log: $5"; return 0
  elif pid_alive "$2"; then
    echo "$1: starting (pid $(cat "$2")), $3:$4 not open yet, log: $5"; return 1
  fi
  echo "$1: stopped"; return 1
}

cluster_status() {
  local rc=0 n host
  for n in 1 2 3; do
    host=${CLUSTER_HOSTS[$((n - 1))]}
    status_part "cassandra $n" "$CLUSTER_DIR/cassandra$n/cassandra.pid" "$host" "$TW_CLUSTER_CQL_PORT" \
      "$CLUSTER_DIR/cassandra$n/logs/system.log" || rc=1
  done
  for n in 1 2 3; do
    host=${CLUSTER_HOSTS[$((n - 1))]}
    status_part "kafka $n" "$CLUSTER_DIR/kafka$n/kafka.pid" "$host" "$TW_CLUSTER_KAFKA_PORT" "$CLUSTER_DIR/kafka$n/logs/server.log" || rc=1
  done
  status_part "spark master" "$CLUSTER_DIR/spark-master/spark.pid" 127.0.0.1 "$TW_CLUSTER_SPARK_PORT" \
    "$CLUSTER_DIR/spark-master/logs/master.log" || rc=1
  for n in 2 3; do
    if pid_alive "$CLUSTER_DIR/spark-worker$n/spark.pid"; then
      echo "spark worker $n: running (pid $(cat "$CLUSTER_DIR/spark-worker$n/spark.pid")) on ${CLUSTER_HOSTS[$((n - 1))]}, log: $CLUSTER_DIR/spark-worker$n/logs/worker.log"
    else
      echo "spark worker $n: stopped"; rc=1
    fi
  done
  return $rc
}

# What every layer reads to use the cluster: three contact points and bootstrap servers, replication 3 with
# LOCAL_QUORUM, the standalone master (bin/trendwatch then starts the Spark layers with spark-submit), and the
# layers' own state beside the cluster's: checkpoints and the master dataset name its offsets, and go with it.
cluster_env() {
  cat <<ENV
export TRENDWATCH_CASSANDRA=$(cluster_cql_points)
export TRENDWATCH_CASSANDRA_STORAGE_PORT=$TW_CLUSTER_STORAGE_PORT
export TRENDWATCH_CASSANDRA_DC=datacenter1
export TRENDWATCH_REPLICATION=NetworkTopologyStrategy:datacenter1=3
export TRENDWATCH_CONSISTENCY=LOCAL_QUORUM
export TRENDWATCH_KAFKA=$(cluster_bootstrap)
export TRENDWATCH_SPARK_MASTER=$(cluster_master_url)
export TRENDWATCH_SPARK_HOME=$(cluster_spark_home)
export TRENDWATCH_SPARK_SUBMIT_ARGS="--total-executor-cores 2 --executor-cores 1 --executor-memory 1g"
export TRENDWATCH_MASTER=$CLUSTER_DIR/master
export TRENDWATCH_CHECKPOINTS=$CLUSTER_DIR/checkpoints
export TRENDWATCH_MODELS=$CLUSTER_DIR/models
ENV
}

cluster_reset() {
  [[ ${1:-} == --yes ]] || tw_die "reset deletes the cluster's data, topics, logs, checkpoints, master dataset and models under $CLUSTER_DIR; run 'trendwatch cluster reset --yes'"
  cluster_down
  rm -rf "$CLUSTER_DIR"
  echo "cluster state under $CLUSTER_DIR deleted"
}

cluster_main() {
  if tw_wants_help "$@"; then cluster_usage; return 0; fi
  case "${1:-}" in
    up) cluster_up ;;
    down) cluster_down ;;
    status) cluster_status ;;
    env) cluster_env ;;
    kill) shift; cluster_kill "$@" ;;
    start) shift; check_part "$@"; JAVA17=$(tw_java17) || tw_die "Java 17 is needed"; cluster_start_part "$@" ;;
    reset) shift; cluster_reset "$@" ;;
    -h|--help|help|"") cluster_usage ;;
    *) cluster_usage >&2; return 2 ;;
  esac
}
