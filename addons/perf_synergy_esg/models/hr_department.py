from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model
    def action_synergy_landing(self):
        """A buyer (ESG User without a department to run) lands on the supplier ESG reports
        he follows, not on an empty list of scorecards."""
        user = self.env.user
        if user.has_group("perf_synergy_esg.group_esg_user") and not user.has_group(
            "perf_synergy.group_synergy_manager"
        ):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "perf_synergy_esg.action_esg_report"
            )
        return super().action_synergy_landing()
