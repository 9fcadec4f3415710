from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..engine.bonus import gate_failures, shares_total, split_pool
from ..tools.write_policy import OFFICER, Allow, user_action

# What the split depends on: frozen once the pool is computed (reset it to draft to change).


class SynergyBonusPool(models.Model):
    """A cross-department project bonus pool (专项奖金包): paid only when the synergy KPIs that
    gate it reach the threshold, split among departments by share x achievement, then
    proposed per person by the department heads; the whole is approved through tier
    validation."""

    _name = "synergy.bonus.pool"
    _description = "Project Bonus Pool"
    _inherit = [
        "synergy.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "synergy.tier.validation",
    ]
    _policy_state = "state"
    _lock_states = ("approved",)
    _unlink_states = ("draft", "cancelled")
    _write_policy = {
        "name": Allow(OFFICER),  # the label may change
        "company_id": Allow(OFFICER, states=("draft",)),
        "project_id": Allow(OFFICER, states=("draft",)),
        "period_id": Allow(OFFICER, states=("draft",)),
        "amount": Allow(OFFICER, states=("draft",)),
        "gate_line_ids": Allow(OFFICER, states=("draft",)),
        "gate_threshold": Allow(OFFICER, states=("draft",)),
        "allocation_ids": Allow(OFFICER, states=("draft",)),
    }
    _order = "id desc"
    _check_company_auto = True

    # tier.validation: approving a computed pool (its split and proposals) needs the reviews.
    _state_from = ["computed"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    project_id = fields.Many2one(
        "project.project",
        check_company=True,
        tracking=True,
        help="The cross-department project the pool rewards, if any.",
    )
    period_id = fields.Many2one(
        "synergy.period",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Period whose department scorecards give the achievements.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    amount = fields.Monetary(required=True, tracking=True)
    gate_line_ids = fields.Many2many(
        "synergy.scorecard.line",
        "synergy_bonus_pool_gate_line_rel",
        "pool_id",
        "line_id",
        string="Gate KPIs",
        check_company=True,
        domain="[('is_synergy', '=', True), ('company_id', '=', company_id)]",
        help="Synergy KPI lines that must all reach the gate threshold for the pool to pay.",
    )
    gate_threshold = fields.Float(
        string="Gate Threshold (score)",
        default=100.0,
        tracking=True,
        help="Every gate KPI line must score at least this much.",
        aggregator=None,
    )
    gate_passed = fields.Boolean(
        compute="_compute_gate",
        store=True,
        help="Every gate KPI reaches the threshold (always true without gate).",
    )
    gate_status = fields.Char(compute="_compute_gate_status")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("approved", "Approved"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    allocation_ids = fields.One2many(
        "synergy.bonus.allocation", "pool_id", string="Departments", copy=True
    )
    proposal_ids = fields.One2many(
        "synergy.bonus.proposal", "pool_id", string="Proposals per Person", readonly=True
    )
    share_total = fields.Float(string="Total Share (%)", compute="_compute_totals")
    allocated_total = fields.Monetary(compute="_compute_totals")
    proposed_total = fields.Monetary(compute="_compute_totals")

    _amount_positive = models.Constraint(
        "CHECK(amount >= 0)", "The amount of a bonus pool cannot be negative."
    )
    _threshold_positive = models.Constraint(
        "CHECK(gate_threshold >= 0)", "The gate threshold cannot be negative."
    )

    @api.depends("gate_line_ids.score", "gate_threshold")
    def _compute_gate(self):
        for pool in self:
            pool.gate_passed = not pool._gate_failed_lines()

    @api.depends("gate_line_ids.score", "gate_threshold")
    def _compute_gate_status(self):
        for pool in self:
            failed = pool._gate_failed_lines()
            if not pool.gate_line_ids:
                pool.gate_status = self.env._("No gate: the pool always pays.")
            elif failed:
                pool.gate_status = self.env._(
                    "Closed: %(failed)s of %(count)s gate KPIs below %(threshold)s.",
                    failed=len(failed),
                    count=len(pool.gate_line_ids),
                    threshold=f"{pool.gate_threshold:g}",
                )
            else:
                pool.gate_status = self.env._(
                    "Open: all %(count)s gate KPIs reach %(threshold)s.",
                    count=len(pool.gate_line_ids),
                    threshold=f"{pool.gate_threshold:g}",
                )

    @api.depends("allocation_ids.share", "allocation_ids.amount", "allocation_ids.proposed_total")
    def _compute_totals(self):
        for pool in self:
            pool.share_total = shares_total({a.id: a.share for a in pool.allocation_ids})
            pool.allocated_total = sum(pool.allocation_ids.mapped("amount"))
            pool.proposed_total = sum(pool.allocation_ids.mapped("proposed_total"))

    def _gate_failed_lines(self):
        """The gate lines scoring below the threshold."""
        self.ensure_one()
        scores = {line.id: line.score for line in self.gate_line_ids.sudo()}
        return self.env["synergy.scorecard.line"].browse(gate_failures(scores, self.gate_threshold))

    @api.constrains("gate_line_ids")
    def _check_gate_lines(self):
        for pool in self:
            plain = pool.gate_line_ids.filtered(lambda line: not line.is_synergy)
            if plain:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s can only be gated by synergy KPIs; %(line)s of %(owner)s "
                        "is not marked as a synergy KPI.",
                        pool=pool.name,
                        line=plain[0].kpi_id.display_name,
                        owner=plain[0].owner_name,
                    )
                )

    # ------------------------------------------------------------------ workflow
    @user_action(OFFICER)
    def action_compute(self):
        """Check the shares and the gate, then split the pool among the departments."""
        for pool in self:
            if pool.state != "draft":
                raise UserError(
                    self.env._(
                        "Pool %s is not a draft: reset it to draft to compute it again.", pool.name
                    )
                )
            if not pool.allocation_ids:
                raise UserError(
                    self.env._("Pool %s has no department: add the departments first.", pool.name)
                )
            total = shares_total({a.id: a.share for a in pool.allocation_ids})
            if total != 100:
                raise ValidationError(
                    self.env._(
                        "The department shares of pool %(pool)s sum to %(total)s%%; they must "
                        "sum to 100%%.",
                        pool=pool.name,
                        total=f"{total:g}",
                    )
                )
            failed = pool._gate_failed_lines()
            parts = split_pool(
                pool.amount,
                {a.id: (a.share, a.achievement) for a in pool.allocation_ids},
                is_open=not failed,
                digits=pool.currency_id.decimal_places,
            )
            for allocation in pool.allocation_ids:
                allocation.amount = parts[allocation.id]
            pool.allocation_ids._check_proposed_total()
            pool.state = "computed"
            pool.message_post(body=pool._compute_message(failed))
        return True

    def _compute_message(self, failed):
        self.ensure_one()
        if failed:
            items = Markup("").join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(kpi)s (%(owner)s): %(score)s < %(threshold)s",
                    kpi=line.kpi_id.display_name,
                    owner=line.owner_name,
                    score=f"{line.score:.1f}",
                    threshold=f"{self.gate_threshold:g}",
                )
                for line in failed.sudo()
            )
            return Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("Gate closed: the pool pays nothing."),
                items,
            )
        items = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(department)s: %(share)s%% x %(achievement)s%% → %(amount)s",
                department=allocation.department_id.name,
                share=f"{allocation.share:g}",
                achievement=f"{allocation.achievement:.1f}",
                amount=format_amount(self.env, allocation.amount, self.currency_id),
            )
            for allocation in self.allocation_ids
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Pool split:"), items)

    @user_action(OFFICER)
    def action_reload_achievements(self):
        """Take the achievements again from the departments' current scorecards."""
        for pool in self:
            if pool.state != "draft":
                raise UserError(
                    self.env._("Achievements of pool %s can only be reloaded in draft.", pool.name)
                )
            pool.allocation_ids._reload_achievement()
        return True

    @user_action(OFFICER)
    def action_approve(self):
        for pool in self:
            if pool.state != "computed":
                raise UserError(
                    self.env._("Only a computed pool can be approved; %s is not.", pool.name)
                )
            beneficiaries = pool.sudo().proposal_ids.employee_id.user_id
            if self.env.user in beneficiaries and not self.env.su:
                raise UserError(
                    self.env._(
                        "You have a bonus proposed in %s: another officer approves it.",
                        pool.name,
                    )
                )
        # need_validation has no dependencies: make tier validation see the current state.
        self.invalidate_recordset(["need_validation"])
        self.write({"state": "approved"})
        for pool in self:
            pool.message_post(
                body=self.env._(
                    "Pool approved: %(allocated)s allocated, %(proposed)s proposed per person.",
                    allocated=format_amount(self.env, pool.allocated_total, pool.currency_id),
                    proposed=format_amount(self.env, pool.proposed_total, pool.currency_id),
                )
            )
        return True

    @user_action(OFFICER)
    def action_cancel(self):
        if self.filtered(lambda p: p.state == "approved"):
            raise UserError(self.env._("An approved pool cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    @user_action(OFFICER)
    def action_reset_to_draft(self):
        if self.filtered(lambda p: p.state == "approved"):
            raise UserError(self.env._("An approved pool cannot go back to draft."))
        # A new split needs new reviews.
        self.sudo().review_ids.unlink()
        self.write({"state": "draft"})
        return True

    def _synergy_lock_hint(self):
        return self.env._("An approved bonus pool is final.")
