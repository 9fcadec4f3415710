from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestAlert(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_service = cls.env["hr.department"].create(
            {"name": "Alert Service", "manager_id": cls.emp_ops.id}
        )
        cls.dep_sales.manager_id = cls.emp_head
        cls.kpi_retention.write(
            {
                "share_ids": [
                    (0, 0, {"department_id": cls.dep_sales.id, "role": "lead", "share": 70}),
                    (0, 0, {"department_id": cls.dep_service.id, "share": 30}),
                ]
            }
        )
        cls.rule = cls.env["synergy.alert.rule"].create(
            {"name": "Retention drops", "kpi_id": cls.kpi_retention.id}
        )
        # Eleven calm months, then a drop in December.
        history = [90, 91, 89, 90, 92, 90, 91, 89, 90, 91, 90, 70]
        for month, amount in zip(cls.months, history, strict=True):
            cls.value(cls.kpi_retention, month, amount, department_id=cls.dep_sales.id)

    def test_deviation_raises_one_routed_alert(self):
        alerts = self.env["synergy.alert.rule"]._cron_evaluate()
        self.assertEqual(len(alerts), 1)
        alert = alerts
        self.assertEqual((alert.period_id, alert.department_id), (self.months[11], self.dep_sales))
        self.assertEqual(alert.value, 70)
        self.assertTrue(alert.has_expected_range)
        self.assertLess(alert.expected_low, 89)
        self.assertIn("deviation", alert.reasons)
        self.assertEqual(alert.severity, "medium", "|z| about 4.4: beyond 3, below 6")
        self.assertEqual(set(alert.acting_department_ids), {self.dep_sales, self.dep_service})
        self.assertEqual(set(alert.activity_ids.user_id), {self.user_head, self.user_ops})
        self.assertIn("Customer retention of Syn Sales in 2031-12 is 70.00", alert.summary)
        # Idempotent: a second run creates nothing, even after the alert is resolved.
        self.assertFalse(self.env["synergy.alert.rule"]._cron_evaluate())
        with self.assertRefused(UserError, "Say what was done"):
            alert.action_resolve()
        alert.action_acknowledge()
        alert.resolution_note = "Joint retention plan agreed"
        alert.action_resolve()
        self.assertFalse(self.env["synergy.alert.rule"]._cron_evaluate())

    def test_raci_routes_to_responsible_and_accountable(self):
        dep_r = self.env["hr.department"].create(
            {"name": "Alert R", "manager_id": self.emp_seller.id}
        )
        dep_i = self.env["hr.department"].create({"name": "Alert I"})
        matrix = self.env["synergy.raci.matrix"].create(
            {
                "name": "Retention process",
                "kpi_ids": [(6, 0, self.kpi_retention.ids)],
                "department_ids": [(6, 0, (dep_r | dep_i | self.dep_sales).ids)],
                "task_ids": [(0, 0, {"name": "Follow up churn"})],
            }
        )
        roles = {dep_r: "R", dep_i: "I", self.dep_sales: "A"}
        for cell in matrix.assignment_ids:
            cell.role = roles[cell.department_id]
        matrix.action_activate()
        alert = self.env["synergy.alert.rule"]._cron_evaluate()
        self.assertIn(dep_r, alert.acting_department_ids)
        self.assertNotIn(dep_i, alert.acting_department_ids)
        self.assertIn(self.user_seller, alert.activity_ids.user_id)

    def test_static_floor_works_without_history(self):
        self.rule.floor = 80
        kpi = self.env["synergy.kpi"].create({"code": "T-NEW", "name": "New KPI"})
        rule = self.env["synergy.alert.rule"].create(
            {"name": "New KPI floor", "kpi_id": kpi.id, "floor": 50}
        )
        self.value(kpi, self.months[0], 60, department_id=self.dep_ops.id)
        self.value(kpi, self.months[1], 40, department_id=self.dep_ops.id)
        alerts = rule._evaluate()
        self.assertEqual(alerts.period_id, self.months[1])
        self.assertEqual(alerts.reasons, "floor")
        self.assertFalse(alerts.has_expected_range)

    def test_a_failing_rule_does_not_stop_the_others(self):
        other = self.env["synergy.alert.rule"].create(
            {"name": "Other", "kpi_id": self.kpi_sales.id}
        )
        original = type(self.rule)._evaluate

        def failing(rule):
            if rule == other:
                raise ValueError("boom")
            return original(rule)

        with (
            patch.object(type(self.rule), "_evaluate", failing),
            mute_logger("odoo.addons.perf_synergy.models.synergy_alert_rule"),
        ):
            alerts = self.env["synergy.alert.rule"]._cron_evaluate()
        self.assertEqual(len(alerts), 1)

    def test_users_see_alerts_of_their_departments(self):
        self.env["synergy.alert.rule"]._cron_evaluate()
        Alert = self.env["synergy.alert"]
        self.assertEqual(len(Alert.with_user(self.user_head).search([])), 1)
        self.assertEqual(len(Alert.with_user(self.user_ops).search([])), 1, "collaborator")
        outsider = self.env["hr.department"].create({"name": "Elsewhere"})
        self.emp_seller.department_id = outsider
        self.assertFalse(Alert.with_user(self.user_seller).search([]))


@tagged("post_install", "-at_install")
class TestProcess(SynergyCase):
    def test_default_processes_ship(self):
        names = self.env["synergy.process"].search([]).mapped("code")
        for code in ("O2C", "L2R", "P2P", "P2P-M"):
            self.assertIn(code, names)
        self.assertEqual(len(self.env.ref("perf_synergy.process_order_to_cash").node_ids), 5)

    def test_node_health_follows_scores_and_alerts(self):
        from datetime import date

        today = date.today()
        period = self.env["synergy.period"].search(
            [("date_start", "<=", today), ("date_end", ">=", today), ("period_type", "=", "year")],
            limit=1,
        ) or self.env["synergy.period"].create(
            {
                "name": "Now",
                "date_start": today.replace(month=1, day=1),
                "date_end": today.replace(month=12, day=31),
            }
        )
        card = self.scorecard(department_id=self.dep_ops.id, period=period)
        self.line(card, self.kpi_sales, weight=100, target=100)
        node = self.env["synergy.process.node"].create(
            {
                "process_id": self.env.ref("perf_synergy.process_order_to_cash").id,
                "name": "Test step",
                "department_id": self.dep_ops.id,
                "kpi_ids": [(6, 0, self.kpi_sales.ids)],
            }
        )
        self.assertEqual(node.health, "unknown")
        value = self.value(self.kpi_sales, period, 95, department_id=self.dep_ops.id)
        node.invalidate_recordset()
        self.assertEqual((node.health, node.score), ("green", 95))
        value.value = 75
        node.invalidate_recordset()
        self.assertEqual(node.health, "amber")
        value.value = 50
        node.invalidate_recordset()
        self.assertEqual(node.health, "red")
        self.assertEqual(node.process_id.health, "red")
