from odoo import api, models
from odoo.addons.perf_synergy.tools.write_policy import USER, user_action


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model
    @user_action(USER)
    def action_synergy_landing(self):
        """A buyer (ESG User without a department to run) lands on the Supplier ESG dashboard,
        not on an empty list of scorecards."""
        user = self.env.user
        if user.has_group("perf_synergy_esg.group_esg_user") and not user.has_group(
            "perf_synergy.group_synergy_manager"
        ):
            return self.env["synergy.dashboard.esg"]._dashboard_client_action()
        return super().action_synergy_landing()
