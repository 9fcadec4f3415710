from odoo import api, fields, models
from odoo.exceptions import UserError

from .synergy_group_entity import METHODS


class SynergyConsolidationLine(models.Model):
    """One line of a consolidation run. ``origin`` lines show where a number comes from (the
    entity's local value, the rate, the elimination, the share and its contribution to the
    group); ``node`` lines show the consolidated value of each entity's subtree, the root's
    being the group value. Lines are written by the run only."""

    _name = "synergy.consolidation.line"
    _description = "Consolidation Line"
    _order = "run_id, kpi_id, line_type desc, entity_id"

    run_id = fields.Many2one(
        "synergy.consolidation.run", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    period_id = fields.Many2one(related="run_id.period_id", store=True)
    run_state = fields.Selection(related="run_id.state", string="Run Status")
    currency_id = fields.Many2one(related="run_id.currency_id", string="Group Currency")
    line_type = fields.Selection(
        selection=[("origin", "Entity Value"), ("node", "Consolidated Subtree")],
        string="Type",
        required=True,
    )
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", required=True, index=True)
    consolidation_rule = fields.Selection(related="kpi_id.consolidation_rule")
    entity_id = fields.Many2one("synergy.group.entity", required=True)
    parent_entity_id = fields.Many2one("synergy.group.entity")
    method = fields.Selection(selection=METHODS)
    ownership = fields.Float(string="Ownership (%)")
    local_value = fields.Float(digits=(16, 4))
    local_currency_id = fields.Many2one("res.currency")
    rate_type = fields.Selection(
        selection=[("closing", "Closing"), ("average", "Average"), ("none", "None")]
    )
    rate = fields.Float(digits=(16, 8))
    translated_value = fields.Float(digits=(16, 4))
    elimination_local = fields.Float(string="Elimination (Local)", digits=(16, 4))
    elimination = fields.Float(digits=(16, 4), help="In the group currency.")
    share = fields.Float(string="Share (%)", help="Part of the value the parent entity takes.")
    effective_share = fields.Float(
        string="Share in Group (%)", help="Product of the shares up to the group."
    )
    contribution = fields.Float(
        digits=(16, 4), help="(Translated value − elimination) × share in group."
    )
    has_contribution = fields.Boolean()
    consolidated_value = fields.Float(digits=(16, 6))
    has_value = fields.Boolean()
    numerator = fields.Float(digits=(16, 4))
    denominator = fields.Float(digits=(16, 4))
    basis = fields.Float(digits=(16, 4))
    entity_count = fields.Integer(string="Entities")
    is_group_total = fields.Boolean(string="Group Total")

    def _check_run_open(self, runs=None):
        if self.env.context.get("synergy_consolidation_state"):
            return
        (runs or self.run_id)._raise_if_approved()
        raise UserError(
            self.env._(
                "Consolidation lines are computed by their run: recompute the run instead of "
                "editing lines."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("synergy_consolidation_state"):
            runs = self.env["synergy.consolidation.run"].browse(
                {vals.get("run_id") for vals in vals_list if vals.get("run_id")}
            )
            self._check_run_open(runs)
        return super().create(vals_list)

    def write(self, vals):
        self._check_run_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_computed_only(self):
        if self.env.context.get("synergy_consolidation_state"):
            self.run_id._raise_if_approved()
            return
        self._check_run_open()
