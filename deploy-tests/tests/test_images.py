"""The four images, built for real (deploy-tests/images, buildah on Debian-made bases) and started:
the batch image migrates a keyspace on the suite's Cassandra, the serving image answers from it
inside its container, the speed and batch images print their help through their entry points, and
the Airflow image parses the DAGs and runs the batch jar with its own JRE."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import urllib.error
import urllib.request
import uuid

import pytest

from conftest import ROOT, free_port, running, serving_ports

BUILDAH = ["buildah", "--storage-driver", "vfs"]


@pytest.fixture(scope="session")
def images() -> dict[str, str]:
    if os.environ.get("DEPLOY_TESTS_BUILT_IMAGES"):  # a rerun of the tests on images built before
        return dict(part.split("=", 1) for part in os.environ["DEPLOY_TESTS_BUILT_IMAGES"].split(","))
    done = subprocess.run([str(ROOT / "deploy-tests/images")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    return dict(line.split("=", 1) for line in done.stdout.split())


def cassandra() -> str:
    address = os.environ.get("TRENDWATCH_CASSANDRA", "127.0.0.1:9042")
    host, port = address.split(",")[0].rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
    except OSError:
        pytest.fail(f"no Cassandra answers at {address}: start it with `bin/trendwatch infra up` "
                    "(bin/test does) or set TRENDWATCH_CASSANDRA")
    return address


def inspect(image: str) -> dict:
    done = subprocess.run(BUILDAH + ["inspect", "--type", "image", image], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def config(image: str, key: str) -> list[str]:
    return inspect(image)["OCIv1"]["config"].get(key) or []


def healthcheck(image: str) -> list[str]:
    """The image's HEALTHCHECK test (kept only in the Docker format, which the images are built in)."""
    return inspect(image)["Docker"]["config"]["Healthcheck"]["Test"]


class Container:
    """A working container of an image; commands run in it share the host's loopback."""

    def __init__(self, image: str):
        self.image = image
        self.name = subprocess.run(BUILDAH + ["from", "--name", f"tw-test-{uuid.uuid4().hex[:8]}", image],
                                   capture_output=True, text=True, check=True).stdout.strip()

    def command(self, argv: list[str], env: dict[str, str] | None = None) -> list[str]:
        # no cgroup limits the container here, so the images' RAM percentages would size the heap by
        # the whole machine: a fixed heap instead
        env = {"JAVA_TOOL_OPTIONS": "-Xmx768m"} | (env or {})
        env_args = [a for k, v in env.items() for a in ("--env", f"{k}={v}")]
        return BUILDAH + ["run", "--isolation", "chroot", *env_args, self.name, "--", *argv]

    def run(self, argv: list[str], env: dict[str, str] | None = None, timeout: int = 300):
        return subprocess.run(self.command(argv, env), capture_output=True, text=True, timeout=timeout)

    def entrypoint(self) -> list[str]:
        return config(self.image, "Entrypoint")

    def close(self):
        subprocess.run(BUILDAH + ["rm", self.name], capture_output=True)


@pytest.fixture
def container(images):
    made = []

    def make(name: str) -> Container:
        made.append(Container(images[name]))
        return made[-1]

    yield make
    for c in made:
        c.close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_the_serving_image_answers_from_a_keyspace_the_batch_image_migrated(container, tmp_path):
    address = cassandra()
    keyspace = f"tw_image_{uuid.uuid4().hex[:8]}"
    env = {"TRENDWATCH_CASSANDRA": address, "TRENDWATCH_KEYSPACE": keyspace}
    batch = container("batch-layer")
    migrated = batch.run(batch.entrypoint() + ["batch", "migrate"], env)
    assert migrated.returncode == 0, migrated.stdout[-3000:] + migrated.stderr[-3000:]
    assert keyspace in migrated.stdout + migrated.stderr

    serving = container("serving-layer")
    http, admin = free_port(), free_port()
    argv = serving.entrypoint() + config(serving.image, "Cmd")
    command = serving.command(argv, env | {"TRENDWATCH_HTTP_PORT": str(http), "TRENDWATCH_ADMIN_PORT": str(admin)})
    status_url = f"http://127.0.0.1:{http}/api/v1/status"
    with running(command, tmp_path / "serving.log", status_url):
        status, text = get(status_url)
        assert status == 200, text
        body = json.loads(text)
        # a keyspace just migrated: no boundary published, no model promoted
        assert body["boundary"] is None and body["sentiment_model"] == "none", body
        output = (tmp_path / "serving.log").read_text()
        assert keyspace in output and address in output, output[-4000:]
        assert get(f"http://127.0.0.1:{admin}/ping") == (200, "pong\n")
        # the image's own health check, run inside the container while the server runs; it probes the
        # default admin port, so it is run on a copy pointed at this one
        test = healthcheck(serving.image)
        assert test[0] == "CMD", test
        probe = serving.run([a.replace(f"/{serving_ports()['admin']}", f"/{admin}") for a in test[1:]])
        assert probe.returncode == 0, probe.stderr


@pytest.mark.parametrize("name, args, words", [
    ("speed-layer", ["--help"], ["Usage: trendwatch speed", "start"]),
    ("batch-layer", ["batch", "--help"], ["Usage: trendwatch batch", "run", "migrate"]),
    ("batch-layer", ["model", "--help"], ["Usage: trendwatch model", "train", "promote"]),
])
def test_the_layer_images_print_their_help_through_their_entry_points(container, name, args, words):
    c = container(name)
    done = c.run(c.entrypoint() + args, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for word in words:
        assert word in done.stdout, (word, done.stdout[-3000:])


def test_the_airflow_image_parses_the_dags_and_runs_the_batch_jar(container):
    c = container("airflow")
    dags = c.run(["python", "-c", "from airflow.dag_processing.dagbag import BundleDagBag; import json, pathlib; "
                                  # as the DAG processor loads the local bundle: its folder on sys.path
                                  "b = BundleDagBag(dag_folder='/opt/airflow/dags', "
                                  "bundle_path=pathlib.Path('/opt/airflow/dags')); "
                                  "print(json.dumps({'errors': b.import_errors, 'dags': sorted(b.dag_ids)}))"])
    assert dags.returncode == 0, dags.stderr[-3000:]
    parsed = json.loads(dags.stdout.strip().splitlines()[-1])
    assert parsed["errors"] == {}
    expected = {line.split("dag_id=")[1].split('"')[1]
                for f in (ROOT / "airflow-dags").glob("*.py")
                for line in f.read_text().splitlines() if 'dag_id="' in line}
    assert expected and set(parsed["dags"]) == expected, (parsed, expected)
    batch = c.run(["/opt/trendwatch/bin/trendwatch", "batch", "--help"], timeout=120)
    assert batch.returncode == 0 and "Usage: trendwatch batch" in batch.stdout, batch.stdout[-2000:] + batch.stderr[-2000:]
