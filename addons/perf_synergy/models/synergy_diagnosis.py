from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.diagnosis import (
    DIMENSIONS,
    MECHANISMS,
    MIN_RATINGS,
    WEAK_THRESHOLD,
    recommendations,
)
from ..tools.write_policy import OFFICER, USER, Allow, user_action


class SynergyDiagnosis(models.Model):
    """The six-gap self-assessment (六大不 plus culture and trust) of a department or a project:
    every respondent rates every dimension 1-5, each dimension scores 0-100, and the weak
    dimensions point to the mechanisms of the product that address them."""

    _name = "synergy.diagnosis"
    _description = "Six-Gap Diagnosis"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _write_policy = {
        "name": Allow(OFFICER, states=("draft",)),
        "company_id": Allow(OFFICER, states=("draft",)),
        "date": Allow(OFFICER, states=("draft",)),
        "subject": Allow(OFFICER, states=("draft",)),
        "department_id": Allow(OFFICER, states=("draft",)),
        "project_id": Allow(OFFICER, states=("draft",)),
        "respondent_ids": Allow(OFFICER, states=("draft",)),
        "weak_threshold": Allow(OFFICER, states=("draft", "open")),
        "min_ratings": Allow(OFFICER, states=("draft",)),
    }
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    subject = fields.Selection(
        selection=[("department", "Department"), ("project", "Project")],
        string="Diagnosed",
        required=True,
        default="department",
    )
    department_id = fields.Many2one("hr.department", check_company=True, tracking=True)
    project_id = fields.Many2one("project.project", check_company=True, tracking=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("open", "Collecting Answers"), ("done", "Closed")],
        required=True,
        default="draft",
        tracking=True,
    )
    respondent_ids = fields.Many2many("res.users", string="Respondents")
    answer_ids = fields.One2many("synergy.diagnosis.answer", "diagnosis_id", string="Answers")
    score_ids = fields.One2many(
        "synergy.diagnosis.score", "diagnosis_id", string="Scores", readonly=True
    )
    overall_score = fields.Float(compute="_compute_overall_score", store=True, aggregator="avg")
    answered_count = fields.Integer(
        string="Respondents Done",
        compute="_compute_answered_count",
        compute_sudo=True,
        help="Respondents who rated every dimension.",
    )
    # Drawn by the synergy_radar widget (Chart.js).
    radar = fields.Json(compute="_compute_radar")
    recommendation = fields.Text(compute="_compute_radar")
    weak_threshold = fields.Float(
        aggregator=None, default=WEAK_THRESHOLD, help="Dimensions under it are weak."
    )
    min_ratings = fields.Integer(
        string="Minimum Ratings",
        aggregator=None,
        default=MIN_RATINGS,
        help="A dimension is scored once this many respondents rated it: fewer ratings would "
        "let anyone who reads the diagnosis work out how its few respondents answered.",
    )

    _min_ratings_positive = models.Constraint(
        "CHECK (min_ratings >= 1)",
        "A dimension needs at least one rating to be scored: set the minimum ratings to 1 or more.",
    )

    @api.constrains("subject", "department_id", "project_id")
    def _check_subject(self):
        for diagnosis in self:
            if diagnosis.subject == "department" and not diagnosis.department_id:
                raise ValidationError(
                    self.env._("Diagnosis %s: choose the department diagnosed.", diagnosis.name)
                )
            if diagnosis.subject == "project" and not diagnosis.project_id:
                raise ValidationError(
                    self.env._("Diagnosis %s: choose the project diagnosed.", diagnosis.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        diagnoses = super().create(vals_list)
        self.env["synergy.diagnosis.score"].sudo().create(
            [
                {"diagnosis_id": diagnosis.id, "dimension": key}
                for diagnosis in diagnoses
                for key, _label in DIMENSIONS
            ]
        )
        return diagnoses

    @api.depends("score_ids.score", "score_ids.scored")
    def _compute_overall_score(self):
        for diagnosis in self:
            rated = diagnosis.score_ids.filtered("scored")
            diagnosis.overall_score = sum(rated.mapped("score")) / len(rated) if rated else 0.0

    @api.depends("answer_ids.rating", "answer_ids.respondent_id")
    def _compute_answered_count(self):
        for diagnosis in self:
            pending = diagnosis.answer_ids.filtered(lambda a: not a.rating).respondent_id
            diagnosis.answered_count = len(diagnosis.answer_ids.respondent_id - pending)

    def _scores(self):
        self.ensure_one()
        return {score.dimension: score.score if score.scored else None for score in self.score_ids}

    @api.depends(
        "score_ids.score",
        "score_ids.scored",
        "score_ids.answer_count",
        "weak_threshold",
        "min_ratings",
    )
    @api.depends_context("lang")
    def _compute_radar(self):
        labels = dict(
            self.env["synergy.diagnosis.score"]
            ._fields["dimension"]
            ._description_selection(self.env)
        )
        for diagnosis in self:
            scores = diagnosis._scores()
            diagnosis.radar = diagnosis._radar_data(scores, labels)
            diagnosis.recommendation = diagnosis._recommendation_text(scores, labels)

    def _radar_data(self, scores, labels):
        """The radar's data: each dimension's stored score (None when nobody rated it), in
        the radar's order, with the weak threshold and the mechanisms of weak dimensions."""
        self.ensure_one()
        weak = {key for key, _score, _mechanisms in recommendations(scores, self.weak_threshold)}
        counts = {score.dimension: score.answer_count for score in self.score_ids}
        return {
            "threshold": self.weak_threshold,
            "overall_score": self.overall_score,
            "min_ratings": self.min_ratings,
            "dimensions": [
                {
                    "key": key,
                    "label": labels.get(key, key),
                    "score": scores[key] if scores.get(key) is not None else False,
                    "answer_count": counts.get(key, 0),
                    # rated, but by fewer respondents than the minimum: no score shown
                    "insufficient": bool(counts.get(key)) and scores.get(key) is None,
                    "weak": key in weak,
                    "mechanisms": list(MECHANISMS[key]) if key in weak else [],
                }
                for key, _label in DIMENSIONS
            ],
        }

    def _recommendation_text(self, scores, labels):
        if not any(score is not None for score in scores.values()):
            if any(self.score_ids.mapped("answer_count")):
                return self.env._(
                    "Not enough ratings yet: a dimension is scored once %s respondents rated it.",
                    self.min_ratings,
                )
            return self.env._("No answer yet.")
        weak = recommendations(scores, self.weak_threshold)
        if not weak:
            return self.env._(
                "No dimension scores under %s: keep the mechanisms in place and diagnose again "
                "next year.",
                f"{self.weak_threshold:g}",
            )
        return "\n".join(
            self.env._(
                "%(dimension)s (%(score)s/100): %(mechanisms)s",
                dimension=labels[key],
                score=f"{score:.0f}",
                mechanisms=", ".join(mechanisms),
            )
            for key, score, mechanisms in weak
        )

    @user_action(OFFICER)
    def action_open(self):
        """Send the questionnaire: one answer per respondent and dimension."""
        for diagnosis in self:
            if diagnosis.state != "draft":
                raise UserError(self.env._("Diagnosis %s is already open.", diagnosis.name))
            if not diagnosis.respondent_ids:
                raise UserError(
                    self.env._("Diagnosis %s needs at least one respondent.", diagnosis.name)
                )
        self._create_missing_answers()
        self.write({"state": "open"})
        for diagnosis in self:
            for user in diagnosis.respondent_ids:
                diagnosis.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=self.env._("Rate the six gaps of %s", diagnosis.name),
                )
        return True

    def _create_missing_answers(self):
        Answer = self.env["synergy.diagnosis.answer"]
        vals_list = []
        for diagnosis in self:
            existing = {(a.respondent_id, a.dimension) for a in diagnosis.answer_ids}
            vals_list += [
                {"diagnosis_id": diagnosis.id, "respondent_id": user.id, "dimension": key}
                for user in diagnosis.respondent_ids
                for key, _label in DIMENSIONS
                if (user, key) not in existing
            ]
        return Answer.create(vals_list)

    # Closing locks the scores: the ratings given until now are scored before (unlocks).
    @user_action(OFFICER, unlocks=True)
    def action_close(self):
        self.filtered(lambda d: d.state == "open").write({"state": "done"})
        self.activity_ids.action_feedback()
        return True

    @user_action(OFFICER)
    def action_reset(self):
        self.write({"state": "draft"})
        return True

    @user_action(USER)
    def action_my_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My answers to %s", self.name),
            "res_model": "synergy.diagnosis.answer",
            "view_mode": "list",
            "domain": [("diagnosis_id", "=", self.id), ("respondent_id", "=", self.env.uid)],
            "context": {"create": False},
        }
