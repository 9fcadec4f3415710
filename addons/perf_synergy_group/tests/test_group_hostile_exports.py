"""The consolidation run XLSX writes company, entity and run names as text, never as a live
formula or link, whatever they start with."""

from odoo.addons.perf_synergy.tests.hostile_text import HOSTILE_TEXTS, assert_text_only
from odoo.tests import tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupHostileExports(GroupCase):
    def test_consolidation_run_xlsx_writes_names_as_text(self):
        companies = [self.holding, self.sub_us, self.sub_hk, self.jv]
        for company, text in zip(companies, HOSTILE_TEXTS, strict=False):
            company.name = text
        run = self.new_run(name=HOSTILE_TEXTS[4])
        run.action_compute()
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy_group.action_report_consolidation_run_xlsx", run.ids, None
        )
        assert_text_only(self, content, HOSTILE_TEXTS[:5])
