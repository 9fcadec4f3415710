#!/usr/bin/env bash
# Serve Odoo with the three addons and demo data on http://127.0.0.1:8069 (admin/admin).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
DB=${SYNERGY_DEMO_DB:-synergy_demo}
PORT=${SYNERGY_PORT:-8069}

# shellcheck source=scripts/find-odoo.sh
source scripts/find-odoo.sh
if [ -z "$ODOO_FOUND" ]; then
    echo "Cannot run: no Odoo 19 found: $ODOO_MISSING_REASON" >&2
    echo "Install Odoo 19 into this python, set ODOO_PATH, or use: docker compose up -d" >&2
    exit 1
fi
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt

MODULES=perf_synergy,perf_synergy_esg,perf_synergy_group,sale,perf_synergy_sale,calendar,perf_synergy_calendar
if "$PY" -c "import psycopg2, sys; psycopg2.connect(dbname=sys.argv[1]).close()" "$DB" 2>/dev/null; then
    echo "== Updating $DB"
    STEP=(--update="$MODULES")
else
    echo "== Creating $DB with demo data"
    # Chinese is loaded at creation, so that demo records are translated too.
    STEP=(--init="$MODULES" --with-demo --load-language=zh_CN)
fi
"$PY" -m odoo --database="$DB" --addons-path="$ROOT/addons" "${STEP[@]}" \
    --http-interface=127.0.0.1 --stop-after-init --log-level=warn

echo "== Performance Synergy: open http://127.0.0.1:$PORT/odoo and log in as admin / admin (database $DB)"
exec "$PY" -m odoo --database="$DB" --db-filter="^$DB\$" --addons-path="$ROOT/addons" \
    --http-interface=127.0.0.1 --http-port="$PORT"
