from odoo import fields, models

from ..tools.write_policy import OFFICER, Allow


class ProjectTaskType(models.Model):
    _name = "project.task.type"
    _inherit = ["project.task.type", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_consult": Allow(OFFICER, "project.group_project_manager"),
    }

    synergy_consult = fields.Boolean(
        string="Consult RACI (C)",
        help="When a task linked to a RACI matrix enters this stage, the consulted (C) "
        "departments get an activity.",
    )
