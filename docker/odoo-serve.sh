#!/usr/bin/env bash
# The odoo service of docker-compose.yml: the first start creates the demo database with the
# addons and demo data; every later start only serves it (no module update at each start).
# Arguments are passed to the serving Odoo.
set -euo pipefail
DB=${SYNERGY_DB:-synergy_demo}
ENTRYPOINT=${ODOO_ENTRYPOINT:-/entrypoint.sh}  # odoo:19's, which adds the database connection
MODULES=${SYNERGY_INIT_MODULES:?SYNERGY_INIT_MODULES names the addons to install at the first start}

# "ready" once the addons are installed; "new" for an absent or half-created database.
state=$(python3 - "$DB" <<'PYSTATE'
import os
import sys

import psycopg2

params = {
    "host": os.environ.get("HOST", "db"),
    "port": os.environ.get("PORT", "5432"),
    "user": os.environ.get("USER", "odoo"),
    "password": os.environ.get("PASSWORD", "odoo"),
}
try:
    conn = psycopg2.connect(dbname=sys.argv[1], **params)
except psycopg2.OperationalError as error:
    if "does not exist" not in str(error):
        raise
    print("new")
    sys.exit()
cr = conn.cursor()
cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
installed = False
if cr.fetchone()[0]:
    cr.execute("SELECT state FROM ir_module_module WHERE name = 'perf_synergy'")
    row = cr.fetchone()
    installed = bool(row and row[0] == "installed")
print("ready" if installed else "new")
PYSTATE
)

if [ "$state" = new ]; then
    echo "== First start: creating $DB with $MODULES and demo data"
    # Chinese is loaded at creation, so that demo records are translated too.
    "$ENTRYPOINT" odoo --database="$DB" --init="$MODULES" --with-demo --load-language=zh_CN \
        --stop-after-init --no-http
else
    echo "== $DB is initialised: serving it (update modules by hand: odoo -u <module>)"
fi
exec "$ENTRYPOINT" odoo --database="$DB" --db-filter="^$DB\$" "$@"
