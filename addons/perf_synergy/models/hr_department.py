from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    synergy_tier = fields.Selection(
        selection=[
            ("front", "Front Office"),
            ("middle", "Middle Office"),
            ("back", "Back Office"),
        ],
        help="Front offices face the customer; middle and back offices serve them "
        "and are scored by them in tier evaluations.",
    )
