"""Check of the generator's SQL path (``--bulk sql``): a dataset it writes equals the one the
ORM writes (``--bulk orm``) with the same parameters, before and after the period close.

Build the same dataset in two databases (same modules), one each way, then compare:

    python3 -m tests.benchmarks.generator -d DB_ORM --employees 300 --depth 3 --periods 2 --bulk orm
    python3 -m tests.benchmarks.generator -d DB_SQL --employees 300 --depth 3 --periods 2 --bulk sql
    python3 -m tests.benchmarks.check_bulk DB_ORM DB_SQL --employees 300 --depth 3 --periods 2

Every stored column of the values, scorecards and lines of the bench company is compared
(ids replaced by natural keys: employee and department names, KPI codes, period names, a
line's scorecard and KPI, ``parent_path`` as the chain of those keys), then the closing month
is closed in each database (``action_close()`` as the officer, rolled back) and the same
comparison is made of what the close stored. Exits non-zero on the first difference.
"""

from __future__ import annotations

import sys

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .generator import find
from .harness import base_parser, officer_env, open_registry

SKIPPED = {"id", "create_date", "write_date", "create_uid", "write_uid"}
TABLES = ("synergy_kpi_value", "synergy_scorecard", "synergy_scorecard_line")


def _names(cr, query, params=()):
    cr.execute(query, params)
    return dict(cr.fetchall())


def snapshot(cr, company_id):
    """{table: sorted rows} of the bench company, ids replaced by natural keys."""
    employee = _names(cr, "SELECT id, name FROM hr_employee WHERE company_id = %s", [company_id])
    department = _names(
        cr, "SELECT id, name->>'en_US' FROM hr_department WHERE company_id = %s", [company_id]
    )
    kpi = _names(cr, "SELECT id, code FROM synergy_kpi WHERE company_id = %s", [company_id])
    period = _names(cr, "SELECT id, name FROM synergy_period WHERE company_id = %s", [company_id])
    scheme = _names(cr, "SELECT id, name FROM synergy_scheme WHERE company_id = %s", [company_id])
    cr.execute(
        "SELECT id, owner_level, employee_id, department_id, period_id FROM synergy_scorecard "
        "WHERE company_id = %s",
        [company_id],
    )
    card = {
        row[0]: (row[1], employee.get(row[2]), department.get(row[3]), period[row[4]])
        for row in cr.fetchall()
    }
    cr.execute(
        "SELECT id, scorecard_id, kpi_id FROM synergy_scorecard_line WHERE company_id = %s",
        [company_id],
    )
    line = {row[0]: (card[row[1]], kpi[row[2]]) for row in cr.fetchall()}
    keys = {
        "company_id": {company_id: "bench company"},
        "employee_id": employee,
        "department_id": department,
        "kpi_id": kpi,
        "period_id": period,
        "scheme_id": scheme,
        "scorecard_id": card,
        "parent_line_id": line,
    }
    result = {}
    for table in TABLES:
        cr.execute(f"SELECT * FROM {table} WHERE company_id = %s", [company_id])
        columns = [column.name for column in cr.description]
        rows = []
        for row in cr.fetchall():
            record = dict(zip(columns, row, strict=True))
            normal = []
            for column in columns:
                value = record[column]
                if column in SKIPPED:
                    continue
                if column == "parent_path" and value:
                    value = tuple(line[int(i)] for i in value.strip("/").split("/"))
                elif column in keys and value is not None:
                    value = keys[column][value]
                elif isinstance(value, float):
                    value = round(value, 9)
                normal.append((column, value))
            rows.append(tuple(normal))
        result[table] = sorted(rows, key=repr)
    return result


def compare(label, left, right):
    for table in TABLES:
        a, b = left[table], right[table]
        if len(a) != len(b):
            raise SystemExit(f"{label}: {table}: {len(a)} rows against {len(b)}")
        for row_a, row_b in zip(a, b, strict=True):
            if row_a != row_b:
                diff = [(x, y) for x, y in zip(row_a, row_b, strict=True) if x != y]
                raise SystemExit(f"{label}: {table} differs: {diff[:3]}")
        print(f"{label}: {table}: {len(a)} rows, identical")


def snapshots(args, database):
    from odoo import SUPERUSER_ID, api

    args.database = database
    registry = open_registry(args)
    with registry.cursor() as cr:
        data = find(api.Environment(cr, SUPERUSER_ID, {}), args)
        if not data:
            raise SystemExit(f"{database}: no dataset of these parameters")
        before = snapshot(cr, data.company_id)
        env = officer_env(cr, data)
        env["synergy.period"].browse(data.closing_month_id).action_close()
        env.flush_all()
        after = snapshot(cr, data.company_id)
        cr.rollback()
    return before, after


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], periods=1)
    parser.add_argument("orm_database")
    parser.add_argument("sql_database")
    args = parser.parse_args(argv)
    orm_before, orm_after = snapshots(args, args.orm_database)
    sql_before, sql_after = snapshots(args, args.sql_database)
    compare("as generated", orm_before, sql_before)
    compare("after the close", orm_after, sql_after)
    print("the SQL path writes what the ORM writes")


if __name__ == "__main__":
    main()
