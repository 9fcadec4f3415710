from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import OFFICER, Allow
from odoo.exceptions import ValidationError


class SynergyKpi(models.Model):
    """How a KPI consolidates across the group (DESIGN.md section 11)."""

    _inherit = "synergy.kpi"
    _write_policy = {
        "consolidation_rule": Allow(OFFICER),
        "currency_nature": Allow(OFFICER),
        "numerator_kpi_id": Allow(OFFICER),
        "denominator_kpi_id": Allow(OFFICER),
        "basis_kpi_id": Allow(OFFICER),
        "ratio_factor": Allow(OFFICER),
    }

    value_source = fields.Selection(
        selection_add=[("consolidation", "Group Consolidation")],
        ondelete={"consolidation": "set default"},
    )
    consolidation_rule = fields.Selection(
        selection=[
            ("sum", "Additive Sum"),
            ("ratio", "Ratio of Two KPIs"),
            ("weighted_average", "Weighted Average by a Basis KPI"),
            ("min", "Minimum"),
            ("max", "Maximum"),
        ],
        tracking=True,
        help="How the subsidiaries' values combine into the group's: additive KPIs are summed "
        "with shares and eliminations; a ratio is recomputed from the consolidated numerator "
        "and denominator (group ROI = Σ profit ÷ Σ investment); a weighted average weighs each "
        "entity by a basis KPI; risk indices take the minimum or maximum. Empty: not "
        "consolidated.",
    )
    currency_nature = fields.Selection(
        selection=[
            ("flow", "Flow (average rate)"),
            ("balance", "Balance (closing rate)"),
            ("none", "Not an Amount (no translation)"),
        ],
        default="none",
        required=True,
        help="Amounts of a period (revenue, profit) translate at the period's average rate; "
        "amounts at a date (assets, investment) at the closing rate; ratios, indices and counts "
        "are not translated.",
        tracking=True,
    )
    numerator_kpi_id = fields.Many2one(
        "synergy.kpi",
        string="Numerator KPI",
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    denominator_kpi_id = fields.Many2one(
        "synergy.kpi",
        string="Denominator KPI",
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    basis_kpi_id = fields.Many2one(
        "synergy.kpi",
        string="Weighting Basis KPI",
        check_company=True,
        ondelete="restrict",
        help="Additive KPI whose consolidated value weighs each entity (e.g. revenue).",
        tracking=True,
    )
    ratio_factor = fields.Float(
        default=1.0,
        help="Multiplies numerator ÷ denominator, e.g. 100 for a percentage.",
        tracking=True,
        aggregator=None,
    )

    @api.constrains("consolidation_rule", "numerator_kpi_id", "denominator_kpi_id", "basis_kpi_id")
    def _check_consolidation(self):
        for kpi in self:
            rule = kpi.consolidation_rule
            if rule == "ratio":
                parts = kpi.numerator_kpi_id | kpi.denominator_kpi_id
                if not kpi.numerator_kpi_id or not kpi.denominator_kpi_id:
                    raise ValidationError(
                        self.env._(
                            "KPI %s is consolidated as a ratio: choose its numerator and "
                            "denominator KPIs.",
                            kpi.display_name,
                        )
                    )
            elif rule == "weighted_average":
                parts = kpi.basis_kpi_id
                if not parts:
                    raise ValidationError(
                        self.env._(
                            "KPI %s is consolidated as a weighted average: choose the basis "
                            "KPI that weighs each entity.",
                            kpi.display_name,
                        )
                    )
            else:
                continue
            not_additive = parts.filtered(lambda part: part.consolidation_rule != "sum")
            if not_additive or kpi in parts:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s is computed from %(parts)s, which must be other KPIs "
                        "consolidated as an additive sum.",
                        kpi=kpi.display_name,
                        parts=", ".join((not_additive or kpi).mapped("display_name")),
                    )
                )

    def _consolidation_closure(self):
        """These KPIs plus the numerators, denominators and bases they are computed from."""
        return self | self.numerator_kpi_id | self.denominator_kpi_id | self.basis_kpi_id

    def _synergy_subsidiary_vals(self, company_id):
        """A copy of this group KPI for a subsidiary's library (same code)."""
        self.ensure_one()
        return {
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "unit": self.unit,
            "direction": self.direction,
            "time_aggregation": self.time_aggregation,
            "rollup_rule": self.rollup_rule,
            "value_source": "manual" if self.value_source == "consolidation" else self.value_source,
            "currency_nature": self.currency_nature,
            "company_id": company_id,
        }
