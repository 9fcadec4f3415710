from odoo.addons.perf_synergy.tests.common import json2_request, rpc_keys
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EsgCase


class EsgReviewMixin:
    """A submitted report reviewed by its supplier's buyer (a field tier on the buyer)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.definition = cls.add_buyer_review_tier()
        cls.other_buyer = new_test_user(
            cls.env, login="esg_t_rev_other", groups="perf_synergy_esg.group_esg_user"
        )
        cls.employee = new_test_user(cls.env, login="esg_t_rev_employee", groups="base.group_user")
        cls.fill(cls.report)
        cls.report.with_user(cls.portal_user).action_submit()
        cls.review = cls.report.review_ids
        cls.review.ensure_one()


@tagged("post_install", "-at_install")
class TestEsgTierReviewSecurity(EsgReviewMixin, EsgCase):
    """Red team (issue 18): OCA lets every internal user write any tier.review; the reviews of
    ESG reports are read by ESG users only and change only through the report's actions."""

    def test_only_esg_users_read_the_reviews(self):
        Review = self.env["tier.review"]
        domain = [("model", "=", "synergy.esg.report"), ("res_id", "=", self.report.id)]
        for user in (self.employee, self.portal_user, self.other_portal_user):
            self.assertFalse(Review.with_user(user).search(domain), user.login)
            with self.assertRaises(AccessError):
                self.review.with_user(user).read(["status", "comment"])
        for user in (self.buyer, self.other_buyer, self.manager):
            self.assertEqual(Review.with_user(user).search(domain), self.review, user.login)

    def test_nobody_changes_a_review_directly(self):
        """Not even the assigned buyer: approving is validate_tier's, which records who."""
        for user in (self.employee, self.other_buyer, self.buyer, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.review.with_user(user).write(
                        {"status": "approved", "done_by": self.buyer.id}
                    )
                with self.assertRaises(AccessError):
                    self.review.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["tier.review"].with_user(user).create(
                        {
                            "model": "synergy.esg.report",
                            "res_id": self.report.id,
                            "definition_id": self.definition.id,
                        }
                    )
        self.assertEqual(self.review.status, "pending")
        self.assertNotEqual(self.report.validation_status, "validated")

    def test_restart_and_request_are_the_managers(self):
        for user in (self.buyer, self.other_buyer, self.portal_user):
            for method in ("restart_validation", "request_validation"):
                with self.assertRaisesRegex(AccessError, "You may not run"):
                    getattr(self.report.with_user(user), method)()
        self.assertEqual(self.report.review_ids, self.review)
        buyer_arch = self.report.with_user(self.buyer).get_view(view_type="form")["arch"]
        self.assertNotIn('name="restart_validation"', str(buyer_arch))
        manager_arch = self.report.with_user(self.manager).get_view(view_type="form")["arch"]
        self.assertIn('name="restart_validation"', str(manager_arch))
        self.report.with_user(self.manager).restart_validation()
        self.assertFalse(self.report.review_ids)
        self.report.with_user(self.manager).request_validation()
        self.assertEqual(self.report.review_ids.status, "pending", "a new review for the buyer")
        self.assertTrue(self.report.with_user(self.buyer).can_review)

    def test_the_assigned_buyer_decides_with_a_comment(self):
        self.definition.has_comment = True
        action = self.report.with_user(self.buyer).validate_tier()
        self.assertEqual(action["res_model"], "comment.wizard")
        Wizard = self.env["comment.wizard"]
        context = action["context"]
        values = {
            "res_model": context["default_res_model"],
            "res_id": context["default_res_id"],
            "review_ids": [(6, 0, context["default_review_ids"])],
            "validate_reject": context["default_validate_reject"],
            "comment": "Evidence checked",
        }
        # Another ESG user cannot decide the buyer's review through the wizard.
        with self.assertRaisesRegex(AccessError, "Only the reviewer"):
            Wizard.with_user(self.other_buyer).create(values).add_comment()
        self.assertEqual(self.review.status, "pending")
        Wizard.with_user(self.buyer).create(values).add_comment()
        self.assertEqual(self.review.status, "approved")
        self.assertEqual(self.review.done_by, self.buyer)
        self.assertEqual(self.review.comment, "Evidence checked")
        self.assertEqual(self.report.validation_status, "validated")


@tagged("post_install", "-at_install")
class TestEsgTierReviewOverJson2(EsgReviewMixin, HttpCase, EsgCase):
    """The same over JSON-2 with real API keys: an employee, another buyer and the supplier
    cannot approve the buyer's review, so the ESG manager cannot validate without it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        keys = rpc_keys((cls.employee, cls.other_buyer, cls.portal_user), "Red team")
        cls.keys = {user.login: key for user, key in keys.items()}

    def json2(self, model, method, payload, key):
        return json2_request(self, key, model, method, payload)

    def test_nobody_approves_the_buyers_review_over_json2(self):
        for login, key in self.keys.items():
            with self.subTest(login=login):
                response = self.json2(
                    "tier.review",
                    "write",
                    {"ids": self.review.ids, "vals": {"status": "approved"}},
                    key,
                )
                self.assertIn(response.status_code, (403, 422), response.text)
                response = self.json2(
                    "tier.review",
                    "search_read",
                    {
                        "domain": [
                            ("model", "=", "synergy.esg.report"),
                            ("res_id", "=", self.report.id),
                        ],
                        "fields": ["status"],
                    },
                    key,
                )
                rows = response.json() if response.status_code == 200 else []
                if login != self.other_buyer.login:
                    self.assertEqual(rows, [], response.text)
                response = self.json2(
                    "synergy.esg.report", "restart_validation", {"ids": self.report.ids}, key
                )
                self.assertIn(response.status_code, (403, 422), response.text)
        self.env.invalidate_all()
        self.assertEqual(self.review.status, "pending")
        with self.assertRaisesRegex(Exception, "validat"):
            self.report.with_user(self.manager).action_validate()
