"""The role dashboards of issue 20: My Department and My Results.

The JSON of ``get_dashboard_data`` is checked against the stored fields it shows, as the
reader (with_user): a head reads his department tree and nothing else, an employee his own
results (his final score only once published), bad arguments are refused with a UserError,
and the number of queries does not grow with the departments, employees and periods.
The browser journeys are at the end (RoleTourCase, demo data).
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..tools.write_policy import trusted_writes
from .common import SynergyCase, make_synergy_user
from .role_tour import RoleTourCase


def _dashboard_data(env, year, department, kpi):
    """A department scorecard with one line, an older one and an open alert."""
    Period = env["synergy.period"]
    earlier = Period.create(
        {
            "name": "Dash Year",
            "period_type": "year",
            "date_start": f"{year.date_start.year - 1}-01-01",
            "date_end": f"{year.date_start.year - 1}-12-31",
        }
    )
    Scorecard = env["synergy.scorecard"]
    old_card, card = Scorecard.create(
        [
            {"owner_level": "department", "department_id": department.id, "period_id": p.id}
            for p in (earlier, year)
        ]
    )
    env["synergy.scorecard.line"].create(
        [
            {"scorecard_id": c.id, "kpi_id": kpi.id, "weight": 100, "target": 100}
            for c in (old_card, card)
        ]
    )
    rule = env["synergy.alert.rule"].create({"name": "Dash rule", "kpi_id": kpi.id})
    alert = env["synergy.alert"].create(
        {
            "rule_id": rule.id,
            "kpi_id": kpi.id,
            "period_id": year.id,
            "owner_level": "department",
            "department_id": department.id,
            "value": 40,
            "severity": "high",
        }
    )
    return card, old_card, alert


def section(data, key):
    return next(s for s in data["sections"] if s["key"] == key)


def figure(data, key):
    return next(i for i in section(data, "summary")["items"] if i["key"] == key)


@tagged("post_install", "-at_install")
class TestDashboards(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi_dash = cls.env["synergy.kpi"].create({"code": "DASH", "name": "Dash KPI"})
        cls.card, cls.old_card, cls.alert = _dashboard_data(
            cls.env, cls.year, cls.dep_sales, cls.kpi_dash
        )
        cls.env["synergy.kpi.value"].create(
            {
                "kpi_id": cls.kpi_dash.id,
                "period_id": cls.year.id,
                "owner_level": "department",
                "department_id": cls.dep_sales.id,
                "value": 80,
            }
        )
        cls.card.action_refresh() if hasattr(cls.card, "action_refresh") else None
        cls.request_in, cls.request_out = cls.env["synergy.request"].create(
            [
                {
                    "name": "Ops needs a forecast",
                    "requesting_department_id": cls.dep_ops.id,
                    "responding_department_id": cls.dep_sales.id,
                },
                {
                    "name": "Sales needs a delivery date",
                    "requesting_department_id": cls.dep_sales.id,
                    "responding_department_id": cls.dep_ops.id,
                },
            ]
        )
        cls.campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Dash survey",
                "period_id": cls.year.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "target_department_ids": [(6, 0, cls.dep_ops.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_sales.ids)],
                "dimension_ids": [(0, 0, {"name": "Speed"})],
            }
        )
        cls.campaign.action_open()
        with trusted_writes(unlock=True):
            cls.points, cls.seller_points = cls.env["synergy.behavior.record"].create(
                [
                    {
                        "employee_id": employee.id,
                        "type_id": cls.env.ref("perf_synergy.behavior_share_data").id,
                        "date": f"{cls.YEAR}-02-15",
                        "evidence": "Minutes",
                        "state": "approved",
                    }
                    for employee in (cls.emp_head, cls.emp_seller)
                ]
            )
        cls.Department = cls.env["synergy.dashboard.department"]
        cls.Employee = cls.env["synergy.dashboard.employee"]

    def head_data(self, **kwargs):
        return self.Department.with_user(self.user_head).get_dashboard_data(**kwargs)

    # ------------------------------------------------------------------ My Department
    def test_department_figures_equal_the_stored_fields(self):
        data = self.head_data(period_id=self.year.id)
        self.assertEqual(data["period"], {"id": self.year.id, "name": self.year.display_name})
        self.assertEqual(data["scope"]["id"], self.dep_sales.id)
        self.assertEqual(
            {s["id"] for s in data["scopes"]}, {self.dep_sales.id, self.dep_sales_north.id}
        )
        self.assertIn(self.year.id, [p["id"] for p in data["periods"]])
        self.assertEqual(figure(data, "kpi_score")["value"], self.card.kpi_score)
        self.assertEqual(figure(data, "final_score")["value"], self.card.final_score)
        self.assertEqual(figure(data, "alerts")["value"], 1)
        self.assertEqual(figure(data, "requests_in")["value"], 1)
        self.assertEqual(figure(data, "behavior_points")["value"], self.points.points)
        line = self.card.line_ids
        (row,) = section(data, "scorecard")["rows"]
        self.assertEqual(row["key"], f"line_{line.id}")
        self.assertEqual(row["values"]["target"], line.target)
        self.assertEqual(row["values"]["weight"], line.weight)
        self.assertEqual(row["values"]["actual"], line.actual if line.has_actual else None)
        self.assertEqual(row["values"]["score"], line.score if line.has_actual else None)
        self.assertEqual(row["drill"]["res_id"], line.id)
        alerts = section(data, "alerts")["items"]
        self.assertEqual([i["key"] for i in alerts], [f"alert_{self.alert.id}"])
        requests = {r["key"] for r in section(data, "requests")["rows"]}
        self.assertEqual(
            requests, {f"request_{self.request_in.id}", f"request_{self.request_out.id}"}
        )
        evaluations = {r["key"] for r in section(data, "evaluations")["rows"]}
        self.assertIn(f"campaign_{self.campaign.id}", evaluations)
        behavior = section(data, "behavior")
        self.assertEqual(behavior["datasets"][0]["data"], [self.points.points])
        trend = section(data, "trend")
        self.assertEqual(trend["labels"][-1], self.year.display_name)
        self.assertEqual(trend["datasets"][0]["data"][-1], self.card.kpi_score)

    def test_every_drill_opens_what_the_reader_may_read(self):
        """Each drill of the dashboard, searched as the head, finds records (none refused)."""
        data = self.head_data(period_id=self.year.id)
        drills = [i["drill"] for i in section(data, "summary")["items"] if i["drill"]]
        drills += [r["drill"] for s in data["sections"] for r in s.get("rows", []) if r["drill"]]
        drills += [i["drill"] for s in data["sections"] if s["type"] == "list" for i in s["items"]]
        self.assertGreater(len(drills), 5)
        for drill in drills:
            records = self.env[drill["model"]].with_user(self.user_head)
            if drill.get("res_id"):
                records.browse(drill["res_id"]).check_access("read")
            else:
                records.search(drill["domain"])

    def test_alert_drill_lists_the_figure(self):
        data = self.head_data(period_id=self.year.id)
        drill = figure(data, "alerts")["drill"]
        found = self.env["synergy.alert"].with_user(self.user_head).search(drill["domain"])
        self.assertEqual(found, self.alert)

    def test_resolved_alerts_and_accepted_requests_leave_the_dashboard(self):
        self.alert.resolution_note = "Called the customer"
        self.alert.action_resolve()
        self.request_in.state = "accepted"
        self.request_in.request_date = "2000-01-01 00:00:00"
        data = self.head_data(period_id=self.year.id)
        self.assertEqual(figure(data, "alerts")["value"], 0)
        self.assertEqual(figure(data, "requests_in")["value"], 0)
        keys = {r["key"] for r in section(data, "requests")["rows"]}
        self.assertNotIn(f"request_{self.request_in.id}", keys)

    def test_head_may_look_at_his_subtree_only(self):
        data = self.head_data(scope_id=self.dep_sales_north.id, period_id=self.year.id)
        self.assertEqual(data["scope"]["id"], self.dep_sales_north.id)
        with self.assertRefused(UserError, "scope_id"):
            self.head_data(scope_id=self.dep_ops.id)

    def test_officer_looks_at_any_department_of_his_company(self):
        data = self.Department.with_user(self.user_officer).get_dashboard_data(
            scope_id=self.dep_ops.id, period_id=self.year.id
        )
        self.assertEqual(data["scope"]["id"], self.dep_ops.id)
        evaluated = {r["key"] for r in section(data, "evaluations")["rows"]}
        self.assertTrue(any(key.startswith("target_") for key in evaluated))

    def test_officer_lands_on_a_department_with_a_scorecard(self):
        """The performance office has no department scorecard of its own: its My Department
        opens on the department of the latest started scorecard."""
        today = fields.Date.context_today(self.env["synergy.period"])
        past = self.env["synergy.period"].create(
            {
                "name": "Dash started month",
                "period_type": "month",
                "date_start": today,
                "date_end": today + timedelta(days=20),
            }
        )
        self.scorecard(period=past, department_id=self.dep_ops.id)
        data = self.Department.with_user(self.user_officer).get_dashboard_data()
        self.assertEqual(data["scope"]["id"], self.dep_ops.id)
        self.assertEqual(data["period"]["id"], past.id)

    def test_evaluations_show_aggregates_only(self):
        """The evaluated side sees status and score, the score only once enough responses
        count; never a response."""
        data = self.Department.with_user(self.user_officer).get_dashboard_data(
            scope_id=self.dep_ops.id, period_id=self.year.id
        )
        for row in section(data, "evaluations")["rows"]:
            self.assertNotEqual(row["drill"]["model"], "synergy.evaluation.response")
            if row["key"].startswith("target_"):
                target = self.env["synergy.evaluation.target"].browse(int(row["key"][7:]))
                self.assertNotEqual(target.status, "done")
                self.assertIsNone(row["values"]["score"])

    def test_employee_may_not_open_my_department(self):
        with self.assertRefused(AccessError, "You may not run"):
            self.Department.with_user(self.user_seller).get_dashboard_data()

    def test_bad_arguments_are_refused_clearly(self):
        missing = self.env["synergy.period"].search([], order="id desc", limit=1).id + 1000
        for value in ("7", -1, 0, 2**40, [self.year.id], {"id": 1}, 1.5, True, missing):
            with self.subTest(value=value):
                with self.assertRefused(UserError, "period_id"):
                    self.head_data(period_id=value)
                with self.assertRefused(UserError, "scope_id"):
                    self.head_data(scope_id=value)

    def test_period_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Dash Other Co"})
        period = self.env["synergy.period"].create(
            {
                "name": "Other year",
                "period_type": "year",
                "date_start": "2040-01-01",
                "date_end": "2040-12-31",
                "company_id": other.id,
            }
        )
        with self.assertRefused(UserError, "period_id"):
            self.head_data(period_id=period.id)

    def test_head_without_department_gets_a_notice(self):
        lonely = make_synergy_user(self.env, "dash_lonely", "perf_synergy.group_synergy_manager")
        data = self.Department.with_user(lonely).get_dashboard_data()
        self.assertEqual(data["notice"]["tone"], "warning")
        self.assertEqual(data["sections"], [])
        landing = self.env["hr.department"].with_user(lonely).action_synergy_landing()
        self.assertEqual(landing["params"]["model"], "synergy.dashboard.employee")

    def test_department_without_scorecard_says_what_to_do(self):
        data = self.Department.with_user(self.user_officer).get_dashboard_data(
            scope_id=self.dep_ops.id, period_id=self.year.id
        )
        self.assertIn("no scorecard", data["notice"]["text"])
        self.assertIsNone(figure(data, "kpi_score")["value"])

    # ------------------------------------------------------------------ My Results
    def test_my_results_show_the_own_scorecard(self):
        card = self.scorecard("employee", employee_id=self.emp_seller.id)
        line = self.line(card, self.kpi_sales, weight=100, target=50)
        data = self.Employee.with_user(self.user_seller).get_dashboard_data(period_id=self.year.id)
        self.assertEqual(data["scope"]["id"], self.emp_seller.id)
        self.assertEqual(figure(data, "kpi_score")["value"], card.kpi_score)
        self.assertEqual(figure(data, "behavior_points")["value"], self.seller_points.points)
        (row,) = section(data, "scorecard")["rows"]
        self.assertEqual(row["key"], f"line_{line.id}")
        self.assertEqual(row["values"]["target"], 50)

    def test_unpublished_final_score_is_hidden_from_the_employee(self):
        card = self.scorecard("employee", employee_id=self.emp_seller.id)
        self.line(card, self.kpi_sales, weight=100, target=50)
        card.sudo().write({"final_score": 87.25, "grade": "B"})
        data = self.Employee.with_user(self.user_seller).get_dashboard_data(period_id=self.year.id)
        self.assertIsNone(figure(data, "final_score")["value"])
        self.assertEqual(section(data, "result")["items"][0]["key"], "unpublished")
        self.assertNotIn("87.25", str(data))
        card.sudo().write(
            {"result_published": True, "published_final_score": 87.25, "published_grade": "B"}
        )
        data = self.Employee.with_user(self.user_seller).get_dashboard_data(period_id=self.year.id)
        self.assertEqual(figure(data, "final_score")["value"], 87.25)
        self.assertIn("B", section(data, "result")["items"][0]["label"])

    def test_employee_may_not_read_another_employee(self):
        Employee = self.Employee.with_user(self.user_seller)
        with self.assertRefused(UserError, "scope_id"):
            Employee.get_dashboard_data(scope_id=self.emp_ops.id)
        with self.assertRefused(UserError, "scope_id"):
            Employee.get_dashboard_data(scope_id=self.emp_head.id)

    def test_employee_sees_his_evaluations_to_give(self):
        sellers = self.campaign.response_ids.filtered(lambda r: r.evaluator_id == self.user_seller)
        data = self.Employee.with_user(self.user_seller).get_dashboard_data()
        self.assertEqual(figure(data, "evaluations_to_give")["value"], len(sellers))
        self.assertEqual(
            {i["key"] for i in section(data, "evaluations")["items"]},
            {f"response_{r.id}" for r in sellers},
        )

    # ------------------------------------------------------------------ landing
    def test_landing_action_per_role(self):
        Department = self.env["hr.department"]
        head = Department.with_user(self.user_head).action_synergy_landing()
        self.assertEqual(head["type"], "ir.actions.client")
        self.assertEqual(head["tag"], "perf_synergy.dashboard")
        self.assertEqual(head["params"]["model"], "synergy.dashboard.department")
        employee = Department.with_user(self.user_seller).action_synergy_landing()
        self.assertEqual(employee["params"]["model"], "synergy.dashboard.employee")
        menu = Department.with_user(self.user_head).action_synergy_my_department()
        self.assertEqual(menu["params"]["model"], "synergy.dashboard.department")


@tagged("post_install", "-at_install")
class TestDashboardQueryCounts(SynergyCase):
    """The dashboards run a number of queries that does not grow with the departments,
    employees and periods they cover."""

    counter = 0

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - before

    def _grow(self, size):
        """``size`` more sub-departments of Sales, each with an employee, a request to Sales
        and approved points; Sales' and the seller's scorecards over ``2 * size`` months."""
        Department = self.env["hr.department"]
        behaviour = self.env.ref("perf_synergy.behavior_lead_project")
        for _i in range(size):
            type(self).counter += 1
            n = self.counter
            department = Department.create({"name": f"Dash QC {n}", "parent_id": self.dep_sales.id})
            employee = self.env["hr.employee"].create(
                {"name": f"Dash QC employee {n}", "department_id": department.id}
            )
            self.env["synergy.request"].create(
                {
                    "name": f"Dash QC request {n}",
                    "requesting_department_id": department.id,
                    "responding_department_id": self.dep_sales.id,
                }
            )
            with trusted_writes(unlock=True):
                self.env["synergy.behavior.record"].create(
                    [
                        {
                            "employee_id": who.id,
                            "type_id": behaviour.id,
                            "date": f"{self.YEAR}-12-10",
                            "evidence": "Minutes",
                            "state": "approved",
                        }
                        for who in (employee, self.emp_head, self.emp_seller)
                    ]
                )
        Scorecard = self.env["synergy.scorecard"]
        for month in self.months[-min(size * 2, 12) :]:
            for owner_level, owner in (
                ("department", {"department_id": self.dep_sales.id}),
                ("employee", {"employee_id": self.emp_seller.id}),
            ):
                domain = [("period_id", "=", month.id), ("owner_level", "=", owner_level)]
                domain += [(key, "=", value) for key, value in owner.items()]
                if not Scorecard.search(domain):
                    card = self.scorecard(owner_level, period=month, **owner)
                    self.line(card, self.kpi_sales, weight=100, target=10)

    def _assert_constant(self, run):
        self._grow(1)
        run()  # warm-up: caches of groups, rules, translations
        few = self._queries(run)
        self._grow(4)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            run()

    def test_department_dashboard_query_count(self):
        december = self.months[-1]
        Dashboard = self.env["synergy.dashboard.department"].with_user(self.user_head)
        self._assert_constant(lambda: Dashboard.get_dashboard_data(period_id=december.id))

    def test_employee_dashboard_query_count(self):
        december = self.months[-1]
        Dashboard = self.env["synergy.dashboard.employee"].with_user(self.user_seller)
        self._assert_constant(lambda: Dashboard.get_dashboard_data(period_id=december.id))


@tagged("post_install", "-at_install")
class TestMyDepartmentUi(HttpCase):
    def test_department_head_lands_on_the_dashboard(self):
        head = make_synergy_user(
            self.env,
            "dash_tour_head",
            "perf_synergy.group_synergy_manager",
            password="dash_tour_head",
        )
        department = self.env["hr.department"].create({"name": "Dash Department"})
        self.env["hr.employee"].create(
            {"name": "Dash head", "user_id": head.id, "department_id": department.id}
        )
        self.env["synergy.period.generate"].create({"year": 2019}).action_generate()
        year = self.env["synergy.period"].search(
            [("period_type", "=", "year"), ("name", "=", "2019")]
        )
        kpi = self.env["synergy.kpi"].create({"code": "DASHT", "name": "Dash KPI"})
        _dashboard_data(self.env, year, department, kpi)
        self.start_tour("/odoo", "synergy_my_department", login="dash_tour_head")


@tagged("post_install", "-at_install")
class TestDashboardJourneys(RoleTourCase):
    """Each dashboard opened from the landing as its role's demo login: switch the period,
    follow a figure to its list and back by the breadcrumb (static/tests/tours/
    dashboard_tours.js)."""

    def test_head_my_department_in_chinese(self):
        head = self.demo_user("synergy.demo.sales.head")
        self.speak_chinese(head)
        self.start_role_tour("/odoo", "synergy_dashboard_department", head.login)

    def test_employee_my_results_in_english(self):
        employee = self.demo_user("synergy.demo.sales1")
        employee.lang = "en_US"
        self.start_role_tour("/odoo", "synergy_dashboard_employee", employee.login)
