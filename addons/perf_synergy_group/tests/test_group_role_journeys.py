"""The group controller's first day in the browser (issue 18, item 4), in zh_CN on the demo
data, as the demo's controller: lands on the group dashboard, computes and approves the
year's consolidation run."""

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
