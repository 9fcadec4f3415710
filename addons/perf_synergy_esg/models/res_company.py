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

    _synergy_esg_rating_validity_check = models.Constraint(
        "CHECK(synergy_esg_rating_validity_months > 0)",
        "The ESG rating validity must be at least one month.",
    )
    _synergy_esg_green_threshold_check = models.Constraint(
        "CHECK(synergy_esg_green_threshold BETWEEN 0 AND 100)",
        "The green supplier threshold is a score between 0 and 100.",
    )
