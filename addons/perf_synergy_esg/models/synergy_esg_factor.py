from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, Allow
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class SynergyEsgFactor(models.Model):
    """An emission factor: kg CO2e per unit of an activity, from a source, for a region and a
    validity period. Activity data x factor = emissions; the factor used stays on the answer."""

    _name = "synergy.esg.factor"
    _description = "Emission Factor"
    _inherit = ["mail.thread", "synergy.policy.mixin"]
    _write_policy = {
        "name": Allow(ESG_MANAGER),
        "activity": Allow(ESG_MANAGER),
        "unit": Allow(ESG_MANAGER),
        "kg_co2e_per_unit": Allow(ESG_MANAGER),
        "source": Allow(ESG_MANAGER),
        "region": Allow(ESG_MANAGER),
        "scope": Allow(ESG_MANAGER),
        "market_based": Allow(ESG_MANAGER),
        "date_from": Allow(ESG_MANAGER),
        "date_to": Allow(ESG_MANAGER),
        "is_example": Allow(ESG_MANAGER),
        "company_id": Allow(ESG_MANAGER),
        "active": Allow(ESG_MANAGER),
    }
    _order = "activity, region, date_from desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    activity = fields.Char(
        required=True,
        index=True,
        help="Activity key matched by the indicators' activity.",
        tracking=True,
    )
    unit = fields.Char(
        required=True, help="Unit of the activity data, e.g. kWh, L, kg, t.km.", tracking=True
    )
    kg_co2e_per_unit = fields.Float(
        string="kg CO2e per Unit", digits=(16, 6), required=True, tracking=True, aggregator=None
    )
    source = fields.Char(help="Publication the factor comes from, with its edition.", tracking=True)
    region = fields.Char(
        help="Country or grid code (e.g. CN, CN-East). Empty: any region.", tracking=True
    )
    scope = fields.Selection(selection=[("1", "Scope 1"), ("2", "Scope 2"), ("3", "Scope 3")])
    market_based = fields.Boolean(
        string="Market-based",
        help="Scope 2: a market-based (supplier-specific) factor.",
        tracking=True,
    )
    date_from = fields.Date(string="Valid From", tracking=True)
    date_to = fields.Date(string="Valid To", tracking=True)
    is_example = fields.Boolean(
        string="Example Value",
        help="Shipped as an example: replace it with the factor of your official source.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: shared by all companies.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("kg_co2e_per_unit", "date_from", "date_to")
    def _check_factor(self):
        for factor in self:
            if factor.kg_co2e_per_unit < 0:
                raise ValidationError(
                    self.env._("Emission factor %s cannot be negative.", factor.name)
                )
            if factor.date_from and factor.date_to and factor.date_from > factor.date_to:
                raise ValidationError(
                    self.env._(
                        "Emission factor %s: the validity starts after it ends.", factor.name
                    )
                )

    @api.model
    def _esg_find(self, activity, on_date, region=None, market_based=False, company=None):
        """The factor of ``activity`` valid on ``on_date``: the region's own factor before a
        factor without region, the company's before a shared one, the latest start first."""
        company = company or self.env.company
        domain = (
            Domain("activity", "=", activity)
            & Domain("market_based", "=", market_based)
            & Domain("company_id", "in", [company.id, False])
            & (Domain("date_from", "=", False) | Domain("date_from", "<=", on_date))
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", on_date))
        )
        regions = [region, False] if region else [False]
        candidates = self.search(domain & Domain("region", "in", regions))
        if not candidates:
            return self.browse()

        def rank(factor):
            return (
                0 if factor.region else 1,
                0 if factor.company_id else 1,
                -(factor.date_from.toordinal() if factor.date_from else 0),
            )

        return candidates.sorted(rank)[:1]
