from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.evaluation import flag_outliers
from ..tools.write_policy import OFFICER, Allow


class SynergyEvaluationTarget(models.Model):
    """Who is evaluated in a campaign, with the aggregate result only - never the responses.
    Scores stay empty while fewer than the minimum number of responses exist."""

    _name = "synergy.evaluation.target"
    _description = "Evaluated Department or Person"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "campaign_id.state"
    _lock_states = ("closed",)
    _write_policy = {
        "campaign_id": Allow(OFFICER, states=("draft",)),
        "department_id": Allow(OFFICER, states=("draft",)),
        "employee_id": Allow(OFFICER, states=("draft",)),
    }
    _order = "campaign_id, id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "synergy.evaluation.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    campaign_type = fields.Selection(related="campaign_id.campaign_type")
    department_id = fields.Many2one("hr.department", index=True, check_company=True)
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    name = fields.Char(compute="_compute_name")
    response_count = fields.Integer(readonly=True, help="Submitted responses that count.")
    status = fields.Selection(
        selection=[("pending", "Pending"), ("insufficient", "Insufficient"), ("done", "Done")],
        default="pending",
        readonly=True,
    )
    subjective_score = fields.Float(readonly=True, aggregator="avg")
    objective_score = fields.Float(readonly=True, aggregator="avg")
    score = fields.Float(
        readonly=True, help="α × subjective + (1 − α) × objective.", aggregator="avg"
    )
    response_ids = fields.One2many("synergy.evaluation.response", "target_id", string="Responses")

    @api.constrains("campaign_id", "department_id", "employee_id")
    def _check_campaign_not_started(self):
        # Targets are created while their campaign is a draft (action_open); re-pointing one
        # afterwards (e.g. an evaluated officer moving his target to someone else) would put
        # the answers about him within his reach.
        # Constraints run as superuser: nobody is exempt; the product creates targets while
        # the campaign is still a draft.
        started = self.filtered(lambda t: t.campaign_id.state != "draft")
        if started:
            raise ValidationError(
                self.env._(
                    "%(target)s is evaluated in campaign %(campaign)s, which is open or closed: "
                    "its evaluated departments and people can no longer be changed. If they "
                    "are wrong, create a new campaign.",
                    target=started[0].name,
                    campaign=started[0].campaign_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_campaign_started(self):
        # The evaluated side is fixed once evaluators are invited: removing a target (e.g. an
        # evaluated officer removing himself) would take his responses out of the anonymity
        # rules' reach or erase them.
        started = self.filtered(lambda t: t.campaign_id.state != "draft")
        if started and not self.env.su:
            raise UserError(
                self.env._(
                    "%(target)s is evaluated in campaign %(campaign)s, which is open or closed: "
                    "its evaluated departments and people can no longer be changed. If they "
                    "are wrong, create a new campaign.",
                    target=started[0].name,
                    campaign=started[0].campaign_id.name,
                )
            )

    def _compute_name(self):
        for target in self:
            target.name = (target.employee_id or target.department_id).display_name

    def _flag_outliers(self):
        """Flag suspicious submitted responses for the officer's review; a response that is no
        longer suspicious once others arrive is unflagged unless already reviewed."""
        for target in self:
            submitted = target.response_ids.filtered(lambda r: r.state == "submitted")
            flags = flag_outliers({response: response._ratings() for response in submitted})
            for response in submitted:
                reason = flags.get(response)
                if reason and response.review == "none":
                    response.write({"outlier_reason": reason, "review": "pending"})
                elif not reason and response.review == "pending":
                    response.write({"outlier_reason": False, "review": "none"})
