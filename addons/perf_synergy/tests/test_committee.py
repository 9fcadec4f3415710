from datetime import date, datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestCommittee(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = make_synergy_user(
            cls.env, "syn_committee", "perf_synergy.group_synergy_committee"
        )
        cls.committee = cls.env["synergy.committee"].create(
            {
                "name": "Performance committee",
                "chair_id": cls.user_officer.id,
                "member_ids": [(6, 0, (cls.member | cls.user_head).ids)],
            }
        )

    def _even_members(self):
        """Sales and Operations sharing an interlock half and half."""
        return [
            (
                0,
                0,
                {
                    "department_id": department.id,
                    "share": 50,
                    "weight": 10,
                    "reward_share": 50,
                    "penalty_share": 50,
                },
            )
            for department in (self.dep_sales, self.dep_ops)
        ]

    def _meeting(self, when):
        return self.env["synergy.meeting"].create(
            {
                "name": "Meeting",
                "committee_id": self.committee.id,
                "date": when,
                "attendee_ids": [(6, 0, (self.member | self.user_head).ids)],
            }
        )

    def test_agenda_is_built_from_the_data(self):
        # An off-track department KPI in March.
        march = self.months[2]
        card = self.scorecard(department_id=self.dep_ops.id, period=march)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, march, 50, department_id=self.dep_ops.id)
        # An open alert and an interlock under its floor.
        rule = self.env["synergy.alert.rule"].create(
            {"name": "Floor", "kpi_id": self.kpi_complaints.id, "floor": 10}
        )
        self.value(self.kpi_complaints, march, 12, department_id=self.dep_ops.id)
        rule._evaluate()
        interlock = self.env["synergy.interlock"].create(
            {
                "name": "Shared retention",
                "kpi_id": self.kpi_retention.id,
                "period_id": self.year.id,
                "target": 90,
                "floor": 70,
                "member_ids": self._even_members(),
            }
        )
        interlock.action_activate()
        self.value(self.kpi_retention, self.year, 60, owner_level="company")
        # An action item still open from a previous meeting.
        previous = self._meeting(datetime(self.YEAR, 3, 5, 9))
        self.env["synergy.action"].create(
            {
                "name": "Fix the price list flow",
                "meeting_id": previous.id,
                "owner_id": self.user_head.id,
                "deadline": date(self.YEAR, 3, 30),
            }
        )
        meeting = self._meeting(datetime(self.YEAR, 4, 2, 9))
        self.assertEqual(meeting.period_id, self.months[3], "latest month started")
        meeting.period_id = march
        meeting.action_generate_agenda()
        categories = meeting.agenda_ids.mapped("category")
        for category in ("kpi", "alert", "interlock", "action"):
            self.assertIn(category, categories)
        kpi_item = meeting.agenda_ids.filtered(lambda a: a.category == "kpi")
        self.assertTrue(
            any("Syn Operations" in name and "score 50" in name for name in kpi_item.mapped("name"))
        )
        self.assertIn(
            "Fix the price list flow",
            meeting.agenda_ids.filtered(lambda a: a.category == "action").name,
        )
        # Regenerating replaces the generated items, keeps manual ones.
        self.env["synergy.meeting.agenda"].create(
            {"meeting_id": meeting.id, "name": "Any other business"}
        )
        count = len(meeting.agenda_ids)
        meeting.action_generate_agenda()
        self.assertEqual(len(meeting.agenda_ids), count)

    def test_attendance_goes_to_the_log(self):
        meeting = self._meeting(datetime(self.YEAR, 4, 2, 9))
        meeting.action_done()
        events = self.env["synergy.event"].search(
            [("event_type", "=", "meeting_attended"), ("res_id", "=", meeting.id)]
        )
        self.assertEqual(set(events.user_id), {self.member, self.user_head})
        self.assertEqual(
            events.filtered(lambda e: e.user_id == self.user_head).department_id, self.dep_sales
        )

    def test_action_items_are_followed_to_closure(self):
        action = self.env["synergy.action"].create(
            {
                "name": "Joint plan",
                "committee_id": self.committee.id,
                "owner_id": self.user_head.id,
                "deadline": date.today() - timedelta(days=2),
            }
        )
        self.assertEqual(action.activity_ids.user_id, self.user_head)
        self.assertTrue(action.is_overdue)
        self.env["synergy.action"]._cron_remind_overdue()
        self.env["synergy.action"]._cron_remind_overdue()
        self.assertEqual(len(action.activity_ids), 2, "one reminder, once")
        with self.assertRefused(UserError, "outcome"):
            action.action_done()
        action.outcome = "Plan agreed with Operations"
        action.action_done()
        self.assertEqual(action.state, "done")
        self.assertFalse(action.activity_ids)
        # The owner sees their action item.
        self.assertEqual(self.env["synergy.action"].with_user(self.user_head).search([]), action)

    def test_version_diff_of_a_scheme(self):
        action = self.scheme.action_new_version()
        v2 = self.env["synergy.scheme"].browse(action["res_id"])
        v2.write({"min_synergy_weight": 25, "behavior_cap": 8})
        wizard_action = v2.action_compare_previous()
        wizard = self.env["synergy.version.diff"].browse(wizard_action["res_id"])
        self.assertEqual(wizard.change_count, 2)
        rows = {row["label"]: row for row in wizard.changes["rows"]}
        weight = rows["Minimum Synergy Weight (%)"]
        self.assertEqual((weight["kind"], weight["after"]), ("float", 25.0))
        self.assertEqual(wizard.changes["new_name"], v2.display_name)
        with self.assertRefused(UserError, "no previous version"):
            self.scheme.action_compare_previous()

    def test_version_diff_of_a_linkage_matrix(self):
        matrix = self.env["synergy.linkage.matrix"].create(
            {
                "name": "Links",
                "year": self.YEAR,
                "kpi_ids": [(6, 0, self.kpi_sales.ids)],
                "department_ids": [(6, 0, self.dep_ops.ids)],
            }
        )
        matrix.line_ids.write({"relevance": "strong", "ratio": 25})
        matrix.action_approve()
        v2 = self.env["synergy.linkage.matrix"].browse(matrix.action_new_version()["res_id"])
        v2.line_ids.write({"relevance": "medium", "ratio": 12})
        wizard = self.env["synergy.version.diff"].browse(v2.action_compare_previous()["res_id"])
        self.assertEqual(wizard.change_count, 1)
        [row] = wizard.changes["rows"]
        self.assertEqual((row["before"], row["after"]), ("Strong 25%", "Medium 12%"))

    def test_interlock_versions(self):
        interlock = self.env["synergy.interlock"].create(
            {
                "name": "Retention",
                "kpi_id": self.kpi_retention.id,
                "period_id": self.year.id,
                "target": 90,
                "member_ids": self._even_members(),
            }
        )
        interlock.action_activate()
        v2 = self.env["synergy.interlock"].browse(interlock.action_new_version()["res_id"])
        self.assertEqual((v2.version, v2.state, len(v2.member_ids)), (2, "draft", 2))
        v2.target = 92
        wizard = self.env["synergy.version.diff"].browse(v2.action_compare_previous()["res_id"])
        self.assertEqual(wizard.change_count, 1)
        [row] = wizard.changes["rows"]
        self.assertEqual((row["before"], row["after"]), (90, 92))

    def test_a_decision_starts_a_policy_version(self):
        meeting = self._meeting(datetime(self.YEAR, 4, 2, 9))
        decision = self.env["synergy.action"].create(
            {
                "name": "Raise the minimum synergy weight",
                "meeting_id": meeting.id,
                "owner_id": self.user_officer.id,
                "deadline": date(self.YEAR, 4, 30),
                "scheme_id": self.scheme.id,
            }
        )
        decision.action_new_policy_version()
        new_scheme = decision.new_version_ref
        self.assertEqual(
            (new_scheme._name, new_scheme.version, new_scheme.state), ("synergy.scheme", 2, "draft")
        )
        with self.assertRefused(UserError, "already created"):
            decision.action_new_policy_version()
        empty = self.env["synergy.action"].create(
            {
                "name": "Nothing to change",
                "meeting_id": meeting.id,
                "owner_id": self.user_officer.id,
                "deadline": date(self.YEAR, 4, 30),
            }
        )
        with self.assertRefused(UserError, "Choose the scheme"):
            empty.action_new_policy_version()

    def test_projects_link_lessons_of_past_projects(self):
        old_project = self.env["project.project"].create({"name": "Old launch"})
        retro = self.env["synergy.retrospective"].create(
            {
                "name": "Launch review",
                "project_id": old_project.id,
                "period_id": self.q1.id,
                "lessons": "<p>Involve finance at the start</p>",
            }
        )
        new_project = self.env["project.project"].create(
            {"name": "New launch", "synergy_lesson_ids": [(6, 0, retro.ids)]}
        )
        self.assertIn("Involve finance", new_project.synergy_lesson_ids.lessons)


@tagged("post_install", "-at_install")
class TestCommitteeUi(HttpCase):
    def test_officer_prepares_a_meeting_from_the_dashboard(self):
        make_synergy_user(
            self.env,
            "committee_tour",
            "perf_synergy.group_synergy_officer,perf_synergy.group_synergy_committee",
            password="committee_tour",
        )
        self.env["synergy.committee"].create({"name": "Tour committee"})
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_committee",
            "perf_synergy_committee",
            login="committee_tour",
        )
        meeting = self.env["synergy.meeting"].search([("committee_id.name", "=", "Tour committee")])
        self.assertEqual(len(meeting), 1)

    def test_officer_opens_a_diagnosis_radar(self):
        make_synergy_user(
            self.env, "radar_tour", "perf_synergy.group_synergy_officer", password="radar_tour"
        )
        department = self.env["hr.department"].create({"name": "Radar department"})
        self.env["synergy.diagnosis"].create(
            {"name": "Tour diagnosis", "department_id": department.id}
        )
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_diagnosis",
            "perf_synergy_diagnosis_radar",
            login="radar_tour",
        )
