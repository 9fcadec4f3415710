#!/usr/bin/env bash
# A project-local Odoo 19 Community in .venv, for a machine that has none (make run / make test
# call it when no Odoo 19 is importable and ODOO_PATH is not set).
#
#   ODOO_SOURCE  a git URL (default: the official repository, branch ODOO_BRANCH), a local
#                checkout (used in place), or an archive (.tar.gz/.tgz/.zip, a file or a URL)
#   ODOO_BRANCH  the branch cloned from a git URL (default 19.0)
#   SYNERGY_VENV where the environment goes (default .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${SYNERGY_VENV:-$ROOT/.venv}
ODOO_SOURCE=${ODOO_SOURCE:-https://github.com/odoo/odoo.git}
ODOO_BRANCH=${ODOO_BRANCH:-19.0}
BASE_PY=${PYTHON:-python3}
SRC=$VENV/src/odoo
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

# shellcheck source=scripts/steps.sh
source scripts/steps.sh

fail() {
    echo "ERROR: $*" >&2
    exit 1
}

check_python() {
    "$BASE_PY" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \
        || fail "Odoo 19 needs Python 3.10 or newer with the venv module ($BASE_PY is $("$BASE_PY" -V 2>&1)); install python3 and python3-venv, or set PYTHON=/path/to/python3"
    command -v git >/dev/null || [ -e "$ODOO_SOURCE" ] || fail "git is needed to clone $ODOO_SOURCE (apt-get install git), or set ODOO_SOURCE to a local checkout or archive"
}

is_odoo_19_tree() {
    [ -f "$1/odoo/release.py" ] && [ -f "$1/requirements.txt" ] \
        && grep -Eq "^version_info = \(19, 0," "$1/odoo/release.py"
}

get_source() {
    if [ -d "$ODOO_SOURCE" ]; then
        is_odoo_19_tree "$ODOO_SOURCE" \
            || fail "ODOO_SOURCE=$ODOO_SOURCE is not an Odoo 19 source tree (no odoo/release.py of version 19.0)"
        SRC=$(cd "$ODOO_SOURCE" && pwd)
        echo "   using the checkout in place: $SRC"
        return
    fi
    rm -rf "$SRC" "$SRC.part"
    mkdir -p "$(dirname "$SRC")"
    case "$ODOO_SOURCE" in
        *.tar.gz | *.tgz | *.zip)
            local archive=$ODOO_SOURCE
            if [ ! -f "$archive" ]; then
                archive=$VENV/src/odoo-source.${ODOO_SOURCE##*.}
                "$BASE_PY" -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
                    "$ODOO_SOURCE" "$archive" \
                    || fail "cannot download ODOO_SOURCE=$ODOO_SOURCE; give a local checkout or archive instead: ODOO_SOURCE=/path/to/odoo make run"
            fi
            mkdir "$SRC.part"
            "$BASE_PY" -m "$([ "${archive##*.}" = zip ] && echo zipfile || echo tarfile)" \
                -e "$archive" "$SRC.part" || fail "cannot extract $archive"
            # The archive holds the tree at its top or in one folder (odoo-19.0/).
            local release top
            release=$(find "$SRC.part" -maxdepth 3 -path '*/odoo/release.py' | head -1)
            top=$(dirname "$(dirname "${release:-/none/odoo/release.py}")")
            is_odoo_19_tree "$top" || { rm -rf "$SRC.part"; fail "$ODOO_SOURCE holds no Odoo 19 source tree"; }
            mv "$top" "$SRC"
            rm -rf "$SRC.part"
            ;;
        *)
            git clone --quiet --depth=1 --branch="$ODOO_BRANCH" "$ODOO_SOURCE" "$SRC" \
                || fail "cannot clone branch $ODOO_BRANCH of ODOO_SOURCE=$ODOO_SOURCE (network, URL or branch?); give a local checkout or archive instead: ODOO_SOURCE=/path/to/odoo make run"
            is_odoo_19_tree "$SRC" || fail "branch $ODOO_BRANCH of $ODOO_SOURCE is not Odoo 19"
            ;;
    esac
}

make_venv() {
    [ -x "$VENV/bin/python" ] || "$BASE_PY" -m venv "$VENV" \
        || fail "cannot create a virtual environment in $VENV (Debian/Ubuntu: apt-get install python3-venv)"
    # Old sdists among Odoo's pinned requirements do not build with setuptools 70 and newer.
    echo "setuptools<70" >"$VENV/constraints.txt"
    # python-ldap needs the LDAP headers and only serves the optional auth_ldap addon.
    grep -v -E "^python-ldap" "$SRC/requirements.txt" >"$VENV/odoo-requirements.txt" || true
}

install_odoo_requirements() {
    PIP_CONSTRAINT=$VENV/constraints.txt "$VENV/bin/python" -m pip install --quiet \
        -r "$VENV/odoo-requirements.txt" \
        || fail "installing Odoo's Python requirements failed (see above); psycopg2 is built from source: apt-get install build-essential python3-dev libpq-dev"
}

install_odoo() {
    # Editable: the source stays where it is (a local checkout is not copied).
    "$VENV/bin/python" -m pip install --quiet --no-deps -e "$SRC" \
        || fail "installing Odoo from $SRC failed (see above)"
}

install_addon_requirements() {
    # Odoo's pins as constraints: the OCA addons must not upgrade what Odoo was tested with.
    cat "$VENV/odoo-requirements.txt" >>"$VENV/constraints.txt"
    PIP_CONSTRAINT=$VENV/constraints.txt "$VENV/bin/python" -m pip install --quiet \
        -r requirements.txt || fail "installing the OCA addons of requirements.txt failed (see above)"
}

check_result() {
    "$VENV/bin/python" -c 'import odoo.release as r, sys; print("   Odoo", r.version, "in", sys.prefix); sys.exit(r.version_info[0] != 19)'
}

STEPS_TOTAL=7
echo "== Setting up Odoo 19 Community in $VENV from $ODOO_SOURCE (once; later runs reuse it)"
SETUP_T0=$SECONDS
step "checking Python and git" check_python
step "getting the Odoo source" get_source
step "creating the virtual environment" make_venv
step "installing Odoo's Python requirements (a few minutes)" install_odoo_requirements
step "installing Odoo" install_odoo
step "installing the OCA addons (requirements.txt)" install_addon_requirements
step "checking the result" check_result
echo "== Odoo 19 is set up in $VENV ($((SECONDS - SETUP_T0)) s)"
