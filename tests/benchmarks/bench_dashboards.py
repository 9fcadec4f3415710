"""Benchmark: the role dashboards' server method on the 10,000-employee dataset (issue 20).

Measured: ``synergy.dashboard.department.get_dashboard_data`` for the closing month, as a
department head of the first level under the head office (his department and its subtree in
the scope selector) and as the performance office on the head office itself (every
department of the company in the selector); ``synergy.dashboard.employee.get_dashboard_data``
as an employee; ``synergy.dashboard.company.get_dashboard_data`` (Company Synergy Health, with
the collaboration map) as the officer on the company. Each is run once to warm the caches,
then measured as the best of three runs from an empty ORM cache. Target (issue 20): <= 300 ms
server time for the head's and for the officer's dashboard.

Dataset: the period close's (10,000 employees x 10 lines, one month), plus the screens
benchmark's requests between departments and alerts (``bench_screens.build_extras``: 10,000
and 15,000 by default, built once), so that the request, alert and collaboration sections
have rows to read.

Reference (same run): one SQL statement reading the head's scorecard lines of the month -
the least any scorecard page costs.

    python3 -m tests.benchmarks.bench_dashboards -d synergy_bench
"""

from __future__ import annotations

import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .bench_screens import build_extras
from .generator import ensure
from .harness import base_parser, measure, officer_env, open_registry, profiled, report

LINES_SQL = """
SELECT line.id, line.target, line.actual, line.achievement, line.score
  FROM synergy_scorecard_line line
 WHERE line.department_id = %(department)s AND line.period_id = %(period)s
   AND line.owner_level = 'department'
"""


def best(label, cr, env, step, runs=3):
    """The fastest of ``runs`` measured runs of ``step``, each from an empty ORM cache."""
    step()  # warm-up: registry caches, rules, translations
    results = []
    for _ in range(runs):
        env.invalidate_all()
        with measure(label, cr) as result:
            step()
        results.append(result)
    return min(results, key=lambda r: r.seconds)


def run(args):
    from odoo import api

    registry = open_registry(args)
    data = ensure(registry, args)
    build_extras(registry, data, args.requests, args.alerts, args.seed)
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        sudo = env(su=True)
        root = sudo["hr.department"].search(
            [("company_id", "=", data.company_id), ("parent_id", "=", False)], limit=1
        )
        department = root.child_ids[:1]
        # A head and an employee with logins of their own (rolled back with the run).
        group_manager = sudo.ref("perf_synergy.group_synergy_manager")
        group_user = sudo.ref("perf_synergy.group_synergy_user")
        company = sudo["res.company"].browse(data.company_id)
        Users = sudo["res.users"].with_context(no_reset_password=True)
        head_user = Users.create(
            {
                "name": "Bench head",
                "login": "bench_dashboard_head",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "group_ids": [(6, 0, [group_manager.id])],
            }
        )
        sudo["hr.employee"].create(
            {
                "name": "Bench head",
                "user_id": head_user.id,
                "department_id": department.id,
                "company_id": company.id,
            }
        )
        employee = sudo["hr.employee"].search(
            [("company_id", "=", company.id), ("user_id", "=", False)], limit=1
        )
        employee_user = Users.create(
            {
                "name": "Bench employee",
                "login": "bench_dashboard_employee",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "group_ids": [(6, 0, [group_user.id])],
            }
        )
        employee.user_id = employee_user
        env.flush_all()
        period = data.closing_month_id
        context = {"allowed_company_ids": [company.id]}
        head_env = api.Environment(cr, head_user.id, context)
        employee_env = api.Environment(cr, employee_user.id, context)

        with measure("reference: the head's scorecard lines, one SQL statement", cr) as ref:
            cr.execute(LINES_SQL, {"department": department.id, "period": period})
            ref.extra["lines"] = len(cr.fetchall())

        Head = head_env["synergy.dashboard.department"]
        with profiled(args.profile):
            head = best(
                "My Department, as the head of a first-level department",
                cr,
                head_env,
                lambda: Head.get_dashboard_data(period_id=period),
            )
        scopes = len(Head.get_dashboard_data(period_id=period)["scopes"])
        Office = env["synergy.dashboard.department"]
        office = best(
            "My Department of the head office, as the performance office",
            cr,
            env,
            lambda: Office.get_dashboard_data(period_id=period, scope_id=root.id),
        )
        Mine = employee_env["synergy.dashboard.employee"]
        mine = best(
            "My Results, as an employee",
            cr,
            employee_env,
            lambda: Mine.get_dashboard_data(period_id=period),
        )
        company_health = None
        if "synergy.dashboard.company" in env:
            Health = env["synergy.dashboard.company"]
            company_health = best(
                "Company Synergy Health, as the officer",
                cr,
                env,
                lambda: Health.get_dashboard_data(period_id=period, scope_id=company.id),
            )
        cr.rollback()
    figures = {
        "departments in the head's selector": scopes,
        "head's My Department (target <= 300 ms)": (
            f"{head.seconds * 1000:.0f} ms, {head.queries} queries"
        ),
        "office's My Department of the head office": (
            f"{office.seconds * 1000:.0f} ms, {office.queries} queries"
        ),
        "employee's My Results": f"{mine.seconds * 1000:.0f} ms, {mine.queries} queries",
        "ratio head / reference": f"{head.seconds / max(ref.seconds, 1e-6):.0f}",
    }
    measures = [ref, head, office, mine]
    if company_health:
        figures["officer's Company Synergy Health (target <= 300 ms)"] = (
            f"{company_health.seconds * 1000:.0f} ms, {company_health.queries} queries"
        )
        measures.append(company_health)
    return report("role dashboards", args, measures, figures)


def main(argv=None):
    # The period close's dataset (10,000 employees, one month of values): built once, shared.
    parser = base_parser(__doc__.split("\n", 1)[0], employees=10000, lines=10, periods=1)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--alerts", type=int, default=15000)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
