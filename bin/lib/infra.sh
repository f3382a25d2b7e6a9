# `trendwatch infra up|down|status|reset`: a real Kafka broker (KRaft) and a
# real Cassandra node, each in its own JVM on 127.0.0.1, with all state under
# $TRENDWATCH_HOME. Sourced by bin/trendwatch.

INFRA_LIB=$TRENDWATCH_HOME/lib
KAFKA_DIR=$TRENDWATCH_HOME/kafka
CASSANDRA_DIR=$TRENDWATCH_HOME/cassandra

infra_usage() {
  cat <<USAGE
Usage: trendwatch infra up|down [kafka|cassandra] | status | reset --yes

  up       start Kafka ($TRENDWATCH_KAFKA) and Cassandra ($TRENDWATCH_CASSANDRA), or the one named; no-op if running
  down     stop both, or the one named (by the pids recorded at start)
  status   say what runs, where it listens and where it logs
  reset    --yes: stop both and delete all local state under $TRENDWATCH_HOME
           (topics, tables, checkpoints, master dataset, models)

Ports: TW_KAFKA_PORT=$TW_KAFKA_PORT TW_KAFKA_CONTROLLER_PORT=$TW_KAFKA_CONTROLLER_PORT \
TW_CASSANDRA_PORT=$TW_CASSANDRA_PORT TW_CASSANDRA_STORAGE_PORT=$TW_CASSANDRA_STORAGE_PORT
State: TRENDWATCH_HOME=$TRENDWATCH_HOME
USAGE
}

port_owner() {
  command -v ss >/dev/null && ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
}

require_free_port() { # port, what, variable
  if port_open "$1"; then
    local owner; owner=$(port_owner "$1")
    tw_die "port $1 ($2) is already in use${owner:+ by $owner}. Stop that process, or pick another port with $3=..."
  fi
}

# Copies a service's runtime classpath out of the local Maven repository (downloading it once).
ensure_runtime() { # name
  local dest=$INFRA_LIB/$1
  [[ -f $dest/.complete ]] && return 0
  command -v mvn >/dev/null || tw_die "Maven is needed to fetch the $1 runtime: apt-get install maven"
  tw_say "fetching the $1 runtime from Maven Central into $dest (once)"
  mkdir -p "$dest" "$TRENDWATCH_HOME"
  local log=$TRENDWATCH_HOME/fetch-$1.log
  if ! mvn -B -ntp -f "$TW_ROOT/infra/$1/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$dest" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    tw_die "could not fetch the $1 runtime; Maven's output is in $log"
  fi
  touch "$dest/.complete"
}

fill_template() { # template, output, then KEY=VALUE...
  local tpl=$1 out=$2; shift 2
  local expr=() kv
  for kv in "$@"; do expr+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  sed "${expr[@]}" "$tpl" > "$out"
}

# TW_INFRA_AUTH=on: Kafka takes SCRAM-SHA-256 logins only (user trendwatch) and Cassandra PasswordAuthenticator
# logins (its default superuser cassandra/cassandra), both with the password $TW_INFRA_PASSWORD for Kafka.
# Off by default: the local stack stays open. Decided when the state folder is first made.
infra_auth() { [[ ${TW_INFRA_AUTH:-off} == on ]]; }
infra_password() { echo "${TW_INFRA_PASSWORD:-trendwatch-local}"; }

# TW_INFRA_SCHEMA_FLUSH=off: the Cassandra node does not flush its schema tables to disk on every schema change
# (cassandra.unsafesystem): a keyspace of all the migrations takes about 9 s less on two cores, and a node killed
# may come back without its latest schema changes. For throw-away state only: bin/test sets it for its own
# services, whose state it resets on every run; on by default.
infra_schema_flush_opts() { [[ ${TW_INFRA_SCHEMA_FLUSH:-on} == off ]] && echo -Dcassandra.unsafesystem=true || true; }

start_kafka() {
  already_running kafka "$KAFKA_DIR/kafka.pid" && return 0
  require_free_port "$TW_KAFKA_PORT" "Kafka" TW_KAFKA_PORT
  require_free_port "$TW_KAFKA_CONTROLLER_PORT" "Kafka controller" TW_KAFKA_CONTROLLER_PORT
  ensure_runtime kafka
  mkdir -p "$KAFKA_DIR/conf" "$KAFKA_DIR/logs" "$KAFKA_DIR/data"
  fill_template "$TW_ROOT/infra/kafka/server.properties.template" "$KAFKA_DIR/conf/server.properties" \
    PORT="$TW_KAFKA_PORT" CONTROLLER_PORT="$TW_KAFKA_CONTROLLER_PORT" DIR="$KAFKA_DIR" HOST=127.0.0.1 NODE_ID=1 \
    VOTERS="1@127.0.0.1:$TW_KAFKA_CONTROLLER_PORT" REPLICATION=1 MIN_ISR=1
  local scram=()
  if infra_auth; then
    # clients and the broker itself log in with SCRAM-SHA-256 as user trendwatch; the controller stays on loopback plaintext
    local conf=$KAFKA_DIR/conf/server.properties
    sed -i -e 's|PLAINTEXT://|SASL_PLAINTEXT://|g' -e 's|^inter.broker.listener.name=.*|inter.broker.listener.name=SASL_PLAINTEXT|' \
      -e 's|^listener.security.protocol.map=.*|listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT|' "$conf"
    cat >>"$conf" <<EOF2
sasl.enabled.mechanisms=SCRAM-SHA-256
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="trendwatch" password="$(infra_password)";
EOF2
    scram=(--add-scram "SCRAM-SHA-256=[name=trendwatch,password=$(infra_password)]")
  fi
  cp "$TW_ROOT/infra/kafka/log4j2.xml" "$KAFKA_DIR/conf/log4j2.xml"
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    local uuid; uuid=$(kafka_storage_tool "$KAFKA_DIR" random-uuid)
    kafka_storage_tool "$KAFKA_DIR" format -t "$uuid" "${scram[@]}" -c "$KAFKA_DIR/conf/server.properties" >>"$KAFKA_DIR/logs/format.log" \
      || tw_die "formatting Kafka storage failed; see $KAFKA_DIR/logs/format.log"
  fi
  launch_kafka "$KAFKA_DIR" 256m 1g
}

# Kafka's StorageTool for the broker whose folder is $1 (conf/, logs/), then its arguments; its log in logs/format.log.
kafka_storage_tool() {
  local d=$1; shift
  "$JAVA17" -Dlog4j2.configurationFile="$d/conf/log4j2.xml" -Dkafka.logs.dir="$d/logs" -cp "$INFRA_LIB/kafka/*" \
      kafka.tools.StorageTool "$@" 2>>"$d/logs/format.log"
}

launch_kafka() { # dir, initial heap, max heap: the broker of dir/conf/server.properties, its pid in dir/kafka.pid
  local d=$1
  setsid nohup "$JAVA17" -Xms"$2" -Xmx"$3" -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$d/conf/log4j2.xml" -Dkafka.logs.dir="$d/logs" \
      -cp "$INFRA_LIB/kafka/*" kafka.Kafka "$d/conf/server.properties" \
      >"$d/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$d/kafka.pid"
}

CASSANDRA_JVM_OPENS=(
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
  --add-exports java.sql/java.sql=ALL-UNNAMED
  --add-exports java.base/java.lang.ref=ALL-UNNAMED
  --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
  --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
  --add-opens java.base/java.lang.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
  --add-opens java.base/jdk.internal.math=ALL-UNNAMED
  --add-opens java.base/jdk.internal.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED
)

start_cassandra() {
  local pidf=$CASSANDRA_DIR/cassandra.pid
  already_running cassandra "$pidf" && return 0
  require_free_port "$TW_CASSANDRA_PORT" "Cassandra CQL" TW_CASSANDRA_PORT
  require_free_port "$TW_CASSANDRA_STORAGE_PORT" "Cassandra storage" TW_CASSANDRA_STORAGE_PORT
  ensure_runtime cassandra
  local d=$CASSANDRA_DIR
  mkdir -p "$d"/{conf,logs,data,commitlog,saved_caches,hints,cdc_raw,triggers}
  fill_template "$TW_ROOT/infra/cassandra/cassandra.yaml.template" "$d/conf/cassandra.yaml" \
    CQL_PORT="$TW_CASSANDRA_PORT" STORAGE_PORT="$TW_CASSANDRA_STORAGE_PORT" \
    SSL_STORAGE_PORT="$((TW_CASSANDRA_STORAGE_PORT + 1))" DIR="$d" HOST=127.0.0.1 SEED=127.0.0.1 \
    CLUSTER_NAME=trendwatch-local HINTS=false \
    AUTHENTICATOR="$(infra_auth && echo PasswordAuthenticator || echo AllowAllAuthenticator)"
  # shellcheck disable=SC2046 # one option or none
  launch_cassandra "$d" 2g $(infra_schema_flush_opts)
}

# Starts a Cassandra node whose cassandra.yaml is in DIR/conf, all its state under DIR; its pid goes to
# DIR/cassandra.pid. Extra JVM options (the cluster's faster gossip) come last.
launch_cassandra() { # dir, max heap, JVM options...
  local d=$1 heap=$2; shift 2
  cp "$TW_ROOT/infra/cassandra/logback.xml" "$d/conf/logback.xml"
  local jamm; jamm=$(ls "$INFRA_LIB"/cassandra/jamm-*.jar | head -1)
  setsid nohup "$JAVA17" -Xms256m -Xmx"$heap" -Xss256k -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:+ExitOnOutOfMemoryError \
      "${CASSANDRA_JVM_OPENS[@]}" -javaagent:"$jamm" \
      -Djdk.attach.allowAttachSelf=true -Djava.net.preferIPv4Stack=true \
      -Dcassandra.config="file://$d/conf/cassandra.yaml" -Dcassandra.storagedir="$d" \
      -Dcassandra.logdir="$d/logs" -Dcassandra.triggers_dir="$d/triggers" \
      -Dcassandra-foreground=yes -Dcassandra.shutdown_announce_in_ms=0 -Dcassandra.superuser_setup_delay_ms=0 \
      -Dlogback.configurationFile="file://$d/conf/logback.xml" "$@" \
      -cp "$INFRA_LIB/cassandra/*" org.apache.cassandra.service.CassandraDaemon \
      >"$d/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$d/cassandra.pid"
}

# whether something listens on host:port (the loopback cluster's nodes each have an address of their own)
host_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_host_port() { # name, pidfile, host, port, log, seconds
  local name=$1 pidf=$2 host=$3 port=$4 log=$5 limit=$6 waited=0
  while ! host_port_open "$host" "$port"; do
    if ! pid_alive "$pidf"; then
      echo "$name exited during start-up; last lines of $log:" >&2
      tail -n 25 "$log" >&2
      return 1
    fi
    if (( waited >= limit * 5 )); then
      echo "$name did not open port $port on $host within ${limit}s; see $log" >&2
      return 1
    fi
    sleep 0.2; waited=$((waited + 1))
  done
  echo "$name: ready on $host:$port (pid $(cat "$pidf"), waited $((waited / 5)) s), log: $log"
}

wait_ready() { # name, pidfile, port, log, seconds
  wait_host_port "$1" "$2" 127.0.0.1 "$3" "$4" "$5"
}

stop_service() { # name, pidfile
  local name=$1 pidf=$2
  if ! pid_alive "$pidf"; then echo "$name: not running"; rm -f "$pidf"; return 0; fi
  local pid; pid=$(cat "$pidf")
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name: still running after 30 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidf"
  echo "$name: stopped (pid $pid)"
}

status_service() { # name, pidfile, port, log
  if pid_alive "$2"; then
    if port_open "$3"; then
      echo "$1: running (pid $(cat "$2")) on 127.0.0.1:$3, log: $4"
    else
      echo "$1: starting (pid $(cat "$2")), port $3 not open yet, log: $4"
    fi
    return 0
  fi
  echo "$1: stopped"
  return 1
}

# infra up|down [kafka|cassandra]: one service, or both.
infra_up() {
  local only=${1:-}
  JAVA17=$(tw_java17) || tw_die "Java 17 is needed to run Cassandra 5.0 and none was found${TRENDWATCH_JAVA17:+ (TRENDWATCH_JAVA17=$TRENDWATCH_JAVA17 is not Java 17)}.
Install it (apt-get install openjdk-17-jdk-headless) or point TRENDWATCH_JAVA17 at its bin/java."
  [[ $only == cassandra ]] || start_kafka
  [[ $only == kafka ]] || start_cassandra
  if [[ $only != cassandra ]]; then
    wait_ready kafka "$KAFKA_DIR/kafka.pid" "$TW_KAFKA_PORT" "$KAFKA_DIR/logs/server.log" 60 || return 1
  fi
  if [[ $only != kafka ]]; then
    wait_ready cassandra "$CASSANDRA_DIR/cassandra.pid" "$TW_CASSANDRA_PORT" "$CASSANDRA_DIR/logs/system.log" 120 || return 1
  fi
  echo "state: $TRENDWATCH_HOME"
}

infra_down() {
  local only=${1:-}
  [[ $only == kafka ]] || stop_service cassandra "$CASSANDRA_DIR/cassandra.pid"
  [[ $only == cassandra ]] || stop_service kafka "$KAFKA_DIR/kafka.pid"
}

check_service_name() {
  case "${1:-}" in ""|kafka|cassandra) ;; *) infra_usage >&2; tw_die "unknown service '$1': kafka or cassandra" ;; esac
}

infra_status() {
  local rc=0
  status_service kafka "$KAFKA_DIR/kafka.pid" "$TW_KAFKA_PORT" "$KAFKA_DIR/logs/server.log" || rc=1
  status_service cassandra "$CASSANDRA_DIR/cassandra.pid" "$TW_CASSANDRA_PORT" "$CASSANDRA_DIR/logs/system.log" || rc=1
  return $rc
}

infra_reset() {
  [[ ${1:-} == --yes ]] || tw_die "reset deletes every topic, table, checkpoint, the master dataset and the models under $TRENDWATCH_HOME; run 'trendwatch infra reset --yes' to do it"
  infra_down
  local item
  for item in "$TRENDWATCH_HOME"/*; do
    [[ -e $item ]] || continue
    [[ $item == "$INFRA_LIB" ]] && continue   # downloaded jars are not state
    rm -rf "$item"
  done
  echo "local state under $TRENDWATCH_HOME deleted"
}

infra_main() {
  if tw_wants_help "$@"; then infra_usage; return 0; fi
  case "${1:-}" in
    up) check_service_name "${2:-}"; infra_up "${2:-}" ;;
    down) check_service_name "${2:-}"; infra_down "${2:-}" ;;
    status) infra_status ;;
    reset) shift; infra_reset "$@" ;;
    -h|--help|help|"") infra_usage ;;
    *) infra_usage >&2; return 2 ;;
  esac
}
