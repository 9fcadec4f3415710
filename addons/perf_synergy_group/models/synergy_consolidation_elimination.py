from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SynergyConsolidationElimination(models.Model):
    """An intercompany amount to remove from an entity's value of an additive KPI in a period
    (e.g. revenue invoiced to another entity of the group), in the entity's currency."""

    _name = "synergy.consolidation.elimination"
    _description = "Intercompany Elimination"
    _inherit = ["mail.thread"]
    _order = "period_id, kpi_id, entity_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Group Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, check_company=True, tracking=True
    )
    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="KPI",
        required=True,
        index=True,
        check_company=True,
        domain="[('consolidation_rule', '=', 'sum'), ('company_id', '=', company_id)]",
        tracking=True,
    )
    entity_id = fields.Many2one(
        "synergy.group.entity",
        required=True,
        index=True,
        tracking=True,
        help="The entity whose reported value contains the intercompany amount.",
    )
    counterparty_id = fields.Many2one("synergy.group.entity", required=True, tracking=True)
    amount = fields.Float(
        required=True,
        tracking=True,
        digits=(16, 4),
        help="In the entity's reporting currency, with the sign of its value.",
    )
    currency_id = fields.Many2one(related="entity_id.currency_id")
    note = fields.Char()

    @api.constrains("entity_id", "counterparty_id", "kpi_id")
    def _check_entities(self):
        for entry in self:
            if entry.entity_id == entry.counterparty_id:
                raise ValidationError(
                    self.env._(
                        "An intercompany elimination needs two different entities: %s cannot "
                        "trade with itself.",
                        entry.entity_id.display_name,
                    )
                )
            if entry.kpi_id.consolidation_rule != "sum":
                raise ValidationError(
                    self.env._(
                        "Only additive KPIs are eliminated: %s is not consolidated as a sum "
                        "(eliminate its numerator or denominator instead).",
                        entry.kpi_id.display_name,
                    )
                )

    def _check_unlocked(self):
        approved = self.env["synergy.consolidation.run"].search(
            [("period_id", "in", self.period_id.ids), ("state", "=", "approved")]
        )
        if approved:
            raise UserError(
                self.env._(
                    "Run %s of this period is approved: reopen it before changing its "
                    "eliminations.",
                    approved[0].name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries._check_unlocked()
        return entries

    def write(self, vals):
        self._check_unlocked()
        result = super().write(vals)
        self._check_unlocked()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_unlocked()
