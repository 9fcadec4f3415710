from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, SETTINGS, Allow


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_group_currency_id": Allow(SETTINGS, GROUP_CONTROLLER),
    }

    synergy_group_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Group Reporting Currency",
        help="Currency in which this company's consolidation runs report; defaults "
        "to the company currency.",
    )
