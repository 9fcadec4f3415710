"""Benchmark: the role dashboards' server method on the 10,000-employee dataset (issue 20,
performance).

Measured: ``get_dashboard_data(period_id, scope_id)``, the one call that feeds each dashboard
(JSON of every section), best of 5 from an empty ORM cache:

* *My Department* (``synergy.dashboard.department``) as a department head (a user with the
  head role made manager of a second-level department, about a seventh of the company, in
  the rolled-back transaction), on his department and the closing month;
* *Company Synergy Health* (``synergy.dashboard.company``, with the collaboration map) as the
  officer (the admin user of the bench company), on the company and the closing month.

Dataset: the screens benchmark's (the close benchmark's 10,000 employees x 10 lines, depth 4,
plus 10,000 requests between departments and 15,000 alerts, built once), closed in the
transaction first so that scorecards carry results. Target: <= 300 ms server time each; the
query count does not depend on the size (the dashboards' own assertQueryCount tests).

    python3 -m tests.benchmarks.bench_dashboards -d synergy_bench
"""

from __future__ import annotations

import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .bench_screens import TARGET_MS, build_extras, make_head
from .generator import ensure
from .harness import base_parser, best_of, measure, officer_env, open_registry, profiled, report

DASHBOARDS = (
    ("head", "synergy.dashboard.department", "My Department"),
    ("officer", "synergy.dashboard.company", "Company Synergy Health"),
)


def run(args):
    registry = open_registry(args)
    data = ensure(registry, args)
    build_extras(registry, data, args.requests, args.alerts, args.seed)
    results = []
    with registry.cursor() as cr:
        officer = officer_env(cr, data)
        officer["synergy.period"].browse(data.closing_month_id).action_close()
        officer.flush_all()
        head, department = make_head(officer, data)
        envs = {"head": (head, department.id), "officer": (officer, data.company_id)}
        for role, model, title in DASHBOARDS:
            if model not in officer:
                print(f"   {model} is not installed: skipped")
                continue
            env, scope = envs[role]
            Dashboard = env[model]

            def step(Dashboard=Dashboard, env=env, scope=scope, label=f"{role}: {title}"):
                env.invalidate_all()
                with measure(label, cr) as result:
                    payload = Dashboard.get_dashboard_data(
                        period_id=data.closing_month_id, scope_id=scope
                    )
                result.extra["sections"] = len(payload.get("sections", []))
                return result

            step()  # warm the registry caches, as a running server has them
            results.append(best_of(args.runs, step))
        if args.profile and results:
            slowest = max(results, key=lambda m: m.seconds)
            role = slowest.label.split(":", 1)[0]
            model = next(m for r, m, _t in DASHBOARDS if r == role)
            env, scope = envs[role]
            env.invalidate_all()
            with profiled(args.profile):
                env[model].get_dashboard_data(period_id=data.closing_month_id, scope_id=scope)
        cr.rollback()
    figures = {}
    for item in results:
        ms = item.seconds * 1000
        verdict = "met" if ms <= TARGET_MS else "NOT met"
        figures[item.label] = (
            f"{ms:.1f} ms, {item.queries} queries, {item.extra['sections']} sections "
            f"(target <= {TARGET_MS:.0f} ms: {verdict})"
        )
    return report("role dashboards", args, results, figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=10000, lines=10, periods=1)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--alerts", type=int, default=15000)
    parser.add_argument("--runs", type=int, default=5)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
