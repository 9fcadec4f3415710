from odoo import api, fields, models
from odoo.tools import LazyTranslate

from ..engine.diagnosis import DIMENSIONS
from ..tools.write_policy import USER, Allow

_lt = LazyTranslate(__name__)


RATINGS = [
    ("1", "1 - Severe Gap"),
    ("2", "2 - Clear Gap"),
    ("3", "3 - Partly"),
    ("4", "4 - Minor Gap"),
    ("5", "5 - No Gap"),
]


class SynergyDiagnosisAnswer(models.Model):
    """One respondent's rating of one dimension of a diagnosis (5 = no gap)."""

    _name = "synergy.diagnosis.answer"
    _description = "Six-Gap Diagnosis Answer"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "diagnosis_id.state"
    _lock_states = ("done",)
    _write_policy = {
        "rating": Allow(
            USER, states=("open",), when="_policy_own_answer", who=_lt("the respondent")
        ),
        "comment": Allow(
            USER, states=("open",), when="_policy_own_answer", who=_lt("the respondent")
        ),
    }
    _order = "diagnosis_id, respondent_id, sequence, id"
    _rec_name = "dimension"

    diagnosis_id = fields.Many2one(
        "synergy.diagnosis", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="diagnosis_id.company_id", store=True, index=True)
    diagnosis_state = fields.Selection(related="diagnosis_id.state", string="Diagnosis Status")
    respondent_id = fields.Many2one(
        "res.users", required=True, index=True, default=lambda self: self.env.user
    )
    dimension = fields.Selection(selection=list(DIMENSIONS), required=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    rating = fields.Selection(selection=RATINGS, help="5 = no gap at all, 1 = a severe gap.")
    comment = fields.Char()

    _unique_answer = models.UniqueIndex(
        "(diagnosis_id, respondent_id, dimension)",
        "A respondent rates each dimension of a diagnosis once.",
    )

    @api.depends("dimension")
    def _compute_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(DIMENSIONS)}
        for answer in self:
            answer.sequence = order.get(answer.dimension, 0)

    def _policy_own_answer(self):
        """The answers of the current user: nobody answers in another respondent's name."""
        return self.filtered(lambda a: a.respondent_id == self.env.user)

    def _synergy_lock_hint(self):
        return self.env._("Its diagnosis is closed: its answers cannot change.")
