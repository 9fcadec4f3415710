from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SynergyCase, json2_request, rpc_keys


@tagged("post_install", "-at_install")
class TestTierReviewSecurity(HttpCase, SynergyCase):
    """Red team (issue 18): OCA lets every internal user write any tier.review, so a head
    could approve the review of next year's scheme (grade bands, score cap) himself and the
    officer's approval would pass. The product's reviews change only through the record's
    review actions (synergy.tier.validation), over the ORM and over JSON-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].create(
            {
                "model_id": cls.env["ir.model"]._get_id("synergy.scheme"),
                "review_type": "individual",
                "reviewer_id": cls.user_officer.id,
            }
        )
        cls.draft = cls.env["synergy.scheme"].create({"name": "Next policy", "year": cls.YEAR + 1})
        cls.draft.request_validation()
        cls.review = cls.draft.review_ids
        cls.review.ensure_one()
        cls.outsider = new_test_user(cls.env, login="syn_t_outsider", groups="base.group_user")
        cls.keys = rpc_keys((cls.user_head, cls.user_seller, cls.outsider), "Red team")

    def json2(self, model, method, payload, user):
        return json2_request(self, self.keys[user], model, method, payload)

    def test_a_head_cannot_approve_the_review_of_a_policy(self):
        for user in (self.user_head, self.user_seller, self.outsider):
            with self.subTest(user=user.login):
                response = self.json2(
                    "tier.review",
                    "write",
                    {"ids": self.review.ids, "vals": {"status": "approved", "done_by": user.id}},
                    user,
                )
                self.assertIn(response.status_code, (403, 422), response.text)
                with self.assertRaises(AccessError):
                    self.review.with_user(user).unlink()
                for method in ("restart_validation", "request_validation"):
                    response = self.json2("synergy.scheme", method, {"ids": self.draft.ids}, user)
                    self.assertIn(response.status_code, (403, 422), response.text)
        self.env.invalidate_all()
        self.assertEqual(self.review.status, "pending")
        with self.assertRaises(ValidationError):
            self.draft.with_user(self.user_officer).action_approve()
        # The reviewer decides through the scheme; then the approval passes.
        self.draft.with_user(self.user_officer).validate_tier()
        self.assertEqual(self.review.status, "approved")
        self.draft.with_user(self.user_officer).action_approve()
        self.assertEqual(self.draft.state, "approved")

    def test_outsiders_do_not_read_the_products_reviews(self):
        domain = [("model", "=", "synergy.scheme"), ("res_id", "=", self.draft.id)]
        Review = self.env["tier.review"]
        self.assertFalse(Review.with_user(self.outsider).search(domain))
        response = self.json2(
            "tier.review", "search_read", {"domain": domain, "fields": ["status"]}, self.outsider
        )
        self.assertEqual(response.json(), [], response.text)
        self.assertEqual(Review.with_user(self.user_seller).search(domain), self.review)
