import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgImport(EsgCase):
    def _wizard(self, content, filename):
        return (
            self.env["synergy.esg.import.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                }
            )
        )

    def _line(self, report, code):
        return report.line_ids.filtered(lambda ln: ln.indicator_id.code == code)

    def test_csv_all_or_nothing(self):
        bad = (
            b"supplier,indicator,value,unit,comment\n"
            b"TGS,T-RENEW,30,%,from CSV\n"
            b"Test Other Supplier,T-INC,abc,,\n"
            b"Unknown Ltd,T-RENEW,10,,\n"
            b"TGS,T-S2,3,MWh,\n"
        )
        wizard = self._wizard(bad, "answers.csv")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 0)
        self.assertRegex(wizard.result, "Row 3: T-INC: abc is not a number")
        self.assertRegex(wizard.result, "Row 4: supplier Unknown Ltd has no report")
        self.assertRegex(wizard.result, "Row 5: T-S2: unit MWh")
        self.assertNotIn("Row 2", wizard.result)
        self.assertFalse(self._line(self.report, "T-RENEW").has_value, "nothing half-imported")
        good = (
            b"Supplier;Indicator;Value;Unit;Comment\n"
            b"TGS;T-RENEW;30;%;from CSV\n"
            b"Test Other Supplier;T-INC;2;;\n"
        )
        wizard = self._wizard(good, "answers.csv")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2, wizard.result)
        self.assertEqual(self._line(self.report, "T-RENEW").value_number, 30)
        self.assertEqual(self._line(self.report, "T-RENEW").comment, "from CSV")
        self.assertEqual(self._line(self.other_report, "T-INC").value_number, 2)

    def test_xlsx_import_and_closed_report(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["supplier", "indicator", "value", "activity"])
        sheet.append(["TGS", "T-AUDIT", "Pass", None])
        sheet.append(["TGS", "T-S2", None, 2000])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self._wizard(buffer.getvalue(), "answers.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2, wizard.result)
        self.assertEqual(self._line(self.report, "T-AUDIT").value_text, "pass")
        self.assertAlmostEqual(self._line(self.report, "T-S2").emissions_kg, 1000.0)
        self.fill(self.report)
        self.report.action_submit()
        wizard = self._wizard(buffer.getvalue(), "answers.xlsx")
        wizard.action_import()
        self.assertRegex(wizard.result, "Row 2: the report of Test Green Supplier is already")
        with self.assertRefused(UserError, "missing: supplier"):
            self._wizard(b"indicator,value\nT-INC,1\n", "x.csv").action_import()
        with self.assertRefused(UserError, "xlsx or a .csv"):
            self._wizard(b"x", "x.txt").action_import()


@tagged("post_install", "-at_install")
class TestEsgAccess(EsgCase):
    def test_portal_sees_only_own_supplier(self):
        Report = self.env["synergy.esg.report"].with_user(self.portal_user)
        self.assertEqual(Report.search([]), self.report)
        self.assertEqual(
            self.env["synergy.esg.report.line"].with_user(self.portal_user).search([]),
            self.report.line_ids,
        )
        with self.assertRefused(AccessError, "access|allowed"):
            self.other_report.with_user(self.portal_user).check_access("read")
        with self.assertRefused(AccessError, "Supplier ESG Report"):
            self.other_report.with_user(self.portal_user).read(["name"])
        with self.assertRefused(AccessError, "access|allowed"):
            self.other_report.with_user(self.portal_user)._esg_apply_line_values(
                [{"indicator": "T-INC", "value": 0}]
            )
        with self.assertRefused(AccessError, "access|allowed"):
            self.other_report.with_user(self.portal_user)._esg_add_evidence(
                "T-ISO", "x.pdf", b"%PDF-1.4\n%%EOF\n", None
            )
        self.assertFalse(self._line_value(self.other_report, "T-INC"))
        # Readable: own report fields the portal shows.
        report = self.report.with_user(self.portal_user)
        self.assertTrue(report.name and report.period_name and report.access_url)
        indicator = self.ind_renew.with_user(self.portal_user)
        self.assertEqual(indicator._esg_selection_options(), [])
        with self.assertRefused(AccessError, "access|allowed"):
            indicator.write({"name": "hacked"})
        with self.assertRefused(AccessError, "access|allowed"):
            self.report.with_user(self.portal_user).unlink()

    def _line_value(self, report, code):
        return report.line_ids.filtered(lambda ln: ln.indicator_id.code == code).has_value

    def test_procurement_user_reads_manager_writes(self):
        self.assertTrue(self.report.with_user(self.buyer).has_access("read"))
        self.assertFalse(self.report.with_user(self.buyer).has_access("write"))
        self.assertTrue(self.report.with_user(self.manager).has_access("write"))
        self.assertFalse(self.ind_renew.with_user(self.buyer).has_access("write"))

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "ESG Elsewhere"})
        self.manager.write({"company_ids": [(4, other.id)]})
        indicator = self.env["synergy.esg.indicator"].create(
            {"code": "T-OTHER", "name": "Other company", "company_id": other.id}
        )
        self.assertFalse(
            self.env["synergy.esg.indicator"]
            .with_user(self.buyer)
            .search([("id", "=", indicator.id)])
        )
        self.assertTrue(
            self.env["synergy.esg.indicator"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[other.id])
            .search([("id", "=", indicator.id)])
        )
