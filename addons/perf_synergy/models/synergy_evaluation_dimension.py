from odoo import fields, models

from ..tools.write_policy import OFFICER, Allow


class SynergyEvaluationDimension(models.Model):
    """A question of an evaluation campaign, rated 1-5 (e.g. responsiveness, quality)."""

    _name = "synergy.evaluation.dimension"
    _description = "Evaluation Dimension"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "campaign_id.state"
    _lock_states = ("closed",)
    _write_policy = {
        "campaign_id": Allow(OFFICER, states=("draft",)),
        "sequence": Allow(OFFICER, states=("draft",)),
        "name": Allow(OFFICER, states=("draft",)),
        "description": Allow(OFFICER, states=("draft",)),
    }
    _order = "campaign_id, sequence, id"

    campaign_id = fields.Many2one(
        "synergy.evaluation.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="What a 1 and a 5 mean for this question.")
