#!/usr/bin/env bash
# The whole test suite: pure-Python and static tests always; with Odoo 19 also the
# Odoo suite on a fresh database with the addons and their demo data.
# Without an Odoo 19 (importable by $PYTHON or given by ODOO_PATH), one is set up in .venv
# from ODOO_SOURCE first (scripts/setup-odoo.sh); with SYNERGY_SETUP_ODOO=0 the Odoo suite is
# skipped instead.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore

# shellcheck source=scripts/check-postgres.sh
source scripts/check-postgres.sh
# shellcheck source=scripts/find-odoo.sh
source scripts/find-odoo.sh
if [ -z "$ODOO_FOUND" ] && [ -z "${ODOO_PATH:-}" ] && [ "${SYNERGY_SETUP_ODOO:-1}" != 0 ]; then
    echo "== No Odoo 19 found ($ODOO_MISSING_REASON): setting one up in ${SYNERGY_VENV:-.venv}"
    echo "   (SYNERGY_SETUP_ODOO=0 runs the pure-Python and static tests only)"
    require_postgresql
    bash scripts/setup-odoo.sh
    source scripts/find-odoo.sh
fi

# After the set-up: PY may now be the python of .venv.
PIP=("$PY" -m pip install --quiet --disable-pip-version-check)
echo "== Installing test requirements"
"${PIP[@]}" -r requirements-test.txt

if [ -z "$ODOO_FOUND" ]; then
    echo "Odoo suite: SKIPPED (no Odoo 19 found: $ODOO_MISSING_REASON)"
    # pytest-odoo imports odoo when it loads, so it stays off here.
    set +e
    "$PY" -m pytest -p no:odoo -p no:cacheprovider tests "$@"
    rc=$?
    set -e
    exit $rc
fi

echo "== Odoo $ODOO_VERSION found ($ODOO_LOCATION)"
# --no-deps: the OCA addons only need odoo itself, which may not be a pip distribution.
"${PIP[@]}" --no-deps -r requirements.txt

require_postgresql
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
        && ! command -v google-chrome >/dev/null; then
    echo "ERROR: no Chromium found; the browser tests (tours) need it: apt-get install chromium" >&2
    exit 1
fi

DB="${SYNERGY_TEST_DB_PREFIX:-synergy_test}_$(date +%Y%m%d%H%M%S)_$$"
WORKDIR=$(mktemp -d)
cleanup() {
    "$PY" - "$DB" <<'PYDROP' || true
import sys
import psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1])
PYDROP
    rm -rf "$WORKDIR"
}
trap cleanup EXIT

ADDONS_PATH="$ROOT/addons"
INSTALL_LOG="$WORKDIR/install.log"
MODULES=perf_synergy,perf_synergy_esg,perf_synergy_group,perf_synergy_sale,perf_synergy_calendar,perf_synergy_queue,perf_synergy_group_queue,perf_synergy_esg_queue
echo "== Installing $MODULES with demo data in $DB"
if ! "$PY" -m odoo --database="$DB" --addons-path="$ADDONS_PATH" --data-dir="$WORKDIR/data" \
        --init=$MODULES --with-demo \
        --http-interface=127.0.0.1 --no-http --stop-after-init --log-level=info \
        --logfile="$INSTALL_LOG"; then
    "$PY" scripts/install_log.py "$INSTALL_LOG" >&2 || true
    tail -30 "$INSTALL_LOG" >&2
    echo "ERROR: installing the addons failed" >&2
    exit 1
fi
echo "== Install log: $(grep -c . "$INSTALL_LOG") lines"

export SYNERGY_INSTALL_LOG="$INSTALL_LOG"
export SYNERGY_TEST_DATABASE="$DB"
set +e
"$PY" -m pytest -p no:cacheprovider addons tests \
    --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" --odoo-http \
    --odoo-log-level=warn --odoo-extra="data-dir=$WORKDIR/data" \
    --odoo-extra="http-interface=127.0.0.1" "$@"
rc=$?
set -e
exit $rc
