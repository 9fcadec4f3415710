from odoo import models

ORIGIN_COLUMNS = [
    ("kpi", "KPI"),
    ("entity", "Entity"),
    ("parent", "Parent Entity"),
    ("method", "Method"),
    ("ownership", "Ownership (%)"),
    ("local_value", "Local Value"),
    ("currency", "Local Currency"),
    ("rate_type", "Rate Type"),
    ("rate", "Rate"),
    ("translated", "Translated Value"),
    ("elimination_local", "Elimination (Local)"),
    ("elimination", "Elimination"),
    ("share", "Share (%)"),
    ("effective_share", "Share in Group (%)"),
    ("contribution", "Contribution"),
]


class ConsolidationRunXlsx(models.AbstractModel):
    """A consolidation run as a spreadsheet: the group totals, then one row per entity value
    with every step from the local value to the contribution (drill-down columns)."""

    _name = "report.perf_synergy_group.consolidation_run_xlsx"
    _inherit = "report.perf_synergy.xlsx_abstract"
    _description = "Consolidation Run XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        title = workbook.add_format({"bold": True, "font_size": 14})
        head = workbook.add_format({"bold": True, "bg_color": "#E8E0E6", "border": 1})
        number = workbook.add_format({"num_format": "#,##0.0000", "border": 1})
        text = workbook.add_format({"border": 1})
        for run in objs:
            sheet = self._add_worksheet(workbook, run.name)
            sheet.write(0, 0, run.name, title)
            sheet.write(
                1,
                0,
                self.env._(
                    "%(period)s, group currency %(currency)s, status %(state)s",
                    period=run.period_id.name,
                    currency=run.currency_id.name,
                    state=dict(run._fields["state"]._description_selection(self.env))[run.state],
                ),
            )
            # Group totals and subtree values
            sheet.write(3, 0, self.env._("Consolidated values"), head)
            headers = [
                self.env._("KPI"),
                self.env._("Entity"),
                self.env._("Value"),
                self.env._("Numerator"),
                self.env._("Denominator"),
                self.env._("Basis"),
                self.env._("Entities"),
            ]
            for column, label in enumerate(headers):
                sheet.write(4, column, label, head)
            row = 5
            nodes = run.line_ids.filtered(lambda line: line.line_type == "node").sorted(
                lambda line: (line.kpi_id.code, not line.is_group_total, line.entity_id.id)
            )
            for line in nodes:
                sheet.write(row, 0, line.kpi_id.display_name, text)
                sheet.write(row, 1, line.entity_id.display_name, text)
                if line.has_value:
                    sheet.write_number(row, 2, line.consolidated_value, number)
                else:
                    sheet.write(row, 2, "", text)
                sheet.write_number(row, 3, line.numerator, number)
                sheet.write_number(row, 4, line.denominator, number)
                sheet.write_number(row, 5, line.basis, number)
                sheet.write_number(row, 6, line.entity_count, text)
                row += 1
            # Drill-down: where every number comes from
            row += 1
            sheet.write(row, 0, self.env._("Origin of the values"), head)
            row += 1
            labels = {
                "kpi": self.env._("KPI"),
                "entity": self.env._("Entity"),
                "parent": self.env._("Parent Entity"),
                "method": self.env._("Method"),
                "ownership": self.env._("Ownership (%)"),
                "local_value": self.env._("Local Value"),
                "currency": self.env._("Local Currency"),
                "rate_type": self.env._("Rate Type"),
                "rate": self.env._("Rate"),
                "translated": self.env._("Translated Value"),
                "elimination_local": self.env._("Elimination (Local)"),
                "elimination": self.env._("Elimination"),
                "share": self.env._("Share (%)"),
                "effective_share": self.env._("Share in Group (%)"),
                "contribution": self.env._("Contribution"),
            }
            for column, (key, _label) in enumerate(ORIGIN_COLUMNS):
                sheet.write(row, column, labels[key], head)
            row += 1
            methods = dict(run.line_ids._fields["method"]._description_selection(self.env))
            rate_types = dict(run.line_ids._fields["rate_type"]._description_selection(self.env))
            origins = run.line_ids.filtered(lambda line: line.line_type == "origin").sorted(
                lambda line: (line.kpi_id.code, line.entity_id.id)
            )
            for line in origins:
                cells = {
                    "kpi": line.kpi_id.display_name,
                    "entity": line.entity_id.display_name,
                    "parent": line.parent_entity_id.display_name or "",
                    "method": methods.get(line.method, ""),
                    "ownership": line.ownership,
                    "local_value": line.local_value,
                    "currency": line.local_currency_id.name,
                    "rate_type": rate_types.get(line.rate_type, ""),
                    "rate": line.rate,
                    "translated": line.translated_value,
                    "elimination_local": line.elimination_local,
                    "elimination": line.elimination,
                    "share": line.share,
                    "effective_share": line.effective_share,
                    "contribution": line.contribution if line.has_contribution else "",
                }
                for column, (key, _label) in enumerate(ORIGIN_COLUMNS):
                    value = cells[key]
                    if isinstance(value, float):
                        sheet.write_number(row, column, value, number)
                    else:
                        sheet.write(row, column, value, text)
                row += 1
            sheet.set_column(0, 2, 24)
            sheet.set_column(3, len(ORIGIN_COLUMNS), 15)
