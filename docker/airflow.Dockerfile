# syntax=docker/dockerfile:1
# Airflow with the trendwatch DAGs, able to run the batch jobs itself (TRENDWATCH_LAUNCH=local, a
# JRE and the jars inside) or to hand them to a Spark cluster (TRENDWATCH_LAUNCH=spark-submit).
# Build from the repository root:
#   docker build -f docker/airflow.Dockerfile -t trendwatch/airflow .

# the bases are arguments so that a build without Docker Hub can pass its own (deploy-tests/images does)
# checkov:skip=CKV_DOCKER_7: FROM names a build argument; its default is a pinned tag (deploy-tests check it)
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG AIRFLOW_IMAGE=apache/airflow:3.3.2-python3.11

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests -pl batch-layer,model -am package

FROM ${AIRFLOW_IMAGE}
USER 0
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/trendwatch /var/cache/trendwatch/djl \
    && chown -R 50000:0 /var/lib/trendwatch /var/cache/trendwatch
COPY --from=build /src/batch-layer/target/trendwatch-batch-layer.jar /opt/trendwatch/batch-layer/trendwatch-batch-layer.jar
COPY --from=build /src/batch-layer/target/lib /opt/trendwatch/batch-layer/lib
COPY --from=build /src/model/target/trendwatch-model-tool.jar /opt/trendwatch/model/trendwatch-model.jar
COPY --from=build /src/model/target/lib /opt/trendwatch/model/lib
COPY bin/lib/spark-jvm.options /opt/trendwatch/bin/lib/spark-jvm.options
COPY docker/trendwatch-job.sh /opt/trendwatch/bin/trendwatch
COPY airflow-dags/requirements.txt airflow-dags/constraints.txt /opt/trendwatch/airflow-dags/
COPY --chown=50000:0 airflow-dags/ /opt/airflow/dags/
USER 50000
RUN pip install --no-cache-dir apache-airflow-providers-standard==1.21.0 apache-airflow-providers-apache-spark==6.3.4 \
        -c /opt/trendwatch/airflow-dags/constraints.txt
ENV TRENDWATCH_ROOT=/opt/trendwatch \
    TRENDWATCH_LAUNCH=local \
    TRENDWATCH_HOME=/var/lib/trendwatch \
    TRENDWATCH_MODELS=/var/lib/trendwatch/models \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/var/cache/trendwatch/djl \
    SPARK_LOCAL_IP=127.0.0.1 \
    AIRFLOW__CORE__LOAD_EXAMPLES=False
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=5 \
    CMD ["airflow", "jobs", "check", "--job-type", "SchedulerJob", "--local"]
