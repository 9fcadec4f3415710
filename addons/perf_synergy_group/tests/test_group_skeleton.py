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
