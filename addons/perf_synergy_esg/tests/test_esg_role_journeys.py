"""The procurement side's first day in the browser (issues 18 and 20), on the demo data: in
zh_CN the buyer lands on the Supplier ESG dashboard, approves from it his review of Huadong's
submitted Q3 report and the ESG manager validates it; in English the buyer switches the
dashboard's period, follows a figure to its records and comes back. The supplier filling and
submitting every theme is test_esg_portal's tour."""

from odoo.addons.perf_synergy.tests.role_tour import RoleTourCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestEsgRoleJourneys(RoleTourCase):
    def test_buyer_reviews_and_esg_manager_validates_in_chinese(self):
        buyer = self.demo_user("esg_buyer")
        manager = self.demo_user("esg_manager")
        self.speak_chinese(buyer, manager)
        report = self.env["synergy.esg.report"].search(
            [("state", "=", "submitted"), ("partner_id.name", "ilike", "Huadong")]
        )
        self.assertEqual(len(report), 1)
        self.start_role_tour("/odoo", "synergy_role_esg_buyer", buyer.login)
        self.assertTrue(report.review_ids)
        self.assertEqual(set(report.review_ids.mapped("status")), {"approved"})
        url = "/odoo/action-perf_synergy_esg.action_esg_report"
        self.start_role_tour(url, "synergy_role_esg_manager", manager.login)
        self.assertEqual(report.state, "validated")

    def test_buyer_dashboard_in_english(self):
        buyer = self.demo_user("esg_buyer")
        buyer.lang = "en_US"
        self.start_role_tour("/odoo", "synergy_role_esg_buyer_dashboard", buyer.login)
