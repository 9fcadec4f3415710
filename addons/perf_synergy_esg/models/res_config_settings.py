from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    synergy_esg_rating_validity_months = fields.Integer(
        related="company_id.synergy_esg_rating_validity_months", readonly=False
    )
    synergy_esg_green_threshold = fields.Float(
        related="company_id.synergy_esg_green_threshold", readonly=False
    )
