from odoo import fields, models

from ..tools.write_policy import USER, Allow, untrusted, user_action


class SynergyRequestAcceptWizard(models.TransientModel):
    """Asks for the rating of a delivery when *Accept* is clicked on an unrated request."""

    _name = "synergy.request.accept.wizard"
    _description = "Rate and Accept a Request"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {"request_id": Allow(USER), "rating": Allow(USER)}

    request_id = fields.Many2one("synergy.request", required=True, ondelete="cascade")
    rating = fields.Selection(
        selection=[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        required=True,
        help="How well the delivery answered the request, from 1 (poorly) to 5 (fully).",
    )

    @user_action(USER)
    def action_accept(self):
        self.ensure_one()
        # The request's own write and accept check who may rate and accept it: the rating is
        # written with the user's rights, not the action's.
        with untrusted():
            self.request_id.write({"rating": self.rating})
        self.request_id.action_accept()
        return {"type": "ir.actions.act_window_close"}
