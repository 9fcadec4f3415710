from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestShares(SynergyCase):
    def test_seed_split_and_proposed_weights(self):
        service = self.env["hr.department"].create({"name": "Syn Service"})
        self.kpi_retention.write(
            {
                "share_ids": [
                    (0, 0, {"department_id": self.dep_sales.id, "role": "lead", "share": 50}),
                    (0, 0, {"department_id": service.id, "role": "collaborate", "share": 30}),
                    (0, 0, {"department_id": self.dep_ops.id, "role": "support", "share": 20}),
                ]
            }
        )
        self.assertEqual(self.kpi_retention.share_ids.mapped("proposed_weight"), [25, 15, 10])
        card = self.scorecard(department_id=self.dep_sales.id)
        line = self.env["synergy.scorecard.line"].create(
            {"scorecard_id": card.id, "kpi_id": self.kpi_retention.id, "target": 90}
        )
        self.assertEqual((line.weight, line.is_synergy), (25, True))
        with Form(self.scorecard(department_id=service.id)) as form, form.line_ids.new() as new:
            new.kpi_id = self.kpi_retention
            self.assertEqual(new.weight, 15)
            self.assertTrue(new.is_synergy)
            new.target = 90

    def test_shares_must_sum_to_100(self):
        with self.assertRefused(ValidationError, "sum to 90%"):
            self.kpi_complaints.write(
                {
                    "share_ids": [
                        (0, 0, {"department_id": self.dep_sales.id, "role": "lead", "share": 60}),
                        (0, 0, {"department_id": self.dep_ops.id, "share": 30}),
                    ]
                }
            )
        self.assertFalse(self.kpi_complaints.share_ids, "nothing half-saved")
        with self.assertRefused(ValidationError, "only one lead"):
            self.kpi_complaints.write(
                {
                    "share_ids": [
                        (0, 0, {"department_id": self.dep_sales.id, "role": "lead", "share": 60}),
                        (0, 0, {"department_id": self.dep_ops.id, "role": "lead", "share": 40}),
                    ]
                }
            )


@tagged("post_install", "-at_install")
class TestInterlock(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_service = cls.env["hr.department"].create(
            {"name": "Syn Service", "manager_id": cls.emp_ops.id}
        )
        cls.dep_sales.manager_id = cls.emp_head
        cls.interlock = cls.env["synergy.interlock"].create(
            {
                "name": "Retention, counted in full",
                "kpi_id": cls.kpi_retention.id,
                "period_id": cls.year.id,
                "target": 90,
                "floor": 70,
                "reward_amount": 100000,
                "penalty_amount": 20000,
                "member_ids": [
                    (
                        0,
                        0,
                        {
                            "department_id": cls.dep_sales.id,
                            "role": "lead",
                            "share": 60,
                            "weight": 10,
                            "reward_share": 60,
                            "penalty_share": 60,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "department_id": cls.dep_service.id,
                            "share": 40,
                            "mode": "reference",
                            "review_threshold": 80,
                            "reward_share": 40,
                            "penalty_share": 40,
                        },
                    ),
                ],
            }
        )

    def _company_value(self, amount):
        return self.value(self.kpi_retention, self.year, amount, owner_level="company")

    def test_counted_in_full_in_every_member(self):
        self.interlock.action_activate()
        lines = self.interlock.line_ids
        self.assertEqual(len(lines), 2)
        self.assertEqual(set(lines.mapped("department_id")), {self.dep_sales, self.dep_service})
        self.assertEqual(sorted(lines.mapped("weight")), [0, 10], "reference member has weight 0")
        self._company_value(81)
        self.assertEqual(lines.mapped("actual"), [81, 81], "never divided between members")
        self.assertEqual(self.interlock.outcome, "on_track")
        self.interlock.action_evaluate()
        # Service is a reference member under its threshold 80 (score 55): review activity.
        self.assertIn(self.user_ops, self.interlock.activity_ids.user_id)
        self.assertNotIn(self.user_head, self.interlock.activity_ids.user_id)

    def test_reward_when_achieved(self):
        self.interlock.action_activate()
        self._company_value(95)
        self.assertEqual(self.interlock.outcome, "achieved")
        sales, service = self.interlock.member_ids.sorted("share", reverse=True)
        self.assertEqual((sales.reward_value, service.reward_value), (60000, 40000))
        self.assertEqual(sales.penalty_value, 0)

    def test_under_floor_opens_joint_review_and_penalties(self):
        self.interlock.action_activate()
        self._company_value(60)
        self.interlock.action_evaluate()
        self.assertEqual(self.interlock.outcome, "under_floor")
        self.assertTrue(self.interlock.joint_review_opened)
        self.assertEqual(set(self.interlock.activity_ids.user_id), {self.user_head, self.user_ops})
        sales, service = self.interlock.member_ids.sorted("share", reverse=True)
        self.assertEqual((sales.penalty_value, service.penalty_value), (12000, 8000))
        activities = len(self.interlock.activity_ids)
        self.interlock.action_evaluate()
        self.assertEqual(len(self.interlock.activity_ids), activities, "evaluation is idempotent")

    def test_bad_members_are_refused(self):
        with self.assertRefused(ValidationError, "reward shares of interlock Bad sum to 50%"):
            self.env["synergy.interlock"].create(
                {
                    "name": "Bad",
                    "kpi_id": self.kpi_sales.id,
                    "period_id": self.year.id,
                    "target": 1,
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "department_id": self.dep_sales.id,
                                "share": 50,
                                "reward_share": 50,
                                "penalty_share": 50,
                            },
                        ),
                        (
                            0,
                            0,
                            {"department_id": self.dep_ops.id, "share": 50, "penalty_share": 50},
                        ),
                    ],
                }
            )
        with self.assertRefused(ValidationError, "weight must be 0"):
            self.interlock.member_ids[1].weight = 5
        lonely = self.env["synergy.interlock"].create(
            {"name": "Lonely", "kpi_id": self.kpi_sales.id, "period_id": self.year.id, "target": 1}
        )
        with self.assertRefused(UserError, "at least two member departments"):
            lonely.action_activate()

    def test_warning_beyond_three_interlocks(self):
        for index in range(3):
            self.interlock.copy(
                {
                    "name": f"Extra {index}",
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "department_id": self.dep_sales.id,
                                "share": 100,
                                "reward_share": 100,
                                "penalty_share": 100,
                            },
                        )
                    ],
                }
            )
        self.interlock.invalidate_recordset(["warning_message"])
        self.assertIn("Syn Sales", self.interlock.warning_message)
        self.assertNotIn("Syn Service", self.interlock.warning_message)
        member = self.env["synergy.interlock.member"].new({"department_id": self.dep_sales.id})
        self.assertIn("already holds 4", member._onchange_department_id()["warning"]["message"])


@tagged("post_install", "-at_install")
class TestDimensions(SynergyCase):
    """The same facts credited along two dimensions add up to the company total."""

    def test_two_dimensions_balance(self):
        Measure = self.env["synergy.measure"]
        region_head = self.env["res.users"].create({"name": "Region head", "login": "dim_region"})
        line_head = self.env["res.users"].create({"name": "Line head", "login": "dim_line"})
        dep_region = self.env["hr.department"].create({"name": "Region North"})
        dep_line = self.env["hr.department"].create({"name": "Product Line A"})
        Employee = self.env["hr.employee"]
        Employee.create({"name": "RH", "user_id": region_head.id, "department_id": dep_region.id})
        Employee.create({"name": "LH", "user_id": line_head.id, "department_id": dep_line.id})
        project = self.env["project.project"].create({"name": "Line A", "user_id": line_head.id})
        orphan_project = self.env["project.project"].create(
            {"name": "No manager", "user_id": False}
        )
        Task = self.env["project.task"]
        for hours, proj in ((10, project), (5, project), (3, orphan_project)):
            Task.create(
                {
                    "name": "Fact",
                    "project_id": proj.id,
                    "allocated_hours": hours,
                    "user_ids": [(6, 0, region_head.ids)],
                    "date_deadline": datetime(self.YEAR, 3, 3),
                }
            )
        measure = Measure.create(
            {
                "name": "Hours by region and product line",
                "model_id": self.env["ir.model"]._get_id("project.task"),
                "date_field": "date_deadline",
                "aggregate": "sum",
                "value_field": "allocated_hours",
                "owner_field": "user_ids",
                "second_owner_field": "project_id.user_id",
                "domain": "[('project_id.name', 'in', ['Line A', 'No manager'])]",
            }
        )
        march = self.months[2]
        check = self.env["synergy.dimension.check"].create(
            {"measure_id": measure.id, "period_id": march.id}
        )
        self.assertEqual((check.company_total, check.first_total, check.second_total), (18, 18, 15))
        self.assertFalse(check.balanced)
        self.assertIn("1 without project_id.user_id", check.missing_text)
        orphan_project.user_id = line_head
        check.invalidate_recordset()
        self.assertTrue(check.balanced)
        self.assertFalse(check.missing_text)
        # Both dimensions are credited as values.
        kpi = self.env["synergy.kpi"].create(
            {"code": "T-HRS", "name": "Hours", "value_source": "measure", "measure_id": measure.id}
        )
        Measure._compute_periods(march)
        values = self.env["synergy.kpi.value"].search([("kpi_id", "=", kpi.id)])
        self.assertEqual(
            {(v.department_id, v.value) for v in values}, {(dep_region, 18), (dep_line, 18)}
        )
        with self.assertRefused(ValidationError, "second dimension only makes sense"):
            measure.aggregate = "avg"
        with self.assertRefused(ValidationError, "does not lead anywhere"):
            measure.second_owner_field = "project_id.nope"
