"""Paths and small readers of the repository that the deploy checks compare against."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def pom(module: str) -> ET.Element:
    return ET.parse(ROOT / module / "pom.xml").getroot()


def final_name(module: str) -> str:
    return pom(module).find("m:build/m:finalName", POM_NS).text


def main_class(module: str) -> str:
    return pom(module).find("m:properties/m:main.class", POM_NS).text


def source_of(java_class: str) -> list[Path]:
    rel = java_class.replace(".", "/") + ".java"
    return [p for p in ROOT.glob("*/src/main/java/" + rel)]


def serving_config() -> dict:
    return yaml.safe_load((ROOT / "serving-layer/config.yml").read_text())


def default_of(value: str) -> str:
    """`${VAR:-default}` -> default; anything else unchanged."""
    m = re.fullmatch(r"\$\{[A-Z_]+:-(.*)\}", str(value))
    return m.group(1) if m else str(value)


def serving_ports() -> dict[str, int]:
    server = serving_config()["server"]
    return {"http": int(default_of(server["applicationConnectors"][0]["port"])),
            "admin": int(default_of(server["adminConnectors"][0]["port"]))}


@pytest.fixture(scope="session")
def rendered() -> dict[str, list[dict]]:
    """Every overlay rendered by kustomize, as parsed documents."""
    kustomize = os.environ.get("KUSTOMIZE", "kustomize")
    out = {}
    for overlay in ("local", "prod"):
        text = subprocess.run([kustomize, "build", str(ROOT / "kubernetes/overlays" / overlay)],
                              check=True, capture_output=True, text=True).stdout
        out[overlay] = [d for d in yaml.safe_load_all(text) if d]
    return out


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(argv: list[str], log_path: Path, ready_url: str, env: dict[str, str] | None = None, seconds: int = 180):
    """A server started with `argv`, yielded once `ready_url` answers 200; on exit its whole process group is
    stopped. Fails with the end of its log if it exits or is not ready in time."""
    log = open(log_path, "w")
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(ready_url, timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:  # not listening yet, or an error status (HTTPError is an OSError)
                pass
            assert proc.poll() is None and time.monotonic() < deadline, \
                f"exit {proc.poll()}, {ready_url} not answering 200:\n" + Path(log_path).read_text()[-4000:]
            time.sleep(1)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group may have exited by itself
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
