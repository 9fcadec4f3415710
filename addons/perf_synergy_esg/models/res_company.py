from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    synergy_esg_rating_validity_months = fields.Integer(
        string="ESG Rating Validity (months)",
        default=12,
        help="A supplier's ESG rating expires this many months after validation.",
    )
    synergy_esg_green_threshold = fields.Float(
        string="Green Supplier Threshold",
        default=70.0,
        help="Overall ESG score (0-100) from which a supplier counts as green in the "
        "green procurement ratio.",
    )
    synergy_esg_max_upload_mb = fields.Integer(
        string="ESG Evidence Size Limit (MB)",
        default=10,
        help="Largest evidence file a supplier may upload.",
    )
    synergy_esg_band_a = fields.Float(string="Rating A from", default=80.0)
    synergy_esg_band_b = fields.Float(string="Rating B from", default=65.0)
    synergy_esg_band_c = fields.Float(string="Rating C from", default=50.0)
    synergy_esg_theme_min_a = fields.Float(
        string="Rating A Theme Minimum",
        default=60.0,
        help="Every theme must score at least this much for rating A.",
    )
    synergy_esg_theme_min_b = fields.Float(
        string="Rating B Theme Minimum",
        default=40.0,
        help="Every theme must score at least this much for rating B.",
    )
    synergy_esg_compliance_threshold = fields.Float(
        string="Compliant Supplier Score",
        default=50.0,
        help="Overall score from which a supplier counts as compliant.",
    )
    synergy_esg_compliance_theme_min = fields.Float(
        string="Compliant Supplier Theme Minimum",
        default=30.0,
        help="No theme below this score for a supplier to count as compliant.",
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
