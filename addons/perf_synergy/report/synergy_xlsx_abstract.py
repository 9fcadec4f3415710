import re
from io import BytesIO

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from odoo import api, models

# Excel refuses these in a sheet name, and control characters. Odoo's own patch of xlsxwriter
# removes the first ones; quotes around the name and control characters still fail the download.
SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
SHEET_NAME_MAX = 31


class TextWorksheet(Worksheet):
    """A worksheet on which every string is text: ``write()`` of ``'=...'`` or ``'{=...}'``
    would otherwise store a live formula, and ``'http://...'`` a hyperlink. A formula can
    only come from an explicit ``write_formula()``, which no report calls on user text."""

    def _write_token_as_string(self, token, row, col, *args):
        # Every path of write()/write_row()/write_column() for str and its subclasses ends here.
        if token == "":
            return self._write_blank(row, col, *args)
        return self._write_string(row, col, *args)


class SynergyXlsxAbstract(models.AbstractModel):
    """The base of every XLSX report of the product: user text (names, comments, reasons,
    file names) is written as text, never as a formula or a link (CSV/formula injection),
    and a sheet name built from user text is made valid instead of failing the download."""

    _name = "report.perf_synergy.xlsx_abstract"
    _inherit = "report.report_xlsx.abstract"
    _description = "Performance Synergy XLSX Report Base"

    # Called by the report engine only: over RPC, create_xlsx_report would take any docids and
    # active_model, generate_xlsx_report fail on its missing arguments.
    @api.private
    def get_workbook_options(self):
        options = super().get_workbook_options()
        options.update(strings_to_formulas=False, strings_to_urls=False, strings_to_numbers=False)
        return options

    @api.private
    def create_xlsx_report(self, docids, data):
        # Same as report_xlsx's, with the text-only worksheet for every sheet of the workbook.
        objs = self._get_objs_for_report(docids, data)
        file_data = BytesIO()
        workbook = xlsxwriter.Workbook(file_data, self.get_workbook_options())
        workbook.worksheet_class = TextWorksheet
        self.generate_xlsx_report(workbook, data, objs)
        workbook.close()
        return file_data.getvalue(), "xlsx"

    @api.private
    def generate_xlsx_report(self, workbook, data, objs):
        return super().generate_xlsx_report(workbook, data, objs)

    def _add_worksheet(self, workbook, name):
        """Add a sheet named after user text: characters Excel refuses become spaces, quotes
        around it go, it is cut to 31 characters; an empty result takes the default name
        (``Sheet1``). Duplicates get a ``~01`` suffix from report_xlsx."""
        name = SHEET_NAME_REFUSED.sub(" ", name or "").strip().strip("'").strip()
        return workbook.add_worksheet(name[:SHEET_NAME_MAX].rstrip("'") or None)
