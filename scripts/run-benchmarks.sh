#!/usr/bin/env bash
# Scale benchmarks of Performance Synergy (docs/benchmarks.md).
#
#   bash scripts/run-benchmarks.sh [close|tree|rollup|alerts|screens|dashboards|consolidation|esg|
#                                   gamification|jobs ...] [-- options]
#
# Needs Odoo 19 and PostgreSQL. Uses the database $BENCH_DB (default synergy_bench), which
# is created with perf_synergy installed (no demo data) when it does not exist. Datasets are
# generated once per size by tests/benchmarks/generator.py (seeded, reused by later runs;
# the 10,000-employee one takes about 4 minutes); each benchmark rolls its changes back.
# Each benchmark prints its time, peak memory and its ratio to the reference measured in the
# same run; BENCH_JSON=<file> appends the reports as JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${BENCH_DB:-synergy_bench}"
ADDONS="${BENCH_ADDONS_PATH:-$PWD/addons}"
ALL=(close tree rollup alerts screens dashboards consolidation esg gamification jobs)
selected=()
extra=()
while (($#)); do
    if [[ "$1" == "--" ]]; then
        shift
        extra=("$@")
        break
    fi
    selected+=("$1")
    shift
done
((${#selected[@]})) || selected=("${ALL[@]}")

if ! python3 -c "import odoo" 2>/dev/null; then
    echo "Odoo 19 is not importable: the benchmarks need it (see README.md)." >&2
    exit 1
fi
ensure_db() {  # database, addon to install in it
    if ! psql -h "${PGHOST:-127.0.0.1}" -lqt 2>/dev/null | cut -d'|' -f1 | grep -qw "$1"; then
        echo "Creating database $1 with $2..."
        (cd /tmp && python3 -m odoo -d "$1" --addons-path="$ADDONS" -i "$2" \
            --stop-after-init --no-http --log-level=warn)
    fi
}

json=()
[[ -n "${BENCH_JSON:-}" ]] && json=(--json "$BENCH_JSON")
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for name in "${selected[@]}"; do
    # The consolidation and the ESG portal need their addon: each has a database of its own.
    case "$name" in
        close | tree | rollup | alerts | screens | dashboards)
            db=$DB module=bench_$name addon=perf_synergy
            ;;
        consolidation)
            db=${BENCH_GROUP_DB:-synergy_bench_group} module=bench_consolidation
            addon=perf_synergy_group
            ;;
        esg) db=${BENCH_ESG_DB:-synergy_bench_esg} module=bench_esg_portal addon=perf_synergy_esg ;;
        gamification)  # Odoo's gamification: installed in this database only, for comparison
            db=${BENCH_GAMIFICATION_DB:-synergy_bench_gamification} module=bench_gamification
            addon=perf_synergy,gamification
            ;;
        jobs)  # the close through queue_job's runner (perf_synergy_queue)
            db=${BENCH_JOBS_DB:-synergy_bench_jobs} module=bench_jobs addon=perf_synergy_queue
            ;;
        *)
            echo "unknown benchmark $name (one of: ${ALL[*]})" >&2
            exit 2
            ;;
    esac
    ensure_db "$db" "$addon"
    python3 -m "tests.benchmarks.$module" -d "$db" --addons-path "$ADDONS" \
        "${json[@]}" "${extra[@]}" 2> >(grep -v -e '^<string>:' -e 'WARNING' >&2)
done
