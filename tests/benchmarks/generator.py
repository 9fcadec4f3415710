"""Seeded, deterministic organisation generator for the scale benchmarks.

Builds, in a real Odoo database with ``perf_synergy`` installed, one company of its own:

* a department tree of ``--depth`` levels (one head office, a fan-out chosen so that leaf
  departments hold about 20 employees), ``--employees`` employees spread over the leaves;
* a year of periods (the period wizard: year, quarters, months), an approved policy scheme;
* ``--lines`` manual KPIs scored on employee scorecards and, for each, a roll-up KPI
  (value source "children", sum or average) on department and company scorecards, plus one
  measure-fed KPI (contracts started, a ``_read_group`` over ``hr.version``) on department
  scorecards;
* scorecards of the closing month (December) for the company, every department and every
  employee, whose lines form the value tree: employee line -> leaf department line -> ... ->
  head office line -> company line;
* ``--periods`` months of values (the last months of the year, ending with the closing month)
  for every employee line, with seeded noise and ~2 % level drops for the early warning;
* one alert rule per employee KPI, watching the monthly series of every employee.

Up to 20,000 employees everything is created through the ORM (``create`` on lists of
values, in chunks of a few thousand, flushed and evicted from the cache after each chunk so
that memory stays flat): constraints, computed fields, ``parent_path`` and the owner checks
run as in production.
Values are created before the scorecard lines, so that their "refresh the lines" hook finds
nothing to refresh and the generator does not pay for a period close of its own.
Above 20,000 employees (``--bulk auto``; ``--bulk orm|sql`` to choose) the employee values,
scorecards and lines are SQL inserts filling every stored column as the ORM does; the first
employee's rows go through the ORM and are compared with what the SQL path writes
(``check_rows``), and ``check_bulk`` compares whole datasets built both ways.

The dataset is identified by its parameters (company "Bench e1000-l10-d4-p12-s42"): running
the generator again reuses it. Benchmarks run in a transaction that they roll back, so one
dataset serves any number of runs.

    python3 -m tests.benchmarks.generator -d synergy_bench --employees 10000 --lines 10 \
        --depth 4 --periods 1

``--subsidiaries S`` (in a database with ``perf_synergy_group``) makes the company the parent
of S subsidiaries with their KPIs and a year of monthly company values, built as the
consolidation benchmark builds its group (``bench_consolidation.build_group``).
"""

from __future__ import annotations

import math
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .harness import base_parser, open_registry

YEAR = 2040
CLOSING_MONTH = 12
TEAM_SIZE = 20
CHUNK = 2000

ANALYZED_TABLES = (
    "hr_department",
    "hr_employee",
    "hr_version",
    "synergy_kpi",
    "synergy_kpi_value",
    "synergy_period",
    "synergy_scorecard",
    "synergy_scorecard_line",
    "synergy_alert",
)

SUBSIDIARY_KPIS = 20


# Above this many employees the employee-level rows (values, scorecards, lines: ten times the
# employees each) are written with SQL inserts (``--bulk auto``): through the ORM they cost
# about 30 ms of CPU per employee, five hours of a shared 2-core machine at 100,000.
BULK_ABOVE = 20000
NOW = "(now() at time zone 'UTC')"  # what the ORM writes in create_date and write_date

PROGRESS = {"on": False, "started": time.perf_counter()}


def progress(message):
    """One line on stderr per chunk written, with ``--progress`` (long builds)."""
    if PROGRESS["on"]:
        elapsed = time.perf_counter() - PROGRESS["started"]
        cpu = time.process_time()
        print(f"[{elapsed:7.0f} s wall, {cpu:6.0f} s cpu] {message}", file=sys.stderr, flush=True)


def use_sql(args) -> bool:
    bulk = getattr(args, "bulk", "auto")
    return bulk == "sql" or (bulk == "auto" and args.employees > BULK_ABOVE)


def reserve_ids(env, model, count):
    """``count`` ids of ``model``'s sequence, as the ORM's INSERT would draw them."""
    if not count:
        return []
    env.cr.execute(
        f"SELECT nextval('{env[model]._table}_id_seq') FROM generate_series(1, %s)", [count]
    )
    return [row[0] for row in env.cr.fetchall()]


def sql_insert(env, model, rows, page_size=5000):
    """INSERT ``rows`` (dicts with the same keys: every stored column but the dates) into
    ``model``'s table, with the create/write dates of the ORM; the cache is then invalidated."""
    from psycopg2.extras import execute_values

    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join([*columns, "create_date", "write_date"])
    template = "(" + ", ".join(["%s"] * len(columns) + [NOW, NOW]) + ")"
    execute_values(
        env.cr._obj,
        f"INSERT INTO {env[model]._table} ({names}) VALUES %s",
        [tuple(row[column] for column in columns) for row in rows],
        template=template,
        page_size=page_size,
    )
    env.invalidate_all()
    progress(f"{model}: {len(rows)} rows inserted")


def check_rows(env, model, expected):
    """The SQL path's check: ``expected`` ({id: row dict}, rows built by the SQL path's
    functions for records the ORM created) must equal what the ORM stored, column by column,
    and every other column must be empty."""
    table = env[model]._table
    env.flush_all()
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table]
    )
    skipped = {"id", "create_date", "write_date"}
    columns = sorted(row[0] for row in env.cr.fetchall() if row[0] not in skipped)
    env.cr.execute(
        f"SELECT id, {', '.join(columns)} FROM {table} WHERE id = ANY(%s)", [list(expected)]
    )
    stored_rows = env.cr.dictfetchall()
    if len(stored_rows) != len(expected):
        raise AssertionError(f"{model}: {len(stored_rows)} rows for {len(expected)} ids")
    for stored in stored_rows:
        row = expected[stored["id"]]
        for column in columns:
            want, got = row.get(column), stored[column]
            same = (
                want == got
                if not isinstance(want, float) and not isinstance(got, float)
                else got is not None and want is not None and float(want) == float(got)
            )
            if not same:
                raise AssertionError(
                    f"--bulk sql differs from the ORM: {model} id {stored['id']}, column "
                    f"{column}: the ORM stored {got!r}, the SQL path would write {want!r}"
                )


def build_employee_cards_sql(
    env, card_vals, employee_lines, employee_department, scheme, closing, chunk=5000
):
    """``--bulk sql``: the employee scorecards and their lines as SQL inserts. The first
    employee's card and lines go through the ORM and are the check of the rows written for
    the others (``check_rows``): every stored column the ORM fills (computed totals, related
    owner columns, ``parent_path``, name) is written the same way."""
    from odoo.addons.perf_synergy.engine.scoring import scorecard_totals

    uid = env.uid
    env.flush_all()
    employee_ids = [vals["employee_id"] for vals in card_vals]
    env.cr.execute("SELECT id, name FROM hr_employee WHERE id = ANY(%s)", [employee_ids])
    names = dict(env.cr.fetchall())
    env.cr.execute(
        "SELECT id, parent_path FROM synergy_scorecard_line WHERE company_id = %s "
        "AND period_id = %s AND owner_level != 'employee'",
        [card_vals[0]["company_id"], closing.id],
    )
    paths = dict(env.cr.fetchall())

    def card_row(index, lines):
        vals = card_vals[index]
        total, synergy, kpi_score = scorecard_totals([(v["weight"], 0.0, False) for v in lines])
        return {
            **vals,
            "department_id": employee_department[index],
            "scheme_id": scheme.id,
            "name": f"{names[vals['employee_id']]} - {closing.name}",
            "state": "draft",
            "period_date_start": closing.date_start,
            "total_weight": total,
            "synergy_weight": synergy,
            "kpi_score": kpi_score,
            "create_uid": uid,
            "write_uid": uid,
        }

    def line_row(vals, line_id, card):
        return {
            "id": line_id,
            "scorecard_id": vals["scorecard_id"],
            "sequence": 10,
            "kpi_id": vals["kpi_id"],
            "parent_line_id": vals["parent_line_id"],
            "parent_path": f"{paths[vals['parent_line_id']]}{line_id}/",
            "company_id": card["company_id"],
            "period_id": card["period_id"],
            "owner_level": card["owner_level"],
            "department_id": card["department_id"],
            "employee_id": card["employee_id"],
            "weight": vals["weight"],
            "target": vals["target"],
            "band_low": vals.get("band_low"),
            "band_high": vals.get("band_high"),
            "achievement": 0.0,
            "score": 0.0,
            "create_uid": uid,
            "write_uid": uid,
        }

    # The first employee through the ORM: the reference of the check.
    card_id = env["synergy.scorecard"].create(dict(card_vals[0])).id
    lines = employee_lines([card_id])
    line_ids = env["synergy.scorecard.line"].create([dict(vals) for vals in lines]).ids
    card = card_row(0, lines)
    check_rows(env, "synergy.scorecard", {card_id: card})
    check_rows(
        env,
        "synergy.scorecard.line",
        {
            line_id: line_row(vals, line_id, card)
            for line_id, vals in zip(line_ids, lines, strict=True)
        },
    )
    env.invalidate_all()
    for start in range(1, len(card_vals), chunk):
        indexes = range(start, min(start + chunk, len(card_vals)))
        card_ids = reserve_ids(env, "synergy.scorecard", len(indexes))
        lines = employee_lines(card_ids, first=start)
        line_ids = reserve_ids(env, "synergy.scorecard.line", len(lines))
        per_card = len(lines) // len(indexes)
        card_rows, line_rows = [], []
        for position, (index, card_id) in enumerate(zip(indexes, card_ids, strict=True)):
            own = lines[position * per_card : (position + 1) * per_card]
            card_rows.append({"id": card_id, **card_row(index, own)})
            card = card_rows[-1]
            first_line = position * per_card
            line_rows.extend(
                line_row(vals, line_ids[first_line + offset], card)
                for offset, vals in enumerate(own)
            )
        sql_insert(env, "synergy.scorecard", card_rows)
        sql_insert(env, "synergy.scorecard.line", line_rows)


def build_subsidiaries(env, company, count, rng):
    """``--subsidiaries S``: the company becomes the parent of a group of S subsidiaries (new
    companies in CNY, USD, HKD and EUR; full, proportional and equity methods; 3 levels),
    each with SUBSIDIARY_KPIS company KPIs and a year of monthly values, as the consolidation
    benchmark builds its group (needs ``perf_synergy_group`` in the database)."""
    if "synergy.group.entity" not in env:
        raise SystemExit("--subsidiaries needs perf_synergy_group installed in the database")
    # The group spans companies the generation environment is not allowed in.
    env = env(su=True)
    roots = env["synergy.group.entity"].search([("parent_id", "=", False)])
    if roots:
        raise SystemExit(
            f"--subsidiaries: this database has a group already ({roots[0].company_id.name}); "
            "a database holds one group: use another database"
        )
    from .bench_consolidation import build_group

    return build_group(
        env, rng, count + 1, SUBSIDIARY_KPIS, prefix=f"{company.name} subsidiary", root=company
    )


@dataclass
class Dataset:
    company_id: int
    tag: str
    year_id: int = 0
    month_ids: list = field(default_factory=list)  # January..December
    closing_month_id: int = 0
    employee_kpi_ids: list = field(default_factory=list)
    rollup_kpi_ids: list = field(default_factory=list)
    measure_kpi_id: int = 0
    rule_ids: list = field(default_factory=list)
    created: bool = False
    seconds: float = 0.0

    def company_line_ids(self, env):
        return (
            env["synergy.scorecard.line"]
            .search(
                [
                    ("company_id", "=", self.company_id),
                    ("owner_level", "=", "company"),
                    ("period_id", "=", self.closing_month_id),
                ],
                order="id",
            )
            .ids
        )


def tag_of(args) -> str:
    return f"e{args.employees}-l{args.lines}-d{args.depth}-p{args.periods}-s{args.seed}" + (
        f"-g{args.subsidiaries}" if args.subsidiaries else ""
    )


def fanout(employees: int, depth: int) -> int:
    """Children per department so that the leaves hold about TEAM_SIZE employees."""
    if depth <= 1:
        return 1
    leaves = max(1, math.ceil(employees / TEAM_SIZE))
    return max(2, math.ceil(leaves ** (1.0 / (depth - 1)) - 1e-9))


def chunked_create(env, model, vals_list, chunk=CHUNK):
    """ORM ``create`` of ``vals_list`` in chunks, flushing and clearing the cache after each
    one: the ORM path of production (constraints, computes, parent_path), with flat memory."""
    ids = []
    for start in range(0, len(vals_list), chunk):
        records = env[model].create(vals_list[start : start + chunk])
        ids.extend(records.ids)
        env.flush_all()
        env.invalidate_all()
        progress(f"{model}: {len(ids)} / {len(vals_list)} created")
    return ids


def hr_manager_env(env, company, tag):
    """``env`` as an HR manager of ``company`` without Settings rights, created for the
    purpose: employees are created as HR creates them. Odoo then draws no avatar image (it
    does when the creating user may write views: ten attachments per employee, half of the
    time of an employee's creation)."""
    user = (
        env["res.users"]
        .sudo()
        .with_context(no_reset_password=True)
        .create(
            {
                "name": f"HR {tag}",
                "login": f"bench_hr_{company.id}",
                "company_id": company.id,
                "company_ids": [(6, 0, [company.id])],
                "group_ids": [(6, 0, [env.ref("hr.group_hr_manager").id])],
            }
        )
    )
    return env(user=user.id)


def environment(env, company_id=None):
    """The admin user, allowed in the bench company, with tracking off for generation."""
    ctx = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
    if company_id:
        ctx["allowed_company_ids"] = [company_id]
    return env(user=env.ref("base.user_admin").id, context=ctx)


def find(env, args) -> Dataset | None:
    tag = tag_of(args)
    company = env["res.company"].sudo().search([("name", "=", f"Bench {tag}")], limit=1)
    if not company:
        return None
    env = environment(env, company.id)
    periods = env["synergy.period"].search(
        [("company_id", "=", company.id), ("period_type", "=", "month")], order="date_start"
    )
    year = env["synergy.period"].search(
        [("company_id", "=", company.id), ("period_type", "=", "year")], limit=1
    )
    kpis = env["synergy.kpi"].search([("company_id", "=", company.id)], order="code")
    return Dataset(
        company_id=company.id,
        tag=tag,
        year_id=year.id,
        month_ids=periods.ids,
        closing_month_id=periods[CLOSING_MONTH - 1].id,
        employee_kpi_ids=kpis.filtered(lambda k: k.code.startswith("E")).ids,
        rollup_kpi_ids=kpis.filtered(lambda k: k.code.startswith("R")).ids,
        measure_kpi_id=kpis.filtered(lambda k: k.code.startswith("M"))[:1].id,
        rule_ids=env["synergy.alert.rule"].search([("company_id", "=", company.id)]).ids,
    )


def _kpi_profile(index: int):
    """(direction, time aggregation, roll-up rule) of employee KPI ``index``: mostly
    higher-is-better, every fifth lower-is-better, every seventh within a band."""
    if index % 7 == 6:
        return "band", "average", "average"
    if index % 5 == 4:
        return "lower_better", "sum", "sum"
    return "higher_better", ("sum", "average", "last")[index % 3], ("sum", "average")[index % 2]


def build(env, args) -> Dataset:  # noqa: PLR0915 - one linear script, step by step
    """Create the dataset of ``args`` (or return the existing one) and commit it."""
    existing = find(env, args)
    if existing:
        return existing
    started = time.perf_counter()
    rng = random.Random(args.seed)
    tag = tag_of(args)
    root_env = env
    company = env["res.company"].sudo().create({"name": f"Bench {tag}"})
    admin = env.ref("base.user_admin")
    admin.sudo().write(
        {
            "company_ids": [(4, company.id)],
            "group_ids": [(4, env.ref("perf_synergy.group_synergy_officer").id)],
        }
    )
    env = environment(root_env, company.id)
    data = Dataset(company_id=company.id, tag=tag, created=True)

    # Periods and policy.
    env["synergy.period.generate"].create(
        {"year": YEAR, "company_id": company.id}
    ).action_generate()
    Period = env["synergy.period"]
    data.year_id = Period.search([("company_id", "=", company.id), ("period_type", "=", "year")]).id
    months = Period.search(
        [("company_id", "=", company.id), ("period_type", "=", "month")], order="date_start"
    )
    data.month_ids = months.ids
    closing = months[CLOSING_MONTH - 1]
    data.closing_month_id = closing.id
    scheme = env["synergy.scheme"].create(
        {"name": f"Policy {tag}", "year": YEAR, "company_id": company.id, "min_synergy_weight": 0}
    )
    scheme.action_approve()

    # Departments: a tree of args.depth levels.
    width = fanout(args.employees, args.depth)
    tiers = ("front", "middle", "back")
    levels = [
        env["hr.department"].create(
            {"name": "Head Office", "company_id": company.id, "synergy_tier": "middle"}
        )
    ]
    for depth in range(1, args.depth):
        vals_list = [
            {
                "name": f"{parent.name[:40]}/{depth}.{index}",
                "parent_id": parent.id,
                "company_id": company.id,
                "synergy_tier": tiers[index % 3],
            }
            for parent in levels[-1]
            for index in range(width)
        ]
        levels.append(env["hr.department"].browse(chunked_create(env, "hr.department", vals_list)))
    leaves = levels[-1]

    # Employees, spread over the leaves (seeded order). Their contract versions start in the
    # closing month: the measure "contracts started" counts them per department.
    leaf_ids = leaves.ids
    rng.shuffle(leaf_ids)
    employee_department = [leaf_ids[i % len(leaf_ids)] for i in range(args.employees)]
    employee_ids = chunked_create(
        hr_manager_env(env, company, tag),
        "hr.employee",
        [
            {
                "name": f"Employee {i:06d}",
                "company_id": company.id,
                "department_id": employee_department[i],
                "date_version": date(YEAR, CLOSING_MONTH, 1 + i % 28),
            }
            for i in range(args.employees)
        ],
        chunk=1000,
    )

    # KPIs: employee KPIs (manual), their roll-ups (children), one measure-fed KPI.
    Kpi = env["synergy.kpi"]
    employee_kpis, rollup_kpis, targets = [], [], []
    for index in range(args.lines):
        direction, aggregation, rule = _kpi_profile(index)
        common = {"company_id": company.id, "direction": direction, "unit": "u"}
        employee_kpis.append(
            {
                **common,
                "code": f"E{index:03d}",
                "name": f"Employee KPI {index}",
                "time_aggregation": aggregation,
                "value_source": "manual",
            }
        )
        rollup_kpis.append(
            {
                **common,
                "code": f"R{index:03d}",
                "name": f"Roll-up KPI {index}",
                "value_source": "children",
                "rollup_rule": rule,
            }
        )
        targets.append(100.0 * (1 + index % 4))
    employee_kpis = Kpi.create(employee_kpis)
    rollup_kpis = Kpi.create(rollup_kpis)
    measure = env["synergy.measure"].create(
        {
            "name": "Contracts started",
            "company_id": company.id,
            "model_id": env["ir.model"]._get_id("hr.version"),
            "date_field": "date_version",
            "aggregate": "count",
            "owner_level": "department",
            "owner_field": "department_id",
        }
    )
    measure_kpi = Kpi.create(
        {
            "company_id": company.id,
            "code": "M000",
            "name": "Contracts started",
            "value_source": "measure",
            "measure_id": measure.id,
        }
    )
    data.employee_kpi_ids = employee_kpis.ids
    data.rollup_kpi_ids = rollup_kpis.ids
    data.measure_kpi_id = measure_kpi.id

    # Values: the last args.periods months for every employee line.
    value_months = months[CLOSING_MONTH - args.periods : CLOSING_MONTH]
    sql = use_sql(args)
    uid = env.uid
    month_start = {month.id: month.date_start for month in months}

    def value_row(vals):
        return {
            **vals,
            "period_date_start": month_start[vals["period_id"]],
            "create_uid": uid,
            "write_uid": uid,
        }

    def create_values(vals_list):
        if not sql:
            chunked_create(env, "synergy.kpi.value", vals_list, chunk=5000)
            return
        # The first employee's values through the ORM, the check of the rows of the others.
        if not env["synergy.kpi.value"].search_count([("company_id", "=", company.id)]):
            sample = vals_list[: args.lines * args.periods]
            ids = chunked_create(env, "synergy.kpi.value", [dict(v) for v in sample])
            check_rows(
                env, "synergy.kpi.value", dict(zip(ids, map(value_row, sample), strict=True))
            )
            vals_list = vals_list[len(sample) :]
        sql_insert(env, "synergy.kpi.value", [value_row(vals) for vals in vals_list])

    employee_target = {}
    vals_list = []
    for emp_index, employee_id in enumerate(employee_ids):
        for k, kpi in enumerate(employee_kpis):
            target = round(targets[k] * rng.uniform(0.9, 1.1), 2)
            employee_target[emp_index, k] = target
            level = target * rng.uniform(0.7, 1.3)
            for month in value_months:
                value = level * rng.uniform(0.95, 1.05)
                if rng.random() < 0.02:  # a level drop (or rise for lower-is-better)
                    value *= 0.5 if kpi.direction != "lower_better" else 1.8
                vals_list.append(
                    {
                        "kpi_id": kpi.id,
                        "period_id": month.id,
                        "owner_level": "employee",
                        "company_id": company.id,
                        "employee_id": employee_id,
                        "department_id": employee_department[emp_index],
                        "value": round(value, 4),
                        "source": "manual",
                    }
                )
        if len(vals_list) >= 20000:
            create_values(vals_list)
            vals_list = []
    create_values(vals_list)

    # Scorecards of the closing month and the value tree, top-down.
    weight = round(100.0 / args.lines, 6)
    Card = env["synergy.scorecard"]

    def line_vals(card_id, kpi, target, parent_id, **extra):
        vals = {
            "scorecard_id": card_id,
            "kpi_id": kpi.id,
            "weight": weight,
            "target": target,
            "parent_line_id": parent_id,
            **extra,
        }
        if kpi.direction == "band":
            vals.update(band_low=0.9 * target, band_high=1.1 * target)
        return vals

    company_card = Card.create(
        {"owner_level": "company", "company_id": company.id, "period_id": closing.id}
    )
    head_count = {}
    for emp_index in range(args.employees):
        department = env["hr.department"].browse(employee_department[emp_index])
        for dep_id in map(int, department.parent_path.strip("/").split("/")):
            head_count[dep_id] = head_count.get(dep_id, 0) + 1

    def rollup_target(k, dep_id=None):
        count = head_count.get(dep_id, 0) if dep_id else args.employees
        return targets[k] * max(count, 1) if rollup_kpis[k].rollup_rule == "sum" else targets[k]

    lines = env["synergy.scorecard.line"].create(
        [
            line_vals(company_card.id, kpi, rollup_target(k), False)
            for k, kpi in enumerate(rollup_kpis)
        ]
    )
    parent_line = {(None, k): line.id for k, line in enumerate(lines)}
    previous = [None]
    for level in levels:
        card_ids = chunked_create(
            env,
            "synergy.scorecard",
            [
                {
                    "owner_level": "department",
                    "company_id": company.id,
                    "department_id": dep.id,
                    "period_id": closing.id,
                }
                for dep in level
            ],
        )
        vals_list = []
        for dep, card_id in zip(level, card_ids, strict=True):
            parent_dep = dep.parent_id.id or None
            for k, kpi in enumerate(rollup_kpis):
                vals_list.append(
                    line_vals(card_id, kpi, rollup_target(k, dep.id), parent_line[parent_dep, k])
                )
            vals_list.append(line_vals(card_id, measure_kpi, 5.0, False, weight=0.0))
        line_ids = chunked_create(env, "synergy.scorecard.line", vals_list)
        per_card = args.lines + 1
        for d_index, dep in enumerate(level):
            for k in range(args.lines):
                parent_line[dep.id, k] = line_ids[d_index * per_card + k]
        previous = level
    del previous

    card_vals = [
        {
            "owner_level": "employee",
            "company_id": company.id,
            "employee_id": employee_id,
            "period_id": closing.id,
        }
        for employee_id in employee_ids
    ]

    def employee_lines(card_ids, first=0):
        return [
            line_vals(
                card_id,
                kpi,
                employee_target[emp_index, k],
                parent_line[employee_department[emp_index], k],
            )
            for emp_index, card_id in enumerate(card_ids, start=first)
            for k, kpi in enumerate(employee_kpis)
        ]

    if not sql:
        card_ids = chunked_create(env, "synergy.scorecard", card_vals)
        chunked_create(env, "synergy.scorecard.line", employee_lines(card_ids), chunk=5000)
    else:
        build_employee_cards_sql(
            env, card_vals, employee_lines, employee_department, scheme, closing
        )

    # Alert rules: one per employee KPI over every employee's monthly series.
    data.rule_ids = (
        env["synergy.alert.rule"]
        .create(
            [
                {
                    "name": f"Watch {kpi.code}",
                    "company_id": company.id,
                    "kpi_id": kpi.id,
                    "owner_level": "employee",
                    "period_type": "month",
                    "sensitivity": 3.0,
                }
                for kpi in employee_kpis
            ]
        )
        .ids
    )

    if args.subsidiaries:
        build_subsidiaries(env, company, args.subsidiaries, random.Random(args.seed + 1))
    env.flush_all()
    env.cr.commit()
    data.seconds = time.perf_counter() - started
    return data


def ensure(registry, args) -> Dataset:
    """Open a cursor, build or find the dataset of ``args``, commit, return it."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        data = build(env, args)
        cr.commit()
        # Fresh planner statistics, as autovacuum would give a production database: without
        # them the reference SQL statements get nested-loop plans fit for empty tables.
        for table in ANALYZED_TABLES:
            cr.execute(f"ANALYZE {table}")
        cr.commit()
    return data


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--progress", action="store_true", help="A line per chunk on stderr.")
    args = parser.parse_args(argv)
    PROGRESS.update(on=args.progress, started=time.perf_counter())
    registry = open_registry(args)
    data = ensure(registry, args)
    verb = "built" if data.created else "found"
    print(
        f"dataset {data.tag} {verb} in company id {data.company_id}"
        + (f" in {data.seconds:.1f} s" if data.created else "")
    )


if __name__ == "__main__":
    main()
