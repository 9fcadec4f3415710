from odoo import fields, models
from odoo.exceptions import UserError

RATINGS = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


class SynergyEvaluationResponseLine(models.Model):
    _name = "synergy.evaluation.response.line"
    _description = "Evaluation Rating"
    _order = "response_id, sequence, id"

    response_id = fields.Many2one(
        "synergy.evaluation.response", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="response_id.company_id", store=True)
    evaluator_id = fields.Many2one(related="response_id.evaluator_id", store=True, index=True)
    dimension_id = fields.Many2one("synergy.evaluation.dimension", required=True, readonly=True)
    sequence = fields.Integer(related="dimension_id.sequence", store=True)
    name = fields.Char(related="dimension_id.name")
    description = fields.Char(related="dimension_id.description")
    rating = fields.Selection(selection=RATINGS, help="1 = very poor ... 5 = excellent")

    def write(self, vals):
        if not self.env.su and self.response_id.filtered(lambda r: r.state != "pending"):
            raise UserError(self.env._("A submitted evaluation cannot be changed."))
        return super().write(vals)
