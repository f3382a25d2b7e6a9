#!/usr/bin/env bash
# `trendwatch` inside the images (batch jobs, Airflow workers): `batch ARGS`, `model ARGS`, `publish`.
# The jars sit beside this script's folder: $TRENDWATCH_ROOT (default /opt/trendwatch).
set -euo pipefail
cd "${TRENDWATCH_ROOT:-/opt/trendwatch}"
case "${1:-}" in
  batch) shift; exec java @bin/lib/spark-jvm.options -XX:MaxRAMPercentage=75 -jar batch-layer/trendwatch-batch-layer.jar "$@" ;;
  model) shift; exec java -XX:MaxRAMPercentage=75 -jar model/trendwatch-model.jar "$@" ;;
  publish)
    # the API drops its cached trends and views (admin task); an absent serving layer is not an error
    url=${TRENDWATCH_ADMIN_URL:-http://127.0.0.1:8081}; hostport=${url#http://}; hostport=${hostport%%/*}
    if exec 3<>"/dev/tcp/${hostport%%:*}/${hostport##*:}" 2>/dev/null; then
      printf 'POST /tasks/clear-caches HTTP/1.0\r\nAuthorization: Bearer %s\r\nContent-Length: 0\r\n\r\n' \
        "${TRENDWATCH_ADMIN_TOKEN:-}" >&3
      echo "publish: $(head -n 1 <&3)"
    else
      echo "publish: no serving layer answered at $url; its cache expires by itself"
    fi ;;
  *) echo "usage: batch ARGS | model ARGS | publish" >&2; exit 2 ;;
esac
