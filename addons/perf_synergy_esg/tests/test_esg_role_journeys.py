"""The procurement side's first day in the browser (issue 18, item 4), in zh_CN on the demo
data: the buyer approves his review of Huadong's submitted Q3 report and the ESG manager
validates it. The supplier filling and submitting every theme is test_esg_portal's tour."""

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
        url = "/odoo/action-perf_synergy_esg.action_esg_report"
        self.start_role_tour(url, "synergy_role_esg_buyer", buyer.login)
        self.assertTrue(report.review_ids)
        self.assertEqual(set(report.review_ids.mapped("status")), {"approved"})
        self.start_role_tour(url, "synergy_role_esg_manager", manager.login)
        self.assertEqual(report.state, "validated")
