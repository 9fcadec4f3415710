"""Benchmark: a yearly consolidation run over 50 entities x 200 KPIs x 12 monthly values.

Dataset (seeded, built once and reused): 50 companies in a 3-level group tree (the parent in
CNY; subsidiaries in CNY, USD, HKD and EUR; methods full 100 %, proportional 60 % and equity
30 %), 200 KPIs per company (sums of flows and balances, ratios, weighted averages, minimum
and maximum), 12 monthly company-level values per KPI and company (120,000 values), monthly
rates of the parent company and intercompany eliminations.

Measured: ``action_compute`` of the group's run for the year (collect the values, translate,
apply methods and eliminations, aggregate through the tree, write every origin line and every
subtree total), best of 3; each re-run must give identical lines (every stored field).

Reference (same run): one SQL ``GROUP BY`` over the same 120,000 values (sum, min and max per
company and KPI code over the year's months). Targets: <= 20 s and <= 30 x the reference.

    python3 -m tests.benchmarks.bench_consolidation -d synergy_bench_group
"""

from __future__ import annotations

import random
import sys
from datetime import date

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .harness import base_parser, best_of, finish, measure, open_registry, profiled, report

YEAR = 2030
PREFIX = "Bench Group"
REFERENCE_SQL = """
SELECT v.company_id, k.code, SUM(v.value), MIN(v.value), MAX(v.value), COUNT(*)
  FROM synergy_kpi_value v
  JOIN synergy_kpi k ON k.id = v.kpi_id
  JOIN synergy_period p ON p.id = v.period_id
 WHERE v.company_id = ANY(%(companies)s) AND v.owner_level = 'company'
   AND p.period_type = 'month' AND p.date_start >= %(start)s AND p.date_end <= %(end)s
 GROUP BY v.company_id, k.code
"""


def kpi_definitions(count):
    """(code, rule, nature, numerator, denominator, basis) of the benchmark's KPIs: 70 % sums
    (flows then balances), then ratios, weighted averages, minima and maxima."""
    sums = int(count * 0.7)
    flows = int(sums * 0.75)
    rest = count - sums
    ratios = rest // 3
    weighted = rest // 3
    minima = (rest - ratios - weighted) // 2
    result = []
    for index in range(count):
        code = f"BG-{index:03d}"
        if index < sums:
            nature = "flow" if index < flows else "balance"
            result.append((code, "sum", nature, None, None, None))
        elif index < sums + ratios:
            offset = index - sums
            numerator = f"BG-{offset % flows:03d}"
            denominator = f"BG-{flows + offset % (sums - flows):03d}"
            result.append((code, "ratio", "none", numerator, denominator, None))
        elif index < sums + ratios + weighted:
            result.append((code, "weighted_average", "none", None, None, "BG-000"))
        elif index < sums + ratios + weighted + minima:
            result.append((code, "min", "none", None, None, None))
        else:
            result.append((code, "max", "none", None, None, None))
    return result


def ensure_dataset(registry, args):
    """Build the group once (identified by its parent company's name); returns the ids of
    the parent company and of the companies."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        existing = env["res.company"].search([("name", "=like", f"{PREFIX} %")], order="id")
        if len(existing) == args.entities:
            return existing[0].id, existing.ids
        if existing:
            raise SystemExit(
                f"{len(existing)} benchmark companies exist, {args.entities} asked: use "
                "another database"
            )
        companies = build_group(env, random.Random(args.seed), args.entities, args.kpis)
        cr.commit()
        return companies[0].id, companies.ids


def build_group(env, rng, entities, kpis, prefix=PREFIX, root=None):
    """The group of the benchmark: ``entities`` companies (``root``, when given, and new
    companies named after ``prefix``) in a 3-level tree with their KPIs, a year of monthly
    values, rates and eliminations. Returns the companies, the parent first. Also the
    generator's ``--subsidiaries`` (the subsidiaries of its company)."""
    Company = env["res.company"]
    currencies = [env.ref(f"base.{code}") for code in ("CNY", "USD", "HKD", "EUR")]
    for currency in currencies:
        currency.active = True
    companies = (root or Company) | Company.create(
        [
            {
                "name": f"{prefix} {index:02d}",
                "currency_id": (currencies[0] if index == 0 else rng.choice(currencies)).id,
            }
            for index in range(1 if root else 0, entities)
        ]
    )
    root = companies[0]
    env.user.company_ids = [(4, company.id) for company in companies]
    # Monthly rates of the parent company for the foreign currencies.
    base = {"USD": 0.139, "HKD": 1.087, "EUR": 0.128}
    env["res.currency.rate"].create(
        [
            {
                "currency_id": currency.id,
                "company_id": root.id,
                "name": date(YEAR, month, 1),
                "rate": base[currency.name] * (1 + 0.003 * (month - 6)),
            }
            for currency in currencies[1:]
            for month in range(1, 13)
        ]
    )
    # The tree: the parent, 7 intermediate holdings, the rest below them.
    Entity = env["synergy.group.entity"]
    root_entity = Entity.create({"company_id": root.id, "ownership": 100, "method": "full"})
    middle = Entity.create(
        [
            {
                "company_id": company.id,
                "parent_id": root_entity.id,
                "ownership": 100,
                "method": "full",
            }
            for company in companies[1:8]
        ]
    )
    methods = [("full", 100.0), ("proportional", 60.0), ("equity", 30.0)]
    leaves = Entity.create(
        [
            {
                "company_id": company.id,
                "parent_id": middle[index % len(middle)].id,
                "method": methods[index % 3][0],
                "ownership": methods[index % 3][1],
            }
            for index, company in enumerate(companies[8:])
        ]
    )
    for company in companies:
        env["synergy.period.generate"].with_company(company).create(
            {"year": YEAR, "company_id": company.id}
        ).action_generate()
    definitions = kpi_definitions(kpis)
    Kpi = env["synergy.kpi"]
    for company in companies:
        Company_kpis = Kpi.with_company(company)
        created = Company_kpis.create(
            [
                {
                    "code": code,
                    "name": f"Bench KPI {code}",
                    "company_id": company.id,
                    "currency_nature": nature,
                }
                for code, _rule, nature, *_parts in definitions
            ]
        )
        by_code = {kpi.code: kpi for kpi in created}
        for code, rule, _nature, numerator, denominator, basis in definitions:
            vals = {"consolidation_rule": rule}
            if numerator:
                vals.update(
                    numerator_kpi_id=by_code[numerator].id,
                    denominator_kpi_id=by_code[denominator].id,
                )
            if basis:
                vals["basis_kpi_id"] = by_code[basis].id
            by_code[code].write(vals)
        months = env["synergy.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_start", ">=", date(YEAR, 1, 1)),
                ("date_end", "<=", date(YEAR, 12, 31)),
            ],
            order="date_start",
        )
        env["synergy.kpi.value"].with_company(company).create(
            [
                {
                    "kpi_id": by_code[code].id,
                    "period_id": month.id,
                    "value": round(rng.uniform(50, 5000), 2),
                    "owner_level": "company",
                    "company_id": company.id,
                }
                for code, *_rest in definitions
                for month in months
            ]
        )
        env.flush_all()
        env.invalidate_all()
    # Intercompany sales eliminated in a tenth of the leaves, on the first flow KPI.
    year_period = env["synergy.period"].search(
        [
            ("company_id", "=", root.id),
            ("period_type", "=", "year"),
            ("date_start", "=", date(YEAR, 1, 1)),
        ]
    )
    root_kpi = Kpi.search([("company_id", "=", root.id), ("code", "=", "BG-000")])
    env["synergy.consolidation.elimination"].create(
        [
            {
                "company_id": root.id,
                "period_id": year_period.id,
                "kpi_id": root_kpi.id,
                "entity_id": leaf.id,
                "counterparty_id": root_entity.id,
                "amount": 100.0,
            }
            for leaf in leaves[::10]
            if leaf.method != "equity"
        ]
    )
    return companies


def run(args):
    registry = open_registry(args)
    root_id, company_ids = ensure_dataset(registry, args)
    from odoo import SUPERUSER_ID, api, models

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        admin.company_ids = [(4, cid) for cid in company_ids]
        env = api.Environment(cr, admin.id, {"allowed_company_ids": company_ids})
        year_period = env["synergy.period"].search(
            [
                ("company_id", "=", root_id),
                ("period_type", "=", "year"),
                ("date_start", "=", date(YEAR, 1, 1)),
            ]
        )
        consolidation = (
            env["synergy.consolidation.run"]
            .with_company(root_id)
            .create({"name": "Benchmark year", "company_id": root_id, "period_id": year_period.id})
        )
        env.flush_all()
        # Fresh statistics, as autovacuum would have them: the reference query plans well.
        cr.execute("ANALYZE synergy_kpi_value, synergy_kpi, synergy_period")

        def reference():
            with measure("reference: one SQL GROUP BY over the same values") as result:
                cr.execute(
                    REFERENCE_SQL,
                    {
                        "companies": company_ids,
                        "start": date(YEAR, 1, 1),
                        "end": date(YEAR, 12, 31),
                    },
                )
                rows = cr.fetchall()
            result.extra["groups"] = len(rows)
            result.extra["values"] = sum(row[5] for row in rows)
            return result

        snapshots = []
        Line = env["synergy.consolidation.line"]
        snapshot_fields = [
            name
            for name, field in Line._fields.items()
            if field.store
            and name not in ("id", "run_id", *models.LOG_ACCESS_COLUMNS)
            and field.type not in ("one2many", "many2many")
        ]

        def compute():
            env.invalidate_all()
            with (
                measure("consolidation run: action_compute", cr) as result,
                profiled(args.profile if not snapshots else None),
            ):
                consolidation.action_compute()
                finish(env)
            # every stored field of every line but the record's own bookkeeping (id, run,
            # log access), as the ORM reads it back
            lines = consolidation.line_ids.read(snapshot_fields, load=None)
            snapshots.append(
                sorted(
                    (
                        tuple(
                            round(line[name], 6) if isinstance(line[name], float) else line[name]
                            for name in snapshot_fields
                        )
                        for line in lines
                    ),
                    key=repr,  # False and str may meet in a column
                )
            )
            result.extra["lines"] = len(lines)
            return result

        ref = best_of(5, reference)
        computed = best_of(3, compute)
        identical = all(snapshot == snapshots[0] for snapshot in snapshots)
        cr.rollback()
    figures = {
        "entities x KPIs x periods": f"{args.entities} x {args.kpis} x 12 "
        f"({ref.extra['values']} values)",
        "lines written": computed.extra["lines"],
        "re-runs identical": identical,
        "ratio run / reference": f"{computed.seconds / ref.seconds:.1f}",
        "targets": "run <= 20 s, ratio <= 30",
    }
    title = f"Consolidation: {args.entities} entities x {args.kpis} KPIs x 12 periods"
    report(title, args, [ref, computed], figures)
    if not identical:
        raise SystemExit("re-running the consolidation changed its lines")


def main():
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=50)
    parser.add_argument("--kpis", type=int, default=200)
    args = parser.parse_args()
    if args.database == "synergy_bench":
        args.database = "synergy_bench_group"
    run(args)


if __name__ == "__main__":
    main()
