"""Benchmark: the alert cron over 100,000 KPI values.

Default dataset: 834 employees x 10 KPIs x 12 months = 100,080 values, one rule per KPI
watching every employee's monthly series (about 2 % of the values are seeded level drops).

Measured: ``synergy.alert.rule._cron_evaluate()`` as the scheduler runs it (every active
rule, each in a savepoint; alerts created and routed), flushed; then a second run, which must
create nothing (idempotence) and shows the cost of a run with nothing new.

Reference (same run): one SQL statement reading every watched series, ordered, plus the pure
deviation detector (engine/deviation.py) run over each point of each series in plain Python -
the database's and the algorithm's own cost, without the ORM. Target: cron <= 30 s.

    python3 -m tests.benchmarks.bench_alerts -d synergy_bench
"""

from __future__ import annotations

import sys
from collections import defaultdict

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import ensure
from .harness import (
    base_parser,
    finish,
    measure,
    officer_env,
    open_registry,
    profiled,
    report,
)

SERIES_SQL = """
SELECT rule.id, val.employee_id, val.value::float8
  FROM synergy_alert_rule rule
  JOIN synergy_kpi_value val ON val.kpi_id = rule.kpi_id AND val.owner_level = rule.owner_level
  JOIN synergy_period period ON period.id = val.period_id AND period.period_type = 'month'
 WHERE rule.company_id = %(company)s AND rule.active
 ORDER BY rule.id, val.employee_id, period.date_start
"""


def reference(cr, env, data):
    from odoo.addons.perf_synergy.engine.deviation import detect

    rules = {rule.id: rule for rule in env["synergy.alert.rule"].browse(data.rule_ids)}
    params = {
        rule_id: (rule.kpi_id.direction, rule.window, rule.sensitivity, rule.floor or None)
        for rule_id, rule in rules.items()
    }
    with measure("reference: one SQL statement + the pure detector") as result:
        cr.execute(SERIES_SQL, {"company": data.company_id})
        series = defaultdict(list)
        for rule_id, owner, value in cr.fetchall():
            series[rule_id, owner].append(value)
        found = 0
        for (rule_id, _owner), values in series.items():
            direction, window, sensitivity, floor = params[rule_id]
            for index, value in enumerate(values):
                verdict = detect(
                    values[:index],
                    value,
                    direction,
                    window=window,
                    sensitivity=sensitivity,
                    floor=floor,
                )
                found += verdict.alert
    result.extra["values"] = sum(len(v) for v in series.values())
    result.extra["alerts"] = found
    return result


def run(args):
    registry = open_registry(args)
    data = ensure(registry, args)
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        ref = reference(cr, env, data)
        Rule = env["synergy.alert.rule"]
        env.invalidate_all()
        with (
            profiled(args.profile),
            measure(
                "alert cron (every rule, alerts created and routed)", cr, args.tracemalloc
            ) as first,
        ):
            created = Rule._cron_evaluate()
            env.flush_all()
            finish(env)
        first.extra["alerts"] = len(created)
        env.invalidate_all()
        with measure("alert cron again (idempotent: nothing new)", cr) as second:
            again = Rule._cron_evaluate()
            env.flush_all()
            finish(env)
        cr.rollback()
    figures = {
        "values watched": ref.extra["values"],
        "alerts created by the cron / found by the reference": (
            f"{first.extra['alerts']} / {ref.extra['alerts']}"
        ),
        "alerts created by the second run": len(again),
        "cron (target <= 30 s)": f"{first.seconds:.2f} s",
        "ratio cron / reference": f"{first.seconds / ref.seconds:.1f}",
        "second run": f"{second.seconds:.2f} s",
    }
    return report("alert cron", args, [ref, first, second], figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=834, lines=10, periods=12)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
