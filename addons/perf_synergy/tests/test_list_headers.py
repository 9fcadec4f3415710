"""Long Chinese column headers were cut in the lists users read most (issue 18): each list
opens in zh_CN, in the test browser's 1366 px window, with every header whole."""

from odoo.tests import tagged

from .role_tour import RoleTourCase

LISTS = {
    "scorecard lines": "perf_synergy.action_synergy_scorecard_line",
    "KPI values": "perf_synergy.action_synergy_kpi_value",
    "requests": "perf_synergy.action_synergy_request",
    "alerts": "perf_synergy.action_synergy_alert",
}


@tagged("post_install", "-at_install")
class TestListHeaders(RoleTourCase):
    def test_chinese_column_headers_are_whole(self):
        officer = self.demo_user("synergy.demo.officer")
        self.speak_chinese(officer)
        urls = {name: f"/odoo/action-{xmlid}?view_type=list" for name, xmlid in LISTS.items()}
        # The lines of a scorecard, in its form.
        card = self.env["synergy.scorecard"].search(
            [("company_id", "=", officer.company_id.id), ("line_ids", "!=", False)], limit=1
        )
        urls["scorecard form"] = f"/odoo/action-perf_synergy.action_synergy_scorecard/{card.id}"
        for name, url in urls.items():
            with self.subTest(list=name):
                self.start_role_tour(url, "synergy_list_headers", officer.login)
