from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestEvaluation(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dep_hr = Department.create({"name": "Eval HR", "synergy_tier": "back"})
        cls.dep_front = Department.create({"name": "Eval Front", "synergy_tier": "front"})
        cls.dep_hr.manager_id = cls.env["hr.employee"].create(
            {
                "name": "HR head",
                "department_id": cls.dep_hr.id,
                "user_id": make_synergy_user(
                    cls.env, "eval_hr_head", "perf_synergy.group_synergy_manager"
                ).id,
            }
        )
        cls.hr_user = make_synergy_user(cls.env, "eval_hr_staff", "perf_synergy.group_synergy_user")
        cls.env["hr.employee"].create(
            {"name": "HR staff", "department_id": cls.dep_hr.id, "user_id": cls.hr_user.id}
        )
        cls.customers = cls.env["res.users"]
        for index in range(4):
            user = make_synergy_user(
                cls.env, f"eval_customer_{index}", "perf_synergy.group_synergy_user"
            )
            cls.env["hr.employee"].create(
                {"name": f"Customer {index}", "department_id": cls.dep_front.id, "user_id": user.id}
            )
            cls.customers |= user
        cls.campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Q1 internal customers",
                "campaign_type": "internal_customer",
                "period_id": cls.q1.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "target_department_ids": [(6, 0, cls.dep_hr.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_front.ids)],
                "dimension_ids": [
                    (0, 0, {"name": "Responsiveness", "sequence": 1}),
                    (0, 0, {"name": "Quality", "sequence": 2}),
                ],
            }
        )

    def _answer(self, user, ratings):
        response = self.campaign.response_ids.filtered(lambda r: r.evaluator_id == user)
        for line, rating in zip(response.line_ids, ratings, strict=True):
            line.with_user(user).rating = str(rating)
        response.with_user(user).action_submit()
        return response

    def test_open_invites_every_customer(self):
        self.campaign.action_open()
        self.assertEqual(len(self.campaign.target_ids), 1)
        self.assertEqual(set(self.campaign.response_ids.evaluator_id), set(self.customers))
        self.assertEqual(len(self.campaign.response_ids.line_ids), 8)
        self.assertEqual(set(self.campaign.response_ids.activity_ids.user_id), set(self.customers))
        # Told by their own to-do: the campaign's chatter names no evaluator (anonymity).
        self.assertFalse(self.campaign.message_ids.partner_ids & self.customers.partner_id)

    def test_at_most_four_questions_for_internal_customers(self):
        with self.assertRefused(ValidationError, "at most 4 questions"):
            self.campaign.dimension_ids = [(0, 0, {"name": f"Q{i}"}) for i in range(3)]

    def test_tier_campaign_refuses_back_office_evaluating_front(self):
        with self.assertRefused(
            ValidationError, "never the reverse: Eval HR is not a front office"
        ):
            self.env["synergy.evaluation.campaign"].create(
                {
                    "name": "Wrong way",
                    "campaign_type": "tier",
                    "period_id": self.q1.id,
                    "date_deadline": f"{self.YEAR}-04-10",
                    "evaluator_department_ids": [(6, 0, self.dep_hr.ids)],
                    "target_department_ids": [(6, 0, self.dep_front.ids)],
                }
            )

    def test_results_anonymity_and_scorecard(self):
        card = self.scorecard(department_id=self.dep_hr.id, period=self.q1)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.q1, 80, department_id=self.dep_hr.id)
        self.campaign.action_open()
        self._answer(self.customers[0], [4, 4])
        self._answer(self.customers[1], [5, 4])
        # Two answers only: insufficient, nothing shown; with no tier result either, the
        # whole weight goes to the KPI part.
        self.campaign.action_close()
        target = self.campaign.target_ids
        self.assertEqual((target.status, target.score), ("insufficient", 0))
        self.assertFalse(card.internal_customer_available)
        self.assertEqual(card.internal_customer_weight, 0)
        self.assertAlmostEqual(card.final_score, 80)

    def test_sufficient_result_enters_the_scorecard(self):
        card = self.scorecard(department_id=self.dep_hr.id, period=self.q1)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.q1, 80, department_id=self.dep_hr.id)
        self.campaign.action_open()
        for user, ratings in zip(self.customers, ([4, 4], [5, 4], [4, 3], [4, 5]), strict=True):
            self._answer(user, ratings)
        self.campaign.action_close()
        given = self.env["synergy.event"].search(
            [("event_type", "=", "evaluation_given"), ("res_id", "=", self.campaign.id)]
        )
        self.assertEqual(set(given.user_id), set(self.customers))
        self.assertFalse(given.partner_department_id, "whom they evaluated is not logged")
        target = self.campaign.target_ids
        mean = (4 + 4.5 + 3.5 + 4.5) / 4
        self.assertAlmostEqual(target.subjective_score, (mean - 1) / 4 * 100)
        self.assertAlmostEqual(target.score, target.subjective_score, msg="no objective part")
        self.assertTrue(card.internal_customer_available)
        # Back office 10 % / 10 % in the scheme; no tier result: its 10 % goes to the KPI
        # part and the internal customers in proportion (80 : 10).
        self.assertAlmostEqual(card.internal_customer_weight, 100 / 9)
        self.assertEqual(card.tier_weight, 0)
        self.assertAlmostEqual(
            card.final_score,
            8 / 9 * 80 + 1 / 9 * target.score,
            msg="(1 - we - wt) x linked + we x ic, the tier's weight redistributed",
        )

        # The evaluated department reads the aggregate, never a response.
        hr_target = target.with_user(self.hr_user)
        self.assertAlmostEqual(hr_target.score, target.score)
        Response = self.env["synergy.evaluation.response"].with_user(self.hr_user)
        self.assertFalse(Response.search([("target_id", "=", target.id)]))
        with self.assertRaises(AccessError):
            self.campaign.response_ids[0].with_user(self.hr_user).read(["mean"])
        with self.assertRaises(AccessError):
            self.campaign.response_ids.line_ids[0].with_user(self.hr_user).read(["rating"])
        # An evaluator sees only their own answers; the office sees all.
        own = Response.with_user(self.customers[0]).search([])
        self.assertEqual(own.evaluator_id, self.customers[0])
        self.assertEqual(
            len(
                Response.with_user(self.user_officer).search(
                    [("campaign_id", "=", self.campaign.id)]
                )
            ),
            4,
        )

    def test_objective_blend(self):
        kpi_sla = self.env["synergy.kpi"].create({"code": "T-SLA", "name": "Request SLA"})
        self.value(kpi_sla, self.q1, 60, department_id=self.dep_hr.id)
        self.campaign.write({"objective_kpi_id": kpi_sla.id, "min_responses": 1})
        self.campaign.action_open()
        self._answer(self.customers[0], [5, 5])  # subjective 100
        self.campaign.response_ids.filtered(lambda r: r.review == "pending").write(
            {"review_reason": "A genuinely delighted customer"}
        )
        self.campaign.response_ids.filtered(lambda r: r.review == "pending").action_keep()
        self.campaign.action_close()
        self.assertAlmostEqual(self.campaign.target_ids.score, 0.7 * 100 + 0.3 * 60)

    def test_outliers_must_be_reviewed_before_closing(self):
        self.campaign.action_open()
        self._answer(self.customers[0], [4, 4])
        self._answer(self.customers[1], [4, 5])
        self._answer(self.customers[2], [4, 4])
        odd = self._answer(self.customers[3], [1, 1])
        self.assertEqual((odd.review, odd.outlier_reason), ("pending", "all_min"))
        with self.assertRefused(UserError, "Review the flagged responses.*Eval HR"):
            self.campaign.action_close()
        with self.assertRefused(ValidationError, "reason"):
            odd.action_exclude()
        with self.assertRefused(UserError, "Officer"):
            odd.with_user(self.customers[0]).action_exclude()
        odd.review_reason = "Personal conflict, not about the service"
        odd.action_exclude()
        self.campaign.action_close()
        self.assertEqual(self.campaign.target_ids.response_count, 3)
        self.assertAlmostEqual(
            self.campaign.target_ids.subjective_score, ((4 + 4.5 + 4) / 3 - 1) * 25
        )

    def test_evaluator_cannot_tamper(self):
        self.campaign.action_open()
        response = self.campaign.response_ids.filtered(
            lambda r: r.evaluator_id == self.customers[0]
        )
        with self.assertRefused(UserError, "set by the product's own actions"):
            response.with_user(self.customers[0]).write({"state": "submitted"})
        with self.assertRefused(ValidationError, "Rate every question"):
            response.with_user(self.customers[0]).action_submit()
        self._answer(self.customers[0], [3, 3])
        with self.assertRefused(UserError, "only be changed while the record is To Fill"):
            response.line_ids[0].with_user(self.customers[0]).rating = "5"

    def test_multi_role_weights(self):
        seller_manager = self.emp_head
        self.emp_seller.parent_id = seller_manager
        campaign = self.env["synergy.evaluation.campaign"].create(
            {
                "name": "Multi-role",
                "campaign_type": "multi_role",
                "period_id": self.q1.id,
                "date_deadline": f"{self.YEAR}-04-10",
                "target_employee_ids": [(6, 0, self.emp_seller.ids)],
                "evaluator_department_ids": [(6, 0, self.dep_front.ids)],
                "min_responses": 1,
                "dimension_ids": [(0, 0, {"name": "Cooperation"})],
            }
        )
        campaign.action_open()
        roles = {r.evaluator_id: r.evaluator_role for r in campaign.response_ids}
        self.assertEqual(roles[self.user_head], "line_manager")
        self.assertEqual(roles[self.customers[0]], "customer")
        for response in campaign.response_ids:
            rating = "5" if response.evaluator_role == "line_manager" else "3"
            response.line_ids.rating = rating
            response.action_submit()
        campaign.response_ids.filtered(lambda r: r.review == "pending").write(
            {"review_reason": "Checked"}
        )
        campaign.response_ids.filtered(lambda r: r.review == "pending").action_keep()
        campaign.action_close()
        # Line manager 5 (weight 50), customers 3 (weight 20); no project manager.
        expected = ((50 * 5 + 20 * 3) / 70 - 1) * 25
        self.assertAlmostEqual(campaign.target_ids.score, expected)
        with self.assertRefused(UserError, "closed and locked"):
            campaign.weight_customer = 10

    def test_a_closed_period_is_not_evaluated_again(self):
        """Red team 5: a campaign closed after its period had closed rewrote the closed
        department scorecards (its close unlocks, for its own records). Opening or closing a
        campaign of a closed period is refused, and the closed results stay."""
        card = self.scorecard(department_id=self.dep_hr.id, period=self.q1)
        officer = self.user_officer
        self.campaign.with_user(officer).action_open()
        for user in self.customers:
            self._answer(user, [1, 1])
        self.q1.with_user(officer).action_close()
        closed = card.read(["internal_customer_score", "final_score", "grade"])[0]
        with self.assertRefused(UserError, "is closed: its results are final"):
            self.campaign.with_user(officer).action_close()
        later = self.campaign.copy({"name": "Q1 again"})
        with self.assertRefused(UserError, "is closed: its results are final"):
            later.with_user(officer).action_open()
        card.invalidate_recordset()
        self.assertEqual(card.read(["internal_customer_score", "final_score", "grade"])[0], closed)


@tagged("post_install", "-at_install")
class TestEvaluationUi(HttpCase):
    def test_customer_fills_and_submits_an_evaluation(self):
        self.env["synergy.period.generate"].create({"year": 2035}).action_generate()
        period = self.env["synergy.period"].search([("name", "=", "2035")])
        support = self.env["hr.department"].create({"name": "Tour Support", "synergy_tier": "back"})
        customers = self.env["hr.department"].create({"name": "Tour Customers"})
        user = make_synergy_user(
            self.env, "eval_tour_user", "perf_synergy.group_synergy_user", password="eval_tour_user"
        )
        self.env["hr.employee"].create(
            {"name": "Tour customer", "department_id": customers.id, "user_id": user.id}
        )
        campaign = self.env["synergy.evaluation.campaign"].create(
            {
                "name": "Tour campaign",
                "period_id": period.id,
                "date_deadline": "2035-04-10",
                "target_department_ids": [(6, 0, support.ids)],
                "evaluator_department_ids": [(6, 0, customers.ids)],
                "dimension_ids": [(0, 0, {"name": "Speed"}), (0, 0, {"name": "Quality"})],
            }
        )
        campaign.action_open()
        self.start_tour(
            "/odoo/action-perf_synergy.action_synergy_my_evaluations",
            "perf_synergy_evaluation",
            login="eval_tour_user",
        )
        response = campaign.response_ids
        self.assertEqual(response.state, "submitted")
        self.assertEqual(response.line_ids.sorted("sequence").mapped("rating"), ["4", "5"])
