from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupPenetration(GroupCase):
    """Penetrative KPIs pushed into subsidiaries, their coverage, and the isolation of the
    subsidiaries' users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_card = cls.env["synergy.scorecard"].create(
            {"owner_level": "company", "company_id": cls.holding.id, "period_id": cls.g_year.id}
        )
        cls.group_line = cls.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": cls.group_card.id,
                "kpi_id": cls.k_roi.id,
                "weight": 30,
                "target": 5,
                "is_penetrative": True,
            }
        )
        Target = cls.env["synergy.group.target"]
        cls.t_us = Target.create(
            {"group_line_id": cls.group_line.id, "entity_id": cls.e_us.id, "target": 5}
        )
        cls.t_hk = Target.create(
            {
                "group_line_id": cls.group_line.id,
                "entity_id": cls.e_hk.id,
                "target": 4,
                "weight": 25,
            }
        )
        cls.user_us = new_test_user(
            cls.env,
            login="grp_us_officer",
            groups="perf_synergy.group_synergy_officer",
            company_id=cls.sub_us.id,
            company_ids=[(6, 0, cls.sub_us.ids)],
        )
        cls.controller = new_test_user(
            cls.env,
            login="grp_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )

    def pushed(self, target):
        return target.pushed_line_id

    # ------------------------------------------------------------------ push
    def test_push_creates_linked_lines_in_each_subsidiary(self):
        self.group_line.with_user(self.controller).with_context(
            allowed_company_ids=self.holding.ids
        ).action_push_to_subsidiaries()
        us_line, hk_line = self.t_us.pushed_line_id, self.t_hk.pushed_line_id
        self.assertEqual(us_line.company_id, self.sub_us)
        self.assertEqual(us_line.scorecard_id.owner_level, "company")
        self.assertEqual(us_line.period_id, self.periods[self.sub_us]["year"])
        self.assertEqual(us_line.kpi_id, self.local_kpis[self.sub_us]["G-ROI"])
        self.assertEqual(us_line.group_line_id, self.group_line)
        self.assertEqual((us_line.target, us_line.weight), (5, 10))
        self.assertEqual((hk_line.target, hk_line.weight), (4, 25))
        self.assertEqual(self.group_line.pushed_line_ids, us_line | hk_line)
        # actuals come from each subsidiary's own values: US ROI 4 % for 5, HK 5 % for 4
        self.assertEqual((us_line.actual, us_line.achievement), (4, 80))
        self.assertEqual(self.t_us.achievement, 80)
        self.assertEqual(self.t_hk.achievement, 125)
        self.assertEqual((self.t_hk.rank, self.t_us.rank), (1, 2))
        # pushing again updates, never duplicates
        self.t_us.target = 8
        self.group_line.action_push_to_subsidiaries()
        self.assertEqual(self.group_line.pushed_line_ids, us_line | hk_line)
        self.assertEqual(us_line.target, 8)
        self.assertEqual(self.t_us.achievement, 50)

    def test_push_copies_a_missing_kpi_and_the_subsidiary_cascades_it(self):
        incidents = self.env["synergy.kpi"].create(
            {
                "code": "G-INC",
                "name": "Safety incidents",
                "direction": "lower_better",
                "company_id": self.holding.id,
            }
        )
        line = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": self.group_card.id,
                "kpi_id": incidents.id,
                "target": 2,
                "floor": 6,
                "is_penetrative": True,
            }
        )
        target = self.env["synergy.group.target"].create(
            {"group_line_id": line.id, "entity_id": self.e_hk.id, "target": 1, "floor": 4}
        )
        target.action_push()
        pushed = target.pushed_line_id
        self.assertEqual(pushed.kpi_id.company_id, self.sub_hk)
        self.assertEqual((pushed.kpi_id.code, pushed.kpi_id.direction), ("G-INC", "lower_better"))
        self.assertEqual((pushed.target, pushed.floor), (1, 4))
        # inside the subsidiary the line is cascaded to a department as usual
        department = self.env["hr.department"].create(
            {"name": "HK Plant", "company_id": self.sub_hk.id}
        )
        card = self.env["synergy.scorecard"].create(
            {
                "owner_level": "department",
                "company_id": self.sub_hk.id,
                "department_id": department.id,
                "period_id": self.periods[self.sub_hk]["year"].id,
            }
        )
        driver = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": card.id,
                "kpi_id": pushed.kpi_id.id,
                "target": 1,
                "floor": 4,
                "parent_line_id": pushed.id,
            }
        )
        self.assertIn(driver, pushed.child_line_ids)

    def test_push_needs_the_subsidiary_periods(self):
        newcomer = self.env["res.company"].create({"name": "Test Newcomer"})
        entity = self.env["synergy.group.entity"].create(
            {"company_id": newcomer.id, "parent_id": self.e_holding.id}
        )
        self.env["synergy.group.target"].create(
            {"group_line_id": self.group_line.id, "entity_id": entity.id, "target": 3}
        )
        with self.assertRefused(UserError, "Test Newcomer has no year period"):
            self.group_line.action_push_to_subsidiaries()

    def test_only_controllers_push(self):
        with self.assertRefused(AccessError, "Only group controllers|You may not run"):
            self.t_us.with_user(self.user_us).action_push()

    def test_coverage(self):
        self.group_line.action_push_to_subsidiaries()
        incidents = self.env["synergy.kpi"].create(
            {"code": "G-INC", "name": "Incidents", "company_id": self.holding.id}
        )
        line = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": self.group_card.id,
                "kpi_id": incidents.id,
                "target": 2,
                "is_penetrative": True,
            }
        )
        Target = self.env["synergy.group.target"]
        targets = Target.create(
            [
                {"group_line_id": line.id, "entity_id": self.e_us.id, "target": 2},
                {"group_line_id": line.id, "entity_id": self.e_hk.id, "target": 2},
            ]
        )
        targets.action_push()
        # The US reported January only
        us_kpi = targets[0].pushed_line_id.kpi_id
        self.env["synergy.kpi.value"].create(
            self._value_vals(self.sub_us, "G-ROI", self.periods[self.sub_us]["months"][0], 1)
            | {"kpi_id": us_kpi.id}
        )
        coverage = (
            self.env["synergy.group.coverage"]
            .with_context(allowed_company_ids=self.holding.ids)
            ._rebuild(today=date(self.YEAR, 12, 31))
        )
        states = {(row.kpi_id, row.entity_id): row.state for row in coverage}
        self.assertEqual(states[(self.k_roi, self.e_us)], "ok")
        self.assertEqual(states[(self.k_roi, self.e_hk)], "ok")
        self.assertEqual(states[(self.k_roi, self.e_jv)], "no_target")
        self.assertEqual(states[(incidents, self.e_us)], "stale")
        self.assertEqual(states[(incidents, self.e_hk)], "no_actual")
        self.assertEqual(states[(incidents, self.e_jv)], "no_target")
        stale = coverage.filtered(lambda row: row.state == "stale")
        self.assertEqual(stale.last_value_date, date(self.YEAR, 1, 31))
        # the action rebuilds and opens the list
        action = self.env["synergy.group.coverage"].action_refresh()
        self.assertEqual(action["res_model"], "synergy.group.coverage")

    # ------------------------------------------------------------------ isolation
    def test_subsidiary_user_is_refused_other_companies(self):
        self.group_line.action_push_to_subsidiaries()
        holding_value = self.env["synergy.kpi.value"].search(
            [("company_id", "=", self.holding.id), ("kpi_id", "=", self.k_roi.id)]
        )
        hk_line = self.t_hk.pushed_line_id
        env_us = self.env(user=self.user_us, context={"allowed_company_ids": self.sub_us.ids})
        for record in (self.group_line, hk_line, holding_value, self.group_card):
            with self.assertRefused(AccessError, "company|not allowed|restricted"):
                record.with_env(env_us).read(["company_id"])
        with self.assertRefused(AccessError, "company|not allowed|restricted"):
            self.group_line.with_env(env_us).write({"target": 1})
        with self.assertRefused(AccessError, "company|not allowed|restricted"):
            holding_value.with_env(env_us).write({"value": 1})
        with self.assertRefused(AccessError, "company|not allowed|restricted"):
            self.e_holding.with_env(env_us).read(["ownership"])
        with self.assertRefused(AccessError, "not allowed|access"):
            self.env["synergy.consolidation.run"].with_env(env_us).search([])
        # the subsidiary sees and works on its own lines, not the group's targets
        lines = self.env["synergy.scorecard.line"].with_env(env_us).search([])
        self.assertEqual(lines.company_id, self.sub_us)
        us_line = self.t_us.pushed_line_id.with_env(env_us)
        self.assertEqual(us_line.target, 5)
        self.assertEqual(us_line.group_line_id.display_name, self.group_line.display_name)
        with self.assertRefused(UserError, "set by the group|group finance"):
            us_line.target = 1
        with self.assertRefused(UserError, "only group finance removes it"):
            us_line.unlink()
        with self.assertRefused(UserError, "remove the subsidiaries' targets first"):
            self.group_line.unlink()
        us_value = self.env["synergy.kpi.value"].search(
            [("company_id", "=", self.sub_us.id), ("period_id.period_type", "=", "year"),
             ("kpi_id.code", "=", "G-ROI")]
        )  # fmt: skip
        us_value.with_env(env_us).value = 6
        self.assertEqual(us_line.actual, 6)
        self.assertEqual(self.t_us.achievement, 120)

    def test_group_controller_sees_every_company(self):
        self.group_line.action_push_to_subsidiaries()
        env_ctrl = self.env(
            user=self.controller, context={"allowed_company_ids": self.companies.ids}
        )
        lines = (
            self.env["synergy.scorecard.line"]
            .with_env(env_ctrl)
            .search([("company_id", "in", self.companies.ids)])
        )
        self.assertEqual(lines.company_id, self.holding | self.sub_us | self.sub_hk)
        self.t_hk.pushed_line_id.with_env(env_ctrl).target = 3
        self.assertEqual(self.t_hk.pushed_line_id.target, 3)
        values = (
            self.env["synergy.kpi.value"]
            .with_env(env_ctrl)
            .search([("company_id", "in", self.companies.ids)])
        )
        self.assertEqual(values.company_id, self.companies)
