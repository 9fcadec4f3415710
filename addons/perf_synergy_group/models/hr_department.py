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
            parent = self.env["synergy.group.entity"].search_count(
                [("company_id", "=", self.env.company.id), ("child_ids", "!=", False)], limit=1
            )
            if parent:
                return self.env["ir.actions.act_window"]._for_xml_id(
                    "perf_synergy_group.action_synergy_group_dashboard"
                )
        return super().action_synergy_landing()
