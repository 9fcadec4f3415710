from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGroupSkeleton(TransactionCase):
    def test_controller_group(self):
        controller = self.env.ref("perf_synergy_group.group_synergy_group_controller")
        self.assertIn(self.env.ref("perf_synergy.group_synergy_officer"), controller.implied_ids)
        user = new_test_user(
            self.env,
            login="group_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
        )
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertIn(self.env.ref("perf_synergy.menu_synergy_root").id, visible)

    def test_settings_save_and_load(self):
        eur = self.env.ref("base.EUR")
        with Form(self.env["res.config.settings"]) as settings:
            settings.synergy_group_currency_id = eur
        settings.save().execute()
        self.assertEqual(self.env.company.synergy_group_currency_id, eur)
        self.assertEqual(Form(self.env["res.config.settings"]).synergy_group_currency_id, eur)

    def test_demo_group(self):
        holding = self.env.ref("perf_synergy_group.company_holding", raise_if_not_found=False)
        if not holding:
            self.skipTest("installed without demo data")
        entities = self.env["synergy.group.entity"].search([])
        self.assertEqual(
            sorted(entities.mapped("method")), ["equity", "full", "full", "proportional"]
        )
        self.assertEqual(
            self.env.ref("perf_synergy_group.entity_hk").currency_id, self.env.ref("base.HKD")
        )
        runs = self.env["synergy.consolidation.run"].search([("company_id", "=", holding.id)])
        # quarters approved (Q1, and Q2 and Q3 since the group dashboard's trend), the year draft
        self.assertEqual(set(runs.mapped("state")), {"approved", "draft"})
        approved = runs.filtered(lambda run: run.state == "approved")
        self.assertEqual(set(approved.period_id.mapped("period_type")), {"quarter"})
        self.assertTrue(all(run.total_line_ids for run in approved))
        draft = runs - approved
        draft.action_compute()
        roi = draft.total_line_ids.filtered(lambda line: line.kpi_id.code == "G-ROI")
        self.assertAlmostEqual(
            roi.consolidated_value, roi.numerator / roi.denominator * 100, places=6
        )
