from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow


class SynergyInterlockMember(models.Model):
    _name = "synergy.interlock.member"
    _description = "Interlocked KPI Member"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "interlock_id.state"
    _lock_states = ("closed",)
    _write_policy = {
        "interlock_id": Allow(OFFICER, states=("draft",)),
        "department_id": Allow(OFFICER, states=("draft",)),
        "role": Allow(OFFICER, states=("draft",)),
        "share": Allow(OFFICER, states=("draft",)),
        "mode": Allow(OFFICER, states=("draft",)),
        "weight": Allow(OFFICER, states=("draft",)),
        "review_threshold": Allow(OFFICER, states=("draft",)),
        "reward_share": Allow(OFFICER, states=("draft",)),
        "penalty_share": Allow(OFFICER, states=("draft",)),
    }
    _order = "interlock_id, share desc"
    _check_company_auto = True

    interlock_id = fields.Many2one(
        "synergy.interlock", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="interlock_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, check_company=True)
    role = fields.Selection(
        selection=[("lead", "Lead"), ("collaborate", "Collaborate"), ("support", "Support")],
        required=True,
        default="collaborate",
    )
    share = fields.Float(string="Responsibility Share (%)", aggregator=None)
    mode = fields.Selection(
        selection=[("scored", "Scored"), ("reference", "Reference Only")],
        required=True,
        default="scored",
        help="Reference: the KPI shows in the scorecard with weight 0; a review is triggered "
        "when its score falls under the threshold.",
    )
    weight = fields.Float(string="Scorecard Weight", aggregator=None)
    review_threshold = fields.Float(default=60.0, aggregator=None)
    reward_share = fields.Float(string="Reward Share (%)", aggregator=None)
    penalty_share = fields.Float(string="Penalty Share (%)", aggregator=None)
    line_id = fields.Many2one("synergy.scorecard.line", readonly=True, copy=False)
    score = fields.Float(related="line_id.score")
    currency_id = fields.Many2one(related="interlock_id.currency_id")
    reward_value = fields.Monetary(compute="_compute_payout")
    penalty_value = fields.Monetary(compute="_compute_payout")
    department_interlock_count = fields.Integer(compute="_compute_department_interlock_count")

    _unique_member = models.Constraint(
        "UNIQUE(interlock_id, department_id)", "A department is a member of an interlock once."
    )

    @api.depends("interlock_id.outcome", "reward_share", "penalty_share")
    def _compute_payout(self):
        for interlock in self.interlock_id:
            payouts = interlock._payouts()
            for member in self.filtered(lambda m, i=interlock: m.interlock_id == i):
                member.reward_value, member.penalty_value = payouts.get(member, (0.0, 0.0))

    @api.model
    def _interlock_counts(self, departments):
        groups = self._read_group(
            [
                ("department_id", "in", departments.ids),
                ("interlock_id.state", "!=", "closed"),
            ],
            ["department_id"],
            ["__count"],
        )
        return dict(groups)

    def _compute_department_interlock_count(self):
        counts = self._interlock_counts(self.department_id)
        for member in self:
            member.department_interlock_count = counts.get(member.department_id, 0)

    @api.onchange("mode")
    def _onchange_mode(self):
        if self.mode == "reference":
            self.weight = 0.0

    @api.onchange("department_id")
    def _onchange_department_id(self):
        count = self._interlock_counts(self.department_id).get(self.department_id, 0)
        if count >= 3:
            return {
                "warning": {
                    "title": self.env._("Many interlocks"),
                    "message": self.env._(
                        "%(department)s already holds %(count)s interlocked KPIs; the method "
                        "advises keeping them to 3 or fewer.",
                        department=self.department_id.name,
                        count=count,
                    ),
                }
            }
        return None

    @api.constrains("mode", "weight")
    def _check_reference_weight(self):
        for member in self:
            if member.mode == "reference" and member.weight:
                raise ValidationError(
                    self.env._(
                        "%s is a reference member of the interlock: its weight must be 0.",
                        member.department_id.name,
                    )
                )
            if member.weight < 0:
                raise ValidationError(self.env._("An interlock weight cannot be negative."))
