from odoo import fields, models


class SynergyEsgRejectWizard(models.TransientModel):
    """Reason of a rejection: the supplier reads it on the portal."""

    _name = "synergy.esg.reject.wizard"
    _description = "Reject ESG Report"

    report_ids = fields.Many2many("synergy.esg.report", string="Reports", required=True)
    reason = fields.Text(required=True, help="What the supplier must correct; they read it.")

    def action_reject(self):
        self.ensure_one()
        self.report_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
