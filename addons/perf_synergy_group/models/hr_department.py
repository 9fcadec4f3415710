from odoo import api, models
from odoo.addons.perf_synergy.tools.write_policy import USER, user_action


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model
    @user_action(USER)
    def action_synergy_landing(self):
        """A group controller working in a group's parent company lands on the group
        dashboard; in any other company, on that company's page as before."""
        if self.env.user.has_group("perf_synergy_group.group_synergy_group_controller"):
            if self.env["synergy.dashboard.group"]._group_root():
                return self.env["synergy.dashboard.group"]._dashboard_client_action()
        return super().action_synergy_landing()
