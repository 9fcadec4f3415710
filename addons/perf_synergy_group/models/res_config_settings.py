from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    synergy_group_currency_id = fields.Many2one(
        related="company_id.synergy_group_currency_id", readonly=False
    )
