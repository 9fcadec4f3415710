"""Benchmark: one KPI computed by Odoo's gamification goals and by a synergy measure (issue 21,
item 4).

The KPI: tasks closed per user in a month, over ``--users`` users (10,000 by default). The
dataset (built once, committed, in a company of its own named after its parameters): the
users (internal users, each with an employee of the company), one project, and per user a
seeded number of tasks (0 to 6) closed in the measured month (June 2040, closed on days 1-27),
plus tasks closed the month before and open tasks that must not count; one task in ten has
two assignees (it counts for both). ``synergy_closed_date`` is the date both sides read.

Gamification (Odoo's own ``gamification`` addon, installed in the benchmark database only,
never a dependency of the product): a goal definition counting ``project.task`` with
``state = '1_done'``, date field ``synergy_closed_date``, in **batch mode**
(``batch_distinctive_field`` = ``user_ids``, ``batch_user_expression`` = ``user.id``), and
one goal per user for the month (target 3). Synergy: a ``synergy.measure`` (count of the
same domain and date field, owner level employee, owner field ``user_ids``) feeding a KPI.

Measured in one run, in the same transaction on the same data, each side from an empty cache:

* gamification: ``gamification.goal.update_goal()`` on the 10,000 goals (what its cron runs):
  one grouped query per goal period, then the values matched to the goals and written;
* synergy: ``synergy.measure._compute_periods(month)`` (what the period close runs): the
  measure evaluated for every owner and its 10,000 KPI values written;
* the cores alone: the grouped query gamification issues, and ``synergy.measure._evaluate``.

Check printed: the value of every user's goal equals his employee's measure value.
Target: the measure at most as slow as gamification (ratio measure / gamification <= 1).

    python3 -m tests.benchmarks.bench_gamification -d synergy_bench_gamification

The database needs ``gamification`` installed (``scripts/run-benchmarks.sh gamification``
creates ``$BENCH_GAMIFICATION_DB``, default synergy_bench_gamification, with it).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import PROGRESS, YEAR, chunked_create, environment, hr_manager_env
from .harness import base_parser, finish, measure, open_registry, profiled, report

MONTH = 6
CLOSED = "1_done"
TARGET = 3.0


def tag_of(args):
    return f"Bench gamification u{args.users}-s{args.seed}"


def _month_bounds(month):
    start = date(YEAR, month, 1)
    end = date(YEAR + (month == 12), month % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def build(registry, args):  # noqa: PLR0915 - one linear script, step by step
    """Build (once) and commit the dataset; return {name: id or ids}."""
    from odoo import SUPERUSER_ID, api
    from odoo.addons.perf_synergy.tools.write_policy import trusted_writes

    with registry.cursor() as cr:
        root = api.Environment(cr, SUPERUSER_ID, {})
        if "gamification.goal" not in root:
            raise SystemExit(
                "gamification is not installed in this database: the benchmark compares with "
                "it (python3 -m odoo -d DB -i gamification --stop-after-init)"
            )
        tag = tag_of(args)
        company = root["res.company"].search([("name", "=", tag)], limit=1)
        if company:
            env = environment(root, company.id)
            period = env["synergy.period"].search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", "month"),
                    ("date_start", "=", _month_bounds(MONTH)[0]),
                ]
            )
            return {
                "company": company.id,
                "period": period.id,
                "goals": env["gamification.goal"]
                .sudo()
                .search([("definition_id.name", "=", tag)])
                .ids,
                "measure": env["synergy.measure"]
                .search([("company_id", "=", company.id)], limit=1)
                .id,
                "seconds": 0.0,
            }
        started = time.perf_counter()
        rng = random.Random(args.seed)
        company = root["res.company"].create({"name": tag})
        admin = root.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [(4, company.id)],
                "group_ids": [
                    (4, root.ref("perf_synergy.group_synergy_officer").id),
                    (4, root.ref("project.group_project_manager").id),
                ],
            }
        )
        env = environment(root, company.id)
        env = env(
            context=dict(
                env.context,
                no_reset_password=True,
                mail_create_nosubscribe=True,
                mail_auto_subscribe_no_notify=True,
            )
        )
        env["synergy.period.generate"].create(
            {"year": YEAR, "company_id": company.id}
        ).action_generate()
        start, end = _month_bounds(MONTH)
        period = env["synergy.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_start", "=", start),
            ]
        )
        department = env["hr.department"].create({"name": "Delivery", "company_id": company.id})
        user_group = root.ref("base.group_user").id
        user_ids = chunked_create(
            env(su=True),
            "res.users",
            [
                {
                    "name": f"Gamified {i:06d}",
                    "login": f"gam{company.id}_{i:06d}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, [company.id])],
                    "group_ids": [(6, 0, [user_group])],
                }
                for i in range(args.users)
            ],
            chunk=500,
        )
        chunked_create(
            hr_manager_env(env, company, tag),
            "hr.employee",
            [
                {
                    "name": f"Gamified {i:06d}",
                    "company_id": company.id,
                    "department_id": department.id,
                    "user_id": user_id,
                }
                for i, user_id in enumerate(user_ids)
            ],
            chunk=1000,
        )
        project = env["project.project"].create({"name": tag, "company_id": company.id})
        previous = _month_bounds(MONTH - 1)[0]
        tasks = []
        for index, user_id in enumerate(user_ids):
            assignees = [user_id]
            for number in range(rng.randint(0, 6) + 2):
                if number == 0:  # open: never counts
                    state, closed = "01_in_progress", False
                elif number == 1:  # closed the month before: not this month
                    state, closed = CLOSED, datetime(previous.year, previous.month, 15, 10)
                else:
                    state = CLOSED
                    closed = datetime(YEAR, MONTH, rng.randint(1, 27), rng.randint(7, 19))
                if rng.random() < 0.1:  # a second assignee: counts for both
                    assignees = [user_id, user_ids[(index + 1) % len(user_ids)]]
                tasks.append(
                    {
                        "name": f"Task {index:06d}.{number}",
                        "project_id": project.id,
                        "company_id": company.id,
                        "user_ids": [(6, 0, assignees)],
                        "state": state,
                        "synergy_closed_date": closed,
                    }
                )
                assignees = [user_id]
        # The closing date is the product's own computation (set when a task is closed):
        # the generator places it in the month as the product's code would have.
        with trusted_writes():
            chunked_create(env, "project.task", tasks, chunk=2000)

        # Gamification: a batch-mode count over the same tasks, one goal per user.
        Fields = env["ir.model.fields"].sudo()
        task_model = env["ir.model"]._get_id("project.task")
        definition = (
            env["gamification.goal.definition"]
            .sudo()
            .create(
                {
                    "name": tag,
                    "computation_mode": "count",
                    "model_id": task_model,
                    "domain": f"[('state', '=', '{CLOSED}')]",
                    "field_date_id": Fields._get("project.task", "synergy_closed_date").id,
                    "batch_mode": True,
                    "batch_distinctive_field": Fields._get("project.task", "user_ids").id,
                    "batch_user_expression": "user.id",
                    "condition": "higher",
                }
            )
        )
        goal_ids = chunked_create(
            env(su=True),
            "gamification.goal",
            [
                {
                    "definition_id": definition.id,
                    "user_id": user_id,
                    "start_date": start,
                    "end_date": end,
                    "target_goal": TARGET,
                    "state": "inprogress",
                }
                for user_id in user_ids
            ],
            chunk=5000,
        )
        # Synergy: a measure of the same count, credited to each assignee's employee.
        measure_rec = env["synergy.measure"].create(
            {
                "name": "Tasks closed",
                "company_id": company.id,
                "model_id": task_model,
                "domain": f"[('state', '=', '{CLOSED}')]",
                "date_field": "synergy_closed_date",
                "aggregate": "count",
                "owner_level": "employee",
                "owner_field": "user_ids",
            }
        )
        env["synergy.kpi"].create(
            {
                "company_id": company.id,
                "code": "G000",
                "name": "Tasks closed",
                "value_source": "measure",
                "measure_id": measure_rec.id,
            }
        )
        env.flush_all()
        cr.commit()
        for table in ("project_task", "project_task_user_rel", "gamification_goal", "hr_employee"):
            cr.execute(f"ANALYZE {table}")
        cr.commit()
        return {
            "company": company.id,
            "period": period.id,
            "goals": goal_ids,
            "measure": measure_rec.id,
            "seconds": time.perf_counter() - started,
        }


def gamification_core(env, goals):
    """The grouped query gamification's batch mode issues for the goals' period."""
    definition = goals[:1].definition_id
    first = goals[:1]
    domain = [
        ("state", "=", CLOSED),
        ("user_ids", "in", goals.user_id.ids),
        ("synergy_closed_date", ">=", first.start_date),
        ("synergy_closed_date", "<=", first.end_date),
    ]
    assert definition.batch_mode
    return env["project.task"]._read_group(domain, groupby=["user_ids"], aggregates=["__count"])


def run(args):
    from odoo import SUPERUSER_ID, api

    registry = open_registry(args)
    from odoo.addons.perf_synergy.tools.write_policy import trusted_writes

    data = build(registry, args)
    with registry.cursor() as cr:
        root = api.Environment(cr, SUPERUSER_ID, {})
        admin = root.ref("base.user_admin")
        env = api.Environment(cr, admin.id, {"allowed_company_ids": [data["company"]]})
        goals = env["gamification.goal"].browse(data["goals"])
        period = env["synergy.period"].browse(data["period"])
        measure_rec = env["synergy.measure"].browse(data["measure"])
        counts = {
            "users with a goal": len(goals),
            "tasks of the company": env["project.task"].search_count(
                [("company_id", "=", data["company"])]
            ),
        }

        env.invalidate_all()
        with measure("gamification core: its one grouped query (batch mode)", cr) as g_core:
            rows = gamification_core(env, goals)
        g_core.extra["rows"] = len(rows)
        env.invalidate_all()
        with measure("synergy core: synergy.measure._evaluate(month)", cr) as s_core:
            evaluated = measure_rec._evaluate(period)
        s_core.extra["rows"] = len(evaluated)

        env.invalidate_all()
        with (
            profiled(args.profile),
            measure("gamification: update_goal() of every goal, written", cr) as gam,
        ):
            goals.update_goal()
            finish(env)
        env.invalidate_all()
        with measure("synergy: measure._compute_periods(month), values written", cr) as syn:
            with trusted_writes():  # the scope the period close runs it in
                values = env["synergy.measure"]._compute_periods(period)
            finish(env)

        goal_value = {goal.user_id.id: goal.current for goal in goals}
        measure_value = {value.employee_id.user_id.id: value.value for value in values}
        users = set(goal_value)
        agree = sum(
            1 for user in users if abs(goal_value[user] - measure_value.get(user, 0.0)) < 1e-9
        )
        total_closed = sum(goal_value.values())
        cr.rollback()
    figures = {
        **counts,
        "tasks closed in the month, summed over the users": int(total_closed),
        "users whose goal value equals their measure value": f"{agree} / {len(users)}",
        "KPI values written by the measure": len(measure_value),
        "gamification update_goal": f"{gam.seconds:.2f} s, {gam.queries} queries",
        "synergy _compute_periods": f"{syn.seconds:.2f} s, {syn.queries} queries",
        "ratio measure / gamification (target <= 1)": f"{syn.seconds / gam.seconds:.3f}",
        "ratio of the cores (measure _evaluate / gamification's grouped query)": (
            f"{s_core.seconds / g_core.seconds:.2f}"
        ),
    }
    if data["seconds"]:
        figures["dataset built in"] = f"{data['seconds']:.0f} s"
    return report("measure vs gamification", args, [g_core, s_core, gam, syn], figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=0, lines=0, periods=1)
    parser.add_argument("--users", type=int, default=10000)
    parser.add_argument("--progress", action="store_true", help="A line per chunk built.")
    args = parser.parse_args(argv)
    PROGRESS.update(on=args.progress, started=time.perf_counter())
    args.employees = args.users
    run(args)


if __name__ == "__main__":
    main()
