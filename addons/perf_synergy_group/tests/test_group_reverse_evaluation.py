from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupReverseEvaluation(GroupCase):
    """Subsidiaries score the parent company's shared-service departments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared_finance = cls.env["hr.department"].create(
            {"name": "Group Shared Finance", "company_id": cls.holding.id, "synergy_tier": "back"}
        )
        cls.evaluators = cls.env["res.users"]
        for company, login in ((cls.sub_us, "grp_us_user"), (cls.sub_hk, "grp_hk_user")):
            user = new_test_user(
                cls.env,
                login=login,
                groups="perf_synergy.group_synergy_user",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            cls.env["hr.employee"].create(
                {"name": login, "user_id": user.id, "company_id": company.id}
            )
            cls.evaluators |= user
        cls.campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Shared services 2031",
                "company_id": cls.holding.id,
                "campaign_type": "group_shared_service",
                "period_id": cls.g_year.id,
                "date_deadline": f"{cls.YEAR}-12-20",
                "target_department_ids": [(6, 0, cls.shared_finance.ids)],
                "evaluator_entity_ids": [(6, 0, (cls.e_us | cls.e_hk).ids)],
                "evaluator_scope": "all",
                "min_responses": 2,
                "dimension_ids": [(0, 0, {"name": "Speed"}), (0, 0, {"name": "Quality"})],
            }
        )

    def test_subsidiaries_evaluate_the_parent_shared_services(self):
        self.campaign.action_open()
        responses = self.campaign.response_ids
        self.assertEqual(responses.evaluator_id, self.evaluators)
        self.assertEqual(set(responses.mapped("evaluator_role")), {"subsidiary"})
        for user, rating in zip(self.evaluators, ("4", "3"), strict=True):
            env = self.env(user=user, context={"allowed_company_ids": user.company_id.ids})
            mine = self.env["synergy.evaluation.response"].with_env(env).search([])
            self.assertEqual(len(mine), 1)
            self.assertEqual(mine.target_name, "Group Shared Finance")
            mine.write({"line_ids": [(1, line.id, {"rating": rating}) for line in mine.line_ids]})
            mine.action_submit()
            # answering does not open the parent company's other records
            with self.assertRefused(AccessError, "company|not allowed|restricted"):
                self.shared_finance.with_env(env).read(["name"])
        self.campaign.action_close()
        result = self.campaign.target_ids
        self.assertEqual((result.status, result.response_count), ("done", 2))
        self.assertGreater(result.score, 0)

    def test_only_subsidiaries_evaluate(self):
        from odoo.exceptions import ValidationError

        with self.assertRefused(ValidationError, "choose subsidiaries"):
            self.campaign.evaluator_entity_ids = self.e_holding
