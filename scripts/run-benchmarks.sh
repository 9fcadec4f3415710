#!/usr/bin/env bash
# Scale benchmarks of Performance Synergy (docs/benchmarks.md).
#
#   bash scripts/run-benchmarks.sh [close|tree|rollup|alerts ...] [-- extra options]
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
ALL=(close tree rollup alerts)
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
if ! psql -h "${PGHOST:-127.0.0.1}" -lqt 2>/dev/null | cut -d'|' -f1 | grep -qw "$DB"; then
    echo "Creating database $DB with perf_synergy..."
    (cd /tmp && python3 -m odoo -d "$DB" --addons-path="$ADDONS" -i perf_synergy \
        --stop-after-init --no-http --log-level=warn)
fi

json=()
[[ -n "${BENCH_JSON:-}" ]] && json=(--json "$BENCH_JSON")
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for name in "${selected[@]}"; do
    case "$name" in
        close | tree | rollup | alerts) ;;
        consolidation | esg)
            echo "$name: pending (docs/benchmarks.md, 'Pending')" >&2
            continue
            ;;
        *)
            echo "unknown benchmark $name (one of: ${ALL[*]})" >&2
            exit 2
            ;;
    esac
    python3 -m "tests.benchmarks.bench_$name" -d "$DB" --addons-path "$ADDONS" \
        "${json[@]}" "${extra[@]}" 2> >(grep -v -e '^<string>:' -e 'WARNING' >&2)
done
