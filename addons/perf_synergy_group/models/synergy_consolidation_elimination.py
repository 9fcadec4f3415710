from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, Allow
from odoo.exceptions import ValidationError


class SynergyConsolidationElimination(models.Model):
    """An intercompany amount to remove from an entity's value of an additive KPI in a period
    (e.g. revenue invoiced to another entity of the group), in the entity's currency."""

    _name = "synergy.consolidation.elimination"
    _description = "Intercompany Elimination"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _write_policy = {
        "company_id": Allow(GROUP_CONTROLLER),
        "period_id": Allow(GROUP_CONTROLLER),
        "kpi_id": Allow(GROUP_CONTROLLER),
        "entity_id": Allow(GROUP_CONTROLLER),
        "counterparty_id": Allow(GROUP_CONTROLLER),
        "amount": Allow(GROUP_CONTROLLER),
        "note": Allow(GROUP_CONTROLLER),
    }
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
        aggregator=None,  # entities report in their own currencies: no total across them
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

    def _synergy_locked(self):
        """Eliminations of a period are locked with its approved consolidation runs."""
        approved = self.env["synergy.consolidation.run"].search(
            [("period_id", "in", self.period_id.ids), ("state", "=", "approved")]
        )
        return self.filtered(lambda entry: entry.period_id in approved.period_id)

    def _synergy_lock_hint(self):
        return self.env._(
            "A run of its period is approved: reopen it before changing its eliminations."
        )

    def write(self, vals):
        result = super().write(vals)
        self._check_unlocked()  # moved into the period of an approved run
        return result
