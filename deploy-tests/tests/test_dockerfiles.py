"""The Dockerfiles lint clean and name only what the build produces: jars, lib folders, main
classes, config files, ports. The compose file wires the images the same way."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
import yaml

from conftest import ROOT, final_name, main_class, serving_ports

DOCKERFILES = sorted((ROOT / "docker").glob("*.Dockerfile"))


def instructions(path):
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def copies(path):
    """(from_stage or None, sources, destination) of every COPY."""
    out = []
    for word, rest in instructions(path):
        if word != "COPY":
            continue
        args = shlex.split(rest)
        stage = next((a.split("=", 1)[1] for a in args if a.startswith("--from=")), None)
        paths = [a for a in args if not a.startswith("--")]
        out.append((stage, paths[:-1], paths[-1]))
    return out


def test_there_is_a_dockerfile_per_runnable_layer_and_for_airflow():
    assert {p.name for p in DOCKERFILES} == {"serving-layer.Dockerfile", "speed-layer.Dockerfile",
                                            "batch-layer.Dockerfile", "airflow.Dockerfile"}


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_hadolint_finds_nothing(dockerfile):
    done = subprocess.run(["hadolint", "--config", str(ROOT / ".hadolint.yaml"), str(dockerfile)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_every_image_is_multi_stage_runs_as_non_root_and_has_a_health_check(dockerfile):
    ins = instructions(dockerfile)
    froms = [rest for word, rest in ins if word == "FROM"]
    assert len(froms) >= 2 and froms[0].endswith("AS build"), froms
    # the bases are build arguments (deploy-tests/images passes its own); their defaults are the public bases
    args = dict(rest.split("=", 1) for word, rest in ins if word == "ARG" and "=" in rest)
    bases = [re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], f.split()[0]) for f in froms]
    assert all(":" in b and not b.endswith(":latest") and "$" not in b for b in bases), f"pin base images: {bases}"
    users = [rest for word, rest in ins if word == "USER"]
    assert users and users[-1] not in ("0", "root"), users
    assert any(word == "HEALTHCHECK" for word, _ in ins)


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_what_a_dockerfile_copies_exists_or_is_built(dockerfile):
    for stage, sources, _ in copies(dockerfile):
        for src in sources:
            if stage is None:
                assert (ROOT / src).exists(), f"{dockerfile.name}: COPY {src} is not in the repository"
                continue
            m = re.fullmatch(r"/src/([a-z-]+)/target/(.+)", src)
            assert m, f"{dockerfile.name}: unexpected build output {src}"
            module, artifact = m.groups()
            assert (ROOT / module / "pom.xml").exists(), f"{dockerfile.name}: no module {module}"
            jars = {f"{final_name(module)}.jar"} | {f"{final_name(module)}-{c}.jar" for c in jar_classifiers(module)}
            assert artifact in jars | {"lib"}, f"{dockerfile.name}: {module} builds no {artifact}"
            if artifact == "lib":
                assert "copy-dependencies" in (ROOT / module / "pom.xml").read_text()
    # the build stage builds the modules whose output it copies
    built = {m.group(1) for _, srcs, _ in copies(dockerfile) for s in srcs
             if (m := re.fullmatch(r"/src/([a-z-]+)/target/.+", s))}
    run = " ".join(rest for word, rest in instructions(dockerfile) if word == "RUN" and "mvn" in rest)
    for module in built:
        assert module in run, f"{dockerfile.name}: copies {module}'s output without building it"


def jar_classifiers(module) -> set[str]:
    """The classifiers of the extra jars a module's pom builds (the model module's runnable tool jar)."""
    return set(re.findall(r"<classifier>([\w-]+)</classifier>", (ROOT / module / "pom.xml").read_text()))


def _jar_in_entrypoint(dockerfile) -> list[str]:
    ins = dict((w, r) for w, r in instructions(dockerfile))
    return re.findall(r"[\w/-]+\.jar", ins.get("ENTRYPOINT", "") + " " + ins.get("CMD", ""))


def test_entrypoints_run_jars_that_are_copied_and_have_the_right_main_class():
    expected = {"serving-layer.Dockerfile": "serving-layer", "speed-layer.Dockerfile": "speed-layer"}
    for name, module in expected.items():
        dockerfile = ROOT / "docker" / name
        jars = _jar_in_entrypoint(dockerfile)
        destinations = [dest for _, _, dest in copies(dockerfile)]
        assert jars and all(j in destinations for j in jars), (name, jars, destinations)
        assert jars[0].endswith(f"{final_name(module)}.jar")
    # the batch image's job script runs the batch and model jars with their main classes from the manifests
    script = (ROOT / "docker/trendwatch-job.sh").read_text()
    for module in ("batch-layer", "model"):
        assert f"{module}/{final_name(module)}.jar" in script
        assert source_of_main(module)


def source_of_main(module):
    from conftest import source_of
    return source_of(main_class(module))


def test_the_serving_image_exposes_the_ports_and_ships_the_config_it_runs():
    dockerfile = ROOT / "docker/serving-layer.Dockerfile"
    ins = instructions(dockerfile)
    exposed = {int(p) for word, rest in ins if word == "EXPOSE" for p in rest.split()}
    assert exposed == set(serving_ports().values())
    cmd = dict(ins)["CMD"]
    config = re.search(r'"([\w/-]+\.yml)"', cmd).group(1)
    assert any(dest == config and srcs == ["serving-layer/config.yml"] for _, srcs, dest in copies(dockerfile))
    health = dict(ins)["HEALTHCHECK"]
    assert f"/dev/tcp/127.0.0.1/{serving_ports()['admin']}" in health and "/ping" in health


def test_the_speed_image_runs_the_speed_main_class_with_the_spark_options():
    assert source_of_main("speed-layer")
    dockerfile = ROOT / "docker/speed-layer.Dockerfile"
    entry = dict(instructions(dockerfile))["ENTRYPOINT"]
    assert "@bin/lib/spark-jvm.options" in entry
    assert any(dest == "bin/lib/spark-jvm.options" for _, _, dest in copies(dockerfile))


def test_the_compose_file_builds_these_images_and_starts_in_health_order():
    compose = yaml.safe_load((ROOT / "docker/docker-compose.yml").read_text())
    services = compose["services"]
    assert {"kafka", "cassandra", "migrate", "speed-layer", "serving-layer", "airflow"} <= set(services)
    for name, s in services.items():
        if "build" in s:
            assert (ROOT / "docker" / s["build"]["context"] / s["build"]["dockerfile"]).resolve().exists(), name
        for dep, how in s.get("depends_on", {}).items():
            assert dep in services, (name, dep)
            assert how["condition"] in ("service_healthy", "service_completed_successfully"), (name, dep)
            if how["condition"] == "service_healthy":
                built = services[dep].get("build")
                has_check = "healthcheck" in services[dep] or (
                    built and re.search(r"HEALTHCHECK (--\S+ )*CMD", re.sub(r"\s+", " ", re.sub(r"\\\n", " ", (ROOT / built["dockerfile"]).read_text()))))
                assert has_check, f"{name} waits for {dep} to be healthy, but {dep} has no health check"
    assert f"8080:{serving_ports()['http']}" in services["serving-layer"]["ports"]
    # the migrate service runs a command the batch image's entry point knows
    assert services["migrate"]["command"][:2] == ["batch", "migrate"]
    # the speed layer and Airflow share the model artifacts at the same path (the registry records it)
    def mount(service, volume):
        return next(v.split(":")[1] for v in services[service]["volumes"] if v.startswith(volume + ":"))
    assert mount("speed-layer", "models") == mount("airflow", "models")
