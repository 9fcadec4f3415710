import html

from odoo.tests import new_test_user, tagged

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgBuyerReview(EsgCase):
    """The buyer who receives the review activity of a submitted report can approve or
    reject his review from the report (issue 18): the tier validation's buttons, for the
    assigned reviewer only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add_buyer_review_tier()
        cls.other_buyer = new_test_user(
            cls.env, login="esg_t_buyer_other", groups="perf_synergy_esg.group_esg_user"
        )
        cls.fill(cls.report)
        cls.report.with_user(cls.portal_user).action_submit()

    def test_the_assigned_buyer_has_the_review_buttons(self):
        report = self.report.with_user(self.buyer)
        self.assertEqual(report.activity_ids.user_id, self.buyer, "his review activity")
        self.assertTrue(report.can_review)
        arch = report.get_view(view_type="form")["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        self.assertIn('name="validate_tier"', arch)
        self.assertIn('name="reject_tier"', arch)
        self.assertFalse(self.report.with_user(self.other_buyer).can_review, "not his review")

    def test_buyer_approves_his_review_then_the_manager_validates(self):
        self.report.with_user(self.buyer).validate_tier()
        self.assertEqual(self.report.validation_status, "validated")
        self.assertFalse(
            self.report.activity_ids.filtered(lambda a: a.user_id == self.buyer),
            "the buyer's review activity is done",
        )
        self.report.with_user(self.manager).action_validate()
        self.assertEqual(self.report.state, "validated")

    def test_another_user_cannot_take_the_buyers_review(self):
        self.report.with_user(self.other_buyer).validate_tier()
        self.assertNotEqual(self.report.validation_status, "validated")
        self.assertTrue(self.report.activity_ids.filtered(lambda a: a.user_id == self.buyer))

    def test_buyer_rejects_his_review(self):
        self.report.with_user(self.buyer).reject_tier()
        self.assertEqual(self.report.validation_status, "rejected")
        self.assertEqual(self.report.state, "submitted", "the ESG manager returns it with a reason")

    def test_buyer_lands_on_the_esg_dashboard(self):
        action = self.env["hr.department"].with_user(self.buyer).action_synergy_landing()
        self.assertEqual(action["params"]["model"], "synergy.dashboard.esg")
        self.assertIn(self.report, self.env["synergy.esg.report"].with_user(self.buyer).search([]))

    def test_the_review_banner_speaks_the_buyers_chinese(self):
        """OCA's banner, buttons and chatter notes in zh_CN (issue 18): base_tier_validation
        19.0 leaves them untranslated; this addon ships them (i18n_extra, its own terms)."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        if not Lang.search([("code", "=", "zh_CN"), ("active", "=", True)]):
            Lang._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("base_tier_validation", "perf_synergy_esg"))]
        )._update_translations(["zh_CN"])
        self.buyer.lang = "zh_CN"
        report = self.report.with_user(self.buyer).with_context(lang="zh_CN")
        self.assertIn("审核", report.to_validate_message)
        self.assertNotIn("validated", report.to_validate_message)
        arch = report.get_view(view_type="form")["arch"]
        arch = html.unescape(arch.decode() if isinstance(arch, bytes) else arch)
        for chinese in ('string="审核通过"', 'string="驳回"', "已<b>审核通过</b>"):
            self.assertIn(chinese, arch)
        for english in ('string="Validate"', 'string="Reject"', "Operation has been"):
            self.assertNotIn(english, arch)
        report.validate_tier()
        note = report.message_ids.filtered(lambda message: "审核已通过" in (message.body or ""))
        self.assertTrue(note, "the chatter says the review was accepted, in Chinese")
