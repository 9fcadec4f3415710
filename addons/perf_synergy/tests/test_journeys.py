"""The main journeys of the core in a real browser (headless Chromium tours).

Journeys covered elsewhere: filling a RACI matrix (test_raci, perf_synergy_responsibility),
evaluating an internal supplier (test_evaluation, perf_synergy_evaluation), preparing a
committee meeting and reading a diagnosis radar (test_committee), the goal screens
(test_skeleton, perf_synergy_goals) and the My Department dashboard (test_dashboard).
"""

from odoo.tests import HttpCase, tagged

from .common import make_synergy_user


@tagged("post_install", "-at_install")
class TestJourneys(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["synergy.period.generate"].create({"year": 2038}).action_generate()
        cls.year = cls.env["synergy.period"].search(
            [("period_type", "=", "year"), ("name", "=", "2038")]
        )
        cls.head = make_synergy_user(
            cls.env, "journey_head", "perf_synergy.group_synergy_manager", password="journey_head"
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "Journey Department", "synergy_tier": "front"}
        )
        cls.env["hr.employee"].create(
            {"name": "Journey head", "user_id": cls.head.id, "department_id": cls.department.id}
        )

    def test_officer_builds_and_confirms_a_department_scorecard(self):
        make_synergy_user(
            self.env,
            "journey_officer",
            "perf_synergy.group_synergy_officer",
            password="journey_officer",
        )
        department = self.env["hr.department"].create({"name": "Build Department"})
        Kpi = self.env["synergy.kpi"]
        revenue = Kpi.create({"code": "BREV", "name": "Build revenue"})
        Kpi.create({"code": "BOWN", "name": "Build own KPI"})
        company_card = self.env["synergy.scorecard"].create(
            {"owner_level": "company", "period_id": self.year.id}
        )
        company_line = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": company_card.id,
                "kpi_id": revenue.id,
                "weight": 100,
                "target": 1000,
                "is_synergy": True,
            }
        )
        self.start_tour(
            f"/odoo/action-perf_synergy.action_synergy_scorecard_line/{company_line.id}",
            "synergy_scorecard_build",
            login="journey_officer",
        )
        card = self.env["synergy.scorecard"].search(
            [("department_id", "=", department.id), ("period_id", "=", self.year.id)]
        )
        self.assertEqual(card.state, "confirmed")
        driver = card.line_ids.filtered(lambda line: line.kpi_id == revenue)
        self.assertEqual(driver.parent_line_id, company_line)
        self.assertEqual(driver.weight, 30)
        self.assertEqual(sorted(card.line_ids.mapped("weight")), [30, 70])

    def test_head_opens_the_value_tree_of_his_line(self):
        """The value tree opens on the head's line: his line and its drivers, not the
        company line it drives (unreadable to him), not the rest of the subtree."""
        kpi = self.env["synergy.kpi"].create({"code": "VTREE", "name": "Value tree revenue"})
        Card = self.env["synergy.scorecard"]
        Line = self.env["synergy.scorecard.line"]
        team = self.env["hr.department"].create(
            {"name": "Value Tree Team", "parent_id": self.department.id}
        )
        team_employee = self.env["hr.employee"].create(
            {"name": "Value Tree Employee", "department_id": team.id}
        )
        company_line = Line.create(
            {
                "scorecard_id": Card.create(
                    {"owner_level": "company", "period_id": self.year.id}
                ).id,
                "kpi_id": kpi.id,
                "weight": 100,
                "target": 1000,
            }
        )
        lines = {}
        parent = company_line
        for key, vals in (
            ("department", {"department_id": self.department.id}),
            ("team", {"department_id": team.id}),
            ("employee", {"owner_level": "employee", "employee_id": team_employee.id}),
        ):
            card = Card.create({"period_id": self.year.id, **vals})
            parent = lines[key] = Line.create(
                {
                    "scorecard_id": card.id,
                    "kpi_id": kpi.id,
                    "weight": 100,
                    "target": 500,
                    "parent_line_id": parent.id,
                }
            )
        self.start_tour(
            f"/odoo/action-perf_synergy.action_synergy_scorecard_line/{lines['department'].id}",
            "perf_synergy_value_tree_head",
            login="journey_head",
        )

    def test_head_approves_collaboration_points(self):
        lead = make_synergy_user(self.env, "journey_lead", "perf_synergy.group_synergy_user")
        employee = self.env["hr.employee"].create(
            {"name": "Approval Employee", "department_id": self.department.id}
        )
        record = self.env["synergy.behavior.record"].create(
            {
                "employee_id": employee.id,
                "type_id": self.env.ref("perf_synergy.behavior_share_data").id,
                "date": "2038-03-01",
                "evidence": "Shared the forecast model with production",
                "proposer_id": lead.id,
            }
        )
        record.action_submit()
        self.assertEqual(record.state, "to_approve")
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_behavior_record",
            "synergy_behavior_approve",
            login="journey_head",
        )
        self.assertEqual(record.state, "approved")

    def test_head_acknowledges_an_alert(self):
        kpi = self.env["synergy.kpi"].create({"code": "ACK", "name": "Ack KPI"})
        rule = self.env["synergy.alert.rule"].create({"name": "Ack rule", "kpi_id": kpi.id})
        alert = self.env["synergy.alert"].create(
            {
                "rule_id": rule.id,
                "kpi_id": kpi.id,
                "period_id": self.year.id,
                "owner_level": "department",
                "department_id": self.department.id,
                "acting_department_ids": [(6, 0, self.department.ids)],
                "value": 12,
                "severity": "medium",
            }
        )
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_alert",
            "synergy_alert_acknowledge",
            login="journey_head",
        )
        self.assertEqual(alert.state, "acknowledged")
