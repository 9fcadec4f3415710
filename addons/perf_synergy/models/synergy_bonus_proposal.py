from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import LazyTranslate

from ..tools.write_policy import MANAGER, Allow, trusted_writes

_lt = LazyTranslate(__name__)


class SynergyBonusProposal(models.Model):
    """A department head's proposal of a bonus for one person of the department, out of the
    department's allocation of a computed pool; approved with the pool."""

    _name = "synergy.bonus.proposal"
    _description = "Bonus Proposal per Person"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "pool_id.state"
    _lock_states = ("approved", "cancelled")
    _unlink_states = ("computed",)
    _write_policy = {
        "allocation_id": Allow(
            MANAGER,
            states=("computed",),
            when="_policy_not_beneficiary",
            who=_lt("someone other than the beneficiary"),
        ),
        "employee_id": Allow(
            MANAGER,
            states=("computed",),
            when="_policy_not_beneficiary",
            who=_lt("someone other than the beneficiary"),
        ),
        "amount": Allow(
            MANAGER,
            states=("computed",),
            when="_policy_not_beneficiary",
            who=_lt("someone other than the beneficiary"),
        ),
        "reason": Allow(
            MANAGER,
            states=("computed",),
            when="_policy_not_beneficiary",
            who=_lt("someone other than the beneficiary"),
        ),
    }
    _order = "allocation_id, amount desc, id"
    _check_company_auto = True

    allocation_id = fields.Many2one(
        "synergy.bonus.allocation",
        string="Department Allocation",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    pool_id = fields.Many2one(related="allocation_id.pool_id", store=True, index=True)
    pool_state = fields.Selection(related="allocation_id.pool_id.state", string="Pool Status")
    company_id = fields.Many2one(related="allocation_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="allocation_id.department_id", store=True, index=True)
    currency_id = fields.Many2one(related="allocation_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        domain="[('department_id', 'child_of', department_id)]",
    )
    amount = fields.Monetary(required=True)
    reason = fields.Text(help="Why this person gets this amount: contribution to the project.")
    proposer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )

    _amount_positive = models.Constraint(
        "CHECK(amount > 0)", "A bonus proposal must be for a positive amount."
    )
    _unique_employee = models.UniqueIndex(
        "(allocation_id, employee_id)",
        "This person already has a proposal in this department's allocation.",
    )

    @api.depends("employee_id.name", "pool_id.name")
    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = " - ".join(
                filter(None, [proposal.pool_id.name, proposal.employee_id.name])
            )

    @api.constrains("employee_id", "allocation_id")
    def _check_employee_department(self):
        """The person belongs to the allocation's department or one of its sub-departments."""
        for proposal in self.sudo():
            department = proposal.allocation_id.department_id
            own = proposal.employee_id.department_id
            ancestors = {int(i) for i in (own.parent_path or "").split("/") if i}
            if department.id not in ancestors:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not belong to %(department)s (works in %(own)s): "
                        "propose them in their own department's allocation.",
                        employee=proposal.employee_id.name,
                        department=department.name,
                        own=own.name or self.env._("no department"),
                    )
                )

    @api.constrains("employee_id", "proposer_id")
    def _check_not_own_bonus(self):
        """Nobody proposes their own bonus."""
        for proposal in self.sudo():
            user = proposal.employee_id.user_id
            if user and user == proposal.proposer_id:
                raise ValidationError(
                    self.env._(
                        "%s cannot propose their own bonus: their line manager or the "
                        "performance office proposes it.",
                        proposal.employee_id.name,
                    )
                )

    @api.constrains("amount", "allocation_id")
    def _check_within_allocation(self):
        self.allocation_id._check_proposed_total()

    def _check_pool_computed(self):
        self.allocation_id._check_pool_computed()

    def _policy_not_beneficiary(self):
        """The proposals whose beneficiary is not the current user: nobody proposes, raises or
        moves his own bonus, officers included."""
        user = self.env.user
        return self.filtered(lambda p: p.sudo().employee_id.user_id != user)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["synergy.bonus.allocation"].browse(
            [vals["allocation_id"] for vals in vals_list if vals.get("allocation_id")]
        )._check_pool_computed()
        # The proposer is whoever proposes (the write policy refuses it from the client):
        # the own-bonus rule relies on it.
        proposals = super().create(vals_list)
        if not self.env.su:
            with trusted_writes():
                proposals.write({"proposer_id": self.env.uid})
        return proposals
