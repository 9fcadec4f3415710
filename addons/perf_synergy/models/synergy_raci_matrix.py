from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.linkage import raci_problems
from ..tools.write_policy import OFFICER, Allow, user_action


class SynergyRaciMatrix(models.Model):
    """An end-to-end process or project as tasks x departments with R / A / C / I roles."""

    _name = "synergy.raci.matrix"
    _description = "RACI Matrix"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _policy_state = "state"
    _write_policy = {
        "name": Allow(OFFICER, states=("draft",)),
        "description": Allow(OFFICER, states=("draft",)),
        "company_id": Allow(OFFICER, states=("draft",)),
        "project_id": Allow(OFFICER, states=("draft",)),
        "department_ids": Allow(OFFICER, states=("draft",)),
        "kpi_ids": Allow(OFFICER, states=("draft",)),
        "task_ids": Allow(OFFICER, states=("draft",)),
        "assignment_ids": Allow(OFFICER, states=("draft",)),
    }
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    project_id = fields.Many2one("project.project", check_company=True, tracking=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("active", "In Force"), ("archived", "Archived")],
        required=True,
        default="draft",
        tracking=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="Columns of the matrix.",
    )
    kpi_ids = fields.Many2many(
        "synergy.kpi",
        string="KPIs",
        check_company=True,
        help="KPIs this process drives: their alerts go to the responsible and accountable "
        "departments of the matrix.",
    )
    task_ids = fields.One2many("synergy.raci.task", "matrix_id", string="Tasks", copy=True)
    assignment_ids = fields.One2many(
        "synergy.raci.assignment", "matrix_id", string="Assignments", copy=False
    )
    problem_text = fields.Text(string="Rule Violations", compute="_compute_problem_text")

    @api.depends("task_ids.assignment_ids.role")
    def _compute_problem_text(self):
        for matrix in self:
            matrix.problem_text = "\n".join(matrix._problems()) or False

    def _problems(self):
        self.ensure_one()
        return raci_problems(
            {task.name: task.assignment_ids.mapped("role") for task in self.task_ids}
        )

    def _check_rules(self):
        for matrix in self:
            if not matrix.task_ids:
                raise ValidationError(
                    self.env._(
                        "RACI matrix %s has no task: add the process steps first.", matrix.name
                    )
                )
            problems = matrix._problems()
            if problems:
                raise ValidationError(
                    self.env._(
                        "RACI matrix %(matrix)s breaks the rule 'exactly one A and at least one "
                        "R per task':\n%(problems)s",
                        matrix=matrix.name,
                        problems="\n".join(problems),
                    )
                )

    @api.constrains("state")
    def _check_state_rules(self):
        self.filtered(lambda m: m.state == "active")._check_rules()

    @user_action(OFFICER)
    def action_prepare_grid(self):
        """Create the empty cells (task x department) the matrix editor needs."""
        Assignment = self.env["synergy.raci.assignment"]
        vals_list = []
        for matrix in self:
            existing = {(a.task_id.id, a.department_id.id) for a in matrix.assignment_ids}
            vals_list += [
                {"task_id": task.id, "department_id": department.id}
                for task in matrix.task_ids
                for department in matrix.department_ids
                if (task.id, department.id) not in existing
            ]
        Assignment.create(vals_list)
        return True

    @user_action(OFFICER)
    def action_activate(self):
        self._check_rules()
        self.write({"state": "active"})
        return True

    @user_action(OFFICER)
    def action_reset_to_draft(self):
        self.write({"state": "draft"})
        return True

    @api.model_create_multi
    def create(self, vals_list):
        matrices = super().create(vals_list)
        matrices.action_prepare_grid()
        return matrices

    def write(self, vals):
        result = super().write(vals)
        if {"task_ids", "department_ids"} & set(vals):
            self.action_prepare_grid()
        return result
