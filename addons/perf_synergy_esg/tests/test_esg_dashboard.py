from datetime import date, timedelta

from odoo import fields
from odoo.addons.perf_synergy.tools.write_policy import trusted_writes
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgDashboard(EsgCase):
    """Procurement's Supplier ESG dashboard (issue 20): its figures against data built here,
    in the reader's rights (the buyer reviews what is his), and a constant number of queries
    in the number of suppliers and reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["synergy.period"]
        cls.quarters = Period.search(
            [
                ("company_id", "=", cls.company.id),
                ("period_type", "=", "quarter"),
                ("date_start", ">=", date(cls.YEAR, 1, 1)),
                ("date_end", "<=", date(cls.YEAR, 12, 31)),
            ],
            order="date_start",
        )
        cls.q1, cls.q2 = cls.quarters[0], cls.quarters[1]
        # The buyer reviews the submitted reports of the campaign (tier validation).
        cls.add_buyer_review_tier()
        cls.other_buyer = new_test_user(
            cls.env, login="esg_t_dash_buyer2", groups="perf_synergy_esg.group_esg_user"
        )
        cls.employee = new_test_user(
            cls.env, login="esg_t_dash_employee", groups="perf_synergy.group_synergy_user"
        )
        # A rating valid one month (expiring soon): the supplier's report validated outside
        # the campaign, then the campaign's report submitted, waiting for the buyer's review.
        cls.company.synergy_esg_rating_validity_months = 1
        cls.rated = cls.env["synergy.esg.report"].create(
            {
                "partner_id": cls.supplier.id,
                "period_id": cls.q1.id,
                "line_ids": [(0, 0, {"indicator_id": i.id}) for i in cls.indicators],
            }
        )
        cls.fill(cls.rated)
        cls.rated.action_submit()
        cls.rated.with_user(cls.manager).action_validate()
        with trusted_writes(unlock=True):
            cls.rated.write({"has_deviation": True, "deviation_summary": "Emissions jumped"})
        cls.fill(cls.report)
        cls.report.with_user(cls.portal_user).action_submit()
        # Purchases: Q1 1,000 green of 4,000; Q2 3,000 green of 3,000.
        cls.product = cls.env["product.product"].create({"name": "T material", "type": "consu"})
        cls.lines = {}
        for key, partner, amount, day in (
            ("q1_green", cls.supplier, 1000, date(cls.YEAR, 2, 10)),
            ("q1_other", cls.other_supplier, 3000, date(cls.YEAR, 3, 31)),
            ("q2_green", cls.supplier, 3000, date(cls.YEAR, 4, 1)),
        ):
            order = cls.env["purchase.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": cls.buyer.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": cls.product.id,
                                "product_qty": 1,
                                "price_unit": amount,
                                "tax_ids": [(5, 0, 0)],
                            },
                        )
                    ],
                }
            )
            order.button_confirm()
            # dated in the test's far year, where nothing else was bought
            with trusted_writes():
                order.order_line.write({"synergy_esg_date": day})
            cls.lines[key] = order.order_line

    def data(self, user, **kwargs):
        return self.env["synergy.dashboard.esg"].with_user(user).get_dashboard_data(**kwargs)

    @staticmethod
    def section(data, key):
        return next(s for s in data["sections"] if s["key"] == key)

    @staticmethod
    def figure(data, key):
        return next(i for i in data["sections"][0]["items"] if i["key"] == key)

    def test_figures_of_the_period(self):
        data = self.data(self.buyer, period_id=self.q2.id)
        self.assertEqual(data["period"], {"id": self.q2.id, "name": self.q2.display_name})
        self.assertIn({"id": self.q1.id, "name": self.q1.display_name}, data["periods"])
        # Green procurement: Q2 3,000 of 3,000; the trend: Q1 1,000 of 4,000, then Q2.
        self.assertEqual(self.figure(data, "green_ratio")["value"], 100.0)
        trend = self.section(data, "green_trend")
        self.assertEqual(trend["chart"], "line")
        points = dict(zip(trend["labels"], trend["datasets"][0]["data"], strict=True))
        self.assertEqual(points[self.q1.display_name], 25.0)
        self.assertEqual(points[self.q2.display_name], 100.0)
        quarters = self.env["synergy.period"].search(
            [("company_id", "=", self.company.id), ("period_type", "=", "quarter")]
        )
        self.assertLessEqual(set(trend["labels"]), set(quarters.mapped("display_name")))
        self.assertEqual(trend["labels"][-1], self.q2.display_name, "up to the period chosen")
        q1_drill = trend["drills"][trend["labels"].index(self.q1.display_name)]
        lines = self.env["purchase.order.line"].search(q1_drill["domain"])
        self.assertEqual(lines, self.lines["q1_green"] | self.lines["q1_other"])
        # The current ratings: the supplier rated, expiring within a month.
        rating = self.rated.rating_id
        self.assertTrue(rating)
        chart = self.section(data, "ratings_chart")
        self.assertIn(rating.rating, chart["labels"])
        index = chart["labels"].index(rating.rating)
        bucket = self.env["synergy.esg.rating"].search(chart["drills"][index]["domain"])
        self.assertIn(rating, bucket)
        self.assertEqual(chart["datasets"][0]["data"][index], len(bucket))
        # Each supplier counted once, by its latest rating (the demo's suppliers included).
        today = fields.Date.context_today(rating)
        latest = {}
        for entry in self.env["synergy.esg.rating"].search(
            [("company_id", "=", self.company.id)], order="date desc, id desc"
        ):
            latest.setdefault(entry.partner_id, entry)
        expected = [
            r for r in latest.values() if r.valid_until >= today and r.rating == rating.rating
        ]
        self.assertEqual(len(bucket), len(expected))
        self.assertEqual(len(bucket.partner_id), len(bucket))
        self.assertGreaterEqual(self.figure(data, "expiring")["value"], 1)
        expiring = self.section(data, "expiring")
        row = next(r for r in expiring["rows"] if r["key"] == f"rating_{rating.id}")
        self.assertEqual(row["values"]["days"], (rating.valid_until - today).days)
        self.assertLessEqual(rating.valid_until, today + timedelta(days=90))
        self.assertEqual(row["drill"]["res_id"], rating.id)
        # Deviations of Q1 (the rated report), none in Q2.
        self.assertEqual(self.figure(data, "deviations")["value"], 0)
        q1 = self.data(self.buyer, period_id=self.q1.id)
        self.assertEqual(self.figure(q1, "deviations")["value"], 1)
        (row,) = self.section(q1, "deviations")["rows"]
        self.assertEqual(row["drill"]["res_id"], self.rated.id)
        self.assertEqual(row["values"]["deviation"], "Emissions jumped")

    def test_reports_to_review_are_the_readers(self):
        """The buyer reviews the report assigned to him; another buyer has nothing to review;
        an ESG manager acts on every submitted report."""
        self.assertTrue(self.report.with_user(self.buyer).can_review)
        mine = self.section(self.data(self.buyer), "to_review")
        self.assertEqual([r["key"] for r in mine["rows"]], [f"report_{self.report.id}"])
        self.assertEqual(mine["rows"][0]["drill"]["res_id"], self.report.id)
        other = self.data(self.other_buyer)
        self.assertEqual(self.section(other, "to_review")["rows"], [])
        self.assertEqual(self.figure(other, "to_review")["value"], 0)
        manager = self.data(self.manager)
        submitted = self.env["synergy.esg.report"].search(
            [("company_id", "=", self.company.id), ("state", "=", "submitted")]
        )
        self.assertEqual(self.figure(manager, "to_review")["value"], len(submitted))
        self.assertIn(self.report, submitted)

    def test_rights(self):
        # Only procurement: an employee is refused.
        with self.assertRaises(AccessError):
            self.data(self.employee)
        # Ids sent by a client are checked: a clear error, not a server error.
        for bad in ("7", -1, 2**40, [1], 10**9):
            with self.assertRaises(UserError):
                self.data(self.buyer, period_id=bad)
        other_company = self.env["res.company"].create({"name": "T other company"})
        with self.assertRaises(UserError):
            self.data(self.buyer, scope_id=other_company.id)
        foreign = self.env["synergy.period"].create(
            {
                "name": "T foreign",
                "period_type": "year",
                "date_start": date(self.YEAR, 1, 1),
                "date_end": date(self.YEAR, 12, 31),
                "company_id": other_company.id,
            }
        )
        with self.assertRaises(UserError):
            self.data(self.buyer, period_id=foreign.id)
        # The figures are the reader's current company's: another company's buyer sees none of
        # these suppliers' ratings or reports.
        outsider = new_test_user(
            self.env,
            login="esg_t_dash_outsider",
            groups="perf_synergy_esg.group_esg_manager",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        data = self.data(outsider)
        self.assertEqual(data["scope"]["id"], other_company.id)
        self.assertEqual(self.figure(data, "rated")["value"], 0)
        self.assertEqual(self.figure(data, "to_review")["value"], 0)

    def test_buyer_lands_on_the_dashboard(self):
        action = self.env["hr.department"].with_user(self.buyer).action_synergy_landing()
        self.assertEqual(action["tag"], "perf_synergy.dashboard")
        self.assertEqual(action["params"]["model"], "synergy.dashboard.esg")

    def test_query_count_does_not_grow_with_suppliers_and_reports(self):
        Dashboard = self.env["synergy.dashboard.esg"].with_user(self.manager)

        def count():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Dashboard.get_dashboard_data(period_id=self.q2.id)
            return self.env.cr.sql_log_count - before

        count()
        queries = count()
        # Five more suppliers, each with a validated report (a rating) and a submitted one.
        Partner = self.env["res.partner"]
        for index in range(5):
            supplier = Partner.create(
                {"name": f"T more supplier {index}", "is_company": True, "buyer_id": self.buyer.id}
            )
            for period, validate in ((self.q1, True), (self.q2, False)):
                report = self.env["synergy.esg.report"].create(
                    {
                        "partner_id": supplier.id,
                        "period_id": period.id,
                        "line_ids": [(0, 0, {"indicator_id": i.id}) for i in self.indicators],
                    }
                )
                self.fill(report)
                report.action_submit()
                if validate:
                    report.with_user(self.manager).action_validate()
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            Dashboard.get_dashboard_data(period_id=self.q2.id)
