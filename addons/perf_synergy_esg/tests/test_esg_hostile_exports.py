"""The ESG scorecard XLSX writes what suppliers type as text: a comment, an answer, an evidence
file name or a supplier name starting with '=' is a text cell, never a live formula or link."""

from odoo.addons.perf_synergy.tests.hostile_text import HOSTILE_TEXTS, assert_text_only
from odoo.tests import tagged

from .common import PDF, EsgCase


@tagged("post_install", "-at_install")
class TestEsgHostileExports(EsgCase):
    def test_scorecard_xlsx_writes_supplier_text_as_text(self):
        texts = iter(HOSTILE_TEXTS)
        self.supplier.name = next(texts)
        rows = [dict(row) for row in self.FULL_ROWS]
        for row in rows[:4]:
            row["comment"] = next(texts)
        policy = next(row for row in rows if row["indicator"] == "T-POL")
        policy["value"] = next(texts)
        self.fill(self.report, rows, evidence=False)
        # Evidence names keep their extension (the type check needs it).
        evidence = ["=1+2.pdf", "@SUM(1).pdf"]
        for name in evidence:
            self.report._esg_add_evidence("T-ISO", name, PDF, "application/pdf")
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy_esg.action_report_esg_scorecard_xlsx", self.report.ids, None
        )
        iso = self.report.line_ids.filtered(lambda line: line.indicator_id == self.ind_iso)
        assert_text_only(
            self,
            content,
            [*HOSTILE_TEXTS[:6], ", ".join(iso.attachment_ids.mapped("name"))],
        )
