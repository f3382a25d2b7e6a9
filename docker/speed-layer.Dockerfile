# syntax=docker/dockerfile:1
# The speed layer (Spark Structured Streaming, local mode inside the container; on Kubernetes the
# same jar runs under the Spark operator, see kubernetes/). Build from the repository root:
#   docker build -f docker/speed-layer.Dockerfile -t trendwatch/speed-layer .

# the bases are arguments so that a build without Docker Hub can pass its own (deploy-tests/images does)
# checkov:skip=CKV_DOCKER_7: FROM names a build argument; its default is a pinned tag (deploy-tests check it)
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -pl speed-layer -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 trendwatch \
    && useradd --system --uid 10001 --gid trendwatch --home-dir /opt/trendwatch --shell /usr/sbin/nologin trendwatch \
    && mkdir -p /var/lib/trendwatch/checkpoints /var/lib/trendwatch/models /var/cache/trendwatch/djl \
    && chown -R trendwatch:trendwatch /var/lib/trendwatch /var/cache/trendwatch
WORKDIR /opt/trendwatch
COPY --from=build /src/speed-layer/target/trendwatch-speed-layer.jar speed-layer/trendwatch-speed-layer.jar
COPY --from=build /src/speed-layer/target/lib speed-layer/lib
COPY bin/lib/spark-jvm.options bin/lib/spark-jvm.options
ENV TRENDWATCH_HOME=/var/lib/trendwatch \
    TRENDWATCH_MODELS=/var/lib/trendwatch/models \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/var/cache/trendwatch/djl \
    SPARK_LOCAL_IP=127.0.0.1
USER 10001
VOLUME ["/var/lib/trendwatch"]
# alive = a micro-batch committed an offset in the last five minutes
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["bash", "-c", "find /var/lib/trendwatch/checkpoints/speed -path '*/offsets/*' -mmin -5 | grep -q ."]
ENTRYPOINT ["java", "@bin/lib/spark-jvm.options", "-XX:MaxRAMPercentage=75", "-jar", "speed-layer/trendwatch-speed-layer.jar"]
CMD ["start", "--checkpoint-dir", "/var/lib/trendwatch/checkpoints/speed"]
