"""Benchmark: changing one actual recomputes its ancestors, in work proportional to depth.

For each dataset (default: depth 4 and 8 with 1,000 employees, depth 4 with 10,000
employees), one employee's value of the closing month is changed with ``write()`` (as a
user correcting it): the employee line, every line up the value tree to the company line,
their scores, the KPI scores, linked scores and composite results of their scorecards are
recomputed and flushed. The measure is the best of 5 changes (each on another employee), with
its query count and the number of lines whose actual was recomputed.

Reference (same run, same dataset): one SQL query reading what the recomputation needs, the
ancestors of the changed line and their drivers (siblings on the path).

Proportional to depth, not size: the query count and time barely move from 1,000 to 10,000
employees at the same depth, and grow with the depth.

    python3 -m tests.benchmarks.bench_rollup -d synergy_bench
    python3 -m tests.benchmarks.bench_rollup -d synergy_bench --sizes 1000:4,1000:8,10000:4
"""

from __future__ import annotations

import copy
import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import ensure
from .harness import base_parser, best_of, finish, measure, officer_env, open_registry, report

PATH_SQL = """
SELECT line.id, line.actual, line.weight, line.parent_line_id
  FROM synergy_scorecard_line line
 WHERE line.id = ANY(%(path)s) OR line.parent_line_id = ANY(%(path)s)
"""


def run_one(registry, args):
    data = ensure(registry, args)
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        Value = env["synergy.kpi.value"]
        Line = env["synergy.scorecard.line"]
        values = Value.search(
            [
                ("company_id", "=", data.company_id),
                ("period_id", "=", data.closing_month_id),
                ("owner_level", "=", "employee"),
                ("kpi_id", "=", data.employee_kpi_ids[0]),
            ],
            order="id",
            limit=5,
        )
        line = Line.search(
            [
                ("kpi_id", "=", values[0].kpi_id.id),
                ("employee_id", "=", values[0].employee_id.id),
                ("period_id", "=", data.closing_month_id),
            ]
        )
        depth = line.parent_path.count("/")
        path = [int(i) for i in line.parent_path.strip("/").split("/")]
        env.flush_all()
        runs = iter(values)

        def change():
            value = next(runs)
            env.invalidate_all()
            with measure(f"change one actual (depth {depth})", cr) as result:
                value.write({"value": value.value + 1.0})
                env.flush_all()
                finish(env)
            return result

        def reference():
            with measure("reference: SQL read of the path and its drivers") as result:
                cr.execute(PATH_SQL, {"path": path})
                result.extra["rows"] = len(cr.fetchall())
            return result

        ref = best_of(5, reference)
        changed = best_of(5, change)
        cr.rollback()
    return depth, ref, changed


def run(args):
    registry = open_registry(args)
    measures, figures = [], {}
    for spec in args.sizes.split(","):
        employees, depth = (int(x) for x in spec.split(":"))
        sub = copy.copy(args)
        sub.employees, sub.depth = employees, depth
        tree_depth, ref, changed = run_one(registry, sub)
        changed.label = f"{employees} employees, {tree_depth} lines on the path: change one actual"
        ref.label = f"{employees} employees, {tree_depth} lines on the path: reference SQL"
        measures += [ref, changed]
        figures[f"{employees} employees, department depth {depth}, path {tree_depth} lines"] = (
            f"{changed.seconds * 1000:.1f} ms wall, {changed.cpu_seconds * 1000:.1f} ms cpu, "
            f"{changed.queries} queries, "
            f"ratio to SQL {changed.seconds / ref.seconds:.0f}"
        )
    return report("change one actual, recompute its ancestors", args, measures, figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=1000, lines=10, periods=1)
    parser.add_argument(
        "--sizes",
        default="1000:4,1000:8,10000:4",
        help="Comma-separated employees:department-depth datasets to compare.",
    )
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
