"""XLSX reports write user text as text: spreadsheet formulas, array formulas and links typed
into names, reasons and tasks come out as text cells with exactly what was typed, and a name
Excel would refuse as a sheet name does not fail the download."""

import io

import openpyxl
import xlsxwriter

from odoo.tests import tagged

from .common import SynergyCase
from .hostile_text import HOSTILE_TEXTS, assert_text_only

PRODUCT_ADDONS = (
    "perf_synergy",
    "perf_synergy_esg",
    "perf_synergy_group",
    "perf_synergy_sale",
    "perf_synergy_calendar",
)


@tagged("post_install", "-at_install")
class TestHostileExports(SynergyCase):
    def _render(self, report, records):
        content, report_format = self.env["ir.actions.report"]._render_xlsx(
            report, records.ids, None
        )
        self.assertEqual(report_format, "xlsx")
        return content

    def test_every_xlsx_report_of_the_product_writes_text_as_text(self):
        """A report added tomorrow inherits the text-only base, or this fails."""
        reports = self.env["ir.actions.report"].search([("report_type", "=", "xlsx")])
        ours = reports.filtered(lambda r: r.report_name.split(".")[0] in PRODUCT_ADDONS)
        self.assertGreaterEqual(len(ours), 4)
        for report in ours:
            model = self.env[f"report.{report.report_name}"]
            with self.subTest(report=report.report_name):
                self.assertIsInstance(model, type(self.env["report.perf_synergy.xlsx_abstract"]))
                self.assertFalse(model.get_workbook_options()["strings_to_formulas"])

    def test_bonus_pool(self):
        texts = iter(HOSTILE_TEXTS)
        self.dep_sales.name = next(texts)
        self.emp_seller.name = next(texts)
        self.emp_head.name = next(texts)
        third = self.env["hr.employee"].create(
            {"name": next(texts), "department_id": self.dep_sales.id}
        )
        card = self.scorecard(department_id=self.dep_sales.id)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.year, 100, department_id=self.dep_sales.id)
        card._refresh_actuals()
        pool = self.env["synergy.bonus.pool"].create(
            {
                "name": next(texts),
                "period_id": self.year.id,
                "amount": 1000.0,
                "allocation_ids": [(0, 0, {"department_id": self.dep_sales.id, "share": 100})],
            }
        )
        pool.action_compute()
        reasons = [next(texts), next(texts), "Plain reason"]
        self.env["synergy.bonus.proposal"].create(
            [
                {
                    "allocation_id": pool.allocation_ids.id,
                    "employee_id": employee.id,
                    "amount": 10.0,
                    "reason": reason,
                }
                for employee, reason in zip(
                    (self.emp_seller, self.emp_head, third), reasons, strict=True
                )
            ]
        )
        content = self._render("perf_synergy.action_report_bonus_pool_xlsx", pool)
        assert_text_only(self, content, HOSTILE_TEXTS)

    def test_linkage_matrix(self):
        Kpi = self.env["synergy.kpi"]
        kpis = Kpi.create({"code": "H-1", "name": "=1+1"}) | Kpi.create(
            {"code": "H-2", "name": "Other"}
        )
        self.dep_sales.name, self.dep_ops.name = HOSTILE_TEXTS[0], HOSTILE_TEXTS[1]
        matrix = self.env["synergy.linkage.matrix"].create(
            {
                "name": HOSTILE_TEXTS[2],
                "year": self.YEAR,
                "kpi_ids": [(6, 0, kpis.ids)],
                "department_ids": [(6, 0, (self.dep_sales | self.dep_ops).ids)],
            }
        )
        content = self._render("perf_synergy.action_report_linkage_matrix_xlsx", matrix)
        assert_text_only(self, content, [*HOSTILE_TEXTS[:2], matrix.display_name])

    def test_raci_matrix(self):
        departments = self.env["hr.department"].create(
            [{"name": text} for text in HOSTILE_TEXTS[:4]]
        )
        matrix = self.env["synergy.raci.matrix"].create(
            {
                "name": HOSTILE_TEXTS[4],
                "department_ids": [(6, 0, departments.ids)],
                "task_ids": [(0, 0, {"name": text}) for text in HOSTILE_TEXTS[5:]],
            }
        )
        content = self._render("perf_synergy.action_report_raci_matrix_xlsx", matrix)
        assert_text_only(self, content, HOSTILE_TEXTS)

    def test_sheet_names_made_of_user_text(self):
        """Names Excel refuses as sheet names (quotes around, control characters, nothing
        left) still give a workbook, with a valid name per sheet."""
        Report = self.env["report.perf_synergy.xlsx_abstract"]
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, Report.get_workbook_options())
        names = ["'Quoted'", "a/b:c[d]*?", "\x00\x01", "", "x" * 40 + "'", "'", "'Quoted'"]
        for name in names:
            Report._add_worksheet(workbook, name)
        workbook.close()
        titles = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).sheetnames
        self.assertEqual(len(titles), len(names))
        self.assertEqual(titles[0], "Quoted")
        self.assertEqual(titles[-1], "Quoted~01")
        for title in titles:
            self.assertTrue(title and len(title) <= 31 and title[0] != "'" and title[-1] != "'")
