from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestMeasure(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create({"name": "Synergy test project"})
        cls.measure = cls.env.ref("perf_synergy.measure_task_on_time_rate")
        cls.kpi_on_time = cls.env["synergy.kpi"].create(
            {
                "code": "T-ONTIME",
                "name": "On-time completion",
                "value_source": "measure",
                "measure_id": cls.measure.id,
                "time_aggregation": "average",
            }
        )
        cls.march = cls.months[2]

    def _task(self, user, deadline, closed_on=None):
        task = self.env["project.task"].create(
            {
                "name": "Task",
                "project_id": self.project.id,
                "user_ids": [(6, 0, user.ids)],
                "date_deadline": deadline,
            }
        )
        if closed_on:
            task.state = "1_done"
            task.synergy_closed_date = closed_on
        return task

    def test_on_time_rate_per_department(self):
        y = self.YEAR
        self._task(self.user_seller, datetime(y, 3, 10), closed_on=datetime(y, 3, 9))
        self._task(self.user_seller, datetime(y, 3, 20), closed_on=datetime(y, 3, 25))
        self._task(self.user_seller, datetime(y, 3, 21))
        self._task(self.user_ops, datetime(y, 3, 5), closed_on=datetime(y, 3, 1))
        self._task(self.user_ops, datetime(y, 4, 5), closed_on=datetime(y, 4, 1))  # April
        values = self.measure._evaluate(self.march)
        self.assertAlmostEqual(values[self.dep_sales_north], 100 / 3)
        self.assertAlmostEqual(values[self.dep_ops], 100)

        card = self.scorecard(department_id=self.dep_ops.id, period=self.march)
        line = self.line(card, self.kpi_on_time, weight=100, target=90)
        self.env["synergy.measure"]._compute_periods(self.march)
        self.assertEqual(line.actual, 100)
        value = self.env["synergy.kpi.value"].search(
            [
                ("kpi_id", "=", self.kpi_on_time.id),
                ("department_id", "=", self.dep_ops.id),
                ("period_id", "=", self.march.id),
            ]
        )
        self.assertEqual(value.source, "measure")
        # A manual value for an owner overrides the measure for that owner.
        value.write({"source": "manual", "value": 50})
        self.env["synergy.measure"]._compute_periods(self.march)
        self.assertEqual(line.actual, 50)

    def test_query_count_does_not_depend_on_owners(self):
        y = self.YEAR

        def add_departments(count):
            for index in range(count):
                department = self.env["hr.department"].create({"name": f"Dep {index}"})
                user = make_synergy_user(
                    self.env, f"syn_q_{department.id}", "perf_synergy.group_synergy_user"
                )
                self.env["hr.employee"].create(
                    {"name": user.name, "user_id": user.id, "department_id": department.id}
                )
                self._task(user, datetime(y, 3, 10), closed_on=datetime(y, 3, 1))

        add_departments(2)
        # Warm up: the runs compared below both replace the values of a previous run.
        self.env["synergy.measure"]._compute_periods(self.march)
        self.env.flush_all()
        self.env.invalidate_all()
        queries_before = self.cr.sql_log_count
        self.env["synergy.measure"]._compute_periods(self.march)
        self.env.flush_all()
        few = self.cr.sql_log_count - queries_before

        add_departments(8)
        self.env["synergy.measure"]._compute_periods(self.march)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            created = self.env["synergy.measure"]._compute_periods(self.march)
            self.env.flush_all()
        self.assertGreaterEqual(len(created), 10)

    def test_bad_definitions_are_refused(self):
        Measure = self.env["synergy.measure"]
        base = {
            "name": "Bad",
            "model_id": self.env["ir.model"]._get_id("project.task"),
            "date_field": "date_deadline",
            "owner_field": "user_ids",
        }
        with self.assertRefused(ValidationError, "does not parse"):
            Measure.create({**base, "domain": "[('state', '=' "})
        with self.assertRefused(ValidationError, "does not fit model"):
            Measure.create({**base, "domain": "[('no_such_field', '=', 1)]"})
        with self.assertRefused(ValidationError, "date field nope is not a stored"):
            Measure.create({**base, "date_field": "nope"})
        with self.assertRefused(ValidationError, "value field"):
            Measure.create({**base, "aggregate": "sum", "value_field": "name"})
        with self.assertRefused(ValidationError, "owner field"):
            Measure.create({**base, "owner_field": "stage_id"})
        self.assertFalse(Measure.search([("name", "=", "Bad")]))
