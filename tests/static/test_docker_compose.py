"""docker-compose.yml cannot be run here (no Docker engine): its structure is checked."""

import pathlib
import re

import pytest

yaml = pytest.importorskip("yaml")

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODULES = (
    "perf_synergy,perf_synergy_esg,perf_synergy_group,sale,perf_synergy_sale,"
    "calendar,perf_synergy_calendar"
)


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


def test_odoo_serves_the_demo(compose):
    odoo = compose["services"]["odoo"]
    assert odoo["build"] == "."
    assert "./addons:/mnt/extra-addons" in odoo["volumes"]
    assert "127.0.0.1:8069:8069" in odoo["ports"]
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    command = odoo["command"]
    assert "--database=synergy_demo" in command
    assert f"--init={MODULES}" in command
    assert "--with-demo" in command
    assert odoo["environment"]["HOST"] == "db"


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
