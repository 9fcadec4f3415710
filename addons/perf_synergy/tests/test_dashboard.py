from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user


def _dashboard_data(env, year, department, kpi, head_employee=None):
    """A department scorecard with one line, an older one, an open alert and two requests."""
    Period = env["synergy.period"]
    earlier = Period.create(
        {
            "name": "Dash Year",
            "period_type": "year",
            "date_start": f"{year.date_start.year - 1}-01-01",
            "date_end": f"{year.date_start.year - 1}-12-31",
        }
    )
    Scorecard = env["synergy.scorecard"]
    old_card, card = Scorecard.create(
        [
            {"owner_level": "department", "department_id": department.id, "period_id": p.id}
            for p in (earlier, year)
        ]
    )
    env["synergy.scorecard.line"].create(
        [
            {"scorecard_id": c.id, "kpi_id": kpi.id, "weight": 100, "target": 100}
            for c in (old_card, card)
        ]
    )
    rule = env["synergy.alert.rule"].create({"name": "Dash rule", "kpi_id": kpi.id})
    alert = env["synergy.alert"].create(
        {
            "rule_id": rule.id,
            "kpi_id": kpi.id,
            "period_id": year.id,
            "owner_level": "department",
            "department_id": department.id,
            "value": 40,
            "severity": "high",
        }
    )
    return card, old_card, alert


class TestDashboards(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi_dash = cls.env["synergy.kpi"].create({"code": "DASH", "name": "Dash KPI"})
        cls.card, cls.old_card, cls.alert = _dashboard_data(
            cls.env, cls.year, cls.dep_sales, cls.kpi_dash
        )
        cls.request_in, cls.request_out = cls.env["synergy.request"].create(
            [
                {
                    "name": "Ops needs a forecast",
                    "requesting_department_id": cls.dep_ops.id,
                    "responding_department_id": cls.dep_sales.id,
                },
                {
                    "name": "Sales needs a delivery date",
                    "requesting_department_id": cls.dep_sales.id,
                    "responding_department_id": cls.dep_ops.id,
                },
            ]
        )
        cls.campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Dash survey",
                "period_id": cls.year.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "target_department_ids": [(6, 0, cls.dep_ops.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_sales.ids)],
                "dimension_ids": [(0, 0, {"name": "Speed"})],
            }
        )
        cls.campaign.action_open()

    def test_head_sees_the_department_dashboard(self):
        department = self.dep_sales.with_user(self.user_head)
        self.assertEqual(department.synergy_dashboard_scorecard_id, self.card)
        self.assertEqual(department.synergy_dashboard_line_ids, self.card.line_ids)
        self.assertEqual(department.synergy_dashboard_history_ids, self.card | self.old_card)
        self.assertEqual(department.synergy_dashboard_alert_ids, self.alert)
        self.assertEqual(department.synergy_dashboard_request_in_ids, self.request_in)
        self.assertEqual(department.synergy_dashboard_request_out_ids, self.request_out)
        self.assertEqual(department.synergy_dashboard_request_count, 2)
        self.assertIn(self.campaign, department.synergy_dashboard_evaluator_ids)
        ops = self.dep_ops.with_user(self.user_officer)
        self.assertEqual(ops.synergy_dashboard_evaluated_ids.campaign_id, self.campaign)
        self.assertFalse(ops.synergy_dashboard_alert_ids)

    def test_dashboard_hides_what_the_reader_may_not_see(self):
        # The operations employee is no head: the sales department's alert is not theirs.
        self.alert.acting_department_ids = False
        department = self.dep_sales.with_user(self.user_ops)
        self.assertFalse(department.synergy_dashboard_alert_ids)

    def test_resolved_alerts_and_accepted_requests_leave_the_dashboard(self):
        self.alert.resolution_note = "Called the customer"
        self.alert.action_resolve()
        self.request_in.state = "accepted"
        department = self.dep_sales.with_user(self.user_head)
        self.assertFalse(department.synergy_dashboard_alert_ids)
        self.assertEqual(department.synergy_dashboard_request_in_ids, self.env["synergy.request"])

    def test_trend_action_follows_the_department(self):
        action = self.dep_sales.with_user(self.user_head).action_synergy_dashboard_trend()
        cards = self.env["synergy.scorecard"].search(action["domain"])
        self.assertEqual(cards, self.card | self.old_card)
        self.assertEqual(action["res_model"], "synergy.scorecard")
        self.assertTrue(action["view_mode"].startswith("graph"))

    def test_landing_action_per_role(self):
        Department = self.env["hr.department"]
        officer = Department.with_user(self.user_officer).action_synergy_landing()
        self.assertEqual(
            (officer["res_model"], officer["res_id"]), ("res.company", self.company.id)
        )
        head = Department.with_user(self.user_head).action_synergy_landing()
        self.assertEqual((head["res_model"], head["res_id"]), ("hr.department", self.dep_sales.id))
        employee = Department.with_user(self.user_seller).action_synergy_landing()
        self.assertEqual(employee["res_model"], "synergy.scorecard")
        self.assertFalse(employee.get("res_id"))

    def test_head_without_department_gets_a_clear_message(self):
        lonely = make_synergy_user(self.env, "dash_lonely", "perf_synergy.group_synergy_manager")
        Department = self.env["hr.department"].with_user(lonely)
        with self.assertRefused(UserError, "not linked to an employee"):
            Department.action_synergy_my_department()
        self.assertEqual(Department.action_synergy_landing()["res_model"], "synergy.scorecard")

    def test_company_health(self):
        process = self.env["synergy.process"].create(
            {
                "name": "Dash order to cash",
                "company_id": self.company.id,
                "node_ids": [
                    (0, 0, {"name": "Quote", "department_id": self.dep_sales.id}),
                ],
            }
        )
        interlock = self.env["synergy.interlock"].create(
            {
                "name": "Dash interlock",
                "kpi_id": self.kpi_dash.id,
                "period_id": self.year.id,
                "target": 100,
                "floor": 50,
            }
        )
        company = self.company.with_user(self.user_officer)
        self.assertIn(process.node_ids, company.synergy_health_node_ids)
        self.assertGreaterEqual(company.synergy_health_alert_high, 1)
        high = self.env["synergy.alert"].search_count(
            [("severity", "=", "high"), ("state", "!=", "resolved")]
        )
        self.assertEqual(company.synergy_health_alert_high, high)
        self.assertIn(self.alert, company.synergy_health_alert_ids)
        self.assertNotIn(interlock, company.synergy_health_interlock_ids)
        action = company.action_synergy_company_health()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.company", self.company.id))


@tagged("post_install", "-at_install")
class TestMyDepartmentUi(HttpCase):
    def test_department_head_lands_on_the_dashboard(self):
        head = make_synergy_user(
            self.env,
            "dash_tour_head",
            "perf_synergy.group_synergy_manager",
            password="dash_tour_head",
        )
        department = self.env["hr.department"].create({"name": "Dash Department"})
        self.env["hr.employee"].create(
            {"name": "Dash head", "user_id": head.id, "department_id": department.id}
        )
        self.env["synergy.period.generate"].create({"year": 2037}).action_generate()
        year = self.env["synergy.period"].search(
            [("period_type", "=", "year"), ("name", "=", "2037")]
        )
        kpi = self.env["synergy.kpi"].create({"code": "DASHT", "name": "Dash KPI"})
        _dashboard_data(self.env, year, department, kpi)
        self.start_tour("/odoo", "synergy_my_department", login="dash_tour_head")
