from odoo import fields, models


class SynergyEvaluationResponse(models.Model):
    _inherit = "synergy.evaluation.response"

    evaluator_role = fields.Selection(
        selection_add=[("subsidiary", "Subsidiary")], ondelete={"subsidiary": "set null"}
    )
