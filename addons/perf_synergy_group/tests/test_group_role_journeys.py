"""The group controller's first day in the browser (issues 18 and 20), in zh_CN on the demo
data, as the demo's controller: lands on the group dashboard, switches its period, follows a
figure to its records and back, computes and approves the year's consolidation run and finds
it on the dashboard; working in a subsidiary, the dashboard says so and switches to the
parent company."""

from odoo.addons.perf_synergy.tests.role_tour import RoleTourCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestGroupRoleJourneys(RoleTourCase):
    def test_group_controller_computes_and_approves_a_run_in_chinese(self):
        controller = self.demo_user("synergy.demo.group.controller")
        self.speak_chinese(controller)
        # The demo's year run (its quarter run is approved already).
        run = self.env["synergy.consolidation.run"].search(
            [("name", "=like", "Consolidation %"), ("state", "=", "draft")]
        )
        self.assertEqual(len(run), 1)
        self.start_role_tour("/odoo", "synergy_role_group_controller", controller.login)
        self.assertEqual(run.state, "approved")
        self.assertTrue(run.total_line_ids)

    def test_group_controller_in_a_subsidiary_switches_to_the_holding(self):
        controller = self.demo_user("synergy.demo.group.controller")
        self.speak_chinese(controller)
        # He works in Synergy America today: the dashboard opens there.
        controller.company_id = self.env.ref("perf_synergy_group.company_us")
        self.start_role_tour(
            "/odoo/action-perf_synergy_group.action_synergy_dashboard_group",
            "synergy_role_group_outside_holding",
            controller.login,
        )
