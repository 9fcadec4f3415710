from odoo import models


class BonusPoolXlsx(models.AbstractModel):
    """A bonus pool as a spreadsheet: the split among departments, then the proposals per
    person."""

    _name = "report.perf_synergy.bonus_pool_xlsx"
    _inherit = "report.perf_synergy.xlsx_abstract"
    _description = "Bonus Pool XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        title = workbook.add_format({"bold": True, "font_size": 14})
        bold = workbook.add_format({"bold": True, "bg_color": "#E8E0E6", "border": 1})
        percent = workbook.add_format({"num_format": "0.0", "border": 1})
        states = dict(
            self.env["synergy.bonus.pool"]._fields["state"]._description_selection(self.env)
        )
        for pool in objs:
            decimals = pool.currency_id.decimal_places
            money = workbook.add_format(
                {"num_format": "#,##0" + ("." + "0" * decimals if decimals else ""), "border": 1}
            )
            sheet = self._add_worksheet(workbook, pool.name)
            sheet.write(0, 0, pool.name, title)
            sheet.write(1, 0, self.env._("Period"))
            sheet.write(1, 1, pool.period_id.name)
            sheet.write(2, 0, self.env._("Amount"))
            sheet.write_number(2, 1, pool.amount, money)
            sheet.write(2, 2, pool.currency_id.name)
            sheet.write(3, 0, self.env._("Gate"))
            sheet.write(3, 1, pool.gate_status)
            sheet.write(4, 0, self.env._("Status"))
            sheet.write(4, 1, states[pool.state])
            headers = [
                self.env._("Department"),
                self.env._("Share (%)"),
                self.env._("Achievement (%)"),
                self.env._("Share × Achievement"),
                self.env._("Amount"),
            ]
            row = 6
            for column, header in enumerate(headers):
                sheet.write(row, column, header, bold)
            for allocation in pool.allocation_ids:
                row += 1
                sheet.write(row, 0, allocation.department_id.name)
                sheet.write_number(row, 1, allocation.share, percent)
                sheet.write_number(row, 2, allocation.achievement, percent)
                sheet.write_number(row, 3, allocation.weighted, percent)
                sheet.write_number(row, 4, allocation.amount, money)
            row += 1
            sheet.write(row, 0, self.env._("Total"), bold)
            sheet.write_number(row, 1, pool.share_total, percent)
            sheet.write_number(row, 4, pool.allocated_total, money)

            row += 2
            sheet.write(row, 0, self.env._("Proposals per person"), title)
            row += 1
            for column, header in enumerate(
                [
                    self.env._("Department"),
                    self.env._("Employee"),
                    self.env._("Amount"),
                    self.env._("Reason"),
                ]
            ):
                sheet.write(row, column, header, bold)
            for proposal in pool.proposal_ids.sorted(
                lambda p: (p.department_id.name or "", -p.amount, p.id)
            ):
                row += 1
                sheet.write(row, 0, proposal.department_id.name)
                sheet.write(row, 1, proposal.employee_id.name)
                sheet.write_number(row, 2, proposal.amount, money)
                sheet.write(row, 3, proposal.reason or "")
            row += 1
            sheet.write(row, 0, self.env._("Total"), bold)
            sheet.write_number(row, 2, pool.proposed_total, money)
            sheet.set_column(0, 1, 24)
            sheet.set_column(2, 4, 16)
