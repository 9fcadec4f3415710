#!/usr/bin/env bash
# Serve Odoo with the addons and demo data on http://127.0.0.1:8069 (admin/admin).
# Without an Odoo 19 (importable by $PYTHON or given by ODOO_PATH), one is set up in .venv
# from ODOO_SOURCE first (scripts/setup-odoo.sh); SYNERGY_SETUP_ODOO=0 turns that off.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
DB=${SYNERGY_DEMO_DB:-synergy_demo}
PORT=${SYNERGY_PORT:-8069}
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

# shellcheck source=scripts/steps.sh
source scripts/steps.sh
# shellcheck source=scripts/check-postgres.sh
source scripts/check-postgres.sh
# shellcheck source=scripts/find-odoo.sh
source scripts/find-odoo.sh
if [ -z "$ODOO_FOUND" ]; then
    if [ -n "${ODOO_PATH:-}" ] || [ "${SYNERGY_SETUP_ODOO:-1}" = 0 ]; then
        echo "Cannot run: no Odoo 19 found: $ODOO_MISSING_REASON" >&2
        echo "Install Odoo 19 into this python, set ODOO_PATH, unset SYNERGY_SETUP_ODOO to set one up in .venv, or use: docker compose up -d" >&2
        exit 1
    fi
    echo "== No Odoo 19 found ($ODOO_MISSING_REASON): setting one up in ${SYNERGY_VENV:-.venv}"
    # Before a set-up of several minutes: without a database server it would be for nothing.
    require_postgresql
    bash scripts/setup-odoo.sh
    source scripts/find-odoo.sh
    [ -n "$ODOO_FOUND" ] || { echo "ERROR: the set-up gave no Odoo 19: $ODOO_MISSING_REASON" >&2; exit 1; }
fi
echo "== Odoo $ODOO_VERSION ($ODOO_LOCATION), python $PY"

MODULES=perf_synergy,perf_synergy_esg,perf_synergy_group,sale,perf_synergy_sale,calendar,perf_synergy_calendar,queue_job,perf_synergy_queue,perf_synergy_group_queue,perf_synergy_esg_queue

# "absent", "empty" (created, addons not installed: e.g. an interrupted first run) or "ready".
database_state() {
    "$PY" - "$DB" <<'PYSTATE'
import sys
import psycopg2
conn = psycopg2.connect(dbname="postgres")
cr = conn.cursor()
cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
if not cr.fetchone():
    print("absent")
    sys.exit()
conn.close()
cr = psycopg2.connect(dbname=sys.argv[1]).cursor()
cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
if cr.fetchone()[0]:
    cr.execute("SELECT state FROM ir_module_module WHERE name = 'perf_synergy'")
    row = cr.fetchone()
    print("ready" if row and row[0] == "installed" else "empty")
else:
    print("empty")
PYSTATE
}

# Odoo's install with one line per module ("module hr (12/64)") and every warning but the
# editable install's notice about its import hook (scripts/install_log.py leaves it out too).
odoo_with_progress() {
    "$PY" -m odoo --database="$DB" --addons-path="$ROOT/addons" "$@" \
        --http-interface=127.0.0.1 --stop-after-init --log-level=warn \
        --log-handler=odoo.modules.loading:INFO 2>&1 \
        | awk '/ INFO .* odoo\.modules\.loading: Loading module / {
                   sub(/.*Loading module /, "   module "); sub(/[ \t]+$/, ""); print; fflush(); next }
               / INFO .* odoo\.modules\.loading: / { next }
               /addons path is not a directory: .*__editable__/ { next }  # editable Odoo
               { print; fflush() }'
}

STEPS_TOTAL=4
step "checking PostgreSQL" require_postgresql
# --no-deps: Odoo may not be a pip distribution (requirements.txt lists the addons' own needs).
step "installing the OCA addons (requirements.txt)" \
    "$PY" -m pip install --quiet --no-deps -r requirements.txt
state=$(database_state)
case "$state" in
    ready)
        # --init installs what is not installed yet (a module added to the list since the
        # database was made), --update updates what is.
        step "updating the addons in $DB" odoo_with_progress --init="$MODULES" --update="$MODULES"
        ;;
    *)
        [ "$state" = empty ] && echo "   $DB exists without the addons (an interrupted first run?): installing them"
        # Chinese is loaded at creation, so that demo records are translated too; it comes
        # first (the default language of the demo), and English stays active beside it so
        # that users can switch in their preferences.
        step "creating $DB with the addons, demo data and Chinese (first run: a few minutes)" \
            odoo_with_progress --init="$MODULES" --with-demo --load-language=zh_CN,en_US
        ;;
esac

echo "== [4/4] serving: open http://127.0.0.1:$PORT/odoo and log in as admin / admin (database $DB)"
# queue_job loaded server-wide: its job runner runs in this Odoo, with two workers for the
# product's background jobs (period closes, alert rules, consolidation runs, ESG invitations;
# ODOO_QUEUE_JOB_CHANNELS=root:4 for more).
export ODOO_QUEUE_JOB_CHANNELS="${ODOO_QUEUE_JOB_CHANNELS:-root:2}"
exec "$PY" -m odoo --database="$DB" --db-filter="^$DB\$" --addons-path="$ROOT/addons" \
    --http-interface=127.0.0.1 --http-port="$PORT" --load=base,web,queue_job
