from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import MANAGER, Allow, user_action

RATINGS = [
    ("1", "1 - Poor"),
    ("2", "2 - Weak"),
    ("3", "3 - Fair"),
    ("4", "4 - Good"),
    ("5", "5 - Excellent"),
]


class SynergyRetrospective(models.Model):
    """A cross-department project review (复盘) on the seed's template: goal clarity, RACI fit,
    information transparency, the synergy KPIs that missed their targets, and lessons that stay
    searchable for the next projects."""

    _name = "synergy.retrospective"
    _description = "Project Retrospective"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _write_policy = {
        "name": Allow(MANAGER, states=("draft",)),
        "company_id": Allow(MANAGER, states=("draft",)),
        "project_id": Allow(MANAGER, states=("draft",)),
        "period_id": Allow(MANAGER, states=("draft",)),
        "date": Allow(MANAGER, states=("draft",)),
        "user_id": Allow(MANAGER, states=("draft",)),
        "goal_clarity": Allow(MANAGER, states=("draft",)),
        "goal_clarity_comment": Allow(MANAGER, states=("draft",)),
        "raci_fit": Allow(MANAGER, states=("draft",)),
        "raci_fit_comment": Allow(MANAGER, states=("draft",)),
        "information_transparency": Allow(MANAGER, states=("draft",)),
        "information_transparency_comment": Allow(MANAGER, states=("draft",)),
        "deviation_ids": Allow(MANAGER, states=("draft",)),
        "lessons": Allow(MANAGER, states=("draft",)),
        "tag_ids": Allow(MANAGER, states=("draft",)),
    }
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    project_id = fields.Many2one(
        "project.project", required=True, index=True, check_company=True, tracking=True
    )
    period_id = fields.Many2one(
        "synergy.period",
        check_company=True,
        tracking=True,
        help="The period whose synergy KPIs are reviewed.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Facilitator", default=lambda self: self.env.user, tracking=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Participants",
        check_company=True,
        compute="_compute_department_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="Departments of the project; proposed from its RACI matrices.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Done")],
        required=True,
        default="draft",
        tracking=True,
    )
    goal_clarity = fields.Selection(RATINGS, help="Were the goals clear and shared by all?")
    goal_clarity_comment = fields.Text(string="Goal Clarity Comments")
    raci_fit = fields.Selection(
        RATINGS, string="RACI Fit", help="Did responsibilities match the RACI matrix?"
    )
    raci_fit_comment = fields.Text(string="RACI Fit Comments")
    information_transparency = fields.Selection(
        RATINGS, help="Was information shared in time between departments?"
    )
    information_transparency_comment = fields.Text(string="Information Transparency Comments")
    average_rating = fields.Float(compute="_compute_average_rating", store=True, aggregator="avg")
    deviation_ids = fields.One2many(
        "synergy.retrospective.deviation",
        "retrospective_id",
        string="Synergy KPI Deviations",
        copy=False,
    )
    deviation_count = fields.Integer(compute="_compute_deviation_count")
    lessons = fields.Html(string="Lessons Learned")
    tag_ids = fields.Many2many(
        "project.tags",
        "synergy_retrospective_project_tags_rel",
        "retrospective_id",
        "tag_id",
        string="Tags",
    )

    @api.depends("project_id")
    def _compute_department_ids(self):
        matrices = self.env["synergy.raci.matrix"].search(
            [("project_id", "in", self.project_id.ids)]
        )
        for retrospective in self:
            if retrospective.department_ids or not retrospective.project_id:
                retrospective.department_ids = retrospective.department_ids
                continue
            retrospective.department_ids = matrices.filtered(
                lambda m, p=retrospective.project_id: m.project_id == p
            ).department_ids

    @api.depends("goal_clarity", "raci_fit", "information_transparency")
    def _compute_average_rating(self):
        for retrospective in self:
            ratings = [
                int(rating)
                for rating in (
                    retrospective.goal_clarity,
                    retrospective.raci_fit,
                    retrospective.information_transparency,
                )
                if rating
            ]
            retrospective.average_rating = sum(ratings) / len(ratings) if ratings else 0.0

    @api.depends("deviation_ids")
    def _compute_deviation_count(self):
        for retrospective in self:
            retrospective.deviation_count = len(retrospective.deviation_ids)

    @user_action(MANAGER)
    def action_fill(self):
        """Replace the deviations with the synergy KPI lines of the participants' department
        scorecards of the period that score under 100."""
        for retrospective in self:
            if retrospective.state == "done":
                raise UserError(
                    self.env._("Retrospective %s is done: reopen it first.", retrospective.name)
                )
            if not retrospective.period_id or not retrospective.department_ids:
                raise UserError(
                    self.env._(
                        "Retrospective %s: choose the period and the participating departments "
                        "first.",
                        retrospective.name,
                    )
                )
            # A retrospective is cross-department: its facilitator sees the deviations of every
            # participant, even outside their own department tree.
            lines = (
                self.env["synergy.scorecard.line"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", retrospective.company_id.id),
                        ("is_synergy", "=", True),
                        ("owner_level", "=", "department"),
                        ("period_id", "=", retrospective.period_id.id),
                        ("department_id", "in", retrospective.department_ids.ids),
                        ("score", "<", 100),
                    ],
                    order="score, id",
                )
            )
            retrospective.deviation_ids.unlink()
            retrospective.write(
                {
                    "deviation_ids": [
                        (
                            0,
                            0,
                            {
                                "line_id": line.id,
                                "kpi_id": line.kpi_id.id,
                                "department_id": line.department_id.id,
                                "target": line.target,
                                "actual": line.actual,
                                "has_actual": line.has_actual,
                                "score": line.score,
                            },
                        )
                        for line in lines
                    ]
                }
            )
        return True

    @user_action(MANAGER)
    def action_done(self):
        self.write({"state": "done"})
        return True

    @user_action(MANAGER)
    def action_reopen(self):
        self.write({"state": "draft"})
        return True
