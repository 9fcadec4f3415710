from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestBehavior(SynergyCase):
    def _propose(self, employee, xmlid, proposer, **values):
        return (
            self.env["synergy.behavior.record"]
            .with_user(proposer)
            .create(
                {
                    "employee_id": employee.id,
                    "type_id": self.env.ref(f"perf_synergy.{xmlid}").id,
                    "date": f"{self.YEAR}-02-15",
                    "evidence": "Minutes of the joint meeting",
                    **values,
                }
            )
        )

    def test_catalogue_defaults(self):
        points = {
            xmlid: self.env.ref(f"perf_synergy.{xmlid}").points
            for xmlid in (
                "behavior_lead_project",
                "behavior_share_data",
                "behavior_process_improvement",
                "behavior_refuse_cooperation",
                "behavior_information_blockade",
                "behavior_obstruct_improvement",
            )
        }
        self.assertEqual(sorted(points.values()), [-5, -4, -3, 2, 2, 3])

    def test_proposal_rules(self):
        with self.assertRefused(ValidationError, "cannot propose points for themself"):
            self._propose(self.emp_head, "behavior_share_data", self.user_head)
        with self.assertRefused(ValidationError, "needs evidence"):
            self._propose(self.emp_seller, "behavior_share_data", self.user_head, evidence=False)
        record = self._propose(self.emp_seller, "behavior_share_data", self.user_head)
        self.assertEqual((record.points, record.department_id), (2, self.dep_sales_north))
        self.assertEqual(record.period_id, self.months[1], "the month of the date")
        record.action_submit()
        with self.assertRefused(UserError, "not their proposer"):
            record.with_user(self.user_head).action_approve()
        record.with_user(self.user_officer).action_approve()
        self.assertEqual(record.state, "approved")

    def test_nobody_approves_his_own_points_or_sets_the_workflow(self):
        """Officers included: the beneficiary never approves; state and proposer come from the
        server, whatever a head sends."""
        officer_employee = self.env["hr.employee"].create(
            {"name": "Officer", "user_id": self.user_officer.id, "department_id": self.dep_ops.id}
        )
        other_officer = make_synergy_user(
            self.env, "syn_officer_two", "perf_synergy.group_synergy_officer"
        )
        record = self._propose(officer_employee, "behavior_share_data", other_officer)
        record.with_user(other_officer).action_submit()
        with self.assertRefused(UserError, "Nobody approves his own points"):
            record.with_user(self.user_officer).action_approve()
        with self.assertRefused(AccessError, "while the record is Draft|State of"):
            self._propose(self.emp_seller, "behavior_share_data", self.user_head, state="approved")
        with self.assertRefused(AccessError, "Proposed By|Proposer"):
            self._propose(
                self.emp_seller,
                "behavior_share_data",
                self.user_head,
                proposer_id=self.user_officer.id,
            )
        with self.assertRefused(AccessError, "Points"):
            self._propose(self.emp_seller, "behavior_share_data", self.user_head, points=50)

    def test_ledger_is_capped_in_the_composite(self):
        card = self.scorecard("employee", employee_id=self.emp_seller.id)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(
            self.kpi_sales, self.year, 90, owner_level="employee", employee_id=self.emp_seller.id
        )
        for xmlid in (
            "behavior_lead_project",
            "behavior_process_improvement",
            "behavior_share_data",
        ):
            record = self._propose(self.emp_seller, xmlid, self.user_head)
            record.with_user(self.user_officer).action_approve()
        refused = self._propose(self.emp_seller, "behavior_share_data", self.user_head)
        refused.action_reject()
        card._refresh_actuals()
        self.assertEqual(card.behavior_points, 7)
        self.assertEqual(card.behavior_points_capped, 5, "scheme cap")
        self.assertAlmostEqual(card.final_score, 95)
        self.assertEqual(card.grade, "A")
        composite = card.explanation["composite"]
        self.assertEqual(composite["behavior_points"], 7)
        self.assertEqual(composite["behavior_points_capped"], 5)
        self.assertEqual(composite["behavior_cap"], 5)

    def test_tier_validation_of_points(self):
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("synergy.behavior.record"),
                "review_type": "individual",
                "reviewer_id": self.user_officer.id,
            }
        )
        record = self._propose(self.emp_seller, "behavior_share_data", self.user_head)
        record.action_submit()
        self.assertTrue(record.review_ids)
        with self.assertRaises(ValidationError):
            record.with_user(self.user_officer).action_approve()
        record.with_user(self.user_officer).validate_tier()
        record.with_user(self.user_officer).action_approve()
        self.assertEqual(record.state, "approved")


@tagged("post_install", "-at_install")
class TestPublish(SynergyCase):
    def test_employee_sees_own_result_once_published(self):
        card = self.scorecard("employee", employee_id=self.emp_seller.id)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(
            self.kpi_sales, self.year, 90, owner_level="employee", employee_id=self.emp_seller.id
        )
        card._refresh_actuals()
        card.action_confirm()
        mine = card.with_user(self.user_seller)
        self.assertEqual(mine.read(["published_grade"])[0]["published_grade"], False)
        with self.assertRaises(AccessError):
            mine.read(["final_score"])
        with self.assertRefused(UserError, "Officer"):
            card.with_user(self.user_head).action_publish()
        card.with_user(self.user_officer).action_publish()
        self.assertEqual(mine.read(["published_grade"])[0]["published_grade"], "B")
        self.assertAlmostEqual(mine.read(["published_final_score"])[0]["published_final_score"], 90)
