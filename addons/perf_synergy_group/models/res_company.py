from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    synergy_group_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Group Reporting Currency",
        help="Currency in which this company's consolidation runs report; defaults "
        "to the company currency.",
    )
