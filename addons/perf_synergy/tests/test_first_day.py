"""The first clicks of each role, as that role's user (issue 18): landing pages that open
whatever the organisation above the reader, values of cascaded KPIs entered by a head, the
dialogs that ask for a rating or a note, the request columns, KPIs found by their code and a
committee whose cadence date is past."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SynergyCase, make_synergy_user


def _section(data, key):
    return next(s for s in data["sections"] if s["key"] == key)


@tagged("post_install", "-at_install")
class TestFirstDay(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Operations has a head of its own, under a company scorecard he may not read.
        cls.user_ops_head = make_synergy_user(
            cls.env, "first_ops_head", "perf_synergy.group_synergy_manager"
        )
        cls.emp_ops_head = cls.env["hr.employee"].create(
            {
                "name": "Head of Operations",
                "user_id": cls.user_ops_head.id,
                "department_id": cls.dep_ops.id,
            }
        )
        cls.dep_ops.manager_id = cls.emp_ops_head
        cls.company_card = cls.scorecard("company", company_id=cls.company.id)
        cls.company_line = cls.line(cls.company_card, cls.kpi_revenue, weight=100, target=1000)
        cls.ops_card = cls.scorecard(department_id=cls.dep_ops.id)
        cls.ops_line = cls.line(
            cls.ops_card,
            cls.kpi_sales,
            weight=100,
            target=400,
            parent_line_id=cls.company_line.id,
        )

    def _dashboard(self, department, user):
        """My Department of ``department`` for the year, as ``user`` (the JSON of the
        dashboard's client action)."""
        return (
            self.env["synergy.dashboard.department"]
            .with_user(user)
            .get_dashboard_data(period_id=self.year.id, scope_id=department.id)
        )

    def test_head_under_the_company_scorecard_lands_on_his_department(self):
        action = self.env["hr.department"].with_user(self.user_ops_head).action_synergy_landing()
        self.assertEqual(action["params"]["model"], "synergy.dashboard.department")
        # The whole page is read as the head: no access error on the company lines above.
        dashboard = self._dashboard(self.dep_ops, self.user_ops_head)
        self.assertEqual(dashboard["scope"]["id"], self.dep_ops.id)
        rows = _section(dashboard, "scorecard")["rows"]
        self.assertEqual([row["key"] for row in rows], [f"line_{self.ops_line.id}"])
        served = _section(dashboard, "served")["rows"]
        self.assertEqual(served, [], "the company line is not his to read")
        # The officer, who reads the company scorecard, sees which company KPI it serves.
        served = _section(self._dashboard(self.dep_ops, self.user_officer), "served")["rows"]
        self.assertEqual([row["key"] for row in served], [f"served_{self.company_line.id}"])
        self.assertEqual(self.dep_ops.with_user(self.user_officer).synergy_served_count, 1)

    def test_head_enters_the_value_of_a_cascaded_kpi(self):
        value = (
            self.env["synergy.kpi.value"]
            .with_user(self.user_ops_head)
            .create(
                {
                    "kpi_id": self.kpi_sales.id,
                    "period_id": self.months[0].id,
                    "owner_level": "department",
                    "department_id": self.dep_ops.id,
                    "value": 120,
                }
            )
        )
        self.assertEqual(value.value, 120)
        self.assertEqual(self.ops_line.actual, 120)
        self.assertEqual(self.company_line.actual, 120, "the company's roll-up follows")

    def test_department_without_scorecard_says_what_to_do(self):
        dep_legal = self.env["hr.department"].create({"name": "First Legal"})
        head = make_synergy_user(self.env, "first_legal_head", "perf_synergy.group_synergy_manager")
        dep_legal.manager_id = self.env["hr.employee"].create(
            {"name": "Counsel", "user_id": head.id, "department_id": dep_legal.id}
        )
        dashboard = self._dashboard(dep_legal, head)
        self.assertEqual(_section(dashboard, "scorecard")["rows"], [])
        self.assertIn("has no scorecard", dashboard["notice"]["text"])
        self.assertIn("Cascade", dashboard["notice"]["text"])

    def test_committee_member_lands_on_the_committee(self):
        member = make_synergy_user(self.env, "first_member", "perf_synergy.group_synergy_committee")
        action = self.env["hr.department"].with_user(member).action_synergy_landing()
        self.assertEqual(action["res_model"], "synergy.committee")

    def test_requests_kanban_shows_every_column_in_workflow_order(self):
        groups = (
            self.env["synergy.request"]
            .with_user(self.user_seller)
            .with_context(read_group_expand=True)  # as the kanban asks
            .formatted_read_group([], groupby=["state"], aggregates=["__count"])
        )
        self.assertEqual(
            [group["state"] for group in groups],
            ["new", "acknowledged", "in_progress", "delivered", "accepted"],
        )

    def _delivered_request(self):
        self.dep_ops.manager_id = self.emp_ops
        request = (
            self.env["synergy.request"]
            .with_user(self.user_seller)
            .create(
                {
                    "name": "Price list",
                    "requesting_department_id": self.dep_sales_north.id,
                    "responding_department_id": self.dep_ops.id,
                }
            )
        )
        request.with_user(self.user_ops).action_acknowledge()
        request.with_user(self.user_ops).action_deliver()
        return request

    def test_accept_without_rating_asks_for_the_rating(self):
        request = self._delivered_request()
        action = request.with_user(self.user_seller).action_accept_dialog()
        self.assertEqual(action["res_model"], "synergy.request.accept.wizard")
        self.assertEqual(request.state, "delivered", "nothing accepted yet")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_seller)
            .with_context(**action["context"])
        )
        wizard.rating = "4"
        wizard.save().action_accept()
        self.assertEqual((request.state, request.rating), ("accepted", "4"))

    def test_resolve_without_note_asks_for_the_note(self):
        alert = self.env["synergy.alert"].create(
            {
                "rule_id": self.env["synergy.alert.rule"]
                .create({"name": "Sales drop", "kpi_id": self.kpi_sales.id})
                .id,
                "kpi_id": self.kpi_sales.id,
                "period_id": self.months[0].id,
                "owner_level": "department",
                "department_id": self.dep_sales.id,
                "value": 10,
            }
        )
        self.dep_sales.manager_id = self.emp_head
        action = alert.with_user(self.user_head).action_resolve_dialog()
        self.assertEqual(action["res_model"], "synergy.alert.resolve.wizard")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
        )
        wizard.resolution_note = "Called the customer back"
        wizard.save().action_resolve()
        self.assertEqual(alert.state, "resolved")
        self.assertEqual(alert.resolution_note, "Called the customer back")

    def test_kpis_are_found_and_created_by_their_code(self):
        Kpi = self.env["synergy.kpi"].with_user(self.user_officer)
        found = Kpi.name_search("T-SALES")
        self.assertEqual([kpi_id for kpi_id, _name in found], self.kpi_sales.ids)
        kpi_id, name = Kpi.name_create("[T-NEW] New customers")
        self.assertEqual(name, "[T-NEW] New customers")
        self.assertEqual(Kpi.browse(kpi_id).code, "T-NEW")
        kpi_id, _name = Kpi.name_create("T-BARE")
        self.assertEqual(Kpi.browse(kpi_id).code, "T-BARE")
        # An import names the KPI by its code.
        result = (
            self.env["synergy.kpi.value"]
            .with_user(self.user_officer)
            .load(
                ["kpi_id", "period_id/.id", "owner_level", "department_id/.id", "value"],
                [["T-SALES", str(self.months[1].id), "department", str(self.dep_ops.id), "7"]],
            )
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.env["synergy.kpi.value"].browse(result["ids"]).kpi_id, self.kpi_sales)

    def test_next_meeting_is_never_prepared_in_the_past(self):
        member = make_synergy_user(
            self.env, "first_member2", "perf_synergy.group_synergy_committee"
        )
        committee = self.env["synergy.committee"].create(
            {"name": "First committee", "member_ids": [(6, 0, member.ids)]}
        )
        self.env["synergy.meeting"].create(
            {
                "committee_id": committee.id,
                "name": "Long ago",
                "date": datetime.now() - timedelta(days=200),
            }
        )
        action = committee.with_user(member).action_new_meeting()
        meeting = self.env["synergy.meeting"].browse(action["res_id"])
        today = fields.Date.context_today(meeting)
        self.assertEqual(meeting.date.date(), today)
        self.assertIn("which is past", meeting.message_ids[:5].mapped("body")[0] or "")

    def test_breadcrumbs_name_records(self):
        scheme = self.env["synergy.scheme"].with_user(self.user_officer).new({"year": 2032})
        self.assertNotIn("False", scheme.display_name)
        self.assertEqual(scheme.display_name, "2032 v1")
        alert = self.env["synergy.alert"].create(
            {
                "rule_id": self.env["synergy.alert.rule"]
                .create({"name": "Sales low", "kpi_id": self.kpi_sales.id})
                .id,
                "kpi_id": self.kpi_sales.id,
                "period_id": self.months[2].id,
                "owner_level": "department",
                "department_id": self.dep_sales.id,
            }
        )
        name = alert.with_user(self.user_head).display_name
        self.assertNotIn("synergy.alert,", name)
        self.assertIn("T-SALES", name)
        self.assertIn("Syn Sales", name)

    def test_messages_name_bands_by_their_label_not_their_key(self):
        scheme = self.scheme.with_user(self.user_officer).with_context(lang="en_US")
        new = scheme.copy({"year": 2034})
        with self.assertRefused(ValidationError, "The Strong linkage band"):
            new.write({"linkage_strong_min": 50, "linkage_strong_max": 40})

    def test_start_buttons_are_not_the_start_date(self):
        # "Start" is also the label of start dates (开始日期): the buttons say "Start Work".
        for xmlid in (
            "perf_synergy.synergy_request_view_form",
            "perf_synergy.synergy_action_view_form",
        ):
            arch = self.env.ref(xmlid).arch
            self.assertIn('string="Start Work"', arch)
            self.assertNotIn('string="Start"', arch)
