from odoo import fields, models


class SynergyAlertResolveWizard(models.TransientModel):
    """Asks what was done when *Resolve* is clicked on an alert without a resolution note."""

    _name = "synergy.alert.resolve.wizard"
    _description = "Resolve an Alert"

    alert_id = fields.Many2one("synergy.alert", required=True, ondelete="cascade")
    resolution_note = fields.Text(required=True, help="What was done about the deviation.")

    def action_resolve(self):
        self.ensure_one()
        # The alert's own write and resolve check who may resolve it.
        self.alert_id.write({"resolution_note": self.resolution_note})
        self.alert_id.action_resolve()
        return {"type": "ir.actions.act_window_close"}
