from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestScheme(SynergyCase):
    def test_new_version_supersedes_the_old_one(self):
        action = self.scheme.action_new_version()
        v2 = self.env["synergy.scheme"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, v2.previous_id), (2, "draft", self.scheme))
        v2.min_synergy_weight = 30
        v2.action_approve()
        self.assertEqual(self.scheme.state, "superseded")
        self.assertEqual(self.scheme.min_synergy_weight, 20, "history stays readable")
        self.assertEqual(self.env["synergy.scheme"]._get_for(self.company, self.YEAR), v2)

    def test_approved_policy_is_frozen(self):
        with self.assertRefused(UserError, "New Version"):
            self.scheme.score_cap = 150

    def test_grades(self):
        self.assertEqual(
            [self.scheme.grade_for(v) for v in (110, 100, 85, 65, 10)], ["S", "A", "B", "C", "D"]
        )
        with self.assertRefused(ValidationError, "decrease"):
            self.env["synergy.scheme"].create(
                {"name": "Bad", "year": self.YEAR + 1, "grade_a_min": 120}
            )
        with self.assertRefused(ValidationError, "linkage band"):
            self.env["synergy.scheme"].create(
                {"name": "Bad", "year": self.YEAR + 1, "linkage_strong_min": 40}
            )

    def test_approval_goes_through_tier_validation(self):
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("synergy.scheme"),
                "review_type": "individual",
                "reviewer_id": self.user_officer.id,
            }
        )
        draft = self.env["synergy.scheme"].create({"name": "Needs review", "year": self.YEAR + 1})
        self.assertTrue(draft.need_validation)
        with self.assertRaises(ValidationError):
            draft.action_approve()
        draft.request_validation()
        draft.invalidate_recordset()
        draft.with_user(self.user_officer).validate_tier()
        draft.action_approve()
        self.assertEqual(draft.state, "approved")
