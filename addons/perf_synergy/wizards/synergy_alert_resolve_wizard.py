from odoo import fields, models

from ..tools.write_policy import MANAGER, Allow, untrusted, user_action


class SynergyAlertResolveWizard(models.TransientModel):
    """Asks what was done when *Resolve* is clicked on an alert without a resolution note."""

    _name = "synergy.alert.resolve.wizard"
    _description = "Resolve an Alert"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {"alert_id": Allow(MANAGER), "resolution_note": Allow(MANAGER)}

    alert_id = fields.Many2one("synergy.alert", required=True, ondelete="cascade")
    resolution_note = fields.Text(required=True, help="What was done about the deviation.")

    @user_action(MANAGER)
    def action_resolve(self):
        self.ensure_one()
        # The alert's own write and resolve check who may resolve it: the note is written with
        # the user's rights, not the action's.
        with untrusted():
            self.alert_id.write({"resolution_note": self.resolution_note})
        self.alert_id.action_resolve()
        return {"type": "ir.actions.act_window_close"}
