"""The dashboards' period selector and default period: the periods grouped by kind, labelled
in the reader's language, and the company dashboards opening on the newest started period
that has scorecards the reader may read (not on a month that has just started, empty)."""

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.synergy_dashboard_mixin import PERIOD_LIMIT
from .common import SynergyCase, load_chinese, make_synergy_user

# The second day of April: April and its quarter have started, nothing is filed for them yet.
APRIL_2 = "2031-04-02 09:00:00"
COMPANY_DASHBOARDS = ("synergy.dashboard.company", "synergy.dashboard.collaboration")


@tagged("post_install", "-at_install")
class TestDashboardPeriods(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, "perf_synergy")
        cls.march, cls.april = cls.months[2], cls.months[3]
        # March is full: the company's and Sales' scorecards, a request from Sales to
        # Operations (the collaboration map's data).
        card = cls.scorecard("company", period=cls.march)
        cls.line(card, cls.kpi_sales, weight=100, target=10)
        card = cls.scorecard(period=cls.march, department_id=cls.dep_sales.id)
        cls.line(card, cls.kpi_sales, weight=100, target=10)
        with freeze_time(f"{cls.YEAR}-03-10 09:00:00"):
            cls.env["synergy.request"].create(
                {
                    "name": "Dash March request",
                    "requesting_department_id": cls.dep_sales.id,
                    "responding_department_id": cls.dep_ops.id,
                }
            )

    def data(self, user, model="synergy.dashboard.company", **kwargs):
        """The dashboard as ``user`` reads it, in his language (as the web client sends it)."""
        dashboard = self.env[model].with_user(user).with_context(lang=user.lang)
        with freeze_time(APRIL_2):
            return dashboard.get_dashboard_data(**kwargs)

    # ------------------------------------------------------------------ selector
    def test_selector_groups_the_periods_by_kind(self):
        data = self.data(self.user_officer, period_id=self.march.id)
        groups = data["period_groups"]
        self.assertEqual([g["key"] for g in groups], ["month", "quarter", "year"])
        self.assertEqual([g["label"] for g in groups], ["Month", "Quarter", "Year"])
        Period = self.env["synergy.period"]
        offered = Period.search(
            [("company_id", "=", self.company.id)], order="date_start desc", limit=PERIOD_LIMIT
        )
        for group in groups:
            periods = Period.browse([p["id"] for p in group["periods"]])
            self.assertEqual(set(periods.mapped("period_type")), {group["key"]})
            # Newest first inside each group.
            starts = periods.mapped("date_start")
            self.assertEqual(starts, sorted(starts, reverse=True), group["key"])
            self.assertEqual([p["name"] for p in group["periods"]], periods.mapped("display_name"))
        # The same periods as before, grouped: the limit and the flat list unchanged.
        ids = [p["id"] for g in groups for p in g["periods"]]
        self.assertCountEqual(ids, [p["id"] for p in data["periods"]])
        self.assertEqual(len(ids), len(offered))
        self.assertEqual(groups[0]["periods"][0]["id"], self.months[-1].id)
        self.assertIn(self.march.id, [p["id"] for p in groups[0]["periods"]])
        self.assertEqual(groups[1]["periods"][0]["name"], f"{self.YEAR} Q4")

    def test_selector_speaks_the_reader_language(self):
        self.user_officer.lang = "zh_CN"
        data = self.data(self.user_officer, period_id=self.march.id)
        self.assertEqual(
            [(g["key"], g["label"]) for g in data["period_groups"]],
            [("month", "月度"), ("quarter", "季度"), ("year", "年度")],
        )
        # Every dashboard of the mixin groups its selector (My Results: the seller's).
        data = self.data(self.user_head, "synergy.dashboard.department")
        self.assertEqual([g["key"] for g in data["period_groups"]], ["month", "quarter", "year"])

    # ------------------------------------------------------------------ default period
    def test_company_dashboards_open_on_the_newest_period_with_data(self):
        for model in COMPANY_DASHBOARDS:
            data = self.data(self.user_officer, model)
            self.assertEqual(data["period"]["id"], self.march.id, model)
        # Once April has a scorecard, Company Synergy Health shows April; the collaboration
        # map, whose data are requests, stays on March until April has one.
        self.scorecard("company", period=self.april)
        self.assertEqual(self.data(self.user_officer)["period"]["id"], self.april.id)
        collaboration = "synergy.dashboard.collaboration"
        self.assertEqual(self.data(self.user_officer, collaboration)["period"]["id"], self.march.id)
        with freeze_time(APRIL_2):
            self.env["synergy.request"].create(
                {
                    "name": "Dash April request",
                    "requesting_department_id": self.dep_ops.id,
                    "responding_department_id": self.dep_sales.id,
                }
            )
        self.assertEqual(self.data(self.user_officer, collaboration)["period"]["id"], self.april.id)

    def test_default_period_is_chosen_from_readable_data_only(self):
        blind = make_synergy_user(self.env, "dash_blind", "perf_synergy.group_synergy_officer")
        # Global rules: the scorecards and requests are hidden from this officer (and from
        # no one else).
        for model in ("synergy.scorecard", "synergy.request"):
            self.env["ir.rule"].create(
                {
                    "name": f"Dash: no {model} for the blind officer",
                    "model_id": self.env["ir.model"]._get_id(model),
                    "domain_force": f"[(0, '=', 1)] if user.id == {blind.id} else [(1, '=', 1)]",
                }
            )
            self.assertFalse(self.env[model].with_user(blind).search([]))
        for model in COMPANY_DASHBOARDS:
            # Not March (chosen from data he cannot read): the newest started period.
            data = self.data(blind, model)
            self.assertEqual(data["period"]["id"], self.april.id, model)
            self.assertEqual(self.data(self.user_officer, model)["period"]["id"], self.march.id)

    def test_no_started_period_falls_back_to_the_newest(self):
        with freeze_time("2020-01-01"):
            data = self.env["synergy.dashboard.company"].with_user(self.user_officer)
            data = data.get_dashboard_data()
        self.assertEqual(data["period"]["id"], data["periods"][0]["id"])

    def test_default_period_costs_one_query(self):
        """Choosing the default period costs one query (the search of the newest started
        period with readable data), whatever the number of periods, scorecards and requests:
        at most one more than a read of a chosen period (the periods are then read at once,
        which a read of a chosen period does later)."""
        dashboards = [self.env[model].with_user(self.user_officer) for model in COMPANY_DASHBOARDS]

        def queries(dashboard, **kwargs):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with freeze_time(APRIL_2):
                data = dashboard.get_dashboard_data(**kwargs)
            self.assertEqual(data["period"]["id"], self.march.id)
            return self.cr.sql_log_count - before

        defaults = []
        for dashboard in dashboards:
            queries(dashboard)  # warm the registry caches (groups, rules, translations)
            chosen = queries(dashboard, period_id=self.march.id)
            defaults.append(queries(dashboard))
            self.assertLessEqual(defaults[-1], chosen + 1, dashboard._name)
        for month in self.months[:2]:
            self.scorecard(period=month, department_id=self.dep_ops.id)
            with freeze_time(month.date_start):
                self.env["synergy.request"].create(
                    {
                        "name": f"Dash {month.name}",
                        "requesting_department_id": self.dep_ops.id,
                        "responding_department_id": self.dep_sales.id,
                    }
                )
        self.env["synergy.period"].create(
            [
                {
                    "name": f"Dash {year}",
                    "period_type": "year",
                    "date_start": f"{year}-01-01",
                    "date_end": f"{year}-12-31",
                }
                for year in (2027, 2028, 2029)
            ]
        )
        self.assertEqual([queries(dashboard) for dashboard in dashboards], defaults)
