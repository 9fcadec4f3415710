from odoo import fields, models

from ..tools.write_policy import OFFICER, Allow


class SynergyRaciTask(models.Model):
    """A step of a RACI matrix, optionally linked to a project task."""

    _name = "synergy.raci.task"
    _description = "RACI Task"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "matrix_id.state"
    _write_policy = {
        "matrix_id": Allow(OFFICER, states=("draft",)),
        "sequence": Allow(OFFICER, states=("draft",)),
        "name": Allow(OFFICER, states=("draft",)),
        "project_task_id": Allow(OFFICER, states=("draft",)),
        "assignment_ids": Allow(OFFICER, states=("draft",)),
    }
    _order = "matrix_id, sequence, id"
    _check_company_auto = True

    matrix_id = fields.Many2one(
        "synergy.raci.matrix", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="matrix_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    project_task_id = fields.Many2one(
        "project.task",
        index=True,
        check_company=True,
        help="Project task on which R/A/C/I people see their role and get informed.",
    )
    assignment_ids = fields.One2many("synergy.raci.assignment", "task_id", string="Roles")
