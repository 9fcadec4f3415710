from odoo.tests import Form, HttpCase, TransactionCase, tagged

from .common import make_synergy_user

SYNERGY_GROUPS = {
    "perf_synergy.group_synergy_user": {"base.group_user"},
    "perf_synergy.group_synergy_manager": {"perf_synergy.group_synergy_user"},
    "perf_synergy.group_synergy_officer": {"perf_synergy.group_synergy_manager"},
    "perf_synergy.group_synergy_committee": {"perf_synergy.group_synergy_user"},
}


@tagged("post_install", "-at_install")
class TestSkeleton(TransactionCase):
    def test_modules_are_installed(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["perf_synergy", "perf_synergy_esg", "perf_synergy_group"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)

    def test_groups_imply_the_right_groups(self):
        for xmlid, implied in SYNERGY_GROUPS.items():
            group = self.env.ref(xmlid)
            self.assertEqual(set(group.implied_ids.get_external_id().values()), implied, xmlid)
            self.assertEqual(
                group.privilege_id.category_id,
                self.env.ref("perf_synergy.module_category_performance_synergy"),
            )

    def test_officer_implies_the_whole_chain(self):
        officer = make_synergy_user(
            self.env, "synergy_officer_chain", "perf_synergy.group_synergy_officer"
        )
        for xmlid in SYNERGY_GROUPS:
            if xmlid == "perf_synergy.group_synergy_committee":
                self.assertFalse(officer.has_group(xmlid))
            else:
                self.assertTrue(officer.has_group(xmlid), xmlid)

    def test_each_group_sees_the_app_menu(self):
        root = self.env.ref("perf_synergy.menu_synergy_root")
        settings_menu = self.env.ref("perf_synergy.menu_synergy_settings")
        for index, xmlid in enumerate(SYNERGY_GROUPS):
            user = make_synergy_user(self.env, f"synergy_menu_{index}", xmlid)
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, f"{xmlid} cannot open the app")
            self.assertNotIn(settings_menu.id, visible, f"{xmlid} must not see settings")

    def test_plain_employee_does_not_see_the_app(self):
        user = make_synergy_user(self.env, "synergy_no_access", "base.group_user")
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertNotIn(self.env.ref("perf_synergy.menu_synergy_root").id, visible)

    def test_settings_save_and_load(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.synergy_score_cap = 130
            settings.synergy_min_synergy_weight = 25
            settings.synergy_evaluation_min_responses = 5
            settings.synergy_alert_sensitivity = 2.5
        settings.save().execute()
        company = self.env.company
        self.assertEqual(company.synergy_score_cap, 130)
        self.assertEqual(company.synergy_min_synergy_weight, 25)
        self.assertEqual(company.synergy_evaluation_min_responses, 5)
        self.assertEqual(company.synergy_alert_sensitivity, 2.5)
        reloaded = Form(self.env["res.config.settings"])
        self.assertEqual(reloaded.synergy_score_cap, 130)
        self.assertEqual(reloaded.synergy_min_synergy_weight, 25)

    def test_department_tier(self):
        department = self.env["hr.department"].create(
            {"name": "Customer Service", "synergy_tier": "middle"}
        )
        self.assertEqual(department.synergy_tier, "middle")


@tagged("post_install", "-at_install")
class TestSkeletonUi(HttpCase):
    def test_each_group_opens_the_app_in_the_browser(self):
        for index, xmlid in enumerate(SYNERGY_GROUPS):
            login = f"synergy_tour_{index}"
            make_synergy_user(self.env, login, xmlid, password=login)
            self.start_tour("/odoo", "perf_synergy_open_app", login=login)


@tagged("post_install", "-at_install")
class TestGoalScreens(HttpCase):
    def test_officer_walks_the_goal_screens(self):
        make_synergy_user(
            self.env,
            "synergy_tour_officer",
            "perf_synergy.group_synergy_officer",
            password="synergy_tour_officer",
        )
        self.env["synergy.period.generate"].create({"year": 2034}).action_generate()
        year = self.env["synergy.period"].search(
            [("period_type", "=", "year"), ("name", "=", "2034")]
        )
        objective = self.env["synergy.objective"].create(
            {"name": "Tour objective", "perspective": "customer"}
        )
        kpi = self.env["synergy.kpi"].create(
            {"code": "TOUR", "name": "Tour KPI", "objective_id": objective.id}
        )
        department = self.env["hr.department"].create({"name": "Tour Department"})
        card = self.env["synergy.scorecard"].create(
            {"owner_level": "department", "department_id": department.id, "period_id": year.id}
        )
        self.env["synergy.scorecard.line"].create(
            {"scorecard_id": card.id, "kpi_id": kpi.id, "weight": 100, "target": 100}
        )
        self.env["synergy.kpi.value"].create(
            {
                "kpi_id": kpi.id,
                "period_id": year.id,
                "owner_level": "department",
                "department_id": department.id,
                "value": 90,
            }
        )
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_scorecard",
            "perf_synergy_goals",
            login="synergy_tour_officer",
        )
