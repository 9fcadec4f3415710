# shellcheck shell=bash
# Sourced: `require_postgresql` fails with how to start PostgreSQL when Odoo could not reach it.
# It uses psycopg2 when $PY has it (exactly what Odoo does), else pg_isready, else a socket
# probe, so that it can run before Odoo's own environment is set up. PGHOST, PGPORT, PGUSER
# and PGPASSWORD are honoured, as by Odoo.
postgres_problem() {
    if "${PY:-python3}" -c "import psycopg2" 2>/dev/null; then
        "${PY:-python3}" -c "import psycopg2; psycopg2.connect(dbname='postgres').close()" 2>&1 \
            | grep -v '^Traceback\|^  ' | tail -3
        return "${PIPESTATUS[0]}"
    fi
    if command -v pg_isready >/dev/null; then
        pg_isready --quiet && return 0
        echo "pg_isready: no server answers at ${PGHOST:-the local socket}:${PGPORT:-5432}"
        return 1
    fi
    "${PY:-python3}" - <<'PYPROBE'
import os, socket, sys
host, port = os.environ.get("PGHOST", ""), int(os.environ.get("PGPORT", "5432"))
if host and not host.startswith("/"):
    targets = [(socket.AF_INET, (host, port))]
else:
    dirs = [host] if host else ["/var/run/postgresql", "/tmp"]
    targets = [(socket.AF_UNIX, f"{d}/.s.PGSQL.{port}") for d in dirs]
for family, address in targets:
    try:
        socket.socket(family).connect(address)
        sys.exit(0)
    except OSError:
        pass
print(f"no server answers at {' or '.join(str(a) for _, a in targets)}")
sys.exit(1)
PYPROBE
}

require_postgresql() {
    local detail
    if detail=$(postgres_problem); then
        return 0
    fi
    cat >&2 <<MSG
ERROR: PostgreSQL is not reachable: ${detail:-no answer}
Odoo needs a running PostgreSQL server (13 or newer) and a role for $(id -un) that may create
databases. To start one:
  Debian/Ubuntu: sudo apt-get install postgresql && sudo service postgresql start
                 sudo -u postgres createuser --createdb $(id -un)
  macOS:         brew install postgresql@16 && brew services start postgresql@16
  Docker:        docker run -d -p 127.0.0.1:5432:5432 -e POSTGRES_USER=odoo \\
                   -e POSTGRES_PASSWORD=odoo postgres:16
                 then: PGHOST=127.0.0.1 PGUSER=odoo PGPASSWORD=odoo make run
                 (or the whole demo in Docker: docker compose up -d)
A server elsewhere: set PGHOST, PGPORT, PGUSER and PGPASSWORD.
MSG
    return 1
}
