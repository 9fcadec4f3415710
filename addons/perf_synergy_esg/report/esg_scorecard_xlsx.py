from odoo import models

from ..models.synergy_esg_report import THEME_FIELDS


class EsgScorecardXlsx(models.AbstractModel):
    """A supplier's ESG scorecard: one sheet per report with the scores by theme, the rating and
    every answer with its score, emissions and the factor applied."""

    _name = "report.perf_synergy_esg.esg_scorecard_xlsx"
    _inherit = "report.perf_synergy.xlsx_abstract"
    _description = "Supplier ESG Scorecard XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        title = workbook.add_format({"bold": True, "font_size": 14})
        bold = workbook.add_format({"bold": True, "bg_color": "#E3EFE3", "border": 1})
        cell = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "0.0"})
        themes = dict(
            self.env["synergy.esg.indicator"]._fields["theme"]._description_selection(self.env)
        )
        states = dict(
            self.env["synergy.esg.report"]._fields["state"]._description_selection(self.env)
        )
        used = set()
        for report in objs:
            name = (report.partner_id.name or "ESG")[:24]
            sheet_name, index = name, 1
            while sheet_name in used:
                index += 1
                sheet_name = f"{name[:27]} {index}"
            used.add(sheet_name)
            sheet = self._add_worksheet(workbook, sheet_name)
            sheet.write(0, 0, report.name, title)
            header = [
                (self.env._("Supplier"), report.partner_id.name),
                (self.env._("Period"), report.period_id.name),
                (self.env._("Status"), states.get(report.state)),
                (self.env._("Overall score"), report.score_overall),
                (self.env._("Rating"), report.rating or ""),
                (self.env._("Emissions (tCO2e)"), report.emissions_total_t),
                (self.env._("Scope 2 location-based (tCO2e)"), report.scope2_location_t),
                (self.env._("Scope 2 market-based (tCO2e)"), report.scope2_market_t),
            ]
            for theme, field_name in THEME_FIELDS.items():
                header.append((themes[theme], report[field_name]))
            for row, (label, value) in enumerate(header, start=2):
                sheet.write(row, 0, label, bold)
                if isinstance(value, float):
                    sheet.write_number(row, 1, value, number)
                else:
                    sheet.write(row, 1, value or "", cell)
            start = len(header) + 3
            columns = [
                self.env._("Theme"),
                self.env._("Code"),
                self.env._("Indicator"),
                self.env._("Value"),
                self.env._("Unit"),
                self.env._("Score"),
                self.env._("Activity"),
                self.env._("Factor (kg CO2e/unit)"),
                self.env._("Emissions (kg CO2e)"),
                self.env._("Evidence"),
                self.env._("Comment"),
            ]
            for column, label in enumerate(columns):
                sheet.write(start, column, label, bold)
            for row, line in enumerate(report.line_ids, start=start + 1):
                indicator = line.indicator_id
                sheet.write(row, 0, themes.get(indicator.theme, ""), cell)
                sheet.write(row, 1, indicator.code, cell)
                sheet.write(row, 2, indicator.name, cell)
                if indicator.value_type == "number" and line.has_value:
                    sheet.write_number(row, 3, line.value_number, cell)
                else:
                    sheet.write(row, 3, line._esg_display_value(), cell)
                sheet.write(row, 4, indicator.unit or "", cell)
                sheet.write_number(row, 5, line.score, number)
                sheet.write_number(row, 6, line.activity_amount, cell)
                sheet.write_number(row, 7, line.factor_value, cell)
                sheet.write_number(row, 8, line.emissions_kg, cell)
                sheet.write(row, 9, ", ".join(line.attachment_ids.mapped("name")), cell)
                sheet.write(row, 10, line.comment or "", cell)
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, 1, 16)
            sheet.set_column(2, 2, 40)
            sheet.set_column(3, 10, 14)
