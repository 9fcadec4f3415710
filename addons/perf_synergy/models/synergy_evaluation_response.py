from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..tools.write_policy import OFFICER, USER, Allow, user_action

_lt = LazyTranslate(__name__)


OUTLIER_REASONS = [
    ("all_min", "All ratings at the minimum"),
    ("all_max", "All ratings at the maximum"),
    ("far_from_median", "Two points or more from the median of the others"),
]


class SynergyEvaluationResponse(models.Model):
    """One evaluator's answer about one target. Only the evaluator and the performance office
    can read it (record rules); the evaluated side sees aggregates only."""

    _name = "synergy.evaluation.response"
    _description = "Evaluation Response"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _write_policy = {
        "line_ids": Allow(
            USER, states=("pending",), when="_policy_own_response", who=_lt("the evaluator")
        ),
        "comment": Allow(
            USER, states=("pending",), when="_policy_own_response", who=_lt("the evaluator")
        ),
        "review_reason": Allow(OFFICER),
    }
    _order = "campaign_id, target_id, id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "synergy.evaluation.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    campaign_type = fields.Selection(related="campaign_id.campaign_type")
    deadline = fields.Date(related="campaign_id.date_deadline")
    target_id = fields.Many2one(
        "synergy.evaluation.target", required=True, index=True, ondelete="cascade"
    )
    target_name = fields.Char(related="target_id.name", string="Evaluated")
    evaluator_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    evaluator_role = fields.Selection(
        selection=[
            ("customer", "Internal Customer"),
            ("front", "Front Office"),
            ("peer", "Peer"),
            ("participant", "Project Participant"),
            ("line_manager", "Line Manager"),
            ("project_manager", "Project Manager"),
        ],
        readonly=True,
    )
    state = fields.Selection(
        selection=[("pending", "To Fill"), ("submitted", "Submitted")],
        default="pending",
        required=True,
        readonly=True,
    )
    line_ids = fields.One2many("synergy.evaluation.response.line", "response_id", string="Answers")
    comment = fields.Text()
    mean = fields.Float(compute="_compute_mean", store=True, digits=(4, 2), aggregator="avg")
    outlier_reason = fields.Selection(selection=OUTLIER_REASONS, readonly=True)
    review = fields.Selection(
        selection=[
            ("none", "Not Needed"),
            ("pending", "To Review"),
            ("kept", "Kept"),
            ("excluded", "Excluded"),
        ],
        default="none",
        required=True,
        readonly=True,
    )
    review_reason = fields.Char(help="Why the officer keeps or excludes a flagged response.")

    @api.depends("line_ids.rating")
    def _compute_mean(self):
        for response in self:
            ratings = response._ratings()
            response.mean = sum(ratings) / len(ratings) if ratings else 0.0

    def _policy_own_response(self):
        """The responses the current user gives: nobody fills in another evaluator's answer,
        officers included."""
        return self.filtered(lambda r: r.evaluator_id == self.env.user)

    @api.constrains("campaign_id", "target_id", "evaluator_id")
    def _check_campaign_not_started(self):
        # Responses are created while their campaign is a draft (action_open): moving one to
        # another target or evaluator afterwards would show it to the evaluated person.
        # Constraints run as superuser: nobody is exempt; the product creates responses while
        # the campaign is still a draft.
        started = self.filtered(lambda r: r.campaign_id.state != "draft")
        if started:
            raise ValidationError(
                self.env._(
                    "The response of %(evaluator)s in campaign %(campaign)s belongs to its "
                    "evaluator and evaluated side for good: it cannot be moved.",
                    evaluator=started[0].evaluator_id.name,
                    campaign=started[0].campaign_id.name,
                )
            )

    def init(self):
        # Responses have no followers (see _message_subscribe): drop the ones subscribed
        # before, which named every response's evaluator to any internal user.
        self.env.cr.execute("DELETE FROM mail_followers WHERE res_model = %s", [self._name])
        return super().init()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # mail.followers is readable by every internal user: a follower of a response (its
        # evaluator, subscribed by the to-do or by posting) would name who rated whom.
        return True

    def _ratings(self):
        self.ensure_one()
        return [int(r) for r in self.line_ids.mapped("rating") if r and r != "0"]

    @user_action(USER)
    def action_submit(self):
        for response in self:
            if response.evaluator_id != self.env.user and not self.env.su:
                raise AccessError(self.env._("Only the evaluator can submit this evaluation."))
            if response.state != "pending":
                raise UserError(
                    self.env._("The evaluation of %s is already submitted.", response.target_name)
                )
            if response.campaign_id.state != "open":
                raise UserError(
                    self.env._("Campaign %s is not open for answers.", response.campaign_id.name)
                )
            missing = response.line_ids.filtered(lambda line: line.rating in (False, "0"))
            if missing:
                raise ValidationError(
                    self.env._(
                        "Rate every question from 1 to 5 before submitting; missing: %s.",
                        ", ".join(missing.mapped("name")),
                    )
                )
        self.write({"state": "submitted", "review": "none"})
        # Participation only: the evaluated side is not logged, to keep answers anonymous.
        self.env["synergy.event"]._log(
            self,
            "evaluation_given",
            user_id=lambda r: r.evaluator_id.id,
            department_id=lambda r: r.evaluator_id.sudo().employee_id.department_id.id,
            res_model="synergy.evaluation.campaign",
            res_id=lambda r: r.campaign_id.id,
        )
        self.sudo().activity_ids.action_done()
        self.target_id.sudo()._flag_outliers()
        return True

    def _review(self, decision):
        if not self.env.user.has_group("perf_synergy.group_synergy_officer"):
            raise UserError(self.env._("Only a Synergy Officer reviews outliers."))
        for response in self:
            if not (response.review_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write the reason to keep or exclude the response about %s first.",
                        response.target_name,
                    )
                )
        self.write({"review": decision})

    @user_action(OFFICER)
    def action_keep(self):
        self._review("kept")
        return True

    @user_action(OFFICER)
    def action_exclude(self):
        self._review("excluded")
        return True
