# syntax=docker/dockerfile:1
# The batch jobs and the model tools: what the nightly DAG launches (as a Kubernetes Job or a pod,
# or its jar under spark-submit). Build from the repository root:
#   docker build -f docker/batch-layer.Dockerfile -t trendwatch/batch-layer .
# Run: docker run trendwatch/batch-layer batch run --as-of 2026-11-27T00:30:00Z

# the bases are arguments so that a build without Docker Hub can pass its own (deploy-tests/images does)
# checkov:skip=CKV_DOCKER_7: FROM names a build argument; its default is a pinned tag (deploy-tests check it)
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -pl batch-layer,model -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 trendwatch \
    && useradd --system --uid 10001 --gid trendwatch --home-dir /opt/trendwatch --shell /usr/sbin/nologin trendwatch \
    && mkdir -p /var/lib/trendwatch/master /var/lib/trendwatch/models /var/cache/trendwatch/djl \
    && chown -R trendwatch:trendwatch /var/lib/trendwatch /var/cache/trendwatch
WORKDIR /opt/trendwatch
COPY --from=build /src/batch-layer/target/trendwatch-batch-layer.jar batch-layer/trendwatch-batch-layer.jar
COPY --from=build /src/batch-layer/target/lib batch-layer/lib
COPY --from=build /src/model/target/trendwatch-model-tool.jar model/trendwatch-model.jar
COPY --from=build /src/model/target/lib model/lib
COPY bin/lib/spark-jvm.options bin/lib/spark-jvm.options
COPY docker/trendwatch-job.sh bin/trendwatch-job
ENV TRENDWATCH_HOME=/var/lib/trendwatch \
    TRENDWATCH_MODELS=/var/lib/trendwatch/models \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/var/cache/trendwatch/djl \
    SPARK_LOCAL_IP=127.0.0.1
USER 10001
VOLUME ["/var/lib/trendwatch"]
# a job, not a service: it runs to completion, so there is nothing to probe
HEALTHCHECK NONE
ENTRYPOINT ["/opt/trendwatch/bin/trendwatch-job"]
CMD ["batch", "--help"]
