"""The collaboration map and Company Synergy Health (issue 20), on data built from scratch:
every figure of the map, the order of the weakest seams, anonymity, rights and query counts."""

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SynergyCase, make_synergy_user
from .role_tour import RoleTourCase

NOW = "2031-03-20 10:00:00"  # when the dashboards are read: after every deadline of March
# Queries of one read of each dashboard with cold caches, whatever the amount of data.
COLLABORATION_QUERIES = 19
COMPANY_QUERIES = 30


@tagged("post_install", "-at_install")
class TestCollaborationMap(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dep_fin = Department.create({"name": "Syn Finance"})
        cls.dep_hr = Department.create({"name": "Syn HR"})
        cls.dep_cust = Department.create({"name": "Syn Customers"})
        # A 40-hour week in UTC: two working days from Monday 09:00 end Wednesday 09:00.
        calendar = cls.env["resource.calendar"].create(
            {"name": "Map calendar", "tz": "UTC", "company_id": cls.company.id}
        )
        calendar.attendance_ids.unlink()
        cls.env["resource.calendar.attendance"].create(
            [
                {
                    "name": f"{day} {period}",
                    "calendar_id": calendar.id,
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": end,
                    "day_period": period,
                }
                for day in range(5)
                for period, start, end in (("morning", 8, 12), ("afternoon", 13, 17))
            ]
        )
        calendar.hours_per_day = 8
        cls.company.resource_calendar_id = calendar
        Employee = cls.env["hr.employee"]

        def person(login, department, manager=False):
            user = make_synergy_user(cls.env, login, "perf_synergy.group_synergy_user")
            employee = Employee.create(
                {
                    "name": login,
                    "user_id": user.id,
                    "department_id": department.id,
                    "resource_calendar_id": calendar.id,
                }
            )
            if manager:
                department.manager_id = employee
            return user

        cls.emp_ops.resource_calendar_id = calendar
        cls.dep_ops.manager_id = cls.emp_ops
        cls.user_fin = person("map_fin", cls.dep_fin, manager=True)
        cls.user_hr = person("map_hr", cls.dep_hr, manager=True)
        cls.customers = [person(f"map_cust{i}", cls.dep_cust) for i in range(3)]
        cls.hr_evaluators = [cls.user_hr, person("map_hr2", cls.dep_hr)]

        # Requests of March 2031 (Monday 3rd), answered on time (the same morning) or late.
        def request(name, served, serving, raised="2031-03-03 09:00:00"):
            with freeze_time(raised):
                return cls.env["synergy.request"].create(
                    {
                        "name": name,
                        "requesting_department_id": served.id,
                        "responding_department_id": serving.id,
                    }
                )

        def step(requests, method, when):
            with freeze_time(when):
                getattr(requests, method)()

        cls.r1 = request("S>O on time", cls.dep_sales, cls.dep_ops)
        cls.r2 = request("S>O late", cls.dep_sales, cls.dep_ops)
        cls.r3 = request("S>F never answered", cls.dep_sales, cls.dep_fin)
        cls.r4 = request("F>O on time", cls.dep_fin, cls.dep_ops, "2031-03-04 09:00:00")
        cls.r5 = request("H>F late", cls.dep_hr, cls.dep_fin, "2031-03-05 09:00:00")
        step(cls.r1 | cls.r4, "action_acknowledge", "2031-03-04 10:00:00")
        step(cls.r2, "action_acknowledge", "2031-03-12 10:00:00")
        step(cls.r5, "action_acknowledge", "2031-03-13 10:00:00")
        step(cls.r1 | cls.r2 | cls.r4, "action_deliver", "2031-03-14 10:00:00")
        cls.r1.rating, cls.r2.rating, cls.r4.rating = "4", "2", "5"
        step(cls.r1 | cls.r2 | cls.r4, "action_accept", "2031-03-14 11:00:00")
        step(cls.r2, "action_reopen", "2031-03-14 12:00:00")

        cls._raci_points_and_evaluations()

    @classmethod
    def _raci_points_and_evaluations(cls):
        # RACI: Sales is accountable for a task that consults Operations and Finance; the
        # Operations head answers (his to-do is done), Finance's stays open.
        project = cls.env["project.project"].create({"name": "Map project"})
        stage = cls.env["project.task.type"].create(
            {"name": "Map review", "synergy_consult": True, "project_ids": [(6, 0, project.ids)]}
        )
        task = cls.env["project.task"].create({"name": "Map design", "project_id": project.id})
        matrix = cls.env["synergy.raci.matrix"].create(
            {
                "name": "Map matrix",
                "project_id": project.id,
                "department_ids": [(6, 0, [cls.dep_sales.id, cls.dep_ops.id, cls.dep_fin.id])],
                "task_ids": [(0, 0, {"name": "Map design", "project_task_id": task.id})],
            }
        )
        for assignment in matrix.assignment_ids:
            assignment.role = {cls.dep_sales: "A", cls.dep_ops: "C", cls.dep_fin: "C"}[
                assignment.department_id
            ]
        matrix.assignment_ids.filtered(lambda a: a.department_id == cls.dep_sales).role = "A"
        cls.env["synergy.raci.assignment"].create(
            {"task_id": matrix.task_ids.id, "department_id": cls.dep_hr.id, "role": "R"}
        )
        with freeze_time("2031-03-10 09:00:00"):
            task.stage_id = stage
        task.activity_ids.filtered(lambda a: a.user_id == cls.user_ops).action_done()

        # Behaviour points: the Sales head credits the Operations employee.
        behaviour = cls.env["synergy.behavior.type"].create(
            {"name": "Map help", "points": 5, "evidence_required": False}
        )
        points = cls.env["synergy.behavior.record"].create(
            {
                "employee_id": cls.emp_ops.id,
                "type_id": behaviour.id,
                "date": "2031-03-11",
                "proposer_id": cls.user_head.id,
            }
        )
        points.with_user(cls.user_officer).action_approve()

        # Internal customers evaluate Operations: three from Customers (4, 4, 3), two from HR
        # (2, 3) - too few to show for the pair HR > Operations.
        campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Map survey",
                "campaign_type": "internal_customer",
                "period_id": cls.q1.id,
                "date_deadline": "2031-03-31",
                "target_department_ids": [(6, 0, cls.dep_ops.ids)],
                "evaluator_department_ids": [(6, 0, [cls.dep_cust.id, cls.dep_hr.id])],
                "dimension_ids": [(0, 0, {"name": "Service"})],
            }
        )
        campaign.action_open()
        ratings = dict(zip(cls.customers + cls.hr_evaluators, "44323", strict=True))
        for response in campaign.response_ids:
            response.line_ids.rating = ratings[response.evaluator_id]
        campaign.response_ids.action_submit()
        campaign.with_user(cls.user_officer).action_close()
        cls.campaign = campaign
        cls.march = cls.months[2]

    def _map(self, period=None, user=None):
        dashboard = self.env["synergy.dashboard.collaboration"].with_user(user or self.user_officer)
        with freeze_time(NOW):
            return dashboard._collaboration_map(self.company, period or self.march)

    def test_every_figure_of_the_map(self):
        seams, departments, campaigns = self._map()
        sales, ops, fin, hr = self.dep_sales.id, self.dep_ops.id, self.dep_fin.id, self.dep_hr.id
        self.assertEqual(set(seams), {(sales, ops), (sales, fin), (fin, ops), (hr, fin)})
        self.assertFalse(campaigns, "the campaign is of the quarter, not of March")
        self.assertEqual(set(departments), {sales, ops, fin, hr})
        s_o = seams[sales, ops]
        self.assertEqual(
            (s_o.raised, s_o.on_time, s_o.late, s_o.overdue, s_o.rating, s_o.reopened),
            (2, 1, 1, 0, 3.0, 1),
        )
        self.assertEqual((s_o.consulted, s_o.consult_answered, s_o.points), (1, 1, 5.0))
        # SLA 50, rating 50, RACI 100: (50 x 40 + 50 x 25 + 100 x 15) / 80
        self.assertAlmostEqual(s_o.health(), 59.375)
        s_f = seams[sales, fin]
        self.assertEqual((s_f.raised, s_f.late_total, s_f.overdue), (1, 1, 1))
        self.assertEqual((s_f.consulted, s_f.consult_answered), (1, 0))
        self.assertEqual(s_f.health(), 0.0)
        f_o = seams[fin, ops]
        self.assertEqual((f_o.raised, f_o.on_time, f_o.rating), (1, 1, 5.0))
        self.assertEqual(f_o.health(), 100.0)
        h_f = seams[hr, fin]
        self.assertEqual((h_f.raised, h_f.on_time, h_f.late), (1, 0, 1))
        self.assertEqual(h_f.health(), 0.0)

    def test_evaluations_of_the_quarter(self):
        seams, departments, campaigns = self._map(self.q1)
        sales, ops, hr, cust = self.dep_sales.id, self.dep_ops.id, self.dep_hr.id, self.dep_cust.id
        self.assertEqual(campaigns, self.campaign)
        self.assertIn(cust, departments)
        # The requests of March are in the quarter too.
        self.assertEqual(seams[sales, ops].raised, 2)
        # Evaluations: three customers shown (mean 11/3), two HR evaluators hidden.
        c_o = seams[cust, ops]
        self.assertAlmostEqual(c_o.evaluation_mean, 11 / 3)
        self.assertEqual(c_o.evaluator_count, 3)
        self.assertAlmostEqual(c_o.health(), (11 / 3 - 1) / 4 * 100)
        h_o = seams[hr, ops]
        self.assertIsNone(h_o.evaluation_mean)
        self.assertEqual((h_o.evaluator_count, h_o.evaluation_hidden), (0, True))
        self.assertIsNone(h_o.health())
        # February: nothing.
        seams, *_rest = self._map(self.months[1])
        self.assertEqual(seams, {})

    def test_sections_heatmap_and_weakest_seams(self):
        dashboard = self.env["synergy.dashboard.collaboration"].with_user(self.user_officer)
        with freeze_time(NOW):
            data = dashboard.get_dashboard_data(period_id=self.march.id)
        heatmap, weakest = data["sections"]
        self.assertEqual((heatmap["type"], weakest["type"]), ("heatmap", "list"))
        self.assertEqual(data["period"]["id"], self.march.id)
        self.assertEqual(data["scope"]["id"], self.company.id)
        cells = {(c["row"], c["col"]): c for c in heatmap["cells"]}
        cell = cells[self.dep_sales.id, self.dep_ops.id]
        self.assertEqual((cell["value"], cell["tone"]), (59.4, "danger"))
        for part in ("1/2 answered on time", "1 late", "rating 3.0 (2)", "1 reopened", "+5"):
            self.assertIn(part, cell["label"])
        self.assertIn("1/1 consultations answered", cell["label"])
        self.assertEqual(cell["drill"]["model"], "synergy.request")
        self.assertEqual(
            self.env["synergy.request"].search(cell["drill"]["domain"]), self.r1 | self.r2
        )
        fin_ops = cells[self.dep_fin.id, self.dep_ops.id]
        self.assertEqual((fin_ops["value"], fin_ops["tone"]), (100.0, "success"))
        with freeze_time(NOW):
            quarter = dashboard.get_dashboard_data(period_id=self.q1.id)
        cells = {(c["row"], c["col"]): c for c in quarter["sections"][0]["cells"]}
        hidden = cells[self.dep_hr.id, self.dep_ops.id]
        self.assertIsNone(hidden["value"])
        self.assertIn("too few evaluators", hidden["label"])
        self.assertEqual(hidden["drill"]["model"], "synergy.evaluation.target")
        self.assertEqual(
            self.env["synergy.evaluation.target"].search(hidden["drill"]["domain"]),
            self.campaign.target_ids,
        )
        shown = cells[self.dep_cust.id, self.dep_ops.id]
        self.assertEqual(shown["value"], 66.7)
        self.assertIn("evaluation 67 (3 evaluators)", shown["label"])
        # Nothing names an evaluator.
        names = {u.name for u in self.customers + self.hr_evaluators}
        self.assertFalse([n for n in names if n in str(quarter) + str(data)])
        # Weakest first: the most late answers, then the lowest rating.
        order = [item["key"] for item in weakest["items"]]
        self.assertEqual(
            order,
            [
                f"seam_{self.dep_sales.id}_{self.dep_ops.id}",  # 1 late, rating 3
                # 1 overdue, unrated, health 0, one consultation unanswered
                f"seam_{self.dep_sales.id}_{self.dep_fin.id}",
                f"seam_{self.dep_hr.id}_{self.dep_fin.id}",  # 1 late, unrated, health 0
            ],
        )
        self.assertNotIn(f"seam_{self.dep_fin.id}_{self.dep_ops.id}", order, "healthy")
        first = weakest["items"][0]
        self.assertEqual([link["label"] for link in first["links"]], ["Requests", "Consultations"])
        consultations = first["links"][1]["drill"]
        self.assertEqual(len(self.env["synergy.event"].search(consultations["domain"])), 1)
        late = weakest["items"][1]["drill"]
        self.assertEqual(self.env["synergy.request"].search(late["domain"]), self.r3)

    def test_company_health_sections(self):
        dashboard = self.env["synergy.dashboard.company"].with_user(self.user_officer)
        with freeze_time(NOW):
            data = dashboard.get_dashboard_data(period_id=self.march.id)
        keys = [section["key"] for section in data["sections"]]
        self.assertEqual(
            keys,
            [
                "process_health",
                "alerts",
                "interlocks_under_floor",
                "department_ranking",
                "linkage_ratios",
                "collaboration_map",
                "weakest_seams",
            ],
        )
        self.assertIn(self.company.name, data["title"])

    def test_only_officers_and_allowed_companies(self):
        for user in (self.user_head, self.user_seller):
            for model in ("synergy.dashboard.collaboration", "synergy.dashboard.company"):
                with self.assertRefused(AccessError, "only"):
                    self.env[model].with_user(user).get_dashboard_data()
        committee = make_synergy_user(
            self.env, "map_committee", "perf_synergy.group_synergy_committee"
        )
        with self.assertRefused(AccessError, "only"):
            self.env["synergy.dashboard.collaboration"].with_user(committee).get_dashboard_data()
        other = self.env["res.company"].create({"name": "Map Elsewhere"})
        dashboard = self.env["synergy.dashboard.collaboration"].with_user(self.user_officer)
        for bad in (other.id, -1, "1", 2**40, [1]):
            with self.assertRefused(UserError, "scope_id"):
                dashboard.get_dashboard_data(scope_id=bad)
        for bad in (0.5, "x", 2**40):
            with self.assertRefused(UserError, "period_id"):
                dashboard.get_dashboard_data(period_id=bad)
        # A period of another company is not offered.
        foreign = self.env["synergy.period"].create(
            {
                "name": "Elsewhere 2031",
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
                "company_id": other.id,
            }
        )
        with self.assertRefused(UserError, "period_id"):
            dashboard.get_dashboard_data(period_id=foreign.id)

    def test_a_second_company_is_its_own_scope(self):
        other = self.env["res.company"].create({"name": "Map Subsidiary"})
        self.user_officer.company_ids = [(4, other.id)]
        dashboard = self.env["synergy.dashboard.collaboration"].with_user(self.user_officer)
        data = dashboard.get_dashboard_data(scope_id=other.id)
        self.assertEqual(data["scope"]["id"], other.id)
        self.assertEqual({c["id"] for c in data["scopes"]} >= {self.company.id, other.id}, True)
        self.assertTrue(data["notice"], "no period in the subsidiary yet")
        self.assertEqual(data["sections"], [])

    def _queries(self, dashboard):
        """Queries of one dashboard read, with cold caches (record and ORM caches)."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time(NOW):
            dashboard.get_dashboard_data(period_id=self.march.id)
        return self.cr.sql_log_count - before

    def test_constant_queries(self):
        dashboards = [
            self.env[model].with_user(self.user_officer)
            for model in ("synergy.dashboard.collaboration", "synergy.dashboard.company")
        ]
        for dashboard in dashboards:
            self._queries(dashboard)  # warm the registry caches (groups, rules)
        counts = [self._queries(dashboard) for dashboard in dashboards]
        # More departments, requests, answers, consultations and periods.
        more = self.env["hr.department"].create([{"name": f"Syn Extra {i}"} for i in range(6)])
        with freeze_time("2031-03-17 09:00:00"):
            requests = self.env["synergy.request"].create(
                [
                    {
                        "name": f"Extra {i}",
                        "requesting_department_id": more[i].id,
                        "responding_department_id": more[(i + 1) % 6].id,
                    }
                    for i in range(6)
                ]
            )
            requests[:3].action_acknowledge()
        self.env["synergy.period"].create(
            [
                {
                    "name": f"Extra {i}",
                    "period_type": "month",
                    "date_start": f"204{i}-01-01",
                    "date_end": f"204{i}-01-31",
                }
                for i in range(3)
            ]
        )
        self.assertEqual([self._queries(dashboard) for dashboard in dashboards], counts)
        self.env.invalidate_all()
        with self.assertQueryCount(COLLABORATION_QUERIES), freeze_time(NOW):
            dashboards[0].get_dashboard_data(period_id=self.march.id)
        self.env.invalidate_all()
        with self.assertQueryCount(COMPANY_QUERIES), freeze_time(NOW):
            dashboards[1].get_dashboard_data(period_id=self.march.id)

    def test_officer_lands_on_company_health(self):
        action = self.env["hr.department"].with_user(self.user_officer).action_synergy_landing()
        self.assertEqual(
            (action["type"], action["tag"]), ("ir.actions.client", "perf_synergy.dashboard")
        )
        self.assertEqual(action["params"]["model"], "synergy.dashboard.company")
        self.assertEqual(action["params"]["scope_id"], self.company.id)
        with self.assertRefused(AccessError, "only"):
            self.env["res.company"].with_user(self.user_head).action_synergy_company_health()
        menu_action = self.env.ref("perf_synergy.action_synergy_collaboration_map")
        self.assertEqual(menu_action.params, {"model": "synergy.dashboard.collaboration"})


@tagged("post_install", "-at_install")
class TestCollaborationMapDemo(RoleTourCase):
    """The demo's map shows the demo's weak seams (synergy_realtime_demo.xml) next to the
    healthy ones (synergy_collaboration_demo.xml); the officer's journey through it."""

    def _year(self, officer):
        today = fields.Date.context_today(officer)
        return self.env["synergy.period"].search(
            [
                ("company_id", "=", officer.company_id.id),
                ("period_type", "=", "year"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            limit=1,
        )

    def test_demo_map_shows_the_weak_seams(self):
        officer = self.demo_user("synergy.demo.officer")
        year = self._year(officer)
        data = (
            self.env["synergy.dashboard.collaboration"]
            .with_user(officer)
            .get_dashboard_data(period_id=year.id)
        )
        heatmap, weakest = data["sections"]
        names = {d["id"]: d["name"] for d in heatmap["rows"] + heatmap["cols"]}
        tones = {(names[c["row"]], names[c["col"]]): c["tone"] for c in heatmap["cells"]}
        self.assertEqual(tones["Customer Service", "Technology"], "danger")
        self.assertEqual(tones["Sales", "Finance"], "danger")
        self.assertEqual(tones["Finance", "Technology"], "success")
        self.assertEqual(tones["Human Resources", "Finance"], "success")
        # The solution design's consultation: Technology answered, Sales did not.
        self.assertEqual(tones["Product", "Technology"], "success")
        self.assertEqual(tones["Product", "Sales"], "danger")
        labels = [item["label"] for item in weakest["items"]]
        self.assertGreaterEqual(len(labels), 3)
        self.assertIn("Customer Service → Technology", labels[:3])
        self.assertNotIn("Finance → Technology", labels)
        self.assertIn("Product → Sales", labels)

    def test_officer_journey_in_english(self):
        officer = self.demo_user("synergy.demo.officer")
        officer.lang = "en_US"
        self.start_role_tour("/odoo", "synergy_company_health", officer.login)

    def test_officer_journey_in_chinese(self):
        officer = self.demo_user("synergy.demo.officer")
        self.speak_chinese(officer)
        self.start_role_tour("/odoo", "synergy_company_health_zh", officer.login)

    def test_collaboration_map_menu(self):
        officer = self.demo_user("synergy.demo.officer")
        officer.lang = "en_US"
        action = self.env.ref("perf_synergy.action_synergy_collaboration_map")
        self.start_role_tour(
            f"/odoo/action-{action.id}", "synergy_collaboration_map", officer.login
        )
