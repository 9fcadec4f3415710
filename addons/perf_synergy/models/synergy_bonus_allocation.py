from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from ..engine.bonus import weighted
from ..tools.write_policy import MANAGER, OFFICER, Allow, user_action

# What only a draft pool may change: the split itself.


class SynergyBonusAllocation(models.Model):
    """A department's part of a bonus pool: share x achievement, and the amount it gets."""

    _name = "synergy.bonus.allocation"
    _description = "Bonus Pool Allocation"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "pool_id.state"
    _lock_states = ("approved",)
    _unlink_states = ("draft",)
    _write_policy = {
        "pool_id": Allow(OFFICER, states=("draft",)),
        "sequence": Allow(OFFICER, states=("draft",)),
        "department_id": Allow(OFFICER, states=("draft",)),
        "share": Allow(OFFICER, states=("draft",)),
    }
    _order = "pool_id, sequence, id"
    _check_company_auto = True

    pool_id = fields.Many2one(
        "synergy.bonus.pool", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="pool_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="pool_id.currency_id")
    period_id = fields.Many2one(related="pool_id.period_id")
    pool_state = fields.Selection(related="pool_id.state", string="Pool Status")
    department_id = fields.Many2one("hr.department", required=True, index=True, check_company=True)
    scorecard_id = fields.Many2one(
        "synergy.scorecard",
        compute="_compute_scorecard_id",
        store=True,
        precompute=True,
        help="The department's scorecard for the pool's period.",
    )
    share = fields.Float(
        string="Share (%)", help="Part of the pool the department stands for.", aggregator=None
    )
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_achievement",
        store=True,
        readonly=False,
        precompute=True,
        help="Defaults to the KPI score of the department's scorecard for the period.",
        aggregator="avg",
    )
    weighted = fields.Float(
        string="Share × Achievement",
        compute="_compute_weighted",
        store=True,
        help="Share x achievement / 100: the department's weight in the split.",
        aggregator=None,
    )
    amount = fields.Monetary(
        readonly=True,
        copy=False,
        help="Pool amount x weighted / Σ weighted; 0 for all when the gate is closed.",
    )
    proposal_ids = fields.One2many(
        "synergy.bonus.proposal", "allocation_id", string="Proposals per Person"
    )
    proposed_total = fields.Monetary(compute="_compute_proposed_total", store=True)
    remaining = fields.Monetary(
        string="Not Yet Proposed", compute="_compute_proposed_total", store=True
    )

    _share_range = models.Constraint(
        "CHECK(share >= 0 AND share <= 100)", "A department's share lies between 0 and 100%."
    )
    _achievement_positive = models.Constraint(
        "CHECK(achievement >= 0)", "An achievement cannot be negative."
    )
    _unique_department = models.UniqueIndex(
        "(pool_id, department_id)", "A department appears only once in a bonus pool."
    )

    @api.depends("pool_id.name", "department_id.name")
    def _compute_display_name(self):
        for allocation in self:
            allocation.display_name = " - ".join(
                filter(None, [allocation.pool_id.name, allocation.department_id.name])
            )

    @api.depends("department_id", "pool_id.period_id")
    def _compute_scorecard_id(self):
        """The department scorecard of the pool's period: one search for all allocations."""
        pools = self.pool_id
        cards = (
            self.env["synergy.scorecard"]
            .sudo()
            .search(
                [
                    ("owner_level", "=", "department"),
                    ("department_id", "in", self.department_id.ids),
                    ("period_id", "in", pools.period_id.ids),
                    ("company_id", "in", pools.company_id.ids),
                ],
                order="id",
            )
        )
        card_of = {}
        for card in cards:
            card_of.setdefault((card.department_id, card.period_id, card.company_id), card)
        for allocation in self:
            pool = allocation.pool_id
            card = card_of.get((allocation.department_id, pool.period_id, pool.company_id))
            allocation.scorecard_id = card.id if card else False

    @api.depends("scorecard_id")
    def _compute_achievement(self):
        for allocation in self:
            allocation.achievement = allocation.scorecard_id.sudo().kpi_score

    def _reload_achievement(self):
        """Find the departments' scorecards again (one may have been created since), then take
        their current KPI scores."""
        self.env.add_to_compute(self._fields["scorecard_id"], self)
        for allocation in self:
            allocation.achievement = allocation.scorecard_id.sudo().kpi_score

    @api.depends("share", "achievement")
    def _compute_weighted(self):
        for allocation in self:
            allocation.weighted = weighted(max(allocation.share, 0), max(allocation.achievement, 0))

    @api.depends("proposal_ids.amount", "amount")
    def _compute_proposed_total(self):
        for allocation in self:
            allocation.proposed_total = sum(allocation.proposal_ids.mapped("amount"))
            allocation.remaining = allocation.amount - allocation.proposed_total

    @api.constrains("amount")
    def _check_amount(self):
        self._check_proposed_total()

    def _check_proposed_total(self):
        """The proposals per person of an allocation never exceed its amount."""
        for allocation in self.sudo():
            proposed = sum(allocation.proposal_ids.mapped("amount"))
            if allocation.currency_id.compare_amounts(proposed, allocation.amount) > 0:
                currency = allocation.currency_id
                raise ValidationError(
                    self.env._(
                        "The proposals for %(department)s in pool %(pool)s total %(proposed)s, "
                        "more than the department's allocation of %(amount)s.",
                        department=allocation.department_id.name,
                        pool=allocation.pool_id.name,
                        proposed=format_amount(self.env, proposed, currency),
                        amount=format_amount(self.env, allocation.amount, currency),
                    )
                )

    @user_action(MANAGER)
    def action_view_proposals(self):
        """The department's proposals per person, ready to add more while the pool is open."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_bonus_proposal"
        )
        action["name"] = self.display_name
        action["domain"] = [("allocation_id", "=", self.id)]
        action["context"] = {"default_allocation_id": self.id}
        return action

    def _check_pool_computed(self):
        """Proposals per person change only while the pool is computed, not yet approved."""
        locked = self.filtered(lambda a: a.pool_id.state != "computed")
        if locked:
            pool = locked[0].pool_id
            states = dict(pool._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Proposals per person of pool %(pool)s can only change while the pool is "
                    "computed and not yet approved (it is %(state)s).",
                    pool=pool.name,
                    state=states[pool.state],
                )
            )

    def _synergy_lock_hint(self):
        return self.env._("Its bonus pool is approved.")
