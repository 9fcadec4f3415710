from odoo import fields, models


class ProjectTaskType(models.Model):
    _inherit = "project.task.type"

    synergy_consult = fields.Boolean(
        string="Consult RACI (C)",
        help="When a task linked to a RACI matrix enters this stage, the consulted (C) "
        "departments get an activity.",
    )
