from odoo import models


class RaciMatrixXlsx(models.AbstractModel):
    """A RACI matrix as a spreadsheet: one sheet per matrix, tasks x departments."""

    _name = "report.perf_synergy.raci_matrix_xlsx"
    _inherit = "report.perf_synergy.xlsx_abstract"
    _description = "RACI Matrix XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True, "bg_color": "#E8E0E6", "border": 1})
        cell = workbook.add_format({"align": "center", "border": 1})
        for matrix in objs:
            sheet = self._add_worksheet(workbook, matrix.name)
            sheet.write(0, 0, matrix.name, workbook.add_format({"bold": True, "font_size": 14}))
            sheet.write(
                1, 0, self.env._("R = Responsible, A = Accountable, C = Consulted, I = Informed")
            )
            departments = matrix.department_ids
            sheet.write(3, 0, self.env._("Task"), bold)
            for column, department in enumerate(departments, start=1):
                sheet.write(3, column, department.name, bold)
            role_of = {
                (assignment.task_id.id, assignment.department_id.id): assignment.role or ""
                for assignment in matrix.assignment_ids
            }
            for row, task in enumerate(matrix.task_ids, start=4):
                sheet.write(row, 0, task.name, bold)
                for column, department in enumerate(departments, start=1):
                    sheet.write(row, column, role_of.get((task.id, department.id), ""), cell)
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, max(len(departments), 1), 14)
