import io

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestLinkage(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Kpi = cls.env["synergy.kpi"]
        cls.kpi_profit = Kpi.create({"code": "T-PROFIT", "name": "Profit"})
        cls.kpi_nps = Kpi.create({"code": "T-NPS", "name": "Customer NPS"})
        cls.matrix = cls.env["synergy.linkage.matrix"].create(
            {
                "name": "Linkage",
                "year": cls.YEAR,
                "kpi_ids": [(6, 0, (cls.kpi_profit | cls.kpi_nps).ids)],
                "department_ids": [(6, 0, (cls.dep_sales | cls.dep_ops).ids)],
            }
        )

    def _link(self, kpi, department, relevance, ratio):
        line = self.matrix.line_ids.filtered(
            lambda link: link.kpi_id == kpi and link.department_id == department
        )
        line.write({"relevance": relevance, "ratio": ratio})
        return line

    def test_grid_and_bands(self):
        self.assertEqual(len(self.matrix.line_ids), 4)
        self.assertEqual(set(self.matrix.line_ids.mapped("relevance")), {"none"})
        self._link(self.kpi_profit, self.dep_sales, "strong", 25)
        with self.assertRefused(ValidationError, "strong link needs a ratio between 20% and 30%"):
            self._link(self.kpi_nps, self.dep_sales, "strong", 35)
        with self.assertRefused(ValidationError, "medium link needs a ratio between 10% and 15%"):
            self._link(self.kpi_nps, self.dep_sales, "medium", 5)
        with self.assertRefused(ValidationError, "not linked link needs a ratio between 0% and 0%"):
            self._link(self.kpi_nps, self.dep_ops, "none", 3)
        # The star widget sets the relevance and proposes a ratio inside its band.
        line = self.matrix.line_ids.filtered(
            lambda link: link.kpi_id == self.kpi_nps and link.department_id == self.dep_ops
        )
        line.relevance_stars = "2"
        self.assertEqual((line.relevance, line.ratio), ("medium", 12.5))

    def test_linked_score_moves_with_the_company(self):
        self._link(self.kpi_profit, self.dep_sales, "strong", 25)
        self._link(self.kpi_nps, self.dep_sales, "weak", 5)
        self.matrix.action_approve()
        company_card = self.scorecard("company")
        self.line(company_card, self.kpi_profit, weight=50, target=100)
        self.line(company_card, self.kpi_nps, weight=50, target=50)
        self.value(self.kpi_profit, self.year, 100, owner_level="company")  # score 100
        self.value(self.kpi_nps, self.year, 30, owner_level="company")  # score 60
        card = self.scorecard(department_id=self.dep_sales.id)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.year, 80, department_id=self.dep_sales.id)  # own 80
        (company_card | card)._refresh_actuals()
        self.assertAlmostEqual(card.kpi_score, 80)
        self.assertAlmostEqual(card.linked_score, 0.70 * 80 + 0.25 * 100 + 0.05 * 60)
        ops = self.scorecard(department_id=self.dep_ops.id)
        self.line(ops, self.kpi_sales, weight=100, target=100)
        ops._refresh_actuals()
        self.assertEqual(ops.linked_score, ops.kpi_score, "no link: own score only")

    def test_approved_matrix_is_frozen_and_versioned(self):
        self._link(self.kpi_profit, self.dep_sales, "strong", 25)
        self.matrix.action_approve()
        with self.assertRefused(UserError, "New Version"):
            self.matrix.line_ids[0].ratio = 22
        action = self.matrix.action_new_version()
        v2 = self.env["synergy.linkage.matrix"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, len(v2.line_ids)), (2, "draft", 4))
        v2.action_approve()
        self.assertEqual(self.matrix.state, "superseded")
        self.assertEqual(self.env["synergy.linkage.matrix"]._get_for(self.company, self.YEAR), v2)

    def test_approval_needs_a_scheme(self):
        matrix = self.env["synergy.linkage.matrix"].create({"name": "No scheme", "year": 2090})
        with self.assertRefused(UserError, "approved policy scheme"):
            matrix.action_approve()

    def test_xlsx_report(self):
        self._link(self.kpi_profit, self.dep_sales, "strong", 25)
        self._link(self.kpi_nps, self.dep_sales, "weak", 5)
        self._link(self.kpi_nps, self.dep_ops, "medium", 12)
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy.action_report_linkage_matrix_xlsx", self.matrix.ids, None
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["B4"].value, "Syn Operations")
        self.assertEqual(sheet["D4"].value, "Syn Sales")
        rows = {sheet.cell(row, 1).value: row for row in range(5, 8)}
        nps = rows["[T-NPS] Customer NPS"]
        self.assertEqual((sheet.cell(nps, 2).value, sheet.cell(nps, 3).value), (12, "Medium"))
        self.assertEqual((sheet.cell(nps, 4).value, sheet.cell(nps, 5).value), (5, "Weak"))
        total = rows["Total R"]
        self.assertEqual((sheet.cell(total, 2).value, sheet.cell(total, 4).value), (12, 30))
