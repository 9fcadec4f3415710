from odoo import api, fields, models

from ..engine.diagnosis import DIMENSIONS, MECHANISMS, dimension_scores


class SynergyDiagnosisScore(models.Model):
    """The score of one dimension of a diagnosis, 0-100: the mean rating mapped from 1-5.
    Stored, so that diagnoses compare in graphs and pivots."""

    _name = "synergy.diagnosis.score"
    _description = "Six-Gap Diagnosis Score"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "diagnosis_id.state"
    _lock_states = ("done",)
    _order = "diagnosis_id, sequence, id"
    _rec_name = "dimension"

    diagnosis_id = fields.Many2one(
        "synergy.diagnosis", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="diagnosis_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="diagnosis_id.department_id", store=True)
    project_id = fields.Many2one(related="diagnosis_id.project_id", store=True)
    diagnosis_date = fields.Date(related="diagnosis_id.date", store=True)
    dimension = fields.Selection(selection=list(DIMENSIONS), required=True)
    sequence = fields.Integer(compute="_compute_score", store=True)
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg")
    mean_rating = fields.Float(compute="_compute_score", store=True, aggregator="avg")
    answer_count = fields.Integer(string="Ratings", compute="_compute_score", store=True)
    scored = fields.Boolean(
        compute="_compute_score",
        store=True,
        help="Rated by at least the diagnosis's minimum number of respondents: below it the "
        "score, mean and weakness stay empty, so that nobody reads a few people's ratings.",
    )
    is_weak = fields.Boolean(string="Weak", compute="_compute_score", store=True)
    mechanisms = fields.Char(
        compute="_compute_score",
        store=True,
        help="The mechanisms of Performance Synergy that address this dimension.",
    )

    _unique_dimension = models.UniqueIndex(
        "(diagnosis_id, dimension)", "A diagnosis scores each dimension once."
    )

    @api.depends(
        "dimension",
        "diagnosis_id.answer_ids.rating",
        "diagnosis_id.answer_ids.dimension",
        "diagnosis_id.weak_threshold",
        "diagnosis_id.min_ratings",
    )
    def _compute_score(self):
        order = {key: index for index, (key, _label) in enumerate(DIMENSIONS)}
        for record in self:
            ratings = [
                (answer.dimension, int(answer.rating))
                for answer in record.diagnosis_id.answer_ids
                if answer.rating and answer.dimension == record.dimension
            ]
            minimum = max(record.diagnosis_id.min_ratings, 1)
            score = (
                dimension_scores(ratings, min_ratings=minimum)[record.dimension]
                if record.dimension
                else None
            )
            record.sequence = order.get(record.dimension, 0)
            record.answer_count = len(ratings)
            record.scored = score is not None
            record.mean_rating = (
                sum(rating for _key, rating in ratings) / len(ratings) if score is not None else 0.0
            )
            record.score = score or 0.0
            record.is_weak = score is not None and score < record.diagnosis_id.weak_threshold
            record.mechanisms = ", ".join(MECHANISMS.get(record.dimension, ()))
