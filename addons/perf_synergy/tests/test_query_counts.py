"""The bulk paths run a number of queries that does not grow with the number of records.

Each test runs its path once to warm the caches, then on n records and on 3n records of the
same shape, and asserts the same query count for both (``assertQueryCount`` with the count
measured for n). The timing of these paths at scale is in docs/benchmarks.md, never asserted.
The measure computation has its own test in test_measure.py
(``test_query_count_does_not_depend_on_owners``).
"""

from odoo.tests import tagged

from .common import SynergyCase, make_synergy_user

N = 2


@tagged("post_install", "-at_install")
class TestQueryCounts(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As in production: mail tracking on (the shared test setup switches it off).
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.head_user = make_synergy_user(cls.env, "qc_head", "perf_synergy.group_synergy_manager")
        cls.counter = 0

    # ------------------------------------------------------------------ helpers
    def _commit_work(self):
        """What a commit runs after the method: the flush and the pre-commit hooks, where
        the mail tracking messages of the changed fields are written."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.flush_all()

    def _queries(self, func):
        """Queries run by ``func()`` and what its commit would run, from an empty cache."""
        self._commit_work()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self._commit_work()
        return self.cr.sql_log_count - before

    def _assert_same_count(self, build, run):
        """build(size) -> state; run(state) runs the path. Warm-up on N, then N and 3 N."""
        run(build(N))
        self._commit_work()
        few_state = build(N)
        few = self._queries(lambda: run(few_state))
        many_state = build(3 * N)
        self._commit_work()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            run(many_state)
            self._commit_work()
        return few

    def _department(self, managed=False):
        type(self).counter += 1
        department = self.env["hr.department"].create(
            {"name": f"QC {self.counter}", "synergy_tier": "back"}
        )
        if managed:
            department.manager_id = self.env["hr.employee"].create(
                {
                    "name": f"QC head {self.counter}",
                    "department_id": department.id,
                    "user_id": make_synergy_user(
                        self.env, f"qc_head_{self.counter}", "perf_synergy.group_synergy_manager"
                    ).id,
                }
            )
        return department

    def _tree(self, period, size):
        """A department line (roll-up) driven by ``size`` employee lines with values."""
        department = self._department()
        dep_card = self.scorecard(department_id=department.id, period=period)
        dep_line = self.line(dep_card, self.kpi_revenue, weight=100, target=100.0 * size)
        employees = self.env["hr.employee"].create(
            [{"name": f"QC employee {i}", "department_id": department.id} for i in range(size)]
        )
        values = self.env["synergy.kpi.value"].create(
            [
                {
                    "kpi_id": self.kpi_sales.id,
                    "period_id": period.id,
                    "value": 90.0 + i,
                    "owner_level": "employee",
                    "employee_id": employee.id,
                }
                for i, employee in enumerate(employees)
            ]
        )
        cards = self.env["synergy.scorecard"].create(
            [
                {"owner_level": "employee", "employee_id": employee.id, "period_id": period.id}
                for employee in employees
            ]
        )
        lines = self.env["synergy.scorecard.line"].create(
            [
                {
                    "scorecard_id": card.id,
                    "kpi_id": self.kpi_sales.id,
                    "weight": 100,
                    "target": 100,
                    "parent_line_id": dep_line.id,
                }
                for card in cards
            ]
        )
        return dep_line, lines, values

    # ------------------------------------------------------------------ period close
    def test_period_close(self):
        """Closing a period: measures, every line's actual and roll-up, scores, KPI scores,
        linked and composite results, scorecards closed, values locked."""
        months = iter(self.months)

        def build(size):
            period = next(months).with_env(self.env)  # the shared setup's env tracks nothing
            dep_line, lines, _values = self._tree(period, size)
            return period, dep_line, lines

        def run(state):
            state[0].action_close()

        self._assert_same_count(build, run)
        period, dep_line, lines = build(3 * N)
        run((period, dep_line, lines))
        self.assertEqual(dep_line.actual, sum(90.0 + i for i in range(3 * N)))
        self.assertEqual(set(lines.scorecard_id.mapped("state")), {"closed"})

    def test_scorecard_refresh(self):
        """Refreshing scorecards (the button, and what a close does): one batch."""
        months = iter(self.months)

        def build(size):
            dep_line, lines, _values = self._tree(next(months), size)
            return dep_line.scorecard_id | lines.scorecard_id

        self._assert_same_count(build, lambda cards: cards._refresh_actuals())

    # ------------------------------------------------------------------ roll-up
    def test_changing_one_actual_does_not_depend_on_the_tree_size(self):
        """One value changed: its line and its ancestors are recomputed, not the siblings."""
        months = iter(self.months)

        def build(size):
            dep_line, lines, values = self._tree(next(months), size)
            lines._refresh_actuals()
            return dep_line, values[0]

        def run(state):
            # A small change keeps every grade where it was in both sizes: which columns a
            # flush updates (one UPDATE per set of changed columns) depends on the data.
            state[1].value += 1

        self._assert_same_count(build, run)
        dep_line, value = build(3 * N)
        before = dep_line.actual
        run((dep_line, value))
        self.assertEqual(dep_line.actual, before + 1)

    # ------------------------------------------------------------------ alert cron
    def test_alert_rule_evaluation(self):
        """A rule over n or 3n owners' series: alerts created and routed (an activity for the
        owner department's manager) with the same number of queries."""
        kpis = iter(
            self.env["synergy.kpi"].create(
                [{"code": f"QC-A{i}", "name": f"Watched {i}"} for i in range(4)]
            )
        )

        def build(size):
            kpi = next(kpis)
            department = self._department(managed=True)
            employees = self.env["hr.employee"].create(
                [{"name": f"QC watched {i}", "department_id": department.id} for i in range(size)]
            )
            self.env["synergy.kpi.value"].create(
                [
                    {
                        "kpi_id": kpi.id,
                        "period_id": month.id,
                        "value": 100.0 + (index % 2) if index < 8 else 20.0,
                        "owner_level": "employee",
                        "employee_id": employee.id,
                    }
                    for employee in employees
                    for index, month in enumerate(self.months[:9])
                ]
            )
            return self.env["synergy.alert.rule"].create(
                {"name": f"QC rule {kpi.code}", "kpi_id": kpi.id, "owner_level": "employee"}
            )

        self._assert_same_count(build, lambda rule: rule._evaluate())
        rule = build(3 * N)
        alerts = rule._evaluate()
        self.assertEqual(len(alerts), 3 * N)
        self.assertTrue(alerts.activity_ids)
        self.assertFalse(rule._evaluate(), "idempotent")

    # ------------------------------------------------------------------ evaluation close
    def test_evaluation_close(self):
        """Closing a campaign over n or 3n evaluated departments: results and scorecards."""
        evaluators = self.env["res.users"]
        evaluator_department = self._department()
        for index in range(3):
            user = make_synergy_user(
                self.env, f"qc_evaluator_{index}", "perf_synergy.group_synergy_user"
            )
            self.env["hr.employee"].create(
                {
                    "name": f"QC evaluator {index}",
                    "department_id": evaluator_department.id,
                    "user_id": user.id,
                }
            )
            evaluators |= user

        def build(size):
            targets = self.env["hr.department"]
            for _index in range(size):
                department = self._department()
                card = self.scorecard(department_id=department.id, period=self.q1)
                self.line(card, self.kpi_sales, weight=100, target=100)
                targets |= department
            campaign = self.env["synergy.evaluation.campaign"].create(
                {
                    "name": f"QC campaign {self.counter}",
                    "campaign_type": "internal_customer",
                    "period_id": self.q1.id,
                    "date_deadline": f"{self.YEAR}-04-10",
                    "target_department_ids": [(6, 0, targets.ids)],
                    "evaluator_department_ids": [(6, 0, evaluator_department.ids)],
                    "dimension_ids": [(0, 0, {"name": "Quality", "sequence": 1})],
                }
            )
            campaign.action_open()
            for response in campaign.response_ids:
                response.line_ids.rating = "4"
                response.with_user(response.evaluator_id).action_submit()
            return campaign

        self._assert_same_count(build, lambda campaign: campaign.action_close())
        campaign = build(3 * N)
        campaign.action_close()
        self.assertEqual(set(campaign.target_ids.mapped("status")), {"done"})
        cards = self.env["synergy.scorecard"].search(
            [("department_id", "in", campaign.target_ids.department_id.ids)]
        )
        self.assertTrue(all(cards.mapped("internal_customer_available")))

    # ------------------------------------------------------------------ bonus allocation
    def test_bonus_pool_compute(self):
        """A pool split among n or 3n departments: scorecards found, achievements read,
        amounts allocated, in the same number of queries."""

        def build(size):
            departments = self.env["hr.department"]
            for _index in range(size):
                department = self._department()
                card = self.scorecard(department_id=department.id)
                self.line(card, self.kpi_sales, weight=100, target=100)
                self.value(self.kpi_sales, self.year, 80, department_id=department.id)
                departments |= department
            return departments

        def run(departments):
            share = 100.0 / len(departments)
            pool = self.env["synergy.bonus.pool"].create(
                {
                    "name": "QC pool",
                    "period_id": self.year.id,
                    "amount": 1200.0,
                    "allocation_ids": [
                        (0, 0, {"department_id": department.id, "share": share})
                        for department in departments
                    ],
                }
            )
            pool.action_compute()
            return pool

        self._assert_same_count(build, run)
        pool = run(build(3 * N))
        self.assertEqual(pool.state, "computed")
        self.assertTrue(all(pool.allocation_ids.mapped("amount")))
