"""docker/odoo-serve.sh installs the addons on the first start only, then only serves.

Run against the real PostgreSQL of the test command, with a stand-in for odoo:19's
entrypoint that records how Odoo would have been called (there is no Docker engine here).
"""

import os
import pathlib
import subprocess
import uuid

import pytest

psycopg2 = pytest.importorskip("psycopg2")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docker/odoo-serve.sh"
MODULES = "perf_synergy,queue_job"


def _admin():
    try:
        conn = psycopg2.connect(dbname="postgres")
    except psycopg2.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable: {error}")
    conn.autocommit = True
    return conn


@pytest.fixture
def database():
    name = f"synergy_serve_test_{uuid.uuid4().hex[:10]}"
    yield name
    conn = _admin()
    conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.close()


def _create(name, module_state=None):
    conn = _admin()
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    conn.close()
    if module_state:
        with psycopg2.connect(dbname=name) as conn, conn.cursor() as cr:
            # Only what the script reads of Odoo's module table.
            cr.execute("CREATE TABLE ir_module_module (name varchar, state varchar)")
            cr.execute("INSERT INTO ir_module_module VALUES ('perf_synergy', %s)", [module_state])


def _serve(tmp_path, database):
    calls = tmp_path / "calls"
    entrypoint = tmp_path / "entrypoint.sh"
    entrypoint.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    entrypoint.chmod(0o755)
    env = dict(
        os.environ,
        ODOO_ENTRYPOINT=str(entrypoint),
        SYNERGY_DB=database,
        SYNERGY_INIT_MODULES=MODULES,
        HOST=os.environ.get("PGHOST", "/var/run/postgresql"),
        PORT=os.environ.get("PGPORT", "5432"),
        USER=os.environ.get("PGUSER") or os.environ.get("USER") or "postgres",
        PASSWORD=os.environ.get("PGPASSWORD", ""),
    )
    result = subprocess.run(
        ["bash", str(SCRIPT), "--load=base,web,queue_job"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return calls.read_text().splitlines()


def test_first_start_creates_the_database_then_serves(tmp_path, database):
    init, serve = _serve(tmp_path, database)
    assert f"--database={database} --init={MODULES} --with-demo" in init
    assert "--stop-after-init" in init
    assert serve == f"odoo --database={database} --db-filter=^{database}$ --load=base,web,queue_job"


def test_later_starts_only_serve(tmp_path, database):
    _create(database, module_state="installed")
    (serve,) = _serve(tmp_path, database)
    assert "--init" not in serve and "--load=base,web,queue_job" in serve


def test_a_half_created_database_is_initialised_again(tmp_path, database):
    _create(database, module_state="to install")
    init, _serve_call = _serve(tmp_path, database)
    assert f"--init={MODULES}" in init
