"""The widgets of issue 20, item 3, in the browser as the demo's logins: the employee (zh_CN)
reads why his published scorecard scores so, the officer opens a diagnosis radar and a KPI
named like markup stays text. RoleTourCase fails on an error dialog and on an access error or
an error in the server log."""

from odoo.tests import tagged

from .role_tour import RoleTourCase

HOSTILE = "<img src=x onerror=alert(1)>"


@tagged("post_install", "-at_install")
class TestWidgetsTours(RoleTourCase):
    def test_employee_reads_why_this_score_in_chinese(self):
        employee = self.demo_user("synergy.demo.sales1")
        self.speak_chinese(employee)
        cards = self.env["synergy.scorecard"].with_user(employee).search([])
        self.assertTrue(cards.filtered("result_published"), "a result of his is published")
        self.start_role_tour("/odoo", "synergy_why_this_score_employee", employee.login)

    def test_officer_opens_a_diagnosis_radar(self):
        officer = self.demo_user("synergy.demo.officer")
        self.assertTrue(self.env["synergy.diagnosis"].with_user(officer).search([]))
        self.start_role_tour(
            "/odoo/action-perf_synergy.action_synergy_diagnosis",
            "synergy_diagnosis_radar_officer",
            officer.login,
        )

    def test_a_kpi_named_like_markup_is_text(self):
        officer = self.demo_user("synergy.demo.officer")
        company = officer.company_id
        kpi = self.env["synergy.kpi"].create(
            {"code": "T-EVIL", "name": HOSTILE, "company_id": company.id}
        )
        employee = self.env["hr.employee"].create(
            {"name": "Evil KPI owner", "company_id": company.id}
        )
        period = self.env["synergy.period"].search(
            [("company_id", "=", company.id), ("period_type", "=", "year"), ("state", "=", "open")],
            order="date_start desc",
            limit=1,
        )
        card = self.env["synergy.scorecard"].create(
            {
                "owner_level": "employee",
                "employee_id": employee.id,
                "company_id": company.id,
                "period_id": period.id,
            }
        )
        self.env["synergy.scorecard.line"].create(
            {"scorecard_id": card.id, "kpi_id": kpi.id, "weight": 100, "target": 10}
        )
        self.start_role_tour(
            f"/odoo/action-perf_synergy.action_synergy_scorecard/{card.id}",
            "synergy_why_this_score_hostile",
            officer.login,
        )
