from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import MANAGER, Allow

RACI_ROLES = [
    ("R", "R - Responsible"),
    ("A", "A - Accountable"),
    ("C", "C - Consulted"),
    ("I", "I - Informed"),
]


class SynergyRaciAssignment(models.Model):
    """One cell of a RACI matrix: a department (or one employee of it) and its role on a task."""

    _name = "synergy.raci.assignment"
    _description = "RACI Assignment"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "matrix_id.state"
    _write_policy = {
        "task_id": Allow(MANAGER, states=("draft", "active")),
        "department_id": Allow(MANAGER, states=("draft", "active")),
        "employee_id": Allow(MANAGER, states=("draft", "active")),
        "role": Allow(MANAGER, states=("draft", "active")),
    }
    _order = "task_id, department_id"
    _check_company_auto = True

    task_id = fields.Many2one("synergy.raci.task", required=True, index=True, ondelete="cascade")
    matrix_id = fields.Many2one(related="task_id.matrix_id", store=True, index=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, index=True, check_company=True)
    employee_id = fields.Many2one(
        "hr.employee",
        check_company=True,
        help="The person who holds the role; empty: the department's manager.",
    )
    role = fields.Selection(selection=RACI_ROLES)
    user_id = fields.Many2one(
        "res.users",
        string="Person",
        compute="_compute_user_id",
        help="Who acts for this cell: the employee, else the department's manager.",
    )

    _unique_cell = models.UniqueIndex(
        "(task_id, department_id, COALESCE(employee_id, 0))",
        "A department appears once per task in a RACI matrix.",
    )

    @api.depends("employee_id.user_id", "department_id.manager_id.user_id")
    def _compute_user_id(self):
        for assignment in self:
            person = assignment.employee_id or assignment.department_id.manager_id
            assignment.user_id = person.user_id

    @api.constrains("role", "task_id", "department_id")
    def _check_active_matrix(self):
        active = self.matrix_id.filtered(lambda m: m.state == "active")
        active._check_rules()

    @api.constrains("employee_id", "department_id")
    def _check_employee_department(self):
        for assignment in self.filtered("employee_id"):
            if assignment.employee_id.department_id != assignment.department_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not work in %(department)s: pick an employee of the "
                        "department or leave the employee empty.",
                        employee=assignment.employee_id.name,
                        department=assignment.department_id.name,
                    )
                )
