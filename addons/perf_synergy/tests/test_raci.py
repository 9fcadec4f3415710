from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user

# The seed's example (年度用户增长计划): tasks x departments.
SEED_ROLES = {
    "Goal breakdown": "ARCRI",
    "Solution design": "RACCI",
    "Resource request": "RCIIA",
    "Execution": "RRRAI",
    "Review": "ARCRC",
}


@tagged("post_install", "-at_install")
class TestRaci(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.columns = Department.create(
            [
                {"name": f"RACI {name}"}
                for name in ("Marketing", "Product", "Tech", "Sales", "Finance")
            ]
        )
        cls.user_marketing = make_synergy_user(
            cls.env, "raci_marketing", "perf_synergy.group_synergy_manager"
        )
        cls.user_tech = make_synergy_user(cls.env, "raci_tech", "perf_synergy.group_synergy_user")
        cls.marketing_head = cls.env["hr.employee"].create(
            {
                "name": "Marketing head",
                "user_id": cls.user_marketing.id,
                "department_id": cls.columns[0].id,
            }
        )
        cls.columns[0].manager_id = cls.marketing_head
        cls.columns[4].manager_id = cls.emp_ops
        cls.project = cls.env["project.project"].create({"name": "User growth"})
        cls.consult_stage = cls.env["project.task.type"].create(
            {
                "name": "Design review",
                "synergy_consult": True,
                "project_ids": [(6, 0, cls.project.ids)],
            }
        )
        cls.other_stage = cls.env["project.task.type"].create(
            {"name": "Doing", "project_ids": [(6, 0, cls.project.ids)]}
        )
        cls.project_task = cls.env["project.task"].create(
            {"name": "Solution design", "project_id": cls.project.id}
        )
        cls.matrix = cls.env["synergy.raci.matrix"].create(
            {
                "name": "Annual user growth plan",
                "project_id": cls.project.id,
                "department_ids": [(6, 0, cls.columns.ids)],
                "task_ids": [
                    (0, 0, {"name": name, "sequence": index})
                    for index, name in enumerate(SEED_ROLES)
                ],
            }
        )
        cls.matrix.task_ids.filtered(
            lambda t: t.name == "Solution design"
        ).project_task_id = cls.project_task

    def _fill(self, roles=SEED_ROLES):
        for task in self.matrix.task_ids:
            for department, role in zip(self.columns, roles[task.name], strict=True):
                cell = self.matrix.assignment_ids.filtered(
                    lambda a, t=task, d=department: a.task_id == t and a.department_id == d
                )
                cell.role = role

    def test_grid_has_a_cell_per_task_and_department(self):
        self.assertEqual(len(self.matrix.assignment_ids), 25)
        self.matrix.department_ids = [(4, self.dep_ops.id)]
        self.assertEqual(len(self.matrix.assignment_ids), 30)

    def test_seed_example_can_be_put_in_force(self):
        self._fill()
        self.matrix.action_activate()
        self.assertEqual(self.matrix.state, "active")
        self.assertFalse(self.matrix.problem_text)

    def test_rule_names_the_task(self):
        roles = dict(SEED_ROLES, Execution="RRRRI")  # nobody accountable
        self._fill(roles)
        with self.assertRefused(ValidationError, "Execution: 0 accountable"):
            self.matrix.action_activate()
        self.assertEqual(self.matrix.state, "draft")
        roles = dict(SEED_ROLES, Review="AACCC")  # two A, no R
        self._fill(roles)
        with self.assertRefused(
            ValidationError, r"Review: 2 accountable(.|\n)*Review: no responsible"
        ):
            self.matrix.action_activate()

    def test_active_matrix_refuses_breaking_edits(self):
        self._fill()
        self.matrix.action_activate()
        cell = self.matrix.assignment_ids.filtered(lambda a: a.role == "A")[0]
        with self.assertRefused(ValidationError, "exactly 1 is needed"):
            cell.role = "C"
        self.assertEqual(cell.role, "A", "nothing half-saved")

    def test_task_form_shows_roles_and_notifies(self):
        self._fill()
        self.matrix.action_activate()
        task = self.project_task.with_user(self.user_marketing)
        self.assertEqual(task.synergy_my_raci_role, "R - Responsible")  # Marketing on design
        self.assertEqual(len(self.project_task.synergy_raci_assignment_ids), 5)
        # Finance is Informed: its head receives the stage change.
        self.project_task.stage_id = self.other_stage
        message = self.project_task.message_ids[0]
        self.assertIn("Doing", message.body)
        self.assertIn(self.user_ops.partner_id, message.partner_ids)
        # Entering a consultation stage gives an activity to the consulted departments' heads.
        tech_head = self.env["hr.employee"].create(
            {"name": "Tech head", "user_id": self.user_tech.id, "department_id": self.columns[2].id}
        )
        self.columns[2].manager_id = tech_head
        self.project_task.stage_id = self.consult_stage
        activity_users = self.project_task.activity_ids.user_id
        self.assertIn(self.user_tech, activity_users)  # Tech is C on design
        consulted = self.env["synergy.event"].search(
            [("event_type", "=", "raci_consulted"), ("description", "=", "Solution design")]
        )
        self.assertEqual(set(consulted.department_id), {self.columns[2], self.columns[3]})
        self.assertEqual(consulted.partner_department_id, self.columns[1], "Product is A")

    def test_managers_edit_their_own_department_only(self):
        self._fill()
        own = self.matrix.assignment_ids.filtered(
            lambda a: a.department_id == self.columns[0] and a.role == "C"
        )
        other = self.matrix.assignment_ids.filtered(lambda a: a.department_id == self.columns[1])
        if own:
            own[0].with_user(self.user_marketing).role = "I"
        with self.assertRaises(AccessError):
            other[0].with_user(self.user_marketing).write({"role": "I"})
        self.matrix.assignment_ids[0].with_user(self.user_officer).role = "I"

    def test_xlsx_report(self):
        import io

        import openpyxl

        self._fill()
        content, report_format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy.action_report_raci_matrix_xlsx", self.matrix.ids, None
        )
        self.assertEqual(report_format, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "Annual user growth plan")
        headers = [sheet.cell(4, column).value for column in range(2, 7)]
        self.assertEqual(sorted(headers), sorted(self.columns.mapped("name")))
        position = {name: index for index, name in enumerate(self.columns.mapped("name"))}
        for row in range(5, 10):
            task = sheet.cell(row, 1).value
            roles = {headers[c - 2]: sheet.cell(row, c).value for c in range(2, 7)}
            expected = {name: SEED_ROLES[task][position[name]] for name in headers}
            self.assertEqual(roles, expected, task)
        self.assertEqual(sheet["A5"].value, "Goal breakdown")


@tagged("post_install", "-at_install")
class TestResponsibilityUi(HttpCase):
    def test_officer_edits_a_raci_matrix_in_the_grid(self):
        make_synergy_user(
            self.env,
            "raci_tour_officer",
            "perf_synergy.group_synergy_officer",
            password="raci_tour_officer",
        )
        departments = self.env["hr.department"].create(
            [{"name": "Tour Marketing"}, {"name": "Tour Finance"}]
        )
        matrix = self.env["synergy.raci.matrix"].create(
            {
                "name": "Tour RACI",
                "department_ids": [(6, 0, departments.ids)],
                "task_ids": [(0, 0, {"name": "Tour step"})],
            }
        )
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_raci_matrix",
            "perf_synergy_responsibility",
            login="raci_tour_officer",
        )
        finance_cell = matrix.assignment_ids.filtered(
            lambda a: a.department_id.name == "Tour Finance"
        )
        self.assertEqual(finance_cell.role, "I")
