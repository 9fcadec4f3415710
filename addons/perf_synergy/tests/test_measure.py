from datetime import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..tools.close_scope import closing
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

    def test_close_leaves_its_own_lines_to_itself(self):
        """The measure values created by a close do not refresh the lines of the closing
        period (the close refreshes every one of them right after), but do refresh the lines
        of other periods reading them, and a March line driving a line of Q1: the closed
        figures are those of a close whose values refresh every line."""
        y = self.YEAR
        self._task(self.user_ops, datetime(y, 3, 5), closed_on=datetime(y, 3, 1))
        self._task(self.user_seller, datetime(y, 3, 10), closed_on=datetime(y, 3, 9))
        self._task(self.user_seller, datetime(y, 3, 20), closed_on=datetime(y, 3, 25))
        march_card = self.scorecard(department_id=self.dep_ops.id, period=self.march)
        own = self.line(march_card, self.kpi_on_time, weight=100, target=90)
        q1_card = self.scorecard(department_id=self.dep_ops.id, period=self.q1)
        quarter = self.line(q1_card, self.kpi_on_time, weight=100, target=90)
        q1_sales = self.scorecard(department_id=self.dep_sales.id, period=self.q1)
        above = self.line(q1_sales, self.kpi_revenue, weight=100, target=80)
        north = self.scorecard(department_id=self.dep_sales_north.id, period=self.march)
        driving = self.line(north, self.kpi_on_time, weight=100, target=80, parent_line_id=above.id)
        lines = own | quarter | above | driving
        cards = lines.scorecard_id
        Line = self.env["synergy.scorecard.line"]
        self.assertFalse(lines._refreshed_by_close())  # no close running
        with closing(self.march.ids):
            self.assertEqual(lines._refreshed_by_close(), own)
        self.assertEqual(Line.browse()._refreshed_by_close(), Line.browse())

        def figures():
            self.env.flush_all()
            self.env.invalidate_all()
            return (
                [(line.actual, line.has_actual, line.score, line.achievement) for line in lines],
                [(card.kpi_score, card.linked_score, card.final_score) for card in cards],
            )

        # A close whose values refresh every line they feed, then every line of March.
        savepoint = self.env.cr.savepoint()
        self.env["synergy.measure"]._compute_periods(self.march)
        self.env["synergy.scorecard"].search([("period_id", "=", self.march.id)])._refresh_actuals()
        expected = figures()
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        self.assertEqual(expected[0][0][:2], (100.0, True))  # ops: on time
        self.assertEqual(expected[0][3][:2], (50.0, True))  # north: one task of two

        # The close's measures step: March's own line waits for the close, the others not.
        savepoint = self.env.cr.savepoint()
        self.march._close_measures()
        self.env.invalidate_all()
        self.assertFalse(own.has_actual)
        self.assertEqual(quarter.actual, 100.0)
        self.assertEqual((driving.actual, above.actual), (50.0, 50.0))
        savepoint.close(rollback=True)
        self.env.invalidate_all()

        self.march.with_user(self.user_officer).action_close()
        self.assertEqual(figures(), expected)

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


@tagged("post_install", "-at_install")
class TestMeasureOncePerOwner(SynergyCase):
    """DESIGN §4: a source record counts once per owner, whatever the path and aggregate.

    Own data: department Alpha with users A1 and A2, department Beta with user B1; in March,
    task T1 (A1 + A2, 4 h, on time), T2 (A1, 2 h, late), T3 (A1 + B1, 6 h, on time)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.alpha = Department.create({"name": "Syn Alpha"})
        cls.beta = Department.create({"name": "Syn Beta"})
        cls.users = {}
        cls.employees = {}
        for login, department in (("a1", cls.alpha), ("a2", cls.alpha), ("b1", cls.beta)):
            user = make_synergy_user(cls.env, f"syn_once_{login}", "project.group_project_user")
            cls.users[login] = user
            cls.employees[login] = cls.env["hr.employee"].create(
                {"name": login, "user_id": user.id, "department_id": department.id}
            )
        cls.march = cls.months[2]
        y = cls.YEAR
        cls.project = cls.env["project.project"].create(
            {
                "name": "Once per owner",
                "user_id": cls.users["b1"].id,
                "date_start": datetime(y, 3, 1).date(),
            }
        )
        cls.other_project = cls.env["project.project"].create(
            {
                "name": "Once per owner, shared",
                "user_id": cls.users["b1"].id,
                "date_start": datetime(y, 3, 2).date(),
            }
        )
        cls.t1 = cls._task(cls.project, ("a1", "a2"), 4, datetime(y, 3, 10), datetime(y, 3, 9))
        cls.t2 = cls._task(cls.project, ("a1",), 2, datetime(y, 3, 11), datetime(y, 3, 20))
        cls.t3 = cls._task(
            cls.other_project, ("a1", "b1"), 6, datetime(y, 3, 12), datetime(y, 3, 12)
        )
        cls.tasks_domain = f"[('id', 'in', {(cls.t1 | cls.t2 | cls.t3).ids})]"

    @classmethod
    def _task(cls, project, logins, hours, deadline, closed_on):
        task = cls.env["project.task"].create(
            {
                "name": f"Task of {', '.join(logins)}",
                "project_id": project.id,
                "user_ids": [(6, 0, [cls.users[login].id for login in logins])],
                "allocated_hours": hours,
                "date_deadline": deadline,
            }
        )
        task.state = "1_done"
        task.synergy_closed_date = closed_on
        return task

    def _measure(self, **vals):
        return self.env["synergy.measure"].create(
            {
                "name": "Once per owner",
                "model_id": self.env["ir.model"]._get_id("project.task"),
                "date_field": "date_deadline",
                "domain": self.tasks_domain,
                "owner_field": "user_ids",
                **vals,
            }
        )

    def test_count_sum_avg_once_per_department_and_employee(self):
        count = self._measure(aggregate="count")
        self.assertEqual(count._evaluate(self.march), {self.alpha: 3.0, self.beta: 1.0})
        by_employee = self._measure(aggregate="count", owner_level="employee")
        e = self.employees
        self.assertEqual(
            by_employee._evaluate(self.march), {e["a1"]: 3.0, e["a2"]: 1.0, e["b1"]: 1.0}
        )
        total = self._measure(aggregate="sum", value_field="allocated_hours")
        self.assertEqual(total._evaluate(self.march), {self.alpha: 12.0, self.beta: 6.0})
        mean = self._measure(aggregate="avg", value_field="allocated_hours")
        self.assertEqual(mean._evaluate(self.march), {self.alpha: 4.0, self.beta: 6.0})

    def test_ratio_once_per_owner(self):
        on_time = self._measure(
            aggregate="ratio", numerator_domain="[('synergy_on_time', '=', True)]"
        )
        values = on_time._evaluate(self.march)
        self.assertAlmostEqual(values[self.alpha], 200 / 3)  # T1, T3 of T1, T2, T3
        self.assertAlmostEqual(values[self.beta], 100.0)
        hours = self._measure(
            aggregate="ratio",
            numerator_domain="[('synergy_on_time', '=', True)]",
            numerator_field="allocated_hours",
            value_field="allocated_hours",
        )
        self.assertAlmostEqual(hours._evaluate(self.march)[self.alpha], 10 / 12 * 100)
        # The shipped measures go through the assignees too.
        shipped = self.env.ref("perf_synergy.measure_task_on_time_rate")
        self.assertAlmostEqual(shipped._evaluate(self.march)[self.alpha], 200 / 3)

    def test_one2many_and_many2one_paths(self):
        # A project counts once for a department however many of its tasks lead there.
        projects = self.env["synergy.measure"].create(
            {
                "name": "Projects with work",
                "model_id": self.env["ir.model"]._get_id("project.project"),
                "date_field": "date_start",
                "domain": f"[('id', 'in', {(self.project | self.other_project).ids})]",
                "aggregate": "count",
                "owner_field": "task_ids.user_ids",
            }
        )
        self.assertEqual(projects._evaluate(self.march), {self.alpha: 2.0, self.beta: 1.0})
        by_manager = self._measure(aggregate="count", owner_field="project_id.user_id")
        self.assertEqual(by_manager._evaluate(self.march), {self.beta: 3.0})

    def test_dimension_check_balances(self):
        # Assignees of one department per task: each dimension adds up to the company total.
        measure = self._measure(
            aggregate="sum",
            value_field="allocated_hours",
            domain=f"[('id', 'in', {(self.t1 | self.t2).ids})]",
            second_owner_field="project_id.user_id",
        )
        check = self.env["synergy.dimension.check"].create(
            {"measure_id": measure.id, "period_id": self.march.id}
        )
        self.assertEqual(
            (check.company_total, check.first_total, check.second_total, check.balanced),
            (6.0, 6.0, 6.0, True),
        )


@tagged("post_install", "-at_install")
class TestMeasureSourceAccess(SynergyCase):
    """Issue 17 / DESIGN §14: a measure reveals nothing its author could not read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = make_synergy_user(
            cls.env,
            "syn_measure_officer",
            "perf_synergy.group_synergy_officer,project.group_project_user",
        )
        cls.hr_officer = make_synergy_user(
            cls.env,
            "syn_measure_hr_officer",
            "perf_synergy.group_synergy_officer,hr.group_hr_manager",
        )
        cls.admin_officer = make_synergy_user(
            cls.env,
            "syn_measure_admin",
            "perf_synergy.group_synergy_officer,base.group_system",
        )
        cls.march = cls.months[2]
        # A salary in the period, the secret the officer must not learn.
        cls.emp_ops.version_id.write(
            {"wage": 98765.0, "date_version": datetime(cls.YEAR, 3, 1).date()}
        )
        cls.wage_vals = {
            "name": "Payroll",
            "model_id": cls.env["ir.model"]._get_id("hr.version"),
            "date_field": "date_version",
            "aggregate": "sum",
            "value_field": "wage",
            "owner_field": "department_id",
        }
        cls.Measure = cls.env["synergy.measure"]

    def test_no_salary_through_create_or_write(self):
        with self.assertRefused(AccessError, r"may not read hr\.version records"):
            self.Measure.with_user(self.officer).create(self.wage_vals)
        self.assertFalse(self.Measure.search([("name", "=", "Payroll")]))
        # Turning an existing measure into a payroll one is refused alike.
        measure = self.Measure.with_user(self.officer).create(
            {
                "name": "Tasks",
                "model_id": self.env["ir.model"]._get_id("project.task"),
                "date_field": "date_deadline",
                "owner_field": "user_ids",
            }
        )
        self.assertEqual(measure.source_validated_by_id, self.officer)
        with self.assertRefused(AccessError, r"hr\.version"):
            measure.write(
                {
                    k: v
                    for k, v in self.wage_vals.items()
                    if k in ("model_id", "date_field", "aggregate", "value_field", "owner_field")
                }
            )
        self.assertEqual(measure.model_name, "project.task")
        # The validator is never taken from the client.
        with self.assertRaises(AccessError):
            measure.write({"source_validated_by_id": self.hr_officer.id})
        self.assertEqual(measure.source_validated_by_id, self.officer)

    def test_domain_fields_are_checked(self):
        base = {
            "name": "Oracle",
            "model_id": self.env["ir.model"]._get_id("project.task"),
            "date_field": "date_deadline",
            "owner_field": "user_ids",
        }
        Measure = self.Measure.with_user(self.officer)
        # A field restricted by groups (res.partner.employee_ids: HR officers only).
        with self.assertRefused(AccessError, r"domain partner_id\.employee_ids .*employee_ids"):
            Measure.create({**base, "domain": "[('partner_id.employee_ids', '!=', False)]"})
        # A sub-domain reaching a model he may not read.
        with self.assertRefused(AccessError, r"hr\.(employee|version)"):
            Measure.create(
                {
                    **base,
                    "aggregate": "ratio",
                    "numerator_domain": "[('user_ids', 'any', "
                    "[('employee_ids', 'any', [('wage', '>', 50000)])])]",
                }
            )
        self.assertFalse(self.Measure.search([("name", "=", "Oracle")]))

    def test_system_models_are_never_a_source(self):
        secret = {
            "name": "Secret",
            "model_id": self.env["ir.model"]._get_id("ir.config_parameter"),
            "date_field": "create_date",
            "domain": "[('key', '=', 'database.secret'), ('value', '=like', 'a%')]",
            "owner_level": "company",
        }
        for user in (self.officer, self.admin_officer):
            with self.assertRefused(AccessError, r"ir\.config_parameter is a system model"):
                self.Measure.with_user(user).create(secret)
        keys = {**secret, "model_id": self.env["ir.model"]._get_id("res.users.apikeys")}
        keys["domain"] = "[]"
        with self.assertRefused(AccessError, "system model"):
            self.Measure.with_user(self.admin_officer).create(keys)

    def test_preview_runs_as_the_user(self):
        # An HR officer may set up a payroll measure and preview it ...
        measure = self.Measure.with_user(self.hr_officer).create(self.wage_vals)
        self.assertEqual(measure.source_validated_by_id, self.hr_officer)
        self.assertEqual(measure._preview_values(self.march), {self.dep_ops: 98765.0})
        # ... an officer without HR rights may not, whatever path he takes.
        with self.assertRefused(AccessError, r"may not read hr\.version"):
            measure.with_user(self.officer)._preview_values(self.march)
        with self.assertRaises(AccessError):
            measure.with_user(self.officer).action_preview()
        check = (
            self.env["synergy.dimension.check"]
            .with_user(self.officer)
            .create({"measure_id": measure.id, "period_id": self.march.id})
        )
        with self.assertRaises(AccessError):
            check.read(["company_total"])

    def _payroll_kpi(self, measure):
        return self.env["synergy.kpi"].create(
            {
                "code": f"T-PAY-{measure.id}",
                "name": "Payroll",
                "value_source": "measure",
                "measure_id": measure.id,
            }
        )

    def _payroll_values(self, kpi):
        return self.env["synergy.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", self.march.id)]
        )

    def test_close_runs_only_validated_sources(self):
        # Created through sudo() on the officer's behalf: he is recorded as the validator,
        # and the close, which reads with full rights, skips it.
        smuggled = self.Measure.with_user(self.officer).sudo().create(self.wage_vals)
        self.assertEqual(smuggled.source_validated_by_id, self.officer)
        self.assertIn("may not read hr.version", smuggled.source_problem)
        smuggled_kpi = self._payroll_kpi(smuggled)
        # A payroll measure set up by an HR officer is computed ...
        entitled = self.Measure.with_user(self.hr_officer).create(self.wage_vals)
        entitled_kpi = self._payroll_kpi(entitled)
        shipped_kpi = self.env["synergy.kpi"].create(
            {
                "code": "T-SHIP",
                "name": "On time",
                "value_source": "measure",
                "measure_id": self.env.ref("perf_synergy.measure_request_on_time_delivery").id,
            }
        )
        self.env["synergy.event"].create(
            {
                "event_type": "request_delivered",
                "date": datetime(self.YEAR, 3, 5),
                "department_id": self.dep_ops.id,
                "on_time": True,
            }
        )
        self.march.with_user(self.officer).action_close()
        self.assertFalse(self._payroll_values(smuggled_kpi))
        self.assertEqual(self._payroll_values(entitled_kpi).value, 98765.0)
        # Shipped measures are data, validated at install: they compute at the close.
        self.assertEqual(self._payroll_values(shipped_kpi).value, 100.0)
        messages = smuggled.message_ids.mapped("body")
        self.assertTrue(any("Not computed" in str(body) for body in messages), messages)

    def test_validator_who_lost_the_right_is_not_trusted(self):
        measure = self.Measure.with_user(self.hr_officer).create(self.wage_vals)
        kpi = self._payroll_kpi(measure)
        self.hr_officer.write({"group_ids": [(3, self.env.ref("hr.group_hr_manager").id)]})
        self.hr_officer.write({"group_ids": [(3, self.env.ref("hr.group_hr_user").id)]})
        self.assertIn("may no longer read it", measure.source_problem)
        self.env["synergy.measure"]._compute_periods(self.march)
        self.assertFalse(self._payroll_values(kpi))

    def test_source_changes_are_tracked(self):
        measure = (
            self.Measure.with_user(self.officer)
            .with_context(tracking_disable=False)
            .create(
                {
                    "name": "Tasks",
                    "model_id": self.env["ir.model"]._get_id("project.task"),
                    "date_field": "date_deadline",
                    "owner_field": "user_ids",
                }
            )
        )
        # Records created in the transaction are not tracked until its commit.
        measure.env.flush_all()
        self.env.cr.precommit.run()
        measure.write({"domain": "[('state', '=', '1_done')]", "value_field": "allocated_hours"})
        measure.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written before the commit
        tracked = measure.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("domain", tracked)
        self.assertIn("value_field", tracked)
