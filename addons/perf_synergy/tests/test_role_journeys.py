"""Every role's first day in the browser, as that role's demo login (issue 18, item 4).

One journey per role of docs/first-hour.md, on the demo data (skipped without it), in zh_CN
except the officer's (English). The tours are in static/tests/tours/role_journey_tours.js;
role_tour.py fails a journey on an access error or an error in the server log.
"""

from odoo.tests import tagged

from .role_tour import RoleTourCase


@tagged("post_install", "-at_install")
class TestRoleJourneys(RoleTourCase):
    def test_employee_reads_his_result_in_chinese(self):
        employee = self.demo_user("synergy.demo.sales1")
        self.speak_chinese(employee)
        self.start_role_tour("/odoo", "synergy_role_employee", "synergy.demo.sales1")

    def test_head_reads_an_alert_raises_a_request_the_other_head_answers(self):
        sales_head = self.demo_user("synergy.demo.sales.head")
        production_head = self.demo_user("synergy.demo.production.head")
        self.speak_chinese(sales_head, production_head)
        # The demo's retention alert, which Sales must act on (the demo's alerts are raised
        # by evaluating the rules, they have no ids).
        alert = self.env["synergy.alert"].search(
            [
                ("kpi_id.code", "=", "SYN-RET"),
                ("acting_department_ids", "in", sales_head.employee_ids.department_id.ids),
            ],
            limit=1,
        )
        self.assertEqual(alert.state, "open")
        self.start_role_tour("/odoo", "synergy_role_head_raises", sales_head.login)
        self.assertEqual(alert.state, "acknowledged")
        request = self.env["synergy.request"].search([("name", "=", "请提供退货批次的8D报告")])
        self.assertEqual(request.responding_department_id.name, "Production")
        self.assertEqual(request.requester_id, sales_head)
        self.assertEqual(request.state, "new")
        self.start_role_tour("/odoo", "synergy_role_head_answers", production_head.login)
        self.assertEqual(request.state, "in_progress")

    def test_officer_prepares_the_year_and_closes_a_period_in_english(self):
        officer = self.demo_user("synergy.demo.officer")
        officer.lang = "en_US"
        self.start_role_tour("/odoo", "synergy_role_officer", officer.login)
        january = self.env["synergy.period"].search(
            [("name", "=", "2039-01"), ("company_id", "=", officer.company_id.id)]
        )
        self.assertEqual(january.state, "closed")
        self.assertEqual(january.parent_id.parent_id.name, "2039")

    def test_committee_member_prepares_a_meeting_in_chinese(self):
        member = self.demo_user("synergy.demo.committee")
        self.speak_chinese(member)
        committee = self.env.ref("perf_synergy.synergy_committee_performance")
        meetings = committee.meeting_ids
        self.start_role_tour("/odoo", "synergy_role_committee", member.login)
        meeting = committee.meeting_ids - meetings
        self.assertEqual(len(meeting), 1)
        self.assertTrue(meeting.agenda_ids)

    def test_subsidiary_officer_sees_only_its_company_in_chinese(self):
        officer = self.demo_user("synergy.demo.us.officer")
        self.assertEqual(officer.company_ids, officer.company_id)
        self.speak_chinese(officer)
        self.start_role_tour("/odoo", "synergy_role_subsidiary", officer.login)
        cards = self.env["synergy.scorecard"].with_user(officer).search([])
        self.assertTrue(cards)
        self.assertEqual(cards.company_id, officer.company_id)

    def test_every_login_lands_in_chinese(self):
        """The landing page of every demo login of docs/first-hour.md, in zh_CN."""
        logins = [
            "synergy.demo.officer",
            "synergy.demo.sales2",
            "demo",
            "synergy.demo.product.head",
            "synergy.demo.supply.head",
            "synergy.demo.legal.head",
            "synergy.demo.hr1",
            "synergy.demo.tech1",
            "synergy.demo.finance1",
            "synergy.demo.marketing1",
            "synergy.demo.service1",
            "esg_manager",
        ]
        users = [self.demo_user(login) for login in logins]
        self.speak_chinese(*users)
        for user in users:
            with self.subTest(login=user.login):
                self.start_role_tour("/odoo", "synergy_role_landing", user.login)
