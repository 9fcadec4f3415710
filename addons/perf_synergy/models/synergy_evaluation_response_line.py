from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from ..tools.write_policy import USER, Allow

# "0" is "not rated yet": the star widget shows the other five values as 1-5 stars.
_lt = LazyTranslate(__name__)


RATINGS = [
    ("0", "Not Rated"),
    ("1", "Very Poor"),
    ("2", "Poor"),
    ("3", "Fair"),
    ("4", "Good"),
    ("5", "Excellent"),
]


class SynergyEvaluationResponseLine(models.Model):
    _name = "synergy.evaluation.response.line"
    _description = "Evaluation Rating"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "response_id.state"
    _write_policy = {
        "rating": Allow(
            USER, states=("pending",), when="_policy_own_line", who=_lt("the evaluator")
        ),
    }
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
    rating = fields.Selection(
        selection=RATINGS, default="0", required=True, help="1 = very poor ... 5 = excellent"
    )

    def _policy_own_line(self):
        """The rating lines of the current user's own responses."""
        return self.filtered(lambda line: line.response_id.evaluator_id == self.env.user)

    def write(self, vals):
        if "rating" in vals and vals["rating"] not in dict(RATINGS):
            # Forms only offer the stars; the API and imports can send anything.
            raise ValidationError(
                self.env._(
                    "A rating goes from 1 (very poor) to 5 (excellent): %s is not one.",
                    str(vals["rating"])[:20],
                )
            )
        return super().write(vals)
