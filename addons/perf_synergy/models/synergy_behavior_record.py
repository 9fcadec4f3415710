from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.write_policy import MANAGER, OFFICER, Allow, user_action


class SynergyBehaviorRecord(models.Model):
    """A proposal of collaboration points for an employee (or a department), made by a project
    lead or line manager - never the beneficiary - and approved by a higher level through tier
    validation. Approved records form the ledger."""

    _name = "synergy.behavior.record"
    _description = "Collaboration Behaviour Record"
    _inherit = [
        "synergy.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "synergy.tier.validation",
    ]
    _policy_state = "state"
    # Approved points count in the composite: final (a correction is a new record).
    _lock_states = ("approved",)
    _lock_placed_by = ("date", "company_id")
    _unlink_states = ("draft", "rejected")
    _write_policy = {
        "company_id": Allow(MANAGER, states=("draft",)),
        "employee_id": Allow(MANAGER, states=("draft",)),
        "type_id": Allow(MANAGER, states=("draft",)),
        "date": Allow(MANAGER, states=("draft",)),
        "evidence": Allow(MANAGER, states=("draft",)),
        "evidence_attachment_ids": Allow(MANAGER, states=("draft",)),
        "points": Allow(OFFICER, states=("draft",)),
    }
    _order = "date desc, id desc"
    _check_company_auto = True

    _state_from = ["draft", "to_approve"]
    _state_to = ["approved"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        check_company=True,
        tracking=True,
        help="Beneficiary; leave empty to credit a whole department.",
    )
    department_id = fields.Many2one(
        "hr.department",
        index=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    type_id = fields.Many2one(
        "synergy.behavior.type",
        string="Behaviour",
        required=True,
        check_company=True,
        tracking=True,
    )
    points = fields.Float(
        compute="_compute_points", store=True, readonly=False, precompute=True, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    period_id = fields.Many2one(
        "synergy.period",
        compute="_compute_period_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index=True,
    )
    evidence = fields.Text(help="What happened, where, with whom: the facts behind the points.")
    evidence_attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    proposer_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    year = fields.Integer(compute="_compute_year", store=True, aggregator=None)

    @api.depends("type_id", "employee_id", "department_id")
    def _compute_name(self):
        for record in self:
            beneficiary = record.employee_id.name or record.department_id.name or ""
            record.name = f"{record.type_id.name or ''} - {beneficiary}"

    @api.depends("employee_id")
    def _compute_department_id(self):
        for record in self:
            if record.employee_id:
                record.department_id = record.employee_id.department_id

    @api.depends("type_id")
    def _compute_points(self):
        for record in self:
            record.points = record.type_id.points

    @api.depends("date", "company_id")
    def _compute_period_id(self):
        """The smallest period containing the date: one search for all the records."""
        dated = self.filtered("date")
        periods = self.env["synergy.period"]
        if dated:
            periods = periods.search(
                [
                    ("company_id", "in", dated.company_id.ids),
                    ("date_start", "<=", max(dated.mapped("date"))),
                    ("date_end", ">=", min(dated.mapped("date"))),
                ],
                order="date_start desc, period_type asc",
            )
        for record in self:
            record.period_id = next(
                (
                    period
                    for period in periods
                    if period.company_id == record.company_id
                    and record.date
                    and period.date_start <= record.date <= period.date_end
                ),
                False,
            )

    @api.depends("date")
    def _compute_year(self):
        for record in self:
            record.year = record.date.year if record.date else 0

    @api.constrains("employee_id", "department_id", "proposer_id", "evidence", "type_id")
    def _check_proposal(self):
        for record in self:
            if not record.employee_id and not record.department_id:
                raise ValidationError(
                    self.env._("Choose the employee or the department who earns the points.")
                )
            if record.employee_id.user_id and record.employee_id.user_id == record.proposer_id:
                raise ValidationError(
                    self.env._(
                        "%s cannot propose points for themself: a project lead or line manager "
                        "proposes them.",
                        record.proposer_id.name,
                    )
                )
            if record.type_id.evidence_required and not (
                record.evidence or record.evidence_attachment_ids
            ):
                raise ValidationError(
                    self.env._(
                        "'%s' needs evidence: describe the facts or attach a file.",
                        record.type_id.name,
                    )
                )

    @user_action(MANAGER)
    def action_submit(self):
        self.filtered(lambda r: r.state == "draft").write({"state": "to_approve"})
        for record in self:
            if record.need_validation:
                record.request_validation()
        return True

    @user_action(MANAGER)
    def action_approve(self):
        for record in self:
            if record.state not in ("draft", "to_approve"):
                raise UserError(self.env._("Only a proposal can be approved."))
            if self.env.su:
                continue
            if record.proposer_id == self.env.user:
                raise UserError(
                    self.env._("A higher level approves the points, not their proposer.")
                )
            if record.sudo().employee_id.user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Nobody approves his own points: another head or the performance "
                        "office approves %s.",
                        record.display_name,
                    )
                )
        self.write({"state": "approved"})
        return True

    @user_action(MANAGER)
    def action_reject(self):
        self._check_not_beneficiary()
        for record in self:
            if record.state not in ("draft", "to_approve"):
                raise UserError(
                    self.env._("Only a proposal can be rejected; %s is not.", record.display_name)
                )
        self.write({"state": "rejected"})
        return True

    @user_action(MANAGER)
    def action_reset_to_draft(self):
        self._check_not_beneficiary()
        for record in self:
            if record.state != "rejected":
                raise UserError(
                    self.env._(
                        "Only a rejected proposal goes back to draft; %s is not.",
                        record.display_name,
                    )
                )
        self.write({"state": "draft"})
        return True

    def _check_not_beneficiary(self):
        """Nobody decides on his own points (officers included)."""
        if self.env.su:
            return
        own = self.filtered(lambda r: r.sudo().employee_id.user_id == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "Nobody decides on his own points: another head or the performance office "
                    "handles %s.",
                    own[0].display_name,
                )
            )

    def _synergy_locked(self):
        # Points dated in a closed period would change its closed results: refused there, as
        # values are (DESIGN §14).
        return super()._synergy_locked() | self.filtered(
            lambda record: record.period_id.state in ("closing", "closed")
        )

    def _synergy_lock_hint(self):
        if self.period_id.state in ("closing", "closed"):
            return self.env._(
                "Its date falls in %s, which is closed: date it in an open period, or an "
                "officer reopens that period first.",
                self.period_id.display_name,
            )
        return self.env._("Approved points are final: record a new behaviour to correct them.")
