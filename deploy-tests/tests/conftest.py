"""Paths and small readers of the repository that the deploy checks compare against."""

from __future__ import annotations

import os
import re
import socket
import subprocess
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
