from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_USER, Allow, user_action


class SynergyEsgRejectWizard(models.TransientModel):
    """Reason of a rejection: the supplier reads it on the portal."""

    _name = "synergy.esg.reject.wizard"
    _description = "Reject ESG Report"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "report_ids": Allow(ESG_USER),
        "reason": Allow(ESG_USER),
    }

    report_ids = fields.Many2many("synergy.esg.report", string="Reports", required=True)
    reason = fields.Text(required=True, help="What the supplier must correct; they read it.")

    @user_action(ESG_USER)
    def action_reject(self):
        self.ensure_one()
        self.report_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
