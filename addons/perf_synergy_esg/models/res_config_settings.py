from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    synergy_esg_rating_validity_months = fields.Integer(
        related="company_id.synergy_esg_rating_validity_months", readonly=False
    )
    synergy_esg_green_threshold = fields.Float(
        related="company_id.synergy_esg_green_threshold", readonly=False
    )
    synergy_esg_max_upload_mb = fields.Integer(
        related="company_id.synergy_esg_max_upload_mb", readonly=False
    )
    synergy_esg_band_a = fields.Float(related="company_id.synergy_esg_band_a", readonly=False)
    synergy_esg_band_b = fields.Float(related="company_id.synergy_esg_band_b", readonly=False)
    synergy_esg_band_c = fields.Float(related="company_id.synergy_esg_band_c", readonly=False)
    synergy_esg_theme_min_a = fields.Float(
        related="company_id.synergy_esg_theme_min_a", readonly=False
    )
    synergy_esg_theme_min_b = fields.Float(
        related="company_id.synergy_esg_theme_min_b", readonly=False
    )
    synergy_esg_compliance_threshold = fields.Float(
        related="company_id.synergy_esg_compliance_threshold", readonly=False
    )
    synergy_esg_compliance_theme_min = fields.Float(
        related="company_id.synergy_esg_compliance_theme_min", readonly=False
    )
    synergy_esg_weight_environment = fields.Float(
        related="company_id.synergy_esg_weight_environment", readonly=False
    )
    synergy_esg_weight_labor_human_rights = fields.Float(
        related="company_id.synergy_esg_weight_labor_human_rights", readonly=False
    )
    synergy_esg_weight_ethics = fields.Float(
        related="company_id.synergy_esg_weight_ethics", readonly=False
    )
    synergy_esg_weight_sustainable_procurement = fields.Float(
        related="company_id.synergy_esg_weight_sustainable_procurement", readonly=False
    )
