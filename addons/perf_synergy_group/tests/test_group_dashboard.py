from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupDashboard(GroupCase):
    """The group controller's dashboard (issue 20): its figures against the test group built
    here, one kind of period per trend and one unit per chart, the notice outside the parent
    company, the reader's rights, and a constant number of queries in the number of
    subsidiaries, KPIs and periods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Penetrative ROI: US 4 % for 5 (80 %), HK 5 % for 4 (125 %), the JV without target.
        card = cls.env["synergy.scorecard"].create(
            {"owner_level": "company", "company_id": cls.holding.id, "period_id": cls.g_year.id}
        )
        cls.group_line = cls.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": card.id,
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
            {"group_line_id": cls.group_line.id, "entity_id": cls.e_hk.id, "target": 4}
        )
        (cls.t_us | cls.t_hk).action_push()
        # The year's run, computed; a quarter's run, computed too (another kind of period).
        cls.year_run = cls.new_run()
        cls.year_run.action_compute()
        cls.q1 = cls.env["synergy.period"].search(
            [
                ("company_id", "=", cls.holding.id),
                ("period_type", "=", "quarter"),
                ("date_start", "=", date(cls.YEAR, 1, 1)),
            ]
        )
        cls.q1_run = cls.new_run(name="Test Q1 run", period_id=cls.q1.id)
        cls.q1_run.action_compute()
        cls.controller = new_test_user(
            cls.env,
            login="grp_t_dash_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )
        cls.us_officer = new_test_user(
            cls.env,
            login="grp_t_dash_us_officer",
            groups="perf_synergy.group_synergy_officer",
            company_id=cls.sub_us.id,
            company_ids=[(6, 0, cls.sub_us.ids)],
        )

    def dashboard(self, user=None, company=None):
        user = user or self.controller
        company = company or self.holding
        return (
            self.env["synergy.dashboard.group"]
            .with_user(user)
            .with_context(allowed_company_ids=company.ids)
        )

    @staticmethod
    def section(data, key):
        return next(s for s in data["sections"] if s["key"] == key)

    @staticmethod
    def figure(data, key):
        return next(i for i in data["sections"][0]["items"] if i["key"] == key)

    def test_figures_of_the_year(self):
        data = self.dashboard().get_dashboard_data(period_id=self.g_year.id)
        self.assertFalse(data["notice"])
        self.assertEqual(data["scope"]["id"], self.holding.id)
        self.assertEqual(self.figure(data, "subsidiaries")["value"], 3)
        self.assertEqual(self.figure(data, "average_achievement")["value"], 102.5)
        self.assertEqual(self.figure(data, "below_target")["value"], 1)
        # two of three subsidiaries covered: the JV has no target
        self.assertEqual(self.figure(data, "coverage")["value"], 66.7)
        below = self.figure(data, "below_target")["drill"]
        self.assertEqual(self.env["synergy.group.target"].search(below["domain"]), self.t_us)
        rows = {r["key"]: r for r in self.section(data, "penetrative")["rows"]}
        us = rows[f"target_{self.t_us.id}"]["values"]
        self.assertEqual((us["target"], us["actual"], us["achievement"], us["rank"]), (5, 4, 80, 2))
        self.assertEqual(rows[f"target_{self.t_hk.id}"]["values"]["achievement"], 125)
        (coverage,) = self.section(data, "coverage")["rows"]
        values = coverage["values"]
        self.assertEqual((values["ok"], values["no_target"], values["no_actual"]), (2, 1, 0))
        # The bar chart: subsidiaries with an actual, one dataset per penetrative KPI, in %.
        chart = self.section(data, "achievement_chart")
        self.assertEqual(chart["labels"], ["Test US Inc", "Test HK Ltd"])
        self.assertEqual([d["data"] for d in chart["datasets"]], [[80, 125]])
        self.assertEqual(chart["unit"], "%")

    def test_latest_consolidation_and_trends(self):
        data = self.dashboard().get_dashboard_data(period_id=self.g_year.id)
        rows = {r["key"]: r for r in self.section(data, "consolidation")["rows"]}
        totals = {line.kpi_id: line.consolidated_value for line in self.year_run.total_line_ids}
        # Investment, hand-computed in test_group_consolidation: 7,880 CNY, two decimals.
        inv = rows[f"kpi_{self.k_inv.id}"]["values"]
        self.assertEqual((inv["value"], inv["unit"]), (7880, "CNY"))
        self.assertEqual(inv["period"], self.g_year.display_name)
        roi = rows[f"kpi_{self.k_roi.id}"]["values"]
        self.assertEqual(roi["value"], round(totals[self.k_roi], 1), "a rate: one decimal")
        self.assertEqual(roi["unit"], "%")
        for kpi, total in totals.items():
            value = rows[f"kpi_{kpi.id}"]["values"]["value"]
            self.assertAlmostEqual(value, total, places=1)
            self.assertEqual(value, round(value, 2), "no six decimals")
        drill = rows[f"kpi_{self.k_inv.id}"]["drill"]
        lines = self.env["synergy.consolidation.line"].search(drill["domain"])
        self.assertEqual(lines.run_id, self.year_run)
        self.assertEqual(lines.kpi_id, self.k_inv)
        # Trends: the year's runs only (never the quarter's), one chart per unit, one line per
        # KPI; amounts of different KPIs are never added into one figure.
        trends = [s for s in data["sections"] if s["key"].startswith("trend_")]
        self.assertTrue(trends)
        units = [s["unit"] for s in trends]
        self.assertEqual(len(units), len(set(units)), "one chart per unit")
        for trend in trends:
            self.assertEqual(trend["chart"], "line")
            self.assertEqual(trend["labels"], [self.g_year.display_name])
            for dataset in trend["datasets"]:
                kpi = self.group_kpis.filtered(lambda k, d=dataset: k.display_name == d["label"])
                self.assertEqual(len(kpi), 1, "one line per KPI")
                self.assertAlmostEqual(dataset["data"][0], totals[kpi], places=1)
        # The quarter: its own run, quarters only.
        quarter = self.dashboard().get_dashboard_data(period_id=self.q1.id)
        rows = {r["key"]: r for r in self.section(quarter, "consolidation")["rows"]}
        q1_totals = {line.kpi_id: line for line in self.q1_run.total_line_ids if line.has_value}
        self.assertIn(self.k_rev, q1_totals, "the US subsidiary reports revenue monthly")
        self.assertEqual(set(rows), {f"kpi_{kpi.id}" for kpi in q1_totals})
        for row in rows.values():
            self.assertEqual(row["values"]["period"], self.q1.display_name)
        for trend in (s for s in quarter["sections"] if s["key"].startswith("trend_")):
            self.assertEqual(trend["labels"], [self.q1.display_name])

    def test_outside_the_parent_company_the_dashboard_says_so(self):
        data = self.dashboard(company=self.sub_us).get_dashboard_data()
        self.assertFalse(data["sections"])
        notice = data["notice"]
        self.assertEqual(notice["switch_company_id"], self.holding.id)
        self.assertIn(self.holding.name, notice["button"])
        self.assertIn(self.sub_us.name, notice["text"])
        # A controller without access to the parent company: told, no switch offered.
        local = new_test_user(
            self.env,
            login="grp_t_dash_local_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=self.sub_us.id,
            company_ids=[(6, 0, self.sub_us.ids)],
        )
        data = self.dashboard(user=local, company=self.sub_us).get_dashboard_data()
        self.assertFalse(data["notice"]["switch_company_id"])
        self.assertFalse(data["sections"])

    def test_rights(self):
        # Group controllers only: a subsidiary's officer is refused.
        with self.assertRaises(AccessError):
            self.dashboard(user=self.us_officer, company=self.sub_us).get_dashboard_data()
        # Ids sent by a client are checked: a clear error, not a server error.
        dashboard = self.dashboard()
        us_year = self.periods[self.sub_us]["year"]
        for bad in ("7", -1, 2**40, [1], 10**9, us_year.id):
            with self.assertRaises(UserError):
                dashboard.get_dashboard_data(period_id=bad)
        with self.assertRaises(UserError):
            dashboard.get_dashboard_data(scope_id=self.sub_us.id)

    def test_landing_opens_the_dashboard_in_the_parent_company(self):
        Department = self.env["hr.department"].with_user(self.controller)
        action = Department.with_context(
            allowed_company_ids=self.holding.ids
        ).action_synergy_landing()
        self.assertEqual(action["tag"], "perf_synergy.dashboard")
        self.assertEqual(action["params"]["model"], "synergy.dashboard.group")

    def test_query_count_does_not_grow_with_subsidiaries_kpis_and_periods(self):
        dashboard = self.dashboard()

        def count():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            dashboard.get_dashboard_data(period_id=self.g_year.id)
            return self.env.cr.sql_log_count - before

        count()  # the access rules' caches warmed
        queries = count()
        # Two more subsidiaries with a target on the ROI and on a second penetrative KPI, and
        # runs of the years before.
        Company = self.env["res.company"]
        Entity = self.env["synergy.group.entity"]
        line_prf = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": self.group_line.scorecard_id.id,
                "kpi_id": self.k_prf.id,
                "weight": 10,
                "target": 50,
                "is_penetrative": True,
            }
        )
        targets = self.env["synergy.group.target"]
        for index in range(2):
            company = Company.create({"name": f"Test more sub {index}", "currency_id": self.cny.id})
            self.controller.company_ids |= company
            self.env["synergy.period.generate"].create(
                {"year": self.YEAR, "company_id": company.id}
            ).action_generate()
            entity = Entity.create({"company_id": company.id, "parent_id": self.e_holding.id})
            for line in (self.group_line, line_prf):
                targets |= targets.create(
                    {"group_line_id": line.id, "entity_id": entity.id, "target": 3}
                )
        targets.action_push()
        for year in (self.YEAR - 2, self.YEAR - 1):
            self.env["synergy.period.generate"].create(
                {"year": year, "company_id": self.holding.id}
            ).action_generate()
            period = self.env["synergy.period"].search(
                [
                    ("company_id", "=", self.holding.id),
                    ("period_type", "=", "year"),
                    ("date_start", "=", date(year, 1, 1)),
                ]
            )
            self.new_run(name=f"Test run {year}", period_id=period.id).action_compute()
        data = dashboard.get_dashboard_data(period_id=self.g_year.id)
        self.assertEqual(self.figure(data, "subsidiaries")["value"], 5)
        self.assertEqual(len(self.section(data, "coverage")["rows"]), 2)
        count()  # the rules' caches, cleared by the new companies, warmed again
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            dashboard.get_dashboard_data(period_id=self.g_year.id)
