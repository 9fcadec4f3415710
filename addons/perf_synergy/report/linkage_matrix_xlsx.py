from odoo import models


class LinkageMatrixXlsx(models.AbstractModel):
    """A linkage matrix as a spreadsheet: company KPIs x departments, relevance and ratio."""

    _name = "report.perf_synergy.linkage_matrix_xlsx"
    _inherit = "report.perf_synergy.xlsx_abstract"
    _description = "Linkage Matrix XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True, "bg_color": "#E8E0E6", "border": 1})
        percent = workbook.add_format({"num_format": "0.0", "border": 1, "align": "center"})
        relevance_labels = dict(
            self.env["synergy.linkage.line"]._fields["relevance"]._description_selection(self.env)
        )
        for matrix in objs:
            sheet = self._add_worksheet(workbook, matrix.display_name)
            sheet.write(
                0, 0, matrix.display_name, workbook.add_format({"bold": True, "font_size": 14})
            )
            sheet.write(1, 0, self.env._("Ratio ρ in %, relevance in brackets"))
            departments = matrix.line_ids.department_id.sorted("name")
            kpis = matrix.line_ids.kpi_id.sorted("code")
            sheet.write(3, 0, self.env._("Company KPI"), bold)
            for column, department in enumerate(departments, start=1):
                sheet.write(3, 2 * column - 1, department.name, bold)
                sheet.write(3, 2 * column, self.env._("Relevance"), bold)
            link_of = {(line.kpi_id.id, line.department_id.id): line for line in matrix.line_ids}
            for row, kpi in enumerate(kpis, start=4):
                sheet.write(row, 0, kpi.display_name, bold)
                for column, department in enumerate(departments, start=1):
                    link = link_of.get((kpi.id, department.id))
                    if link:
                        sheet.write_number(row, 2 * column - 1, link.ratio, percent)
                        sheet.write(row, 2 * column, relevance_labels[link.relevance])
            total_row = 4 + len(kpis)
            sheet.write(total_row, 0, self.env._("Total R"), bold)
            for column, department in enumerate(departments, start=1):
                total = sum(
                    line.ratio for line in matrix.line_ids if line.department_id == department
                )
                sheet.write_number(total_row, 2 * column - 1, total, percent)
            sheet.set_column(0, 0, 30)
