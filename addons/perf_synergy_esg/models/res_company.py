from odoo import SUPERUSER_ID, api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, SETTINGS, Allow

# Shipped per-company records (data/): each company gets its own copy, as the main company
# does at install, since thresholds, weights and measures are company settings.
SHIPPED_MODELS = ("synergy.esg.indicator", "synergy.measure", "synergy.kpi")


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_esg_rating_validity_months": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_green_threshold": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_max_upload_mb": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_band_a": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_band_b": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_band_c": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_theme_min_a": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_theme_min_b": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_compliance_threshold": Allow(SETTINGS, ESG_MANAGER),
        "synergy_esg_compliance_theme_min": Allow(SETTINGS, ESG_MANAGER),
    }

    synergy_esg_rating_validity_months = fields.Integer(
        string="ESG Rating Validity (months)",
        default=12,
        help="A supplier's ESG rating expires this many months after validation.",
        aggregator=None,
    )
    synergy_esg_green_threshold = fields.Float(
        string="Green Supplier Threshold",
        default=70.0,
        help="Overall ESG score (0-100) from which a supplier counts as green in the "
        "green procurement ratio.",
        aggregator=None,
    )
    synergy_esg_max_upload_mb = fields.Integer(
        string="ESG Evidence Size Limit (MB)",
        default=10,
        help="Largest evidence file a supplier may upload.",
        aggregator=None,
    )
    synergy_esg_band_a = fields.Float(string="Rating A from", default=80.0, aggregator=None)
    synergy_esg_band_b = fields.Float(string="Rating B from", default=65.0, aggregator=None)
    synergy_esg_band_c = fields.Float(string="Rating C from", default=50.0, aggregator=None)
    synergy_esg_theme_min_a = fields.Float(
        string="Rating A Theme Minimum",
        default=60.0,
        help="Every theme must score at least this much for rating A.",
        aggregator=None,
    )
    synergy_esg_theme_min_b = fields.Float(
        string="Rating B Theme Minimum",
        default=40.0,
        help="Every theme must score at least this much for rating B.",
        aggregator=None,
    )
    synergy_esg_compliance_threshold = fields.Float(
        string="Compliant Supplier Score",
        default=50.0,
        help="Overall score from which a supplier counts as compliant.",
        aggregator=None,
    )
    synergy_esg_compliance_theme_min = fields.Float(
        string="Compliant Supplier Theme Minimum",
        default=30.0,
        help="No theme below this score for a supplier to count as compliant.",
        aggregator=None,
    )
    # Weights of the four themes in the overall score (a weighted mean: only their ratios count).
    synergy_esg_weight_environment = fields.Float(
        string="Environment Weight", default=1.0, aggregator=None
    )
    synergy_esg_weight_labor_human_rights = fields.Float(
        string="Labour & Human Rights Weight", default=1.0, aggregator=None
    )
    synergy_esg_weight_ethics = fields.Float(string="Ethics Weight", default=1.0, aggregator=None)
    synergy_esg_weight_sustainable_procurement = fields.Float(
        string="Sustainable Procurement Weight", default=1.0, aggregator=None
    )

    _synergy_esg_theme_weights_check = models.Constraint(
        "CHECK(synergy_esg_weight_environment >= 0 AND synergy_esg_weight_labor_human_rights >= 0 "
        "AND synergy_esg_weight_ethics >= 0 AND synergy_esg_weight_sustainable_procurement >= 0 "
        "AND synergy_esg_weight_environment + synergy_esg_weight_labor_human_rights "
        "+ synergy_esg_weight_ethics + synergy_esg_weight_sustainable_procurement > 0)",
        "ESG theme weights cannot be negative and at least one must be above zero.",
    )
    _synergy_esg_rating_validity_check = models.Constraint(
        "CHECK(synergy_esg_rating_validity_months > 0)",
        "The ESG rating validity must be at least one month.",
    )
    _synergy_esg_green_threshold_check = models.Constraint(
        "CHECK(synergy_esg_green_threshold BETWEEN 0 AND 100)",
        "The green supplier threshold is a score between 0 and 100.",
    )
    _synergy_esg_max_upload_check = models.Constraint(
        "CHECK(synergy_esg_max_upload_mb BETWEEN 1 AND 100)",
        "The ESG evidence size limit is between 1 and 100 MB.",
    )
    _synergy_esg_bands_check = models.Constraint(
        "CHECK(synergy_esg_band_a >= synergy_esg_band_b AND synergy_esg_band_b >= "
        "synergy_esg_band_c AND synergy_esg_band_c >= 0 AND synergy_esg_band_a <= 100)",
        "ESG rating bands go down from A to C, between 0 and 100.",
    )

    def _synergy_esg_bands(self):
        """Rating bands, best first: (rating, minimum overall score, minimum theme score)."""
        self.ensure_one()
        return [
            ("A", self.synergy_esg_band_a, self.synergy_esg_theme_min_a),
            ("B", self.synergy_esg_band_b, self.synergy_esg_theme_min_b),
            ("C", self.synergy_esg_band_c, 0.0),
            ("D", 0.0, 0.0),
        ]

    def _synergy_esg_theme_weights(self):
        """{theme: weight} of the overall score, from the settings."""
        self.ensure_one()
        return {
            "environment": self.synergy_esg_weight_environment,
            "labor_human_rights": self.synergy_esg_weight_labor_human_rights,
            "ethics": self.synergy_esg_weight_ethics,
            "sustainable_procurement": self.synergy_esg_weight_sustainable_procurement,
        }

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._synergy_esg_install_catalogue()
        return companies

    def _synergy_esg_install_catalogue(self):
        """Give each company the shipped ESG indicator catalogue and procurement measures and
        KPIs, copied from the records shipped with the addon (the install company's, with its
        edits), skipping what the company already has (same indicator or KPI code)."""
        # As the install does: the superuser creates and answers for the measures' sources.
        env = self.env(user=SUPERUSER_ID, su=True)
        shipped = env["ir.model.data"].search(
            [("module", "=", "perf_synergy_esg"), ("model", "in", SHIPPED_MODELS)]
        )
        records = {model: env[model] for model in SHIPPED_MODELS}
        for data in shipped:
            records[data.model] |= env[data.model].browse(data.res_id).exists()
        indicators = records["synergy.esg.indicator"]
        kpis = records["synergy.kpi"]
        Indicator, Kpi = env["synergy.esg.indicator"], env["synergy.kpi"]
        existing_codes = {
            (company.id, code.lower())
            for company, code in Indicator.with_context(active_test=False)._read_group(
                [("company_id", "in", self.ids)], ["company_id", "code"]
            )
        }
        existing_kpis = {
            (company.id, code)
            for company, code in Kpi.with_context(active_test=False)._read_group(
                [("company_id", "in", self.ids)], ["company_id", "code"]
            )
        }
        for company in self:
            for indicator in indicators.filtered(lambda i, c=company: i.company_id != c):
                if (company.id, indicator.code.lower()) not in existing_codes:
                    indicator.copy({"company_id": company.id})
            for kpi in kpis.filtered(lambda k, c=company: k.company_id != c):
                if (company.id, kpi.code) in existing_kpis:
                    continue
                measure = (
                    kpi.measure_id.copy({"company_id": company.id}) if kpi.measure_id else False
                )
                kpi.copy({"company_id": company.id, "measure_id": measure and measure.id})
