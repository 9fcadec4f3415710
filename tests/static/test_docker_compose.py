"""docker-compose.yml cannot be run here (no Docker engine): its structure is checked."""

import configparser
import os
import pathlib
import re

import pytest

yaml = pytest.importorskip("yaml")

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODULES = (
    "perf_synergy,perf_synergy_esg,perf_synergy_group,sale,perf_synergy_sale,"
    "calendar,perf_synergy_calendar,queue_job,perf_synergy_queue,perf_synergy_group_queue,"
    "perf_synergy_esg_queue"
)
SERVE_SCRIPT = ROOT / "docker/odoo-serve.sh"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services(compose):
    assert set(compose["services"]) == {"db", "odoo", "tests"}


def test_database_is_postgresql_16(compose):
    db = compose["services"]["db"]
    assert db["image"] == "postgres:16"
    assert db["environment"]["POSTGRES_USER"] == compose["services"]["odoo"]["environment"]["USER"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])


def test_odoo_is_built_from_odoo_19_with_requirements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM odoo:19\s*$", dockerfile, re.M)
    assert "requirements.txt" in dockerfile
    assert "chromium" in dockerfile, "the tests service runs browser tours"
    assert re.search(r"^COPY docker/odoo.conf /etc/odoo/odoo.conf$", dockerfile, re.M)
    assert re.search(
        r"^COPY docker/odoo-serve.sh /usr/local/bin/synergy-odoo-serve$", dockerfile, re.M
    )


def test_requirements_include_the_job_queue():
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert any(re.match(r"odoo-addon-queue[-_]job>=19\.0,<19\.1$", line) for line in requirements)
    # Installed with --no-deps in the image: queue_job's external dependencies are listed too.
    assert any(line.startswith("openupgradelib") for line in requirements)


def test_odoo_serves_the_demo(compose):
    odoo = compose["services"]["odoo"]
    assert odoo["build"] == "."
    assert "./addons:/mnt/extra-addons" in odoo["volumes"]
    assert "127.0.0.1:8069:8069" in odoo["ports"]
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    environment = odoo["environment"]
    assert environment["HOST"] == "db"
    assert environment["SYNERGY_DB"] == "synergy_demo"
    assert environment["SYNERGY_INIT_MODULES"] == MODULES
    command = odoo["command"]
    assert command[0] == "synergy-odoo-serve"
    # Nothing is installed or updated by the serving command itself: only the first start does.
    assert not any(arg.startswith(("--init", "-i", "--update", "-u")) for arg in command)


def test_job_runner_is_enabled(compose):
    command = compose["services"]["odoo"]["command"]
    load = [arg.split("=", 1)[1] for arg in command if arg.startswith("--load=")]
    assert load and "queue_job" in load[0].split(",") and "web" in load[0].split(",")
    config = configparser.ConfigParser()
    config.read(ROOT / "docker/odoo.conf")
    assert config["options"]["addons_path"] == "/mnt/extra-addons"
    assert re.fullmatch(r"root:\d+", config["queue_job"]["channels"])
    # Two workers at least: a close's chunks run side by side.
    assert int(config["queue_job"]["channels"].split(":")[1]) >= 2


def test_run_demo_serves_the_job_runner_with_two_workers():
    script = (ROOT / "scripts/run-demo.sh").read_text()
    assert "--load=base,web,queue_job" in script
    assert 'ODOO_QUEUE_JOB_CHANNELS="${ODOO_QUEUE_JOB_CHANNELS:-root:2}"' in script
    modules = re.search(r"^MODULES=(\S+)$", script, re.M).group(1)
    assert modules == MODULES


def test_serve_script_initialises_once_then_only_serves():
    script = SERVE_SCRIPT.read_text()
    assert os.access(SERVE_SCRIPT, os.X_OK)
    init_branch = re.search(r'if \[ "\$state" = new \]; then(.*?)\nfi', script, re.S)
    assert init_branch and '--init="$MODULES"' in init_branch.group(1)
    assert "--with-demo" in init_branch.group(1) and "--stop-after-init" in init_branch.group(1)
    serve = [line for line in script.splitlines() if line.startswith("exec ")]
    assert len(serve) == 1 and "--init" not in serve[0] and "--update" not in serve[0]


def test_tests_service_runs_the_readme_test_command(compose):
    tests = compose["services"]["tests"]
    assert tests["build"] == "."
    assert tests["command"] == ["make", "test"]
    assert ".:/mnt/perf_synergy" in tests["volumes"]
    assert tests["working_dir"] == "/mnt/perf_synergy"
    assert tests["environment"]["PGHOST"] == "db"
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make run" in readme


def test_ci_calls_the_test_command():
    ci = (ROOT / ".ci/run").read_text()
    commands = [
        line
        for line in ci.splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("set ")
    ]
    assert commands[-1].strip() == "make test"
