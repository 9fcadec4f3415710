"""ESG answers in the reader's language (issue 18, item 5): the catalogue's keys (yes / no,
pass / conditional / fail) are stored and posted as keys, read translated."""

from odoo.addons.perf_synergy.tests.common import load_chinese
from odoo.tests import tagged

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgReaderLanguage(EsgCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, "perf_synergy_esg")

    def test_answers_and_audit_result_read_translated(self):
        self.fill(self.report)
        lines = {line.indicator_id.code: line for line in self.report.line_ids}
        # Stored and posted as keys: the portal and the API keep working on them.
        self.assertEqual(lines["T-AUDIT"].value_text, "pass")
        self.assertEqual(lines["T-ISO"]._esg_display_value(), "yes")
        self.assertEqual(self.report.audit_result, "pass")
        self.assertEqual(lines["T-AUDIT"].value_display, "Pass")
        self.assertEqual(lines["T-ISO"].value_display, "Yes")
        self.assertEqual(self.report.audit_result_label, "Pass")
        zh_lines = {
            line.indicator_id.code: line for line in self.report.with_context(lang="zh_CN").line_ids
        }
        self.assertEqual(zh_lines["T-AUDIT"].value_display, "通过")
        self.assertEqual(zh_lines["T-ISO"].value_display, "是")
        # A typed text answer stays as typed.
        self.assertEqual(zh_lines["T-POL"].value_display, "Code of ethics v3")
        self.assertEqual(self.report.with_context(lang="zh_CN").audit_result_label, "通过")
        # An option added to the catalogue is shown as typed.
        self.assertEqual(self.ind_audit._esg_option_label("partial"), "partial")
