from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow

PERSPECTIVES = [
    ("financial", "Financial"),
    ("customer", "Customer"),
    ("internal_process", "Internal Process"),
    ("learning_growth", "Learning & Growth"),
]


class SynergyObjective(models.Model):
    """A strategic objective on a balanced-scorecard perspective; ``parent_id`` draws the
    strategy map and its cascade down to departments, jobs and employees."""

    _name = "synergy.objective"
    _description = "Strategic Objective"
    _inherit = ["synergy.policy.mixin", "synergy.owner.mixin", "mail.thread"]
    _write_policy = {
        "owner_level": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "department_id": Allow(OFFICER),
        "job_id": Allow(OFFICER),
        "employee_id": Allow(OFFICER),
        "name": Allow(OFFICER),
        "sequence": Allow(OFFICER),
        "perspective": Allow(OFFICER),
        "description": Allow(OFFICER),
        "parent_id": Allow(OFFICER),
        "child_ids": Allow(OFFICER),
        "period_id": Allow(OFFICER),
        "kpi_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "perspective, sequence, id"
    _parent_store = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    perspective = fields.Selection(selection=PERSPECTIVES, required=True, tracking=True)
    description = fields.Html()
    parent_id = fields.Many2one(
        comodel_name="synergy.objective",
        string="Serves Objective",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("synergy.objective", "parent_id", string="Supporting Objectives")
    period_id = fields.Many2one("synergy.period", check_company=True, index=True)
    kpi_ids = fields.One2many("synergy.kpi", "objective_id", string="KPIs")
    owner_level = fields.Selection(default="company")
    active = fields.Boolean(default=True)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An objective cannot serve itself, even indirectly."))
