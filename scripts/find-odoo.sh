# shellcheck shell=bash
# Sourced: sets ODOO_FOUND, ODOO_VERSION, ODOO_LOCATION or ODOO_MISSING_REASON.
# Odoo is an importable `odoo` package of $PY, or a source tree named by ODOO_PATH, or else
# the project-local environment that scripts/setup-odoo.sh made (then PY is set to its python).
ODOO_FOUND=""
ODOO_MISSING_REASON=""
if [ -n "${ODOO_PATH:-}" ]; then
    if [ ! -d "$ODOO_PATH/odoo" ]; then
        ODOO_MISSING_REASON="ODOO_PATH=$ODOO_PATH holds no odoo/ package"
    else
        export PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}"
    fi
fi
if [ -z "$ODOO_MISSING_REASON" ]; then
    if probe=$("${PY:-python3}" -c '
import odoo.release as r
print(r.version_info[0], r.version, list(__import__("odoo").__path__)[0])
' 2>&1); then
        read -r major ODOO_VERSION ODOO_LOCATION <<<"$probe"
        if [ "$major" = "19" ]; then
            ODOO_FOUND=1
        else
            ODOO_MISSING_REASON="the importable odoo is version $ODOO_VERSION, not 19"
        fi
    else
        ODOO_MISSING_REASON="python cannot import odoo and ODOO_PATH is not set"
    fi
fi
LOCAL_VENV_PY=${SYNERGY_VENV:-$PWD/.venv}/bin/python
if [ -z "$ODOO_FOUND" ] && [ -z "${ODOO_PATH:-}" ] && [ -x "$LOCAL_VENV_PY" ] \
        && probe=$("$LOCAL_VENV_PY" -c '
import odoo.release as r
print(r.version_info[0], r.version, list(__import__("odoo").__path__)[0])
' 2>/dev/null); then
    read -r major ODOO_VERSION ODOO_LOCATION <<<"$probe"
    if [ "$major" = "19" ]; then
        PY=$LOCAL_VENV_PY
        ODOO_FOUND=1
        ODOO_MISSING_REASON=""
    fi
fi
export ODOO_FOUND ODOO_MISSING_REASON ODOO_VERSION ODOO_LOCATION
