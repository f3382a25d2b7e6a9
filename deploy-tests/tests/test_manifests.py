"""The Kubernetes manifests render (kustomize), validate against the Kubernetes schemas, pass the
security scan with only the findings accepted in kubernetes/README.md, and agree with the
application: ports, probes, config file and keys, main classes, paths, metric names."""

from __future__ import annotations

import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, default_of, final_name, free_port, main_class, running, serving_ports, source_of

STANDARD_GROUPS = ("v1", "apps/v1", "batch/v1", "autoscaling/v2", "rbac.authorization.k8s.io/v1",
                   "networking.k8s.io/v1")
CUSTOM = {
    ("sparkoperator.k8s.io/v1beta2", "SparkApplication"),
    ("k8ssandra.io/v1alpha1", "K8ssandraCluster"),
    ("kafka.strimzi.io/v1beta2", "Kafka"),
    ("kafka.strimzi.io/v1beta2", "KafkaNodePool"),
    ("kafka.strimzi.io/v1beta2", "KafkaTopic"),
    ("kafka.strimzi.io/v1beta2", "KafkaUser"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
}


def one(docs, kind, name=None):
    found = [d for d in docs if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]
    assert len(found) == 1, f"{kind} {name}: {len(found)} found"
    return found[0]


@pytest.mark.parametrize("overlay", ["local", "prod"])
def test_every_resource_is_valid(rendered, overlay, tmp_path):
    docs = rendered[overlay]
    standard = [d for d in docs if d["apiVersion"] in STANDARD_GROUPS]
    custom = [d for d in docs if d["apiVersion"] not in STANDARD_GROUPS]
    assert {(d["apiVersion"], d["kind"]) for d in custom} == CUSTOM
    for d in docs:
        if d["kind"] != "Namespace":
            assert d["metadata"].get("namespace") == "trendwatch", d["metadata"]["name"]
    files = []
    for i, d in enumerate(standard):
        f = tmp_path / f"{i}-{d['kind']}.yaml"
        f.write_text(yaml.safe_dump(d))
        files.append(str(f))
    done = subprocess.run(["kubernetes-validate", "--strict", "--kubernetes-version", "1.33", *files],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_serving_deployment_matches_the_application(rendered):
    docs = rendered["prod"]
    deploy = one(docs, "Deployment", "serving-layer")
    pod = deploy["spec"]["template"]["spec"]
    c = pod["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == serving_ports()
    assert c["livenessProbe"]["httpGet"] == {"path": "/ping", "port": "admin"}
    assert c["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "admin"}
    app = (ROOT / "serving-layer/src/main/java/io/trendwatch/serving/ServingApplication.java").read_text()
    assert 'addMapping("/ready")' in app
    assert c["resources"]["requests"] and c["resources"]["limits"]
    # the config file it runs is the ConfigMap's, and that is the application's own config.yml
    config_path = c["args"][1]
    mount = next(m for m in c["volumeMounts"] if config_path.startswith(m["mountPath"] + "/"))
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    cm = one(docs, "ConfigMap", volume["configMap"]["name"])
    key = config_path.removeprefix(mount["mountPath"] + "/")
    assert cm["data"][key] == (ROOT / "serving-layer/config.yml").read_text()
    # every variable the deployment sets is one the config or the application reads
    read = set(re.findall(r"\$\{([A-Z_]+):-", cm["data"][key])) | {"TRENDWATCH_LOG_LAYOUT"}
    for e in c["env"]:
        assert e["name"] in read, e["name"]
        if "configMapKeyRef" in e.get("valueFrom", {}):
            ref = e["valueFrom"]["configMapKeyRef"]
            assert ref["key"] in one(docs, "ConfigMap", ref["name"])["data"], ref
    service = one(docs, "Service", "serving-layer")
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= set(ports)
    assert service["spec"]["selector"].items() <= deploy["spec"]["template"]["metadata"]["labels"].items()
    hpa = one(docs, "HorizontalPodAutoscaler", "serving-layer")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "serving-layer"}
    assert hpa["spec"]["minReplicas"] >= 2


def test_the_speed_application_runs_the_speed_jar_with_a_persistent_checkpoint(rendered):
    docs = rendered["prod"]
    app = one(docs, "SparkApplication", "speed-layer")["spec"]
    assert app["mainClass"] == main_class("speed-layer") and source_of(app["mainClass"])
    dockerfile = (ROOT / "docker/speed-layer.Dockerfile").read_text()
    jar = app["mainApplicationFile"].removeprefix("local:///opt/trendwatch/")
    assert jar == f"speed-layer/{final_name('speed-layer')}.jar" and jar in dockerfile
    checkpoint = app["arguments"][app["arguments"].index("--checkpoint-dir") + 1]
    mount = next(m for m in app["driver"]["volumeMounts"] if checkpoint.startswith(m["mountPath"]))
    volume = next(v for v in app["volumes"] if v["name"] == mount["name"])
    one(docs, "PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"])
    one(docs, "ServiceAccount", app["driver"]["serviceAccount"])
    assert app["image"].startswith("registry.example.com/trendwatch/speed-layer:")


def test_the_batch_job_runs_a_real_batch_command_on_the_shared_data(rendered):
    docs = rendered["prod"]
    job = one(docs, "CronJob", "trendwatch-batch")["spec"]
    assert job["suspend"] is True  # Airflow schedules; this is the pod it runs
    c = job["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert c["args"][:2] == ["batch", "run"]
    main = (ROOT / "batch-layer/src/main/java/io/trendwatch/batch/BatchLayerMain.java").read_text()
    assert "RunCommand.class" in main
    data = next(m for m in c["volumeMounts"] if m["mountPath"] == "/var/lib/trendwatch")
    assert "TRENDWATCH_HOME=/var/lib/trendwatch" in (ROOT / "docker/batch-layer.Dockerfile").read_text()
    assert data


def test_cassandra_and_kafka_are_the_operator_clusters_the_endpoints_name(rendered):
    docs = rendered["prod"]
    endpoints = one(docs, "ConfigMap", "trendwatch-endpoints")["data"]
    cluster = one(docs, "K8ssandraCluster", "trendwatch")
    dc = cluster["spec"]["cassandra"]["datacenters"][0]["metadata"]["name"]
    assert endpoints["cassandra"] == f"{cluster['metadata']['name']}-{dc}-service:9042"
    assert endpoints["cassandra-datacenter"] == dc
    kafka = one(docs, "Kafka", "trendwatch")
    assert endpoints["kafka"] == f"{kafka['metadata']['name']}-kafka-bootstrap:9092"
    topics = {t["metadata"]["name"] for t in docs if t["kind"] == "KafkaTopic"}
    assert topics == {"posts", "posts.dlq"}
    local = rendered["local"]
    assert one(local, "ConfigMap", "trendwatch-endpoints")["data"]["replication"] == "SimpleStrategy:1"


def _pod_specs(docs):
    """(name, env, mounts, volumes) of every container that talks to Kafka or Cassandra."""
    for d in docs:
        if d["kind"] == "Deployment":
            pod = d["spec"]["template"]["spec"]
        elif d["kind"] == "CronJob":
            pod = d["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        elif d["kind"] == "SparkApplication":
            driver = d["spec"]["driver"]
            yield d["metadata"]["name"], driver["env"], driver["volumeMounts"], d["spec"]["volumes"]
            continue
        else:
            continue
        for c in pod["containers"]:
            yield d["metadata"]["name"], c.get("env", []), c.get("volumeMounts", []), pod.get("volumes", [])


def test_every_layer_logs_in_with_the_secrets_the_operators_write(rendered):
    docs = rendered["prod"]
    kafka = one(docs, "Kafka", "trendwatch")
    assert kafka["spec"]["kafka"]["listeners"][0]["authentication"]["type"] == "scram-sha-512"
    user = one(docs, "KafkaUser", "trendwatch")          # Strimzi writes its password to the Secret of its name
    cassandra = one(docs, "K8ssandraCluster", "trendwatch")
    assert cassandra["spec"]["auth"] is True
    superuser = cassandra["spec"]["cassandra"]["superuserSecretRef"]["name"]
    checked = set()
    for name, env, mounts, volumes in _pod_specs(docs):
        variables = {e["name"]: e.get("value") for e in env}
        secret_of = {v["name"]: v["secret"]["secretName"] for v in volumes if "secret" in v}
        mounted = {m["mountPath"]: secret_of.get(m["name"]) for m in mounts}

        def secret_behind(path):
            return mounted.get(str(Path(path).parent))

        assert secret_behind(variables["TRENDWATCH_CASSANDRA_USERNAME_FILE"]) == superuser, name
        assert secret_behind(variables["TRENDWATCH_CASSANDRA_PASSWORD_FILE"]) == superuser, name
        if "TRENDWATCH_KAFKA" in variables:
            assert variables["TRENDWATCH_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT", name
            assert variables["TRENDWATCH_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512", name
            assert variables["TRENDWATCH_KAFKA_USERNAME"] == user["metadata"]["name"], name
            assert secret_behind(variables["TRENDWATCH_KAFKA_PASSWORD_FILE"]) == user["metadata"]["name"], name
        checked.add(name)
    assert checked == {"serving-layer", "speed-layer", "trendwatch-batch"}


def test_checkov_finds_nothing_but_the_accepted(rendered, tmp_path):
    readme = (ROOT / "kubernetes/README.md").read_text()
    for overlay, docs in rendered.items():
        f = tmp_path / f"{overlay}.yaml"
        f.write_text(yaml.safe_dump_all(docs))
        config = ROOT / "kubernetes/overlays" / overlay / ".checkov.yaml"
        config = config if config.exists() else ROOT / "kubernetes/.checkov.yaml"
        done = subprocess.run(["checkov", "-f", str(f), "--framework", "kubernetes", "--compact", "--quiet",
                               "--skip-download", "--config-file", str(config)], capture_output=True, text=True)
        assert done.returncode == 0, overlay + "\n" + done.stdout[-4000:]
        for check in yaml.safe_load(config.read_text())["skip-check"]:
            assert check in readme, f"{check} is skipped without a reason in kubernetes/README.md"
    done = subprocess.run(["checkov", "-d", str(ROOT / "docker"), "--framework", "dockerfile", "--compact",
                           "--quiet", "--skip-download"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:]


@pytest.mark.skipif(not os.environ.get("TRENDWATCH_CASSANDRA"), reason="needs the test stack's Cassandra (bin/test)")
def test_every_metric_an_alert_uses_is_served_by_the_serving_layer(rendered, tmp_path):
    rules = one(rendered["prod"], "PrometheusRule", "trendwatch")
    exprs = [r["expr"] for g in rules["spec"]["groups"] for r in g["rules"]]
    used = {m for e in exprs for m in re.findall(r"\b([a-zA-Z_][a-zA-Z0-9_]*_[a-zA-Z0-9_]+)\b(?=[\[{)\s])", e)
            if m not in ("by", "and", "rate", "deriv", "max", "sum")}
    runbook = (ROOT / "docs/operations.md").read_text()
    for g in rules["spec"]["groups"]:
        for r in g["rules"]:
            assert f"### {r['alert']}" in runbook, f"{r['alert']} has no runbook entry"
    jar = ROOT / f"serving-layer/target/{final_name('serving-layer')}.jar"
    assert jar.exists(), "build the serving layer first (bin/test does)"
    http, admin = free_port(), free_port()
    env = dict(os.environ, TRENDWATCH_HTTP_PORT=str(http), TRENDWATCH_ADMIN_PORT=str(admin),
               TRENDWATCH_KEYSPACE="tw_deploy_checks", TRENDWATCH_LOG_LAYOUT="json")
    argv = ["java", "-jar", str(jar), "server", str(ROOT / "serving-layer/config.yml")]
    with running(argv, tmp_path / "serving.log", f"http://127.0.0.1:{admin}/ping", env, seconds=120):
        assert urllib.request.urlopen(f"http://127.0.0.1:{admin}/ready", timeout=10).status == 200
        urllib.request.urlopen(f"http://127.0.0.1:{http}/api/v1/status", timeout=10).read()
        scraped = urllib.request.urlopen(f"http://127.0.0.1:{admin}/prometheus", timeout=10).read().decode()
    served = {line.split("{")[0].split(" ")[0] for line in scraped.splitlines() if line and not line.startswith("#")}
    missing = sorted(m for m in used if m not in served)
    assert not missing, f"alert rules use metrics the serving layer does not serve: {missing}"
    # the JSON log layout is what the manifests select: every line a JSON object
    lines = [l for l in (tmp_path / "serving.log").read_text().splitlines() if l.startswith("{")]
    assert lines


def _mount_of(path, mounts):
    """The mount that holds `path` (the longest mount path that is a prefix of it)."""
    holding = [m for m in mounts if path == m["mountPath"] or path.startswith(m["mountPath"] + "/")]
    assert holding, path
    return max(holding, key=lambda m: len(m["mountPath"]))


def _claim(volumes, name):
    return next(v for v in volumes if v["name"] == name)["persistentVolumeClaim"]["claimName"]


def test_the_speed_checkpoint_is_shared_by_the_driver_and_every_executor(rendered):
    # the executors write the state stores under the checkpoint: a volume on the driver alone loses them
    docs = rendered["prod"]
    app = one(docs, "SparkApplication", "speed-layer")["spec"]
    checkpoint = app["arguments"][app["arguments"].index("--checkpoint-dir") + 1]
    claims = set()
    for role in ("driver", "executor"):
        mount = _mount_of(checkpoint, app[role].get("volumeMounts", []))
        assert not mount.get("readOnly"), role
        claims.add(_claim(app["volumes"], mount["name"]))
    assert len(claims) == 1
    pvc = one(docs, "PersistentVolumeClaim", claims.pop())
    assert "ReadWriteMany" in pvc["spec"]["accessModes"]


def test_the_speed_layer_reads_the_models_where_the_batch_job_trains_them(rendered):
    # the registry records the absolute folder a model was trained into; the speed driver checks it and each
    # executor loads the model from it, so both must see the batch job's models folder at the same path
    docs = rendered["prod"]
    layer_home = "TRENDWATCH_HOME=/var/lib/trendwatch"
    for image in ("speed-layer", "batch-layer"):
        assert layer_home in (ROOT / f"docker/{image}.Dockerfile").read_text(), image
    folders = (ROOT / "core/src/main/java/io/trendwatch/core/config/LocalFolders.java").read_text()
    assert 'home(env).resolve("models")' in folders
    models = "/var/lib/trendwatch/models"
    job = one(docs, "CronJob", "trendwatch-batch")["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    batch = _mount_of(models, job["containers"][0]["volumeMounts"])
    batch_claim = _claim(job["volumes"], batch["name"])
    # where the batch job's models folder lies inside its volume
    inside = str(Path(batch.get("subPath", "")) / Path(models).relative_to(batch["mountPath"]))
    app = one(docs, "SparkApplication", "speed-layer")["spec"]
    for role in ("driver", "executor"):
        mount = _mount_of(models, app[role].get("volumeMounts", []))
        assert _claim(app["volumes"], mount["name"]) == batch_claim, role
        assert str(Path(mount.get("subPath", "")) / Path(models).relative_to(mount["mountPath"])) == inside, role
        assert mount.get("readOnly") is True, role
    assert "ReadWriteMany" in one(docs, "PersistentVolumeClaim", batch_claim)["spec"]["accessModes"]


def test_the_spark_driver_role_grants_only_what_the_driver_uses(rendered):
    docs = rendered["prod"]
    app = one(docs, "SparkApplication", "speed-layer")["spec"]
    binding = next(b for b in docs if b["kind"] == "RoleBinding" and any(
        s["kind"] == "ServiceAccount" and s["name"] == app["driver"]["serviceAccount"] for s in b["subjects"]))
    role = one(docs, "Role", binding["roleRef"]["name"])
    granted = {r: set(rule["verbs"]) for rule in role["rules"] for r in rule["resources"]}
    # executor pods (made, watched, polled, removed) and the configuration map they mount; nothing else
    assert granted == {"pods": {"create", "get", "list", "watch", "delete", "deletecollection"},
                       "configmaps": {"create", "get", "list", "delete", "deletecollection"}}
    assert all(rule["apiGroups"] == [""] for rule in role["rules"])
    # with these on, the driver would list and make PersistentVolumeClaims
    assert app["sparkConf"]["spark.kubernetes.driver.ownPersistentVolumeClaim"] == "false"
    assert app["sparkConf"]["spark.kubernetes.driver.reusePersistentVolumeClaim"] == "false"


STORE_CLIENT = {"trendwatch.io/store-client": "true"}
AIRFLOW_WORKERS = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "airflow"}},
                   "podSelector": {"matchLabels": {"component": "worker"}}}


def _layer_pod_labels(docs):
    for d in docs:
        if d["kind"] == "Deployment":
            yield d["metadata"]["name"], d["spec"]["template"]["metadata"]["labels"]
        elif d["kind"] == "CronJob":
            yield d["metadata"]["name"], d["spec"]["jobTemplate"]["spec"]["template"]["metadata"]["labels"]
        elif d["kind"] == "SparkApplication":
            for role in ("driver", "executor"):
                yield f"{d['metadata']['name']} {role}", d["spec"][role].get("labels", {})


def test_only_the_layers_reach_kafka_and_cassandra(rendered):
    docs = rendered["prod"]
    labelled = {name for name, labels in _layer_pod_labels(docs) if STORE_CLIENT.items() <= labels.items()}
    assert labelled == {"serving-layer", "trendwatch-batch", "speed-layer driver", "speed-layer executor"}
    allowed = [{"podSelector": {"matchLabels": STORE_CLIENT}}, AIRFLOW_WORKERS]
    # Cassandra: a policy on the cluster's pods (cass-operator labels them with the cluster's name), its CQL port
    # open to the layers only
    cluster = one(docs, "K8ssandraCluster", "trendwatch")["metadata"]["name"]
    policy = next(p for p in docs if p["kind"] == "NetworkPolicy"
                  and p["spec"]["podSelector"] == {"matchLabels": {"cassandra.datastax.com/cluster": cluster}})
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    cql = [rule for rule in policy["spec"]["ingress"] if {"port": 9042} in rule["ports"]]
    assert len(cql) == 1 and cql[0]["from"] == allowed and cql[0]["ports"] == [{"port": 9042}]
    for rule in policy["spec"]["ingress"]:
        assert rule.get("from"), "every port names who may reach it"
    # Kafka: Strimzi writes the listener's policy from its peers
    listeners = one(docs, "Kafka", "trendwatch")["spec"]["kafka"]["listeners"]
    assert len(listeners) == 1
    assert listeners[0]["networkPolicyPeers"] == allowed
