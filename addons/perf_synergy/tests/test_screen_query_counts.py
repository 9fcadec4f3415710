"""Opening an everyday screen costs a number of queries that does not grow with the data.

Each screen is opened as the web client opens it (``screens.py``: the same calls and field
specifications as the scale benchmark ``tests/benchmarks/bench_screens.py``), by the officer
and by a department head: a department scorecard, an employee scorecard, the form, the value
tree and the contributors list of the top line, the requests kanban, the alert list. The screens
are opened once on a first organisation to warm the caches (view definitions), then on a
small organisation (N employees per team, N requests and alerts per state) and on one three
times larger, built beside it: the larger opening may not cost more queries than the small
one. The server time of the same screens on 10,000 employees is in docs/benchmarks.md,
never asserted here.
"""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools.write_policy import trusted_writes
from . import screens as ui
from .common import SynergyCase, make_synergy_user

N = 2
REQUEST_STATES = ("new", "acknowledged", "in_progress", "delivered", "accepted")
ALERT_STATES = ("open", "acknowledged", "resolved")


@tagged("post_install", "-at_install")
class TestScreenQueryCounts(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One rule per alert state: an owner has one open alert per rule and period.
        cls.rules = dict(
            zip(
                ALERT_STATES,
                cls.env["synergy.alert.rule"].create(
                    [
                        {
                            "name": f"Screens {s}",
                            "kpi_id": cls.kpi_sales.id,
                            "owner_level": "employee",
                        }
                        for s in ALERT_STATES
                    ]
                ),
                strict=True,
            )
        )
        cls.counter = 0

    def _organisation(self, period, size):
        """A head office with a head, two teams of ``size`` employees, a company line driving
        the head office's line driving the teams' lines driving the employees' lines, and
        ``size`` requests and alerts in every state."""
        type(self).counter += 1
        tag = f"SQ{self.counter}"
        Department = self.env["hr.department"]
        office = Department.create({"name": f"{tag} office", "synergy_tier": "middle"})
        teams = Department.create(
            [
                {"name": f"{tag} team {i}", "parent_id": office.id, "synergy_tier": "front"}
                for i in range(2)
            ]
        )
        head_user = make_synergy_user(
            self.env, f"{tag.lower()}_head", "perf_synergy.group_synergy_manager"
        )
        office.manager_id = self.env["hr.employee"].create(
            {"name": f"{tag} head", "department_id": office.id, "user_id": head_user.id}
        )
        employees = self.env["hr.employee"].create(
            [
                {"name": f"{tag} employee {i}", "department_id": team.id}
                for team in teams
                for i in range(size)
            ]
        )
        Card = self.env["synergy.scorecard"]
        Line = self.env["synergy.scorecard.line"]
        company_card = Card.search(
            [("owner_level", "=", "company"), ("period_id", "=", period.id)]
        ) or self.scorecard("company", period)
        company_line = self.line(company_card, self.kpi_revenue, weight=100, target=1000)
        office_card = self.scorecard(department_id=office.id, period=period)
        office_line = self.line(
            office_card, self.kpi_revenue, 100, 1000, parent_line_id=company_line.id
        )
        self.line(office_card, self.kpi_retention, 0, 90)
        team_lines = Line.create(
            [
                {
                    "scorecard_id": self.scorecard(department_id=team.id, period=period).id,
                    "kpi_id": self.kpi_revenue.id,
                    "weight": 100,
                    "target": 500,
                    "parent_line_id": office_line.id,
                }
                for team in teams
            ]
        )
        employee_cards = Card.create(
            [
                {"owner_level": "employee", "employee_id": employee.id, "period_id": period.id}
                for employee in employees
            ]
        )
        Line.create(
            [
                {
                    "scorecard_id": card.id,
                    "kpi_id": kpi.id,
                    "weight": 50,
                    "target": 100,
                    "parent_line_id": team_lines[index // size].id
                    if kpi == self.kpi_sales
                    else False,
                }
                for index, card in enumerate(employee_cards)
                for kpi in (self.kpi_sales, self.kpi_complaints)
            ]
        )
        with trusted_writes():
            self.env["synergy.request"].create(
                [
                    {
                        "name": f"{tag} request {state} {i}",
                        "requesting_department_id": teams[0].id,
                        "responding_department_id": teams[1].id,
                        "state": state,
                    }
                    for state in REQUEST_STATES
                    for i in range(size)
                ]
            )
            self.env["synergy.alert"].create(
                [
                    {
                        "rule_id": self.rules[state].id,
                        "kpi_id": self.kpi_sales.id,
                        "period_id": period.id,
                        "owner_level": "employee",
                        "employee_id": employees[i].id,
                        "value": 10.0,
                        "severity": "high",
                        "state": state,
                        "acting_department_ids": [(6, 0, [office.id])],
                    }
                    for state in ALERT_STATES
                    for i in range(size)
                ]
            )
        self.env.flush_all()
        return {
            "head": head_user,
            "department_card": office_card,
            "employee_card": employee_cards[0],
            "company_line": company_line,
            "office_line": office_line,
        }

    def _screens(self, org, user, top):
        """{name: function} opening each screen as ``user``; the line's form (with its count
        of contributors), value tree and contributors from the company line
        (``top="company_line"``) or the head office's line."""
        env = self.env(user=user)
        Line = env["synergy.scorecard.line"]
        top_line = org[top].with_env(env)
        alert_list = env.ref("perf_synergy.synergy_alert_view_list").id

        def value_tree():
            action = top_line.action_view_value_tree()
            roots, _opened = ui.open_hierarchy(
                Line, action.get("domain", []), action["views"][0][0], context=action["context"]
            )
            return roots

        def contributors():
            action = top_line.action_view_contributors()
            return ui.open_grouped_list(
                Line.with_context(**action["context"]),
                action["domain"],
                "owner_level",
                action["views"][0][0],
            )

        return {
            "department scorecard": lambda: ui.open_form(org["department_card"].with_env(env)),
            "employee scorecard": lambda: ui.open_form(org["employee_card"].with_env(env)),
            "line form": lambda: ui.open_form(top_line),
            "value tree": value_tree,
            "contributors": contributors,
            "requests kanban": lambda: ui.open_kanban(env["synergy.request"], []),
            "alert list": lambda: ui.open_list(
                env["synergy.alert"], [("state", "!=", "resolved")], alert_list
            ),
        }

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _assert_screens_constant(self, role):
        months = iter(self.months)
        orgs = [self._organisation(next(months), size) for size in (N, N, 3 * N)]
        counts = {}
        for index, org in enumerate(orgs):
            if role == "officer":
                user, top = self.user_officer, "company_line"
            else:
                user, top = org["head"], "office_line"
            for name, screen in self._screens(org, user, top).items():
                if index == 0:
                    screen()  # warm-up: view definitions, registry caches
                elif index == 1:
                    counts[name] = self._queries(screen)
                else:
                    with self.subTest(screen=name):
                        self.env.invalidate_all()
                        with self.assertQueryCount(counts[name]):
                            screen()
        return counts

    def test_officer_screens(self):
        """The officer's screens on a 3 times larger organisation cost no more queries."""
        counts = self._assert_screens_constant("officer")
        self.assertEqual(len(counts), 7)

    def test_head_screens(self):
        """A head's screens (his department, his teams' employees, his line's value tree and
        contributors, requests, alerts) cost no more queries on a larger organisation."""
        counts = self._assert_screens_constant("head")
        self.assertEqual(len(counts), 7)

    def test_screens_read_what_the_views_show(self):
        """The specifications are the views': the scorecard's lines come with their KPI's
        name, the kanban unfolds its columns with cards, the list pages its rows."""
        org = self._organisation(self.months[0], N)
        screens = self._screens(org, self.user_officer, "company_line")
        [card] = screens["department scorecard"]()
        self.assertEqual(len(card["line_ids"]), 2)
        self.assertIn("display_name", card["line_ids"][0]["kpi_id"])
        kanban = screens["requests kanban"]()
        unfolded = [group for group in kanban["groups"] if group.get("__records")]
        self.assertGreaterEqual(len(unfolded), len(REQUEST_STATES))
        self.assertIn("activity_state", unfolded[0]["__records"][0])
        roots, page = screens["contributors"]()
        self.assertEqual(
            {group["owner_level"]: group["__count"] for group in roots["groups"]},
            {"department": 3, "employee": 2 * N},
        )
        self.assertEqual(len(page["records"]), 2 * N)
        tree = screens["value tree"]()
        self.assertEqual(tree[0]["id"], org["company_line"].id)

    def test_value_tree_opens_on_the_line(self):
        """The value tree opens on the line (``hierarchy_res_id``), not on its whole subtree:
        the officer gets the line, the line it drives and its drivers; a head, who may not
        read the company line his department's line drives, gets his line and its drivers,
        without an access error."""
        org = self._organisation(self.months[0], N)
        office_line, company_line = org["office_line"], org["company_line"]
        team_lines = office_line.child_line_ids
        self.assertEqual(len(team_lines), 2)
        expected = {
            self.user_officer: company_line | office_line | team_lines,
            org["head"]: office_line | team_lines,
        }
        for user, lines in expected.items():
            with self.subTest(user=user.login):
                tree = self._screens(org, user, "office_line")["value tree"]()
                self.assertEqual({row["id"] for row in tree}, set(lines.ids))
        # The head cannot read the company line: the tree above did not reach it.
        with self.assertRaises(AccessError):
            company_line.with_user(org["head"]).check_access("read")

    def test_contributor_count_in_one_query(self):
        """The contributors of several lines are counted together, each its own subtree
        without itself, in one query however many lines."""
        org = self._organisation(self.months[0], N)
        office_line, company_line = org["office_line"], org["company_line"]
        team_lines = office_line.child_line_ids
        lines = company_line | office_line | team_lines
        lines.invalidate_recordset(["contributor_count"])
        with self.assertQueryCount(1):
            counts = [line.contributor_count for line in lines]
        self.assertEqual(counts, [3 + 2 * N, 2 + 2 * N, N, N])
        head_line = office_line.with_user(org["head"])
        self.assertEqual(head_line.contributor_count, 2 + 2 * N)
