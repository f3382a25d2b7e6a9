# Shared settings of the trendwatch scripts. Sourced, never run.
# Every location and port can be overridden from the environment, so the test
# suite runs its own services beside a developer's demo stack.

TW_ROOT=${TW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TRENDWATCH_HOME=${TRENDWATCH_HOME:-$TW_ROOT/.trendwatch}
TW_KAFKA_PORT=${TW_KAFKA_PORT:-9092}
TW_KAFKA_CONTROLLER_PORT=${TW_KAFKA_CONTROLLER_PORT:-9093}
TW_CASSANDRA_PORT=${TW_CASSANDRA_PORT:-9042}
TW_CASSANDRA_STORAGE_PORT=${TW_CASSANDRA_STORAGE_PORT:-7000}
TW_SHARED_DIR=${TRENDWATCH_SHARED_DIR:-$TW_ROOT/../shared}

# What the Java tools read to find the services.
export TRENDWATCH_KAFKA=${TRENDWATCH_KAFKA:-127.0.0.1:$TW_KAFKA_PORT}
export TRENDWATCH_CASSANDRA=${TRENDWATCH_CASSANDRA:-127.0.0.1:$TW_CASSANDRA_PORT}
export TRENDWATCH_HOME TRENDWATCH_SHARED_DIR=$TW_SHARED_DIR
# How a batch run with --view-load sstable loads its staged rows (a JVM on Cassandra's classpath, bin/view-loader)
export TRENDWATCH_VIEW_LOADER=${TRENDWATCH_VIEW_LOADER:-$TW_ROOT/bin/view-loader}
export TRENDWATCH_CASSANDRA_STORAGE_PORT=${TRENDWATCH_CASSANDRA_STORAGE_PORT:-$TW_CASSANDRA_STORAGE_PORT}
# DJL: never download, and unpack PyTorch's native libraries once, outside target/
export DJL_OFFLINE=true DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.cache/trendwatch/djl}

tw_say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
tw_die() { printf 'trendwatch: %s\n' "$*" >&2; exit 1; }

# The jars are rebuilt when any source or pom is newer than them.
TW_CLI_JAR=$TW_ROOT/cli/target/trendwatch-cli.jar

tw_jars_exist() {
  [[ -f $TW_CLI_JAR && -f $TW_ROOT/speed-layer/target/trendwatch-speed-layer.jar && -f $TW_ROOT/batch-layer/target/trendwatch-batch-layer.jar \
     && -f $TW_ROOT/serving-layer/target/trendwatch-serving-layer.jar && -f $TW_ROOT/model/target/trendwatch-model-tool.jar \
     && -f $TW_ROOT/view-loader/target/trendwatch-view-loader.jar ]]
}

tw_ensure_built() {
  local jar=$TW_CLI_JAR
  if tw_jars_exist \
        && [[ -z $(find "$TW_ROOT/pom.xml" "$TW_ROOT"/core "$TW_ROOT"/store "$TW_ROOT"/cli "$TW_ROOT"/model \
        "$TW_ROOT"/*-layer "$TW_ROOT"/view-loader -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) \
        -newer "$jar" -print -quit 2>/dev/null) ]]; then
    return 0
  fi
  # a rebuild rewrites the jars in place: a layer running from them would fail on its next class load
  local running
  running=$(pgrep -f "$TW_ROOT/[a-z-]*/target/trendwatch-[a-z-]*\.jar" 2>/dev/null | head -n 1 || true)
  if [[ -n $running && -f $jar ]]; then
    tw_say "sources changed since the last build; not rebuilding while a layer runs from the jars (pid $running): stop it to rebuild"
    return 0
  fi
  command -v mvn >/dev/null || tw_die "Maven is needed to build trendwatch: apt-get install maven"
  tw_say "building trendwatch (the first build downloads its dependencies, about 2 minutes; later ones under a minute)"
  mkdir -p "$TRENDWATCH_HOME"
  local log=$TRENDWATCH_HOME/build.log
  if ! (cd "$TW_ROOT" && mvn -B -ntp -DskipTests package >"$log" 2>&1); then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2
    tw_die "the build failed; Maven's output is in $log"
  fi
}

# Whether the arguments ask for help: then a command prints it and does nothing else (no build when the jars exist).
# whether something listens on a loopback port; whether a pid file names a live process
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
already_running() { # name, pid file: true, and says so, when that process runs
  pid_alive "$2" || return 1
  echo "$1: already running (pid $(cat "$2"))"
}

tw_wants_help() {
  local a
  for a in "$@"; do
    [[ $a == -h || $a == --help ]] && return 0
  done
  return 1
}

# Builds the jars unless the arguments only ask for help and the jars are there to print it.
tw_ensure_built_for() {
  if tw_wants_help "$@" && tw_jars_exist; then
    return 0
  fi
  tw_ensure_built
}

is_java17() { "$1" -version 2>&1 | head -1 | grep -qE 'version "17[."]'; }

# Java 17 is what Cassandra 5.0 supports; the tools run on it as well.
# TRENDWATCH_JAVA17, when set, is the only candidate.
tw_java17() {
  if [[ -n ${TRENDWATCH_JAVA17:-} ]]; then
    [[ -x $TRENDWATCH_JAVA17 ]] && is_java17 "$TRENDWATCH_JAVA17" && { echo "$TRENDWATCH_JAVA17"; return 0; }
    return 1
  fi
  local candidate
  for candidate in "$(command -v java || true)" /usr/lib/jvm/java-17-openjdk-*/bin/java \
                   /usr/lib/jvm/temurin-17*/bin/java; do
    [[ -n $candidate && -x $candidate ]] || continue
    if is_java17 "$candidate"; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

# The admin token of the serving layer (its admin tasks need it): $TRENDWATCH_ADMIN_TOKEN, or one made once
# for this machine in $TRENDWATCH_HOME/admin-token (readable by its owner only), shared by `serve` and `publish`.
tw_admin_token() {
  if [[ -z ${TRENDWATCH_ADMIN_TOKEN:-} ]]; then
    local file=$TRENDWATCH_HOME/admin-token
    if [[ ! -s $file ]]; then
      mkdir -p "$TRENDWATCH_HOME"
      (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
    fi
    TRENDWATCH_ADMIN_TOKEN=$(<"$file")
  fi
  export TRENDWATCH_ADMIN_TOKEN
}
