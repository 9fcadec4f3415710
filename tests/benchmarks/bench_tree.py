"""Benchmark: opening "who contributes" on a company line with 5,000 descendants.

The default dataset (4,600 employees, a 4-level department tree of 400 departments) gives
every company line exactly 400 department lines + 4,600 employee lines below it.

Measured, as the web client does it (best of 5, ORM cache emptied before each run):

* open: ``action_view_contributors()``, then what its list view (grouped by owner level)
  asks the server: ``web_read_group`` with the group counts, then the unfolding of the
  largest group (``web_search_read`` of its first 80 rows with the list's fields);
* full list: ``web_search_read`` of all 5,000 rows with the list's fields (no grouping,
  no limit) - the same rows as the reference.

Reference (same run): one recursive SQL query walking ``parent_line_id`` down from the
company line and returning the same 5,000 rows with the same columns (owner level, owner,
department, job, employee, KPI names, weight, actual, score, driven line).
Targets: open <= 1 s; full list <= 20 x the recursive query.

    python3 -m tests.benchmarks.bench_tree -d synergy_bench
"""

from __future__ import annotations

import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import ensure
from .harness import base_parser, best_of, measure, officer_env, open_registry, report

RECURSIVE_SQL = """
WITH RECURSIVE tree AS (
    SELECT id, scorecard_id, sequence, owner_level, company_id, department_id, job_id,
           employee_id, kpi_id, weight, actual, score, parent_line_id
      FROM synergy_scorecard_line WHERE parent_line_id = %(root)s
    UNION ALL
    SELECT child.id, child.scorecard_id, child.sequence, child.owner_level, child.company_id,
           child.department_id, child.job_id, child.employee_id, child.kpi_id, child.weight,
           child.actual, child.score, child.parent_line_id
      FROM synergy_scorecard_line child JOIN tree ON child.parent_line_id = tree.id
)
SELECT tree.id, tree.owner_level,
       COALESCE(emp.name, job.name->>'en_US', dep.name->>'en_US', company.name) AS owner,
       tree.department_id, dep.name->>'en_US', tree.job_id, job.name->>'en_US',
       tree.employee_id, emp.name, tree.kpi_id, '[' || kpi.code || '] ' || (kpi.name->>'en_US'),
       tree.weight, tree.actual, tree.score, tree.parent_line_id
  FROM tree
  JOIN res_company company ON company.id = tree.company_id
  LEFT JOIN hr_department dep ON dep.id = tree.department_id
  LEFT JOIN hr_job job ON job.id = tree.job_id
  LEFT JOIN hr_employee emp ON emp.id = tree.employee_id
  JOIN synergy_kpi kpi ON kpi.id = tree.kpi_id
 ORDER BY tree.scorecard_id, tree.sequence, tree.id
"""

NAME = {"fields": {"display_name": {}}}
LIST_SPEC = {
    "owner_level": {},
    "owner_name": {},
    "department_id": NAME,
    "job_id": NAME,
    "employee_id": NAME,
    "kpi_id": NAME,
    "weight": {},
    "actual": {},
    "score": {},
    "parent_line_id": NAME,
}


def run(args):
    registry = open_registry(args)
    data = ensure(registry, args)
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        Line = env["synergy.scorecard.line"]
        root = Line.browse(data.company_line_ids(env)[0])
        # Actuals and scores as after a close, so that the list shows real numbers.
        env["synergy.period"].browse(data.closing_month_id).action_close()
        env.flush_all()

        def reference():
            with measure("reference: recursive SQL query, same rows and columns") as result:
                cr.execute(RECURSIVE_SQL, {"root": root.id})
                result.extra["rows"] = len(cr.fetchall())
            return result

        def open_tree():
            env.invalidate_all()
            with measure("open: action + web_read_group + first 80 rows", cr) as result:
                action = root.action_view_contributors()
                groups = Line.with_context(**action["context"]).web_read_group(
                    action["domain"], ["owner_level"], ["__count"]
                )
                largest = max(groups["groups"], key=lambda g: g["__count"])
                page = Line.web_search_read(
                    action["domain"] + [("owner_level", "=", largest["owner_level"])],
                    LIST_SPEC,
                    limit=80,
                )
            result.extra["groups"] = {g["owner_level"]: g["__count"] for g in groups["groups"]}
            result.extra["first page"] = len(page["records"])
            return result

        def full_list():
            env.invalidate_all()
            with measure("full list: web_search_read of every row", cr) as result:
                action = root.action_view_contributors()
                rows = Line.web_search_read(action["domain"], LIST_SPEC)
            result.extra["rows"] = len(rows["records"])
            return result

        ref = best_of(5, reference)
        opened = best_of(5, open_tree)
        full = best_of(5, full_list)
        descendants = Line.search_count([("id", "child_of", root.id), ("id", "!=", root.id)])
        cr.rollback()
    figures = {
        "descendants of the company line": descendants,
        "rows of the recursive query / of the full list": (
            f"{ref.extra['rows']} / {full.extra['rows']}"
        ),
        "groups": opened.extra["groups"],
        "open (target <= 1 s)": f"{opened.seconds:.3f} s",
        "ratio open / recursive SQL": f"{opened.seconds / ref.seconds:.1f}",
        "full list": f"{full.seconds:.3f} s",
        "ratio full list / recursive SQL (target <= 20)": f"{full.seconds / ref.seconds:.1f}",
    }
    return report("who contributes", args, [ref, opened, full], figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=4600, lines=10, periods=1)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
