from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
    _inherit = ["synergy.owner.mixin", "mail.thread"]
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
