"""Benchmark: closing a month of 10,000 employees x 10 KPI lines (100,000 employee lines).

Measured: ``synergy.period.action_close()`` on the closing month, as an officer clicks it:
measures of the period, every scorecard line's actual (employee lines from their values,
department and company lines rolled up through the value tree), scores, scorecard KPI scores,
linked scores and composite results, scorecards closed, values locked; flushed to the database.

Reference (same run, same data): one hand-written SQL statement computing the score of every
employee line from its value with the scoring curve of DESIGN.md section 4 (defaults, three
directions, the scheme's cap). The close also rolls up 10 x (departments + 1) lines, computes
10,000 composites and locks the values, which the statement does not: the ratio is the price
of the ORM path over the database's own floor. Targets: close <= 60 s, ratio <= 50 (the scale
benchmarks), ratio <= 20 at 10,000 employees (issue 21).

The close runs in a transaction that is rolled back: the dataset can be reused.

    python3 -m tests.benchmarks.bench_close -d synergy_bench
"""

from __future__ import annotations

import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import ensure
from .harness import (
    base_parser,
    best_of,
    finish,
    measure,
    officer_env,
    open_registry,
    profiled,
    report,
    vacuum,
)

# perf_synergy_queue's parameter: the number of scorecards from which a close runs in jobs.
CLOSE_THRESHOLD = "perf_synergy_queue.close_threshold"

LINE_SCORES_SQL = """
WITH base AS (
    SELECT line.id, kpi.direction AS d, val.value::float8 AS x, line.target::float8 AS t,
           NULLIF(line.floor, 0)::float8 AS f0, NULLIF(line.stretch, 0)::float8 AS s0,
           line.band_low::float8 AS bl, line.band_high::float8 AS bh,
           COALESCE(NULLIF(scheme.score_cap, 0), 120)::float8 AS cap
      FROM synergy_scorecard_line line
      JOIN synergy_scorecard card ON card.id = line.scorecard_id
      JOIN synergy_kpi kpi ON kpi.id = line.kpi_id
      LEFT JOIN synergy_scheme scheme ON scheme.id = card.scheme_id
      JOIN synergy_kpi_value val
        ON val.kpi_id = line.kpi_id AND val.period_id = line.period_id
       AND val.owner_level = 'employee' AND val.employee_id = line.employee_id
     WHERE line.period_id = %(period)s AND line.owner_level = 'employee'
), curve AS (
    SELECT id, d, x, bl, bh, cap,
           sg * x AS xx, sg * t AS tt,
           sg * COALESCE(f0, CASE WHEN d = 'lower_better' THEN 2 * t ELSE 0 END) AS ff,
           sg * COALESCE(s0, CASE WHEN d = 'lower_better' THEN 0.8 * t ELSE 1.2 * t END) AS ss,
           COALESCE(f0, bl - w) AS bf, COALESCE(s0, bh + w) AS bc
      FROM (SELECT *, CASE WHEN d = 'lower_better' THEN -1.0 ELSE 1.0 END AS sg,
                   COALESCE(NULLIF(bh - bl, 0), NULLIF(abs(bl), 0), 1.0) AS w
              FROM base) b
)
SELECT id,
       CASE WHEN d = 'band' THEN
                CASE WHEN x BETWEEN bl AND bh THEN 100.0
                     WHEN x < bl THEN GREATEST(0, LEAST(100, (x - bf) * 100 / (bl - bf)))
                     ELSE GREATEST(0, LEAST(100, (bc - x) * 100 / (bc - bh))) END
            WHEN xx <= ff THEN 0.0
            WHEN xx < tt THEN (xx - ff) * 100 / (tt - ff)
            WHEN ss = tt THEN 100.0
            WHEN xx >= ss THEN cap
            ELSE 100 + (xx - tt) * (cap - 100) / (ss - tt)
       END AS score
  FROM curve
"""


def sql_reference(cr, period_id):
    def step():
        with measure("reference: one SQL statement scoring the employee lines") as result:
            cr.execute(LINE_SCORES_SQL, {"period": period_id})
            rows = cr.fetchall()
        result.extra["rows"] = len(rows)
        result.extra["scores"] = dict(rows)
        return result

    return best_of(3, step)


def run(args):
    registry = open_registry(args)
    data = ensure(registry, args)
    vacuum(args.database, ("synergy_scorecard_line", "synergy_scorecard", "synergy_kpi_value"))
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        # The close in this request, as measured here, also in a database with the job queue
        # bridge (perf_synergy_queue cuts a close of this size in jobs: see bench_jobs). Set
        # in SQL, in the transaction rolled back below, so that no cache is cleared.
        cr.execute(
            "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [CLOSE_THRESHOLD, str(10**9)],
        )
        reference = sql_reference(cr, data.closing_month_id)
        expected = reference.extra.pop("scores")
        period = env["synergy.period"].browse(data.closing_month_id)
        counts = {
            "lines": env["synergy.scorecard.line"].search_count([("period_id", "=", period.id)]),
            "scorecards": env["synergy.scorecard"].search_count([("period_id", "=", period.id)]),
            "values": env["synergy.kpi.value"].search_count([("period_id", "=", period.id)]),
        }
        env.invalidate_all()
        with (
            profiled(args.profile),
            measure("period close (action_close + flush)", cr, args.tracemalloc) as close,
        ):
            period.action_close()
            env.flush_all()
            finish(env)
        cr.execute(
            "SELECT id, score FROM synergy_scorecard_line WHERE id = ANY(%s)", [list(expected)]
        )
        stored = dict(cr.fetchall())
        max_diff = max((abs(stored[i] - expected[i]) for i in expected), default=0.0)
        cr.execute(
            "SELECT count(*) FILTER (WHERE has_actual) FROM synergy_scorecard_line "
            "WHERE period_id = %s",
            [period.id],
        )
        with_actual = cr.fetchone()[0]
        cr.rollback()
    figures = {
        **{f"{key} in the period": value for key, value in counts.items()},
        "lines with an actual after close": with_actual,
        "employee lines scored by SQL": reference.extra["rows"],
        "max |ORM score - SQL score|": f"{max_diff:.6f}",
        "close time (target <= 60 s)": f"{close.seconds:.2f} s",
        "ratio close / SQL (target <= 20 at 10,000 employees)": (
            f"{close.seconds / reference.seconds:.1f}"
        ),
    }
    return report("period close", args, [reference, close], figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=10000, lines=10, periods=1)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
