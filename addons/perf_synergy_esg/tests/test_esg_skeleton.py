from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEsgSkeleton(TransactionCase):
    def test_groups(self):
        user_group = self.env.ref("perf_synergy_esg.group_esg_user")
        manager_group = self.env.ref("perf_synergy_esg.group_esg_manager")
        self.assertIn(self.env.ref("perf_synergy.group_synergy_user"), user_group.implied_ids)
        self.assertIn(self.env.ref("purchase.group_purchase_user"), user_group.implied_ids)
        self.assertIn(user_group, manager_group.implied_ids)

    def test_esg_menu_visible_to_procurement_only(self):
        menu = self.env.ref("perf_synergy_esg.menu_esg_root")
        esg_user = new_test_user(
            self.env, login="esg_menu_user", groups="perf_synergy_esg.group_esg_user"
        )
        synergy_user = new_test_user(
            self.env, login="esg_menu_other", groups="perf_synergy.group_synergy_user"
        )
        self.assertTrue(menu.with_user(esg_user).has_access("read"))
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(synergy_user)._visible_menu_ids()
        )

    def test_settings_save_and_load(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.synergy_esg_rating_validity_months = 18
            settings.synergy_esg_green_threshold = 75
        settings.save().execute()
        self.assertEqual(self.env.company.synergy_esg_rating_validity_months, 18)
        self.assertEqual(self.env.company.synergy_esg_green_threshold, 75)
        self.assertEqual(
            Form(self.env["res.config.settings"]).synergy_esg_rating_validity_months, 18
        )
