# shellcheck shell=bash
# Sourced: `step "what" command args...` prints a numbered line, runs the command and prints
# how long it took (and the time since the script started), so that a long set-up is never
# silent. STEPS_TOTAL (optional) is the number of steps announced.
STEP_NO=0
STEPS_T0=${STEPS_T0:-$SECONDS}
step() {
    local what=$1 t0=$SECONDS rc=0
    shift
    STEP_NO=$((STEP_NO + 1))
    echo "== [${STEP_NO}${STEPS_TOTAL:+/$STEPS_TOTAL}] $what"
    "$@" || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "   failed after $((SECONDS - t0)) s" >&2
        exit "$rc"
    fi
    echo "   done in $((SECONDS - t0)) s (elapsed $((SECONDS - STEPS_T0)) s)"
}
