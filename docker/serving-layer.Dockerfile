# syntax=docker/dockerfile:1
# The serving layer (REST API + admin). Build from the repository root:
#   docker build -f docker/serving-layer.Dockerfile -t trendwatch/serving-layer .

# the bases are arguments so that a build without Docker Hub can pass its own (deploy-tests/images does)
# checkov:skip=CKV_DOCKER_7: FROM names a build argument; its default is a pinned tag (deploy-tests check it)
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# the reactor reads every module's pom, so the whole tree goes in; .dockerignore keeps targets and state out
COPY . .
RUN mvn -B -ntp -DskipTests -pl serving-layer -am package

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 trendwatch \
    && useradd --system --uid 10001 --gid trendwatch --home-dir /opt/trendwatch --shell /usr/sbin/nologin trendwatch
WORKDIR /opt/trendwatch
COPY --from=build /src/serving-layer/target/trendwatch-serving-layer.jar serving-layer/trendwatch-serving-layer.jar
COPY serving-layer/config.yml serving-layer/config.yml
USER 10001
# 8080: the public API; 8081: admin (health checks, metrics, Prometheus, tasks)
EXPOSE 8080 8081
# alive = the admin port answers; readiness (Cassandra reachable) is the orchestrator's probe
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /ping HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# throughput collector, heap fixed at 75 % of the container, half of it young: requests allocate and keep nothing
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-XX:NewRatio=1", "-jar", "serving-layer/trendwatch-serving-layer.jar"]
CMD ["server", "serving-layer/config.yml"]
